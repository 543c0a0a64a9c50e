/**
 * The activity file `goldilocks fit` reads: one row per event, in the event log's long format
 * (docs/event-log.md), with only the columns a real service has. Pure (no file system): the CLI
 * reads the text, this parses and checks it and groups the rows into patients' episodes.
 *
 * Required columns: `patient`, `event`, and `date` (yyyy-mm-dd) or `day` (days from the start).
 * Optional: `minutes` (length of a session), `worker`, `detail` (discharge reason), `replication`
 * (an event log of several replications: one is read), and any other column (ignored).
 */
import { parse } from 'csv-parse/sync';
import { InputError } from '../scenario/errors.js';

/** Events the fit reads; any other event (worker leave, vacancy, …) is counted and skipped. */
export const FIT_EVENTS = [
  'initialCaseload',
  'referred',
  'reReferred',
  'declined',
  'triaged',
  'joinedWaitingList',
  'firstAppointment',
  'followUp',
  'didNotAttend',
  'capExtended',
  'discharged',
  'droppedOut',
] as const;
export type FitEvent = (typeof FIT_EVENTS)[number];

/** Limits that keep a mistaken file (a whole data warehouse) from exhausting memory. */
export const ACTIVITY_LIMITS = { bytes: 200 * 1024 * 1024, rows: 3_000_000, sessionMinutes: 8 * 60 } as const;

export interface ActivityRow {
  /** 1-based line of the file (the header is line 1). */
  line: number;
  patient: string;
  event: FitEvent;
  /** Days since 1970-01-01 (dates) or since the file's day 0 (`day` only). */
  time: number;
  minutes?: number;
  worker?: string;
  detail?: string;
}

/** One referral's path through the service: from its referral (or the first row seen) to its end. */
export interface Episode {
  patient: string;
  /** Line of the row that opened it. */
  line: number;
  referred?: number;
  reReferral: boolean;
  declined?: number;
  joinedWaitingList?: number;
  firstAppointment?: number;
  /** Start times of attended sessions (the first appointment included), in order. */
  attended: number[];
  /** Times of booked sessions missed. */
  missed: number[];
  /** Minutes of each attended session (parallel to `attended`; NaN when not given, or a home visit with travel). */
  attendedMinutes: number[];
  capExtended: boolean;
  discharged?: number;
  dischargeReason?: string;
  droppedOut?: number;
  workers: Set<string>;
}

export interface Activity {
  file: string;
  /** True when times are calendar dates (a `date` column). */
  dated: boolean;
  rows: number;
  /** Rows of other events (worker events and the like), skipped. */
  skipped: Record<string, number>;
  episodes: Episode[];
  /** First and last event time in the file (days). */
  start: number;
  end: number;
  replication?: string;
  replicationsInFile: number;
}

/** A problem in the activity file: file, line, column and what to do (an InputError: exit code 2 at the CLI). */
export class ActivityError extends InputError {
  constructor(file: string, problems: { line?: number; column?: string; message: string }[]) {
    super(
      file,
      problems.map((p) => ({ path: p.column ? `column ${p.column}` : '', line: p.line, message: p.message })),
      'The activity format is described in docs/fit.md (required columns: patient, event, and date or day).',
    );
    this.name = 'ActivityError';
  }
}

const DAY_MS = 86_400_000;

/** yyyy-mm-dd (optionally with a time, THH:MM[:SS]) → days since 1970-01-01 UTC; NaN if not a real date. */
export function parseIsoDate(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text.trim());
  if (!m) return NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return NaN;
  return ms / DAY_MS;
}

/** Days since 1970-01-01 → yyyy-mm-dd. */
export function isoDate(days: number): string {
  return new Date(Math.floor(days + 1e-9) * DAY_MS).toISOString().slice(0, 10);
}

/** Order of events on the same instant (a referral before its first appointment on the same day). */
const RANK: Record<FitEvent, number> = {
  initialCaseload: 0,
  referred: 0,
  reReferred: 0,
  declined: 1,
  triaged: 1,
  joinedWaitingList: 2,
  firstAppointment: 3,
  followUp: 4,
  didNotAttend: 4,
  capExtended: 5,
  discharged: 6,
  droppedOut: 6,
};

