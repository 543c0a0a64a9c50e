/**
 * What the model tells its observers. Monitoring is passive: a monitor is told what happened
 * and returns nothing the model uses, so statistics can be swapped, switched off (NULL_MONITOR)
 * or joined by a trace (TraceMonitor) without changing a single number of the dynamics.
 */
import type { Activity as BlockActivity } from './rota.js';

/** How an episode ended without a discharge. */
export type EpisodeEnd = 'declined' | 'redirected' | 'resolvedAtTriage' | 'droppedOut';

/** What a monitor may read of a worker. */
export interface WorkerView {
  readonly index: number;
  readonly fte: number;
  readonly plan: { always: boolean; contractedMinutes: number };
  readonly adminMinutes: number;
  readonly current: unknown;
  readonly sessionStart: number;
  readonly stress: number;
  readonly satisfaction: number;
  readonly knowledge: number;
}

/** What a monitor may read of a patient. */
export interface PatientView {
  readonly id: number;
  readonly booked: number;
}

export type WorkKind = 'first' | 'followUp' | 'checkIn' | 'triage' | 'outOfRemit';

/** The week just closed, from the model's own overload account. */
export interface WeekClosed {
  /** Overload index per worker (NaN for a worker with no contracted time that week). */
  readonly overloads: Float64Array;
}

export interface Monitor {
  referral(t: number, reReferral: boolean): void;
  episodeEnded(t: number, counted: boolean, how: EpisodeEnd): void;
  capExtended(t: number, counted: boolean): void;
  checkInsStarted(t: number, counted: boolean): void;
  remitDone(start: number, end: number, w: WorkerView): void;
  workerLeft(t: number, vacancyMinutes: number): void;
  waitingChanged(t: number, count: number): void;
  caseloadJoined(t: number): void;
  leftWaitingList(t: number, referredAt: number, counted: boolean, droppedOut: boolean): void;
  /** At the horizon, once per patient still on the waiting list. */
  stillWaitingAtEnd(t: number, referredAt: number, counted: boolean): void;
  discharged(t: number, attended: number, atCap: boolean, counted: boolean, allocatedAt: number, needMet: boolean): void;
  leftCaseload(t: number, allocatedAt: number, counted: boolean): void;
  followUpDue(t: number, w: WorkerView, p: PatientView): void;
  workStarted(t: number, w: WorkerView, p: PatientView | null, kind: WorkKind): void;
  workDone(w: WorkerView, start: number, end: number, travel: number, admin: number): void;
  blockOpened(w: WorkerView, activity: BlockActivity, start: number, end: number, squeezed: boolean): void;
  weekClosed(t: number, week: WeekClosed): void;
  agentWeek(t: number, w: WorkerView): void;
}

const noop = (): void => {};
/** A monitor that records nothing. */
export const NULL_MONITOR: Monitor = {
  referral: noop,
  episodeEnded: noop,
  capExtended: noop,
  checkInsStarted: noop,
  remitDone: noop,
  workerLeft: noop,
  waitingChanged: noop,
  caseloadJoined: noop,
  leftWaitingList: noop,
  stillWaitingAtEnd: noop,
  discharged: noop,
  leftCaseload: noop,
  followUpDue: noop,
  workStarted: noop,
  workDone: noop,
  blockOpened: noop,
  weekClosed: noop,
  agentWeek: noop,
};

/** Pass every observation to several monitors, in order. */
export function teeMonitor(...monitors: Monitor[]): Monitor {
  const out = {} as Record<keyof Monitor, (...args: never[]) => void>;
  for (const key of Object.keys(NULL_MONITOR) as (keyof Monitor)[]) {
    out[key] = (...args: never[]) => {
      for (const m of monitors) (m[key] as (...a: never[]) => void)(...args);
    };
  }
  return out as unknown as Monitor;
}

/** One line of a trace: minutes since the start, what happened, to whom. */
export interface TraceEntry {
  t: number;
  event: string;
  worker?: number;
  patient?: number;
  detail?: string;
}

/**
 * Records the decisions and arrivals of a run as a list of entries (for tests that read as the
 * rule, in the style of SimPy's trace-log tests). Patients are named by their draw key.
 */
export class TraceMonitor implements Monitor {
  readonly entries: TraceEntry[] = [];
  referral(t: number, reReferral: boolean): void {
    this.entries.push({ t, event: reReferral ? 'reReferral' : 'referral' });
  }
  episodeEnded(t: number, _counted: boolean, how: EpisodeEnd): void {
    this.entries.push({ t, event: how });
  }
  capExtended(): void {}
  checkInsStarted(): void {}
  remitDone(): void {}
  workerLeft(t: number): void {
    this.entries.push({ t, event: 'workerLeft' });
  }
  waitingChanged(): void {}
  caseloadJoined(): void {}
  leftWaitingList(): void {}
  stillWaitingAtEnd(): void {}
  discharged(t: number, attended: number, atCap: boolean): void {
    this.entries.push({ t, event: 'discharged', detail: `${attended} attended${atCap ? ', at cap' : ''}` });
  }
  leftCaseload(): void {}
  followUpDue(t: number, w: WorkerView, p: PatientView): void {
    this.entries.push({ t, event: 'followUpDue', worker: w.index, patient: p.id });
  }
  workStarted(t: number, w: WorkerView, p: PatientView | null, kind: WorkKind): void {
    this.entries.push(p ? { t, event: kind, worker: w.index, patient: p.id } : { t, event: kind, worker: w.index });
  }
  workDone(w: WorkerView, _start: number, end: number): void {
    this.entries.push({ t: end, event: 'workEnd', worker: w.index });
  }
  blockOpened(w: WorkerView, activity: BlockActivity, start: number, _end: number, squeezed: boolean): void {
    this.entries.push({ t: start, event: 'block', worker: w.index, detail: squeezed ? 'networking→patients' : activity });
  }
  weekClosed(t: number): void {
    this.entries.push({ t, event: 'weekClosed' });
  }
  agentWeek(): void {}
}
