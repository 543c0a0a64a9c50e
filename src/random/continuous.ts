/** Continuous distributions (and the constant): fixed, exponential, uniform, triangular, truncated normal, lognormal, gamma. */
import type { Rng } from './stream.js';
import { type Distribution, TWO_PI, fmt, requireFinite, requirePositive, requireNonNegative, standardNormal } from './distribution.js';
import { normalCdf, normalPdf, normalQuantile } from './special.js';
import * as math from './math.js'; // engine-independent last bits (see math.ts)

/** A constant. Draws nothing from the rng. */
export class Fixed implements Distribution {
  readonly mean: number;
  readonly variance = 0;

  constructor(readonly value: number) {
    requireFinite('fixed', 'value', value);
    this.mean = value;
  }

  sample(_rng: Rng): number {
    return this.value;
  }

  describe(): string {
    return `fixed(${fmt(this.value)})`;
  }
}

/** Exponential with the given mean (rate 1/mean), by inversion. */
export class Exponential implements Distribution {
  readonly variance: number;

  constructor(readonly mean: number) {
    requirePositive('exponential', 'mean', mean);
    this.variance = mean * mean;
  }

  sample(rng: Rng): number {
    return -this.mean * math.log(1 - rng.next());
  }

  describe(): string {
    return `exponential(mean ${fmt(this.mean)})`;
  }
}

/** Continuous uniform on [min, max). */
export class Uniform implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly width: number;

  constructor(
    readonly min: number,
    readonly max: number,
  ) {
    requireFinite('uniform', 'min', min);
    requireFinite('uniform', 'max', max);
    if (!(min <= max)) throw new RangeError(`uniform: min (${min}) must be <= max (${max})`);
    this.width = max - min;
    this.mean = 0.5 * (min + max);
    this.variance = (this.width * this.width) / 12;
  }

  sample(rng: Rng): number {
    return this.min + this.width * rng.next();
  }

  describe(): string {
    return `uniform(min ${fmt(this.min)}, max ${fmt(this.max)})`;
  }
}

/** Triangular on [min, max] with the given mode, by inversion. */
export class Triangular implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly split: number; // F(mode)
  private readonly lowerScale: number; // (max − min)(mode − min)
  private readonly upperScale: number; // (max − min)(max − mode)

  constructor(
    readonly min: number,
    readonly mode: number,
    readonly max: number,
  ) {
    requireFinite('triangular', 'min', min);
    requireFinite('triangular', 'mode', mode);
    requireFinite('triangular', 'max', max);
    if (!(min < max)) throw new RangeError(`triangular: min (${min}) must be < max (${max})`);
    if (!(mode >= min && mode <= max)) {
      throw new RangeError(`triangular: mode (${mode}) must lie in [min, max] = [${min}, ${max}]`);
    }
    const w = max - min;
    this.split = (mode - min) / w;
    this.lowerScale = w * (mode - min);
    this.upperScale = w * (max - mode);
    this.mean = (min + mode + max) / 3;
    this.variance = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
  }

  sample(rng: Rng): number {
    const u = rng.next();
    const x = u < this.split ? this.min + Math.sqrt(u * this.lowerScale) : this.max - Math.sqrt((1 - u) * this.upperScale);
    // Guard against rounding just outside the support.
    return x < this.min ? this.min : x > this.max ? this.max : x;
  }

  describe(): string {
    return `triangular(min ${fmt(this.min)}, mode ${fmt(this.mode)}, max ${fmt(this.max)})`;
  }
}

/** The largest double below 1. */
const ONE_MINUS_EPSILON = 1 - 2 ** -53;

/** Truncation mass at or above which the truncated normal samples by rejection. */
const REJECTION_MIN_MASS = 0.3;

/**
 * Normal distribution N(mu, sd²) truncated to [min, max] (either bound may be infinite).
 * Note: `mu` and `sd` are the parameters of the parent (untruncated) normal; the
 * distribution's own `mean` and `variance` are those of the truncated one:
 *   with α = (min − mu)/sd, β = (max − mu)/sd, Z = Φ(β) − Φ(α),
 *   mean     = mu + sd (φ(α) − φ(β)) / Z
 *   variance = sd² [1 + (α φ(α) − β φ(β)) / Z − ((φ(α) − φ(β)) / Z)²].
 * Sampling: when Z >= 0.3 draw normals (both Box–Muller halves) until one falls inside
 * (expected ≤ 1.7 pairs); otherwise invert the CDF, working on the side of the interval
 * nearer the lower tail so Φ keeps full relative precision far out in the tails.
 */
export class TruncatedNormal implements Distribution {
  readonly mean: number;
  readonly variance: number;
  /** Probability mass of the parent normal inside [min, max]. */
  readonly mass: number;
  private readonly rejection: boolean;
  // Inverse-CDF constants, in the (possibly reflected) standardised frame.
  private readonly sign: number;
  private readonly pLow: number;
  private readonly pWidth: number;

