/**
 * Progress for long commands: a bar with ETA on an interactive terminal, nothing at all when
 * output is piped or in CI, so stdout stays parseable.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

export function progressBar(label: string, unit = 'points'): Progress {
  const interactive = Boolean(process.stderr.isTTY) && !process.env.CI;
  if (!interactive) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} ${unit} | {percentage}% | ETA {eta_formatted}`, stream: process.stderr, hideCursor: true, etaBuffer: 50, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
