import { describe, it, expect } from 'vitest';
import { dialLevels, explore, justRightZone } from '../../src/experiment/explore.js';
import { runSettings } from '../../src/experiment/replications.js';
import { scenario } from '../helpers.js';
import type { MetricSummary } from '../../src/experiment/summary.js';
import type { MetricId } from '../../src/model/index.js';

const limits = { maxOverloadIndex: 1, maxTurnoverPerYear: 0.25, objective: 'needMetShare' as const, tolerance: 0.01 };

function level(discretion: number, overload: number, turnover: number, needMet: number) {
  const m = (mean: number): MetricSummary => ({ mean, ci95: [mean, mean], sd: 0, n: 1 });
  return { discretion, metrics: { overloadIndex: m(overload), turnoverPerYear: m(turnover), needMetShare: m(needMet) } as Record<MetricId, MetricSummary> };
}

describe('the just-right zone', () => {
  it('is the levels within the limits whose objective is within the tolerance of the best', () => {
    const z = justRightZone(limits, [level(0, 0.5, 0.3, 0.5), level(0.25, 0.7, 0.2, 0.6), level(0.5, 0.9, 0.2, 0.655), level(0.75, 0.98, 0.2, 0.66), level(1, 1.3, 0.4, 0.7)]);
    expect(z).toMatchObject({ from: 0.5, to: 0.75, levels: [0.5, 0.75] });
    expect(z.reason).toMatch(/highest needMetShare/);
  });
  it('is empty, and says so, when no level keeps within the limits', () => {
    const z = justRightZone(limits, [level(0, 1.2, 0.1, 0.5), level(1, 1.5, 0.5, 0.7)]);
    expect(z).toMatchObject({ from: null, to: null, levels: [] });
    expect(z.reason).toMatch(/no dial level/);
  });
  it('reports an optimum at an end of the dial as such', () => {
    const z = justRightZone(limits, [level(0, 0.5, 0.1, 0.7), level(1, 0.9, 0.2, 0.5)]);
    expect(z).toMatchObject({ from: 0, to: 0 });
    expect(z.reason).toMatch(/no interior optimum/);
  });
});

describe('explore', () => {
  it('runs evenly spaced dial levels on common random numbers', () => {
    expect(dialLevels(5)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    const s = scenario({ run: { years: 1, warmupDays: 60, replications: 3 } }, true);
    const e = explore(s, runSettings(s), 3);
    expect(e.levels.map((l) => l.discretion)).toEqual([0, 0.5, 1]);
    // Common random numbers: opening referral routes (self-referral from 0.25, reception above
    // 0.5) only adds demand to the same arrival process, so by every week the busier level has
    // received at least as many referrals (a monotone coupling of the counts).
    const cumulative = (xs: number[]) => xs.map(((sum) => (x: number) => (sum += x))(0));
    const [a, b, c] = e.levels.map((l) => cumulative(l.results.replications[0].weekly.series.referrals));
    a.forEach((x, k) => {
      expect(b[k]).toBeGreaterThanOrEqual(x);
      expect(c[k]).toBeGreaterThanOrEqual(b[k]);
    });
    expect(e.justRight.reason.length).toBeGreaterThan(0);
  });
});
