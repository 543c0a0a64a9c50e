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

/** Progress bars and announcements are for a person at a terminal: not when piped, not in CI. */
export function interactive(): boolean {
  return Boolean(process.stderr.isTTY) && !process.env.CI;
}

export function progressBar(label: string, unit = 'points'): Progress {
  if (!interactive()) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} {stage} | {percentage}% | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      etaBuffer: 50,
      clearOnComplete: true,
      // Progress moves within a replication too: 3.4/20 replications.
      formatValue: (v: number, _o: unknown, type: string) => (type === 'value' && !Number.isInteger(v) ? v.toFixed(1) : String(v)),
    },
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
