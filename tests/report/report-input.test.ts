/**
 * The report's typed input: the report built from results in memory (runReportInput and its
 * siblings, as the pipeline does) is byte for byte the report `goldilocks report DIR` rebuilds
 * from the folder those results were written to (readReportInput), for run, compare and explore,
 * a team of 1,000 worker groups, and in memory or on disk. Sweeps have no document in memory:
 * their tables are read by column name, so reordered or added columns change nothing.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadDefaultScenario } from '../../src/scenario/load.js';
import { ScenarioSchema, type Scenario } from '../../src/scenario/schema.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { runOutputFiles } from '../../src/experiment/run-files.js';
import { compareDesigns } from '../../src/experiment/compare.js';
import { comparisonOutputFiles } from '../../src/experiment/compare-files.js';
import { explore } from '../../src/experiment/explore.js';
import { explorationOutputFiles } from '../../src/experiment/explore-files.js';
import { toJson } from '../../src/experiment/csv.js';
import { runManifest, type ManifestInput } from '../../src/experiment/manifest.js';
import { memoryFiles } from '../../src/report/memory-files.js';
import { comparisonChartSpecs, explorationChartSpecs, runChartSpecs } from '../../src/report/command-charts.js';
import type { ChartSpec } from '../../src/report/charts.js';
import {
  buildReport,
  buildReportFrom,
  buildSummary,
  buildSummaryFrom,
  compareReportInput,
  exploreReportInput,
  readReportInput,
  runReportInput,
  type ReportChart,
  type ReportContext,
  type ReportInput,
} from '../../src/report/html.js';
import { buildFolderReport } from '../../src/report/report-folder.js';
import { placeholderSvg } from './fixtures.js';
import { tempDir } from '../setup/temp.js';

const base = loadDefaultScenario().scenario;
const settings = runSettings(base, { replications: 3, years: 1, warmupDays: 60 });

/** A manifest builder that also keeps the manifest it made: the pipeline has it in memory too. */
function capturing(): { builder: (m: ManifestInput) => Record<string, unknown>; manifest: () => Record<string, unknown> } {
  let made: Record<string, unknown> | null = null;
  return { builder: (m) => (made = runManifest(m)), manifest: () => made! };
}

/** Placeholder drawings of the real specs (the report inlines whatever SVG it is given), and their files. */
function drawn(specs: readonly ChartSpec[]): { charts: ReportChart[]; files: Array<[string, string]> } {
  const charts = specs.map((s) => ({ name: s.name, title: s.title, svg: placeholderSvg(`${s.name}.svg`) }));
  const files = specs.flatMap(
    (s, i): Array<[string, string]> => [
      [`charts/${s.name}.vl.json`, toJson(s.spec)],
      [`charts/${s.name}.svg`, charts[i].svg],
    ],
  );
  return { charts, files };
}

interface Case {
  folder: string;
  input: ReportInput;
  files: Array<[string, string]>;
}

function runCase(folder: string, scenario: Scenario): Case {
  const results = runScenario(scenario, settings);
  const m = capturing();
  const written = runOutputFiles(scenario.name, results, 'hash', 0.25, {}, scenario, m.builder);
  const { charts, files } = drawn(runChartSpecs(scenario.name, results, scenario));
  const context: ReportContext = { folder, manifest: m.manifest(), charts };
  return { folder, input: runReportInput(context, scenario.name, results, scenario), files: [...written, ...files] };
}

let cases: Record<'run' | 'compare' | 'explore' | 'team', Case>;

/** A team of 1,000 one-post worker groups, three of them larger (2, 3 and 2 posts), with demand to match. */
function bigTeam(): Scenario {
  const workers = Array.from({ length: 1000 }, (_, i) => ({ ...base.workers[0], name: `W${i}`, count: i === 17 ? 2 : i === 500 ? 3 : i === 999 ? 2 : 1 }));
  return ScenarioSchema.parse({ ...base, name: 'team-1000', workers, referrals: { ...base.referrals, practices: [{ name: 'Big', referralsPerMonth: 300 }] } });
}

