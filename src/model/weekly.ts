/**
 * The weekly tick: the overload account closes, out-of-remit requests arrive, community
 * knowledge grows with networking and decays without it (CMOC 4), each worker's stress and
 * satisfaction move (CMOC 3, 9, 11, 12) and a worker may leave; a vacant post is filled by a
 * novice after the recruitment delay.
 */
import type { ServiceContext } from './context.js';
import { initialKnowledge, PatientState, type Worker } from './entities.js';
import { Kind, Priority } from './events.js';
import { DAY, HOUR, MONTH, WEEK } from './time.js';
import { updateAgent, weeklyLeavingProbability } from './workforce.js';
import * as math from '../random/math.js'; // engine-independent last bits (see math.ts)

export class WeeklyUpdate {
  private week = 0;

  constructor(private readonly ctx: ServiceContext) {}

  start(): void {
    this.ctx.account.beginFirstWeek(this.ctx.intake.waitingCount);
    this.ctx.sim.at(WEEK, Priority.WeekTick, Kind.WeekTick);
    const log = this.ctx.log;
    if (log) for (const w of this.ctx.workers) if (w.isOnLeave(0)) log.event(0, 'leaveStarted', -1, w.index, '', NaN);
  }

  onWeekTick(time: number): void {
    const { ctx } = this;
    const week = this.week++;
    const team = ctx.account.close(ctx.intake.waitingCount);
    const overloads = ctx.account.overloads;
    ctx.monitor.weekClosed(time, { overloads });
    const wl = ctx.params.workload;
    const wf = ctx.params.workforce;
    const log = ctx.log;
    if (log)
      for (const w of ctx.workers) {
        const on = w.isOnLeave(time);
        if (on !== w.isOnLeave(time - WEEK)) log.event(time, on ? 'leaveStarted' : 'leaveEnded', -1, w.index, '', NaN);
      }
    for (const w of ctx.workers) {
      const g = ctx.draws.workers.at(w.index, week);
      if (w.isVacant(time)) continue; // a vacant post: the replacement brings a novice's knowledge
      // Out-of-remit requests this week (Site 2 VCSE01): accepted ones become work to do.
      const requests = poissonCount(wl.outOfRemitRequestsPerWorkerWeek * w.fte, g);
      for (let k = 0; k < requests; k++) {
        if (g.next() < ctx.levers.acceptOutOfRemit) {
          w.remitBacklog += wl.outOfRemitHoursPerRequest * HOUR;
          ctx.account.remitAccepted(w, wl.outOfRemitHoursPerRequest * HOUR);
          ctx.dispatcher.workerChanged(w);
        }
      }
      const hours = w.networkingMinutesThisWeek / HOUR;
      w.knowledge += wl.knowledgeGainPerNetworkingHour * hours * (1 - w.knowledge) - wl.knowledgeDecayPerWeek * w.knowledge;
      w.networkingMinutesThisWeek = 0;
      if (wf.enabled) {
        const novice = w.monthsInRole(time, MONTH) < ctx.params.assumptions.noviceMonths;
        updateAgent(
          w,
          { overload: overloads[w.index], needMetRate: team.needMetRate, failRate: team.failRate, autonomy: ctx.levers.autonomy, novice },
          w.supervisionHours,
          w.handsOff,
          wf,
          ctx.params.assumptions,
        );
        if (w.current === null && g.next() < weeklyLeavingProbability(w, wf, ctx.params.assumptions)) this.leave(w, time);
      }
      ctx.monitor.agentWeek(time, w);
    }
    if (time + WEEK <= ctx.params.horizon) ctx.sim.at(time + WEEK, Priority.WeekTick, Kind.WeekTick);
  }

  /**
   * A worker leaves: the post is vacant for the recruitment delay, the caseload moves to the
   * colleague with the smallest caseload per WTE (or waits for the replacement when there is
   * none), and the replacement starts as a novice.
   */
  private leave(w: Worker, time: number): void {
    const { ctx } = this;
    const delay = ctx.params.workforce.recruitmentDelayDays * DAY;
    ctx.monitor.workerLeft(time, Math.min(time + delay, ctx.params.horizon) - time);
    if (ctx.log) {
      ctx.log.event(time, 'left', -1, w.index, '', NaN);
      ctx.log.event(time, 'vacancyStarted', -1, w.index, String(ctx.params.workforce.recruitmentDelayDays), NaN);
    }
    w.vacantUntil = time + delay;
    ctx.intake.teamChanged();
    ctx.workingTime.vacate(w, w.vacantUntil);
    w.remitBacklog = 0;
    w.monthsAtStart = 0;
    w.hiredAt = time + delay;
    w.knowledge = initialKnowledge(0, ctx.params.assumptions);
    w.stress = ctx.params.assumptions.neutralStress;
    w.satisfaction = ctx.params.assumptions.neutralSatisfaction;
    let target: Worker | null = null;
    for (const o of ctx.workers) if (o !== w && !o.isVacant(time) && (target === null || o.caseload / o.fte < target.caseload / target.fte)) target = o;
    if (target === null) return;
    const to = target;
    ctx.pool.forEachLive((p) => {
      if (p.worker === w.index && p.state === PatientState.Active) {
        p.worker = to.index;
        w.caseload--;
        to.caseload++;
      }
    });
    ctx.followUps.handOver(w, to);
    while (w.due.length > 0) to.due.push(w.due.shift()!);
    ctx.dispatcher.workerChanged(to);
  }
}

/** A Poisson count by inversion (small means: a few requests a week). */
function poissonCount(mean: number, g: { next(): number }): number {
  if (mean <= 0) return 0;
  let k = 0;
  let p = math.exp(-mean);
  let cdf = p;
  const u = g.next();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}
