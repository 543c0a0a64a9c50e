/**
 * Summaries over replications: mean, standard deviation and a 95 % interval for the mean that
 * holds its coverage when the replication values are skewed, and stays inside the metric's
 * natural range (./ranges.ts). Replications that could not measure a metric (NaN, e.g. no
 * patient discharged) are left out and `n` says how many counted. docs/model.md §9 says why.
 *
 * The interval is Hall's (1992) skewness-corrected t-interval. A vacancy in a quarter of the
 * replications doubles their mean wait, so replication means of waits and of the waiting list
 * are right-skewed (sample skewness 3–4.5 in the default scenario) and the plain t-interval over
 * 20 of them covers 84–89 %, not 95 % (scripts/coverage-study.mjs). Hall's transformation of the
 * studentised mean T = √n (x̄ − μ)/s,
 *   g(T) = T + a T² + a² T³/3 + b,  a = γ/(3√n),  b = γ/(6n),  γ the sample skewness (G1),
 * is monotone and removes the first-order skewness term of T's distribution, so the interval
 *   [x̄ − g⁻¹(t) s/√n,  x̄ − g⁻¹(−t) s/√n],  t = t₀.₉₇₅,ₙ₋₁,
 * is longer on the side of the long tail. It is the t-interval when γ = 0, needs no resampling
 * (deterministic, cheap enough for a sweep of thousands of points), and is then clipped to the
 * metric's range.
 *
 * When every replication sits at an end of the range (no leaver in any replication: turnover 0;
 * everybody seen within 28 days: a share of 1) there is no spread to measure, and [0, 0] would not
 * be an interval. The interval is then one-sided (`oneSided: true`): from the bound to the exact
 * one-sided 95 % limit of zero events in the `exposure` behind the values: for a share, N patients
 * (or weeks, referrals…) with no event, 1 − 0.05^(1/N) (the "rule of three", ≈ 3/N); for a rate,
 * T units of exposure (post-years…) with no event, −ln 0.05 / T ≈ 3/T. A metric with no counted
 * exposure (hours, vacancy days) has no interval then (NaN): a bound in its unit cannot be made
 * from the replications alone. Values that are all equal away from the range's ends (a fixed
 * quantity) give [m, m].
 *
 * With fewer than 10 replications the sample skewness is too noisy to correct with, and the
 * interval is the t-interval; from 10 on, the skewness used is capped where g⁻¹ would pass the
 * turning point of the cube root (skewnessForCorrection), so the long side stays within 3t standard
 * errors.
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
  /** The interval runs from the metric's bound to a one-sided 95 % limit: every replication sat at the bound. */
  oneSided?: true;
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
 * a metric id to look it up; without it the interval is unbounded. `exposure` is the number of
 * independent units behind all the values together (patients, post-years; see the file comment),
 * used only when every value sits at a bound.
 */
export function summarise(values: readonly number[], range: Range | MetricId = UNBOUNDED, exposure?: number): MetricSummary {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN], sd: NaN, n: 0 };
  const r = typeof range === 'string' ? metricRange(range) : range;
  const m = mean(xs);
  if (xs.every((x) => x === xs[0])) {
    const atBound = (Number.isFinite(r[0]) && xs[0] === r[0]) || (Number.isFinite(r[1]) && xs[0] === r[1]);
    if (atBound && n > 1) {
      // No counted exposure (hours, days): no bound can be made in the metric's unit, and [0, 0] would claim certainty.
      if (!(exposure !== undefined && exposure > 0)) return { mean: m, ci95: [NaN, NaN], sd: 0, n };
      return { mean: m, ci95: boundInterval(xs[0], r, exposure)!, sd: 0, n, oneSided: true };
    }
    return { mean: m, ci95: n > 1 ? [m, m] : [NaN, NaN], sd: n > 1 ? 0 : NaN, n };
  }
  const sd = sampleStandardDeviation(xs);
  return { mean: m, ci95: interval95(xs, m, sd, r), sd, n };
}

/** Hall's skewness-corrected 95 % interval of the mean, clipped to the range (see the file comment). */
export function interval95(xs: readonly number[], m: number, sd: number, range: Range): [number, number] {
  return hallInterval(xs, m, sd, range, tQuantile95(xs.length - 1));
}

