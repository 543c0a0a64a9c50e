/**
 * Ctrl-C during run, compare and explore: the job stops at the next replication (the worker
 * threads are stopped at once), the staging folder is removed, the output folder as it was is
 * left alone, and the message says how far the job got and that nothing was written: exit 130,
 * as `sweep` does. A second Ctrl-C ends the process at once (Node's default).
 *
 * A job on one thread runs its replications one at a time here, with a turn of the event loop
 * between them, so that Ctrl-C is heard between replications rather than only at the end.
 *
 * GOLDILOCKS_TEST_SIGNALS=1 (for tests) writes a line to stderr once the handler is in place and at
 * each progress, so a test presses Ctrl-C while replications run (tests/cli/interrupt.test.ts).
 */
import { existsSync } from 'node:fs';
import type { ReplicationRunner } from '../jobs/runner.js';
import { InterruptedError } from './errors.js';

/** Thrown inside the job once Ctrl-C was pressed; turned into the InterruptedError by `error`. */
class Stopped extends Error {}

export interface CtrlC {
  readonly stopped: boolean;
  /** `inner`, stopping at Ctrl-C: no new runs, worker threads stopped, one-thread runs between replications. */
  runner(inner: ReplicationRunner): ReplicationRunner;
  /** Record the job's progress (for the message). */
  progress(done: number, total: number, stage: string): void;
  /** Throw if Ctrl-C was pressed (call before the output is swapped in). */
  check(): void;
  /** The error to end with when Ctrl-C was pressed; otherwise `err` itself. */
  error(err: unknown): unknown;
  /** Remove the handler. */
  dispose(): void;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Listen for Ctrl-C for a job writing to `dir` (whether `dir` exists is noted now, for the message). */
export function onCtrlC(dir: string): CtrlC {
  const existed = existsSync(dir);
  let stopped = false;
  let last: { done: number; total: number; stage: string } | null = null;
  const runners: ReplicationRunner[] = [];
  const onSigint = () => {
    stopped = true;
    for (const r of runners) void r.close();
  };
  process.once('SIGINT', onSigint);
  if (process.env.GOLDILOCKS_TEST_SIGNALS) process.stderr.write('goldilocks: [test] Ctrl-C is handled\n');
  const self: CtrlC = {
    get stopped() {
      return stopped;
    },
    runner(inner) {
      runners.push(inner);
      return {
        workers: inner.workers,
        async run(variants, settings, tasks, onProgress) {
          if (stopped) throw new Stopped();
          if (inner.workers > 1) {
            const out = await inner.run(variants, settings, tasks, onProgress).catch((err: unknown) => {
              throw stopped ? new Stopped() : err;
            });
            if (stopped) throw new Stopped();
            return out;
          }
          const out: Awaited<ReturnType<ReplicationRunner['run']>> = [];
          for (const task of tasks) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            if (stopped) throw new Stopped();
            const base = out.length;
            out.push(...(await inner.run(variants, settings, [task], onProgress && ((d) => onProgress(base + d, tasks.length)))));
          }
          return out;
        },
        close: () => inner.close(),
      };
    },
    progress(done, total, stage) {
      last = { done, total, stage };
      if (process.env.GOLDILOCKS_TEST_SIGNALS) process.stderr.write(`goldilocks: [test] progress ${fmt(done)}/${total}\n`);
    },
    check() {
      if (stopped) throw new Stopped();
    },
    error(err) {
      if (!stopped) return err;
      const where = last ? `after ${fmt(last.done)} of ${last.total} ${last.stage}` : 'before the first replication finished';
      const folder = `${dir.replace(/\/+$/, '')}/`;
      return new InterruptedError(
        `Stopped by Ctrl-C ${where}; nothing was written (${folder} ${existed ? 'is unchanged' : 'was not created'}). Run the command again to start over.`,
      );
    },
    dispose() {
      process.removeListener('SIGINT', onSigint);
    },
  };
  return self;
}
