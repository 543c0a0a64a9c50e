/** Discrete distributions: Poisson (Knuth below a mean of 10, PTRS above), negative binomial (a gamma–Poisson mixture), empirical. */
import type { Rng } from './stream.js';
import { type Distribution, fmt, requireFinite, requireNonNegative } from './distribution.js';
import { logFactorial } from './special.js';
import * as math from './math.js'; // engine-independent last bits (see math.ts)
import { Gamma } from './continuous.js';

// ---------------------------------------------------------------------------------------
// Poisson

/** Means below this use Knuth's multiplication method; above, PTRS. */
const POISSON_KNUTH_MAX = 10;

/** Knuth: count uniforms until their running product drops to e^{−λ} or below. */
function poissonKnuth(rng: Rng, expNegMean: number): number {
  let k = 0;
  let p = rng.next();
  while (p > expNegMean) {
    k++;
    p *= rng.next();
  }
  return k;
}

/**
 * PTRS, transformed rejection with squeeze (Hörmann 1993, "The transformed rejection
 * method for generating Poisson random variables"), exact for λ >= 10.
 */
function poissonPtrs(rng: Rng, lambda: number, logLambda: number, a: number, b: number, logInvAlpha: number, vr: number): number {
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + lambda + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (math.log(v) + logInvAlpha - math.log(a / (us * us) + b) <= -lambda + k * logLambda - logFactorial(k)) {
      return k;
    }
  }
}

function ptrsB(lambda: number): number {
  return 0.931 + 2.53 * Math.sqrt(lambda);
}
function ptrsA(b: number): number {
  return -0.059 + 0.02483 * b;
}
function ptrsLogInvAlpha(b: number): number {
  return math.log(1.1239 + 1.1328 / (b - 3.4));
}
function ptrsVr(b: number): number {
  return 0.9277 - 3.6224 / (b - 2);
}

/** A Poisson deviate with a mean known only at draw time (e.g. a gamma–Poisson mixture). */
function samplePoisson(rng: Rng, lambda: number): number {
  if (lambda < POISSON_KNUTH_MAX) return poissonKnuth(rng, math.exp(-lambda));
  const b = ptrsB(lambda);
  return poissonPtrs(rng, lambda, math.log(lambda), ptrsA(b), b, ptrsLogInvAlpha(b), ptrsVr(b));
}

/** Poisson(mean), exact: Knuth for mean < 30, PTRS otherwise. Mean 0 always gives 0. */
export class Poisson implements Distribution {
  readonly variance: number;
  private readonly knuth: boolean;
  private readonly expNegMean: number;
  private readonly logMean: number;
  private readonly a: number;
  private readonly b: number;
  private readonly logInvAlpha: number;
  private readonly vr: number;

  constructor(readonly mean: number) {
    requireNonNegative('poisson', 'mean', mean);
    this.variance = mean;
    this.knuth = mean < POISSON_KNUTH_MAX;
    this.expNegMean = math.exp(-mean);
    this.logMean = math.log(mean);
    this.b = ptrsB(mean);
    this.a = ptrsA(this.b);
    this.logInvAlpha = ptrsLogInvAlpha(this.b);
    this.vr = ptrsVr(this.b);
  }

  sample(rng: Rng): number {
    if (this.knuth) return poissonKnuth(rng, this.expNegMean);
    return poissonPtrs(rng, this.mean, this.logMean, this.a, this.b, this.logInvAlpha, this.vr);
  }

  describe(): string {
    return `poisson(mean ${fmt(this.mean)})`;
  }
}

/**
 * min + NB, where NB is negative binomial with mean (mean − min) and variance sd², drawn
 * as a gamma–Poisson mixture: λ ~ Gamma(r, (mean − min)/r) with r = (mean − min)²/(sd² −
 * (mean − min)), then Poisson(λ). So this distribution's own mean is `mean` and its
 * variance sd². Requires sd² > mean − min (overdispersion); if mean == min it is the
 * constant min and sd must be 0.
 */
