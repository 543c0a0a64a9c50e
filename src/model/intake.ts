/**
 * The way in: referrals from each practice, screening of inappropriate referrals (CMOC 8),
 * the triage list (Table 5 referral routes), the waiting list with its patience (drop-outs),
 * and re-referrals of patients discharged with unmet need (the revolving door). The intake only
 * queues patients; who sees them is decided by the Dispatcher at the end of the instant.
 */
import { createStream } from '../random/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { ServiceContext } from './context.js';
import { ReferralTypeKey } from './draw-keys.js';
import { type Patient, PatientQueue, PatientState } from './entities.js';
import { Kind, Priority } from './events.js';
import { ReferralProcess } from './referrals.js';
import { SOURCES } from '../scenario/sources.js';
import { DAY, MONTH } from './time.js';

export class Intake {
  private readonly processes: ReferralProcess[];
  readonly waiting = new PatientQueue();
  readonly triage = new PatientQueue();
  waitingCount = 0;
  /** Referral groups: one per practice, then the initial state, then re-referrals. */
  readonly initialGroup: number;
  readonly reReferralGroup: number;

  constructor(
    private readonly ctx: ServiceContext,
    s: Scenario,
    seed: number,
    replication: number,
  ) {
    const levers = ctx.levers;
    const routeMultiplier = (levers.receptionReferrals ? s.workload.receptionRateMultiplier : 1) * (levers.selfReferrals ? s.workload.selfRateMultiplier : 1);
    const ones = new Array(12).fill(1);
    this.processes = s.referrals.practices.map(
      (pr, i) =>
        new ReferralProcess(
          pr.referralsPerMonth * routeMultiplier,
          pr.monthMultipliers ?? s.referrals.monthMultipliers ?? ones,
          s.referrals.annualGrowth,
          createStream(seed, replication, `referrals.practice.${i}`),
        ),
    );
    this.initialGroup = this.processes.length;
    this.reReferralGroup = this.initialGroup + 1;
  }

  /** Number of referral groups (for patient keys). */
  get groups(): number {
    return this.reReferralGroup + 1;
  }

  start(): void {
    for (let i = 0; i < this.processes.length; i++) this.scheduleReferral(i);
  }

  private scheduleReferral(practice: number): void {
    const t = this.processes[practice].next(this.ctx.params.horizon);
    if (t <= this.ctx.params.horizon) this.ctx.sim.at(t, Priority.Referral, Kind.Referral, practice);
  }

  onReferral(practice: number, time: number): void {
    this.scheduleReferral(practice);
    const p = this.ctx.pool.create(time, practice);
    if (this.ctx.log) this.ctx.log.event(time, 'referred', p.id, -1, SOURCES[p.source], NaN);
    this.ctx.monitor.referral(time, false);
    this.ctx.account.referral();
    this.screen(p, time);
  }

  /** A patient discharged with unmet need comes back (the revolving door). */
  onReReferral(old: Patient, time: number): void {
    const p = this.ctx.pool.create(time, this.reReferralGroup);
    // The need left, before the old worker's knowledge factor (the new allocation applies its own).
    p.needed = Math.max(1, Math.round((old.needed - old.progress) / old.needFactor));
    p.inappropriate = old.inappropriate;
    p.vulnerable = old.vulnerable;
    if (this.ctx.log) this.ctx.log.event(time, 'reReferred', p.id, -1, String(old.id), NaN);
    this.ctx.pool.release(old);
    this.ctx.monitor.referral(time, true);
    this.ctx.account.referral();
    this.screen(p, time);
  }

  /**
   * Referral screening (CMOC 8): an inappropriate referral is declined with probability
   * declineInappropriate × confidence, where confidence grows with the team's experience.
   */
  private screen(p: Patient, time: number): void {
    if (p.inappropriate) {
      const u = this.ctx.draws.referralType.at(p.id, ReferralTypeKey.Decline).next();
      if (u < this.ctx.levers.declineInappropriate * this.declineConfidence(time)) {
        if (this.ctx.log) this.ctx.log.event(time, 'declined', p.id, -1, '', NaN);
        this.endEpisode(p, time, 'declined');
        return;
      }
    }
    if (this.ctx.levers.triage) {
      p.state = PatientState.Triage;
      this.triage.push(p);
      if (this.triage.length === 1) this.ctx.dispatcher.sharedWorkChanged();
      return;
    }
    this.joinWaitingList(p, time);
  }

  // The team's experience, kept between calls: Σ (months at start − hire time in months) over the
  // posts filled, valid until the team changes (a leaver, or a vacancy ending).
  private teamBase = 0;
  private teamPresent = 0;
  private teamValidUntil = -Infinity;

  /** A worker left: the team's experience is counted again at the next screening. */
  teamChanged(): void {
    this.teamValidUntil = -Infinity;
  }