beforeAll(() => {
  const capped = loadDefaultScenario(['policy.sessionCap=3']).scenario;
  const designs = [
    { name: 'default', scenario: base },
    { name: 'cap-3', scenario: capped },
  ];
  const comparison = compareDesigns(designs, settings);
  const mc = capturing();
  const compareWritten = comparisonOutputFiles(comparison, ['h1', 'h2'], 0.5, {}, designs, mc.builder);
  const compareCharts = drawn(comparisonChartSpecs(comparison));

  const exploration = explore(base, settings, 3);
  const me = capturing();
  const exploreWritten = explorationOutputFiles(base.name, exploration, 'hash', 0.75, base, me.builder);
  const exploreCharts = drawn(explorationChartSpecs(base.name, exploration));

  cases = {
    run: runCase('run', base),
    compare: {
      folder: 'compare',
      input: compareReportInput({ folder: 'compare', manifest: mc.manifest(), charts: compareCharts.charts }, comparison, designs),
      files: [...compareWritten, ...compareCharts.files],
    },
    explore: {
      folder: 'explore',
      input: exploreReportInput({ folder: 'explore', manifest: me.manifest(), charts: exploreCharts.charts }, base.name, exploration, base),
      files: [...exploreWritten, ...exploreCharts.files],
    },
    team: runCase('team', bigTeam()),
  };
}, 120_000);

const kinds = ['run', 'compare', 'explore', 'team'] as const;

describe('report from results in memory = report read back from the folder', () => {
  it.each(kinds)('%s: the same report.html and summary', (k) => {
    const { folder, input, files } = cases[k];
    const read = memoryFiles(folder, files);
    const fromMemory = buildReport(input);
    expect(fromMemory.kind).toBe(k === 'team' ? 'run' : k);
    expect(fromMemory.html).toBe(buildReportFrom(read)!.html);
    expect(buildSummary(input)).toEqual(buildSummaryFrom(read));
  });

  it.each(kinds)('%s: the folder reader rebuilds the typed input', (k) => {
    const { folder, input, files } = cases[k];
    const read = readReportInput(memoryFiles(folder, files))!;
    const byName = (cs: readonly ReportChart[]) => [...cs].sort((a, b) => a.name.localeCompare(b.name));
    expect(read.kind).toBe(input.kind);
    // NaN (JSON's null) compares equal to NaN in toEqual; the manifest as written (JSON).
    expect(read.manifest).toEqual(JSON.parse(toJson(input.manifest)));
    expect(byName(read.charts)).toEqual(byName(input.charts));
    if (read.kind === 'compare' && input.kind === 'compare') {
      expect(read.doc).toEqual(JSON.parse(toJson(input.doc), (_k, v: unknown) => (v === null ? NaN : v)));
      expect(read.scenarios).toEqual(input.scenarios);
    } else if (read.kind !== 'compare' && read.kind !== 'sweep' && input.kind !== 'compare' && input.kind !== 'sweep') {
      expect(read.doc).toEqual(input.doc);
      expect(read.scenario).toEqual(input.scenario);
    }
  });

  it('on disk too (goldilocks report DIR)', () => {
    const dir = tempDir('goldilocks-report-input-');
    for (const [file, text] of cases.compare.files) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    expect(buildFolderReport(dir).html).toBe(buildReport(cases.compare.input).html);
  });

  it('shows a manifest as its file holds it: NaN as null, undefined fields left out', () => {
    const { input, files, folder } = cases.run;
    const manifest = { ...input.manifest, wallSeconds: NaN, note: undefined };
    const written = files.map(([f, t]): [string, string] => [f, f === 'manifest.json' ? toJson(manifest) : t]);
    const html = buildReport({ ...input, manifest }).html;
    expect(html).toBe(buildReportFrom(memoryFiles(folder, written))!.html);
    expect(html).not.toContain('NaN');
    expect(html).not.toContain('Also recorded: note');
  });

  it('a team of 1,000 groups: the week chart caption says which groups have a bar', () => {
    const html = buildReport(cases.team.input).html;
    expect(html).toContain('Of the 1,000 worker groups, the 7 largest by WTE have a bar each and the other 993 share the last one');
    // A small team's caption says nothing of the kind.
    expect(buildReport(cases.run.input).html).not.toContain('largest by WTE');
  });
});
