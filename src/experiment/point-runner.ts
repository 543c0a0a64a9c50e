/**
 * Running one sweep point: the base scenario with the point's factor values applied, validated
 * like a file, then its replications. Used by the worker threads and, for tests, in-process.
 */
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { InputError } from '../scenario/errors.js';
import { setPath } from '../scenario/load.js';
import { scenarioProblems } from '../model/check.js';
import { runReplication, type MetricId } from '../model/index.js';
import type { RunSettings } from './replications.js';
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

/** Metric values of every replication of the point, row-major (replication, metric). */
export function runPoint(ctx: PointContext, values: readonly SweepValue[]): Float64Array {
  const scenario = scenarioForPoint(ctx, values);
  const { replications } = ctx.settings;
  const out = new Float64Array(replications * ctx.metrics.length);
  for (let r = 0; r < replications; r++) {
    const m = runReplication(scenario, r, ctx.settings).metrics;
    ctx.metrics.forEach((id, j) => (out[r * ctx.metrics.length + j] = m[id]));
  }
  return out;
}
