/**
 * An activity file made by the model: one replication's event log (docs/event-log.md) as CSV
 * text, for the round-trip test and the shipped synthetic example. The model's own event logger
 * writes it; the run's numbers are those of the same replication without the log.
 */
import { DAY, EventLogger, eventLogHeader, runReplication, type Monitor, type ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { loadDefaultScenario } from '../scenario/load.js';

export interface SimulatedLog {
  text: string;
  result: ReplicationResult;
}

/** One replication of `scenario` (its whole horizon, warm-up included) with its event log as CSV text. */
export function simulateActivity(scenario: Scenario, replication = 0, monitor?: Monitor): SimulatedLog {
  const parts: string[] = [eventLogHeader(false)];
  const startDate = scenario.run.startDate;
  const log = new EventLogger({ replication, sample: 1, startDate }, { text: (line) => parts.push(line) });
  const horizonDays = scenario.run.years * 365.25;
  const result = runReplication(scenario, replication, { eventLog: log, monitor });
  log.finish(horizonDays * DAY);
  return { text: parts.join(''), result };
}

/** Patient events a service's case-management system would hold (no check-in calls, triage, leave or vacancies). */
const SERVICE_EVENTS = new Set([
  'referred',
  'reReferred',
  'declined',
  'joinedWaitingList',
  'firstAppointment',
  'followUp',
  'didNotAttend',
  'discharged',
  'droppedOut',
]);

/**
 * An event log turned into what a service's records look like: dates (no times), whole minutes,
 * pseudonymised patient ids (P + 6 digits from a hash of the id), workers LW1, LW2, …, a missed
 * session written as one didNotAttend row instead of a session row and a didNotAttend row, and
 * only the patient events a case-management system holds. Columns: patient, event, date, minutes,
 * worker, detail. The log must have dates (the scenario's run.startDate).
 */
export function serviceRecords(logText: string): string {
  const lines = logText.split('\n').filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const col = (n: string) => header.indexOf(n);
  const [iDate, iEvent, iPatient, iWorker, iDetail, iMinutes] = ['date', 'event', 'patient', 'worker', 'detail', 'minutes'].map(col);
  const rows = lines.slice(1).map((l) => l.split(','));
  // The event log writes a missed session at its start and a didNotAttend row at its end: keep the latter only.
  const missedStart = new Set<number>();
  const lastSession = new Map<string, number>();
  rows.forEach((r, i) => {
    const e = r[iEvent];
    if (e === 'firstAppointment' || e === 'followUp') lastSession.set(r[iPatient], i);
    else if (e === 'didNotAttend') {
      const s = lastSession.get(r[iPatient]);
      if (s !== undefined) missedStart.add(s);
    }
  });
  const pseudonym = (id: string) => {
    let h = 2166136261;
    for (const c of `goldilocks:${id}`) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
    return `P${String(h % 1_000_000).padStart(6, '0')}${id.length > 5 ? id.slice(-1) : ''}`;
  };
  const out = ['patient,event,date,minutes,worker,detail'];
  const seen = new Map<string, string>();
  const used = new Set<string>();
  rows.forEach((r, i) => {
    const e = r[iEvent];
    if (!SERVICE_EVENTS.has(e) || missedStart.has(i) || r[iPatient] === '') return;
    if (r[iDate] === '') throw new Error('serviceRecords needs an event log with dates (set run.startDate)');
    let p = seen.get(r[iPatient]);
    if (p === undefined) {
      p = pseudonym(r[iPatient]);
      // Two ids may hash alike: add a suffix until the pseudonym is unique.
      while (used.has(p)) p += 'x';
      seen.set(r[iPatient], p);
      used.add(p);
    }
    const minutes = (e === 'firstAppointment' || e === 'followUp') && r[iMinutes] !== '' ? String(Math.round(Number(r[iMinutes]))) : '';
    const worker = r[iWorker] === '' ? '' : `LW${Number(r[iWorker]) + 1}`;
    const detail = e === 'discharged' || e === 'firstAppointment' || e === 'followUp' ? r[iDetail] : '';
    out.push([p, e, r[iDate], minutes, worker, detail].join(','));
  });
  return `${out.join('\n')}\n`;
}

/** The overrides of the default scenario behind examples/activity-synthetic.csv. */
export const SYNTHETIC_OVERRIDES = ['run.startDate=2023-04-01', 'run.years=3', 'referrals.annualGrowth=0.1'] as const;

/** The text of examples/activity-synthetic.csv (scripts/make-synthetic-activity.mjs writes it). */
export function syntheticActivity(): string {
  const { scenario } = loadDefaultScenario([...SYNTHETIC_OVERRIDES]);
  return serviceRecords(simulateActivity(scenario, 0).text);
}
