/**
 * Sessions and what follows them: the length of a session (drawn once, keyed by patient and
 * session number), a first appointment taking a patient onto a caseload, attendance, progress,
 * the session cap and its extension, discharge (need met or not), re-referral and check-in
 * calls, and when the next session falls due.
 */
import type { ServiceContext } from './context.js';
import { DischargeKey, ReferralTypeKey } from './draw-keys.js';
import { Activity, type Patient, PatientState, type Worker } from './entities.js';
import { Kind, Priority } from './events.js';
import { roundStochastic } from './patient-pool.js';
import { DAY, MONTH } from './time.js';

export class Sessions {
  constructor(private readonly ctx: ServiceContext) {}

  /**
   * Minutes the worker is busy for the patient's next session (work plus travel; admin apart),
   * drawn once per session and keyed by (patient, session number) for common random numbers.
   * Sets the progress the session gives and its travel time.
   */
  length(p: Patient, w: Worker, now: number): number {
    if (p.nextLength === p.nextLength) return p.nextLength + p.nextTravel; // already drawn (not NaN)
    const { params, levers } = this.ctx;
    const g = this.ctx.draws.sessionLength.at(p.id, p.booked);
    const first = p.attended === 0;
    let length: number;
    let progress = 1;
    if (p.checkInsLeft > 0 && !first) {
      length = params.workload.checkInMinutes;
      progress = 0;
    } else if (first) {
      length = Math.max(0, params.firstLength.sample(g));
    } else {
      // What the patient's need would take; a fixed slot may cut it short (less progress).
      const needed = Math.max(0, params.followUpLength.sample(g));
      if (levers.followUpSizing === 'fixed') {
        length = levers.fixedSlotMinutes;
        progress = needed > length ? length / needed : 1;
      } else {
        length = needed;
      }
    }
    // A novice takes longer (experience, Table 2 time in role).
    const months = w.monthsInRole(now, MONTH);
    length *= 1 + params.workload.noviceExtraTime * Math.max(0, 1 - months / params.assumptions.noviceMonths);
    let travel = 0;
    if (p.checkInsLeft === 0 && levers.homeVisitShare > 0 && g.next() < levers.homeVisitShare) {
      length += levers.homeVisitExtraMinutes;
      travel = levers.travelMinutes;
    }
    p.nextLength = length;
    p.nextProgress = progress;
    p.nextTravel = travel;
    return length + travel;
  }

  /** A first appointment takes the patient onto the worker's caseload. */
  allocate(p: Patient, w: Worker, time: number): void {
    p.state = PatientState.Active;
    p.worker = w.index;
    p.allocatedAt = time;
    // Community knowledge shapes how well needs are matched to support (CMOC 4): a worker who
    // knows less of what is available needs more sessions to find it.
    const effect = this.ctx.params.workload.knowledgeNeedEffect;
    p.needFactor = 1 + effect * (1 - w.knowledge);
    if (p.needFactor !== 1) p.needed = roundStochastic(p.needed * p.needFactor, this.ctx.draws.referralType.at(p.id, ReferralTypeKey.KnowledgeNeed).next());
    w.caseload++;
    this.ctx.monitor.caseloadJoined(time);
  }

  startSession(w: Worker, p: Patient, now: number, length: number): void {
    w.activity = Activity.Session;
    w.current = p;
    w.sessionStart = now;
    w.travel = p.nextTravel;
    p.lastStart = now;
    if (this.ctx.log)
      this.ctx.log.event(
        now,
        p.booked === 0 ? 'firstAppointment' : p.checkInsLeft > 0 && p.attended > 0 ? 'checkIn' : 'followUp',
        p.id,
        w.index,
        w.travel > 0 ? 'home' : '',
        length,
      );
    this.ctx.monitor.workStarted(now, w, p, p.attended === 0 ? 'first' : p.checkInsLeft > 0 ? 'checkIn' : 'followUp');
    this.ctx.sim.at(now + length + w.adminMinutes, Priority.SessionEnd, Kind.SessionEnd, w.index);
  }

  startTriage(w: Worker, p: Patient, now: number): void {
    w.activity = Activity.Triage;
    w.current = p;
    w.sessionStart = now;
    w.travel = 0;
    this.ctx.monitor.workStarted(now, w, p, 'triage');
    this.ctx.sim.at(now + this.ctx.levers.triageMinutes, Priority.SessionEnd, Kind.SessionEnd, w.index);
  }

  startRemit(w: Worker, minutes: number, now: number): void {
    w.remitBacklog -= minutes;
    w.activity = Activity.Remit;
    w.current = null;
    w.sessionStart = now;
    w.travel = 0;
    this.ctx.monitor.workStarted(now, w, null, 'outOfRemit');
    this.ctx.sim.at(now + minutes, Priority.SessionEnd, Kind.SessionEnd, w.index);
  }

  /** The worker's current work ends; the worker is free again at the end of the instant. */
  end(w: Worker, time: number): void {
    const activity = w.activity;
    const p = w.current;
    const monitor = this.ctx.monitor;
    w.activity = Activity.Idle;
    w.current = null;
    w.idleSince = time;
    if (activity === Activity.Remit) {
      monitor.remitDone(w.sessionStart, time, w);
    } else if (activity === Activity.Triage) {
      monitor.workDone(w, w.sessionStart, time, 0, 0);
      if (this.ctx.log) this.ctx.intake.afterTriage(p!, time, w.index, time - w.sessionStart);
      else this.ctx.intake.afterTriage(p!, time);
    } else {
      monitor.workDone(w, w.sessionStart, time, w.travel, w.adminMinutes);
      this.afterSession(p!, w, time);
    }
    this.ctx.dispatcher.workerChanged(w);
  }

