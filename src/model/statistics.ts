/**
 * Statistics of one replication, collected as the events happen and clipped to the
 * observation window [warm-up, horizon]:
 * - time-averages (waiting list, caseload) integrate the count over the window only;
 * - per-patient figures count patients by a stated rule (see each method);
 * - the overload account is kept per worker-week (see `closeWeek`).
 * Memory is a handful of counters per worker plus one row of weekly series per week: nothing
 * grows with the number of events or patients.
 */
import type { Activity } from './rota.js';
import { DAY, WEEK, YEAR } from './time.js';
import type { MetricValues, SeriesId } from './metrics.js';

/** What the statistics need to know about a worker. */
interface WorkerView {
  readonly index: number;
  readonly plan: { always: boolean; contractedMinutes: number };
  readonly adminMinutes: number;
  readonly due: { length: number };
  readonly current: unknown;
  readonly sessionStart: number;
  readonly stress: number;
  readonly satisfaction: number;
  readonly knowledge: number;
  isOnLeave(time: number): boolean;
}

/** How an episode ended without a discharge. */
export type EpisodeEnd = 'declined' | 'redirected' | 'resolvedAtTriage' | 'droppedOut';

/** Bins of the wait histogram: whole days 0 … WAIT_BINS − 2, and a last bin for longer waits. */
export const WAIT_BINS = 121;

/** Hours per worker-week by activity, over the window (for "a worker's week"). */
export interface TimeUse {
  sessions: number;
  admin: number;
  travel: number;
  outOfRemit: number;
  networking: number;
  otherDuties: number;
  idle: number;
}

export interface ReplicationResult {
  metrics: MetricValues;
  /** Patients whose first appointment came after a wait of d whole days (d < WAIT_BINS − 1), and longer. */
  waitHistogram: number[];
  timeUse: TimeUse;
  /** Weekly series, one entry per completed week from week 0 (warm-up weeks included; `week` is 0-based). */
  weekly: { week: number[]; series: Record<SeriesId, number[]> };
  /** Raw counts behind the metrics, for validation (Little's law, conservation). */
  diagnostics: {
    windowDays: number;
    referrals: number;
    waitingArrivals: number;
    waitingTimeDaysSum: number;
    waitingLeavers: number;
    allocations: number;
    caseloadTimeDaysSum: number;
    caseloadLeavers: number;
    discharges: number;
    events: number;
    /** Conservation over the whole run: created = released + live (see the conservation test). */
    created: number;
    released: number;
    live: number;
    droppedOutTotal: number;
    waitingAtEnd: number;
    activeAtEnd: number;
  };
}

export interface StatisticsOptions {
  warmup: number;
  horizon: number;
  workers: readonly WorkerView[];
  expectedFirstMinutes: number;
  expectedFollowUpMinutes: number;
}

export class ServiceStatistics {
  private readonly warmup: number;
  private readonly horizon: number;
  private readonly workers: readonly WorkerView[];
  private readonly firstWork: Float64Array;
  private readonly followUpWork: Float64Array;

  // Time-average integrals.
  private lastT = 0;
  private waitingNow = 0;
  private caseloadNow = 0;
  private waitingArea = 0;
  private caseloadArea = 0;
  private weekWaitingArea = 0;
  private weekCaseloadArea = 0;

  // Counters over the window.
  private referrals = 0;
  private waitSum = 0;
  private waitCount = 0;
  private dropped = 0;
  private allocated = 0;
  private waitingArrivals = 0;
  private waitingTimeSum = 0;
  private waitingLeavers = 0;
  private caseloadTimeSum = 0;
  private caseloadLeavers = 0;
  private dischargedCounted = 0;
  private dischargedAtCap = 0;
  private sessionsAttended = 0;
  private discharges = 0;
  private droppedTotal = 0;
  private busyMinutes = 0;
  private contractedMinutes = 0;
  private networkingMinutes = 0;
  private squeezedMinutes = 0;
  private travelMinutes = 0;
  private adminMinutes = 0;
  private otherMinutes = 0;
  private readonly waitHistogram = new Array<number>(WAIT_BINS).fill(0);
  private remitMinutes = 0;

  // Discretion and workforce (window counts).
  private reReferrals = 0;
  private declined = 0;
  private redirected = 0;
  private resolvedAtTriage = 0;
  private droppedCounted = 0;
  private needMetDischarges = 0;
  private capExtensions = 0;
  private checkIns = 0;
  private agentWeeks = 0;
  private stressSum = 0;
  private satisfactionSum = 0;
  private knowledgeSum = 0;
  private leavers = 0;
  private vacancyMinutes = 0;
  // This week's team outcomes, for the agents.
  private weekEnded = 0;
  private weekMet = 0;
  private weekFailed = 0;

