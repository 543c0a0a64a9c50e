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
  /** Results in task order; `onDone(done, total)` after each finished task. */
  run(variants: readonly Scenario[], settings: RunSettings, tasks: readonly ReplicationTask[], onDone?: (done: number, total: number) => void): Promise<ReplicationResult[]>;
  /** Stop the workers (a no-op for the inline runner). */
  close(): Promise<void>;
}

/** One replication, as every runner (and every worker) computes it. */
export function runTask(variants: readonly Scenario[], settings: RunSettings, task: ReplicationTask): ReplicationResult {
  return runReplication(variants[task.variant], task.replication, task.settings ?? settings);
}

/** Runs replications one after another in this thread. */
export const inlineRunner: ReplicationRunner = {
  workers: 1,
  async run(variants, settings, tasks, onDone) {
    const out: ReplicationResult[] = [];
    for (const task of tasks) {
      out.push(runTask(variants, settings, task));
      onDone?.(out.length, tasks.length);
    }
    return out;
  },
  async close() {},
};

/** Tasks for `replications` replications of each of `variants` variants, variant by variant. */
export function tasksFor(variants: number, replications: number, settings?: RunSettings): ReplicationTask[] {
  const tasks: ReplicationTask[] = [];
  for (let v = 0; v < variants; v++) for (let r = 0; r < replications; r++) tasks.push(settings ? { variant: v, replication: r, settings } : { variant: v, replication: r });
  return tasks;
}
