/**
 * Where replications run. A job lists its replications as tasks (which scenario variant, which
 * replication number) and a runner returns their results in task order, so the numbers are the
 * same whatever runs them: in this thread (`inlineRunner`), on worker threads in Node
 * (node/thread-runner.ts) or on Web Workers in the page (web/). Replication r of any variant
 * always draws from the same named random streams (common random numbers), so a result never
 * depends on which worker ran it or when.
 */
import { runReplication, type ReplicationResult } from '../model/index.js';
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

/** How often progress within a replication is reported (ms). */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * One replication, as every runner (and every worker) computes it; `onShare(s)` with the share
 * of its horizon simulated so far, at most every PROGRESS_INTERVAL_MS.
 */
export function runTask(variants: readonly Scenario[], settings: RunSettings, task: ReplicationTask, onShare?: (share: number) => void): ReplicationResult {
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
  return runReplication(variants[task.variant], task.replication, { ...s, onWeek });
}

/** Runs replications one after another in this thread. */
export const inlineRunner: ReplicationRunner = {
  workers: 1,
  async run(variants, settings, tasks, onProgress) {
    const out: ReplicationResult[] = [];
    for (const task of tasks) {
      out.push(runTask(variants, settings, task, onProgress && ((share) => onProgress(out.length + share, tasks.length))));
      onProgress?.(out.length, tasks.length);
    }
    return out;
  },
  async close() {},
};

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
