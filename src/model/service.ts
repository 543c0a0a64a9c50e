/**
 * One replication of a link-worker service: practices refer patients, link workers see them
 * in the blocks of their weekly rota, using the discretion the levers leave them. The event
 * logic lives here; entities in `entities.ts`, levers in `discretion.ts`, the weekly agent
 * update in `workforce.ts`, statistics in `statistics.ts`.
 *
 * Event flow (kinds below; same-instant order by `Priority`):
 *   REFERRAL ─► [declined: inappropriate] ─► [triage list ─► resolved | redirected] ─► waiting list
 *   waiting list ─(worker free, fits in block)─► first session ─► SESSION_END ─► discharge
 *        └─(patience runs out: PATIENCE)─► dropped out                      │ (need met / cap,
 *   FOLLOW_UP_DUE ─► worker's due queue ─► follow-up or check-in ─► SESSION_END  extension,
 *   BLOCK_START opens the worker's time (networking may be squeezed);          re-referral)
 *   WEEK_TICK closes the weekly account: overload, knowledge, stress, satisfaction, leaving.
 */
import { Simulation, type EventHandler } from '../engine/index.js';
import { createStream, KeyedStream, makeDistribution, type Distribution, type RandomStream } from '../random/index.js';
import type { Scenario } from '../scenario/schema.js';
import { SOURCES } from '../scenario/schema.js';
import { resolveLevers, type ResolvedLevers } from './discretion.js';
import { Activity, initialKnowledge, Patient, PatientQueue, PatientState, Worker } from './entities.js';
import { ReferralProcess } from './referrals.js';
import { groupWeekPlan, leaveWeeks } from './rota.js';
import { ServiceStatistics, type ReplicationResult } from './statistics.js';
import { DAY, HOUR, MONTH, WEEK, YEAR } from './time.js';
import { updateAgent, weeklyLeavingProbability } from './workforce.js';

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
  ReReferral,
}