export interface ReadOptions {
  /** Which replication of an event log to read (default: the first in the file). */
  replication?: string;
}

/** Parse and check an activity file's text; every problem names its line and column. */
export function readActivity(file: string, text: string, options: ReadOptions = {}): Activity {
  if (text.length > ACTIVITY_LIMITS.bytes) {
    throw new ActivityError(file, [
      {
        message: `the file is larger than ${ACTIVITY_LIMITS.bytes / 1024 / 1024} MB; give the fit a few years of one service (filter the extract by date or service)`,
      },
    ]);
  }
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false, trim: true, to: ACTIVITY_LIMITS.rows + 2 }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new ActivityError(file, [{ line: e.lines, message: `not a readable CSV file: ${e.message ?? String(err)}` }]);
  }
  if (records.length === 0) throw new ActivityError(file, [{ message: 'the file is empty; it needs a header row and one row per event' }]);
  if (records.length > ACTIVITY_LIMITS.rows + 1) {
    throw new ActivityError(file, [
      { message: `more than ${ACTIVITY_LIMITS.rows.toLocaleString('en-GB')} rows; fit a shorter period or one service at a time` },
    ]);
  }
  const header = records[0].map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const missing: string[] = [];
  for (const name of ['patient', 'event']) if (col(name) < 0) missing.push(name);
  if (col('date') < 0 && col('day') < 0) missing.push('date (or day)');
  if (missing.length > 0) {
    throw new ActivityError(file, [
      {
        line: 1,
        message: `the header has no column ${missing.map((m) => `"${m}"`).join(', ')} (it has ${header.map((h) => `"${h}"`).join(', ')}); rename your columns to patient, event, date (yyyy-mm-dd) and optionally minutes, worker, detail`,
      },
    ]);
  }
  const [iPatient, iEvent, iDate, iDay, iMinutes, iWorker, iDetail, iRep] = [
    'patient',
    'event',
    'date',
    'day',
    'minutes',
    'worker',
    'detail',
    'replication',
  ].map(col);
  // A date column left empty (an event log of a scenario without run.startDate) with a day column: days.
  const dated = iDate >= 0 && (iDay < 0 || records.length < 2 || records[1][iDate] !== '');
  const problems: { line?: number; column?: string; message: string }[] = [];
  const rows: ActivityRow[] = [];
  const skipped: Record<string, number> = {};
  const known = new Set<string>(FIT_EVENTS);
  const replications = new Set<string>();
  const wanted = options.replication;
  let chosen = wanted;
  // Dates and days both given (the event log of a dated scenario): days for the instant, the date's day 0 for the calendar.
  let origin = NaN;
  for (let r = 1; r < records.length && problems.length < 50; r++) {
    const rec = records[r];
    const line = r + 1;
    if (iRep >= 0) {
      const rep = rec[iRep];
      replications.add(rep);
      chosen ??= rep;
      if (rep !== chosen) continue;
    }
    const event = rec[iEvent];
    const patient = rec[iPatient];
    if (!known.has(event)) {
      if (patient === '' || event !== '') {
        skipped[event || '(empty)'] = (skipped[event || '(empty)'] ?? 0) + 1;
        continue;
      }
    }
    if (event === '') {
      problems.push({ line, column: 'event', message: `no event; write one of ${FIT_EVENTS.join(', ')}` });
      continue;
    }
    if (patient === '') {
      problems.push({ line, column: 'patient', message: `a ${event} row with no patient id; every patient event needs the patient's (pseudonymised) id` });
      continue;
    }
    let time: number;
    if (dated) {
      if (rec[iDate] === undefined) continue;
      const d = parseIsoDate(rec[iDate]);
      if (!Number.isFinite(d)) {
        problems.push({
          line,
          column: 'date',
          message: `"${rec[iDate].slice(0, 40)}" is not a date; write dates as yyyy-mm-dd (e.g. 2024-03-07): dd/mm/yyyy and mm/dd/yyyy cannot be told apart`,
        });
        continue;
      }
      time = d;
      if (iDay >= 0 && rec[iDay] !== '') {
        const day = Number(rec[iDay]);
        if (Number.isFinite(day)) {
          if (!Number.isFinite(origin)) origin = d - Math.floor(day + 1e-9);
          time = origin + day;
        }
      }
    } else {
      time = Number(rec[iDay]);
      if (rec[iDay] === '' || !Number.isFinite(time)) {
        problems.push({ line, column: 'day', message: `"${rec[iDay].slice(0, 40)}" is not a number of days` });
        continue;
      }
    }
    const row: ActivityRow = { line, patient, event: event as FitEvent, time };
    if (iMinutes >= 0 && rec[iMinutes] !== '') {
      const minutes = Number(rec[iMinutes]);
      if (!Number.isFinite(minutes) || minutes < 0) {
        problems.push({ line, column: 'minutes', message: `"${rec[iMinutes].slice(0, 40)}" is not a length in minutes (a number, 0 or more)` });
        continue;
      }
      if ((event === 'firstAppointment' || event === 'followUp') && minutes > ACTIVITY_LIMITS.sessionMinutes) {
        problems.push({
          line,
          column: 'minutes',
          message: `a session of ${minutes} minutes is longer than 8 hours: is the column in seconds, or is it a day's total? Give each session's length in minutes`,
        });
        continue;
      }
      row.minutes = minutes;
    }
    if (iWorker >= 0 && rec[iWorker] !== '') row.worker = rec[iWorker];
    if (iDetail >= 0 && rec[iDetail] !== '') row.detail = rec[iDetail];
    rows.push(row);
  }
  if (problems.length > 0) throw new ActivityError(file, problems);
  if (rows.length === 0) {
    throw new ActivityError(file, [
      {
        message: `no patient events found (events read: ${FIT_EVENTS.join(', ')}); the file has ${records.length - 1} rows${wanted ? ` but none of replication ${wanted}` : ''}`,
      },
    ]);
  }
  const episodes = episodesOf(file, rows);
  let start = Infinity;
  let end = -Infinity;
  for (const r of rows) {
    if (r.time < start) start = r.time;
    if (r.time > end) end = r.time;
  }
  return { file, dated, rows: rows.length, skipped, episodes, start, end, replication: iRep >= 0 ? chosen : undefined, replicationsInFile: replications.size };
}

