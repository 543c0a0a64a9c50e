/**
 * Replications on a pool of Node worker threads. Tasks are handed out as workers free up (two
 * in flight each, so a worker never waits for the main thread), and results are put back in task
 * order, so the output is byte-identical whatever the number of workers.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ReplicationResult } from '../../model/index.js';
import { inlineRunner, SharedProgress, type ReplicationRunner } from '../runner.js';

/** The cores this process may use: the default number of workers. */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Start the compiled worker, or under tsx/vitest the TypeScript source through tsx's loader. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./replication-worker.js', here));
  const source = new URL('./replication-worker.ts', here).href;
  return new Worker(`(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })();`, { eval: true });
}

interface Reply {
  id: number;
  /** Progress within the task: the share of its horizon simulated so far. */
  share?: number;
  result?: ReplicationResult;
  error?: { message: string; stack?: string };
}

/**
 * A runner on `workers` threads; 1 runs in this thread (no start-up cost). Threads start on the
 * first run and are reused by the job's later runs; `close()` stops them.
 */
export function threadRunner(workers: number): ReplicationRunner {
  if (workers <= 1) return inlineRunner;
  let pool: Worker[] = [];
  return {
    workers,
    async run(variants, settings, tasks, onProgress) {
      if (tasks.length === 0) return [];
      const n = Math.min(workers, tasks.length);
      while (pool.length < n) pool.push(spawnWorker());
      const active = pool.slice(0, n);
      for (const w of active) w.postMessage({ type: 'init', variants, settings });
      const out = new Array<ReplicationResult>(tasks.length);
      let next = 0;
      const progress = new SharedProgress(tasks.length, onProgress);
      const failure = await new Promise<Error | null>((resolve) => {
        const cleanups: Array<() => void> = [];
        const finish = (err?: Error) => {
          for (const c of cleanups) c();
          resolve(err ?? null);
        };
        const dispatch = (w: Worker) => {
          if (next < tasks.length) {
            const id = next++;
            w.postMessage({ type: 'task', id, task: tasks[id] });
          }
        };
        for (const w of active) {
          const onMessage = (reply: Reply) => {
            if (reply.error) return finish(Object.assign(new Error(reply.error.message), { stack: reply.error.stack }));
            if (reply.share !== undefined) return progress.share(reply.id, reply.share);
            out[reply.id] = reply.result!;
            if (progress.finish(reply.id) === tasks.length) return finish();
            dispatch(w);
          };
          const onError = (err: Error) => finish(err);
          const onExit = (code: number) => finish(new Error(`a replication worker stopped (exit code ${code})`));
          w.on('message', onMessage);
          w.on('error', onError);
          w.on('exit', onExit);
          cleanups.push(() => {
            w.off('message', onMessage);
            w.off('error', onError);
            w.off('exit', onExit);
          });
          dispatch(w);
          dispatch(w);
        }
      });
      if (failure) {
        // Other workers may still be busy with this run's tasks: stop them all, start afresh next time.
        await this.close();
        throw failure;
      }
      return out;
    },
    async close() {
      const stopping = pool;
      pool = [];
      await Promise.all(stopping.map((w) => w.terminate()));
    },
  };
}
