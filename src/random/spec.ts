/**
 * The data form of a distribution as written in scenario files, and its factory.
 * A bare number is shorthand for a fixed value.
 */
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
} from './distributions.js';

export type DistributionSpec =
  | number // shorthand for fixed
  | { type: 'fixed'; value: number }
  | { type: 'exponential'; mean: number }
  | { type: 'uniform'; min: number; max: number }
  | { type: 'triangular'; min: number; mode: number; max: number }
  | { type: 'normal'; mean: number; sd: number; min?: number; max?: number }
  | { type: 'lognormal'; mean: number; sd: number }
  | { type: 'gamma'; shape: number; scale: number }
  | { type: 'poisson'; mean: number }
  | { type: 'negativeBinomial'; mean: number; sd: number; min?: number }
  | { type: 'empirical'; values: number[]; weights?: number[] };

/** The `type` names a DistributionSpec object may have. */
export const DISTRIBUTION_TYPES = [
  'fixed',
  'exponential',
  'uniform',
  'triangular',
  'normal',
  'lognormal',
  'gamma',
  'poisson',
  'negativeBinomial',
  'empirical',
] as const;

/**
 * Build the distribution a spec describes. Throws RangeError for bad parameters and
 * TypeError for something that is not a spec at all (e.g. an unknown `type`).
 */
export function makeDistribution(spec: DistributionSpec): Distribution {
  if (typeof spec === 'number') return new Fixed(spec);
  if (spec === null || typeof spec !== 'object') {
    throw new TypeError(`distribution spec must be a number or an object, got ${String(spec)}`);
  }
  switch (spec.type) {
    case 'fixed':
      return new Fixed(spec.value);
    case 'exponential':
      return new Exponential(spec.mean);
    case 'uniform':
      return new Uniform(spec.min, spec.max);
    case 'triangular':
      return new Triangular(spec.min, spec.mode, spec.max);
    case 'normal':
      return new TruncatedNormal(spec.mean, spec.sd, spec.min ?? -Infinity, spec.max ?? Infinity);
    case 'lognormal':
      return new LogNormal(spec.mean, spec.sd);
    case 'gamma':
      return new Gamma(spec.shape, spec.scale);
    case 'poisson':
      return new Poisson(spec.mean);
    case 'negativeBinomial':
      return new NegativeBinomial(spec.mean, spec.sd, spec.min ?? 0);
    case 'empirical':
      return new Empirical(spec.values, spec.weights);
    default: {
      const type = (spec as { type?: unknown }).type;
      throw new TypeError(`unknown distribution type ${JSON.stringify(type)}; expected one of ${DISTRIBUTION_TYPES.join(', ')}`);
    }
  }
}