/**
 * Hall's interval with the Student-t quantile `t` in place of t₀.₉₇₅ (./plan-bounds.ts asks for
 * one-sided bounds at other levels); clipped to the range.
 */
export function hallInterval(xs: readonly number[], m: number, sd: number, [lo, hi]: Range, t: number): [number, number] {
  const n = xs.length;
  const se = sd / Math.sqrt(n);
  if (!(se > 0)) return [m, m];
  const gamma = skewnessForCorrection(skewness(xs, m), n, t);
  const a = gamma / (3 * Math.sqrt(n));
  const b = gamma / (6 * n);
  // g⁻¹(y) = ((1 + 3a(y − b))^(1/3) − 1)/a, and y − b when a = 0; the argument stays ≥ 0 (see skewnessForCorrection).
  const inverse = (y: number) => (a === 0 ? y - b : (cubeRoot(Math.max(0, 1 + 3 * a * (y - b))) - 1) / a);
  return [Math.max(lo, m - inverse(t) * se), Math.min(hi, m - inverse(-t) * se)];
}

/** Fewest replications whose sample skewness is used: below this it is too noisy to correct with. */
export const MIN_REPLICATIONS_FOR_SKEWNESS = 10;

/**
 * The skewness the correction uses. With fewer than MIN_REPLICATIONS_FOR_SKEWNESS values, none
 * (the t-interval). Otherwise the sample's, but no larger in size than where g⁻¹ reaches the
 * turning point of the cube root at ∓t (|a|·(t + |b|) = 1/3): beyond it g⁻¹ is taken through the
 * flat part of the cubic and the long side of the interval grows without bound (with 5
 * replications it reached 7–11 standard errors). At the cap the long side is 3t standard errors.
 */
export function skewnessForCorrection(gamma: number, n: number, t: number): number {
  if (n < MIN_REPLICATIONS_FOR_SKEWNESS || !Number.isFinite(gamma)) return 0;
  // Solve |γ|/(3√n) · (t + |γ|/(6n)) = 1/3 for |γ|: γ²/(6n) + tγ − √n = 0.
  const cap = (-t + Math.sqrt(t * t + (4 * Math.sqrt(n)) / (6 * n))) / (2 / (6 * n));
  return Math.max(-cap, Math.min(cap, gamma));
}

/**
 * The adjusted sample skewness G1 = g1·√(n(n − 1))/(n − 2), g1 = m₃/m₂^(3/2) (0 for n < 3),
 * the usual estimator (e.g. Excel's SKEW, R's e1071 type 2), about the mean m.
 */
export function skewness(xs: readonly number[], m: number): number {
  const n = xs.length;
  if (n < 3) return 0;
  let m2 = 0;
  let m3 = 0;
  for (const x of xs) {
    const d = x - m;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  if (!(m2 > 0)) return 0;
  const g1 = m3 / (m2 * Math.sqrt(m2));
  return (g1 * Math.sqrt(n * (n - 1))) / (n - 2);
}

/** The real cube root, through math.pow for bit-identical results in every engine. */
function cubeRoot(y: number): number {
  return y < 0 ? -math.pow(-y, 1 / 3) : math.pow(y, 1 / 3);
}

/** 0.05: the one-sided level of the bounds. */
const ALPHA = 0.05;

/**
 * The one-sided 95 % interval when every value equals `v` and `v` is an end of the range, else
 * undefined: zero events in `units` independent units (see the file comment).
 */
export function boundInterval(v: number, [lo, hi]: Range, units: number, alpha = ALPHA): [number, number] | undefined {
  const bothEnds = Number.isFinite(lo) && Number.isFinite(hi);
  if (bothEnds) {
    const width = hi - lo;
    const p = 1 - math.pow(alpha, 1 / units); // Clopper–Pearson limit for 0 events in `units` trials
    if (v === lo) return [lo, lo + width * p];
    if (v === hi) return [hi - width * p, hi];
    return undefined;
  }
  if (Number.isFinite(lo) && v === lo) return [lo, lo - math.log(alpha) / units]; // Poisson limit for 0 events
  if (Number.isFinite(hi) && v === hi) return [hi + math.log(alpha) / units, hi];
  return undefined;
}
