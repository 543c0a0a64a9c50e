/**
 * The model's weekly account of work that fell due against contracted time (the overload
 * index), and of how the team's episodes ended. Both drive the workers' stress and satisfaction,
 * so they belong to the model; monitors are shown the closed week, never asked for it.
 *
 * For each worker with contracted time in the week:
 *   overload = [ (follow-ups pending at the week's start + follow-ups falling due in it)
 *                  × (expected follow-up minutes + admin)
 *              + (waiting list at the week's start + referrals in the week) × the worker's share
 *                  of the team's contracted time that week × (expected first-session minutes + admin)
 *              + protected networking, squeezed networking, other duties, accepted out-of-remit work ]
 *            ÷ contracted minutes that week (leave and vacancy excluded).
 * A part-time post thus owes new patients pro rata; equal full-time posts share them equally.
 */
import type { EpisodeEnd } from './monitor.js';
import type { Worker } from './entities.js';
import type { Activity } from './rota.js';
import { NEUTRAL_NEED_MET_RATE } from './assumptions.js';
import { WEEK } from './time.js';

export interface TeamWeek {
  /** Share of episodes ending this week with the need met (neutral when none ended). */
  needMetRate: number;
  /** Share ending as "failed": declined, redirected, or discharged at the cap. */
  failRate: number;
}

export class OverloadAccount {
  private readonly capacity: Float64Array;
  private readonly fixed: Float64Array;
  private readonly due: Float64Array;
  private readonly firstWork: Float64Array;
  private readonly followUpWork: Float64Array;
  /** Overload per worker of the week last closed (NaN: no contracted time). */
  readonly overloads: Float64Array;
  private referrals = 0;
  private waitingAtWeekStart = 0;
  private ended = 0;
  private met = 0;
  private failed = 0;
  constructor(
    private readonly workers: readonly Worker[],
    expectedFirstMinutes: number,
    expectedFollowUpMinutes: number,
    /** The team's need-met rate of a week in which no episode ended (the run's resolved assumptions, assumptions.ts). */
    private readonly neutralNeedMetRate = NEUTRAL_NEED_MET_RATE,
  ) {
    const n = workers.length;
    this.capacity = new Float64Array(n);
    this.fixed = new Float64Array(n);
    this.due = new Float64Array(n);
    this.overloads = new Float64Array(n);
    this.firstWork = new Float64Array(n);
    this.followUpWork = new Float64Array(n);
    for (const w of workers) {
      this.firstWork[w.index] = expectedFirstMinutes + w.adminMinutes;
      this.followUpWork[w.index] = expectedFollowUpMinutes + w.adminMinutes;
      if (w.plan.always) this.capacity[w.index] = WEEK;
    }
  }

  beginFirstWeek(waitingCount: number): void {
    this.waitingAtWeekStart = waitingCount;
  }

  referral(): void {
    this.referrals++;
  }

  followUpDue(w: Worker): void {
    this.due[w.index]++;
  }

  remitAccepted(w: Worker, minutes: number): void {
    this.fixed[w.index] += minutes;
  }

  /** A block opened for a worker not on leave: its time counts as capacity; protected (or squeezed) time as due work. */
  blockOpened(w: Worker, activity: Activity, minutes: number, squeezed: boolean): void {
    this.capacity[w.index] += minutes;
    if (activity !== 'patients' || squeezed) this.fixed[w.index] += minutes;
  }

  episodeEnded(how: EpisodeEnd): void {
    this.ended++;
    if (how === 'resolvedAtTriage') this.met++;
    if (how === 'declined' || how === 'redirected') this.failed++;
  }

  discharged(atCap: boolean, needMet: boolean): void {
    this.ended++;
    if (needMet) this.met++;
    if (atCap) this.failed++;
  }

  /** Close the week: fills `overloads`, returns the team's outcomes, and starts the next week. */
  close(waitingCount: number): TeamWeek {
    let teamCapacity = 0;
    for (let i = 0; i < this.capacity.length; i++) teamCapacity += this.capacity[i];
    const firstOwed = this.waitingAtWeekStart + this.referrals;
    for (const w of this.workers) {
      const i = w.index;
      const cap = this.capacity[i];
      this.overloads[i] = cap > 0 ? (this.due[i] * this.followUpWork[i] + ((firstOwed * cap) / teamCapacity) * this.firstWork[i] + this.fixed[i]) / cap : NaN;
      // Next week starts with what is pending now.
      this.due[i] = w.due.length;
      this.fixed[i] = 0;
      this.capacity[i] = w.plan.always ? WEEK : 0;
    }
    this.referrals = 0;
    this.waitingAtWeekStart = waitingCount;
    const n = this.ended;
    const team = { needMetRate: n > 0 ? this.met / n : this.neutralNeedMetRate, failRate: n > 0 ? this.failed / n : 0 };
    this.ended = this.met = this.failed = 0;
    return team;
  }
}
