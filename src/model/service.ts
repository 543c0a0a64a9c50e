/**
 * One replication of a link-worker service: practices refer patients, link workers see them
 * in the blocks of their weekly rota. This file holds the event logic; the statistics live in
 * `statistics.ts`, the rota in `rota.ts`, the arrival process in `referrals.ts`.
 *
 * Event flow (kinds below; same-instant order by `Priority`):
 *   REFERRAL ──► waiting list ──(worker free, fits in block)──► first session ─► SESSION_END
 *      │             └─(patience runs out: PATIENCE)─► dropped out          │
 *      └─ next REFERRAL                                                     ▼
 *   FOLLOW_UP_DUE ──► worker's due queue ──► follow-up session ─► SESSION_END ─► discharge
 *                                                                 (need met, or cap reached)
 *   BLOCK_START / BLOCK_END open and close the worker's time; WEEK_TICK closes the weekly
 *   overload account.
 */
import { Simulation, type EventHandler, type EventHandle } from '../engine/index.js';
import { createStream, KeyedStream, makeDistribution, type Distribution, type RandomStream } from '../random/index.js';
import type { Scenario } from '../scenario/schema.js';
import { ReferralProcess } from './referrals.js';
import { buildWeekPlan, leaveWeeks, type WeekPlan } from './rota.js';
import { ServiceStatistics, type ReplicationResult } from './statistics.js';
import { DAY, LEAVE_CYCLE_WEEKS, WEEK, YEAR } from './time.js';
import { SOURCES } from '../scenario/schema.js';

/** Same-instant order: ends before starts; due follow-ups before new referrals; a block opens last, so the worker sees everything that fell due at that instant. */
export const Priority = {
  SessionEnd: 0,
  WeekTick: 2,
  Patience: 3,
  FollowUpDue: 4,
  Referral: 5,
  BlockStart: 6,
} as const;

const enum Kind {
  Referral,
  Patience,
  FollowUpDue,
  SessionEnd,
  BlockStart,
  WeekTick,
}

const enum PatientState {
  Waiting,
  DroppedOut,
  Active,
  Free,
}

class Patient {
  slot = 0;
  id = 0;
  state = PatientState.Free;
  referredAt = 0;
  allocatedAt = 0;
  /** Counts in per-patient statistics (false for the pre-existing caseload and list). */
  counted = true;
  practice = 0;
  source = 0;
  needed = 0;
  attended = 0;
  /** Sessions booked so far (attended or missed): the key for per-session random draws. */
  booked = 0;
  /** Length of the next session once drawn (NaN until then): a worker may look at it several times before it fits. */
  nextLength = NaN;
  worker = -1;
  patience: EventHandle = -1;
}

/** A FIFO of patients, array-backed ring buffer. */
class PatientQueue {
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
}

export class Worker {
  /** End of the patient block the worker is in; at or before now when not in one. */
  patientBlockEnd = 0;
  nextBlock = 0;
  /** Absolute start of the week the next block belongs to. */
  weekOrigin = 0;
  current: Patient | null = null;
  sessionStart = 0;
  caseload = 0;
  /** Marks the worker as already offered the current referral (see offerToIdleWorkers). */
  offered = 0;
  readonly due = new PatientQueue();
  constructor(
    readonly index: number,
    readonly plan: WeekPlan,
    readonly onLeave: Uint8Array,
    readonly adminMinutes: number,
  ) {}
  isOnLeave(time: number): boolean {
    return this.onLeave[Math.floor(time / WEEK) % LEAVE_CYCLE_WEEKS] === 1;
  }
}

export interface ModelInputs {
  scenario: Scenario;
  seed: number;
  replication: number;
  horizonDays: number;
  warmupDays: number;
}

export class LinkWorkerService implements EventHandler {
  private readonly sim = new Simulation(256);
  readonly workers: Worker[] = [];
  readonly stats: ServiceStatistics;
  private readonly horizon: number;
  private readonly initialState: Scenario['initialState'];

  private readonly referralProcesses: ReferralProcess[];
  private readonly waiting = new PatientQueue();
  private waitingCount = 0;
  private offerStamp = 0;
  private readonly patients: Patient[] = [];
  private readonly freePatients: number[] = [];
  /** Patients created so far, and per referral group (each practice, then the initial state). */
  private created = 0;
  private readonly createdInGroup: number[];
  /** Referral group of the pre-existing caseload and waiting list (after the practices). */
  private readonly initialGroup: number;

