/**
 * The library's door to the job pipeline, without files: scenarios in (objects or YAML/JSON
 * text), the CLI's `--json` documents out. Every call goes through the pipeline's one checking
 * step (jobs/check.ts), so the library refuses exactly what the CLI refuses, with the same
 * messages, naming option `replications` where the CLI says `--reps`.
 *
 * Imports nothing from `node:`: src/index.ts gives these functions a pool of worker threads; the
 * explorer page bundles this file and runs replications on its own Web Workers.
 */
import type { Scenario, ScenarioInput } from '../scenario/schema.js';
import { designOf, parseScenario, type ScenarioSource } from '../jobs/designs.js';
import type { RunDocument } from '../experiment/run-files.js';
import type { Thresholds } from '../experiment/compare.js';
import { checkJob, checkOptionKeys, checkOptions, OptionError } from '../jobs/check.js';
import { simulateJob } from '../jobs/simulate.js';
import { jobDocument } from '../jobs/outputs.js';
import { inlineRunner, inlineRunnerWith, type EventLogPlan, type ReplicationRunner } from '../jobs/runner.js';
import { checkEventLog, LIBRARY_EVENT_LOG_LIMIT_BYTES, takeRows } from '../jobs/event-log.js';
import { EVENT_LOG_COLUMNS, EVENT_LOG_VERSION, type EventRow } from '../model/index.js';
import type { CheckedJob, JobKind, JobResult } from '../jobs/types.js';
import { HINTS } from '../messages.js';
import { METRICS } from '../model/metrics.js';
import type { comparisonDocument } from '../experiment/compare.js';
import type { explorationDocument } from '../experiment/explore.js';
import { type PlanDocument, planDocument } from '../experiment/plan-output.js';
import { checkPlanOptions, checkPlanSource, type PlanSource, type PlanSpec, planRunner, withConfidence } from '../jobs/plan-source.js';
import { simulatePlan } from '../jobs/plan.js';

export { InputError } from '../scenario/errors.js';
export { OptionError } from '../jobs/check.js';
export { METRICS, METRIC_IDS, METRIC_BY_ID, type MetricId, type MetricValues } from '../model/metrics.js';
export type { Scenario, ScenarioInput, RunDocument, Thresholds, ScenarioSource, PlanDocument, PlanSource, PlanSpec };
export { parseScenario, designOf };

/** The metrics a run reports: id, label, unit, definition and which direction is better. */
export const metrics = METRICS;

/** Run settings a caller may override (defaults: the scenario's `run` section). */
export interface RunOptions {
  replications?: number;
  seed?: number;
  years?: number;
  warmupDays?: number;
  /** Threads to run replications on (default: the cores available); the numbers are the same whatever the count. */
  workers?: number;
  /** Called after each replication with (done, total) over the whole job. */
  onProgress?: (done: number, total: number) => void;
  /**
   * The event log (docs/event-log.md): `true`, or `{ sample }` for a share of patients; the
   * document then has `eventLog: { version, columns, rows }` (rows in memory: refused above about
   * 4 million estimated rows; the CLI's `--event-log` streams bigger logs to disk).
   */
  eventLog?: boolean | { sample?: number };
}

/** The event log a run or comparison returns with `eventLog` (docs/event-log.md); compare's rows carry `design`. */
export interface EventLogDocument {
  version: number;
  columns: string[];
  warmupDays: number;
  horizonDays: number;
  rows: Array<EventRow & { design?: string }>;
}
export interface CompareOptions extends RunOptions {
  thresholds?: Thresholds;
}
export interface ExploreOptions extends RunOptions {
  /** Dial levels from 0 to 1 (default 11). */
  steps?: number;
}

/** Options of `plan` (the plan file sets everything else: replications, seed, years). */
export interface PlanOptions {
  /** Threads to run replications on (default: the cores available); the document is the same whatever the count. */
  workers?: number;
  /** One-sided confidence for each target and the probability of choosing the best (0.5 to 0.999), instead of the plan's (`--confidence`). */
  confidence?: number;
  /**
   * Called after each replication with (done, total, stage) within the search's current round
   * (the number of rounds depends on what the replications show, so there is no total over the plan).
   */
  onProgress?: (done: number, total: number, stage: string) => void;
}

export type ComparisonDocument = ReturnType<typeof comparisonDocument>;
export type ExplorationDocument = ReturnType<typeof explorationDocument>;

/** The runner for a checked job, given the workers asked for (undefined: the door decides); job null: a plan, whose size is not known in advance. */
export type RunnerFor = (workers: number | undefined, job: CheckedJob | null, log?: EventLogPlan) => ReplicationRunner;

