import { describe, it, expect } from 'vitest';
import { dialLevels, explore, justRightZone, zoneLabel, type LevelInput } from '../../src/experiment/explore.js';
import { runSettings } from '../../src/experiment/replications.js';
import { summarise } from '../../src/experiment/summary.js';
import { scenario } from '../helpers.js';
import type { MetricSummary } from '../../src/experiment/summary.js';
import type { MetricId } from '../../src/model/index.js';

const limits = { maxOverloadIndex: 1, maxTurnoverPerYear: 0.25, objective: 'needMetShare' as const, tolerance: 0.01 };

/** Replication-to-replication variation shared by every level (common random numbers). */
const COMMON = [-0.08, 0.05, 0.02, -0.03, 0.07, -0.06, 0.01, 0.04, -0.05, 0.03];
/** Variation of one level's own (small, so that pairing removes most of the spread). */
const OWN = [0.002, -0.001, 0.001, -0.002, 0.0, 0.001, -0.001, 0.002, -0.002, 0.0];

/** A level with per-replication values: overload and turnover fixed, need met = mean + common (+ own) noise. */
function level(discretion: number, overload: number, turnover: number, needMet: number, own = OWN, spread = 1): LevelInput {
  const reps = COMMON.map((c, i) => ({
    metrics: { overloadIndex: overload, turnoverPerYear: turnover, needMetShare: needMet + spread * c + own[i] } as Partial<Record<MetricId, number>>,
  }));
  const metrics = {} as Record<MetricId, MetricSummary>;
  for (const id of ['overloadIndex', 'turnoverPerYear', 'needMetShare'] as const)
    metrics[id] = summarise(
      reps.map((r) => r.metrics[id]!),
      id,
      id === 'turnoverPerYear' ? reps.length : undefined, // one post-year a replication
    );
  return { discretion, metrics, replications: reps };
}

describe('the just-right zone', () => {
  it('never lets a limit check pass on a zero-width interval: no leaver in any replication is a one-sided bound, and a limit below it is unsettled', () => {
    // Turnover 0 in all 10 replications of one post-year: the interval is [0, −ln 0.05 / 10 ≈ 0.30], which contains the limit 0.25.
    const quiet = level(0.5, 0.8, 0, 0.6);
    expect(quiet.metrics.turnoverPerYear.oneSided).toBe(true);
    expect(quiet.metrics.turnoverPerYear.ci95[1]).toBeGreaterThan(limits.maxTurnoverPerYear);
    const z = justRightZone(limits, [quiet]);
    expect(z.levels).toEqual([0.5]);
    expect(z.uncertain).toEqual([0.5]);
    expect(z.reason).toMatch(/the turnover interval contains 0\.25 at 0\.5/);
  });

  it('is the levels within the limits whose objective is not detectably and meaningfully worse than the best', () => {
    const z = justRightZone(limits, [
      level(0, 0.5, 0.1, 0.5),
      level(0.25, 0.7, 0.2, 0.6),
      level(0.5, 0.9, 0.2, 0.655),
      level(0.75, 0.98, 0.2, 0.66),
      level(1, 1.3, 0.4, 0.7),
    ]);
    // 0.5 is 0.005 below the best (within the tolerance); 0 and 0.25 are far below and, paired, detectably so.
    expect(z).toMatchObject({ from: 0.5, to: 0.75, levels: [0.5, 0.75], best: 0.75, label: '0.5–0.75', uncertain: [] });
    expect(z.reason).toMatch(/their share of episodes with need met is not detectably worse than the best \(66 % at 0\.75/);
  });

  it('pairs the replications: a difference hidden by the spread of each level is detected on paired differences', () => {
    // Need met varies a lot from replication to replication (sd ≈ 0.05), the same way at every level.
    const a = level(0.4, 0.8, 0.1, 0.62);
    const b = level(0.6, 0.8, 0.1, 0.6);
    const overlap = (x: MetricSummary, y: MetricSummary) => x.ci95[0] <= y.ci95[1] && y.ci95[0] <= x.ci95[1];
    expect(overlap(a.metrics.needMetShare, b.metrics.needMetShare), 'the two intervals overlap (else this tests nothing)').toBe(true);
    const z = justRightZone(limits, [a, b]);
    expect(z.levels).toEqual([0.4]);
    expect(z.uncertain).toEqual([]);
  });

  it('keeps a level that is worse on the means but not detectably, and says the choice rests on overlapping intervals', () => {
    // Own noise as large as the common one: the paired interval of a 0.02 shortfall includes 0.
    const noisy = [0.09, -0.07, -0.04, 0.06, -0.08, 0.07, 0.0, -0.05, 0.08, -0.06];
    const z = justRightZone(limits, [level(0.4, 0.8, 0.1, 0.62), level(0.6, 0.8, 0.1, 0.6, noisy)]);
    expect(z.levels).toEqual([0.4, 0.6]);
    expect(z.uncertain).toEqual([0.6]);
    expect(z.reason).toMatch(/rests on overlapping intervals: 0\.6 is worse than the best by more than 0\.01 on the means but not detectably/);
  });

  it('names levels whose overload or turnover interval contains a limit', () => {
    // Turnover 0.24 on average but spread widely: its interval contains 0.25.
    const lv = level(0.5, 0.8, 0.24, 0.6);
    lv.metrics.turnoverPerYear = { mean: 0.24, ci95: [0.1, 0.4], sd: 0.2, n: 10 };
    const z = justRightZone(limits, [level(0, 0.5, 0.1, 0.5), lv]);
    expect(z.levels).toEqual([0.5]);
    expect(z.uncertain).toEqual([0.5]);
    expect(z.reason).toMatch(/the turnover interval contains 0\.25 at 0\.5/);
  });

  it('need not be contiguous, and its label says which levels', () => {
    const z = justRightZone(limits, [level(0, 0.5, 0.1, 0.66), level(0.5, 1.2, 0.1, 0.7), level(1, 0.9, 0.1, 0.66)]);
    expect(z.levels).toEqual([0, 1]);
    expect(z.label).toBe('0 and 1');
    expect(zoneLabel([0.3, 0.4, 0.6, 0.8, 0.9], dialLevels(11))).toBe('0.3–0.4, 0.6 and 0.8–0.9');
    expect(zoneLabel([], dialLevels(11))).toBe('none');
  });

  it('is empty, and says so, when no level keeps within the limits', () => {
    const z = justRightZone(limits, [level(0, 1.2, 0.1, 0.5), level(1, 1.5, 0.5, 0.7)]);
    expect(z).toMatchObject({ from: null, to: null, levels: [], label: 'none', best: null });
    expect(z.reason).toMatch(/no dial level/);
  });

  it('reports an optimum at an end of the dial as such', () => {
    const z = justRightZone(limits, [level(0, 0.5, 0.1, 0.7), level(1, 0.9, 0.2, 0.5)]);
    expect(z).toMatchObject({ from: 0, to: 0, levels: [0] });
    expect(z.reason).toMatch(/^level 0 keeps .*no interior optimum/);
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
    const cumulative = (xs: number[]) =>
      xs.map(
        (
          (sum) => (x: number) =>
            (sum += x)
        )(0),
      );
    const [a, b, c] = e.levels.map((l) => cumulative(l.results.replications[0].weekly.series.referrals));
    a.forEach((x, k) => {
      expect(b[k]).toBeGreaterThanOrEqual(x);
      expect(c[k]).toBeGreaterThanOrEqual(b[k]);
    });
    expect(e.justRight.reason.length).toBeGreaterThan(0);
  });
});