export { Worker } from './entities.js';

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
  private readonly levers: ResolvedLevers;
  private readonly workload: Scenario['workload'];
  private readonly workforce: Scenario['workforce'];

  private readonly referralProcesses: ReferralProcess[];
  private readonly waiting = new PatientQueue();
  private readonly triageList = new PatientQueue();
  private waitingCount = 0;
  private offerStamp = 0;
  private readonly patients: Patient[] = [];
  private readonly freePatients: number[] = [];
  /** Patients created so far, and per referral group (each practice, the initial state, re-referrals). */
  private created = 0;
  private released = 0;
  private readonly createdInGroup: number[];
  private readonly initialGroup: number;
  private readonly reReferralGroup: number;
  private week = 0;

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
  private readonly referralTypeDraws: KeyedStream;
  private readonly initialStream: RandomStream;
  private readonly lengthDraws: KeyedStream;
  private readonly dnaDraws: KeyedStream;
  private readonly intervalDraws: KeyedStream;
  private readonly dischargeDraws: KeyedStream;
  private readonly workerDraws: KeyedStream;
  private readonly squeezeDraws: KeyedStream;

  constructor(inputs: ModelInputs) {
    const { scenario: s, seed, replication } = inputs;
    const stream = (name: string) => createStream(seed, replication, name);
    const keyed = (name: string) => new KeyedStream(seed, replication, name);
    this.horizon = inputs.horizonDays * DAY;
    this.initialState = s.initialState;
    this.levers = resolveLevers(s);
    this.workload = s.workload;
    this.workforce = s.workforce;
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
    // A closed referral route contributes no referrals (its weight is 0); an open one adds demand.
    this.sourceWeights = SOURCES.map((k) =>
      (k === 'reception' && !this.levers.receptionReferrals) || (k === 'self' && !this.levers.selfReferrals) ? 0 : s.referrals.sourceMix[k],
    );
    const routeMultiplier = (this.levers.receptionReferrals ? s.workload.receptionRateMultiplier : 1) * (this.levers.selfReferrals ? s.workload.selfRateMultiplier : 1);
    this.needsDraws = keyed('sessionsNeeded');
    this.sourceDraws = keyed('referralSource');
    this.patienceDraws = keyed('patience');
    this.referralTypeDraws = keyed('referralType');
    this.initialStream = stream('initialState');
    this.lengthDraws = keyed('sessionLength');
    this.dnaDraws = keyed('didNotAttend');
    this.intervalDraws = keyed('daysBetweenSessions');
    this.dischargeDraws = keyed('discharge');
    this.workerDraws = keyed('workers');
    this.squeezeDraws = keyed('networkingSqueeze');

    const teamSize = s.workers.reduce((n, g) => n + g.count, 0);
    for (const group of s.workers) {
      const plan = groupWeekPlan(group);
      for (let k = 0; k < group.count; k++) {
        const index = this.workers.length;
        this.workers.push(
          new Worker(index, plan, leaveWeeks(plan, group.annualLeaveDays, index, teamSize), group.adminMinutesPerSession, group.monthsInRole, group.supervisionHoursPerWeek, group.management === 'hands-off'),
        );
      }
    }

    const ones = new Array(12).fill(1);
    this.referralProcesses = s.referrals.practices.map(
      (pr, i) =>
        new ReferralProcess(pr.referralsPerMonth * routeMultiplier, pr.monthMultipliers ?? s.referrals.monthMultipliers ?? ones, s.referrals.annualGrowth, stream(`referrals.practice.${i}`)),
    );

    this.initialGroup = this.referralProcesses.length;
    this.reReferralGroup = this.initialGroup + 1;
    this.createdInGroup = new Array(this.reReferralGroup + 1).fill(0);

    this.stats = new ServiceStatistics({
      warmup,
      horizon: this.horizon,
      workers: this.workers,
      expectedFirstMinutes: Math.max(0, this.firstLength.mean),
      expectedFollowUpMinutes: this.levers.followUpSizing === 'fixed' ? this.levers.fixedSlotMinutes : Math.max(0, this.followUpLength.mean),
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
    let live = 0;
    for (const p of this.patients) if (p.state !== PatientState.Free) live++;
    return this.stats.finish(this.waitingCount, sim.eventCount, this.created, this.released, live);
  }

  handle(kind: number, payload: number, time: number): void {
    switch (kind) {
      case Kind.Referral: return this.onReferral(payload, time);
      case Kind.Patience: return this.onPatience(this.patients[payload], time);
      case Kind.FollowUpDue: return this.onFollowUpDue(this.patients[payload]);
      case Kind.SessionEnd: return this.onWorkEnd(this.workers[payload], time);
      case Kind.BlockStart: return this.onBlockStart(this.workers[payload], time);
      case Kind.WeekTick: return this.onWeekTick(time);
      case Kind.ReReferral: return this.onReReferral(this.patients[payload], time);
    }
  }

  // ------------------------------------------------------------------ referrals, screening, triage

  private scheduleReferral(practice: number): void {
    const t = this.referralProcesses[practice].next(this.horizon);
    if (t <= this.horizon) this.sim.at(t, Priority.Referral, Kind.Referral, practice);
  }

  private onReferral(practice: number, time: number): void {
    this.scheduleReferral(practice);
    const p = this.newPatient(time, practice);
    this.stats.referral(time, false);
    this.screen(p, time);
  }

  /** A patient discharged with unmet need comes back (the revolving door). */
  private onReReferral(old: Patient, time: number): void {
    const p = this.newPatient(time, this.reReferralGroup);
    // The need left, before the old worker's knowledge factor (the new allocation applies its own).
    p.needed = Math.max(1, Math.round((old.needed - old.progress) / old.needFactor));
    p.inappropriate = old.inappropriate;
    p.vulnerable = old.vulnerable;
    this.releasePatient(old);
    this.stats.referral(time, true);
    this.screen(p, time);
  }

  /**
   * Referral screening (CMOC 8): an inappropriate referral is declined with probability
   * declineInappropriate × confidence, where confidence grows with the team's experience.
   */
  private screen(p: Patient, time: number): void {
    if (p.inappropriate) {
      const u = this.referralTypeDraws.at(p.id, 1).next();
      if (u < this.levers.declineInappropriate * this.declineConfidence(time)) {
        this.stats.episodeEnded(time, p.counted, 'declined');
        this.releasePatient(p);
        return;
      }
    }
    if (this.levers.triage) {
      p.state = PatientState.Triage;
      this.triageList.push(p);
      this.offerToIdleWorkers();
      return;
    }
    this.joinWaitingList(p, time);
    this.offerToIdleWorkers();
  }

  /** Confidence to decline: 0.25 for a novice team, 1 from 24 months in role (assumption). */
  private declineConfidence(time: number): number {
    let months = 0;
    let present = 0;
    for (const w of this.workers) {
      if (w.isVacant(time)) continue;
      months += Math.max(0, w.monthsInRole(time, MONTH));
      present++;
    }
    return present === 0 ? 0.25 : Math.min(1, 0.25 + (0.75 * months) / present / 24);
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
    this.stats.episodeEnded(time, p.counted, 'droppedOut');
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

  /**
   * Offer waiting work to idle workers, smallest caseload first (lowest index on ties), until
   * one takes it: a worker may pass because their own due follow-up comes first or the session
   * would not fit in what is left of their block.
   */
  private offerToIdleWorkers(): void {
    const stamp = ++this.offerStamp;
    const now = this.sim.now;
    for (;;) {
      let best: Worker | null = null;
      for (const w of this.workers) {
        if (w.offered !== stamp && w.patientBlockEnd > now && now >= w.vacantUntil && w.activity === Activity.Idle && w.caseload < this.maxCaseload && (best === null || w.caseload < best.caseload)) best = w;
      }
      if (best === null) return;
      best.offered = stamp;
      if (this.tryStart(best)) return;
    }
  }

  // ------------------------------------------------------------------ work

  /**
   * Give an idle worker the next piece of work that fits in what is left of the block, in this
   * order: own due follow-ups (oldest first; if it does not fit, nothing else in this block),
   * triage contacts, accepted out-of-remit work, then the head of the waiting list.
   */
  private tryStart(w: Worker): boolean {
    const now = this.sim.now;
    const left = w.patientBlockEnd - now;
    if (left <= 0 || w.activity !== Activity.Idle || now < w.vacantUntil) return false;
    const due = w.due.peek();
    if (due) {
      const length = this.sessionLength(due, w, now);
      if (length + w.adminMinutes > left) return false;
      this.startSession(w, w.due.shift()!, now, length);
      return true;
    }
    const triage = this.triageList.peek();
    if (triage && this.levers.triageMinutes <= left) {
      this.triageList.shift();
      w.activity = Activity.Triage;
      w.current = triage;
      w.sessionStart = now;
      w.travel = 0;
      this.sim.at(now + this.levers.triageMinutes, Priority.SessionEnd, Kind.SessionEnd, w.index);
      return true;
    }
    if (w.remitBacklog > 0) {
      const chunk = Math.min(w.remitBacklog, left);
      w.remitBacklog -= chunk;
      w.activity = Activity.Remit;
      w.current = null;
      w.sessionStart = now;
      w.travel = 0;
      this.sim.at(now + chunk, Priority.SessionEnd, Kind.SessionEnd, w.index);
      return true;
    }
    if (w.caseload >= this.maxCaseload) return false;
    const next = this.headOfWaitingList();
    if (next === null) return false;
    const length = this.sessionLength(next, w, now);
    if (length + w.adminMinutes > left) return false;
    this.waiting.shift();
    this.allocate(next, w, now);
    this.startSession(w, next, now, length);
    return true;
  }

  private allocate(p: Patient, w: Worker, time: number): void {
    if (p.patience >= 0) this.sim.cancel(p.patience);
    p.patience = -1;
    p.state = PatientState.Active;
    p.worker = w.index;
    p.allocatedAt = time;
    // Community knowledge shapes how well needs are matched to support (CMOC 4): a worker who
    // knows less of what is available needs more sessions to find it.
    p.needFactor = 1 + this.workload.knowledgeNeedEffect * (1 - w.knowledge);
    if (p.needFactor !== 1) p.needed = roundStochastic(p.needed * p.needFactor, this.referralTypeDraws.at(p.id, 3).next());
    this.stats.waitingChanged(time, --this.waitingCount);
    this.stats.leftWaitingList(time, p.referredAt, p.counted, false);
    w.caseload++;
    this.stats.caseloadJoined(time);
  }

  /**
   * Minutes the worker is busy for the patient's next session (work plus travel; admin apart),
   * drawn once per session and keyed by (patient, session number) for common random numbers.
   * Sets the progress the session gives and its travel time.
   */
  private sessionLength(p: Patient, w: Worker, now: number): number {
    if (p.nextLength === p.nextLength) return p.nextLength + p.nextTravel; // already drawn (not NaN)
    const g = this.lengthDraws.at(p.id, p.booked);
    const first = p.attended === 0;
    let length: number;
    let progress = 1;
    if (p.checkInsLeft > 0 && !first) {
      length = this.workload.checkInMinutes;
      progress = 0;
    } else if (first) {
      length = Math.max(0, this.firstLength.sample(g));
    } else {
      // What the patient's need would take; a fixed slot may cut it short (less progress).
      const needed = Math.max(0, this.followUpLength.sample(g));
      if (this.levers.followUpSizing === 'fixed') {
        length = this.levers.fixedSlotMinutes;
        progress = needed > length ? length / needed : 1;
      } else {
        length = needed;
      }
    }
    // A novice takes longer (experience, Table 2 time in role).
    const months = w.monthsInRole(now, MONTH);
    length *= 1 + this.workload.noviceExtraTime * Math.max(0, 1 - months / 12);
    let travel = 0;
    if (p.checkInsLeft === 0 && this.levers.homeVisitShare > 0 && g.next() < this.levers.homeVisitShare) {
      length += this.levers.homeVisitExtraMinutes;
      travel = this.levers.travelMinutes;
    }
    p.nextLength = length;
    p.nextProgress = progress;
    p.nextTravel = travel;
    return length + travel;
  }

  private startSession(w: Worker, p: Patient, now: number, length: number): void {
    w.activity = Activity.Session;
    w.current = p;
    w.sessionStart = now;
    w.travel = p.nextTravel;
    this.sim.at(now + length + w.adminMinutes, Priority.SessionEnd, Kind.SessionEnd, w.index);
  }

  private onWorkEnd(w: Worker, time: number): void {
    const activity = w.activity;
    const p = w.current;
    w.activity = Activity.Idle;
    w.current = null;
    if (activity === Activity.Remit) {
      this.stats.remitDone(w.sessionStart, time);
    } else if (activity === Activity.Triage) {
      this.stats.workDone(w, w.sessionStart, time, 0, 0);
      this.afterTriage(p!, time);
    } else {
      this.stats.workDone(w, w.sessionStart, time, w.travel, w.adminMinutes);
      this.afterSession(p!, w, time);
    }
    if (!this.tryStart(w)) this.offerToIdleWorkers();
  }

  private afterTriage(p: Patient, time: number): void {
    const u = this.referralTypeDraws.at(p.id, 2).next();
    if (u < this.levers.triageResolvedShare) {
      this.stats.episodeEnded(time, p.counted, 'resolvedAtTriage');
      this.releasePatient(p);
    } else if (u < this.levers.triageResolvedShare + this.levers.triageRedirectedShare) {
      this.stats.episodeEnded(time, p.counted, 'redirected');
      this.releasePatient(p);
    } else {
      this.joinWaitingList(p, time);
    }
  }

  private afterSession(p: Patient, w: Worker, time: number): void {
    const session = p.booked++;
    const progress = p.nextProgress;
    p.nextLength = NaN;
    if (p.checkInsLeft > 0 && p.attended > 0) {
      // A check-in call: short, recurring contact with a vulnerable patient after the episode.
      p.checkInsLeft--;
      if (p.checkInsLeft === 0) this.release(p, w, time);
      else this.scheduleFollowUp(p, time, this.workload.checkInIntervalDays);
      return;
    }
    const attended = this.dnaDraws.at(p.id, session).next() >= this.dnaProbability;
    if (attended) {
      p.attended++;
      p.progress += progress;
    }
    if (p.progress >= p.needed - 1e-9) return this.discharge(p, w, time, false);
    if (p.attended >= p.limit) {
      // Discretion to extend the cap for a patient who still has need (Table 5, Site 1 LW02).
      if (!p.extended && this.levers.capExtension > 0 && this.dischargeDraws.at(p.id, 0).next() < this.levers.capExtension) {
        p.extended = true;
        p.limit += this.levers.capExtensionSessions;
        this.stats.capExtended(time, p.counted);
      } else {
        return this.discharge(p, w, time, true);
      }
    }
    const days = Math.max(0, this.interval.sample(this.intervalDraws.at(p.id, session)));
    this.scheduleFollowUp(p, time, days);
  }

  private scheduleFollowUp(p: Patient, time: number, days: number): void {
    this.sim.at(time + days * DAY, Priority.FollowUpDue, Kind.FollowUpDue, p.slot);
  }

  private onFollowUpDue(p: Patient): void {
    const w = this.workers[p.worker];
    w.due.push(p);
    this.stats.followUpDue(w);
    this.tryStart(w);
  }

  /**
   * End of an episode. Need met only if the support found fitted (chance rises with the
   * worker's community knowledge; lower for inappropriate referrals). Unmet need at the cap may
   * come back as a re-referral; a vulnerable patient may be kept on for check-in calls.
   */
  private discharge(p: Patient, w: Worker, time: number, atCap: boolean): void {
    // Each decision has its own key, so a draw that cannot matter is skipped without shifting others.
    const matchChance = p.inappropriate ? this.workload.inappropriateNeedMetProbability : this.workload.knowledgeMatchFloor + (1 - this.workload.knowledgeMatchFloor) * w.knowledge;
    const matched = matchChance >= 1 || this.dischargeDraws.at(p.id, 1).next() < matchChance;
    const needMet = !atCap && matched;
    this.stats.discharged(time, p.attended, atCap, p.counted, p.allocatedAt, needMet);
    if (atCap && this.levers.reReferral > 0 && this.dischargeDraws.at(p.id, 2).next() < this.levers.reReferral) {
      this.stats.leftCaseload(time, p.allocatedAt, p.counted);
      w.caseload--;
      this.sim.at(time + this.levers.reReferralDelayDays * DAY, Priority.Referral, Kind.ReReferral, p.slot);
      p.state = PatientState.DroppedOut; // held (not free) until the re-referral event
      return;
    }
    if (p.vulnerable && this.levers.checkIns > 0 && this.dischargeDraws.at(p.id, 3).next() < this.levers.checkIns) {
      p.checkInsLeft = this.workload.checkInCount;
      this.stats.checkInsStarted(time, p.counted);
      this.scheduleFollowUp(p, time, this.workload.checkInIntervalDays);
      return;
    }
    this.release(p, w, time);
  }

  /** The patient leaves the worker's caseload. */
  private release(p: Patient, w: Worker, time: number): void {
    w.caseload--;
    this.stats.leftCaseload(time, p.allocatedAt, p.counted);
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
   * Networking is squeezed (used for patients) when work is pending and it is not protected.
   */
  private onBlockStart(w: Worker, time: number): void {
    const block = w.plan.blocks[w.nextBlock++];
    const end = w.weekOrigin + block.end;
    this.scheduleNextBlock(w);
    if (w.isOnLeave(time) || w.isVacant(time)) return;
    let activity = block.activity;
    if (activity === 'networking' && (w.due.length > 0 || this.waitingCount > 0)) {
      if (this.squeezeDraws.at(w.index, Math.floor(time / HOUR)).next() >= this.levers.protectNetworking) activity = 'patients';
    }
    this.stats.blockOpened(w, activity, time, end, block.activity === 'networking' && activity === 'patients');
    if (activity === 'networking') w.networkingMinutesThisWeek += end - time;
    if (activity === 'patients') {
      w.patientBlockEnd = end;
      this.tryStart(w);
    }
  }

  /** The weekly account: overload, out-of-remit requests, knowledge, stress, satisfaction, leaving. */
  private onWeekTick(time: number): void {
    const week = this.week++;
    const overloads = this.stats.closeWeek(time, this.waitingCount);
    const team = this.stats.takeWeekOutcomes();
    const wf = this.workforce;
    for (const w of this.workers) {
      const g = this.workerDraws.at(w.index, week);
      const present = !w.isVacant(time);
      // Out-of-remit requests this week (Site 2 VCSE01): accepted ones become work to do.
      if (present) {
        const requests = poissonCount(this.workload.outOfRemitRequestsPerWorkerWeek, g);
        for (let k = 0; k < requests; k++) {
          if (g.next() < this.levers.acceptOutOfRemit) {
            w.remitBacklog += this.workload.outOfRemitHoursPerRequest * HOUR;
            this.stats.remitAccepted(w, this.workload.outOfRemitHoursPerRequest * HOUR);
          }
        }
      }
      if (!present) continue; // a vacant post: the replacement brings a novice's knowledge
      // Community knowledge grows with networking and decays without it (CMOC 4).
      const hours = w.networkingMinutesThisWeek / HOUR;
      w.knowledge += this.workload.knowledgeGainPerNetworkingHour * hours * (1 - w.knowledge) - this.workload.knowledgeDecayPerWeek * w.knowledge;
      w.networkingMinutesThisWeek = 0;
      if (wf.enabled) {
        updateAgent(w, { overload: overloads[w.index], needMetRate: team.needMetRate, failRate: team.failRate, autonomy: this.levers.autonomy, novice: w.monthsInRole(time, MONTH) < 12 }, w.supervisionHours, w.handsOff, wf);
        if (w.current === null && g.next() < weeklyLeavingProbability(w, wf)) this.leave(w, time);
      }
      this.stats.agentWeek(time, w);
    }
    if (time + WEEK <= this.horizon) this.sim.at(time + WEEK, Priority.WeekTick, Kind.WeekTick);
  }

  /**
   * A worker leaves: the post is vacant for the recruitment delay, the caseload moves to the
   * colleague with the smallest caseload (or waits for the replacement when there is none),
   * and the replacement starts as a novice.
   */
  private leave(w: Worker, time: number): void {
    const delay = this.workforce.recruitmentDelayDays * DAY;
    this.stats.workerLeft(time, Math.min(time + delay, this.horizon) - time);
    w.vacantUntil = time + delay;
    if (!w.plan.always) w.patientBlockEnd = 0; // the validation rota stays open; tryStart checks the vacancy
    w.remitBacklog = 0;
    w.monthsAtStart = 0;
    w.hiredAt = time + delay;
    w.knowledge = initialKnowledge(0);
    w.stress = 0.3;
    w.satisfaction = 0.6;
    let target: Worker | null = null;
    for (const o of this.workers) if (o !== w && !o.isVacant(time) && (target === null || o.caseload < target.caseload)) target = o;
    if (target === null) return;
    for (const p of this.patients) {
      if (p.worker === w.index && p.state === PatientState.Active) {
        p.worker = target.index;
        w.caseload--;
        target.caseload++;
      }
    }
    while (w.due.length > 0) target.due.push(w.due.shift()!);
    this.tryStart(target);
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
    // Keyed draws may be skipped when they cannot matter: the key, not the order, fixes the numbers.
    p.inappropriate = false;
    p.vulnerable = false;
    if (this.workload.inappropriateShare > 0 || this.workload.vulnerableShare > 0) {
      const type = this.referralTypeDraws.at(p.id, 0);
      p.inappropriate = type.next() < this.workload.inappropriateShare;
      p.vulnerable = type.next() < this.workload.vulnerableShare;
      if (p.inappropriate) p.needed = roundStochastic(p.needed * this.workload.inappropriateNeedMultiplier, type.next());
    }
    p.needFactor = 1;
    p.progress = 0;
    p.attended = 0;
    p.booked = 0;
    p.limit = this.sessionCap;
    p.extended = false;
    p.checkInsLeft = 0;
    p.nextLength = NaN;
    p.worker = -1;
    p.patience = -1;
    return p;
  }

  private releasePatient(p: Patient): void {
    this.released++;
    p.state = PatientState.Free;
    p.worker = -1;
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
        p.progress = 1;
        p.booked = 1;
        p.state = PatientState.Active;
        p.worker = w.index;
        w.caseload++;
        this.stats.caseloadJoined(0);
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

/** Round x up with probability equal to its fractional part, so that the mean is kept. */
function roundStochastic(x: number, u: number): number {
  const whole = Math.floor(x);
  return whole + (u < x - whole ? 1 : 0);
}

/** A Poisson count by inversion (small means: a few requests a week). */
function poissonCount(mean: number, g: { next(): number }): number {
  if (mean <= 0) return 0;
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = g.next();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
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
