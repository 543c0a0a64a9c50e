export {
  type Rng,
  RandomStream,
  createStream,
  KeyedStream,
  KeyedGenerator,
  createKeyedStream,
} from './stream.js';
export {
  type Distribution,
  Fixed,
  Exponential,
  Uniform,
  Triangular,
  TruncatedNormal,
  LogNormal,
  Gamma,
  Poisson,
  NegativeBinomial,
  Empirical,
} from './distributions.js';
export { type DistributionSpec, DISTRIBUTION_TYPES, makeDistribution } from './spec.js';
export { erfc, normalPdf, normalCdf, normalQuantile, logFactorial } from './special.js';
