import { describe, it, expect } from 'vitest';
import jstatPkg from 'jstat';
import {
  Empirical,
  Exponential,
  Fixed,
  Gamma,
  LogNormal,
  NegativeBinomial,
  Poisson,
  Triangular,
  TruncatedNormal,
  Uniform,
  type Distribution,
} from '../../src/random/distributions.js';
import { normalCdf } from '../../src/random/special.js';
import { createKeyedStream, createStream, type Rng } from '../../src/random/stream.js';

const { jStat } = jstatPkg as any;

const N = 200_000;

/*
 * Tolerances (derived, not tuned)
 * -------------------------------
 * Sample mean: X̄ has variance σ²/n, and by the CLT X̄ ≈ N(μ, σ²/n), so we accept
 * |X̄ − μ| ≤ 4·sqrt(σ²/n) with the analytic σ². A 4-standard-error band has two-sided
 * false-alarm probability 6e-5 per check.
 *
 * Sample variance: S² = (1/(n−1)) Σ (Xᵢ − X̄)². Writing Xᵢ − X̄ = (Xᵢ − μ) − (X̄ − μ),
 *   S² = (n/(n−1)) [ (1/n) Σ Yᵢ − (X̄ − μ)² ],   Yᵢ = (Xᵢ − μ)².
 * The Yᵢ are iid with E Yᵢ = σ² and Var Yᵢ = E(X − μ)⁴ − σ⁴ = μ₄ − σ⁴, while
 * (X̄ − μ)² = O_p(1/n) and n/(n−1) = 1 + O(1/n). Hence by the CLT
 *   S² ≈ N(σ², (μ₄ − σ⁴)/n) + O(1/n),
 * which needs only a finite fourth moment (true for every parameter set below). Keeping
 * the O(1/n) terms gives the exact (classical) result for iid samples
 *   Var(S²) = μ₄/n − σ⁴ (n − 3)/(n (n − 1))  =  (μ₄ − σ⁴)/n + 2σ⁴/(n (n − 1)),
 * which matters only when μ₄ = σ⁴, i.e. (X − μ)² is constant (a symmetric two-point
 * distribution), where the leading term vanishes. μ₄ is unknown in general, so we plug in
 * the consistent estimates m₄ = (1/n) Σ (Xᵢ − X̄)⁴ and s⁴ and accept
 *   |S² − σ²| ≤ 4·sqrt(m₄/n − s⁴ (n − 3)/(n (n − 1))).
 * (In the two-point case S² − σ² is a shifted, scaled χ²₁ rather than normal, so there the
 * band's false-alarm probability is about 1 % rather than 6e-5.)
 *
 * Empirical CDF at a point x: n·Fₙ(x) ~ Binomial(n, F(x)), so |Fₙ(x) − F(x)| ≤
 * 4·sqrt(F(1 − F)/n). The same bound applies to the frequency of a single value of a
 * discrete distribution against its pmf.
 *
 * A small absolute slack of 1e-12·(1 + |μ|) only absorbs floating-point rounding for the
 * zero-variance cases.
 */

interface Moments {
  mean: number;
  variance: number;
  m4: number;
}

function moments(x: Float64Array): Moments {
  const n = x.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += x[i];
  const mean = sum / n;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    const d2 = d * d;
    s2 += d2;
    s4 += d2 * d2;
  }
  return { mean, variance: s2 / (n - 1), m4: s4 / n };
}

function sampleMany(dist: Distribution, rng: Rng, n = N): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = dist.sample(rng);
  return x;
}

function checkMoments(dist: Distribution, x: Float64Array): void {
  const n = x.length;
  const m = moments(x);
  const slack = 1e-12 * (1 + Math.abs(dist.mean));
  const meanTol = 4 * Math.sqrt(dist.variance / n) + slack;
  expect(Math.abs(m.mean - dist.mean), `mean of ${dist.describe()}: ${m.mean} vs ${dist.mean}`).toBeLessThanOrEqual(meanTol);
  const s4 = m.variance * m.variance;
  const varTol = 4 * Math.sqrt(Math.max(0, m.m4 / n - (s4 * (n - 3)) / (n * (n - 1)))) + slack;
  expect(Math.abs(m.variance - dist.variance), `variance of ${dist.describe()}: ${m.variance} vs ${dist.variance}`).toBeLessThanOrEqual(varTol);
}

