/**
 * The CLI's `--uncertainty N` stage (Node): after the plain job is written, its N parameter draws
 * run on worker threads (src/jobs/uncertainty.ts) and uncertainty.json and uncertainty.csv join
 * the output folder. The library (src/index.ts) runs the same stage without files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_IDS, type MetricId } from '../../model/index.js';
import { csvRow, toJson } from '../../experiment/csv.js';
import { writeFileAtomic } from '../../experiment/files.js';
import { simulateUncertainty, type UncertaintyOutcome } from '../uncertainty.js';
import type { JobProgress, JobResult } from '../types.js';
import { defaultWorkers, threadRunner } from './thread-runner.js';

/** Run the draws of a finished job on `workers` threads (default: the cores available: the draws are N times the plain job). */
export async function uncertaintyStage(result: JobResult, draws: number, workers: number | undefined, onProgress?: JobProgress): Promise<UncertaintyOutcome> {
  const runner = threadRunner(workers ?? defaultWorkers());
  try {
    return await simulateUncertainty(result, draws, runner, onProgress);
  } finally {
    await runner.close();
  }
}

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

/** The job's document file, which holds what `--json` prints. */
export const DOCUMENT_FILE = { run: 'summary.json', compare: 'compare.json', explore: 'explore.json' } as const;

/**
 * Write uncertainty.json (the document with the uncertainty fields) and uncertainty.csv into the
 * output folder, rewrite the job's document file (summary.json, compare.json, explore.json) as
 * `--json` prints it, and record the draws' wall time in manifest.json (the only file with times:
 * the documents are byte-identical for the same scenario and seed).
 */
export function writeUncertaintyFiles(dir: string, document: unknown, o: UncertaintyOutcome): string[] {
  writeFileAtomic(join(dir, 'uncertainty.json'), toJson(document));
  writeFileAtomic(join(dir, DOCUMENT_FILE[o.kind]), toJson(document));
  writeFileAtomic(join(dir, 'uncertainty.csv'), uncertaintyCsv(o));
  if (o.kind === 'explore') writeFileAtomic(join(dir, 'uncertainty-levels.csv'), uncertaintyLevelsCsv(o));
  addToManifest(dir, { uncertainty: { draws: o.draws, replicationsPerDraw: o.replicationsPerDraw, wallSeconds: o.wallSeconds } });
  return ['uncertainty.json', 'uncertainty.csv', ...(o.kind === 'explore' ? ['uncertainty-levels.csv'] : [])];
}

/** Add fields to the folder's manifest.json (nothing when it is missing). */
export function addToManifest(dir: string, fields: Record<string, unknown>): void {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return;
  writeFileAtomic(path, toJson({ ...(JSON.parse(readFileSync(path, 'utf8')) as object), ...fields }));
}
