/**
 * Where replications run. A job lists its replications as tasks (which scenario variant, which
 * replication number) and a runner returns their results in task order, so the numbers are the
 * same whatever runs them: in this thread (`inlineRunner`), on worker threads in Node
 * (node/thread-runner.ts) or on Web Workers in the page (web/). Replication r of any variant
 * always draws from the same named random streams (common random numbers), so a result never
 * depends on which worker ran it or when.
 */
import { DAY, EventLogger, runReplication, type EventRow, type ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunSettings } from '../experiment/replications.js';

export interface ReplicationTask {
  /** Index into the variants (designs, dial levels). */
  variant: number;
  replication: number;
  /** Settings for this task when not the job's (MSER-5's pilot replications run without warm-up). */
  settings?: RunSettings;
}

export interface ReplicationRunner {
  /** How many replications can run at once. */
  readonly workers: number;
  /**
   * Results in task order. `onProgress(done, total)` after each finished task (whole `done`) and,
   * a few times a second, within tasks (`done` counts the simulated share of running tasks too).
   */
  run(
    variants: readonly Scenario[],
    settings: RunSettings,
    tasks: readonly ReplicationTask[],
    onProgress?: (done: number, total: number) => void,
  ): Promise<ReplicationResult[]>;
  /** Stop the workers (a no-op for the inline runner). */
  close(): Promise<void>;
}

/**
 * A job's event log (docs/event-log.md), as every task of it is told: serialisable, since it goes
 * to the worker threads. Pilot replications (MSER-5's, with their own settings) are not logged.
 */
export interface EventLogPlan {
  /** Share of patients logged (1: all); worker events are always logged. */
  sample: number;
  /** Text before each row, per variant (compare: the design's name and a comma). */
  prefixes?: string[];
  /** A folder for one part file per task, written by `open` (Node: node/event-log-parts.ts); absent: the rows ride on the task's result as `eventRows`. */
  dir?: string;
}

/** Where a task's CSV text goes (bounded memory: written as it comes). */
export interface TextOut {
  write(text: string): void;
  close(): void;
}
export type PartOpener = (dir: string, task: ReplicationTask) => TextOut;

/** A replication's result with its event log's rows (library: the log kept in memory). */
export type LoggedResult = ReplicationResult & { eventRows?: EventRow[] };

/** How often progress within a replication is reported (ms). */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * One replication, as every runner (and every worker) computes it; `onShare(s)` with the share
 * of its horizon simulated so far, at most every PROGRESS_INTERVAL_MS.
 */
export function runTask(
  variants: readonly Scenario[],
  settings: RunSettings,
  task: ReplicationTask,
  onShare?: (share: number) => void,
  log?: EventLogPlan,
  open?: PartOpener,
): LoggedResult {
  const s = task.settings ?? settings;
  let last = performance.now();
  const onWeek = onShare
    ? (days: number) => {
        const now = performance.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        onShare(Math.min(1, days / s.horizonDays));
      }
    : undefined;
  if (!log || task.settings) return runReplication(variants[task.variant], task.replication, { ...s, onWeek });
  const format = { replication: task.replication, startDate: variants[task.variant].run.startDate, sample: log.sample, prefix: log.prefixes?.[task.variant] };
  if (log.dir !== undefined && open) {
    const out = open(log.dir, task);
    try {
      const logger = new EventLogger(format, { text: (line) => out.write(line) });
      const result = runReplication(variants[task.variant], task.replication, { ...s, onWeek, eventLog: logger });
      logger.finish(s.horizonDays * DAY);
      return result;
    } finally {
      out.close();
    }
  }
  const rows: EventRow[] = [];
  const logger = new EventLogger(format, { row: (row) => rows.push(row) });
  const result: LoggedResult = runReplication(variants[task.variant], task.replication, { ...s, onWeek, eventLog: logger });
  logger.finish(s.horizonDays * DAY);
  result.eventRows = rows;
  return result;
}

/** Runs replications one after another in this thread (with an event log when `log` is given). */
export function inlineRunnerWith(log?: EventLogPlan, open?: PartOpener): ReplicationRunner {
  return {
    workers: 1,
    async run(variants, settings, tasks, onProgress) {
      const out: ReplicationResult[] = [];
      for (const task of tasks) {
        out.push(runTask(variants, settings, task, onProgress && ((share) => onProgress(out.length + share, tasks.length)), log, open));
        onProgress?.(out.length, tasks.length);
      }
      return out;
    },
    async close() {},
  };
}

/** Runs replications one after another in this thread. */
export const inlineRunner: ReplicationRunner = inlineRunnerWith();

/** Progress over tasks some of which are running: finished ones plus the running ones' shares. */
export class SharedProgress {
  private finished = 0;
  private readonly running = new Map<number, number>();
  constructor(
    private readonly total: number,
    private readonly report?: (done: number, total: number) => void,
  ) {}
  share(id: number, share: number): void {
    this.running.set(id, share);
    let done = this.finished;
    for (const s of this.running.values()) done += s;
    this.report?.(Math.min(done, this.total - 1e-9), this.total);
  }
  finish(id: number): number {
    this.running.delete(id);
    this.finished++;
    this.report?.(this.finished, this.total);
    return this.finished;
  }
}

/** Tasks for `replications` replications of each of `variants` variants, variant by variant. */
export function tasksFor(variants: number, replications: number, settings?: RunSettings): ReplicationTask[] {
  const tasks: ReplicationTask[] = [];
  for (let v = 0; v < variants; v++)
    for (let r = 0; r < replications; r++) tasks.push(settings ? { variant: v, replication: r, settings } : { variant: v, replication: r });
  return tasks;
}