/** Check the empirical CDF at the given points against the true CDF. */
function checkCdf(x: Float64Array, cdf: (t: number) => number, points: number[], label: string): void {
  const n = x.length;
  for (const t of points) {
    let count = 0;
    for (let i = 0; i < n; i++) if (x[i] <= t) count++;
    const f = cdf(t);
    expect(Math.abs(count / n - f), `${label}: F(${t})`).toBeLessThanOrEqual(4 * Math.sqrt((f * (1 - f)) / n) + 1e-12);
  }
}

function countWhere(x: Float64Array, pred: (v: number) => boolean): number {
  let c = 0;
  for (let i = 0; i < x.length; i++) if (pred(x[i])) c++;
  return c;
}

interface Case {
  dist: Distribution;
  integer?: boolean;
  lower?: number; // inclusive
  upper?: number; // inclusive
  cdf?: (t: number) => number;
  cdfPoints?: number[];
}

function truncatedNormalCdf(mu: number, sd: number, min: number, max: number): (t: number) => number {
  const a = (min - mu) / sd;
  const b = (max - mu) / sd;
  // Work in the lower tail for precision when the interval lies above the mean.
  if (a > 0) {
    const z = normalCdf(-a) - normalCdf(-b);
    return (t) => (t <= min ? 0 : t >= max ? 1 : (normalCdf(-a) - normalCdf(-(t - mu) / sd)) / z);
  }
  const z = normalCdf(b) - normalCdf(a);
  return (t) => (t <= min ? 0 : t >= max ? 1 : (normalCdf((t - mu) / sd) - normalCdf(a)) / z);
}

function tn(mu: number, sd: number, min: number, max: number, cdfPoints: number[]): Case {
  return {
    dist: new TruncatedNormal(mu, sd, min, max),
    lower: min,
    upper: max,
    cdf: truncatedNormalCdf(mu, sd, min, max),
    cdfPoints,
  };
}

