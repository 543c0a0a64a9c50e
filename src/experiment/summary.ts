/**
 * Summaries over replications: mean, standard deviation and a 95 % interval for the mean that
 * stays inside the metric's natural range (./ranges.ts). Replications that could not measure a
 * metric (NaN, e.g. no patient discharged) are left out and `n` says how many counted.
 *
 * The interval (docs/model.md §9):
 * - unbounded (paired differences, or no range given): the Student-t interval
 *   m ± t₀.₉₇₅,ₙ₋₁ · s/√n;
 * - bounded below, [a, ∞) (counts, waits, rates): the t-interval on the log scale of the mean,
 *   log(m − a) ± t · se/(m − a) (the standard error carried over by the delta method), taken back:
 *   a + (m − a)·exp(∓h);
 * - bounded on both sides, [a, b] (shares, 0–1 scores): the same on the logit scale of
 *   p = (m − a)/(b − a), logit(p) ± t · se/((b − a)·p(1 − p)), taken back with the logistic function.
 * Both contain the mean, stay strictly inside the range, and agree with the plain t-interval when
 * the standard error is small next to the distance from the bound (they differ by O(h²), h the
 * relative half-width); near a bound they are skewed away from it. When every value sits at a
 * bound (all zeros, or all ones for a share) or all values are equal, the interval is [m, m].
 * Values outside the declared range (which would be a bug in the range table) fall back to the
 * t-interval clipped to the range.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { MetricId } from '../model/index.js';
import { metricRange, UNBOUNDED, type Range } from './ranges.js';
import * as math from '../random/math.js'; // engine-independent last bits (see math.ts)

export interface MetricSummary {
  mean: number;
  ci95: [number, number];
  sd: number;
  n: number;
}

/** Two-sided Student-t quantile for a 95 % interval with `dof` degrees of freedom. */
export function tQuantile95(dof: number): number {
  let q = T_QUANTILES.get(dof);
  if (q === undefined) {
    q = math.tQuantile(0.975, dof);
    T_QUANTILES.set(dof, q);
  }
  return q;
}

/** The quantile is an iterative inversion; a sweep asks for the same few degrees of freedom thousands of times. */
const T_QUANTILES = new Map<number, number>();

/**
 * Mean, SD and 95 % interval of the finite values. `range` is the metric's natural range, or
 * a metric id to look it up; without it the interval is the plain (unbounded) t-interval.
 */
export function summarise(values: readonly number[], range: Range | MetricId = UNBOUNDED): MetricSummary {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN], sd: NaN, n: 0 };
  const m = mean(xs);
  if (n === 1) return { mean: m, ci95: [NaN, NaN], sd: NaN, n: 1 };
  const sd = sampleStandardDeviation(xs);
  const r = typeof range === 'string' ? metricRange(range) : range;
  return { mean: m, ci95: interval95(xs, m, sd, r), sd, n };
}

/** The range-respecting 95 % interval of the mean (see the file comment). */
export function interval95(xs: readonly number[], m: number, sd: number, [lo, hi]: Range): [number, number] {
  const n = xs.length;
  const t = tQuantile95(n - 1);
  const se = sd / Math.sqrt(n);
  if (!(se > 0) || xs.every((x) => x === xs[0])) return [m, m];
  const plain: [number, number] = [m - t * se, m + t * se];
  const boundedLow = Number.isFinite(lo);
  const boundedHigh = Number.isFinite(hi);
  if (!boundedLow && !boundedHigh) return plain;
  if (xs.some((x) => x < lo || x > hi)) return [Math.max(lo, plain[0]), Math.min(hi, plain[1])];
  if (boundedLow && boundedHigh) {
    const width = hi - lo;
    const p = (m - lo) / width;
    if (p <= 0 || p >= 1) return [m, m];
    const h = (t * se) / (width * p * (1 - p));
    const logit = math.log(p / (1 - p));
    const back = (z: number) => lo + width / (1 + math.exp(-z));
    return [back(logit - h), back(logit + h)];
  }
  if (boundedLow) {
    const g = m - lo;
    if (g <= 0) return [m, m];
    const h = (t * se) / g;
    return [lo + g * math.exp(-h), lo + g * math.exp(h)];
  }
  const g = hi - m;
  if (g <= 0) return [m, m];
  const h = (t * se) / g;
  return [hi - g * math.exp(h), hi - g * math.exp(-h)];
}
