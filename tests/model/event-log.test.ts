/**
 * The event log (docs/event-log.md): the headline metrics recomputed from the log alone equal the
 * run's, and the log changes no number of the run.
 */
import { describe, expect, it } from 'vitest';
import { merge, scenario } from '../helpers.js';
import {
  runReplication,
  EventLogger,
  DAY,
  MONTH,
  YEAR,
  inSample,
  EVENT_LOG_COLUMNS,
  EVENT_LOG_EVENTS,
  type EventRow,
  type MetricId,
} from '../../src/model/index.js';
import { readFileSync } from 'node:fs';
import type { Scenario } from '../../src/scenario/schema.js';
import { loadDefaultScenario } from '../../src/scenario/load.js';

type Patch = Parameters<typeof scenario>[0];

/** A service with every mechanism the log names: triage, declines, cap extension, re-referral, check-ins, leavers, a start state. */
function busy(patch: Patch = {}): Scenario {
  const base: Patch = {
    run: { years: 4, warmupDays: 182, replications: 4, seed: 3 },
    referrals: {
      practices: [
        { name: 'A', referralsPerMonth: 22 },
        { name: 'B', referralsPerMonth: 16 },
      ],
    },
    workers: [{ count: 2 }],
    discretion: 0.6,
    levers: { triage: true, capExtension: 0.5, reReferral: 0.6, checkIns: 0.5, declineInappropriate: 0.8 },
    workload: { inappropriateShare: 0.15, vulnerableShare: 0.3 },
    workforce: { enabled: true, baseLeavingPerYear: 0.5 },
    initialState: { caseloadPerWorker: 8, waitingList: 6 },
  };
  return scenario(merge(base, patch) as Patch, true);
}

function logOf(s: Scenario, r: number, sample = 1): EventRow[] {
  const rows: EventRow[] = [];
  const log = new EventLogger({ replication: r, sample }, { row: (x) => rows.push(x) });
  const result = runReplication(s, r, { eventLog: log });
  log.finish(s.run.years * (YEAR / DAY) * DAY);
  return Object.assign(rows, { result });
}

/** The metrics of docs/model.md §9, from the log alone (same windows as src/model/statistics.ts). */
function metricsFromLog(rows: readonly EventRow[], warm: number, horizon: number, posts: number): Partial<Record<MetricId, number>> {
  const inW = (d: number) => d >= warm && d <= horizon;
  const referred = new Map<number, number>();
  const firstSeen = new Map<number, number>();
  const sessions = new Map<number, number>();
  const listed = new Set<number>();
  let referrals = 0;
  let dropped = 0;
  let allocated = 0;
  let discharged = 0;
  let attendedAtDischarge = 0;
  let needMet = 0;
  let atCap = 0;
  let resolved = 0;
  let otherEnds = 0;
  let leavers = 0;
  let extended = 0;
  for (const r of rows) {
    const p = r.patient ?? -1;
    const counted = referred.has(p);
    switch (r.event) {
      case 'referred':
      case 'reReferred':
        referred.set(p, r.day);
        if (inW(r.day)) referrals++;
        break;
      case 'joinedWaitingList':
        listed.add(p);
        break;
      case 'firstAppointment':
        if (inW(r.day)) allocated++;
        if (!firstSeen.has(p)) firstSeen.set(p, r.day);
        sessions.set(p, (sessions.get(p) ?? 0) + 1);
        break;
      case 'followUp':
        sessions.set(p, (sessions.get(p) ?? 0) + 1);
        break;
      case 'didNotAttend':
        sessions.set(p, (sessions.get(p) ?? 0) - 1);
        break;
      case 'droppedOut':
        if (inW(r.day)) {
          dropped++;
          if (counted) otherEnds++;
        }
        break;
      case 'declined':
        if (counted && inW(r.day)) otherEnds++;
        break;
      case 'triaged':
        if (counted && inW(r.day) && r.detail === 'resolved') resolved++;
        if (counted && inW(r.day) && r.detail === 'redirected') otherEnds++;
        break;
      case 'capExtended':
        if (counted && inW(r.day)) extended++;
        break;
      case 'discharged':
        if (counted && inW(r.day)) {
          discharged++;
          attendedAtDischarge += sessions.get(p) ?? 0;
          if (r.detail === 'needMet') needMet++;
          if (r.detail === 'atCap') atCap++;
        }
        break;
      case 'left':
        if (inW(r.day)) leavers++;
        break;
    }
  }
  let waitSum = 0;
  let waitCount = 0;
  let cohort = 0;
  let within = 0;
  for (const [p, ref] of referred) {
    if (ref < warm) continue;
    const seen = firstSeen.get(p);
    if (seen !== undefined) {
      waitSum += seen - ref;
      waitCount++;
    }
    // The cohort: those who joined the waiting list (declined, resolved or redirected at triage never waited for a first appointment).
    if (ref > horizon - 28 || !listed.has(p)) continue;
    cohort++;
    if (seen !== undefined && seen - ref <= 28) within++;
  }
  const windowDays = horizon - warm;
  return {
    referralsPerMonth: referrals / (windowDays / (MONTH / DAY)),
    waitDays: waitSum / waitCount,
    seenWithin28DaysShare: within / cohort,
    sessionsPerPatient: attendedAtDischarge / discharged,
    needMetShare: (needMet + resolved) / (discharged + resolved + otherEnds),
    unmetNeedShare: atCap / discharged,
    droppedOutShare: dropped / (dropped + allocated),
    capExtendedShare: extended / discharged,
    turnoverPerYear: leavers / posts / (windowDays / (YEAR / DAY)),
    newPatientsPerWorkerYear: allocated / posts / (windowDays / (YEAR / DAY)),
  };
}