  /** Confidence to decline: 0.25 for a novice team, 1 from 24 months in role (assumption). */
  private declineConfidence(time: number): number {
    if (time >= this.teamValidUntil) this.countTeam(time);
    const k = this.ctx.params.assumptions;
    const c = k.declineConfidenceNovice;
    if (this.teamPresent === 0) return c;
    const months = this.teamBase / this.teamPresent + time / MONTH;
    return Math.min(1, c + ((1 - c) * months) / k.declineConfidenceFullMonths);
  }

  private countTeam(time: number): void {
    let base = 0;
    let present = 0;
    let validUntil = Infinity;
    for (const w of this.ctx.workers) {
      if (w.isVacant(time)) {
        validUntil = Math.min(validUntil, w.vacantUntil);
        continue;
      }
      base += w.monthsAtStart - w.hiredAt / MONTH; // months in role = this + time / MONTH (never negative once hired)
      present++;
    }
    this.teamBase = base;
    this.teamPresent = present;
    this.teamValidUntil = validUntil;
  }

  /** A triage contact ended: resolved, redirected, or on to the waiting list. */
  afterTriage(p: Patient, time: number, worker = -1, minutes = NaN): void {
    const u = this.ctx.draws.referralType.at(p.id, ReferralTypeKey.Triage).next();
    const l = this.ctx.levers;
    const log = this.ctx.log;
    if (u < l.triageResolvedShare) {
      if (log) log.event(time, 'triaged', p.id, worker, 'resolved', minutes);
      this.endEpisode(p, time, 'resolvedAtTriage');
    } else if (u < l.triageResolvedShare + l.triageRedirectedShare) {
      if (log) log.event(time, 'triaged', p.id, worker, 'redirected', minutes);
      this.endEpisode(p, time, 'redirected');
    } else {
      if (log) log.event(time, 'triaged', p.id, worker, 'onward', minutes);
      this.joinWaitingList(p, time);
    }
  }

  private endEpisode(p: Patient, time: number, how: 'declined' | 'redirected' | 'resolvedAtTriage'): void {
    this.ctx.monitor.episodeEnded(time, p.counted, how);
    this.ctx.account.episodeEnded(how);
    this.ctx.pool.release(p);
  }

  joinWaitingList(p: Patient, time: number): void {
    if (this.ctx.log)
      this.ctx.log.event(time, 'joinedWaitingList', p.id, -1, !p.counted ? 'initial' : p.state === PatientState.Triage ? 'triage' : 'referral', NaN);
    p.state = PatientState.Waiting;
    const patience = this.ctx.params.patience;
    if (patience) {
      const days = Math.max(0, patience.sample(this.ctx.draws.patience.at(p.id, 0)));
      p.patience = this.ctx.sim.at(time + days * DAY, Priority.Patience, Kind.Patience, p.slot);
    }
    this.ctx.monitor.waitingChanged(time, ++this.waitingCount);
    this.waiting.push(p);
    if (this.waitingCount === 1) this.ctx.dispatcher.sharedWorkChanged();
  }

  onPatience(p: Patient, time: number): void {
    if (p.state !== PatientState.Waiting) return;
    p.state = PatientState.DroppedOut; // stays in the FIFO until it reaches the head
    if (this.ctx.log) this.ctx.log.event(time, 'droppedOut', p.id, -1, '', NaN);
    this.ctx.monitor.waitingChanged(time, --this.waitingCount);
    this.ctx.monitor.leftWaitingList(time, p.referredAt, p.counted, true);
    this.ctx.monitor.episodeEnded(time, p.counted, 'droppedOut');
    this.ctx.account.episodeEnded('droppedOut');
    // The head of the list may have changed: idle workers look again.
    this.ctx.dispatcher.sharedWorkChanged();
  }

  /** Next live patient at the head of the waiting list (drops dropped-out ones). */
  headOfWaitingList(): Patient | null {
    let p = this.waiting.peek();
    while (p && p.state === PatientState.DroppedOut) {
      this.waiting.shift();
      this.ctx.pool.release(p);
      p = this.waiting.peek();
    }
    return p;
  }

  /** Take the head of the waiting list for a first appointment at `time`. */
  takeHead(time: number): Patient {
    const p = this.waiting.shift()!;
    if (p.patience >= 0) this.ctx.sim.cancel(p.patience);
    p.patience = -1;
    this.ctx.monitor.waitingChanged(time, --this.waitingCount);
    this.ctx.monitor.leftWaitingList(time, p.referredAt, p.counted, false);
    this.ctx.dispatcher.sharedWorkChanged();
    return p;
  }

  /** Tell the monitors who is still waiting at the horizon (for wait quantiles and within-N shares). */
  reportStillWaiting(horizon: number): void {
    for (let i = 0; i < this.waiting.length; i++) {
      const p = this.waiting.at(i);
      if (p.state === PatientState.Waiting) this.ctx.monitor.stillWaitingAtEnd(horizon, p.referredAt, p.counted);
    }
  }

  /** Take the head of the triage list. */
  takeTriage(): Patient {
    const p = this.triage.shift()!;
    this.ctx.dispatcher.sharedWorkChanged();
    return p;
  }
}
