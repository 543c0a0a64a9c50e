/**
 * Statistics of one replication, collected as the events happen and clipped to the
 * observation window [warm-up, horizon]:
 * - time-averages (waiting list, caseload) integrate the count over the window only;
 * - per-patient figures count patients by a stated rule (see each method);
 * - the overload index is the model's (OverloadAccount): statistics average what they are shown.
 * A passive Monitor: nothing here feeds back into the dynamics.
 * Memory is a handful of counters per worker plus one row of weekly series per week: nothing
 * grows with the number of events or patients.
 */
import type { Activity } from './rota.js';
import { DAY, WEEK, YEAR } from './time.js';
import type { OutcomeValues, SeriesId } from './metrics.js';
import type { EpisodeEnd, Monitor, WeekClosed, WorkerView } from './monitor.js';
import { WaitDistribution } from './wait-distribution.js';

export type { EpisodeEnd } from './monitor.js';
export { WAIT_BINS, type ReplicationResult, type StatisticsOptions, type TimeUse } from './replication-result.js';
import { WAIT_BINS, timeUseOf, type MinutesBy, type ReplicationResult, type StatisticsOptions } from './replication-result.js';

export class ServiceStatistics implements Monitor {
  private readonly warmup: number;
  private readonly horizon: number;
  private readonly workers: readonly WorkerView[];
  private readonly wte: number;

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
  private readonly waits: WaitDistribution;
  private remitMinutes = 0;
  /** Minutes per post over the window (for time use per worker group). */
  private readonly perPost: Record<keyof MinutesBy, Float64Array>;

  // Discretion and workforce (window counts).
  private reReferrals = 0;
  private declined = 0;
  private redirected = 0;
  private resolvedAtTriage = 0;
  private droppedCounted = 0;
  private needMetDischarges = 0;
  private capExtensions = 0;
  private agentWeeks = 0;
  private stressSum = 0;
  private satisfactionSum = 0;
  private knowledgeSum = 0;
  private leavers = 0;
  private vacancyMinutes = 0;
  private weekReferrals = 0;
  private overloadSum = 0;
  private overloadCount = 0;
  private overstretched = 0;

  private readonly weeks: number[] = [];
  private readonly series: Record<SeriesId, number[]> = { waitingList: [], caseloadPerWorker: [], overloadIndex: [], referrals: [] };

  constructor(o: StatisticsOptions) {
    this.warmup = o.warmup;
    this.horizon = o.horizon;
    this.workers = o.workers;
    this.wte = o.workers.reduce((n, w) => n + w.fte, 0);
    this.waits = new WaitDistribution(o.horizon);
    const n = o.workers.length;
    this.perPost = {
      busy: new Float64Array(n),
      admin: new Float64Array(n),
      travel: new Float64Array(n),
      remit: new Float64Array(n),
      networking: new Float64Array(n),
      other: new Float64Array(n),
      contracted: new Float64Array(n),
    };
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
    if (!counted || !this.inWindow(t)) return;
    if (how === 'declined') this.declined++;
    else if (how === 'redirected') this.redirected++;
    else if (how === 'resolvedAtTriage') this.resolvedAtTriage++;
    else this.droppedCounted++;
  }

  capExtended(t: number, counted: boolean): void {
    if (counted && this.inWindow(t)) this.capExtensions++;
  }

  /** Check-ins are not reported as a metric (the counter that was here was never read). */
  checkInsStarted(_t: number, _counted: boolean): void {}

