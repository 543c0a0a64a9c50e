/** The model's entities: patients, their queues, and link workers (with their agent state). */
import type { EventHandle } from '../engine/index.js';
import type { WeekPlan } from './rota.js';
import { DEFAULT_ASSUMPTIONS, type ResolvedAssumptions } from './assumptions.js';
import { LEAVE_CYCLE_WEEKS, WEEK } from './time.js';

export const enum PatientState {
  Waiting,
  Triage,
  DroppedOut,
  Active,
  Free,
}

/** What a worker is busy with (see Sessions.end). */
export const enum Activity {
  Idle,
  Session,
  Triage,
  Remit,
}

export class Patient {
  slot = 0;
  /** Key for this patient's random draws: k × groups + group (see docs/model.md §4). */
  id = 0;
  state = PatientState.Free;
  referredAt = 0;
  allocatedAt = 0;
  /** Counts in per-patient statistics (false for the pre-existing caseload and list). */
  counted = true;
  practice = 0;
  source = 0;
  /** Sessions of full progress needed. */
  needed = 0;
  /** Need multiplier applied at allocation (the worker's community knowledge). */
  needFactor = 1;
  /** Progress so far, in sessions' worth (a short fixed slot may give less than 1). */
  progress = 0;
  attended = 0;
  /** Sessions booked so far (attended or missed): the key for per-session random draws. */
  booked = 0;
  /** Attended sessions allowed (the cap, plus any extension). */
  limit = Infinity;
  extended = false;
  inappropriate = false;
  vulnerable = false;
  /** Check-in calls still to make after the episode (0 when none). */
  checkInsLeft = 0;
  worker = -1;
  patience: EventHandle = -1;
  /** Work minutes of the next session once drawn (NaN until then). */
  nextLength = NaN;
  /** Progress the next session will give. */
  nextProgress = 1;
  /** Minutes of the next session spent travelling (home visits). */
  nextTravel = 0;
  /** Start of the last session held (for intervalFrom: start). */
  lastStart = 0;
}

/** A FIFO of patients, array-backed ring buffer. */
export class PatientQueue {
  private items: (Patient | null)[] = new Array(16).fill(null);
  private head = 0;
  length = 0;
  push(p: Patient): void {
    if (this.length === this.items.length) {
      const grown: (Patient | null)[] = new Array(this.items.length * 2).fill(null);
      for (let i = 0; i < this.length; i++) grown[i] = this.items[(this.head + i) % this.items.length];
      this.items = grown;
      this.head = 0;
    }
    this.items[(this.head + this.length++) % this.items.length] = p;
  }
  peek(): Patient | null {
    return this.length > 0 ? this.items[this.head] : null;
  }
  shift(): Patient | null {
    if (this.length === 0) return null;
    const p = this.items[this.head];
    this.items[this.head] = null;
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return p;
  }
  /** The i-th patient from the head (0 = head). */
  at(i: number): Patient {
    return this.items[(this.head + i) % this.items.length]!;
  }
  /** Remove and return the i-th patient from the head, keeping the order of the others. */
  removeAt(i: number): Patient {
    const n = this.items.length;
    const p = this.items[(this.head + i) % n]!;
    for (let k = i; k > 0; k--) this.items[(this.head + k) % n] = this.items[(this.head + k - 1) % n];
    this.items[this.head] = null;
    this.head = (this.head + 1) % n;
    this.length--;
    return p;
  }
}

export class Worker {
  nextBlock = 0;
  /** Absolute start of the week the next block belongs to. */
  weekOrigin = 0;
  /** End of the patient block the worker is in; at or before now when not in one. */
  patientBlockEnd = 0;
  activity = Activity.Idle;
  current: Patient | null = null;
  sessionStart = 0;
  /** Minutes of the current activity spent travelling. */
  travel = 0;
  caseload = 0;
  /** Last decision epoch that marked this worker as changed (see Dispatcher). */
  dirtyEpoch = -1;
  /** Position in the dispatcher's pool of workers free for shared work, or -1. */
  poolPos = -1;
  /** When the worker last became idle (for the longestIdle allocation rule). */
  idleSince = 0;
  readonly due = new PatientQueue();
  /** Accepted out-of-remit work still to do, in minutes. */
  remitBacklog = 0;

  // The worker as an agent.
  /** Months in role at time 0 of the run (a replacement is hired at hiredAt with 0). */
  monthsAtStart: number;
  hiredAt = 0;
  /** Community knowledge, 0..1 (CMOC 4). */
  knowledge: number;
  stress: number;
  satisfaction: number;
  /** Vacant (left, not yet replaced) until this time. */
  vacantUntil = -1;
  networkingMinutesThisWeek = 0;

  constructor(
    readonly index: number,
    /** Whole-time equivalent of the post: contracted hours a week / 37.5 (posts.ts, `postWte`). */
    readonly fte: number,
    readonly plan: WeekPlan,
    readonly onLeave: Uint8Array,
    readonly adminMinutes: number,
    monthsInRole: number,
    readonly supervisionHours: number,
    readonly handsOff: boolean,
    /** The run's fixed assumptions: a new worker's knowledge, stress and satisfaction. */
    k: Readonly<ResolvedAssumptions> = DEFAULT_ASSUMPTIONS,
  ) {
    this.monthsAtStart = monthsInRole;
    this.knowledge = initialKnowledge(monthsInRole, k);
    this.stress = k.neutralStress;
    this.satisfaction = k.neutralSatisfaction;
  }

  isOnLeave(time: number): boolean {
    return this.onLeave[Math.floor(time / WEEK) % LEAVE_CYCLE_WEEKS] === 1;
  }

  isVacant(time: number): boolean {
    return time < this.vacantUntil;
  }

  monthsInRole(time: number, month: number): number {
    return this.monthsAtStart + (time - this.hiredAt) / month;
  }
}

/** Community knowledge of a worker with this experience (assumption: 0.3 for a novice, 0.9 after 30 months). */
export function initialKnowledge(months: number, k: Readonly<ResolvedAssumptions> = DEFAULT_ASSUMPTIONS): number {
  return Math.min(k.knowledgeExperienced, k.knowledgeNovice + ((k.knowledgeExperienced - k.knowledgeNovice) * months) / k.knowledgeExperiencedMonths);
}
