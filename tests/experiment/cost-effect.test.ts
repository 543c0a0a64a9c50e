/**
 * The incremental cost per extra need met (src/experiment/cost-effect.ts): the verdict follows
 * the signs (dominates / dominated / a ratio in either direction / no detectable effect), and
 * Fieller's interval agrees with the ratio of means and with hand-computed roots.
 */
import { describe, it, expect } from 'vitest';
import { costEffect, costEffectVerdict, fiellerInterval } from '../../src/experiment/cost-effect.js';
import { tQuantile95 } from '../../src/experiment/summary.js';
import type { ReplicationResult } from '../../src/model/index.js';
import { compareDesigns } from '../../src/experiment/compare.js';
import { runSettings } from '../../src/experiment/replications.js';
import { scenario } from '../helpers.js';

const reps = (pairs: Array<[number, number]>) =>
  pairs.map(([costPerYear, needsMetPerYear]) => ({ metrics: { costPerYear, needsMetPerYear } }) as unknown as ReplicationResult);
const base = reps([
  [100, 50],
  [100, 52],
  [100, 48],
  [100, 51],
  [100, 49],
]);

describe('cost-effect verdicts from the signs', () => {
  it('cheaper or the same and more need met: dominates', () => {
    const ce = costEffect(
      base,
      reps([
        [90, 60],
        [92, 61],
        [91, 59],
        [89, 62],
        [90, 60],
      ]),
    );
    expect(ce.verdict).toBe('dominates');
    expect(ce.costDifference.mean).toBeCloseTo(-9.6, 10);
    expect(
      costEffect(
        base,
        reps([
          [100, 60],
          [100, 61],
          [100, 59],
          [100, 62],
          [100, 60],
        ]),
      ).verdict,
    ).toBe('dominates');
  });

  it('dearer or the same and less need met: dominated', () => {
    expect(
      costEffect(
        base,
        reps([
          [110, 40],
          [111, 41],
          [109, 39],
          [110, 42],
          [112, 40],
        ]),
      ).verdict,
    ).toBe('dominated');
  });

  it('dearer and more need met: a cost per extra need met; cheaper and less: a saving per need given up', () => {
    const more = costEffect(
      base,
      reps([
        [200, 60],
        [202, 61],
        [199, 59],
        [201, 62],
        [198, 60],
      ]),
    );
    expect(more.verdict).toBe('costs more, meets more need');
    expect(more.incrementalCostPerNeedMet.mean).toBeCloseTo(more.costDifference.mean / more.needsMetDifference.mean, 10);
    expect(more.incrementalCostPerNeedMet.mean).toBeGreaterThan(0);
    const less = costEffect(
      base,
      reps([
        [50, 40],
        [51, 41],
        [49, 39],
        [50, 42],
        [52, 40],
      ]),
    );
    expect(less.verdict).toBe('costs less, meets less need');
    expect(less.incrementalCostPerNeedMet.mean).toBeGreaterThan(0);
  });

  it('an effect whose interval contains 0 has no verdict on cost-effectiveness and an unbounded interval', () => {
    const ce = costEffect(
      base,
      reps([
        [120, 52],
        [120, 48],
        [120, 51],
        [120, 49],
        [120, 50],
      ]),
    );
    expect(ce.verdict).toBe('no detectable difference in people with need met');
    expect(ce.incrementalCostPerNeedMet.ci95[0]).toBeNaN();
    expect(costEffectVerdict(-5, { mean: 1, ci95: [-1, 3] })).toBe('no detectable difference in people with need met');
  });
});

describe("Fieller's interval", () => {
  it('solves the quadratic by hand and contains the ratio of means', () => {
    const c = [10, 12, 9, 11, 13, 10];
    const e = [2, 2.5, 1.8, 2.2, 2.6, 2.1];
    const n = c.length;
    const mc = c.reduce((a, x) => a + x) / n;
    const me = e.reduce((a, x) => a + x) / n;
    const cov = (x: number[], mx: number, y: number[], my: number) => x.reduce((a, xi, i) => a + (xi - mx) * (y[i] - my), 0) / (n - 1) / n;
    const t2 = tQuantile95(n - 1) ** 2;
    const A = me * me - t2 * cov(e, me, e, me);
    const B = mc * me - t2 * cov(c, mc, e, me);
    const C = mc * mc - t2 * cov(c, mc, c, mc);
    const lo = (B - Math.sqrt(B * B - A * C)) / A;
    const hi = (B + Math.sqrt(B * B - A * C)) / A;
    const [flo, fhi] = fiellerInterval(c, e);
    expect(flo).toBeCloseTo(lo, 10);
    expect(fhi).toBeCloseTo(hi, 10);
    expect(flo).toBeLessThan(mc / me);
    expect(fhi).toBeGreaterThan(mc / me);
  });

  it('a constant cost difference gives the interval of c / ē from the effect interval alone', () => {
    const e = [2, 3, 2.5, 2.8, 2.2];
    const [lo, hi] = fiellerInterval(
      e.map(() => 100),
      e,
    );
    const n = e.length;
    const me = e.reduce((a, x) => a + x) / n;
    const se = Math.sqrt(e.reduce((a, x) => a + (x - me) ** 2, 0) / (n - 1) / n);
    const t = tQuantile95(n - 1);
    expect(lo).toBeCloseTo(100 / (me + t * se), 8);
    expect(hi).toBeCloseTo(100 / (me - t * se), 8);
  });
});

describe('compare carries the cost-effect', () => {
  it('a second worker costs more and meets more need; its ICER is the paired cost over the paired effect', () => {
    const a = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 45 }] }, workers: [{ count: 1 }] });
    const b = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 45 }] }, workers: [{ count: 2 }] });
    const c = compareDesigns(
      [
        { name: 'one', scenario: a },
        { name: 'two', scenario: b },
      ],
      runSettings(a, { replications: 5, years: 1.5 }),
    );
    const ce = c.differences[0].costEffect;
    expect(ce.costDifference.mean).toBeCloseTo(32_324 * 1.275, 6);
    expect(ce.needsMetDifference.mean).toBeCloseTo(c.differences[0].metrics.needsMetPerYear.mean, 10);
    expect(ce.verdict).toBe('costs more, meets more need');
    expect(ce.incrementalCostPerNeedMet.mean).toBeCloseTo(ce.costDifference.mean / ce.needsMetDifference.mean, 8);
  });
});
