/**
 * One replication of a link-worker service: practices refer patients, link workers see them
 * in the blocks of their weekly rota, using the discretion the levers leave them.
 *
 * This file only wires the parts together and routes events to them:
 *   intake.ts        referrals, screening, triage list, waiting list, patience, re-referral
 *   dispatcher.ts    decision epochs: who does what next, by the allocation rule
 *   work-sources.ts  the kinds of work a worker chooses from, in order
 *   sessions.ts      sessions, caseload, discharge, follow-ups
 *   working-time.ts  rota blocks, leave, vacancies, networking squeeze
 *   overload-account.ts, weekly.ts   the weekly account, knowledge, the worker as an agent
 *   patient-pool.ts  patients and their attributes
 * Statistics observe through the Monitor interface and feed nothing back.
 */
import { Simulation, type EventHandler } from '../engine/index.js';
import { createStream, type RandomStream } from '../random/index.js';
import type { Scenario } from '../scenario/schema.js';
import { serviceParams, type ServiceContext, type ServiceParams } from './context.js';
import { resolveLevers, type ResolvedLevers } from './discretion.js';
import { Dispatcher } from './dispatcher.js';
import { drawStreams, type DrawStreams } from './draw-keys.js';
import { PatientState, type Worker } from './entities.js';
import { Kind, KIND_PRIORITY, Priority } from './events.js';
import { FollowUps } from './follow-ups.js';
import { Intake } from './intake.js';
import { teeMonitor, type Monitor } from './monitor.js';
import type { EventLogSink } from './event-log.js';
import { OverloadAccount } from './overload-account.js';
import { PatientPool } from './patient-pool.js';
import { buildPosts } from './posts.js';
import { costPlan, withCosts, type CostPlan } from './costs.js';
import { Sessions } from './sessions.js';
import { ServiceStatistics, type ReplicationResult } from './statistics.js';
import { DAY, YEAR } from './time.js';
import { WeeklyUpdate } from './weekly.js';
import { WORK_ORDER } from './work-sources.js';
import { WorkingTime } from './working-time.js';

export interface ModelInputs {
  scenario: Scenario;
  seed: number;
  replication: number;
  horizonDays: number;
  warmupDays: number;
  /** An extra observer (e.g. a TraceMonitor); statistics are always kept. */
  monitor?: Monitor;
  /** Called at each simulated week with the days simulated so far (progress within a replication); observes only. */
  onWeek?: (days: number) => void;
  /** The event log (docs/event-log.md): observes only, never draws or changes state. */
  eventLog?: EventLogSink;
}

export class LinkWorkerService implements EventHandler, ServiceContext {
  readonly sim = new Simulation(256);
  readonly params: ServiceParams;
  readonly levers: ResolvedLevers;
  readonly workers: Worker[];
  readonly draws: DrawStreams;
  readonly stats: ServiceStatistics;
  readonly monitor: Monitor;
  readonly log: EventLogSink | null;
  readonly pool: PatientPool;
  readonly intake: Intake;
  readonly dispatcher: Dispatcher;
  readonly sessions: Sessions;
  readonly workingTime: WorkingTime;
  readonly account: OverloadAccount;
  readonly followUps: FollowUps;
  private readonly weekly: WeeklyUpdate;
  private readonly initialStream: RandomStream;
  private readonly costs: CostPlan;
  private readonly onWeek?: (days: number) => void;

  constructor(inputs: ModelInputs) {
    const { scenario: s, seed, replication } = inputs;
    this.params = serviceParams(s, inputs.horizonDays, inputs.warmupDays);
    this.levers = resolveLevers(s);
    this.draws = drawStreams(seed, replication);
    this.initialStream = createStream(seed, replication, 'initialState');
    this.workers = buildPosts(s.workers, this.params.assumptions);
    this.costs = costPlan(s);
    this.onWeek = inputs.onWeek;
    this.log = inputs.eventLog ?? null;
    const expectedFirst = Math.max(0, this.params.firstLength.mean);
    const expectedFollowUp = this.levers.followUpSizing === 'fixed' ? this.levers.fixedSlotMinutes : Math.max(0, this.params.followUpLength.mean);
    this.stats = new ServiceStatistics({ warmup: this.params.warmup, horizon: this.params.horizon, workers: this.workers });
    this.monitor = inputs.monitor ? teeMonitor(this.stats, inputs.monitor) : this.stats;
    this.account = new OverloadAccount(this.workers, expectedFirst, expectedFollowUp, this.params.assumptions.neutralNeedMetRate);
    this.intake = new Intake(this, s, seed, replication);
    this.pool = new PatientPool(this.intake.groups, this.params, this.draws, s, this.levers);
    this.dispatcher = new Dispatcher(this, WORK_ORDER);
    this.sessions = new Sessions(this);
    this.workingTime = new WorkingTime(this);
    this.followUps = new FollowUps(this);
    this.weekly = new WeeklyUpdate(this);
  }

