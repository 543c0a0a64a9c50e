/**
 * Percentiles of the waits themselves (src/experiment/pooled-waits.ts): the median and 90th
 * percentile are quantiles of every replication's waits pooled, not means of each replication's
 * own quantile, with an interval from resampling replications.
 */
import { describe, expect, it } from 'vitest';
import { PooledWaits, pooledQuantileDifference, pooledQuantileSummary, expandedTail } from '../../src/experiment/pooled-waits.js';
import { summariseMetrics } from '../../src/experiment/replications.js';
import { quantileOfCounts, WAIT_BIN_DAYS, type WaitCounts } from '../../src/model/index.js';
import { createStream } from '../../src/random/index.js';
import { run, scenario } from '../helpers.js';

/** Sparse counts of waits (days); zero waits counted apart. */
function countsOf(days: readonly number[]): WaitCounts {
  const bins = new Map<number, number>();
  let zeros = 0;
  for (const d of days) {
    if (d <= 0) zeros++;
    else {
      const b = Math.floor(d / WAIT_BIN_DAYS);
      bins.set(b, (bins.get(b) ?? 0) + 1);
    }
  }
  const keys = [...bins.keys()].sort((a, b) => a - b);
  return { zeros, bins: Uint32Array.from(keys), counts: Uint32Array.from(keys.map((k) => bins.get(k)!)), total: days.length };
}

/** Replications' counts merged into one, each taken weight[i] times. */
function merged(reps: readonly WaitCounts[], weight: readonly number[]): { zeros: number; total: number; bins: number[]; counts: number[] } {
  const m = new Map<number, number>();
  let zeros = 0;
  let total = 0;
  reps.forEach((r, i) => {
    zeros += weight[i] * r.zeros;
    total += weight[i] * r.total;
    r.bins.forEach((b, k) => m.set(b, (m.get(b) ?? 0) + weight[i] * r.counts[k]));
  });
  const bins = [...m.keys()].sort((a, b) => a - b);
  return { zeros, total, bins, counts: bins.map((b) => m.get(b)!) };
}

describe('pooled wait quantiles', () => {
  const rng = createStream(19, 0, 'pooled-waits-test');
  const exp = (mean: number) => -mean * Math.log(1 - rng.next());
  // Replications of different sizes, some with a vacancy (waits doubled), some zero waits.
  const reps = Array.from({ length: 12 }, (_, i) => countsOf(Array.from({ length: 50 + 10 * i }, () => (rng.next() < 0.2 ? 0 : exp(i % 4 === 0 ? 6 : 3)))));

  it('equal the quantile of all the replications’ waits merged, for any resampling weights', () => {
    for (const q of [0.1, 0.5, 0.9, 0.99]) {
      const pooled = new PooledWaits(reps, q);
      for (const weight of [reps.map(() => 1), reps.map((_, i) => i % 3), reps.map((_, i) => (i === 4 ? 5 : 0))]) {
        const all = merged(reps, weight);
        expect(pooled.quantile(weight), `q ${q} weights ${weight}`).toBeCloseTo(quantileOfCounts(all.zeros, all.total, q, all.bins, all.counts), 10);
      }
    }
  });

  it('are not the mean of each replication’s own quantile: with one replication at 1 day and one at 10, 90 % wait at most 10 days, not 5.5', () => {
    const short = countsOf(Array.from({ length: 10 }, () => 1));
    const long = countsOf(Array.from({ length: 10 }, () => 10));
    const own = [short, long].map((r) => quantileOfCounts(r.zeros, r.total, 0.9, r.bins, r.counts));
    const meanOfOwn = (own[0] + own[1]) / 2;
    expect(meanOfOwn).toBeCloseTo(5.5, 1);
    const pooled = pooledQuantileSummary([{ waitCounts: short }, { waitCounts: long }], 0.9).mean;
    expect(pooled).toBeGreaterThan(10 - 2 * WAIT_BIN_DAYS);
    expect(pooled).toBeLessThanOrEqual(10 + WAIT_BIN_DAYS);
  });

  it('are 0, not smeared over the first quarter hour, when the quantile falls among the zero waits', () => {
    const half = countsOf([0, 0, 0, 0, 0, 0, 1, 2, 3, 4]);
    expect(new PooledWaits([half, half], 0.5).quantile([1, 1])).toBe(0);
    expect(new PooledWaits([half], 0.7).quantile([1])).toBeGreaterThan(0);
  });

  it('have a reproducible interval that contains the estimate, from the expanded percentile bootstrap', () => {
    const input = reps.map((waitCounts) => ({ waitCounts }));
    const a = pooledQuantileSummary(input, 0.9);
    const b = pooledQuantileSummary(input, 0.9);
    expect(a).toEqual(b);
    expect(a.ci95[0]).toBeLessThan(a.mean);
    expect(a.ci95[1]).toBeGreaterThan(a.mean);
    expect(a.n).toBe(reps.length);
    // The tails are wider than 2.5 % with few replications and tend to 2.5 %.
    expect(expandedTail(10)).toBeLessThan(0.015);
    expect(expandedTail(10_000)).toBeCloseTo(0.025, 3);
  });

  it('give a paired difference of exactly 0 between identical designs, and of the right sign when one design waits longer', () => {
    const input = reps.map((waitCounts) => ({ waitCounts }));
    const same = pooledQuantileDifference(input, input, 0.5);
    expect(same.mean).toBe(0);
    expect(same.ci95).toEqual([0, 0]);
    const longer = reps.map((r) => ({ waitCounts: { ...r, bins: r.bins.map((b) => b * 2) } }));
    const d = pooledQuantileDifference(input, longer, 0.5);
    expect(d.ci95[0]).toBeGreaterThan(0);
  });

  it('are what a run reports for waitMedianDays and waitP90Days (not per-replication means)', () => {
    const r = run(scenario({ run: { years: 1, warmupDays: 30, replications: 6 } }));
    const again = summariseMetrics(r.replications);
    expect(r.metrics.waitP90Days).toEqual(again.waitP90Days);
    const all = merged(
      r.replications.map((x) => x.waitCounts),
      r.replications.map(() => 1),
    );
    expect(r.metrics.waitP90Days.mean).toBeCloseTo(quantileOfCounts(all.zeros, all.total, 0.9, all.bins, all.counts), 10);
  });
});
