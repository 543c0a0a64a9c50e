/**
 * One-sided bounds for the planner's feasibility tests (src/experiment/plan-bounds.ts): a bound
 * at level 1 − α lies on its side of the mean, moves outwards as α falls, and the t-based bound
 * covers the true mean at its stated rate; where every replication sits at an end of the
 * metric's range the zero-events bound is used, and without a counted exposure none is claimed.
 */
import { describe, expect, it } from 'vitest';
import { type BoundReplication, metricBounds } from '../../src/experiment/plan-bounds.js';
import type { MetricValues } from '../../src/model/index.js';
import { normalQuantile } from '../../src/random/special.js';
import { createStream } from '../../src/random/stream.js';

function reps(values: number[], id: keyof MetricValues, exposure?: number): BoundReplication[] {
  return values.map((v) => ({
    metrics: { [id]: v } as unknown as MetricValues,
    waitCounts: { zeros: 0, bins: new Uint32Array(0), counts: new Uint32Array(0), total: 0 },
    exposure: exposure === undefined ? {} : { [id]: exposure },
  }));
}

describe('plan bounds', () => {
  it('lower <= mean <= upper, wider at a smaller α', () => {
    const xs = [3.1, 2.7, 3.6, 2.9, 3.3, 3.0, 2.5, 3.8];
    const b05 = metricBounds(reps(xs, 'waitDays'), 'waitDays', 0.05);
    const b01 = metricBounds(reps(xs, 'waitDays'), 'waitDays', 0.0125);
    expect(b05.lower).toBeLessThan(b05.mean);
    expect(b05.upper).toBeGreaterThan(b05.mean);
    expect(b01.lower).toBeLessThan(b05.lower);
    expect(b01.upper).toBeGreaterThan(b05.upper);
    expect(b05.n).toBe(8);
  });

  it('the one-sided 95 % lower bound of normal data covers the true mean in 95 % of samples (within 3 binomial SE)', () => {
    const M = 2000;
    let covered = 0;
    for (let m = 0; m < M; m++) {
      const rng = createStream(5, m, 'bounds');
      const xs = Array.from({ length: 10 }, () => 10 + 2 * normalQuantile(Math.min(Math.max(rng.next(), 1e-12), 1 - 1e-12)));
      if (metricBounds(reps(xs, 'waitDays'), 'waitDays', 0.05).lower <= 10) covered++;
    }
    const se = Math.sqrt((0.05 * 0.95) / M);
    expect(covered / M).toBeGreaterThanOrEqual(0.95 - 3 * se);
    expect(covered / M).toBeLessThanOrEqual(0.95 + 3 * se);
  });

  it('every replication at a share of 1 with patients counted: the zero-events (Clopper–Pearson) bound', () => {
    const b = metricBounds(reps([1, 1, 1, 1], 'seenWithin28DaysShare', 100), 'seenWithin28DaysShare', 0.05);
    expect(b.upper).toBe(1);
    // 0 misses among 400 patients: 1 − 0.05^(1/400).
    expect(b.lower).toBeCloseTo(0.05 ** (1 / 400), 12);
  });

  it('every replication at 0 with no counted exposure (hours): no bound is claimed, as in a run’s report', () => {
    const b = metricBounds(reps([0, 0, 0, 0, 0], 'outOfRemitHoursPerWorkerWeek'), 'outOfRemitHoursPerWorkerWeek', 0.05);
    expect(b.mean).toBe(0);
    expect(b.lower).toBeNaN();
    expect(b.upper).toBeNaN();
  });

  it('a constant inside the range is its own bound on both sides', () => {
    const b = metricBounds(reps([82_426, 82_426, 82_426], 'costPerYear'), 'costPerYear', 0.05);
    expect([b.lower, b.mean, b.upper]).toEqual([82_426, 82_426, 82_426]);
  });

  it('fewer than two values: no bound', () => {
    const b = metricBounds(reps([3], 'waitDays'), 'waitDays', 0.05);
    expect(b.mean).toBe(3);
    expect(b.lower).toBeNaN();
    expect(b.upper).toBeNaN();
  });
});
