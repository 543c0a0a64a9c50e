/**
 * The sweep the sweep-folder tests damage (integrity, hardening, fuzz): a 3 × 3 grid on Site 2,
 * and a run of it stopped by Ctrl-C once some points are complete.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
/** The resume state a running sweep keeps in its folder. */
export const STATE = '.sweep-state.json';

/** Write the 9-point sweep file `name` into `work`; returns its path. */
export function writeSiteSweep(work: string, name: string, run: { replications: number; years: number; warmupDays: number }): string {
  const file = join(work, 'sweep.yaml');
  writeFileSync(
    file,
    `name: ${name}
base: ${join(root, 'scenarios/site-2.yaml')}
factors:
  - path: policy.sessionCap
    values: [2, 4, open]
  - path: referrals.practices.0.referralsPerMonth
    range: { from: 10, to: 30, steps: 3 }
replications: ${run.replications}
years: ${run.years}
warmupDays: ${run.warmupDays}
metrics: [waitDays, overloadIndex]
`,
  );
  return file;
}

/** Run the sweep into `out` on one worker and stop it with SIGINT once `points` points are complete (it must exit 130). */
export async function interruptSweep(sweepFile: string, out: string, points: number): Promise<void> {
  const child = spawn(process.execPath, [bin, 'sweep', sweepFile, '--workers', '1', '--no-charts', '--out', out], {
    cwd: root,
    env: { ...process.env, CI: 'true' },
  });
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const state = join(out, STATE);
      try {
        if (existsSync(state) && JSON.parse(readFileSync(state, 'utf8')).completed >= points) {
          clearInterval(timer);
          child.kill('SIGINT');
          resolve();
        }
      } catch {
        /* being written */
      }
    }, 10);
  });
  expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(130);
}
