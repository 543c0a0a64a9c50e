/**
 * Progress of a shard as plain lines, for cluster logs: a Slurm or Kubernetes task writes to a
 * file, not a terminal, so the bar of progress.ts shows nothing there. At most one line every
 * `intervalSeconds` (GOLDILOCKS_PROGRESS_SECONDS, default 30), counting finished points (those
 * written to disk, which a resumed task does not compute again), e.g.
 *
 *   goldilocks: shard 3/8 of sweep-caps: 40/125 points done (32 %), 1 min 5 s, about 2 min 18 s left
 */
import type { Progress } from './progress.js';

export const PROGRESS_SECONDS_VARIABLE = 'GOLDILOCKS_PROGRESS_SECONDS';
const DEFAULT_SECONDS = 30;

/** The interval from the environment: a number of seconds ≥ 0 (0: a line for every point), else the default. */
export function progressInterval(env: Readonly<Record<string, string | undefined>>): number {
  const v = env[PROGRESS_SECONDS_VARIABLE];
  if (v === undefined || v.trim() === '') return DEFAULT_SECONDS;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : DEFAULT_SECONDS;
}

export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

/** One line: done of total, the share, the time so far and (after a point of this run) the time left at this run's rate. */
export function progressLine(label: string, done: number, total: number, elapsed: number, doneThisRun: number): string {
  const share = total > 0 ? Math.floor((100 * done) / total) : 100;
  const left = doneThisRun > 0 && done < total ? `, about ${duration(((total - done) * elapsed) / doneThisRun)} left` : '';
  return `goldilocks: ${label}: ${done}/${total} points done (${share} %), ${duration(elapsed)}${left}`;
}

export function progressLines(
  label: string,
  intervalSeconds: number,
  write: (line: string) => void,
  now: () => number = () => performance.now() / 1000,
): Progress {
  const start = now();
  let first: number | null = null;
  let last = start; // the first line after one interval: a short shard stays silent
  let lastDone = -1;
  return {
    update(done, total) {
      first ??= done; // points already done when this run started (a resumed shard)
      const t = now();
      if (done === lastDone || t - last < intervalSeconds) return;
      last = t;
      lastDone = done;
      write(`${progressLine(label, done, total, t - start, done - first)}\n`);
    },
    stop() {},
  };
}
