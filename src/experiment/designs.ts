/**
 * Experimental designs over k factors scaled to the unit cube [0, 1]^k.
 *
 * All functions are pure and deterministic: every random number comes from the `Rng`
 * argument, drawn in the fixed order documented on each function, so the same stream
 * (seed, replication, name) always gives the same design.
 *
 *  - {@link gridDesign}: full factorial of level *indices* (last factor varies fastest).
 *  - {@link latinHypercube}: classic Latin hypercube sample (McKay, Beckman & Conover
 *    1979): each factor's range is cut into n equal strata and every stratum holds
 *    exactly one point.
 *  - {@link morrisDesign} / {@link morrisIndices}: the elementary-effects screening method
 *    of Morris (1991), "Factorial sampling plans for preliminary computational
 *    experiments", Technometrics 33(2):161-174, summarised with the absolute-mean μ* of
 *    Campolongo, Cariboni & Saltelli (2007), "An effective screening design for
 *    sensitivity analysis of large models", Environmental Modelling & Software
 *    22(10):1509-1518. μ* ranks factors by overall influence; σ flags non-linearity or
 *    interactions (σ = 0 for a purely additive linear effect).
 *
 * Effects from {@link morrisIndices} are in output units per unit of the [0, 1]-scaled
 * factor; a caller who wants effects per natural unit divides by (max − min) of that
 * factor's natural range.
 */
import { mean, quantile, sampleStandardDeviation } from 'simple-statistics';
import type { Rng } from '../random/index.js';

