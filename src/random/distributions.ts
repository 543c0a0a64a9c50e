/**
 * Probability distributions for the simulator.
 *
 * Every distribution is a small class with precomputed constants and a monomorphic
 * `sample(rng)`: no allocation and no closures per draw. All randomness comes from the
 * {@link Rng} passed in, so the caller decides which stream (sequential or keyed) a draw
 * belongs to. Samplers never cache values between calls (e.g. the second Box–Muller
 * normal is discarded), because a cached value would leak from one key of a
 * KeyedStream into another and break common-random-number alignment.
 *
 * Constructors validate their parameters and throw a RangeError naming the bad one.
 * `mean` and `variance` are the analytic moments of the distribution actually sampled.
 */
export type { Distribution } from './distribution.js';
export { Fixed, Exponential, Uniform, Triangular, TruncatedNormal, LogNormal, Gamma } from './continuous.js';
export { Poisson, NegativeBinomial, Empirical } from './discrete.js';