  private afterSession(p: Patient, w: Worker, time: number): void {
    const session = p.booked++;
    const progress = p.nextProgress;
    const { params, levers, draws } = this.ctx;
    p.nextLength = NaN;
    if (p.checkInsLeft > 0 && p.attended > 0) {
      // A check-in call: short, recurring contact with a vulnerable patient after the episode.
      p.checkInsLeft--;
      if (p.checkInsLeft === 0) this.release(p, w, time);
      else this.scheduleFollowUp(p, time, params.workload.checkInIntervalDays);
      return;
    }
    const attended = draws.didNotAttend.at(p.id, session).next() >= params.dnaProbability;
    if (attended) {
      p.attended++;
      p.progress += progress;
    } else if (this.ctx.log)
      this.ctx.log.event(time, 'didNotAttend', p.id, w.index, session === 0 ? 'first' : 'followUp', time - w.sessionStart - w.adminMinutes);
    if (p.progress >= p.needed - 1e-9) return this.discharge(p, w, time, false);
    if (p.attended >= p.limit) {
      // Discretion to extend the cap for a patient who still has need (Table 5, Site 1 LW02).
      if (!p.extended && levers.capExtension > 0 && draws.discharge.at(p.id, DischargeKey.CapExtension).next() < levers.capExtension) {
        p.extended = true;
        p.limit += levers.capExtensionSessions;
        this.ctx.monitor.capExtended(time, p.counted);
        if (this.ctx.log) this.ctx.log.event(time, 'capExtended', p.id, w.index, String(levers.capExtensionSessions), NaN);
      } else {
        return this.discharge(p, w, time, true);
      }
    }
    const days = Math.max(0, params.interval.sample(draws.daysBetweenSessions.at(p.id, session)));
    this.scheduleFollowUp(p, params.intervalFrom === 'start' ? p.lastStart : time, days);
  }

  /** The next session falls due `days` after `from` (never before now). */
  scheduleFollowUp(p: Patient, from: number, days: number): void {
    this.ctx.followUps.add(p.worker, Math.max(this.ctx.sim.now, from + days * DAY), p.slot);
  }

  /**
   * The patient's next session falls due (follow-ups.ts decides when this is called). `now`:
   * due at the current instant, so the worker may choose again; otherwise it was due earlier, when
   * its worker was busy or not free for patients, and there is nothing to choose.
   */
  onFollowUpDue(w: Worker, p: Patient, time: number, now: boolean): void {
    w.due.push(p);
    this.ctx.monitor.followUpDue(time, w, p);
    this.ctx.account.followUpDue(w);
    if (now) this.ctx.dispatcher.workerChanged(w);
  }

  /**
   * End of an episode. Need met only if the support found fitted (chance rises with the
   * worker's community knowledge; lower for inappropriate referrals). Unmet need at the cap may
   * come back as a re-referral; a vulnerable patient may be kept on for check-in calls.
   */
  private discharge(p: Patient, w: Worker, time: number, atCap: boolean): void {
    const { params, levers, draws, monitor } = this.ctx;
    const wl = params.workload;
    // Each decision has its own key, so a draw that cannot matter is skipped without shifting others.
    const matchChance = p.inappropriate ? wl.inappropriateNeedMetProbability : wl.knowledgeMatchFloor + (1 - wl.knowledgeMatchFloor) * w.knowledge;
    const matched = matchChance >= 1 || draws.discharge.at(p.id, DischargeKey.Match).next() < matchChance;
    const needMet = !atCap && matched;
    monitor.discharged(time, p.attended, atCap, p.counted, p.allocatedAt, needMet);
    if (this.ctx.log) this.ctx.log.event(time, 'discharged', p.id, w.index, needMet ? 'needMet' : atCap ? 'atCap' : 'unmatched', NaN);
    this.ctx.account.discharged(atCap, needMet);
    if (atCap && levers.reReferral > 0 && draws.discharge.at(p.id, DischargeKey.ReReferral).next() < levers.reReferral) {
      monitor.leftCaseload(time, p.allocatedAt, p.counted);
      w.caseload--;
      this.ctx.sim.at(time + levers.reReferralDelayDays * DAY, Priority.Referral, Kind.ReReferral, p.slot);
      p.state = PatientState.DroppedOut; // held (not free) until the re-referral event
      return;
    }
    if (p.vulnerable && levers.checkIns > 0 && draws.discharge.at(p.id, DischargeKey.CheckIns).next() < levers.checkIns) {
      p.checkInsLeft = wl.checkInCount;
      monitor.checkInsStarted(time, p.counted);
      this.scheduleFollowUp(p, time, wl.checkInIntervalDays);
      return;
    }
    this.release(p, w, time);
  }

  /** The patient leaves the worker's caseload. */
  private release(p: Patient, w: Worker, time: number): void {
    w.caseload--;
    this.ctx.monitor.leftCaseload(time, p.allocatedAt, p.counted);
    this.ctx.pool.release(p);
  }
}
