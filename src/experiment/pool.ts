/**
 * A pool of worker threads that runs sweep points and hands the results back **in point
 * order**, whatever order the workers finish in. Only a bounded number of points is in flight
 * (two per worker), so memory does not grow with the number of points.
 */
import { Worker } from 'node:worker_threads';
import { InputError, type InputProblem } from '../scenario/errors.js';
import type { PointContext } from './point-runner.js';
import type { SweepValue } from './sweep-schema.js';

interface WorkerReply {
  id: number;
  data?: Float64Array;
  error?: { message: string; stack?: string; input: boolean; file: string; problems: InputProblem[] };
}

/** Start the compiled worker, or under tsx/vitest the TypeScript source through tsx's loader. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new Worker(new URL('./pool-worker.js', here));
  const source = new URL('./pool-worker.ts', here).href;
  return new Worker(`(async () => { const { register } = await import('tsx/esm/api'); register(); await import(${JSON.stringify(source)}); })();`, {
    eval: true,
  });
}

export interface PoolRun {
  /** How many points to run, and the id of the i-th (points are never listed: plans can be large). */
  count: number;
  idAt: (i: number) => number;
  valuesOf: (id: number) => SweepValue[];
  /** Called in the order of the ids. */
  onResult: (id: number, data: Float64Array) => void;
  signal?: AbortSignal;
}

export async function runPointsInPool(ctx: PointContext, workerCount: number, run: PoolRun): Promise<{ completed: number; interrupted: boolean }> {
  const n = Math.max(1, Math.min(workerCount, run.count));
  const workers = Array.from({ length: n }, spawnWorker);
  for (const w of workers) w.postMessage({ type: 'init', ctx });
  const pending = new Map<number, Float64Array>();
  let nextDispatch = 0;
  let nextDeliver = 0;
  let failed: Error | null = null;

  try {
    await new Promise<void>((resolve) => {
      const finish = () => resolve();
      const abort = () => finish();
      run.signal?.addEventListener('abort', abort, { once: true });
      if (run.count === 0 || run.signal?.aborted) return finish();

      const dispatch = (w: Worker) => {
        if (failed || run.signal?.aborted || nextDispatch >= run.count) return;
        const id = run.idAt(nextDispatch++);
        w.postMessage({ type: 'task', id, values: run.valuesOf(id) });
      };
      for (const w of workers) {
        w.on('message', (reply: WorkerReply) => {
          if (failed || run.signal?.aborted) return;
          if (reply.error) {
            const e = reply.error;
            failed = e.input
              ? new InputError(e.file, e.problems, 'Check the factor values in the sweep file.')
              : Object.assign(new Error(e.message), { stack: e.stack });
            return finish();
          }
          pending.set(reply.id, reply.data!);
          try {
            while (nextDeliver < run.count && pending.has(run.idAt(nextDeliver))) {
              const id = run.idAt(nextDeliver);
              const data = pending.get(id)!;
              pending.delete(id);
              run.onResult(id, data);
              nextDeliver++;
            }
          } catch (err) {
            failed = err as Error; // e.g. the disk is full: stop, and let the caller report it
            return finish();
          }
          if (nextDeliver === run.count) return finish();
          dispatch(w);
        });
        w.on('error', (err) => {
          failed = err;
          finish();
        });
        dispatch(w);
        dispatch(w); // two in flight per worker keeps it busy while the main thread writes
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  if (failed) throw failed;
  return { completed: nextDeliver, interrupted: nextDeliver < run.count };
}
