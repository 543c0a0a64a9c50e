/**
 * Variance-based (Sobol) sensitivity indices by Saltelli's sampling scheme, with bootstrap
 * intervals.
 *
 * Design (Saltelli 2002; Saltelli et al. 2010, "Variance based sensitivity analysis of model
 * output. Design and estimator for the total sensitivity index", Computer Physics
 * Communications 181(2):259-270): two independent base samples A and B of N rows in [0, 1)^k,
 * and for each factor i the matrix A_B^(i), which is A with column i taken from B. The model is
 * run at N·(k + 2) points.
 *
 * Base sample: plain (pseudo-)random uniform numbers from the seeded stream, not a quasi-random
 * (Sobol' sequence) sample. Rows are then independent and identically distributed, which is
 * what the bootstrap over base rows assumes; a quasi-random sample would converge faster but
 * would make the resampled rows dependent and the percentile intervals unreliable.
 *
 * Point order: base row j occupies points j(k+2) … j(k+2)+k+1, in the order A_j, B_j,
 * A_B^(1)_j, …, A_B^(k)_j. Random numbers, row by row: the k values of A_j (factor order), then
 * the k values of B_j (factor order): 2k draws per row, 2Nk in all.
 *
 * Estimators, with V the variance of the 2N outputs f(A) and f(B) (divisor 2N):
 *  - first order (Saltelli et al. 2010, Table 2 (b)):
 *      S1_i = (1/N) Σ_j (f(B)_j − m) · (f(A_B^(i))_j − f(A)_j) / V
 *    where m is the mean of f(A) and f(B): centring leaves the estimator's expectation unchanged
 *    (f(A_B^(i)) and f(A) have the same mean) but removes the variance a mean far from 0 adds,
 *    as SALib does by standardising the outputs;
 *  - total (Jansen 1999, "Analysis of variance designs for model output", Computer Physics
 *    Communications 117:35-43; Saltelli et al. 2010, Table 2 (f)):
 *      ST_i = (1/(2N)) Σ_j (f(A)_j − f(A_B^(i))_j)² / V
 * Both are unbiased only in the limit; with small N they can fall below 0 or above 1 (and S1
 * above ST), which says N is too small to resolve that index, not that the model is odd.
 */
import { quantile, sampleStandardDeviation } from 'simple-statistics';
import type { Rng } from '../random/index.js';

