/**
 * Rule: the output location is checked before any simulation, by every command that writes.
 * A file, a path under a file, a read-only folder, '' or /proc/x fails fast with exit 2, a
 * message naming the path, and no stack trace; nothing is simulated first and nothing hangs.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const asRoot = process.getuid?.() === 0;
const NOBODY = 65534;

/**
 * Root may write anywhere, so as root the read-only cases run the CLI as user nobody. nobody may
 * not be able to reach the checkout (a clone in /root or in a private folder), so it runs a copy
 * of what the CLI needs (bin/, the bundled dist/bundle/, package.json, scenarios/) in a temporary
 * folder. Where nobody cannot run it at all (no setuid, a private temporary folder, node out of
 * reach), those cases are skipped, saying why.
 */
function nobodysCopy(): { app: string } | { skip: string } {
  if (!asRoot) return { app: root };
  if (!existsSync(join(root, 'dist/bundle/main.js'))) return { skip: 'dist/bundle/main.js is missing (npm run build)' };
  const app = tempDir('goldilocks-outpaths-app-');
  chmodSync(app, 0o755);
  for (const path of ['bin', 'dist/bundle', 'package.json', 'scenarios']) cpSync(join(root, path), join(app, path), { recursive: true });
  const r = spawnSync(process.execPath, [join(app, 'bin/goldilocks'), 'schema'], { cwd: app, encoding: 'utf8', uid: NOBODY, gid: NOBODY, timeout: 30_000 });
  if (r.status === 0) return { app };
  const lines = (r.stderr ?? '').trim().split('\n');
  const why = r.error ? String(r.error.message) : (lines.find((l) => /Error|EACCES|EPERM/.test(l)) ?? lines[0] ?? `exit ${r.status}`).trim();
  return { skip: `user nobody cannot run the CLI from ${app}: is a folder on that path closed to other users? (${why})` };
}

const nobody = nobodysCopy();
const readOnlySkip = 'skip' in nobody ? nobody.skip : undefined;
if (readOnlySkip) console.warn(`output-paths.test.ts: the read-only-folder cases are skipped: ${readOnlySkip}`);

/** The CLI; as root, read-only folders are tested as user nobody on its copy (see nobodysCopy). */
function cli(args: string[], opts: { asNobody?: boolean } = {}) {
  const started = Date.now();
  const nobodyRun = opts.asNobody && asRoot && 'app' in nobody;
  const from = nobodyRun ? nobody.app : root;
  const r = spawnSync(process.execPath, [nobodyRun ? join(from, 'bin/goldilocks') : bin, ...args], {
    cwd: from,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
    timeout: 30_000,
    ...(nobodyRun ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, seconds: (Date.now() - started) / 1000, signal: r.signal };
}

let work: string;
let file: string;
let readOnly: string;
let sweepFile: string;
let shard: string;
// Settings that would take minutes to simulate: a check made after the run would time out.
const heavy = ['--reps', '200', '--years', '30'];

beforeAll(() => {
  work = tempDir('goldilocks-outpaths-');
  chmodSync(work, 0o755);
  file = join(work, 'a-file');
  writeFileSync(file, 'not a folder\n');
  readOnly = join(work, 'read-only');
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);
  sweepFile = join(work, 'sweep.yaml');
  writeFileSync(
    sweepFile,
    `name: outpaths\nbase: ${join('app' in nobody ? nobody.app : root, 'scenarios/site-2.yaml')}\nfactors:\n  - path: policy.sessionCap\n    values: [2, 4]\nreplications: 200\nyears: 30\n`,
  );
  shard = join(work, 'shard');
  mkdirSync(shard);
});

function expectFastCleanFailure(r: ReturnType<typeof cli>, shown: string | RegExp) {
  expect(r.signal, 'it hung').toBeNull();
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stderr).not.toMatch(/unexpected error|EEXIST|ENOTDIR|EACCES/);
  if (typeof shown === 'string') expect(r.stderr).toContain(shown);
  else expect(r.stderr).toMatch(shown);
  expect(r.seconds, 'failed only after simulating').toBeLessThan(15);
}

const commands: Array<[string, (out: string) => string[]]> = [
  ['run', (out) => ['run', 'scenarios/site-2.yaml', ...heavy, '--out', out]],
  ['compare', (out) => ['compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', ...heavy, '--out', out]],
  ['explore', (out) => ['explore', 'scenarios/site-2.yaml', ...heavy, '--out', out]],
  ['chart', (out) => ['chart', 'scenarios/site-2.yaml', '--reps', '200', '--set', 'run.years=30', '--out', out]],
  ['sweep', (out) => ['sweep', sweepFile, '--workers', '1', '--out', out]],
  ['merge', (out) => ['merge', shard, '--out', out]],
];

describe('output paths are checked before any simulation', () => {
  for (const [name, args] of commands) {
    it(`${name}: --out naming an existing file`, () => expectFastCleanFailure(cli(args(file)), `${file}: is a file, not a folder`));
    it(`${name}: --out under a file`, () => expectFastCleanFailure(cli(args(join(file, 'sub'))), /which is a file, not a folder/));
    it(`${name}: --out ''`, () => expectFastCleanFailure(cli(args('')), /--out is empty/));
    it(`${name}: --out /proc/x (no endless mkdir)`, () => expectFastCleanFailure(cli(args('/proc/x')), '/proc/x: cannot be written'));
    it.skipIf(readOnlySkip)(`${name}: --out in a read-only folder`, () =>
      expectFastCleanFailure(cli(args(join(readOnly, 'out')), { asNobody: true }), /read-only: (is not writable|is on a read-only)|out: is not writable/),
    );
  }

  it('report: a folder that is a file', () => {
    expectFastCleanFailure(cli(['report', file]), file);
  });

  it.skipIf(readOnlySkip)('report: a folder that is not writable', () => {
    const done = join(work, 'done');
    expect(cli(['run', 'scenarios/site-2.yaml', '--reps', '2', '--years', '1', '--warmup-days', '30', '--no-charts', '--out', done]).code).toBe(0);
    chmodSync(work, 0o777);
    chmodSync(done, 0o555);
    expectFastCleanFailure(cli(['report', done], { asNobody: true }), /is not writable/);
  });

  it('schema --out: a folder, a path under a file', () => {
    expectFastCleanFailure(cli(['schema', '--out', work]), 'is a folder, not a file');
    expectFastCleanFailure(cli(['schema', '--out', join(file, 'x.json')]), 'which is a file, not a folder');
  });

  it.skipIf(readOnlySkip)('schema --out: a read-only folder', () => {
    expectFastCleanFailure(cli(['schema', '--out', join(readOnly, 'x.json')], { asNobody: true }), /is not writable/);
  });

  it('a folder of other files is never replaced, nor the current folder', () => {
    const mine = join(work, 'my-documents');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.docx'), 'precious');
    expectFastCleanFailure(cli(['run', 'scenarios/site-2.yaml', ...heavy, '--out', mine]), /not Goldilocks results/);
    expect(existsSync(join(mine, 'thesis.docx'))).toBe(true);
    expectFastCleanFailure(cli(['run', 'scenarios/site-2.yaml', ...heavy, '--out', '.']), /is the current folder/);
  });
});