  constructor(
    readonly mu: number,
    readonly sd: number,
    readonly min: number = -Infinity,
    readonly max: number = Infinity,
  ) {
    requireFinite('normal', 'mean', mu);
    requirePositive('normal', 'sd', sd);
    if (typeof min !== 'number' || Number.isNaN(min) || min === Infinity) {
      throw new RangeError(`normal: min must be a number below +Infinity, got ${String(min)}`);
    }
    if (typeof max !== 'number' || Number.isNaN(max) || max === -Infinity) {
      throw new RangeError(`normal: max must be a number above -Infinity, got ${String(max)}`);
    }
    if (!(min < max)) throw new RangeError(`normal: min (${min}) must be < max (${max})`);

    let alpha = (min - mu) / sd;
    let beta = (max - mu) / sd;
    // Reflect an interval lying wholly above the mean into the lower tail.
    this.sign = 1;
    if (alpha > 0) {
      const a = alpha;
      alpha = -beta;
      beta = -a;
      this.sign = -1;
    }
    const pa = normalCdf(alpha);
    const pb = normalCdf(beta);
    const z = pb - pa;
    if (!(z > 0)) {
      throw new RangeError(`normal: [min, max] = [${min}, ${max}] has negligible probability under mean ${mu}, sd ${sd}`);
    }
    this.mass = z;
    this.pLow = pa;
    this.pWidth = z;
    this.rejection = z >= REJECTION_MIN_MASS;

    const phiA = normalPdf(alpha); // 0 at ±Infinity
    const phiB = normalPdf(beta);
    const aPhiA = Number.isFinite(alpha) ? alpha * phiA : 0;
    const bPhiB = Number.isFinite(beta) ? beta * phiB : 0;
    const shift = (phiA - phiB) / z;
    this.mean = mu + this.sign * sd * shift;
    this.variance = sd * sd * Math.max(0, 1 + (aPhiA - bPhiB) / z - shift * shift);
  }

  sample(rng: Rng): number {
    const mu = this.mu;
    const sd = this.sd;
    const min = this.min;
    const max = this.max;
    if (this.rejection) {
      for (;;) {
        const r = Math.sqrt(-2 * math.log(1 - rng.next()));
        const theta = TWO_PI * rng.next();
        let x = mu + sd * r * math.cos(theta);
        if (x >= min && x <= max) return x;
        x = mu + sd * r * math.sin(theta);
        if (x >= min && x <= max) return x;
      }
    }
    // p is 0 (or rounds to 1) only for a draw of exactly 0 (or 1 − 2⁻⁵³) on an open side, where
    // the quantile would be ∓Infinity: keep it to the finite doubles (no other draw changes).
    const p = this.pLow + this.pWidth * rng.next();
    const z = normalQuantile(p > 0 ? (p < 1 ? p : ONE_MINUS_EPSILON) : Number.MIN_VALUE);
    const x = mu + this.sign * sd * z;
    return x < min ? min : x > max ? max : x;
  }

  describe(): string {
    let s = `normal(mean ${fmt(this.mu)}, sd ${fmt(this.sd)}`;
    if (this.min !== -Infinity) s += `, min ${fmt(this.min)}`;
    if (this.max !== Infinity) s += `, max ${fmt(this.max)}`;
    return s + ')';
  }
}

/**
 * Lognormal parameterised by its own mean and sd (not those of the underlying normal):
 * σ² = ln(1 + sd²/mean²), μ = ln(mean) − σ²/2, X = exp(μ + σ Z). sd = 0 gives a constant.
 */
export class LogNormal implements Distribution {
  readonly variance: number;
  /** Parameters of the underlying normal. */
  readonly mu: number;
  readonly sigma: number;

  constructor(
    readonly mean: number,
    readonly sd: number,
  ) {
    requirePositive('lognormal', 'mean', mean);
    requireNonNegative('lognormal', 'sd', sd);
    const s2 = math.log1p((sd * sd) / (mean * mean));
    this.sigma = Math.sqrt(s2);
    this.mu = math.log(mean) - 0.5 * s2;
    this.variance = sd * sd;
  }

  sample(rng: Rng): number {
    return math.exp(this.mu + this.sigma * standardNormal(rng));
  }

  describe(): string {
    return `lognormal(mean ${fmt(this.mean)}, sd ${fmt(this.sd)})`;
  }
}

/**
 * Gamma(shape, scale), mean shape·scale, by Marsaglia & Tsang (2000). For shape < 1 a
 * Gamma(shape + 1) deviate is multiplied by u^(1/shape).
 */
export class Gamma implements Distribution {
  readonly mean: number;
  readonly variance: number;
  private readonly d: number;
  private readonly c: number;
  private readonly boosted: boolean;
  private readonly invShape: number;

  constructor(
    readonly shape: number,
    readonly scale: number,
  ) {
    requirePositive('gamma', 'shape', shape);
    requirePositive('gamma', 'scale', scale);
    this.mean = shape * scale;
    this.variance = shape * scale * scale;
    this.boosted = shape < 1;
    this.invShape = 1 / shape;
    this.d = (this.boosted ? shape + 1 : shape) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
  }

  sample(rng: Rng): number {
    const d = this.d;
    const c = this.c;
    let g: number;
    for (;;) {
      const x = standardNormal(rng);
      let v = 1 + c * x;
      if (v <= 0) continue;
      v = v * v * v;
      const u = rng.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2 || math.log(u) < 0.5 * x2 + d * (1 - v + math.log(v))) {
        g = d * v;
        break;
      }
    }
    if (this.boosted) g *= math.pow(rng.next(), this.invShape);
    return g * this.scale;
  }

  describe(): string {
    return `gamma(shape ${fmt(this.shape)}, scale ${fmt(this.scale)})`;
  }
}