function requireInt(value: number, min: number, what: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${what} must be an integer >= ${min}, got ${value}`);
  }
}

/** Number of points of a Saltelli design: N·(k + 2). */
export function sobolPointCount(samples: number, k: number): number {
  return samples * (k + 2);
}

/**
 * The Saltelli design (see the module comment for the order of points and of draws), one
 * compact column per factor of N·(k + 2) values in [0, 1).
 */
export function sobolDesignColumns(samples: number, k: number, rng: Rng): Float64Array[] {
  requireInt(samples, 1, 'samples');
  requireInt(k, 1, 'k');
  const stride = k + 2;
  const columns = Array.from({ length: k }, () => new Float64Array(samples * stride));
  const a = new Float64Array(k);
  const b = new Float64Array(k);
  for (let j = 0; j < samples; j++) {
    for (let f = 0; f < k; f++) a[f] = rng.next();
    for (let f = 0; f < k; f++) b[f] = rng.next();
    const base = j * stride;
    for (let f = 0; f < k; f++) {
      const col = columns[f];
      col[base] = a[f];
      col[base + 1] = b[f];
      for (let i = 0; i < k; i++) col[base + 2 + i] = i === f ? b[f] : a[f];
    }
  }
  return columns;
}

export interface SobolIndex {
  factor: number;
  S1: number;
  S1Ci95: [number, number];
  /** Bootstrap standard error of S1 (sample SD of the resampled estimates; NaN without resamples). */
  S1Se: number;
  ST: number;
  STCi95: [number, number];
  STSe: number;
}

export interface SobolResult {
  indices: SobolIndex[];
  /** Base rows used: those whose k + 2 outputs are all finite. */
  rows: number;
  /** V, the variance of f(A) and f(B) together. */
  variance: number;
}

/** S1 and ST of every factor from the base rows `picks` (indices into the complete rows). */
function estimate(fa: Float64Array, fb: Float64Array, fab: Float64Array[], picks: ArrayLike<number>, s1: Float64Array, st: Float64Array): number {
  const n = picks.length;
  const k = fab.length;
  let sum = 0;
  for (let t = 0; t < n; t++) sum += fa[picks[t]] + fb[picks[t]];
  const m = sum / (2 * n);
  let ss = 0;
  for (let t = 0; t < n; t++) {
    const da = fa[picks[t]] - m;
    const db = fb[picks[t]] - m;
    ss += da * da + db * db;
  }
  const v = ss / (2 * n);
  for (let i = 0; i < k; i++) {
    const y = fab[i];
    let first = 0;
    let total = 0;
    for (let t = 0; t < n; t++) {
      const r = picks[t];
      const d = y[r] - fa[r];
      first += (fb[r] - m) * d;
      total += d * d;
    }
    s1[i] = first / n / v;
    st[i] = total / (2 * n) / v;
  }
  return v;
}

function percentileCi(xs: number[]): [number, number] {
  const finite = xs.filter((x) => Number.isFinite(x));
  return finite.length === 0 ? [NaN, NaN] : [quantile(finite, 0.025), quantile(finite, 0.975)];
}

function seOf(xs: number[]): number {
  const finite = xs.filter((x) => Number.isFinite(x));
  return finite.length < 2 ? NaN : sampleStandardDeviation(finite);
}

/**
 * Sobol indices from the outputs of a {@link sobolDesignColumns} design, in point order
 * (N·(k + 2) values). A base row with any non-finite output is left out (all its k + 2
 * points), so every index uses the same rows and the same V. With no variance (V = 0) or
 * fewer than two rows the indices are NaN.
 *
 * Bootstrap: `bootstrapSamples` times, the complete base rows are resampled with replacement
 * (one draw of `rng` per row, in order; the same resample for every factor), S1 and ST are
 * recomputed, and the 2.5 % / 97.5 % percentiles (simple-statistics `quantile`) of the finite
 * replicates give the 95 % intervals; their sample SD is the standard error. With
 * bootstrapSamples = 0 the intervals and SEs are NaN.
 */
export function sobolIndices(outputs: ArrayLike<number>, k: number, options: { bootstrapSamples: number; rng: Rng }): SobolResult {
  requireInt(k, 1, 'k');
  requireInt(options.bootstrapSamples, 0, 'bootstrapSamples');
  const stride = k + 2;
  if (outputs.length === 0 || outputs.length % stride !== 0) {
    throw new RangeError(`outputs (${outputs.length}) must be a positive multiple of k + 2 = ${stride}`);
  }
  const samples = outputs.length / stride;
  const keep: number[] = [];
  for (let j = 0; j < samples; j++) {
    let ok = true;
    for (let c = 0; c < stride && ok; c++) ok = Number.isFinite(outputs[j * stride + c]);
    if (ok) keep.push(j);
  }
  const n = keep.length;
  const fa = Float64Array.from(keep, (j) => outputs[j * stride]);
  const fb = Float64Array.from(keep, (j) => outputs[j * stride + 1]);
  const fab = Array.from({ length: k }, (_, i) => Float64Array.from(keep, (j) => outputs[j * stride + 2 + i]));
  const nan = (): SobolResult => ({
    rows: n,
    variance: NaN,
    indices: Array.from({ length: k }, (_, factor) => ({ factor, S1: NaN, S1Ci95: [NaN, NaN], S1Se: NaN, ST: NaN, STCi95: [NaN, NaN], STSe: NaN })),
  });
  if (n < 2) return nan();
  const s1 = new Float64Array(k);
  const st = new Float64Array(k);
  const all = Uint32Array.from({ length: n }, (_, t) => t);
  const variance = estimate(fa, fb, fab, all, s1, st);
  if (!(variance > 0)) return { ...nan(), variance };

  const bootS1: number[][] = Array.from({ length: k }, () => []);
  const bootST: number[][] = Array.from({ length: k }, () => []);
  const picks = new Uint32Array(n);
  const bs1 = new Float64Array(k);
  const bst = new Float64Array(k);
  for (let b = 0; b < options.bootstrapSamples; b++) {
    for (let t = 0; t < n; t++) picks[t] = Math.min(n - 1, Math.floor(options.rng.next() * n));
    estimate(fa, fb, fab, picks, bs1, bst);
    for (let i = 0; i < k; i++) {
      bootS1[i].push(bs1[i]);
      bootST[i].push(bst[i]);
    }
  }
  return {
    rows: n,
    variance,
    indices: Array.from({ length: k }, (_, i) => ({
      factor: i,
      S1: s1[i],
      S1Ci95: percentileCi(bootS1[i]),
      S1Se: seOf(bootS1[i]),
      ST: st[i],
      STCi95: percentileCi(bootST[i]),
      STSe: seOf(bootST[i]),
    })),
  };
}
