/**
 * Rule: output folders and files are created with the modes the user's umask allows (folders
 * 0777 & ~umask, files 0666 & ~umask), for every command that writes: run, compare, explore,
 * chart, sweep, merge and report. Under umask 022 colleagues on a shared machine can read them
 * (755/644); under umask 077 nobody else can (700/600). Staging folders used to be made by
 * mkdtemp, which is always 0700, whatever the umask.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const site2 = join(root, 'scenarios/site-2.yaml');
const site4 = join(root, 'scenarios/site-4.yaml');
const quick = ['--reps', '2', '--years', '1', '--warmup-days', '30', '--workers', '1'];

/** The CLI under a given umask, set by the shell that starts it (as a user's login shell would). */
function cliUnder(umask: string, args: string[], cwd: string) {
  const quoted = [process.execPath, bin, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('sh', ['-c', `umask ${umask} && exec ${quoted}`], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every folder and file under `dir` (itself included) whose mode is not the expected one. */
function wrongModes(dir: string, folderMode: number, fileMode: number): string[] {
  const wrong: string[] = [];
  const walk = (path: string) => {
    const st = statSync(path);
    const mode = st.mode & 0o777;
    const want = st.isDirectory() ? folderMode : fileMode;
    if (mode !== want) wrong.push(`${path}: ${mode.toString(8)}, expected ${want.toString(8)}`);
    if (st.isDirectory()) for (const e of readdirSync(path)) walk(join(path, e));
  };
  walk(dir);
  return wrong;
}

let work: string;
beforeAll(() => {
  work = tempDir('goldilocks-modes-');
});

const CASES: Array<{ umask: string; folder: number; file: number }> = [
  { umask: '022', folder: 0o755, file: 0o644 },
  { umask: '077', folder: 0o700, file: 0o600 },
];

describe('output folders honour the umask', () => {
  for (const { umask, folder, file } of CASES) {
    it(`umask ${umask}: run, compare, explore, chart, sweep, merge and report write folders ${folder.toString(8)} and files ${file.toString(8)}`, () => {
      const cwd = join(work, umask);
      mkdirSync(cwd);
      const ok = (args: string[]) => {
        const r = cliUnder(umask, args, cwd);
        expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      };
      ok(['run', site2, ...quick, '--report']); // charts/ too: a subfolder of the staged folder
      ok(['run', site2, ...quick, '--no-charts', '--set', 'policy.sessionCap=8']);
      ok(['compare', site2, site4, ...quick, '--no-charts']);
      ok(['explore', site2, ...quick, '--steps', '2', '--no-charts']);
      ok(['chart', site2, '--reps', '2', '--set', 'run.years=1', '--out', 'output/charted']);
      const sweep = join(cwd, 'sweep.yaml');
      writeFileSync(
        sweep,
        `name: modes\nbase: ${site2}\nfactors:\n  - path: policy.sessionCap\n    values: [2, 4]\nreplications: 1\nyears: 1\nwarmupDays: 30\n`,
      );
      ok(['sweep', sweep, '--workers', '1', '--no-charts']);
      ok(['sweep', sweep, '--workers', '1', '--no-charts', '--shard', '1/2']);
      ok(['sweep', sweep, '--workers', '1', '--no-charts', '--shard', '2/2']);
      ok(['merge', 'output/modes/shard-1-of-2', 'output/modes/shard-2-of-2', '--out', 'output/merged', '--no-charts', '--report']);
      ok(['report', 'output/site-2']);
      const made = readdirSync(join(cwd, 'output')).map((n) => n.replace(/\+set-[0-9a-f]{8}$/, '+set-…'));
      expect(made.sort()).toEqual(['charted', 'compare', 'explore', 'merged', 'modes', 'site-2', 'site-2+set-…']);
      expect(wrongModes(join(cwd, 'output'), folder, file)).toEqual([]);
    });
  }
});
