/**
 * What the parts of one replication share: the clock, the resolved parameters, the workers, the
 * random draws and the observers. Each part (intake, dispatcher, sessions, working time, weekly
 * account, patient pool) holds this context and reaches the others through it, so a part can be
 * read on its own and replaced without touching the rest.
 */
import type { Simulation } from '../engine/index.js';
import { makeDistribution, type Distribution } from '../random/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { ResolvedLevers } from './discretion.js';
import type { DrawStreams } from './draw-keys.js';
import type { Worker } from './entities.js';
import type { Monitor } from './monitor.js';
import type { EventLogSink } from './event-log.js';
import type { Intake } from './intake.js';
import type { Dispatcher } from './dispatcher.js';
import type { Sessions } from './sessions.js';
import type { WorkingTime } from './working-time.js';
import type { OverloadAccount } from './overload-account.js';
import type { PatientPool } from './patient-pool.js';
import type { FollowUps } from './follow-ups.js';
import { DAY } from './time.js';
import { resolveAssumptions, type ResolvedAssumptions } from './assumptions.js';

/** The scenario's numbers the mechanisms use, resolved once. */
export interface ServiceParams {
  horizon: number;
  warmup: number;
  needs: Distribution;
  firstLength: Distribution;
  followUpLength: Distribution;
  interval: Distribution;
  patience: Distribution | null;
  dnaProbability: number;
  sessionCap: number;
  maxCaseload: number;
  intervalFrom: 'end' | 'start';
  followUpOrder: 'oldestFirst' | 'firstThatFits';
  allocation: 'smallestCaseload' | 'longestIdle' | 'roundRobin';
  workload: Scenario['workload'];
  workforce: Scenario['workforce'];
  initialState: Scenario['initialState'];
  /** The fixed assumptions in force (assumptions.ts; the scenario's optional `assumptions:` section). */
  assumptions: Readonly<ResolvedAssumptions>;
}

export function serviceParams(s: Scenario, horizonDays: number, warmupDays: number): ServiceParams {
  const p = s.patients;
  return {
    horizon: horizonDays * DAY,
    warmup: warmupDays * DAY,
    needs: makeDistribution(p.sessionsNeeded),
    firstLength: makeDistribution(p.firstSessionMinutes),
    followUpLength: makeDistribution(p.followUpMinutes),
    interval: makeDistribution(p.daysBetweenSessions),
    patience: p.patienceDays === 'open' ? null : makeDistribution(p.patienceDays),
    dnaProbability: p.didNotAttend,
    sessionCap: s.policy.sessionCap === 'open' ? Infinity : s.policy.sessionCap,
    maxCaseload: s.policy.maxCaseload === 'open' ? Infinity : s.policy.maxCaseload,
    intervalFrom: p.intervalFrom,
    followUpOrder: s.policy.followUpOrder,
    allocation: s.policy.allocation,
    workload: s.workload,
    workforce: s.workforce,
    initialState: s.initialState,
    assumptions: resolveAssumptions(s.assumptions),
  };
}

export interface ServiceContext {
  readonly sim: Simulation;
  readonly params: ServiceParams;
  readonly levers: ResolvedLevers;
  readonly workers: readonly Worker[];
  readonly draws: DrawStreams;
  readonly monitor: Monitor;
  /** The event log, or null (every site checks it once; it only observes). */
  readonly log: EventLogSink | null;
  readonly pool: PatientPool;
  readonly intake: Intake;
  readonly dispatcher: Dispatcher;
  readonly sessions: Sessions;
  readonly workingTime: WorkingTime;
  readonly account: OverloadAccount;
  readonly followUps: FollowUps;
}
