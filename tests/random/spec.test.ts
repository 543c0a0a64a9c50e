import { describe, it, expect } from 'vitest';
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
} from '../../src/random/distributions.js';
import { makeDistribution, type DistributionSpec } from '../../src/random/spec.js';
import * as api from '../../src/random/index.js';

describe('makeDistribution', () => {
  it('treats a bare number as fixed', () => {
    const d = makeDistribution(3);
    expect(d).toBeInstanceOf(Fixed);
    expect(d.mean).toBe(3);
    expect(d.variance).toBe(0);
    expect(d.describe()).toBe('fixed(3)');
    expect(d.sample({ next: () => 0.5 })).toBe(3);
  });

  it('builds every spec type', () => {
    const cases: Array<[DistributionSpec, Function, string]> = [
      [{ type: 'fixed', value: 2 }, Fixed, 'fixed(2)'],
      [{ type: 'exponential', mean: 60 }, Exponential, 'exponential(mean 60)'],
      [{ type: 'uniform', min: 45, max: 60 }, Uniform, 'uniform(min 45, max 60)'],
      [{ type: 'triangular', min: 10, mode: 30, max: 60 }, Triangular, 'triangular(min 10, mode 30, max 60)'],
      [{ type: 'normal', mean: 0, sd: 1 }, TruncatedNormal, 'normal(mean 0, sd 1)'],
      [{ type: 'normal', mean: 0, sd: 1, min: 0 }, TruncatedNormal, 'normal(mean 0, sd 1, min 0)'],
      [{ type: 'normal', mean: 0, sd: 1, max: 2 }, TruncatedNormal, 'normal(mean 0, sd 1, max 2)'],
      [{ type: 'lognormal', mean: 5, sd: 2 }, LogNormal, 'lognormal(mean 5, sd 2)'],
      [{ type: 'gamma', shape: 2, scale: 3 }, Gamma, 'gamma(shape 2, scale 3)'],
      [{ type: 'poisson', mean: 4 }, Poisson, 'poisson(mean 4)'],
      [{ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 }, NegativeBinomial, 'negativeBinomial(mean 4.1, sd 4.9, min 1)'],
      [{ type: 'negativeBinomial', mean: 2, sd: 3 }, NegativeBinomial, 'negativeBinomial(mean 2, sd 3)'],
      [{ type: 'empirical', values: [1, 2], weights: [1, 3] }, Empirical, 'empirical(values [1, 2], weights [1, 3])'],
      [{ type: 'empirical', values: [1, 2] }, Empirical, 'empirical(values [1, 2])'],
    ];
    for (const [spec, cls, text] of cases) {
      const d = makeDistribution(spec);
      expect(d).toBeInstanceOf(cls);
      expect(d.describe()).toBe(text);
    }
    expect(makeDistribution({ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 }).mean).toBe(4.1);
    expect(makeDistribution({ type: 'normal', mean: 0, sd: 1, min: 0 }).mean).toBeCloseTo(Math.sqrt(2 / Math.PI), 14);
  });

  it('rejects unknown types and non-specs with TypeError, bad parameters with RangeError', () => {
    expect(() => makeDistribution({ type: 'weibull', shape: 1 } as unknown as DistributionSpec)).toThrow(TypeError);
    expect(() => makeDistribution({ type: 'weibull', shape: 1 } as unknown as DistributionSpec)).toThrow(/weibull/);
    expect(() => makeDistribution(null as unknown as DistributionSpec)).toThrow(TypeError);
    expect(() => makeDistribution('3' as unknown as DistributionSpec)).toThrow(TypeError);
    expect(() => makeDistribution(NaN)).toThrow(RangeError);
    expect(() => makeDistribution({ type: 'negativeBinomial', mean: 3, sd: 1 })).toThrow(/poisson/);
    expect(() => makeDistribution({ type: 'exponential' } as unknown as DistributionSpec)).toThrow(RangeError);
  });

  it('is re-exported from the package index', () => {
    expect(api.makeDistribution).toBe(makeDistribution);
    expect(api.createStream).toBeTypeOf('function');
    expect(api.KeyedStream).toBeTypeOf('function');
    expect(api.NegativeBinomial).toBe(NegativeBinomial);
    expect(api.DISTRIBUTION_TYPES).toContain('negativeBinomial');
  });
});
