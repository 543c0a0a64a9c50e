/**
 * What every distribution shares: the Distribution interface, parameter checks that throw a
 * RangeError naming the bad parameter, and the standard normal deviate (continuous.ts,
 * discrete.ts). See distributions.ts for the rules all samplers follow.
 */
import type { Rng } from './stream.js';
import * as math from './math.js'; // engine-independent last bits (see math.ts)

export interface Distribution {
  sample(rng: Rng): number;
  readonly mean: number;
  readonly variance: number;
  describe(): string;
}

export const TWO_PI = 2 * Math.PI;

export function fmt(x: number): string {
  return String(x);
}

export function requireFinite(dist: string, param: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${dist}: ${param} must be a finite number, got ${String(value)}`);
  }
}

export function requirePositive(dist: string, param: string, value: number): void {
  requireFinite(dist, param, value);
  if (!(value > 0)) throw new RangeError(`${dist}: ${param} must be > 0, got ${value}`);
}

export function requireNonNegative(dist: string, param: string, value: number): void {
  requireFinite(dist, param, value);
  if (!(value >= 0)) throw new RangeError(`${dist}: ${param} must be >= 0, got ${value}`);
}

/** A standard normal deviate by Box–Muller (the sine partner is discarded, see top). */
export function standardNormal(rng: Rng): number {
  const r = Math.sqrt(-2 * math.log(1 - rng.next())); // 1 - u ∈ (0, 1]
  return r * math.cos(TWO_PI * rng.next());
}
