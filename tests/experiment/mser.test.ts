import { describe, it, expect } from 'vitest';
import { mser } from '../../src/experiment/mser.js';
import { createStream } from '../../src/random/index.js';

/** Stationary noise around 10 after a transient that decays from 60 over `length` observations. */
function withTransient(length: number, total: number, seed: number): number[] {
  const rng = createStream(seed, 0, 'mser-test');
  return Array.from({ length: total }, (_, t) => {
    const noise = (rng.next() - 0.5) * 4;
    return 10 + (t < length ? 50 * (1 - t / length) : 0) + noise;
  });
}

describe('MSER-5', () => {
  it('truncates about the length of a known linear transient', () => {
    for (const [length, seed] of [
      [40, 1],
      [100, 2],
      [150, 3],
    ]) {
      const r = mser(withTransient(length, 600, seed), 5);
      // The bias is large until close to the end of the transient; MSER stops within a few
      // batches of it and never truncates far beyond it.
      expect(r.truncatedObservations).toBeGreaterThanOrEqual(length * 0.7);
      expect(r.truncatedObservations).toBeLessThanOrEqual(length + 25);
    }
  });

  it('truncates little or nothing from a stationary series', () => {
    const r = mser(withTransient(0, 500, 4), 5);
    expect(r.truncatedObservations).toBeLessThanOrEqual(50);
  });

  it('considers truncations up to half the batches and reports each statistic', () => {
    const r = mser(withTransient(20, 100, 5), 5);
    expect(r.statistics).toHaveLength(11);
    expect(r.statistics[r.truncatedBatches]).toBe(Math.min(...r.statistics));
  });

  it('needs at least two batches', () => {
    expect(() => mser([1, 2, 3], 5)).toThrow(RangeError);
  });
});
