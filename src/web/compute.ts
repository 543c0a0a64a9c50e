/**
 * The explorer's door to the job pipeline (run in its coordinating Web Worker): the page's
 * scenario text in, the pipeline's checking step with the page's wording, replications on the
 * page's workers, then the same files, chart specs (drawn with vega in the browser) and
 * report.html as the CLI, all in memory. Imports nothing from `node:`.
 */
import { PACKAGE } from 'goldilocks:shipped';
import { designOf, type ScenarioSource } from '../jobs/designs.js';
import { buildManifest, type ManifestInput } from '../experiment/manifest-core.js';
import { toJson } from '../experiment/csv.js';
import { buildReportFrom, buildSummary, buildSummaryFrom } from '../report/html.js';
import { memoryFiles } from '../report/memory-files.js';
import { checkUncertainty, checkUncertaintyBeforeJob, documentWithUncertainty, simulateUncertainty } from '../jobs/uncertainty.js';
import type { UncertaintyOutcome } from '../experiment/uncertainty.js';
import { uncertaintyChartSpecs, uncertaintyManifestFields, uncertaintyTextFiles } from '../jobs/uncertainty-files.js';
import { checkJob, checkOptionKeys } from '../jobs/check.js';
import { simulateJob } from '../jobs/simulate.js';
import { deliver, jobDocument, jobFolderName, type OutputSink } from '../jobs/outputs.js';
import { autoWorkers } from '../jobs/estimate.js';
import { portRunner } from './web-runner.js';
import { renderSvg } from './render-browser.js';
import type { Job, JobResult, SummaryOut } from './protocol.js';
import { candidatesCsv, planDocument, planSummaryLines } from '../experiment/plan-output.js';
import { checkPlanOptions, checkPlanSource, type PlanSource, planRunner, withConfidence } from '../jobs/plan-source.js';
import { simulatePlan } from '../jobs/plan.js';
import { planDocumentWithUncertainty, planUncertainty, planUncertaintyCsv, planUncertaintyText } from '../jobs/plan-uncertainty.js';
import { planCharts } from '../report/charts/plan.js';
import { renderChartsSafely } from '../report/render-safely.js';
import { computeFit } from './fit.js';

export type Progress = (done: number, total: number, stage: string) => void;

/** The manifest of a run in this browser: the bundled package version; `node` says where it ran instead. */
export function browserManifest(m: ManifestInput): Record<string, unknown> {
  const ua = typeof navigator !== 'undefined' ? navigator.userAgent : 'unknown browser';
  return buildManifest(m, { tool: PACKAGE.name, version: PACKAGE.version, node: `none: run in a web browser (${ua})` });
}

/** The document as the CLI prints it (NaN → null). */
const printed = (doc: unknown): unknown => JSON.parse(toJson(doc));

function label(job: Job, i: number): string {
  return job.labels?.[i] ?? (typeof job.sources[i] === 'string' ? '<scenario text>' : '<scenario object>');
}

/** Run one job. Throws InputError (with the page's or the library's wording) on bad input. */
export async function compute(
  job: Job,
  progress: Progress,
  helpers: readonly MessagePort[],
  onDoc?: (doc: unknown, seconds: number, summary?: SummaryOut) => void,
): Promise<JobResult> {
  if (job.kind === 'plan') return computePlan(job, progress, helpers);
  if (job.kind === 'fit') return computeFit(job, progress);
  const started = performance.now();
  const wall = () => (performance.now() - started) / 1000;
  // `uncertainty` (the "Parameter draws" field; the library's option) is the draws' stage, after the plain job.
  const door = job.door ?? 'page';
  // A script's options (window.goldilocks) are checked as the library's: an unknown one is refused, not ignored.
  if (door === 'library' && (job.options === null || typeof job.options !== 'object')) checkOptionKeys(job.kind, job.options);
  const { uncertainty, ...options } = job.options;
  if (door === 'library') checkOptionKeys(job.kind, options);
  checkUncertainty(uncertainty, door, job.kind);
  const designs = job.sources.map((s, i) => designOf(s as ScenarioSource, label(job, i)));
  const checked = checkJob({ kind: job.kind, designs, options: { ...options }, door });
  checkUncertaintyBeforeJob(uncertainty, door, checked);
  // As many helper workers as asked (default: all of them), none for a job too small to gain from them.
  const workers = job.options.workers ?? autoWorkers(checked, helpers.length);
  const result = await simulateJob(checked, onHelpers(helpers, workers), progress);
  // The draws are N times the plain job: every helper unless a number of workers was asked for.
  const outcome =
    uncertainty === undefined ? undefined : await simulateUncertainty(result, uncertainty, onHelpers(helpers, job.options.workers ?? helpers.length), progress);
  const plain = jobDocument(result);
  const doc = printed(outcome ? documentWithUncertainty(plain as unknown as Record<string, unknown>, outcome) : plain);
  if (!job.files) return { kind: job.kind, doc, files: [], charts: [], seconds: wall() };

  const files: Array<[string, string]> = [];
  const sink: OutputSink = { put: (file, content) => void (typeof content === 'string' && files.push([file, content])) };
  let summary: SummaryOut | undefined;
  const delivered = await deliver(result, sink, {
    manifest: browserManifest,
    wallSeconds: wall,
    renderer: { svg: renderSvg },
    report: true,
    onProgress: progress,
    // The report's one-page summary needs no charts: the page shows it with the document, at once
    // (with parameter draws, the summary with their intervals replaces it once the files are rebuilt).
    afterFiles: (input) => {
      const s = buildSummary(input);
      summary = { title: s.title, question: s.question, html: s.html };
      onDoc?.(doc, wall(), summary);
    },
  });
  const warnings = [...result.warnings, ...delivered.warnings];
  if (outcome) {
    const drawn = await withUncertainty(result, outcome, doc, files, warnings);
    delivered.charts.push(...drawn.charts);
    summary = drawn.summary ?? summary;
  }
  return { kind: job.kind, doc, files, charts: delivered.charts, summary, seconds: wall(), warnings };
}

