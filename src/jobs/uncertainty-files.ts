/**
 * The files `--uncertainty N` adds to a job's results (pure: the CLI writes them into the output
 * folder, the explorer page offers them as downloads): uncertainty.json and the job's document
 * file (the document with the uncertainty fields), the tidy uncertainty.csv (explore: also
 * uncertainty-levels.csv), the manifest's fields and the charts' specs.
 */
import { METRIC_IDS, type MetricId } from '../model/index.js';
import { csvRow, toJson } from '../experiment/csv.js';
import type { UncertaintyOutcome } from '../experiment/uncertainty.js';
import type { ChartSpec } from '../report/charts/common.js';
import { exploreUncertaintyCharts, runUncertaintyCharts } from '../report/uncertainty-charts.js';
import type { JobResult } from './types.js';

/** The job's document file, which holds what `--json` prints. */
export const DOCUMENT_FILE = { run: 'summary.json', compare: 'compare.json', explore: 'explore.json' } as const;

/**
 * uncertainty.csv, tidy and snake_case like the project's other tables: one row per design (run,
 * compare: `scenario`, `versus` empty) or dial level (explore: `discretion`) and metric; compare's
 * differences as rows with `scenario` and `versus` (as differences.csv). Explore's per-level share of
 * draws in which the level is just right is a table of its own (`uncertaintyLevelsCsv`).
 */
export function uncertaintyCsv(o: UncertaintyOutcome): string {
  const n = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? '' : x);
  const values = ['ci_total_low', 'ci_total_high', 'assumption_share', 'sigma2_assumptions'];
  if (o.kind === 'explore') {
    const rows = [csvRow(['discretion', 'metric', ...values])];
    for (const g of o.groups)
      for (const id of METRIC_IDS) {
        const u = g.metrics[id] as { ci95Total: [number, number]; assumptionShare: number; sigma2Assumptions?: number };
        rows.push(csvRow([g.name, id, n(u.ci95Total[0]), n(u.ci95Total[1]), n(u.assumptionShare), n(u.sigma2Assumptions)]));
      }
    return rows.join('');
  }
  const rows = [csvRow(['scenario', 'versus', 'metric', ...values, 'beats_share', 'worse_share'])];
  for (const g of o.groups)
    for (const id of METRIC_IDS) {
      const u = g.metrics[id] as { ci95Total: [number, number]; assumptionShare: number; sigma2Assumptions?: number };
      rows.push(csvRow([g.name, '', id, n(u.ci95Total[0]), n(u.ci95Total[1]), n(u.assumptionShare), n(u.sigma2Assumptions), '', '']));
    }
  for (const d of o.differences ?? [])
    for (const id of METRIC_IDS) {
      const u = d.metrics[id as MetricId];
      rows.push(
        csvRow([
          d.scenario,
          d.versus,
          id,
          n(u.ci95Total[0]),
          n(u.ci95Total[1]),
          n(u.assumptionShare),
          n(u.sigma2Assumptions),
          n(u.beatsShare),
          n(u.worseShare),
        ]),
      );
    }
  return rows.join('');
}

/** explore: uncertainty-levels.csv, one row per dial level: the share of draws in which it is just right. */
export function uncertaintyLevelsCsv(o: UncertaintyOutcome): string {
  return [csvRow(['discretion', 'just_right_share']), ...o.groups.map((g, i) => csvRow([g.name, o.justRightShare?.[i] ?? '']))].join('');
}

/** The text files, in order: uncertainty.json, the job's document file (both the document as `--json` prints it), uncertainty.csv and, for explore, uncertainty-levels.csv. */
export function uncertaintyTextFiles(document: unknown, o: UncertaintyOutcome): Array<[string, string]> {
  const json = toJson(document);
  return [
    ['uncertainty.json', json],
    [DOCUMENT_FILE[o.kind], json],
    ['uncertainty.csv', uncertaintyCsv(o)],
    ...(o.kind === 'explore' ? [['uncertainty-levels.csv', uncertaintyLevelsCsv(o)] as [string, string]] : []),
  ];
}

/** What manifest.json gains: the draws and their wall time (the only file with times: the documents are byte-identical for the same seed). */
export function uncertaintyManifestFields(o: UncertaintyOutcome): { uncertainty: { draws: number; replicationsPerDraw: number; wallSeconds: number } } {
  return { uncertainty: { draws: o.draws, replicationsPerDraw: o.replicationsPerDraw, wallSeconds: o.wallSeconds } };
}

/** The charts of the draws: run's headline intervals, explore's Goldilocks curve with both bands (compare has none of its own). */
export function uncertaintyChartSpecs(result: JobResult, outcome: UncertaintyOutcome): ChartSpec[] {
  const name = result.job.designs[0].name;
  if (result.kind === 'run') return runUncertaintyCharts({ scenario: name, metrics: result.results.metrics, outcome });
  if (result.kind === 'explore')
    return exploreUncertaintyCharts({
      scenario: name,
      objective: result.job.designs[0].scenario.goldilocks.objective,
      levels: result.exploration.levels.map((l) => ({ discretion: l.discretion, metrics: l.results.metrics })),
      zone: result.exploration.justRight.levels,
      outcome,
    });
  return [];
}
