/**
 * Summaries over replications: mean, standard deviation and a 95 % Student-t interval.
 * Replications that could not measure a metric (NaN, e.g. no patient discharged) are left
 * out and `n` says how many counted.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import jstatPkg from 'jstat';

const { jStat } = jstatPkg as { jStat: { studentt: { inv(p: number, dof: number): number } } };

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
    q = jStat.studentt.inv(0.975, dof);
    T_QUANTILES.set(dof, q);
  }
  return q;
}

/** The quantile is an iterative inversion; a sweep asks for the same few degrees of freedom thousands of times. */
const T_QUANTILES = new Map<number, number>();

export function summarise(values: readonly number[]): MetricSummary {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN], sd: NaN, n: 0 };
  const m = mean(xs);
  if (n === 1) return { mean: m, ci95: [NaN, NaN], sd: NaN, n: 1 };
  const sd = sampleStandardDeviation(xs);
  const half = tQuantile95(n - 1) * (sd / Math.sqrt(n));
  return { mean: m, ci95: [m - half, m + half], sd, n };
}