const cases: Case[] = [
  { dist: new Fixed(3), lower: 3, upper: 3 },
  { dist: new Fixed(-1.25), lower: -1.25, upper: -1.25 },
  { dist: new Exponential(2.5), lower: 0, cdf: (t) => 1 - Math.exp(-t / 2.5), cdfPoints: [0.1, 1, 2.5, 8] },
  { dist: new Exponential(60), lower: 0 },
  { dist: new Uniform(-1, 3), lower: -1, upper: 3, cdf: (t) => (t + 1) / 4, cdfPoints: [-0.5, 1, 2.9] },
  { dist: new Uniform(45, 60), lower: 45, upper: 60 },
  {
    dist: new Triangular(10, 30, 60),
    lower: 10,
    upper: 60,
    cdf: (t) => (t <= 30 ? (t - 10) ** 2 / (50 * 20) : 1 - (60 - t) ** 2 / (50 * 30)),
    cdfPoints: [15, 30, 45, 58],
  },
  { dist: new Triangular(0, 0, 1), lower: 0, upper: 1, cdf: (t) => 1 - (1 - t) ** 2, cdfPoints: [0.1, 0.5] },
  { dist: new Triangular(0, 1, 1), lower: 0, upper: 1, cdf: (t) => t * t, cdfPoints: [0.5, 0.9] },
  // Untruncated, one-sided and two-sided truncation; rejection (mass >= 0.3) and inverse-CDF
  // (mass < 0.3) branches; intervals below, around and above the parent mean.
  tn(10, 3, -Infinity, Infinity, [5, 10, 14]),
  tn(0, 1, 0, Infinity, [0.2, 1, 2]), // one-sided, rejection
  tn(10, 5, 0, Infinity, [2, 10, 20]), // one-sided, slight truncation
  tn(0, 1, 2, Infinity, [2.1, 2.5, 3.5]), // one-sided upper tail, inverse CDF
  tn(0, 1, -Infinity, -2.5, [-4, -3, -2.6]), // one-sided lower tail, inverse CDF
  tn(0, 1, 6, Infinity, [6.05, 6.2, 6.6]), // far tail, inverse CDF
  tn(5, 2, 0, 6, [1, 3, 5.5]), // two-sided, rejection
  tn(0, 1, 1, 1.5, [1.1, 1.25, 1.4]), // two-sided, above mean, inverse CDF
  tn(0, 1, -0.1, 0.1, [-0.05, 0, 0.07]), // two-sided, straddling mean, inverse CDF
  tn(0, 1, -3, -2, [-2.8, -2.5, -2.1]), // two-sided, below mean, inverse CDF
  {
    dist: new LogNormal(5, 2),
    lower: 0,
    cdf: (t) => jStat.lognormal.cdf(t, Math.log(5) - 0.5 * Math.log1p(4 / 25), Math.sqrt(Math.log1p(4 / 25))),
    cdfPoints: [3, 5, 8],
  },
  { dist: new LogNormal(1, 0.3), lower: 0 },
  { dist: new LogNormal(2, 0), lower: 2, upper: 2 },
  { dist: new Gamma(2.5, 1.5), lower: 0, cdf: (t) => jStat.gamma.cdf(t, 2.5, 1.5), cdfPoints: [1, 3, 8] },
  { dist: new Gamma(0.4, 2), lower: 0, cdf: (t) => jStat.gamma.cdf(t, 0.4, 2), cdfPoints: [0.01, 0.3, 2] },
  { dist: new Gamma(0.05, 1), lower: 0 },
  { dist: new Gamma(1, 3), lower: 0, cdf: (t) => 1 - Math.exp(-t / 3), cdfPoints: [1, 3, 9] },
  { dist: new Gamma(50, 0.1), lower: 0 },
  { dist: new Poisson(0), integer: true, lower: 0, upper: 0 },
  { dist: new Poisson(0.7), integer: true, lower: 0 },
  { dist: new Poisson(4), integer: true, lower: 0 },
  { dist: new Poisson(29.5), integer: true, lower: 0 },
  { dist: new Poisson(30), integer: true, lower: 0 },
  { dist: new Poisson(100), integer: true, lower: 0 },
  { dist: new Poisson(5000), integer: true, lower: 0 },
  { dist: new Poisson(1e7), integer: true, lower: 0 },
  { dist: new NegativeBinomial(4.1, 4.9, 1), integer: true, lower: 1 },
  { dist: new NegativeBinomial(2, 3), integer: true, lower: 0 },
  { dist: new NegativeBinomial(200, 60, 10), integer: true, lower: 10 },
  { dist: new NegativeBinomial(50, 100, 5), integer: true, lower: 5 },
  { dist: new NegativeBinomial(3, 0, 3), integer: true, lower: 3, upper: 3 },
  { dist: new Empirical([1, 2, 3, 10], [0.1, 0.2, 0.3, 0.4]), lower: 1, upper: 10 },
  { dist: new Empirical([5, 7]), lower: 5, upper: 7 },
  { dist: new Empirical([0, 1.5, 2, 4], [0, 3, 0, 1]), lower: 1.5, upper: 4 },
  { dist: new Empirical([42]), lower: 42, upper: 42 },
];

describe('distributions: sample moments match analytic moments (n = 200,000)', () => {
  cases.forEach((c, index) => {
    it(c.dist.describe(), () => {
      const x = sampleMany(c.dist, createStream(20240601, 0, `dist-${index}`));
      checkMoments(c.dist, x);
      if (c.integer)
        expect(
          countWhere(x, (v) => !Number.isInteger(v)),
          'non-integer draws',
        ).toBe(0);
      if (c.lower !== undefined)
        expect(
          countWhere(x, (v) => v < c.lower!),
          'draws below lower bound',
        ).toBe(0);
      if (c.upper !== undefined)
        expect(
          countWhere(x, (v) => v > c.upper!),
          'draws above upper bound',
        ).toBe(0);
      expect(
        countWhere(x, (v) => !Number.isFinite(v)),
        'non-finite draws',
      ).toBe(0);
      if (c.cdf && c.cdfPoints) checkCdf(x, c.cdf, c.cdfPoints, c.dist.describe());
    });
  });
});