export class NegativeBinomial implements Distribution {
  readonly variance: number;
  /** Size (dispersion) parameter r; Infinity when degenerate. */
  readonly size: number;
  private readonly mixing: Gamma | null;

  constructor(
    readonly mean: number,
    readonly sd: number,
    readonly min: number = 0,
  ) {
    requireFinite('negativeBinomial', 'mean', mean);
    requireNonNegative('negativeBinomial', 'sd', sd);
    requireFinite('negativeBinomial', 'min', min);
    if (!Number.isInteger(min)) {
      throw new RangeError(`negativeBinomial: min must be an integer, got ${min}`);
    }
    const m = mean - min;
    if (m < 0) throw new RangeError(`negativeBinomial: mean (${mean}) must be >= min (${min})`);
    const v = sd * sd;
    this.variance = v;
    if (m === 0) {
      if (sd !== 0) {
        throw new RangeError(`negativeBinomial: mean equals min (${min}), so the count is fixed at ${min} and sd must be 0, got ${sd}`);
      }
      this.size = Infinity;
      this.mixing = null;
      return;
    }
    if (!(v > m)) {
      throw new RangeError(
        `negativeBinomial: sd² (${v}) must exceed mean − min (${m}); a negative binomial is ` +
          `overdispersed. For a count whose variance equals its mean use { type: 'poisson' }.`,
      );
    }
    this.size = (m * m) / (v - m);
    this.mixing = new Gamma(this.size, m / this.size);
  }

  sample(rng: Rng): number {
    const mixing = this.mixing;
    if (mixing === null) return this.min;
    return this.min + samplePoisson(rng, mixing.sample(rng));
  }

  describe(): string {
    let s = `negativeBinomial(mean ${fmt(this.mean)}, sd ${fmt(this.sd)}`;
    if (this.min !== 0) s += `, min ${fmt(this.min)}`;
    return s + ')';
  }
}

/** Discrete distribution on the given values with (optional, unnormalised) weights. */
export class Empirical implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly values: Float64Array;
  private readonly cumulative: Float64Array;
  private readonly weights: Float64Array | null;

  constructor(values: number[], weights?: number[]) {
    if (!Array.isArray(values) || values.length === 0) {
      throw new RangeError('empirical: values must be a non-empty array');
    }
    const n = values.length;
    for (let i = 0; i < n; i++) requireFinite('empirical', `values[${i}]`, values[i]);
    const w = new Float64Array(n);
    if (weights === undefined) {
      w.fill(1);
      this.weights = null;
    } else {
      if (!Array.isArray(weights) || weights.length !== n) {
        throw new RangeError(`empirical: weights must be an array of the same length as values (${n})`);
      }
      for (let i = 0; i < n; i++) {
        requireNonNegative('empirical', `weights[${i}]`, weights[i]);
        w[i] = weights[i];
      }
      this.weights = Float64Array.from(weights);
    }
    let total = 0;
    let lastPositive = -1;
    for (let i = 0; i < n; i++) {
      total += w[i];
      if (w[i] > 0) lastPositive = i;
    }
    if (!(total > 0) || !Number.isFinite(total)) {
      throw new RangeError('empirical: weights must have a positive, finite sum');
    }
    this.values = Float64Array.from(values);
    this.cumulative = new Float64Array(n);
    let acc = 0;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const p = w[i] / total;
      acc += p;
      this.cumulative[i] = i >= lastPositive ? 1 : acc;
      mean += p * values[i];
    }
    let variance = 0;
    for (let i = 0; i < n; i++) {
      const dev = values[i] - mean;
      variance += (w[i] / total) * dev * dev;
    }
    this.mean = mean;
    this.variance = variance;
  }

  sample(rng: Rng): number {
    const u = rng.next();
    const cum = this.cumulative;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cum[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return this.values[lo];
  }

  describe(): string {
    const n = this.values.length;
    if (n > 8) return `empirical(${n} values${this.weights ? ', weighted' : ''})`;
    let s = `empirical(values [${Array.from(this.values, fmt).join(', ')}]`;
    if (this.weights) s += `, weights [${Array.from(this.weights, fmt).join(', ')}]`;
    return s + ')';
  }
}
