import { describe, it, expect } from 'vitest';
import { chooseWarmup, isTrending, relativeHalfWidth, runToPrecision } from '../../src/experiment/auto.js';
import { runSettings, summariseMetrics } from '../../src/experiment/replications.js';
import { runReplication } from '../../src/model/index.js';
import { scenario } from '../helpers.js';

describe('replications until a precision is reached', () => {
  const s = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] } });
  const settings = runSettings(s, { years: 2 });
  const target = { precision: 0.04, metrics: ['waitingList', 'overloadIndex'] as const, minReplications: 5, maxReplications: 300 };

  it('stops at the first replication count whose intervals are narrow enough', () => {
    const out = runToPrecision(s, settings, { ...target, metrics: [...target.metrics] });
    expect(out.converged).toBe(true);
    const n = out.results.replications.length;
    expect(n).toBeGreaterThan(5);
    for (const id of target.metrics) expect(relativeHalfWidth(out.results.metrics[id])).toBeLessThanOrEqual(0.04);
    // One replication fewer was not enough (so the count is the smallest that works).
    const fewer = summariseMetrics(out.results.replications.slice(0, n - 1));
    expect(Math.max(...target.metrics.map((id) => relativeHalfWidth(fewer[id])))).toBeGreaterThan(0.04);
    expect(out.results.settings.replications).toBe(n);
  });

  it('stops at the maximum and says it did not converge', () => {
    const out = runToPrecision(s, settings, { ...target, metrics: [...target.metrics], precision: 0.0001, maxReplications: 8 });
    expect(out.converged).toBe(false);
    expect(out.results.replications).toHaveLength(8);
  });

  it('is deterministic: replication r is the same whatever the stopping rule', () => {
    const out = runToPrecision(s, settings, { ...target, metrics: [...target.metrics] });
    expect(out.results.replications[3].metrics).toEqual(runReplication(s, 3, settings).metrics);
  });
});

describe('warm-up by MSER-5', () => {
  it('cuts the transient of a large initial waiting list, and little from an empty start', () => {
    const backlog = scenario({ run: { years: 4, replications: 10 }, initialState: { waitingList: 300 }, patients: { patienceDays: 'open' } });
    const empty = scenario({ run: { years: 4, replications: 10 }, patients: { patienceDays: 'open' } });
    const withBacklog = chooseWarmup(backlog, runSettings(backlog));
    const fromEmpty = chooseWarmup(empty, runSettings(empty));
    expect(withBacklog.warmupDays).toBeGreaterThan(fromEmpty.warmupDays);
    // After the chosen warm-up the backlog has drained to the steady-state level of the empty start.
    const weekly = runReplication(backlog, 0, { ...runSettings(backlog), warmupDays: 0 }).weekly.series.waitingList;
    const steady = runReplication(empty, 0, { ...runSettings(empty), warmupDays: 0 }).weekly.series.waitingList;
    const after = weekly[withBacklog.warmupWeeks];
    expect(after).toBeLessThan(Math.max(...steady) + 5);
    expect(weekly[0]).toBeGreaterThan(100);
  });
});

describe('auto warm-up on every headline series', () => {
  it('takes the longest MSER-5 cut: a transient in the caseload only (a large initial caseload, empty waiting list) is cut', () => {
    const transient = scenario({
      initialState: { caseloadPerWorker: 120, waitingList: 0 },
      referrals: { practices: [{ name: 'A', referralsPerMonth: 20 }] },
      run: { years: 4 },
    });
    const choice = chooseWarmup(transient, runSettings(transient));
    // The waiting list alone (the version-2 rule) settles sooner than the caseload.
    expect(choice.bySeries.caseloadPerWorker).toBeGreaterThan(choice.bySeries.waitingList);
    expect(choice.warmupWeeks).toBe(Math.max(...Object.values(choice.bySeries)));
    expect(choice.warmupWeeks).toBeGreaterThanOrEqual(choice.bySeries.caseloadPerWorker);
  });

  it('warns when a series is still trending after the warm-up (demand above capacity: the list grows for ever)', () => {
    const drowning = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 120 }] }, patients: { patienceDays: 'open' }, run: { years: 3 } });
    expect(chooseWarmup(drowning, runSettings(drowning)).trending).toContain('waitingList');
    const steady = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 20 }] }, run: { years: 3 } });
    expect(chooseWarmup(steady, runSettings(steady)).trending).toEqual([]);
  });

  it('recognises a trend and its absence in plain series', () => {
    expect(isTrending(Array.from({ length: 100 }, (_, i) => 10 + i))).toBe(true);
    expect(isTrending(Array.from({ length: 100 }, (_, i) => 10 + Math.sin(i)))).toBe(false);
  });
});