  // Distributions and their random streams: one stream per stochastic process.
  private readonly needs: Distribution;
  private readonly firstLength: Distribution;
  private readonly followUpLength: Distribution;
  private readonly interval: Distribution;
  private readonly patienceDist: Distribution | null;
  private readonly dnaProbability: number;
  private readonly sessionCap: number;
  private readonly maxCaseload: number;
  private readonly sourceWeights: number[];
  private readonly needsDraws: KeyedStream;
  private readonly sourceDraws: KeyedStream;
  private readonly patienceDraws: KeyedStream;
  private readonly initialStream: RandomStream;
  private readonly lengthDraws: KeyedStream;
  private readonly dnaDraws: KeyedStream;
  private readonly intervalDraws: KeyedStream;

  constructor(inputs: ModelInputs) {
    const { scenario: s, seed, replication } = inputs;
    const stream = (name: string) => createStream(seed, replication, name);
    const keyed = (name: string) => new KeyedStream(seed, replication, name);
    this.horizon = inputs.horizonDays * DAY;
    this.initialState = s.initialState;
    const warmup = inputs.warmupDays * DAY;

    const p = s.patients;
    this.needs = makeDistribution(p.sessionsNeeded);
    this.firstLength = makeDistribution(p.firstSessionMinutes);
    this.followUpLength = makeDistribution(p.followUpMinutes);
    this.interval = makeDistribution(p.daysBetweenSessions);
    this.patienceDist = p.patienceDays === 'open' ? null : makeDistribution(p.patienceDays);
    this.dnaProbability = p.didNotAttend;
    this.sessionCap = s.policy.sessionCap === 'open' ? Infinity : s.policy.sessionCap;
    this.maxCaseload = s.policy.maxCaseload === 'open' ? Infinity : s.policy.maxCaseload;
    this.sourceWeights = SOURCES.map((k) => s.referrals.sourceMix[k]);
    this.needsDraws = keyed('sessionsNeeded');
    this.sourceDraws = keyed('referralSource');
    this.patienceDraws = keyed('patience');
    this.initialStream = stream('initialState');
    this.lengthDraws = keyed('sessionLength');
    this.dnaDraws = keyed('didNotAttend');
    this.intervalDraws = keyed('daysBetweenSessions');

    const teamSize = s.workers.reduce((n, g) => n + g.count, 0);
    for (const group of s.workers) {
      const plan = buildWeekPlan(group.rota, group.networkingHoursPerWeek, group.otherDutiesHoursPerWeek);
      for (let k = 0; k < group.count; k++) {
        const index = this.workers.length;
        this.workers.push(new Worker(index, plan, leaveWeeks(plan, group.annualLeaveDays, index, teamSize), group.adminMinutesPerSession));
      }
    }

    const ones = new Array(12).fill(1);
    this.referralProcesses = s.referrals.practices.map(
      (pr, i) =>
        new ReferralProcess(
          pr.referralsPerMonth,
          pr.monthMultipliers ?? s.referrals.monthMultipliers ?? ones,
          s.referrals.annualGrowth,
          stream(`referrals.practice.${i}`),
        ),
    );

    this.initialGroup = this.referralProcesses.length;
    this.createdInGroup = new Array(this.initialGroup + 1).fill(0);

    this.stats = new ServiceStatistics({
      warmup,
      horizon: this.horizon,
      workers: this.workers,
      expectedFirstMinutes: Math.max(0, this.firstLength.mean),
      expectedFollowUpMinutes: Math.max(0, this.followUpLength.mean),
    });
  }

  /** Run the replication to the horizon and return its metrics and weekly series. */
  run(): ReplicationResult {
    const sim = this.sim;
    for (let i = 0; i < this.referralProcesses.length; i++) this.scheduleReferral(i);
    for (const w of this.workers) {
      if (w.plan.always) w.patientBlockEnd = Infinity;
      else this.scheduleNextBlock(w);
    }
    sim.at(WEEK, Priority.WeekTick, Kind.WeekTick);
    this.seedInitialState();
    this.stats.beginFirstWeek(this.waitingCount);
    for (const w of this.workers) this.tryStart(w);
    sim.run(this, this.horizon);
    return this.stats.finish(this.waitingCount, sim.eventCount, this.created);
  }

  handle(kind: number, payload: number, time: number): void {
    switch (kind) {
      case Kind.Referral: return this.onReferral(payload, time);
      case Kind.Patience: return this.onPatience(this.patients[payload], time);
      case Kind.FollowUpDue: return this.onFollowUpDue(this.patients[payload]);
      case Kind.SessionEnd: return this.onSessionEnd(this.workers[payload], time);
      case Kind.BlockStart: return this.onBlockStart(this.workers[payload], time);
      case Kind.WeekTick: return this.onWeekTick(time);
    }
  }

  // ------------------------------------------------------------------ referrals and waiting

  private scheduleReferral(practice: number): void {
    const t = this.referralProcesses[practice].next(this.horizon);
    if (t <= this.horizon) this.sim.at(t, Priority.Referral, Kind.Referral, practice);
  }