  /** Run the replication to the horizon and return its metrics and weekly series. */
  run(): ReplicationResult {
    this.intake.start();
    this.workingTime.start();
    this.seedInitialState();
    this.weekly.start();
    this.sim.requestEndOfInstant();
    this.sim.run(this, this.params.horizon);
    this.followUps.release(this.params.horizon, true); // for the trace: due by the horizon, none of them free to start
    this.intake.reportStillWaiting(this.params.horizon);
    const result = this.stats.finish(this.intake.waitingCount, this.sim.eventCount, this.pool.created, this.pool.released, this.pool.live());
    return { ...result, metrics: withCosts(result.metrics, this.costs) };
  }

  handle(kind: number, payload: number, time: number): void {
    // Follow-ups due before this event in the calendar's order fall due first (follow-ups.ts).
    if (this.followUps.nextTime <= time) this.followUps.release(time, KIND_PRIORITY[kind] >= Priority.FollowUpDue);
    switch (kind) {
      case Kind.Referral:
        return this.intake.onReferral(payload, time);
      case Kind.Patience:
        return this.intake.onPatience(this.pool.get(payload), time);
      case Kind.FollowUpDue:
        return this.followUps.onWakeUp(payload, time);
      case Kind.SessionEnd:
        return this.sessions.end(this.workers[payload], time);
      case Kind.BlockStart:
        return this.workingTime.onBlockStart(this.workers[payload]);
      case Kind.WeekTick:
        this.weekly.onWeekTick(time);
        return this.onWeek?.(time / DAY);
      case Kind.ReReferral:
        return this.intake.onReReferral(this.pool.get(payload), time);
    }
  }

  /** The rota's next block start (block starts are not events: working-time.ts). */
  nextOwnTime(): number {
    return this.workingTime.nextTime;
  }

  /** Block starts reached after every event of the instant, as BlockStart events used to be. */
  ownInstant(time: number): void {
    if (this.followUps.nextTime <= time) this.followUps.release(time, true);
    this.workingTime.reachStarts(time);
  }

  /** All state changes of the instant are in: idle workers choose (a decision epoch). */
  endOfInstant(time: number): void {
    if (this.followUps.nextTime <= time) this.followUps.release(time, true);
    if (this.workingTime.nextTime <= time) this.workingTime.reachStarts(time);
    this.dispatcher.decide(time);
  }

  /** Pre-existing caseload and waiting list (documented assumptions in docs/model.md). */
  private seedInitialState(): void {
    const init = this.params.initialState;
    const meanInterval = Math.max(0, this.params.interval.mean) * DAY;
    for (const w of this.workers) {
      const n = Math.round(init.caseloadPerWorker * w.fte);
      for (let k = 0; k < n; k++) {
        const p = this.pool.create(0, this.intake.initialGroup);
        p.counted = false;
        p.needed = Math.max(2, p.needed);
        p.attended = 1;
        p.progress = 1;
        p.booked = 1;
        p.state = PatientState.Active;
        p.worker = w.index;
        w.caseload++;
        this.monitor.caseloadJoined(0);
        if (this.log) this.log.event(0, 'initialCaseload', p.id, w.index, '', NaN);
        this.followUps.add(w.index, this.initialStream.next() * meanInterval, p.slot);
      }
    }
    for (let k = 0; k < init.waitingList; k++) {
      const p = this.pool.create(0, this.intake.initialGroup);
      p.counted = false;
      this.intake.joinWaitingList(p, 0);
    }
  }
}

/** Convenience: run one replication of a scenario. */
export function runReplication(
  scenario: Scenario,
  replication: number,
  options: { seed?: number; horizonDays?: number; warmupDays?: number; monitor?: Monitor; onWeek?: (days: number) => void; eventLog?: EventLogSink } = {},
): ReplicationResult {
  return new LinkWorkerService({
    scenario,
    seed: options.seed ?? scenario.run.seed,
    replication,
    horizonDays: options.horizonDays ?? scenario.run.years * (YEAR / DAY),
    warmupDays: options.warmupDays ?? scenario.run.warmupDays,
    monitor: options.monitor,
    onWeek: options.onWeek,
    eventLog: options.eventLog,
  }).run();
}