  // Weekly overload account, per worker.
  private readonly weekCapacity: Float64Array;
  private readonly weekFixed: Float64Array;
  private readonly weekDue: Float64Array;
  private readonly weekOverload: Float64Array;
  private weekReferrals = 0;
  private waitingAtWeekStart = 0;
  private overloadSum = 0;
  private overloadCount = 0;
  private overstretched = 0;

  private readonly weeks: number[] = [];
  private readonly series: Record<SeriesId, number[]> = { waitingList: [], caseloadPerWorker: [], overloadIndex: [], referrals: [] };

  constructor(o: StatisticsOptions) {
    this.warmup = o.warmup;
    this.horizon = o.horizon;
    this.workers = o.workers;
    const n = o.workers.length;
    this.firstWork = new Float64Array(n);
    this.followUpWork = new Float64Array(n);
    for (const w of o.workers) {
      this.firstWork[w.index] = o.expectedFirstMinutes + w.adminMinutes;
      this.followUpWork[w.index] = o.expectedFollowUpMinutes + w.adminMinutes;
    }
    this.weekCapacity = new Float64Array(n);
    this.weekFixed = new Float64Array(n);
    this.weekDue = new Float64Array(n);
    this.weekOverload = new Float64Array(n);
    for (const w of o.workers) if (w.plan.always) this.weekCapacity[w.index] = WEEK;
  }

  private inWindow(t: number): boolean {
    return t >= this.warmup && t <= this.horizon;
  }

  /** Integrate the waiting list and caseload up to time t. */
  private advance(t: number): void {
    const dt = t - this.lastT;
    if (dt > 0) {
      this.weekWaitingArea += this.waitingNow * dt;
      this.weekCaseloadArea += this.caseloadNow * dt;
      if (t > this.warmup) {
        const inside = t - Math.max(this.lastT, this.warmup);
        this.waitingArea += this.waitingNow * inside;
        this.caseloadArea += this.caseloadNow * inside;
      }
      this.lastT = t;
    }
  }

  referral(t: number, reReferral: boolean): void {
    this.weekReferrals++;
    if (this.inWindow(t)) {
      this.referrals++;
      if (reReferral) this.reReferrals++;
    }
  }

  /** An episode ended before or instead of a discharge. */
  episodeEnded(t: number, counted: boolean, how: EpisodeEnd): void {
    this.weekEnded++;
    if (how === 'resolvedAtTriage') this.weekMet++;
    if (how === 'declined' || how === 'redirected') this.weekFailed++;
    if (!counted || !this.inWindow(t)) return;
    if (how === 'declined') this.declined++;
    else if (how === 'redirected') this.redirected++;
    else if (how === 'resolvedAtTriage') this.resolvedAtTriage++;
    else this.droppedCounted++;
  }

  capExtended(t: number, counted: boolean): void {
    if (counted && this.inWindow(t)) this.capExtensions++;
  }

  checkInsStarted(t: number, counted: boolean): void {
    if (counted && this.inWindow(t)) this.checkIns++;
  }

  remitAccepted(w: WorkerView, minutes: number): void {
    this.weekFixed[w.index] += minutes;
  }

  remitDone(start: number, end: number): void {
    const inside = this.clipped(start, end);
    this.remitMinutes += inside;
  }

  /** Team outcomes of the week just closed (and reset): for the agents' satisfaction. */
  takeWeekOutcomes(): { needMetRate: number; failRate: number } {
    const n = this.weekEnded;
    const out = { needMetRate: n > 0 ? this.weekMet / n : 0.5, failRate: n > 0 ? this.weekFailed / n : 0 };
    this.weekEnded = this.weekMet = this.weekFailed = 0;
    return out;
  }

  agentWeek(t: number, w: WorkerView): void {
    if (!this.inWindow(t - WEEK)) return;
    this.agentWeeks++;
    this.stressSum += w.stress;
    this.satisfactionSum += w.satisfaction;
    this.knowledgeSum += w.knowledge;
  }

  workerLeft(t: number, vacancyMinutes: number): void {
    if (!this.inWindow(t)) return;
    this.leavers++;
    this.vacancyMinutes += vacancyMinutes;
  }

  waitingChanged(t: number, count: number): void {
    this.advance(t);
    if (count > this.waitingNow && this.inWindow(t)) this.waitingArrivals++;
    this.waitingNow = count;
  }

  caseloadJoined(t: number): void {
    this.caseloadNowChange(t, +1);
  }

