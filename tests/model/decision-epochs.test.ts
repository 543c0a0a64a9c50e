/**
 * Same-instant semantics, read as the rules (docs/model.md §3 "Decision epochs"): every state
 * change of an instant is applied first, then idle workers choose once. Each test is a tiny
 * hand-built service whose whole trace is asserted, in the style of SimPy's trace-log tests.
 * Patients are named by their draw key: the k-th patient of the initial waiting list is
 * k × groups + groups − 2 (groups = practices + 2), i.e. 1, 4, 7, … with one practice.
 */
import { describe, expect, it } from 'vitest';
import { runReplication, TraceMonitor, type TraceEntry, WEEK, DAY } from '../../src/model/index.js';
import { scenario } from '../helpers.js';

const P = (k: number) => 3 * k + 1; // the k-th patient of the initial waiting list

/** One worker available around the clock, no admin, no referrals: only the initial list. */
function tiny(patch: Parameters<typeof scenario>[0]) {
  return scenario({
    referrals: { practices: [{ name: 'none', referralsPerMonth: 0 }] },
    workers: [{ count: 1, rota: 'always', networkingHoursPerWeek: 0, adminMinutesPerSession: 0, annualLeaveDays: 0 }],
    policy: { sessionCap: 'open' },
    run: { years: 0.1, warmupDays: 0 },
    ...patch,
    patients: { didNotAttend: 0, patienceDays: 'open', ...patch?.patients },
  });
}

function trace(s: ReturnType<typeof scenario>, until = Infinity): TraceEntry[] {
  const monitor = new TraceMonitor();
  runReplication(s, 0, { monitor });
  return monitor.entries.filter((e) => e.t <= until && e.event !== 'weekClosed');
}

describe('decision epochs', () => {
  it('a session ending as a follow-up falls due: the due follow-up is seen before the next new patient', () => {
    // P0 needs two sessions; its follow-up falls due at the very instant its first session ends.
    const s = tiny({
      initialState: { waitingList: 2 },
      patients: { sessionsNeeded: 2, firstSessionMinutes: 60, followUpMinutes: 40, daysBetweenSessions: 0 },
    });
    expect(trace(s)).toEqual([
      { t: 0, event: 'first', worker: 0, patient: P(0) },
      { t: 60, event: 'workEnd', worker: 0 },
      { t: 60, event: 'followUpDue', worker: 0, patient: P(0) },
      { t: 60, event: 'followUp', worker: 0, patient: P(0) },
      { t: 100, event: 'workEnd', worker: 0 },
      { t: 100, event: 'discharged', detail: '2 attended' },
      { t: 100, event: 'first', worker: 0, patient: P(1) },
      { t: 160, event: 'workEnd', worker: 0 },
      { t: 160, event: 'followUpDue', worker: 0, patient: P(1) },
      { t: 160, event: 'followUp', worker: 0, patient: P(1) },
      { t: 200, event: 'workEnd', worker: 0 },
      { t: 200, event: 'discharged', detail: '2 attended' },
    ]);
  });

  it('a block opening as patients are queued: the block sees them, and networking is squeezed for them', () => {
    // Monday 00:00–01:00 networking (unprotected), 01:00–03:00 patients; two patients waiting at 0.
    const s = tiny({
      initialState: { waitingList: 1 },
      workers: [
        {
          count: 1,
          networkingHoursPerWeek: 0,
          adminMinutesPerSession: 0,
          annualLeaveDays: 0,
          rota: [
            { days: ['mon'], from: '00:00', to: '01:00', activity: 'networking' },
            { days: ['mon'], from: '01:00', to: '03:00', activity: 'patients' },
          ],
        },
      ],
      levers: { protectNetworking: 0 },
      patients: { sessionsNeeded: 1, firstSessionMinutes: 30 },
    });
    expect(trace(s, 120)).toEqual([
      { t: 0, event: 'block', worker: 0, detail: 'networking→patients' },
      { t: 0, event: 'first', worker: 0, patient: P(0) },
      { t: 30, event: 'workEnd', worker: 0 },
      { t: 30, event: 'discharged', detail: '1 attended' },
      { t: 60, event: 'block', worker: 0, detail: 'patients' },
    ]);
  });

  it('patience running out as a worker comes free: the patient has gone before anyone is chosen', () => {
    const s = tiny({
      initialState: { waitingList: 2 },
      patients: { sessionsNeeded: 1, firstSessionMinutes: DAY / 4, patienceDays: 0.25 },
    });
    expect(trace(s)).toEqual([
      { t: 0, event: 'first', worker: 0, patient: P(0) },
      { t: DAY / 4, event: 'workEnd', worker: 0 },
      { t: DAY / 4, event: 'discharged', detail: '1 attended' },
      { t: DAY / 4, event: 'droppedOut' }, // state changes first (ends before patience), then the choice: nobody is left to see
    ]);
  });

  it('a session ending at the week boundary: it belongs to the closing week, and the next choice comes after the week closes', () => {
    // 21 sessions of 480 minutes fill the first week exactly: the 21st ends at the week boundary.
    const s = tiny({ initialState: { waitingList: 30 }, patients: { sessionsNeeded: 1, firstSessionMinutes: 480 } });
    const monitor = new TraceMonitor();
    runReplication(s, 0, { monitor });
    expect(monitor.entries.filter((e) => e.t >= WEEK - 480 && e.t <= WEEK)).toEqual([
      { t: WEEK - 480, event: 'workEnd', worker: 0 },
      { t: WEEK - 480, event: 'discharged', detail: '1 attended' },
      { t: WEEK - 480, event: 'first', worker: 0, patient: P(20) },
      { t: WEEK, event: 'workEnd', worker: 0 },
      { t: WEEK, event: 'discharged', detail: '1 attended' },
      { t: WEEK, event: 'weekClosed' },
      { t: WEEK, event: 'first', worker: 0, patient: P(21) },
    ]);
  });

  it('a worker chooses once per instant even when several of its events share the instant', () => {
    // Two follow-ups fall due at the instant the worker comes free: the older one is seen first.
    const s = tiny({
      initialState: { waitingList: 2 },
      workers: [{ count: 2, rota: 'always', networkingHoursPerWeek: 0, adminMinutesPerSession: 0, annualLeaveDays: 0 }],
      patients: { sessionsNeeded: 2, firstSessionMinutes: 60, followUpMinutes: 40, daysBetweenSessions: 0 },
    });
    const starts = trace(s).filter((e) => e.event === 'first' || e.event === 'followUp');
    expect(starts).toEqual([
      { t: 0, event: 'first', worker: 0, patient: P(0) },
      { t: 0, event: 'first', worker: 1, patient: P(1) },
      { t: 60, event: 'followUp', worker: 0, patient: P(0) },
      { t: 60, event: 'followUp', worker: 1, patient: P(1) },
    ]);
  });
});