  remitDone(start: number, end: number, w: WorkerView): void {
    const inside = this.clipped(start, end);
    this.remitMinutes += inside;
    this.perPost.remit[w.index] += inside;
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
      this.waits.record(referredAt, droppedOut ? null : days);
    }
  }

  /** A patient still on the waiting list when the run ends. */
  stillWaitingAtEnd(_t: number, referredAt: number, counted: boolean): void {
    if (counted && referredAt >= this.warmup) this.waits.record(referredAt, Infinity);
  }

  /** Patient discharged: per-patient figures count patients discharged inside the window. */
  discharged(t: number, attended: number, atCap: boolean, counted: boolean, _allocatedAt: number, needMet: boolean): void {
    this.discharges++;
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
  workDone(w: WorkerView, start: number, end: number, travel: number, admin: number): void {
    const busy = this.clipped(start, end);
    this.busyMinutes += busy;
    this.perPost.busy[w.index] += busy;
    if (travel > 0) {
      const t = this.clipped(start, start + travel);
      this.travelMinutes += t;
      this.perPost.travel[w.index] += t;
    }
    if (admin > 0) {
      const a = this.clipped(end - admin, end);
      this.adminMinutes += a;
      this.perPost.admin[w.index] += a;
    }
  }

  followUpDue(): void {}

  workStarted(): void {}

  /** A rota block opened for a worker not on leave. */
  blockOpened(w: WorkerView, activity: Activity, start: number, end: number, squeezed: boolean): void {
    const inside = this.clipped(start, end);
    this.contractedMinutes += inside;
    this.perPost.contracted[w.index] += inside;
    if (activity === 'networking') {
      this.networkingMinutes += inside;
      this.perPost.networking[w.index] += inside;
    }
    if (activity === 'other') {
      this.otherMinutes += inside;
      this.perPost.other[w.index] += inside;
    }
    if (squeezed) this.squeezedMinutes += inside;
  }

  private clipped(start: number, end: number): number {
    return Math.max(0, Math.min(end, this.horizon) - Math.max(start, this.warmup));
  }

  /** The week ending at t closed: record its overload (from the model's account) and the weekly series. */
  weekClosed(t: number, week: WeekClosed): void {
    this.advance(t);
    const counts = t - WEEK >= this.warmup && t <= this.horizon;
    let sum = 0;
    let available = 0;
    for (const index of week.overloads) {
      if (Number.isNaN(index)) continue;
      sum += index;
      available++;
      if (counts) {
        this.overloadSum += index;
        this.overloadCount++;
        if (index > 1) this.overstretched++;
      }
    }
    this.weeks.push(this.weeks.length);
    this.series.waitingList.push(this.weekWaitingArea / WEEK);
    this.series.caseloadPerWorker.push(this.weekCaseloadArea / WEEK / this.workers.length);
    this.series.overloadIndex.push(available > 0 ? sum / available : NaN);
    this.series.referrals.push(this.weekReferrals);
    this.weekWaitingArea = 0;
    this.weekCaseloadArea = 0;
    this.weekReferrals = 0;
  }

  /** The replication's result; its cost metrics are added from the scenario by src/model/costs.ts. */
  finish(
    waitingCount: number,
    events: number,
    created: number,
    released: number,
    live: number,
  ): Omit<ReplicationResult, 'metrics'> & { metrics: OutcomeValues } {
    this.advance(this.horizon);
    for (const w of this.workers) {
      if (w.current !== null) {
        const busy = this.clipped(w.sessionStart, this.horizon);
        this.busyMinutes += busy;
        this.perPost.busy[w.index] += busy;
      }
      if (w.plan.always) {
        const all = this.clipped(this.warmup, this.horizon);
        this.contractedMinutes += all;
        this.perPost.contracted[w.index] += all;
      }
    }
    const windowMinutes = this.horizon - this.warmup;
    const n = this.workers.length;
    const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
    const dischargeOutcomes = this.dischargedCounted + this.declined + this.redirected + this.resolvedAtTriage + this.droppedCounted;
    const metrics: OutcomeValues = {
      waitDays: ratio(this.waitSum, this.waitCount),
      waitMedianDays: this.waits.quantile(0.5),
      waitP90Days: this.waits.quantile(0.9),
      seenWithin14DaysShare: this.waits.seenWithin(0),
      seenWithin28DaysShare: this.waits.seenWithin(1),
      waitingList: this.waitingArea / windowMinutes,
      caseloadPerWorker: this.caseloadArea / windowMinutes / n,
      caseloadPerWte: this.caseloadArea / windowMinutes / this.wte,
      referralsPerMonth: this.referrals / (windowMinutes / (YEAR / 12)),
      newPatientsPerWorkerYear: this.allocated / n / (windowMinutes / YEAR),
      newPatientsPerWteYear: this.allocated / this.wte / (windowMinutes / YEAR),
      sessionsPerPatient: ratio(this.sessionsAttended, this.dischargedCounted),
      utilisation: ratio(this.busyMinutes, this.contractedMinutes),
      networkingHoursPerWorkerWeek: this.networkingMinutes / 60 / n / (windowMinutes / WEEK),
      overloadIndex: ratio(this.overloadSum, this.overloadCount),
      overstretchedWeekShare: ratio(this.overstretched, this.overloadCount),
      droppedOutShare: ratio(this.dropped, this.dropped + this.allocated),
      unmetNeedShare: ratio(this.dischargedAtCap, this.dischargedCounted),
      stillWaitingAtEnd: waitingCount,
      needMetShare: ratio(this.needMetDischarges + this.resolvedAtTriage, dischargeOutcomes),
      needsMetPerYear: (this.needMetDischarges + this.resolvedAtTriage) / (windowMinutes / YEAR),
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
    const windowYears = windowMinutes / YEAR;
    const exposure: ReplicationResult['exposure'] = {
      seenWithin14DaysShare: this.waits.cohortSize(0),
      seenWithin28DaysShare: this.waits.cohortSize(1),
      droppedOutShare: this.dropped + this.allocated,
      unmetNeedShare: this.dischargedCounted,
      capExtendedShare: this.dischargedCounted,
      needMetShare: dischargeOutcomes,
      declinedShare: this.referrals,
      reReferralShare: this.referrals,
      overstretchedWeekShare: this.overloadCount,
      turnoverPerYear: n * windowYears,
      needsMetPerYear: windowYears,
      referralsPerMonth: windowMinutes / (YEAR / 12),
      stillWaitingAtEnd: 1,
    };
    const weeks = windowMinutes / WEEK;
    const timeUse = timeUseOf(
      {
        busy: this.busyMinutes,
        admin: this.adminMinutes,
        travel: this.travelMinutes,
        remit: this.remitMinutes,
        networking: this.networkingMinutes,
        other: this.otherMinutes,
        contracted: this.contractedMinutes,
      },
      n,
      weeks,
    );
    const pp = this.perPost;
    const postTimeUse = this.workers.map((_, i) =>
      timeUseOf(
        {
          busy: pp.busy[i],
          admin: pp.admin[i],
          travel: pp.travel[i],
          remit: pp.remit[i],
          networking: pp.networking[i],
          other: pp.other[i],
          contracted: pp.contracted[i],
        },
        1,
        weeks,
      ),
    );
    const waitBins = this.waits.bins();
    const waitCounts = this.waits.sparse();
    this.waits.release();
    return {
      metrics,
      waitHistogram: this.waitHistogram,
      timeUse,
      postTimeUse,
      waitBins,
      waitCounts,
      exposure,
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