/** The library's job runner: check, simulate on `runnerFor(workers)`, return the typed result. */
export async function libraryJob(
  kind: JobKind,
  sources: ScenarioSource[],
  options: CompareOptions & ExploreOptions,
  runnerFor: RunnerFor,
): Promise<JobResult & { eventLog?: EventLogDocument }> {
  checkOptionKeys(kind, options);
  const { onProgress, eventLog, ...rest } = options;
  checkOptions(kind, rest, 'library');
  const designs = sources.map((s) => designOf(s));
  const job = checkJob({ kind, designs, options: rest, door: 'library' });
  const log =
    eventLog === undefined || eventLog === false ? null : checkEventLog(job, eventLog === true ? {} : eventLog, 'library', LIBRARY_EVENT_LOG_LIMIT_BYTES);
  const runner = runnerFor(options.workers, job, log ? { sample: log.plan.sample } : undefined);
  try {
    // A library caller hears of whole replications only (the runners also report shares of running ones).
    const result = await simulateJob(job, runner, onProgress && ((done, total) => void (Number.isInteger(done) && onProgress(done, total))));
    if (!log) return result;
    // The rows ride on the replications' results; taken off them, the document is the one without a log.
    const rows: EventLogDocument['rows'] = [];
    if (result.kind === 'run') rows.push(...takeRows<EventRow>(result.results.replications));
    if (result.kind === 'compare')
      for (const d of result.comparison.designs) for (const row of takeRows<EventRow>(d.results.replications)) rows.push({ design: d.scenario, ...row });
    const columns = [...(kind === 'compare' ? ['design'] : []), ...EVENT_LOG_COLUMNS];
    return { ...result, eventLog: { version: EVENT_LOG_VERSION, columns, warmupDays: job.settings.warmupDays, horizonDays: job.settings.horizonDays, rows } };
  } finally {
    await runner.close();
  }
}

/** The library's functions on a given runner factory (src/index.ts: worker threads; here: this thread). */
export function libraryApi(runnerFor: RunnerFor) {
  return {
    /** `goldilocks run --json`: the replications' metrics with 95 % intervals. */
    async simulate(source: ScenarioSource, options: RunOptions = {}): Promise<RunDocument & { eventLog?: EventLogDocument }> {
      const result = await libraryJob('run', [source], options, runnerFor);
      const doc = jobDocument(result) as RunDocument;
      return result.eventLog ? { ...doc, eventLog: result.eventLog } : doc;
    },
    /** `goldilocks compare --json`: designs on common random numbers, each against the first. */
    async compare(sources: ScenarioSource[], options: CompareOptions = {}): Promise<ComparisonDocument & { eventLog?: EventLogDocument }> {
      if (!Array.isArray(sources)) throw new OptionError(['compare takes a list of scenarios, e.g. compare([a, b]).'], HINTS.runOptions('library'));
      const result = await libraryJob('compare', sources, options, runnerFor);
      const doc = jobDocument(result) as ComparisonDocument;
      return result.eventLog ? { ...doc, eventLog: result.eventLog } : doc;
    },
    /** `goldilocks explore --json`: the scenario across the discretion dial, with the just-right zone. */
    async explore(source: ScenarioSource, options: ExploreOptions = {}): Promise<ExplorationDocument> {
      return jobDocument(await libraryJob('explore', [source], options, runnerFor)) as ExplorationDocument;
    },
    /**
     * `goldilocks plan --json`: the least-cost design that meets every target with the stated
     * confidence. The plan is a plan file's object (or its YAML/JSON text) with `base` the base
     * scenario itself (an object or its text), not a file name.
     */
    async plan(spec: PlanSource, options: PlanOptions = {}): Promise<PlanDocument> {
      checkPlanOptions(options, 'library');
      const checked = withConfidence(checkPlanSource(spec), options.confidence);
      const { onProgress } = options;
      // Workers asked for: every round on them; else small rounds in this thread (planRunner).
      const runner = options.workers === undefined ? planRunner(runnerFor(undefined, null)) : runnerFor(options.workers, null);
      try {
        // A library caller hears of whole replications only, as for the other jobs.
        const result = await simulatePlan(
          checked.plan,
          checked.context,
          runner,
          'library',
          onProgress && ((done, total, stage) => void (Number.isInteger(done) && onProgress(done, total, stage))),
        );
        return planDocument({ plan: result.plan, context: result.context, outcome: result.outcome, chosenScenario: result.chosenScenario });
      } finally {
        await runner.close();
      }
    },
  };
}

const inline = libraryApi((_workers, _job, log) => (log ? inlineRunnerWith(log) : inlineRunner));
/** In this thread (the browser-safe entry); `goldilocks-sim` itself runs them on worker threads. */
export const { simulate, compare, explore, plan } = inline;
