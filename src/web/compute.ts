/**
 * What the explorer's Web Worker does for one job: the same pipeline as the CLI's run, compare
 * and explore commands (validate, the window check, replications on the seed's streams), then
 * the same files (tidy CSVs, JSON documents, manifest, scenario), the same chart specs rendered
 * with vega, and the same report.html, all in memory. Imports nothing from `node:`.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { PACKAGE } from 'goldilocks:shipped';
import { parseScenario, settingsFor } from '../api/pure.js';
import { canonicalJson } from '../scenario/parse.js';
import type { Scenario } from '../scenario/schema.js';
import { checkWindow } from '../cli/window.js';
import { runScenario } from '../experiment/replications.js';
import { runDocument, runOutputFiles } from '../experiment/run-files.js';
import { compareDesigns, comparisonDocument, uniqueNames } from '../experiment/compare.js';
import { comparisonOutputFiles } from '../experiment/compare-files.js';
import { explore, explorationDocument } from '../experiment/explore.js';
import { explorationOutputFiles } from '../experiment/explore-files.js';
import { buildManifest, type ManifestInput } from '../experiment/manifest-core.js';
import { toJson } from '../experiment/csv.js';
import { comparisonChartSpecs, explorationChartSpecs, runChartSpecs } from '../report/command-charts.js';
import type { ChartSpec } from '../report/charts.js';
import { buildReportFrom, buildSummaryFrom, type ReportFiles } from '../report/html.js';
import { renderSvg } from './render-browser.js';
import type { ChartOut, Job, JobResult, SummaryOut } from './protocol.js';

export type Progress = (done: number, total: number, stage: string) => void;

/** sha256 of the validated scenario's canonical JSON: the manifest's scenarioSha256, as hashOf in Node. */
export function scenarioHash(s: Scenario): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(s))));
}

/** The manifest of a run in this browser: the bundled package version; `node` says where it ran instead. */
export function browserManifest(m: ManifestInput): Record<string, unknown> {
  const ua = typeof navigator !== 'undefined' ? navigator.userAgent : 'unknown browser';
  return buildManifest(m, { tool: PACKAGE.name, version: PACKAGE.version, node: `none: run in a web browser (${ua})` });
}

/** A `ReportFiles` view of files held in memory. */
export function memoryFiles(name: string, files: ReadonlyArray<[string, string]>): ReportFiles {
  const map = new Map(files);
  return {
    name,
    has: (f) => map.has(f),
    read: (f) => {
      const text = map.get(f);
      if (text === undefined) throw new Error(`${f}: no such file`);
      return text;
    },
    list: (folder) => [...map.keys()].filter((f) => f.startsWith(`${folder}/`) && !f.slice(folder.length + 1).includes('/')).map((f) => f.slice(folder.length + 1)),
  };
}

async function chartFiles(specs: ChartSpec[], progress: Progress): Promise<{ files: Array<[string, string]>; charts: ChartOut[] }> {
  const files: Array<[string, string]> = [];
  const charts: ChartOut[] = [];
  for (const [i, chart] of specs.entries()) {
    progress(i, specs.length, 'drawing charts');
    const svg = await renderSvg(chart.spec);
    files.push([`charts/${chart.name}.vl.json`, toJson(chart.spec)], [`charts/${chart.name}.svg`, svg]);
    charts.push({ name: chart.name, title: chart.title, svg });
  }
  return { files, charts };
}

/** The document as the CLI prints it (NaN → null). */
const printed = (doc: unknown): unknown => JSON.parse(toJson(doc));

function label(job: Job, i: number): string {
  return job.labels?.[i] ?? (typeof job.sources[i] === 'string' ? '<scenario text>' : '<scenario object>');
}

/** Run one job. Throws InputError (with the CLI's message) on bad input. */
export async function compute(job: Job, progress: Progress, onDoc?: (doc: unknown, seconds: number, summary?: SummaryOut) => void): Promise<JobResult> {
  const started = performance.now();
  const o = job.options;
  const scenarios = job.sources.map((s, i) => parseScenario(s as string, { file: label(job, i) }));
  if (scenarios.length === 0) throw new RangeError('no scenario given');
  const settings = settingsFor(scenarios[0], { replications: o.replications, seed: o.seed, years: o.years, warmupDays: o.warmupDays });
  checkWindow(settings, label(job, 0));
  const wall = () => (performance.now() - started) / 1000;
  let doc: unknown;
  let files: Array<[string, string]> = [];
  let specs: ChartSpec[] = [];
  let folder: string;
  if (job.kind === 'run') {
    const s = scenarios[0];
    const results = runScenario(s, settings, (d) => progress(d, settings.replications, 'replications'));
    doc = runDocument(s.name, results);
    if (job.files) {
      files = runOutputFiles(s.name, results, scenarioHash(s), wall(), {}, s, browserManifest);
      specs = runChartSpecs(s.name, results, s);
    }
    folder = s.name;
  } else if (job.kind === 'compare') {
    if (scenarios.length < 2) throw new RangeError('compare needs at least two scenarios');
    const names = uniqueNames(scenarios.map((s) => s.name));
    const reps = settings.replications;
    const c = compareDesigns(scenarios.map((s, i) => ({ name: names[i], scenario: s })), settings, {}, (d, total) => progress(d, total, `design ${Math.floor((d - 1) / reps) + 1} of ${scenarios.length}`));
    doc = comparisonDocument(c);
    if (job.files) {
      files = comparisonOutputFiles(c, scenarios.map(scenarioHash), wall(), {}, scenarios.map((s, i) => ({ name: names[i], scenario: s })), browserManifest);
      specs = comparisonChartSpecs(c);
    }
    folder = names.slice(0, 2).join('-vs-');
  } else {
    const s = scenarios[0];
    const steps = o.steps ?? 11;
    if (!Number.isInteger(steps) || steps < 2) throw new RangeError('steps must be a whole number of at least 2 (the two ends of the dial)');
    const e = explore(s, settings, steps, (d, t) => progress(d, t, 'dial levels'));
    doc = explorationDocument(s.name, e);
    if (job.files) {
      files = explorationOutputFiles(s.name, e, scenarioHash(s), wall(), s, browserManifest);
      specs = explorationChartSpecs(s.name, e);
    }
    folder = s.name;
  }
  // The report's one-page summary needs no charts: the page shows it with the document, at once.
  let summary: SummaryOut | undefined;
  if (job.files) {
    const s = buildSummaryFrom(memoryFiles(folder, files));
    if (s) summary = { title: s.title, question: s.question, html: s.html };
  }
  onDoc?.(printed(doc), wall(), summary);
  let charts: ChartOut[] = [];
  if (job.files) {
    const drawn = await chartFiles(specs, progress);
    charts = drawn.charts;
    files.push(...drawn.files);
    const report = buildReportFrom(memoryFiles(folder, files));
    if (report) files.push(['report.html', report.html]);
  }
  return { kind: job.kind, doc: printed(doc), files, charts, summary, seconds: wall() };
}
