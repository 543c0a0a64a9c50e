/**
 * The wait metrics planners use (docs/model.md §9): median, 90th percentile and the share seen
 * within 14 and 28 days, with patients still waiting at the horizon handled explicitly.
 */
import { describe, expect, it } from 'vitest';
import { WaitDistribution } from '../../src/model/wait-distribution.js';
import { DAY } from '../../src/model/index.js';
import { mmcScenario, run } from '../helpers.js';
import { summarise } from '../../src/experiment/summary.js';

describe('WaitDistribution', () => {
  const horizon = 100 * DAY;

  it('gives quantiles of the waits recorded (exact to the quarter hour)', () => {
    const d = new WaitDistribution(horizon);
    for (let i = 1; i <= 100; i++) d.record(0, i / 10); // 0.1 … 10 days
    expect(d.quantile(0.5)).toBeCloseTo(5, 1);
    expect(d.quantile(0.9)).toBeCloseTo(9, 1);
  });

  it('counts a patient still waiting at the horizon with the wait so far, and not as seen within N days', () => {
    const d = new WaitDistribution(horizon);
    d.record(10 * DAY, 1); // seen after 1 day
    d.record(10 * DAY, Infinity); // referred on day 10, still waiting on day 100: 90 days so far
    expect(d.quantile(0.9)).toBeGreaterThan(80);
    expect(d.seenWithin(0)).toBe(0.5);
    expect(d.seenWithin(1)).toBe(0.5);
  });

  it('leaves out of "seen within N days" patients referred less than N days before the horizon', () => {
    const d = new WaitDistribution(horizon);
    d.record(horizon - 20 * DAY, 3); // within 14: known; within 28: not yet known
    expect(d.seenWithin(0)).toBe(1);
    expect(Number.isNaN(d.seenWithin(1))).toBe(true);
  });

  it('counts a drop-out as not seen, and keeps it out of the quantiles', () => {
    const d = new WaitDistribution(horizon);
    d.record(0, null);
    d.record(0, 2);
    const median = d.quantile(0.5); // the one wait recorded: 2 days, within its quarter-hour bin
    expect(median).toBeGreaterThanOrEqual(2);
    expect(median).toBeLessThanOrEqual(2 + 1 / 96);
    expect(d.seenWithin(0)).toBe(0.5);
  });
});

describe('wait quantiles in the limiting case of an M/M/1 queue', () => {
  // P(Wq > t) = ρ e^{−(μ−λ)t}: median ln(2ρ)/(μ−λ), 90th percentile ln(10ρ)/(μ−λ).
  it('match queueing theory within the 99 % replication interval (plus a quarter hour of binning)', () => {
    const lambda = 0.8 / 60;
    const mu = 1 / 60;
    const r = run(mmcScenario(1, lambda, 60, 2), { replications: 20 });
    for (const [id, q] of [
      ['waitMedianDays', 0.5],
      ['waitP90Days', 0.9],
    ] as const) {
      const theory = Math.log(q === 0.5 ? 2 * 0.8 : 10 * 0.8) / (mu - lambda) / DAY;
      const s = summarise(r.replications.map((x) => x.metrics[id]));
      const half99 = ((s.ci95[1] - s.ci95[0]) / 2) * (2.861 / 2.093); // t(0.995, 19) / t(0.975, 19)
      expect(Math.abs(s.mean - theory)).toBeLessThan(half99 + 1 / 96);
    }
  });
});
