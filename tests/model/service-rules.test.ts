/**
 * The service rules a scenario can choose (docs/model.md §3 "Service rules"): who gets a new
 * patient, when the next session falls due, which due follow-up goes first, and part-time posts.
 * Hand-built traces for the rule itself; paired runs on common random numbers for its effect.
 */
import { describe, expect, it } from 'vitest';
import { runReplication, TraceMonitor, postFractions, DAY } from '../../src/model/index.js';
import { groupWeekPlan } from '../../src/model/rota.js';
import { pairedDifference } from '../../src/experiment/compare.js';
import { scenario, run, merge } from '../helpers.js';
import type { Scenario } from '../../src/scenario/schema.js';

const P = (k: number) => 3 * k + 1; // the k-th patient of the initial waiting list (one practice)
const always = { rota: 'always', networkingHoursPerWeek: 0, adminMinutesPerSession: 0, annualLeaveDays: 0 } as const;

function starts(s: Scenario, kinds = ['first', 'followUp']) {
  const monitor = new TraceMonitor();
  runReplication(s, 0, { monitor });
  return monitor.entries.filter((e) => kinds.includes(e.event));
}

const patch = (s: Scenario, p: object) => merge(s, p) as Scenario;

describe('policy.allocation: who gets a new patient', () => {
  // Three workers free at once with different histories: caseloads 2/1/1 per WTE, idle since 60/30/45.
  // Worker 0 holds two patients (long follow-up gaps keep them on the caseload).
  const base = scenario({
    referrals: { practices: [{ name: 'none', referralsPerMonth: 0 }] },
    workers: [{ count: 3, ...always }],
    patients: {
      sessionsNeeded: 3,
      firstSessionMinutes: { type: 'empirical', values: [60, 30, 45, 30, 60] },
      daysBetweenSessions: 30,
      didNotAttend: 0,
      patienceDays: 'open',
    },
    policy: { sessionCap: 'open' },
    initialState: { waitingList: 5 },
    run: { years: 0.05, warmupDays: 0 },
  });
  const firstOf = (s: Scenario) => starts(s, ['first']).map((e) => [e.t, e.worker, e.patient]);

  it('smallestCaseload (default): the free worker with the fewest patients per WTE, lowest index on ties', () => {
    const trace = firstOf(base);
    expect(trace.slice(0, 3)).toEqual([
      [0, 0, P(0)],
      [0, 1, P(1)],
      [0, 2, P(2)],
    ]);
    // The fourth patient goes to the first worker free; the fifth to the free worker with the smaller caseload.
    expect(trace).toHaveLength(5);
    const [, w4] = trace[3];
    const [, w5] = trace[4];
    expect(w5).not.toBe(w4);
  });

  it('roundRobin: the next worker in turn after the last one given a new patient', () => {
    const trace = firstOf(patch(base, { policy: { allocation: 'roundRobin' } }));
    const workers = trace.map(([, w]) => w);
    // With everyone free at 0 the turn goes 0, 1, 2; later patients continue the turn among those free.
    expect(workers.slice(0, 3)).toEqual([0, 1, 2]);
  });

  it('the three rules see the same patients with the same needs (common random numbers), and differ only in who sees whom', () => {
    const s = scenario({ workers: [{ count: 3 }], referrals: { practices: [{ name: 'A', referralsPerMonth: 45 }] } });
    const results = (['smallestCaseload', 'longestIdle', 'roundRobin'] as const).map((allocation) =>
      run(patch(s, { policy: { allocation } }), { replications: 4 }),
    );
    const referrals = results.map((r) => r.replications.map((x) => x.diagnostics.referrals));
    expect(referrals[1]).toEqual(referrals[0]);
    expect(referrals[2]).toEqual(referrals[0]);
    for (const r of results) expect(r.replications.every((x) => x.diagnostics.created === x.diagnostics.released + x.diagnostics.live)).toBe(true);
  });
});

describe('patients.intervalFrom: when the next session falls due', () => {
  const s = scenario({
    referrals: { practices: [{ name: 'none', referralsPerMonth: 0 }] },
    workers: [{ count: 1, ...always }],
    patients: { sessionsNeeded: 2, firstSessionMinutes: 60, followUpMinutes: 30, daysBetweenSessions: 1, didNotAttend: 0, patienceDays: 'open' },
    policy: { sessionCap: 'open' },
    initialState: { waitingList: 1 },
    run: { years: 0.05, warmupDays: 0 },
  });

  it('end (default): N days after the previous session ended', () => {
    expect(starts(s)).toEqual([
      { t: 0, event: 'first', worker: 0, patient: P(0) },
      { t: 60 + DAY, event: 'followUp', worker: 0, patient: P(0) },
    ]);
  });

  it('start: N days after it started ("the same slot in two weeks")', () => {
    expect(starts(patch(s, { patients: { intervalFrom: 'start' } }))).toEqual([
      { t: 0, event: 'first', worker: 0, patient: P(0) },
      { t: DAY, event: 'followUp', worker: 0, patient: P(0) },
    ]);
  });

  it('start brings follow-ups forward: on common random numbers, patients finish sooner and caseloads fall', () => {
    const busy = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] } });
    const end = run(busy, { replications: 8 });
    const start = run(patch(busy, { patients: { intervalFrom: 'start' } }), { replications: 8 });
    const d = pairedDifference(end, start, 'caseloadPerWorker');
    expect(d.ci95[1]).toBeLessThan(0);
  });
});