  private onReferral(practice: number, time: number): void {
    this.scheduleReferral(practice);
    const p = this.newPatient(time, practice);
    this.stats.referral(time);
    this.joinWaitingList(p, time);
    this.offerToIdleWorkers();
  }

  /**
   * Offer the head of the waiting list to idle workers, smallest caseload first (lowest
   * index on ties), until one takes it: a worker may decline because the first session
   * would not fit in what is left of their block.
   */
  private offerToIdleWorkers(): void {
    const stamp = ++this.offerStamp;
    const now = this.sim.now;
    for (;;) {
      let best: Worker | null = null;
      for (const w of this.workers) {
        if (w.offered !== stamp && w.patientBlockEnd > now && w.current === null && w.caseload < this.maxCaseload && (best === null || w.caseload < best.caseload)) best = w;
      }
      if (best === null) return;
      best.offered = stamp;
      const before = this.waitingCount;
      this.tryStart(best);
      if (this.waitingCount < before) return;
    }
  }

  private joinWaitingList(p: Patient, time: number): void {
    p.state = PatientState.Waiting;
    if (this.patienceDist) {
      const days = Math.max(0, this.patienceDist.sample(this.patienceDraws.at(p.id, 0)));
      p.patience = this.sim.at(time + days * DAY, Priority.Patience, Kind.Patience, p.slot);
    }
    this.stats.waitingChanged(time, ++this.waitingCount);
    this.waiting.push(p);
  }

  private onPatience(p: Patient, time: number): void {
    if (p.state !== PatientState.Waiting) return;
    p.state = PatientState.DroppedOut; // stays in the FIFO until it reaches the head
    this.stats.waitingChanged(time, --this.waitingCount);
    this.stats.leftWaitingList(time, p.referredAt, p.counted, true);
  }

  /** Next live patient at the head of the waiting list (drops dropped-out ones). */
  private headOfWaitingList(): Patient | null {
    let p = this.waiting.peek();
    while (p && p.state === PatientState.DroppedOut) {
      this.waiting.shift();
      this.releasePatient(p);
      p = this.waiting.peek();
    }
    return p;
  }

  // ------------------------------------------------------------------ sessions

  /** Give an idle worker the next piece of work that fits in what is left of the block. */
  private tryStart(w: Worker): void {
    const now = this.sim.now;
    const left = w.patientBlockEnd - now;
    if (left <= 0 || w.current !== null) return;
    const due = w.due.peek();
    if (due) {
      // Due follow-ups come first, oldest first. If the oldest does not fit, the rest of the
      // block is left for admin (no reordering: a worker does not skip a patient who is due).
      const length = this.sessionLength(due);
      if (length + w.adminMinutes <= left) this.startSession(w, w.due.shift()!, now, length);
      return;
    }
    if (w.caseload >= this.maxCaseload) return;
    const next = this.headOfWaitingList();
    if (next === null) return;
    const length = this.sessionLength(next);
    if (length + w.adminMinutes <= left) {
      this.waiting.shift();
      this.allocate(next, w, now);
      this.startSession(w, next, now, length);
    }
  }

  private allocate(p: Patient, w: Worker, time: number): void {
    if (p.patience >= 0) this.sim.cancel(p.patience);
    p.patience = -1;
    p.state = PatientState.Active;
    p.worker = w.index;
    p.allocatedAt = time;
    this.stats.waitingChanged(time, --this.waitingCount);
    this.stats.leftWaitingList(time, p.referredAt, p.counted, false);
    w.caseload++;
    this.stats.caseloadChanged(time, +1);
  }

  /** Length of the patient's next session, keyed by (patient, session number) for common random numbers. */
  private sessionLength(p: Patient): number {
    if (p.nextLength === p.nextLength) return p.nextLength; // already drawn (not NaN)
    // A patient who missed the first appointment still needs a first (longer) meeting.
    const dist = p.attended === 0 ? this.firstLength : this.followUpLength;
    p.nextLength = Math.max(0, dist.sample(this.lengthDraws.at(p.id, p.booked)));
    return p.nextLength;
  }

  private startSession(w: Worker, p: Patient, now: number, length: number): void {
    w.current = p;
    w.sessionStart = now;
    this.sim.at(now + length + w.adminMinutes, Priority.SessionEnd, Kind.SessionEnd, w.index);
  }

  private onSessionEnd(w: Worker, time: number): void {
    const p = w.current!;
    w.current = null;
    this.stats.workDone(w, w.sessionStart, time);
    const session = p.booked++;
    p.nextLength = NaN;
    const attended = this.dnaDraws.at(p.id, session).next() >= this.dnaProbability;
    if (attended) p.attended++;
    if (p.attended >= p.needed) this.discharge(p, w, time, false);
    else if (p.attended >= this.sessionCap) this.discharge(p, w, time, true);
    else {
      const days = Math.max(0, this.interval.sample(this.intervalDraws.at(p.id, session)));
      this.sim.at(time + days * DAY, Priority.FollowUpDue, Kind.FollowUpDue, p.slot);
    }
    this.tryStart(w);
  }

