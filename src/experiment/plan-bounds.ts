/**
 * One-sided confidence bounds of a metric at any level, for the capacity planner's feasibility
 * tests (./plan-search.ts): "the share seen within 28 days is at least 0.9 with 95 % confidence"
 * means its lower one-sided 95 % bound is at least 0.9.
 *
 * The bounds are the report's 95 % intervals with another quantile, so a plan and a run agree on
 * what a metric's uncertainty is: Hall's skewness-corrected t-bound for means over replications,
 * the expanded percentile bootstrap for the pooled wait quantiles, and the zero-events bound when
 * every replication sits at an end of the metric's range (./summary.ts, ./pooled-waits.ts).
 */
import type { MetricId, ReplicationResult } from '../model/index.js';
import * as math from '../random/math.js';
import { pooledQuantileBounds, pooledQuantileOf } from './pooled-waits.js';
import { metricRange } from './ranges.js';
import { exposureOf } from './replications.js';
import { boundInterval, hallInterval } from './summary.js';

export interface MetricBounds {
  mean: number;
  /** One-sided lower and upper bounds, each at level 1 − alpha (NaN when they cannot be made). */
  lower: number;
  upper: number;
  n: number;
}

export type BoundReplication = Pick<ReplicationResult, 'metrics' | 'waitCounts' | 'exposure'>;

/** The estimate of `id` over `replications` with one-sided bounds at level 1 − `alpha`. */
export function metricBounds(replications: readonly BoundReplication[], id: MetricId, alpha: number): MetricBounds {
  const q = pooledQuantileOf(id);
  if (q !== undefined) {
    const s = pooledQuantileBounds(replications, q, alpha);
    return { mean: s.mean, lower: s.ci95[0], upper: s.ci95[1], n: s.n };
  }
  const xs = replications.map((r) => r.metrics[id]).filter((v) => Number.isFinite(v));
  const exposure = exposureOf(replications, id);
  const n = xs.length;
  if (n < 2) return { mean: n === 1 ? xs[0] : NaN, lower: NaN, upper: NaN, n };
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  const range = metricRange(id);
  if (xs.every((x) => x === xs[0])) {
    // No spread: at an end of the range the zero-events bound, elsewhere a fixed quantity.
    const atBound = (Number.isFinite(range[0]) && xs[0] === range[0]) || (Number.isFinite(range[1]) && xs[0] === range[1]);
    if (!atBound) return { mean: m, lower: m, upper: m, n };
    const b = exposure !== undefined && exposure > 0 ? boundInterval(xs[0], range, exposure, alpha) : undefined;
    return b ? { mean: m, lower: b[0], upper: b[1], n } : { mean: m, lower: NaN, upper: NaN, n };
  }
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  const sd = Math.sqrt(ss / (n - 1));
  const [lower, upper] = hallInterval(xs, m, sd, range, math.tQuantile(1 - alpha, n - 1));
  return { mean: m, lower, upper, n };
}
