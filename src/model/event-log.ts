/**
 * The event log (docs/event-log.md): one row per event that matters to a patient or a worker,
 * for people who want to count, check or animate what happened (simmer's `get_mon_arrivals`,
 * Ciw's `get_all_records`). The model tells an optional EventLogSink at each site, behind one
 * null check; a sink only observes: it never draws a random number and changes no state, so a
 * run's numbers are the same with the log on or off (tests/model/event-log.test.ts).
 *
 * Nothing here touches files: the CSV text of a row is made here (so every door writes the same
 * bytes), and where it goes (a file per replication, a list of rows) is the door's.
 */
import { DAY } from './time.js';

/** Version of the log's schema: bumped when a column or an event's meaning changes. */
export const EVENT_LOG_VERSION = 1;

/** The columns of events.csv, in order (compare puts a `design` column first). */
export const EVENT_LOG_COLUMNS = ['replication', 'day', 'date', 'event', 'patient', 'worker', 'detail', 'minutes'] as const;

/** Every event the model logs, with what it means (docs/event-log.md is generated from the same words). */
export const EVENT_LOG_EVENTS = {
  initialCaseload: 'day 0: a pre-existing patient on a worker’s caseload (not counted in the metrics); worker = the post',
  referred: 'a practice referral arrives; detail = the referral source (gp, nurse, reception, self, other)',
  reReferred: 'a patient discharged at the cap comes back as a new patient (a new id); detail = the old patient id',
  declined: 'an inappropriate referral declined at screening (the episode ends)',
  triaged:
    'a triage contact ends; worker, minutes (the contact), detail = resolved (need met, episode ends) | redirected (episode ends) | onward (joins the waiting list)',
  joinedWaitingList: 'the patient joins the waiting list; detail = referral | triage | initial (the pre-existing list, day 0)',
  droppedOut: 'the patient’s patience runs out: leaves the waiting list (the episode ends)',
  firstAppointment:
    'the first appointment starts (the wait ends: docs/model.md §9 waitDays); worker, minutes = session minutes (home-visit travel included, admin not); detail = home for a home visit',
  followUp: 'a follow-up session starts; worker, minutes, detail as firstAppointment',
  checkIn: 'a check-in call starts (after discharge, vulnerable patients); worker, minutes',
  didNotAttend:
    'at the end of the booked slot: the patient did not attend the session that started then; worker, minutes (the slot), detail = first | followUp',
  capExtended: 'the session cap is extended for the patient; worker, detail = the extra sessions',
  discharged: 'the episode ends with a discharge; worker, detail = needMet | atCap (need unmet at the cap) | unmatched (not at the cap, support did not match)',
  leaveStarted: 'a week of annual leave starts for the post (Monday 00:00); worker',
  leaveEnded: 'the post’s annual leave ends (Monday 00:00); worker',
  left: 'the worker leaves (turnover); worker; the caseload moves to a colleague',
  vacancyStarted: 'the post falls vacant (at the same time as left); worker, detail = the recruitment delay in days',
  replaced: 'a novice replacement starts in the post (the vacancy ends); worker',
} as const;

export type LogEvent = keyof typeof EVENT_LOG_EVENTS;

/** Told each event by the model. `patient`/`worker` are −1 when not applicable; `minutes` NaN when none. */
export interface EventLogSink {
  event(t: number, event: LogEvent, patient: number, worker: number, detail: string, minutes: number): void;
}