  /**
   * A patient left the waiting list (first appointment, or dropped out). Waits count for
   * patients referred inside the window (pre-existing patients excluded); the drop-out share
   * counts everyone leaving the list inside the window.
   */
  leftWaitingList(t: number, referredAt: number, counted: boolean, droppedOut: boolean): void {
    if (droppedOut) this.droppedTotal++;
    if (this.inWindow(t)) {
      if (droppedOut) this.dropped++;
      else this.allocated++;
    }
    if (counted && referredAt >= this.warmup) {
      const days = (t - referredAt) / DAY;
      this.waitingTimeSum += days;
      this.waitingLeavers++;
      if (!droppedOut) {
        this.waitSum += days;
        this.waitCount++;
        this.waitHistogram[Math.min(WAIT_BINS - 1, Math.floor(days))]++;
      }
    }
  }

  /** Patient discharged: per-patient figures count patients discharged inside the window. */
  discharged(t: number, attended: number, atCap: boolean, counted: boolean, allocatedAt: number, needMet: boolean): void {
    this.discharges++;
    this.weekEnded++;
    if (needMet) this.weekMet++;
    if (atCap) this.weekFailed++;
    if (!counted || !this.inWindow(t)) return;
    if (needMet) this.needMetDischarges++;
    this.dischargedCounted++;
    this.sessionsAttended += attended;
    if (atCap) this.dischargedAtCap++;
  }

  /** A patient leaves a worker's caseload (after discharge, and any check-in calls). */
  leftCaseload(t: number, allocatedAt: number, counted: boolean): void {
    this.caseloadNowChange(t, -1);
    if (counted && this.inWindow(t) && allocatedAt >= this.warmup) {
      this.caseloadTimeSum += (t - allocatedAt) / DAY;
      this.caseloadLeavers++;
    }
  }

  private caseloadNowChange(t: number, delta: number): void {
    this.advance(t);
    this.caseloadNow += delta;
  }

  /** Patient work (session, missed slot, triage, admin, travel) from start to end. */
  workDone(_w: WorkerView, start: number, end: number, travel: number, admin: number): void {
    this.busyMinutes += this.clipped(start, end);
    if (travel > 0) this.travelMinutes += this.clipped(start, start + travel);
    if (admin > 0) this.adminMinutes += this.clipped(end - admin, end);
  }

  followUpDue(w: WorkerView): void {
    this.weekDue[w.index]++;
  }

  /** A rota block opened for a worker not on leave. */
  blockOpened(w: WorkerView, activity: Activity, start: number, end: number, squeezed: boolean): void {
    const len = end - start;
    this.weekCapacity[w.index] += len;
    // Protected time is due work; squeezed networking is counted as networking that fell due.
    if (activity !== 'patients' || squeezed) this.weekFixed[w.index] += len;
    const inside = this.clipped(start, end);
    this.contractedMinutes += inside;
    if (activity === 'networking') this.networkingMinutes += inside;
    if (activity === 'other') this.otherMinutes += inside;
    if (squeezed) this.squeezedMinutes += inside;
  }

  private clipped(start: number, end: number): number {
    return Math.max(0, Math.min(end, this.horizon) - Math.max(start, this.warmup));
  }

  /**
   * Close the week ending at t. For each worker with contracted time that week:
   *   overload = [ (follow-ups pending at the week's start + follow-ups falling due in it)
   *                  × (expected follow-up minutes + admin)
   *              + (waiting list at the week's start + referrals in the week) ÷ workers available
   *                  × (expected first-session minutes + admin)
   *              + protected networking and other-duty minutes ]
   *            ÷ contracted minutes that week (leave excluded).
   * Workers on leave all week have no index that week; their pending work carries over.
   */
  closeWeek(t: number, waitingCount: number): Float64Array {
    this.advance(t);
    const weekStart = t - WEEK;
    const counts = weekStart >= this.warmup && t <= this.horizon;
    let available = 0;
    for (const w of this.workers) if (this.weekCapacity[w.index] > 0) available++;
    const firstOwed = available > 0 ? (this.waitingAtWeekStart + this.weekReferrals) / available : 0;
    let sum = 0;
    const perWorker = this.weekOverload;
    for (const w of this.workers) {
      const i = w.index;
      const cap = this.weekCapacity[i];
      perWorker[i] = NaN;
      if (cap > 0) {
        const due = this.weekDue[i] * this.followUpWork[i] + firstOwed * this.firstWork[i] + this.weekFixed[i];
        const index = due / cap;
        perWorker[i] = index;
        sum += index;
        if (counts) {
          this.overloadSum += index;
          this.overloadCount++;
          if (index > 1) this.overstretched++;
        }
      }
      // Next week starts with what is pending now.
      this.weekDue[i] = w.due.length;
      this.weekFixed[i] = 0;
      this.weekCapacity[i] = w.plan.always ? WEEK : 0;
    }
    this.weeks.push(this.weeks.length);
    this.series.waitingList.push(this.weekWaitingArea / WEEK);
    this.series.caseloadPerWorker.push(this.weekCaseloadArea / WEEK / this.workers.length);
    this.series.overloadIndex.push(available > 0 ? sum / available : NaN);
    this.series.referrals.push(this.weekReferrals);
    this.weekWaitingArea = 0;
    this.weekCaseloadArea = 0;
    this.weekReferrals = 0;
    this.waitingAtWeekStart = waitingCount;
    return perWorker;
  }

