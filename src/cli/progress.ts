/**
 * Progress for long commands: a bar with ETA on an interactive terminal, nothing at all when
 * output is piped or in CI, so stdout stays parseable.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  /** `stage` (e.g. "replications of 3 designs") replaces the unit given at the start. */
  update(done: number, total: number, stage?: string): void;
  stop(): void;
}

export function progressBar(label: string, unit = 'points'): Progress {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  if (!interactive) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {stage} | {percentage}% | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 50, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, stage = unit) {
      if (!started) {
        bar.start(total, done, { stage });
        started = true;
      } else {
        if (bar.getTotal() !== total) bar.setTotal(total);
        bar.update(done, { stage });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