  private onFollowUpDue(p: Patient): void {
    const w = this.workers[p.worker];
    w.due.push(p);
    this.stats.followUpDue(w);
    this.tryStart(w);
  }

  private discharge(p: Patient, w: Worker, time: number, atCap: boolean): void {
    w.caseload--;
    this.stats.caseloadChanged(time, -1);
    this.stats.discharged(time, p.attended, atCap, p.counted, p.allocatedAt);
    this.releasePatient(p);
  }

  // ------------------------------------------------------------------ working time

  private scheduleNextBlock(w: Worker): void {
    const blocks = w.plan.blocks;
    if (w.nextBlock === blocks.length) {
      w.nextBlock = 0;
      w.weekOrigin += WEEK;
    }
    this.sim.at(w.weekOrigin + blocks[w.nextBlock].start, Priority.BlockStart, Kind.BlockStart, w.index);
  }

  /**
   * A block opens. There is no block-end event: the block's end is stored and compared with
   * the clock (a worker is in a patient block while now < patientBlockEnd), and the next
   * block's start is scheduled at once (blocks never overlap, so it lies after this end).
   */
  private onBlockStart(w: Worker, time: number): void {
    const block = w.plan.blocks[w.nextBlock++];
    const end = w.weekOrigin + block.end;
    this.scheduleNextBlock(w);
    if (w.isOnLeave(time)) return;
    this.stats.blockOpened(w, block.activity, time, end);
    if (block.activity === 'patients') {
      w.patientBlockEnd = end;
      this.tryStart(w);
    }
  }

  private onWeekTick(time: number): void {
    this.stats.closeWeek(time, this.waitingCount);
    if (time + WEEK <= this.horizon) this.sim.at(time + WEEK, Priority.WeekTick, Kind.WeekTick);
  }

  // ------------------------------------------------------------------ patients

  private newPatient(time: number, group: number): Patient {
    const slot = this.freePatients.length > 0 ? this.freePatients.pop()! : this.patients.length;
    let p = this.patients[slot];
    if (!p) {
      p = new Patient();
      p.slot = slot;
      this.patients.push(p);
    }
    // The patient's key: the k-th referral of its group, so that a patient's attributes and
    // per-session draws do not depend on other practices' rates or on the initial state.
    const groups = this.createdInGroup.length;
    p.id = this.createdInGroup[group]++ * groups + group;
    this.created++;
    p.referredAt = time;
    p.allocatedAt = 0;
    p.counted = true;
    p.practice = group;
    p.source = drawCategory(this.sourceWeights, this.sourceDraws.at(p.id, 0).next());
    p.needed = Math.max(1, Math.round(this.needs.sample(this.needsDraws.at(p.id, 0))));
    p.attended = 0;
    p.booked = 0;
    p.nextLength = NaN;
    p.worker = -1;
    p.patience = -1;
    return p;
  }

  private releasePatient(p: Patient): void {
    p.state = PatientState.Free;
    this.freePatients.push(p.slot);
  }

  /** Pre-existing caseload and waiting list (documented assumptions in docs/model.md). */
  private seedInitialState(): void {
    const init = this.initialState;
    const meanInterval = Math.max(0, this.interval.mean) * DAY;
    for (const w of this.workers) {
      for (let k = 0; k < init.caseloadPerWorker; k++) {
        const p = this.newPatient(0, this.initialGroup);
        p.counted = false;
        p.needed = Math.max(2, p.needed);
        p.attended = 1;
        p.booked = 1;
        p.state = PatientState.Active;
        p.worker = w.index;
        w.caseload++;
        this.stats.caseloadChanged(0, +1);
        this.sim.at(this.initialStream.next() * meanInterval, Priority.FollowUpDue, Kind.FollowUpDue, p.slot);
      }
    }
    for (let k = 0; k < init.waitingList; k++) {
      const p = this.newPatient(0, this.initialGroup);
      p.counted = false;
      this.joinWaitingList(p, 0);
    }
  }

}

function drawCategory(weights: readonly number[], u: number): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = u * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i];
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Convenience: run one replication of a scenario. */
export function runReplication(scenario: Scenario, replication: number, options: { seed?: number; horizonDays?: number; warmupDays?: number } = {}): ReplicationResult {
  return new LinkWorkerService({
    scenario,
    seed: options.seed ?? scenario.run.seed,
    replication,
    horizonDays: options.horizonDays ?? scenario.run.years * (YEAR / DAY),
    warmupDays: options.warmupDays ?? scenario.run.warmupDays,
  }).run();
}