describe('distribution shapes beyond the first two moments', () => {
  it('Poisson(100) (PTRS) matches the pmf', () => {
    const x = sampleMany(new Poisson(100), createStream(1, 0, 'pmf-poisson'));
    for (const k of [75, 90, 100, 110, 125]) {
      const p = jStat.poisson.pdf(k, 100);
      const freq = countWhere(x, (v) => v === k) / x.length;
      expect(Math.abs(freq - p), `P(X = ${k})`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / x.length));
    }
  });

  it('Poisson(3) (Knuth) matches the pmf', () => {
    const x = sampleMany(new Poisson(3), createStream(1, 0, 'pmf-poisson-small'));
    for (const k of [0, 1, 3, 6, 9]) {
      const p = jStat.poisson.pdf(k, 3);
      const freq = countWhere(x, (v) => v === k) / x.length;
      expect(Math.abs(freq - p), `P(X = ${k})`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / x.length));
    }
  });

  it('NegativeBinomial(mean 4.1, sd 4.9, min 1) matches the negative binomial pmf', () => {
    const dist = new NegativeBinomial(4.1, 4.9, 1);
    const m = 3.1;
    const r = (m * m) / (4.9 * 4.9 - m);
    expect(dist.size).toBeCloseTo(r, 12);
    const q = r / (r + m); // success probability
    const pmf = (k: number): number => Math.exp(jStat.gammaln(k + r) - jStat.gammaln(k + 1) - jStat.gammaln(r) + r * Math.log(q) + k * Math.log1p(-q));
    const x = sampleMany(dist, createStream(1, 0, 'pmf-nb'));
    for (const k of [0, 1, 2, 4, 8, 15]) {
      const p = pmf(k);
      const freq = countWhere(x, (v) => v === 1 + k) / x.length;
      expect(Math.abs(freq - p), `P(X = ${1 + k})`).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / x.length));
    }
  });

  it('Empirical never draws zero-weight values and matches its weights', () => {
    const x = sampleMany(new Empirical([0, 1.5, 2, 4], [0, 3, 0, 1]), createStream(1, 0, 'emp'));
    expect(countWhere(x, (v) => v === 0 || v === 2)).toBe(0);
    const p = 0.75;
    expect(Math.abs(countWhere(x, (v) => v === 1.5) / x.length - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / x.length));
  });

  it('works with keyed streams (one draw per key) as well as sequential ones', () => {
    const keyed = createKeyedStream(3, 0, 'keyed-dists');
    for (const dist of [new Exponential(2), new Poisson(45), new NegativeBinomial(4.1, 4.9, 1), new TruncatedNormal(0, 1, 2)]) {
      const x = new Float64Array(N);
      for (let i = 0; i < N; i++) x[i] = dist.sample(keyed.at(i, 3));
      checkMoments(dist, x);
    }
  });

  it('analytic truncated-normal moments agree with numerical integration', () => {
    for (const [mu, sd, lo, hi] of [
      [0, 1, 2, Infinity],
      [5, 2, 0, 6],
      [0, 1, -Infinity, -2.5],
      [0, 1, 6, Infinity],
    ] as const) {
      const d = new TruncatedNormal(mu, sd, lo, hi);
      const a = Math.max(lo, mu - 12 * sd);
      const b = Math.min(hi, mu + 12 * sd);
      // Simpson's rule on the unnormalised density.
      const steps = 20_000;
      const h = (b - a) / steps;
      let z = 0;
      let m1 = 0;
      let m2 = 0;
      for (let i = 0; i <= steps; i++) {
        const t = a + i * h;
        const w = (i === 0 || i === steps ? 1 : i % 2 ? 4 : 2) * Math.exp(-0.5 * ((t - mu) / sd) ** 2);
        z += w;
        m1 += w * t;
        m2 += w * t * t;
      }
      const mean = m1 / z;
      const variance = m2 / z - mean * mean;
      expect(d.mean).toBeCloseTo(mean, 8);
      expect(d.variance).toBeCloseTo(variance, 8);
    }
  });
});