/** A runner on the first `workers` helpers, or in the coordinating worker itself when one is asked for. */
function onHelpers(helpers: readonly MessagePort[], workers: number) {
  return portRunner(helpers.slice(0, workers <= 1 ? 0 : workers));
}

/**
 * The files of the parameter draws, as `--uncertainty N` writes them into the CLI's folder:
 * uncertainty.json, uncertainty.csv (explore: uncertainty-levels.csv), the job's document file
 * rewritten, the manifest's `uncertainty` fields, the draws' charts, and report.html rebuilt from
 * the files (as the CLI rebuilds it from the folder). Returns the charts drawn and the summary
 * rebuilt from the same files.
 */
async function withUncertainty(
  result: Parameters<typeof jobDocument>[0],
  outcome: UncertaintyOutcome,
  doc: unknown,
  files: Array<[string, string]>,
  warnings: string[],
): Promise<{ charts: Array<{ name: string; title: string; svg: string }>; summary: SummaryOut | undefined }> {
  const set = (name: string, text: string) => {
    const i = files.findIndex(([f]) => f === name);
    if (i >= 0) files[i] = [name, text];
    else files.push([name, text]);
  };
  for (const [name, text] of uncertaintyTextFiles(doc, outcome)) set(name, text);
  const manifest = files.find(([f]) => f === 'manifest.json');
  if (manifest) set('manifest.json', toJson({ ...(JSON.parse(manifest[1]) as object), ...uncertaintyManifestFields(outcome) }));
  const charts: Array<{ name: string; title: string; svg: string }> = [];
  for (const chart of uncertaintyChartSpecs(result, outcome)) {
    try {
      const svg = await renderSvg(chart.spec);
      set(`charts/${chart.name}.vl.json`, toJson(chart.spec));
      set(`charts/${chart.name}.svg`, svg);
      charts.push({ name: chart.name, title: chart.title, svg });
    } catch (err) {
      warnings.push(`charts/${chart.name} could not be drawn (${err instanceof Error ? err.message : String(err)}); every result file is written.`);
    }
  }
  const folder = () => memoryFiles(jobFolderName(result), files);
  const report = buildReportFrom(folder());
  if (report) set('report.html', report.html);
  const s = buildSummaryFrom(folder());
  return { charts, summary: s ? { title: s.title, question: s.question, html: s.html } : undefined };
}

/**
 * A plan (the "What do we need?" tab, or window.goldilocks.plan): checked as the library checks
 * it (jobs/plan-source.ts), searched on the page's workers, and given back as the CLI's
 * `plan --json` document and its files (plan.json, candidates.csv, chosen.yaml), with the words.
 */
async function computePlan(job: Job, progress: Progress, helpers: readonly MessagePort[]): Promise<JobResult> {
  const started = performance.now();
  const door = job.door ?? 'page';
  if (job.options === null || typeof job.options !== 'object' || Array.isArray(job.options)) checkPlanOptions(job.options, door);
  // `uncertainty` (the plan form's "Parameter draws"; the library's option): the chosen design under N draws, after the search.
  const { uncertainty, ...options } = job.options;
  checkUncertainty(uncertainty, door, 'plan');
  checkPlanOptions(options, door);
  const checked = withConfidence(checkPlanSource(job.sources[0] as PlanSource, { label: job.labels?.[0], baseLabel: job.labels?.[1] }), options.confidence);
  // Workers asked for: every round on them; else all the helpers, but small rounds in this worker (planRunner).
  const ports = onHelpers(helpers, job.options.workers ?? helpers.length);
  const runner = job.options.workers === undefined ? planRunner(ports) : ports;
  const result = await simulatePlan(checked.plan, checked.context, runner, door, progress);
  const output = { plan: result.plan, context: result.context, outcome: result.outcome, chosenScenario: result.chosenScenario };
  const plain = planDocument(output);
  // As `plan --uncertainty N`: the search above is unchanged; the chosen design then runs under N draws, on every helper.
  const u = uncertainty === undefined ? undefined : await planUncertainty(plain, uncertainty, onHelpers(helpers, options.workers ?? helpers.length), progress);
  const json = toJson(u === undefined ? plain : planDocumentWithUncertainty(plain, u));
  const files: Array<[string, string]> = job.files
    ? [
        ...(u === undefined ? [] : [['uncertainty.json', json] as [string, string], ['uncertainty.csv', planUncertaintyCsv(u)] as [string, string]]),
        ['plan.json', json],
        ['candidates.csv', candidatesCsv(output)],
        ...(result.chosenScenario ? [['chosen.yaml', result.chosenScenario] as [string, string]] : []),
      ]
    : [];
  // The frontier charts, as `goldilocks plan` draws them (charts/frontier-<metric>), when the files are asked for.
  const doc = JSON.parse(json);
  const drawn = job.files ? await renderChartsSafely(() => planCharts(doc), renderSvg) : { charts: [], warnings: [] };
  for (const c of drawn.charts) files.push([`charts/${c.name}.vl.json`, toJson(c.spec)], [`charts/${c.name}.svg`, c.svg]);
  const charts = drawn.charts.map((c) => ({ name: c.name, title: c.title, svg: c.svg }));
  const words = [...planSummaryLines(output), ...(u === undefined ? [] : ['', ...planUncertaintyText(u).split('\n')])];
  return { kind: 'plan', doc, files, charts, seconds: (performance.now() - started) / 1000, words, warnings: drawn.warnings };
}