function newEpisode(r: ActivityRow): Episode {
  return {
    patient: r.patient,
    line: r.line,
    reReferral: r.event === 'reReferred',
    attended: [],
    missed: [],
    attendedMinutes: [],
    capExtended: false,
    workers: new Set(),
  };
}

/** Group rows by patient, in time order, into episodes; refuse rows out of order. */
function episodesOf(file: string, rows: ActivityRow[]): Episode[] {
  const byPatient = new Map<string, ActivityRow[]>();
  for (const r of rows) {
    const list = byPatient.get(r.patient);
    if (list) list.push(r);
    else byPatient.set(r.patient, [r]);
  }
  const problems: { line?: number; column?: string; message: string }[] = [];
  const episodes: Episode[] = [];
  for (const [patient, list] of byPatient) {
    list.sort((a, b) => a.time - b.time || RANK[a.event] - RANK[b.event] || a.line - b.line);
    let e: Episode | null = null;
    // The last session row of the episode, for a didNotAttend row at the end of its slot (the event log's way).
    let last: { row: ActivityRow; missed: boolean } | null = null;
    const fail = (r: ActivityRow, message: string) => problems.push({ line: r.line, column: 'event', message: `patient ${patient}: ${message}` });
    const when = (t: number) => `on line ${list.find((x) => x.time === t)?.line ?? '?'}`;
    for (const r of list) {
      if (r.event === 'referred' || r.event === 'reReferred') {
        if (e && e.discharged === undefined && e.droppedOut === undefined && e.declined === undefined) {
          // A referral while one is open: the open one ends unseen (a data gap) unless it was never seen at all.
          if (e.referred === undefined) {
            fail(
              r,
              `this referral is dated after the patient's ${list.find((x) => x.line === e!.line)?.event ?? 'first event'} on line ${e.line}: check the dates (a referral comes first)`,
            );
            continue;
          }
          fail(r, `referred again while the episode opened on line ${e.line} is still open (no discharged, droppedOut or declined row before it)`);
          continue;
        }
        e = newEpisode(r);
        e.referred = r.time;
        episodes.push(e);
        last = null;
        continue;
      }
      if (!e || e.discharged !== undefined || e.droppedOut !== undefined || e.declined !== undefined) {
        if (e) {
          const ended = e.discharged ?? e.droppedOut ?? e.declined!;
          fail(r, `${r.event} after the episode ended (${when(ended)}); a new episode starts with a referred or reReferred row`);
          continue;
        }
        // The file starts with this patient already in the service (referred before the extract).
        e = newEpisode(r);
        episodes.push(e);
        last = null;
      }
      if (r.worker !== undefined) e.workers.add(r.worker);
      switch (r.event) {
        case 'declined':
          if (e.firstAppointment !== undefined) fail(r, `declined after a first appointment (${when(e.firstAppointment)})`);
          else e.declined = r.time;
          break;
        case 'triaged':
          // A triage contact that ends the episode (resolved or redirected) ends it before the waiting list, as a decline does.
          if (r.detail === 'resolved' || r.detail === 'redirected') e.declined = r.time;
          break;
        case 'initialCaseload':
          break;
        case 'joinedWaitingList':
          e.joinedWaitingList = r.time;
          break;
        case 'firstAppointment':
          if (e.firstAppointment !== undefined) {
            fail(r, `a second firstAppointment (the first is ${when(e.firstAppointment)}); later sessions are followUp`);
            break;
          }
          e.firstAppointment = r.time;
          e.attended.push(r.time);
          e.attendedMinutes.push(minutesOf(r));
          last = { row: r, missed: false };
          break;
        case 'followUp':
          if (e.firstAppointment === undefined && e.missed.length === 0 && e.referred !== undefined) {
            fail(
              r,
              `a followUp before any firstAppointment or didNotAttend (referred ${when(e.referred)}); the first session after a referral is firstAppointment`,
            );
            break;
          }
          e.attended.push(r.time);
          e.attendedMinutes.push(minutesOf(r));
          last = { row: r, missed: false };
          break;
        case 'didNotAttend':
          if (last && !last.missed && r.time - last.row.time <= 1 && e.attended[e.attended.length - 1] === last.row.time) {
            // The session row of this slot (written at its start) was not attended: it becomes a missed booking.
            e.attended.pop();
            e.attendedMinutes.pop();
            e.missed.push(last.row.time);
            last.missed = true;
          } else e.missed.push(r.time);
          break;
        case 'capExtended':
          e.capExtended = true;
          break;
        case 'discharged':
          e.discharged = r.time;
          e.dischargeReason = r.detail;
          break;
        case 'droppedOut':
          if (e.firstAppointment !== undefined)
            fail(r, `droppedOut after a first appointment (${when(e.firstAppointment)}); a patient who stops coming is discharged (detail: the reason)`);
          else e.droppedOut = r.time;
          break;
      }
    }
  }
  // A first appointment before its referral cannot happen after sorting by time; a referral dated after the
  // first appointment shows up as "followUp before firstAppointment" or "referred again": both reported above.
  if (problems.length > 0) {
    problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    throw new ActivityError(file, problems);
  }
  episodes.sort((a, b) => a.line - b.line);
  return episodes;
}

/** A session's minutes for the length distributions: none for a home visit (its minutes hold the travel). */
function minutesOf(r: ActivityRow): number {
  return r.minutes === undefined || r.detail === 'home' ? NaN : r.minutes;
}