  /** The first week's account starts with the pre-existing waiting list. */
  beginFirstWeek(waitingCount: number): void {
    this.waitingAtWeekStart = waitingCount;
  }

  finish(waitingCount: number, events: number, created: number, released: number, live: number): ReplicationResult {
    this.advance(this.horizon);
    for (const w of this.workers) {
      if (w.current !== null) this.busyMinutes += this.clipped(w.sessionStart, this.horizon);
      if (w.plan.always) this.contractedMinutes += this.clipped(this.warmup, this.horizon);
    }
    const windowMinutes = this.horizon - this.warmup;
    const n = this.workers.length;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
    const metrics: MetricValues = {
      waitDays: ratio(this.waitSum, this.waitCount),
      waitingList: this.waitingArea / windowMinutes,
      caseloadPerWorker: this.caseloadArea / windowMinutes / n,
      referralsPerMonth: this.referrals / (windowMinutes / (YEAR / 12)),
      newPatientsPerWorkerYear: this.allocated / n / (windowMinutes / YEAR),
      sessionsPerPatient: ratio(this.sessionsAttended, this.dischargedCounted),
      utilisation: ratio(this.busyMinutes, this.contractedMinutes),
      networkingHoursPerWorkerWeek: this.networkingMinutes / 60 / n / (windowMinutes / WEEK),
      overloadIndex: ratio(this.overloadSum, this.overloadCount),
      overstretchedWeekShare: ratio(this.overstretched, this.overloadCount),
      droppedOutShare: ratio(this.dropped, this.dropped + this.allocated),
      unmetNeedShare: ratio(this.dischargedAtCap, this.dischargedCounted),
      stillWaitingAtEnd: waitingCount,
      needMetShare: ratio(this.needMetDischarges + this.resolvedAtTriage, this.dischargedCounted + this.declined + this.redirected + this.resolvedAtTriage + this.droppedCounted),
      declinedShare: ratio(this.declined + this.redirected, this.referrals),
      reReferralShare: ratio(this.reReferrals, this.referrals),
      capExtendedShare: ratio(this.capExtensions, this.dischargedCounted),
      outOfRemitHoursPerWorkerWeek: this.remitMinutes / 60 / n / (windowMinutes / WEEK),
      travelHoursPerWorkerWeek: this.travelMinutes / 60 / n / (windowMinutes / WEEK),
      networkingSqueezedShare: ratio(this.squeezedMinutes, this.squeezedMinutes + this.networkingMinutes),
      communityKnowledge: ratio(this.knowledgeSum, this.agentWeeks),
      stress: ratio(this.stressSum, this.agentWeeks),
      satisfaction: ratio(this.satisfactionSum, this.agentWeeks),
      turnoverPerYear: this.leavers / n / (windowMinutes / YEAR),
      vacancyDays: this.vacancyMinutes / DAY / n / (windowMinutes / YEAR),
    };
    const perWorkerWeek = (minutes: number) => minutes / 60 / n / (windowMinutes / WEEK);
    const sessions = this.busyMinutes - this.adminMinutes - this.travelMinutes;
    const timeUse: TimeUse = {
      sessions: perWorkerWeek(sessions),
      admin: perWorkerWeek(this.adminMinutes),
      travel: perWorkerWeek(this.travelMinutes),
      outOfRemit: perWorkerWeek(this.remitMinutes),
      networking: perWorkerWeek(this.networkingMinutes),
      otherDuties: perWorkerWeek(this.otherMinutes),
      idle: perWorkerWeek(Math.max(0, this.contractedMinutes - this.busyMinutes - this.remitMinutes - this.networkingMinutes - this.otherMinutes)),
    };
    return {
      metrics,
      waitHistogram: this.waitHistogram,
      timeUse,
      weekly: { week: this.weeks, series: this.series },
      diagnostics: {
        windowDays: windowMinutes / DAY,
        referrals: this.referrals,
        waitingArrivals: this.waitingArrivals,
        waitingTimeDaysSum: this.waitingTimeSum,
        waitingLeavers: this.waitingLeavers,
        allocations: this.allocated,
        caseloadTimeDaysSum: this.caseloadTimeSum,
        caseloadLeavers: this.caseloadLeavers,
        discharges: this.discharges,
        events,
        created,
        released,
        live,
        droppedOutTotal: this.droppedTotal,
        waitingAtEnd: waitingCount,
        activeAtEnd: this.caseloadNow,
      },
    };
  }
}
