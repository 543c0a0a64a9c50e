/**
 * Running one sweep point: the base scenario with the point's factor values applied, validated
 * like a file, then its replications. Used by the worker threads and, for tests, in-process.
 */
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { InputError } from '../scenario/errors.js';
import { setPath } from '../scenario/parse.js';
import { scenarioProblems } from '../model/check.js';
import { runReplication, type MetricId, type ReplicationResult } from '../model/index.js';
import { summariseMetric, type RunSettings } from './replications.js';
import type { SweepValue } from './sweep-schema.js';

export interface PointContext {
  /** The base scenario as parsed from its file, before validation. */
  baseRaw: unknown;
  baseLabel: string;
  paths: string[];
  settings: RunSettings;
  metrics: MetricId[];
}

export function scenarioForPoint(ctx: PointContext, values: readonly SweepValue[]): Scenario {
  const raw = structuredClone(ctx.baseRaw) as Record<string, unknown>;
  ctx.paths.forEach((path, j) => setPath(raw, path.split('.'), values[j]));
  const origin = ctx.paths.map((p, j) => `${p}=${String(values[j])}`).join(', ');
  const parsed = ScenarioSchema.safeParse(raw);
  const problems = parsed.success
    ? scenarioProblems(parsed.data).map((p) => ({ path: p.path.join('.'), message: p.message, origin }))
    : parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, origin }));
  if (!parsed.success || problems.length > 0) throw new InputError(ctx.baseLabel, problems, 'Check the factor values in the sweep file.');
  return parsed.data;
}

/** Numbers per metric in a point's summary block: mean, 95 % low, 95 % high, SD, n. */
export const SUMMARY_WIDTH = 5;

/**
 * One point in one array (transferred from the worker, not copied): the metric values of every
 * replication, row-major (replication, metric), then each metric's summary (SUMMARY_WIDTH numbers).
 * The summary is made here, where the replications are: the pooled wait quantiles need each
 * replication's waits, which do not travel (./pooled-waits.ts).
 */
export function runPoint(ctx: PointContext, values: readonly SweepValue[]): Float64Array {
  const scenario = scenarioForPoint(ctx, values);
  const { replications } = ctx.settings;
  const m = ctx.metrics.length;
  const out = new Float64Array(replications * m + SUMMARY_WIDTH * m);
  // Only what the summaries read is kept: memory per point is the waits' counts, not whole results.
  const kept: Array<Pick<ReplicationResult, 'metrics' | 'waitCounts' | 'exposure'>> = [];
  for (let r = 0; r < replications; r++) {
    const { metrics, waitCounts, exposure } = runReplication(scenario, r, ctx.settings);
    kept.push({ metrics, waitCounts, exposure });
    ctx.metrics.forEach((id, j) => (out[r * m + j] = metrics[id]));
  }
  ctx.metrics.forEach((id, j) => {
    const s = summariseMetric(kept, id);
    out.set([s.mean, s.ci95[0], s.ci95[1], s.sd, s.n], replications * m + SUMMARY_WIDTH * j);
  });
  return out;
}