describe('the event log', () => {
  const cases: Array<[string, Scenario]> = [
    ['a service using every logged mechanism', busy()],
    ['the default scenario', loadDefaultScenario().scenario],
  ];
  for (const [name, s] of cases) {
    it(`recomputes the headline metrics of ${name} from the log alone`, () => {
      const horizon = s.run.years * (YEAR / DAY);
      for (const r of [0, 1]) {
        const rows = logOf(s, r) as EventRow[] & { result: ReturnType<typeof runReplication> };
        const fromLog = metricsFromLog(rows, s.run.warmupDays, horizon, 2);
        for (const [id, value] of Object.entries(fromLog)) {
          const run = rows.result.metrics[id as MetricId];
          // Days in the log are minutes / 1440 printed in full: differences of days agree to rounding.
          if (Number.isNaN(run)) expect(value, id).toBeNaN();
          else expect(value, `${name}, replication ${r}: ${id}`).toBeCloseTo(run, 9);
        }
      }
    });
  }

  it('logs every kind of event the busy service has, in time order', () => {
    const rows = logOf(busy(), 0);
    const kinds = new Set(rows.map((r) => r.event));
    for (const k of [
      'initialCaseload',
      'referred',
      'reReferred',
      'declined',
      'triaged',
      'joinedWaitingList',
      'droppedOut',
      'firstAppointment',
      'followUp',
      'checkIn',
      'didNotAttend',
      'capExtended',
      'discharged',
      'leaveStarted',
      'leaveEnded',
      'left',
      'vacancyStarted',
      'replaced',
    ])
      expect(kinds.has(k as EventRow['event']), k).toBe(true);
    for (let i = 1; i < rows.length; i++) expect(rows[i].day).toBeGreaterThanOrEqual(rows[i - 1].day);
  });

  it('changes no number of the run (common random numbers kept)', () => {
    const s = busy();
    for (const r of [0, 1, 2]) {
      const plain = runReplication(s, r);
      const logged = logOf(s, r) as EventRow[] & { result: ReturnType<typeof runReplication> };
      expect(JSON.stringify(logged.result)).toBe(JSON.stringify(plain));
    }
  });

  it('a sample keeps whole histories of the sampled patients and every worker event', () => {
    const s = busy();
    const all = logOf(s, 0);
    const some = logOf(s, 0, 0.25);
    const patients = new Set(all.filter((r) => r.patient !== null).map((r) => r.patient!));
    const kept = new Set(some.filter((r) => r.patient !== null).map((r) => r.patient!));
    // The share of patients kept is the sample's, within binomial error (re-referrals of sampled patients ride along).
    const share = kept.size / patients.size;
    const se = Math.sqrt((0.25 * 0.75) / patients.size);
    expect(Math.abs(share - 0.25)).toBeLessThan(4 * se + 0.05);
    for (const p of kept) expect(some.filter((r) => r.patient === p)).toEqual(all.filter((r) => r.patient === p));
    expect(some.filter((r) => r.patient === null)).toEqual(all.filter((r) => r.patient === null));
    expect(inSample(12345, 1)).toBe(true);
    expect(inSample(12345, 0)).toBe(false);
  });

  it('docs/event-log.md documents every column and every event', () => {
    const doc = readFileSync(new URL('../../docs/event-log.md', import.meta.url), 'utf8');
    for (const c of ['design', ...EVENT_LOG_COLUMNS]) expect(doc, c).toContain(`| \`${c}\` |`);
    for (const e of Object.keys(EVENT_LOG_EVENTS)) expect(doc, e).toContain(`| \`${e}\` |`);
  });
});