describe('describe()', () => {
  it('formats parameters', () => {
    expect(new NegativeBinomial(4.1, 4.9, 1).describe()).toBe('negativeBinomial(mean 4.1, sd 4.9, min 1)');
    expect(new NegativeBinomial(2, 3).describe()).toBe('negativeBinomial(mean 2, sd 3)');
    expect(new Fixed(3).describe()).toBe('fixed(3)');
    expect(new Exponential(60).describe()).toBe('exponential(mean 60)');
    expect(new Uniform(45, 60).describe()).toBe('uniform(min 45, max 60)');
    expect(new Triangular(10, 30, 60).describe()).toBe('triangular(min 10, mode 30, max 60)');
    expect(new TruncatedNormal(0, 1, 2).describe()).toBe('normal(mean 0, sd 1, min 2)');
    expect(new TruncatedNormal(0, 1).describe()).toBe('normal(mean 0, sd 1)');
    expect(new LogNormal(5, 2).describe()).toBe('lognormal(mean 5, sd 2)');
    expect(new Gamma(0.4, 2).describe()).toBe('gamma(shape 0.4, scale 2)');
    expect(new Poisson(4).describe()).toBe('poisson(mean 4)');
    expect(new Empirical([1, 2], [1, 3]).describe()).toBe('empirical(values [1, 2], weights [1, 3])');
    expect(new Empirical([1, 2]).describe()).toBe('empirical(values [1, 2])');
  });
});

describe('parameter validation', () => {
  const bad: Array<[string, () => unknown, RegExp]> = [
    ['fixed NaN', () => new Fixed(NaN), /value/],
    ['exponential mean 0', () => new Exponential(0), /mean/],
    ['exponential mean -1', () => new Exponential(-1), /mean/],
    ['exponential mean Infinity', () => new Exponential(Infinity), /mean/],
    ['uniform min > max', () => new Uniform(2, 1), /min/],
    ['uniform max NaN', () => new Uniform(0, NaN), /max/],
    ['triangular min == max', () => new Triangular(1, 1, 1), /min/],
    ['triangular mode outside', () => new Triangular(0, 5, 4), /mode/],
    ['normal sd 0', () => new TruncatedNormal(0, 0), /sd/],
    ['normal sd negative', () => new TruncatedNormal(0, -1), /sd/],
    ['normal min >= max', () => new TruncatedNormal(0, 1, 2, 2), /min/],
    ['normal negligible mass', () => new TruncatedNormal(0, 1, 50), /negligible/],
    ['normal mean NaN', () => new TruncatedNormal(NaN, 1), /mean/],
    ['lognormal mean 0', () => new LogNormal(0, 1), /mean/],
    ['lognormal sd -1', () => new LogNormal(1, -1), /sd/],
    ['gamma shape 0', () => new Gamma(0, 1), /shape/],
    ['gamma scale -1', () => new Gamma(1, -1), /scale/],
    ['poisson mean -1', () => new Poisson(-1), /mean/],
    ['poisson mean NaN', () => new Poisson(NaN), /mean/],
    ['negativeBinomial sd² = mean − min', () => new NegativeBinomial(5, 2, 1), /poisson/],
    ['negativeBinomial sd² < mean − min', () => new NegativeBinomial(5, 1), /poisson/],
    ['negativeBinomial mean < min', () => new NegativeBinomial(1, 2, 3), /min/],
    ['negativeBinomial mean == min with sd', () => new NegativeBinomial(3, 1, 3), /sd/],
    ['negativeBinomial fractional min', () => new NegativeBinomial(3, 4, 0.5), /min/],
    ['negativeBinomial sd negative', () => new NegativeBinomial(3, -4), /sd/],
    ['empirical no values', () => new Empirical([]), /values/],
    ['empirical NaN value', () => new Empirical([1, NaN]), /values\[1\]/],
    ['empirical weight length', () => new Empirical([1, 2], [1]), /weights/],
    ['empirical negative weight', () => new Empirical([1, 2], [1, -1]), /weights\[1\]/],
    ['empirical zero weights', () => new Empirical([1, 2], [0, 0]), /weights/],
  ];
  for (const [label, make, message] of bad) {
    it(`rejects ${label}`, () => {
      expect(make).toThrow(RangeError);
      expect(make).toThrow(message);
    });
  }
});
