/**
 * Replications on this thread and a pool of Node worker threads. A worker thread starts as a new
 * JavaScript engine that compiles the model afresh (a few hundred milliseconds), so this thread
 * does not wait for them: it runs tasks itself from the first moment, and between its own tasks
 * hands the next ones to the threads that are ready (two in flight each). Results are put back in
 * task order, so the output is byte-identical whatever the number of workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReplicationResult } from '../../model/index.js';
import { inlineRunnerWith, runTask, SharedProgress, type EventLogPlan, type ReplicationRunner } from '../runner.js';
import { openPart } from './event-log-parts.js';

/** The cores this process may use: the default number of workers. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Start the compiled worker, or under tsx/vitest the TypeScript source through tsx's loader. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./replication-worker.js', here));
  const source = new URL('./replication-worker.ts', here).href;
  return new Worker(`(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })();`, {
    eval: true,
  });
}

interface Reply {
  id: number;
  /** Progress within the task: the share of its horizon simulated so far. */
  share?: number;
  result?: ReplicationResult;
  error?: { message: string; stack?: string };
}

/** Let queued messages from the threads in (their results, their readiness) between this thread's own tasks. */
const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A runner on `workers` cores: this thread and `workers − 1` worker threads; 1 runs in this
 * thread only. Threads start on the first run and are reused by the job's later runs; `close()`
 * stops them.
 */
export function threadRunner(workers: number, log?: EventLogPlan): ReplicationRunner {
  if (workers <= 1) return inlineRunnerWith(log, openPart);
  let pool: Worker[] = [];
  const runner: ReplicationRunner = {
    workers,
    async run(variants, settings, tasks, onProgress) {
      if (tasks.length === 0) return [];
      while (pool.length < Math.min(workers - 1, tasks.length - 1)) pool.push(spawnWorker());
      const active = pool.slice(0, Math.min(workers - 1, tasks.length - 1));
      for (const w of active) w.postMessage({ type: 'init', variants, settings, log });
      const out = new Array<ReplicationResult | undefined>(tasks.length);
      const progress = new SharedProgress(tasks.length, onProgress);
      const inFlight = new Map<Worker, number>();
      let next = 0;
      let finished = 0;
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      const notify = () => {
        wake?.();
        wake = null;
      };
      const dispatch = (w: Worker) => {
        while (!failure && next < tasks.length && (inFlight.get(w) ?? 0) < 2) {
          const id = next++;
          inFlight.set(w, (inFlight.get(w) ?? 0) + 1);
          w.postMessage({ type: 'task', id, task: tasks[id] });
        }
      };
      const cleanups: Array<() => void> = [];
      for (const w of active) {
        const onMessage = (reply: Reply) => {
          if (failure) return;
          if (reply.error) {
            failure = Object.assign(new Error(reply.error.message), { stack: reply.error.stack });
            return notify();
          }
          if (reply.share !== undefined) return progress.share(reply.id, reply.share);
          out[reply.id] = reply.result!;
          inFlight.set(w, (inFlight.get(w) ?? 1) - 1);
          finished = progress.finish(reply.id);
          dispatch(w);
          notify();
        };
        const onError = (err: Error) => {
          failure = err;
          notify();
        };
        const onExit = (code: number) => {
          failure ??= new Error(`a replication worker stopped (exit code ${code})`);
          notify();
        };
        w.on('message', onMessage);
        w.on('error', onError);
        w.on('exit', onExit);
        cleanups.push(() => {
          w.off('message', onMessage);
          w.off('error', onError);
          w.off('exit', onExit);
        });
        dispatch(w);
      }
      try {
        // This thread works too, from the start; between its tasks the threads' replies come in.
        while (!failure && next < tasks.length) {
          const id = next++;
          out[id] = runTask(variants, settings, tasks[id], (share) => progress.share(id, share), log, openPart);
          finished = progress.finish(id);
          await yieldToMessages();
          for (const w of active) dispatch(w);
        }
        while (!failure && finished < tasks.length) await new Promise<void>((resolve) => (wake = resolve));
      } finally {
        for (const c of cleanups) c();
      }
      if (failure) {
        // Other threads may still be busy with this run's tasks: stop them all, start afresh next time.
        await runner.close();
        throw failure;
      }
      return out as ReplicationResult[];
    },
    async close() {
      const stopping = pool;
      pool = [];
      await Promise.all(stopping.map((w) => w.terminate()));
    },
  };
  return runner;
}