function requireInt(value: number, min: number, what: string): void {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${what} must be an integer >= ${min}, got ${value}`);
  }
}

/** Uniform integer in [0, n) from one draw of `rng`. */
function randInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng.next() * n));
}

/** Random permutation of 0..n-1 by Fisher–Yates, i = n−1 down to 1 (n − 1 draws). */
function permutation(n: number, rng: Rng): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randInt(rng, i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

/** The largest double below positive finite `x`. */
function nextDown(x: number): number {
  const f = new Float64Array([x]);
  const b = new BigInt64Array(f.buffer);
  b[0] -= 1n;
  return f[0];
}

/**
 * Full factorial of level indices: every combination of 0..levelsPerFactor[j]−1, the LAST
 * factor varying fastest, e.g. [2, 3] → [0,0], [0,1], [0,2], [1,0], [1,1], [1,2].
 * No factors gives the single empty run [[]].
 */
export function gridDesign(levelsPerFactor: number[]): number[][] {
  levelsPerFactor.forEach((l, j) => requireInt(l, 1, `levelsPerFactor[${j}]`));
  let rows: number[][] = [[]];
  for (const levels of levelsPerFactor) {
    const next: number[][] = [];
    for (const row of rows) for (let i = 0; i < levels; i++) next.push([...row, i]);
    rows = next;
  }
  return rows;
}

/**
 * Latin hypercube sample of `samples` points in [0, 1)^k. Random numbers are consumed
 * factor by factor: for factor j, first a Fisher–Yates permutation of the strata
 * (samples − 1 draws), then one uniform offset per row in row order (samples draws).
 * Row i, factor j is (perm_j[i] + u) / samples, so it lies in stratum perm_j[i].
 */
export function latinHypercube(samples: number, k: number, rng: Rng): number[][] {
  const columns = latinHypercubeColumns(samples, k, rng);
  return Array.from({ length: samples }, (_, i) => columns.map((c) => c[i]));
}

/**
 * The same sample as {@link latinHypercube} (same draws, same values), one compact column per
 * factor: 8 bytes per value, so large designs stay small in memory.
 */
export function latinHypercubeColumns(samples: number, k: number, rng: Rng): Float64Array[] {
  requireInt(samples, 1, 'samples');
  requireInt(k, 0, 'k');
  const columns: Float64Array[] = [];
  const perm = new Uint32Array(samples);
  for (let j = 0; j < k; j++) {
    // Fisher–Yates, i = n−1 down to 1, as permutation() (the same draws).
    for (let i = 0; i < samples; i++) perm[i] = i;
    for (let i = samples - 1; i > 0; i--) {
      const r = randInt(rng, i + 1);
      const t = perm[i];
      perm[i] = perm[r];
      perm[r] = t;
    }
    const column = new Float64Array(samples);
    for (let i = 0; i < samples; i++) {
      const stratum = perm[i];
      let v = (stratum + rng.next()) / samples;
      // Rounding can push (s + u)/n up to (s + 1)/n; keep the point inside its stratum.
      while (v >= 1 || Math.floor(v * samples) > stratum) v = nextDown(v);
      column[i] = v;
    }
    columns.push(column);
  }
  return columns;
}

/** Morris step Δ = p / (2(p − 1)) for `levels` p. */
export function morrisDelta(levels: number): number {
  return levels / (2 * (levels - 1));
}

/**
 * Morris (1991) trajectory design with randomised directions, i.e. the full
 * B* = (J·x* + (Δ/2)((2B − J)D* + J))P* construction: with p even grid levels
 * {0, 1/(p−1), …, 1} and Δ = p/(2(p−1)) (a jump of p/2 levels),
 *  - the base point x* has each coordinate drawn uniformly from the lower half
 *    {0, …, (p/2 − 1)/(p−1)}, so x* + Δ ≤ 1;
 *  - each factor gets a direction D_j = ±1; a factor with D_j = −1 starts at x*_j + Δ
 *    and steps down to x*_j, one with D_j = +1 starts at x*_j and steps up by Δ;
 *  - factors are changed one at a time in a random order P*.
 * Random numbers per trajectory, in this order: k base levels (factor order), k
 * directions (factor order, draw < 0.5 means +1), then the Fisher–Yates permutation of
 * the factor order (k − 1 draws). Trajectory t occupies rows t(k+1) … t(k+1)+k; consecutive
 * rows differ in exactly one factor by ±Δ, and every factor changes once per trajectory.
 */
export function morrisDesign(k: number, trajectories: number, levels: number, rng: Rng): number[][] {
  requireInt(k, 1, 'k');
  requireInt(trajectories, 1, 'trajectories');
  requireInt(levels, 2, 'levels');
  if (levels % 2 !== 0) throw new RangeError(`levels must be even, got ${levels}`);
  const half = levels / 2; // Δ expressed in level indices
  const toValue = (idx: number): number => idx / (levels - 1);
  const design: number[][] = [];
  for (let t = 0; t < trajectories; t++) {
    const base = Array.from({ length: k }, () => randInt(rng, half));
    const dir = Array.from({ length: k }, () => (rng.next() < 0.5 ? 1 : -1));
    const order = permutation(k, rng);
    const idx = base.map((b, j) => (dir[j] === 1 ? b : b + half));
    design.push(idx.map(toValue));
    for (const j of order) {
      idx[j] += dir[j] * half;
      design.push(idx.map(toValue));
    }
  }
  return design;
}

export interface MorrisIndex {
  factor: number;
  /** Mean elementary effect (signed). */
  mu: number;
  /** Mean absolute elementary effect (Campolongo et al. 2007). */
  muStar: number;
  /** Sample standard deviation of the elementary effects (NaN with fewer than two). */
  sigma: number;
  muStarCi95: [number, number];
  sigmaCi95: [number, number];
}

/** Elementary effects ee[t][j] (NaN when dropped) of a trajectory design. */
function elementaryEffects(design: number[][], outputs: number[], k: number): number[][] {
  if (design.length !== outputs.length) {
    throw new RangeError(`design has ${design.length} rows but outputs has ${outputs.length}`);
  }
  if (design.length === 0 || design.length % (k + 1) !== 0) {
    throw new RangeError(`design rows (${design.length}) must be a positive multiple of k + 1 = ${k + 1}`);
  }
  const r = design.length / (k + 1);
  const ee: number[][] = [];
  for (let t = 0; t < r; t++) {
    const effects = new Array<number>(k).fill(NaN);
    const seen = new Array<boolean>(k).fill(false);
    for (let s = 1; s <= k; s++) {
      const prev = design[t * (k + 1) + s - 1];
      const next = design[t * (k + 1) + s];
      const changed: number[] = [];
      for (let j = 0; j < k; j++) if (next[j] !== prev[j]) changed.push(j);
      const j = changed[0];
      if (changed.length !== 1 || seen[j]) {
        throw new RangeError(`trajectory ${t} step ${s} must change exactly one new factor`);
      }
      seen[j] = true;
      const y0 = outputs[t * (k + 1) + s - 1];
      const y1 = outputs[t * (k + 1) + s];
      if (Number.isFinite(y0) && Number.isFinite(y1)) effects[j] = (y1 - y0) / (next[j] - prev[j]);
    }
    ee.push(effects);
  }
  return ee;
}

function muStarOf(xs: number[]): number {
  return xs.length === 0 ? NaN : mean(xs.map(Math.abs));
}

function sigmaOf(xs: number[]): number {
  return xs.length < 2 ? NaN : sampleStandardDeviation(xs);
}

/** Percentile 2.5 % / 97.5 % interval of the finite values (NaN when none). */
function percentileCi(values: number[]): [number, number] {
  const xs = values.filter((v) => Number.isFinite(v));
  if (xs.length === 0) return [NaN, NaN];
  return [quantile(xs, 0.025), quantile(xs, 0.975)];
}

/**
 * Morris indices per factor from a trajectory design (as produced by
 * {@link morrisDesign}) and its outputs. EE = (y_next − y_prev) / (x_next − x_prev) for the
 * factor that changed, in output units per unit of the [0, 1]-scaled factor. A step with
 * a non-finite output is dropped for that factor and trajectory. μ = mean EE,
 * μ* = mean |EE|, σ = sample SD of EE (NaN with fewer than two effects).
 *
 * Bootstrap: `bootstrapSamples` times, r trajectory indices are drawn with replacement
 * (r draws of `rng` each, in order; the same resample is used for all factors), μ* and σ
 * are recomputed, and the 2.5 % / 97.5 % percentiles (simple-statistics `quantile`) of the
 * finite replicates give the 95 % intervals. With bootstrapSamples = 0 they are NaN.
 */
export function morrisIndices(design: number[][], outputs: number[], k: number, options: { bootstrapSamples: number; rng: Rng }): MorrisIndex[] {
  requireInt(k, 1, 'k');
  requireInt(options.bootstrapSamples, 0, 'bootstrapSamples');
  const ee = elementaryEffects(design, outputs, k);
  const r = ee.length;
  const finiteColumn = (rows: number[], j: number): number[] => rows.map((t) => ee[t][j]).filter((v) => Number.isFinite(v));

  const bootMuStar: number[][] = Array.from({ length: k }, () => []);
  const bootSigma: number[][] = Array.from({ length: k }, () => []);
  for (let b = 0; b < options.bootstrapSamples; b++) {
    const picks = Array.from({ length: r }, () => randInt(options.rng, r));
    for (let j = 0; j < k; j++) {
      const xs = finiteColumn(picks, j);
      bootMuStar[j].push(muStarOf(xs));
      bootSigma[j].push(sigmaOf(xs));
    }
  }

  const all = Array.from({ length: r }, (_, t) => t);
  return Array.from({ length: k }, (_, j) => {
    const xs = finiteColumn(all, j);
    return {
      factor: j,
      mu: xs.length === 0 ? NaN : mean(xs),
      muStar: muStarOf(xs),
      sigma: sigmaOf(xs),
      muStarCi95: percentileCi(bootMuStar[j]),
      sigmaCi95: percentileCi(bootSigma[j]),
    };
  });
}