describe('policy.followUpOrder: which due follow-up goes first', () => {
  // One worker, a 50-minute patient block each weekday morning. Two first appointments on Monday;
  // both follow-ups fall due overnight, the older needing 60 minutes (never fits), the younger 30.
  const s = scenario({
    referrals: { practices: [{ name: 'none', referralsPerMonth: 0 }] },
    workers: [
      {
        count: 1,
        rota: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '09:50', activity: 'patients' }],
        networkingHoursPerWeek: 0,
        adminMinutesPerSession: 0,
        annualLeaveDays: 0,
      },
    ],
    patients: {
      sessionsNeeded: 2,
      firstSessionMinutes: 20,
      followUpMinutes: { type: 'empirical', values: [60, 30], weights: [0.6, 0.4] },
      daysBetweenSessions: 0.5,
      didNotAttend: 0,
      patienceDays: 'open',
    },
    policy: { sessionCap: 'open' },
    initialState: { waitingList: 2 },
    run: { years: 0.02, warmupDays: 0 },
  });

  const tuesday = DAY + 9 * 60;

  it('the patients and their lengths are as the test assumes (older 60 min, younger 30 min)', () => {
    expect(starts(s, ['first']).map((e) => [e.t, e.patient])).toEqual([
      [540, P(0)],
      [560, P(1)],
    ]);
    // With the whole day open, the older follow-up takes 60 minutes and the younger 30.
    const open = patch(s, {
      workers: [{ ...s.workers[0], rota: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '11:00', activity: 'patients' }] }],
    });
    const t = starts(open, ['first', 'followUp'])
      .filter((e) => e.event === 'followUp')
      .map((e) => [e.t, e.patient]);
    expect(t).toEqual([
      [tuesday, P(0)],
      [tuesday + 60, P(1)],
    ]);
  });

  it('oldestFirst (default): a due follow-up that does not fit holds the block; nothing else is seen', () => {
    // The older one (60 min) never fits a 50-minute block, so the younger is never seen either.
    expect(starts(s).filter((e) => e.event === 'followUp')).toEqual([]);
  });

  it('firstThatFits: the shorter due follow-up goes first', () => {
    const seen = starts(patch(s, { policy: { followUpOrder: 'firstThatFits' } })).filter((e) => e.event === 'followUp');
    expect(seen).toEqual([{ t: tuesday, event: 'followUp', worker: 0, patient: P(1) }]);
  });
});

describe('part-time posts (workers[].count in posts of the rota, workers[].fte its share; on the standard rota both are WTE)', () => {
  it('count 2.5 is two full-time posts and a half-time post; fte scales every post', () => {
    expect(postFractions({ count: 2.5, fte: 1 })).toEqual([1, 1, 0.5]);
    expect(postFractions({ count: 3, fte: 0.6 })).toEqual([0.6, 0.6, 0.6]);
    expect(postFractions({ count: 1, fte: 1 })).toEqual([1]);
  });

  it('a part post works the first part of the rota week, with protected hours pro rata', () => {
    const g = { rota: 'standard' as const, networkingHoursPerWeek: 4, otherDutiesHoursPerWeek: 0, supervisionHoursPerWeek: 1, teamLeadHoursPerWeek: 0 };
    const full = groupWeekPlan(g);
    const half = groupWeekPlan(g, 0.5);
    expect(half.contractedMinutes).toBeCloseTo(full.contractedMinutes / 2, 9);
    expect(half.minutes.networking).toBeCloseTo(full.minutes.networking / 2, 9);
    expect(half.minutes.other).toBeCloseTo(full.minutes.other / 2, 9);
    expect(Math.max(...half.blocks.map((b) => b.end))).toBeLessThan(Math.max(...full.blocks.map((b) => b.end)));
  });

  it('2.5 WTE sits between 2 and 3 WTE on common random numbers, and per-WTE metrics count the half post by half', () => {
    const at = (count: number) =>
      run(scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 55 }] }, workers: [{ count }] }), { replications: 8 });
    const [two, twoHalf, three] = [at(2), at(2.5), at(3)];
    expect(pairedDifference(two, twoHalf, 'waitingList').ci95[1]).toBeLessThan(0);
    expect(pairedDifference(twoHalf, three, 'waitingList').ci95[1]).toBeLessThan(0);
    for (const r of twoHalf.replications) {
      expect(r.metrics.caseloadPerWte).toBeCloseTo((r.metrics.caseloadPerWorker * 3) / 2.5, 9);
      expect(r.metrics.newPatientsPerWteYear).toBeCloseTo((r.metrics.newPatientsPerWorkerYear * 3) / 2.5, 9);
    }
  });
});
