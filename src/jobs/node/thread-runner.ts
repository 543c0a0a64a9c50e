/**
 * Replications on this thread and a pool of Node worker threads. A worker thread starts as a new
 * JavaScript engine that compiles the model afresh (a few hundred milliseconds), so this thread
 * does not wait for them: it runs tasks itself from the first moment, and between its own tasks
 * hands the next ones to the threads that are ready (two in flight each). Results are put back in
 * task order, so the output is byte-identical whatever the number of workers.
 *
 * Stragglers: a thread that has just started is still interpreting the model and can take ten
 * times as long over a replication as this thread, so waiting for it at the end made two cores
 * slower than one (bench, "every core"). When this thread has nothing left to hand out, it runs
 * the tasks still in flight on the threads itself whenever it expects to finish them first, and
 * keeps whichever result comes first. A task is a pure function of the variants, the settings and
 * its (variant, replication), so both results are the same bytes. Not with an event log, whose
 * parts a task writes to a file of its own.
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
  /** The run the task belongs to: a thread may still finish a task of an earlier run of the pool. */
  run: number;
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
  let runs = 0;
  const runner: ReplicationRunner = {
    workers,
    async run(variants, settings, tasks, onProgress) {
      if (tasks.length === 0) return [];
      while (pool.length < Math.min(workers - 1, tasks.length - 1)) pool.push(spawnWorker());
      const active = pool.slice(0, Math.min(workers - 1, tasks.length - 1));
      const run = ++runs;
      for (const w of active) w.postMessage({ type: 'init', variants, settings, log });
      const out = new Array<ReplicationResult | undefined>(tasks.length);
      const progress = new SharedProgress(tasks.length, onProgress);
      const queues = new Map<Worker, Straggling>(active.map((w) => [w, { ids: [], headSince: 0, done: 0, busy: 0 }]));
      let next = 0;
      let finished = 0;
      let ownTasks = 0;
      let ownMs = 0;
      const keep = (id: number, result: ReplicationResult) => {
        if (out[id] !== undefined) return; // already run by this thread (a straggler's duplicate)
        out[id] = result;
        finished = progress.finish(id);
      };
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      const notify = () => {
        wake?.();
        wake = null;
      };
      const dispatch = (w: Worker) => {
        const q = queues.get(w)!;
        while (!failure && next < tasks.length && q.ids.length < 2) {
          const id = next++;
          if (q.ids.length === 0) q.headSince = performance.now();
          q.ids.push(id);
          w.postMessage({ type: 'task', run, id, task: tasks[id] });
        }
      };
      const cleanups: Array<() => void> = [];
      for (const w of active) {
        const onMessage = (reply: Reply) => {
          if (failure || reply.run !== run) return;
          if (reply.error) {
            failure = Object.assign(new Error(reply.error.message), { stack: reply.error.stack });
            return notify();
          }
          if (reply.share !== undefined) {
            if (out[reply.id] === undefined) progress.share(reply.id, reply.share);
            return;
          }
          const q = queues.get(w)!;
          const now = performance.now();
          q.busy += now - q.headSince;
          q.done++;
          q.ids.shift();
          q.headSince = now;
          keep(reply.id, reply.result!);
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
        const runHere = (id: number) => {
          const t0 = performance.now();
          const result = runTask(variants, settings, tasks[id], (share) => progress.share(id, share), log, openPart);
          ownMs += performance.now() - t0;
          ownTasks++;
          keep(id, result);
        };
        while (!failure && next < tasks.length) {
          runHere(next++);
          await yieldToMessages();
          for (const w of active) dispatch(w);
        }
        const duplicated = new Set<number>();
        while (!failure && finished < tasks.length) {
          const id = log ? -1 : straggler(queues.values(), out, duplicated, ownMs / Math.max(1, ownTasks), performance.now());
          if (id < 0) {
            await new Promise<void>((resolve) => (wake = resolve));
            continue;
          }
          duplicated.add(id);
          runHere(id);
          await yieldToMessages();
        }
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

/** A thread's tasks in flight (the head is running, the next queued), and its pace so far in this run. */
interface Straggling {
  ids: number[];
  /** When the head task started (when it was handed out, or when the one before it came back). */
  headSince: number;
  /** Tasks it finished in this run, and the milliseconds they took. */
  done: number;
  busy: number;
}

/**
 * The task in flight on a thread that this thread should run itself, or −1: the one expected to
 * come back last, if that is later than this thread would take over it (its mean task time,
 * with a margin for noise). A thread's pace is its mean task time so far; before its first task
 * comes back, the time its head has taken so far is the guess for what it still needs.
 */
export function straggler(queues: Iterable<Straggling>, out: ReadonlyArray<unknown>, duplicated: ReadonlySet<number>, ownMeanMs: number, now: number): number {
  let best = -1;
  let bestRemaining = 1.5 * ownMeanMs;
  for (const q of queues) {
    const elapsed = now - q.headSince;
    const pace = q.done > 0 ? q.busy / q.done : 2 * elapsed;
    let remaining = Math.max(0, pace - elapsed);
    for (const id of q.ids) {
      if (out[id] === undefined && !duplicated.has(id) && remaining > bestRemaining) {
        best = id;
        bestRemaining = remaining;
      }
      remaining += pace;
    }
  }
  return best;
}