/** Is patient `id` in a sample of `share` of patients? A hash of the id (no model stream), so designs on CRN keep the same patients. */
export function inSample(id: number, share: number): boolean {
  if (share >= 1) return true;
  let h = (id ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  return h / 4294967296 < share;
}

/** A CSV field: quoted when it holds a comma, quote or line break. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One row of the log, as the library returns them (ids −1 → null, minutes NaN → null). */
export interface EventRow {
  replication: number;
  day: number;
  date: string | null;
  event: LogEvent;
  patient: number | null;
  worker: number | null;
  detail: string;
  minutes: number | null;
}

export interface EventLogFormat {
  replication: number;
  /** `run.startDate` (yyyy-mm-dd) or undefined: the date column is then empty. */
  startDate?: string;
  /** Share of patients logged (1: all); worker events are always logged. */
  sample: number;
  /** Text put before every row (compare: the design's name and a comma). */
  prefix?: string;
}

/**
 * The sink every door uses: filters the sample, orders the rows the model knows in advance (a
 * replacement's start) among the others, and hands each row on as CSV text or as an object.
 */
export class EventLogger implements EventLogSink {
  private readonly startMs: number;
  private dateDay = -1;
  private dateText = '';
  /** Rows due later (a replacement's start): [time, worker] pairs, in time order. */
  private readonly later: Array<[number, number]> = [];
  /** Re-referrals of sampled patients (their new ids), so a sampled history stays whole. */
  private readonly followed = new Set<number>();

  constructor(
    private readonly format: EventLogFormat,
    private readonly out: { text?: (line: string) => void; row?: (row: EventRow) => void },
  ) {
    this.startMs = format.startDate ? Date.parse(`${format.startDate}T00:00:00Z`) : NaN;
  }

  event(t: number, event: LogEvent, patient: number, worker: number, detail: string, minutes: number): void {
    if (this.later.length > 0 && this.later[0][0] <= t) this.flushLater(t);
    if (patient >= 0 && this.format.sample < 1 && !inSample(patient, this.format.sample) && !this.followed.has(patient)) {
      if (event !== 'reReferred' || !(inSample(Number(detail), this.format.sample) || this.followed.has(Number(detail)))) return;
      this.followed.add(patient);
    }
    if (event === 'vacancyStarted') {
      const until = t + Number(detail) * DAY;
      let i = this.later.length;
      while (i > 0 && this.later[i - 1][0] > until) i--;
      this.later.splice(i, 0, [until, worker]);
    }
    this.write(t, event, patient, worker, detail, minutes);
  }

  /** The end of the run: rows due by the horizon. */
  finish(horizon: number): void {
    this.flushLater(horizon);
    this.later.length = 0;
  }

  private flushLater(t: number): void {
    while (this.later.length > 0 && this.later[0][0] <= t) {
      const [at, w] = this.later.shift()!;
      this.write(at, 'replaced', -1, w, '', NaN);
    }
  }

  private date(t: number): string {
    if (this.startMs !== this.startMs) return '';
    const d = Math.floor(t / DAY);
    if (d !== this.dateDay) {
      this.dateDay = d;
      this.dateText = new Date(this.startMs + d * 86_400_000).toISOString().slice(0, 10);
    }
    return this.dateText;
  }

  private write(t: number, event: LogEvent, patient: number, worker: number, detail: string, minutes: number): void {
    const { out } = this;
    const m = minutes === minutes ? Math.round(minutes * 1000) / 1000 : NaN;
    if (out.text)
      out.text(
        `${this.format.prefix ?? ''}${this.format.replication},${t / DAY},${this.date(t)},${event},${patient >= 0 ? patient : ''},${worker >= 0 ? worker : ''},${detail},${m === m ? m : ''}\n`,
      );
    if (out.row)
      out.row({
        replication: this.format.replication,
        day: t / DAY,
        date: this.startMs === this.startMs ? this.date(t) : null,
        event,
        patient: patient >= 0 ? patient : null,
        worker: worker >= 0 ? worker : null,
        detail,
        minutes: m === m ? m : null,
      });
  }
}

/** The header line of events.csv (with `design` first for compare). */
export function eventLogHeader(withDesign: boolean): string {
  return `${withDesign ? 'design,' : ''}${EVENT_LOG_COLUMNS.join(',')}\n`;
}

/** Rows (as the library returns them) as the lines of events.csv, the same bytes the CLI writes. */
export function eventRowsCsv(rows: ReadonlyArray<EventRow & { design?: string }>): string {
  let out = '';
  for (const r of rows)
    out += `${r.design === undefined ? '' : `${csvField(r.design)},`}${r.replication},${r.day},${r.date ?? ''},${r.event},${r.patient ?? ''},${r.worker ?? ''},${r.detail},${r.minutes ?? ''}\n`;
  return out;
}

/** Rows a referral makes, on average, and bytes a row: for the size estimate before a run (measured on the default scenario, docs/event-log.md). */
export const ROWS_PER_REFERRAL = 8;
export const BYTES_PER_ROW = 50;
