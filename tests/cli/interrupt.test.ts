/**
 * Ctrl-C during run, compare and explore (issue #19, part 5): the command stops, says how far it
 * got and that nothing was written, exits 130 (as sweep does), and leaves the output folder of an
 * earlier run exactly as it was, with no staging folder beside it. On many threads and on one
 * (where the replications run in the command's own thread). And every hint names the command as
 * the person runs it: `npx goldilocks` when npx ran it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
/** No npm in the environment: the plain command (npx sets npm_command=exec for what it runs, vitest among them). */
const env = (() => {
  const e: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  delete e.npm_command;
  return e;
})();

let work: string;

/** Every file under `dir` with its hash (the folder's contents, to compare before and after). */
function contents(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!e.isFile()) continue;
    const path = join(e.parentPath, e.name);
    out[path.slice(dir.length + 1)] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}

/** Start the command, press Ctrl-C once its replications are under way, and wait for it to end. */
async function interrupt(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; stdout: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: work, env: { ...env, GOLDILOCKS_TEST_SIGNALS: '1' } });
  let stderr = '';
  let stdout = '';
  let sent = false;
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => {
    stderr += d;
    // The first progress: the handler is in place and replications are running.
    if (!sent && /\[test\] progress/.test(stderr)) {
      sent = true;
      child.kill('SIGINT');
    }
  });
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
  return { code, signal, stdout, stderr: stderr.replace(/^goldilocks: \[test\].*\n/gm, '') };
}

const LONG = ['--reps', '2000', '--years', '3', '--no-charts'];

describe('Ctrl-C during run, compare and explore', () => {
  beforeAll(() => {
    work = tempDir('goldilocks-interrupt-');
    // An earlier run's folder, which an interrupted run must leave as it was.
    const r = spawnSync(process.execPath, [bin, 'run', '--reps', '2', '--years', '1', '--no-charts', '--out', 'out'], { cwd: work, env, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    writeFileSync(join(work, 'a.yaml'), readFileSync(join(root, 'scenarios/default.yaml'), 'utf8'));
    writeFileSync(join(work, 'b.yaml'), readFileSync(join(root, 'scenarios/default.yaml'), 'utf8').replace(/^name: .*$/m, 'name: other'));
  });

  const cases: Array<[string, string[], RegExp]> = [
    ['run (all cores)', ['run', ...LONG], /after [\d.]+ of 2000 replications;/],
    ['run on one thread (--workers 1)', ['run', ...LONG, '--workers', '1'], /after [\d.]+ of 2000 replications;/],
    ['compare', ['compare', 'a.yaml', 'b.yaml', ...LONG], /after [\d.]+ of 4000 replications of 2 designs;/],
    ['explore', ['explore', '--steps', '3', ...LONG], /after [\d.]+ of 6000 replications of 3 dial levels;/],
  ];

  for (const [what, args, progress] of cases) {
    it(`${what}: says what happened, exits 130, and leaves the earlier output folder untouched`, async () => {
      const before = contents(join(work, 'out'));
      const r = await interrupt([...args, '--out', 'out']);
      expect(r.signal, r.stderr).toBeNull();
      expect(r.code, r.stderr).toBe(130);
      expect(r.stderr).toMatch(
        /^goldilocks: Stopped by Ctrl-C after [\d.]+ of \d+ [^;]*; nothing was written \(out\/ is unchanged\)\. Run the command again to start over\.\n$/,
      );
      expect(r.stderr).toMatch(progress);
      expect(r.stdout).toBe('');
      expect(contents(join(work, 'out'))).toEqual(before);
      // No staging folder (.out.…) left beside it.
      expect(readdirSync(work).filter((f) => f.startsWith('.'))).toEqual([]);
    });
  }

  it('a folder that did not exist is not created', async () => {
    const r = await interrupt(['run', ...LONG, '--out', 'fresh']);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/nothing was written \(fresh\/ was not created\)/);
    expect(readdirSync(work)).not.toContain('fresh');
  });
});

describe('hints name the command as the person runs it', () => {
  it('through `npx goldilocks`, a mistake in a scenario ends with a hint that says `npx goldilocks`', () => {
    writeFileSync(
      join(work, 'bad.yaml'),
      'name: x\nworkers: [{ name: w, count: 1 }]\npatients:\n  sessionsNeeded: { type: triangle, min: 1, mode: 3, max: 6 }\n',
    );
    // npx finds this package's own bin (no network: --offline).
    const npx = spawnSync('npx', ['--offline', 'goldilocks', 'run', join(work, 'bad.yaml'), '--no-charts', '--out', join(work, 'npx-out')], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect(npx.status, npx.stderr).toBe(2);
    expect(npx.stderr).toMatch(/did you mean 'triangular'\?/);
    expect(npx.stderr.trim().split('\n').at(-1)).toBe('Run `npx goldilocks schema` for every field and its default, or see docs/model.md.');
    const validate = spawnSync('npx', ['--offline', 'goldilocks', 'validate', join(work, 'bad.yaml')], { cwd: root, env, encoding: 'utf8' });
    expect(validate.status).toBe(2);
    expect(validate.stderr).toMatch(/Run `npx goldilocks schema`/);
    expect(validate.stderr).not.toMatch(/`goldilocks /);
  });

  it('run directly, the same hint says `goldilocks`', () => {
    const direct = spawnSync(process.execPath, [bin, 'run', join(work, 'bad.yaml'), '--no-charts'], { cwd: work, env, encoding: 'utf8' });
    expect(direct.status).toBe(2);
    expect(direct.stderr.trim().split('\n').at(-1)).toBe('Run `goldilocks schema` for every field and its default, or see docs/model.md.');
  });
});
