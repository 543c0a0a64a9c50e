/**
 * Rule: a sweep folder damaged or edited by hand is never resumed or merged into wrong results.
 * `--resume` checks the state file (its own checksum, the plan) and the CSVs (length, rows,
 * sha256 of the complete points); `merge` checks each shard against its manifest. Every way of
 * damaging them below ends with exit 2, a message saying what to do, and no stack trace.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../setup/temp.js';
import { interruptSweep, STATE, writeSiteSweep } from './sweep-fixture.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const FILES = ['results.csv', 'points.csv', 'manifest.json'];

let work: string;
let sweepFile: string;
let interrupted: string; // an unfinished sweep folder (interrupted after some points)
let reference: string; // the same sweep, uninterrupted
let shards: string[];

beforeAll(async () => {
  work = tempDir('goldilocks-integrity-');
  sweepFile = writeSiteSweep(work, 'integrity', { replications: 3, years: 3, warmupDays: 60 });
  reference = join(work, 'reference');
  expect(cli(['sweep', sweepFile, '--workers', '2', '--no-charts', '--out', reference]).code).toBe(0);
  // Interrupt a run (Ctrl-C) once a few points are complete.
  interrupted = join(work, 'interrupted');
  await interruptSweep(sweepFile, interrupted, 3);
  shards = [1, 2].map((k) => join(work, `shard-${k}`));
  for (const [i, dir] of shards.entries()) expect(cli(['sweep', sweepFile, '--shard', `${i + 1}/2`, '--workers', '1', '--out', dir]).code).toBe(0);
}, 120_000);

let copies = 0;
function copyOf(dir: string): string {
  const to = join(work, `copy-${++copies}`);
  cpSync(dir, to, { recursive: true });
  return to;
}

const readState = (dir: string) => JSON.parse(readFileSync(join(dir, STATE), 'utf8'));
/** Write a state file with a valid checksum of its own, as a careful editor (or a bug) might. */
function writeResigned(dir: string, state: Record<string, unknown>) {
  const { stateSha256: _drop, ...fields } = state;
  writeFileSync(join(dir, STATE), JSON.stringify({ ...fields, stateSha256: createHash('sha256').update(JSON.stringify(fields)).digest('hex') }));
}
/** Change one digit inside the complete part of a CSV. */
function editDigit(path: string, within: number) {
  const text = readFileSync(path, 'utf8');
  const at = text.slice(0, within).lastIndexOf('.') + 1;
  const d = text[at];
  writeFileSync(path, text.slice(0, at) + (d === '9' ? '8' : String(Number(d) + 1)) + text.slice(at + 1));
}

function expectRefused(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  expect(r.stderr).not.toMatch(/unexpected error/);
  expect(r.stderr).toMatch(pattern);
}

describe('resume refuses a damaged or edited sweep folder', () => {
  const resume = (dir: string) => cli(['sweep', sweepFile, '--workers', '1', '--no-charts', '--resume', '--out', dir]);
  const next = /Remove the folder .*run the sweep again without --resume/;

  it('an undamaged folder resumes to the uninterrupted result (the control)', () => {
    const dir = copyOf(interrupted);
    expect(resume(dir).code).toBe(0);
    for (const f of FILES) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(reference, f), 'utf8'));
  });

  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ['a truncated state file', (d) => writeFileSync(join(d, STATE), readFileSync(join(d, STATE), 'utf8').slice(0, 40)), /not valid JSON/],
    ['a state file that is null', (d) => writeFileSync(join(d, STATE), 'null'), /not a JSON object/],
    ['an empty state file', (d) => writeFileSync(join(d, STATE), ''), /not valid JSON/],
    ['a shortened results.csv', (d) => truncateSync(join(d, 'results.csv'), Math.floor(statSync(join(d, 'results.csv')).size / 2)), /results\.csv is shorter/],
    ['a deleted points.csv', (d) => rmSync(join(d, 'points.csv')), /points\.csv is missing/],
    ['an edited digit in results.csv', (d) => editDigit(join(d, 'results.csv'), readState(d).resultsBytes), /results\.csv differs from what the sweep wrote/],
    ['an edited digit in points.csv', (d) => editDigit(join(d, 'points.csv'), readState(d).pointsBytes), /points\.csv differs/],
    ['completed off by one', (d) => writeFileSync(join(d, STATE), JSON.stringify({ ...readState(d), completed: readState(d).completed - 1 })), /was edited/],
    ['resultsBytes changed', (d) => writeFileSync(join(d, STATE), JSON.stringify({ ...readState(d), resultsBytes: 10 })), /was edited/],
    ['completed beyond the plan', (d) => writeFileSync(join(d, STATE), JSON.stringify({ ...readState(d), completed: 1000 })), /was edited/],
    // The same edits with the state's own checksum recomputed: the files still give them away.
    [
      'completed off by one (state re-signed)',
      (d) => writeResigned(d, { ...readState(d), completed: readState(d).completed - 1 }),
      /records \d+ rows of results\.csv, but \d+ complete points have/,
    ],
    [
      'resultsBytes changed (state re-signed)',
      (d) => writeResigned(d, { ...readState(d), resultsBytes: readState(d).resultsBytes - 7 }),
      /results\.csv differs/,
    ],
    ['resultsBytes cutting the header (state re-signed)', (d) => writeResigned(d, { ...readState(d), resultsBytes: 10 }), /less than its header/],
    ['completed beyond the plan (state re-signed)', (d) => writeResigned(d, { ...readState(d), completed: 1000 }), /more than the 9 of the plan/],
    ['the state file deleted', (d) => rmSync(join(d, STATE)), /unfinished sweep whose \.sweep-state\.json is missing/],
  ];
  for (const [what, damage, pattern] of cases) {
    it(`${what}: exit 2 and what to do next`, () => {
      const dir = copyOf(interrupted);
      damage(dir);
      const r = resume(dir);
      expectRefused(r, pattern);
      expect(r.stderr).toMatch(next);
    });
  }
});

describe('merge refuses a damaged shard', () => {
  const merge = (dirs: string[], out: string) => cli(['merge', ...dirs, '--no-charts', '--out', out]);

  it('undamaged shards merge to the unsharded result (the control)', () => {
    const out = join(work, 'merged-ok');
    expect(merge(shards, out).code).toBe(0);
    for (const f of FILES) expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(reference, f), 'utf8'));
  });

  const lines = (p: string) => readFileSync(p, 'utf8').split('\n');
  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ['a missing timing.json', (d) => rmSync(join(d, 'timing.json')), /timing\.json is missing/],
    ['a damaged timing.json', (d) => writeFileSync(join(d, 'timing.json'), '{"wall'), /timing\.json is damaged/],
    [
      'a truncated manifest.json',
      (d) => writeFileSync(join(d, 'manifest.json'), readFileSync(join(d, 'manifest.json'), 'utf8').slice(0, 100)),
      /manifest\.json is damaged \(not valid JSON/,
    ],
    ['a manifest.json that is null', (d) => writeFileSync(join(d, 'manifest.json'), 'null'), /manifest\.json is damaged/],
    [
      'a manifest.json without its checksums',
      (d) => {
        const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
        delete m.integrity;
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      },
      /no valid checksums/,
    ],
    [
      'a shard whose last point was cut off',
      (d) => writeFileSync(join(d, 'results.csv'), lines(join(d, 'results.csv')).slice(0, -3).join('\n') + '\n'),
      /results\.csv: (holds \d+ bytes|has no rows)/,
    ],
    [
      'a shard truncated in the middle of a line',
      (d) => truncateSync(join(d, 'points.csv'), statSync(join(d, 'points.csv')).size - 5),
      /points\.csv: holds \d+ bytes/,
    ],
    [
      'an edited digit in a shard',
      (d) => editDigit(join(d, 'results.csv'), statSync(join(d, 'results.csv')).size - 1),
      /results\.csv: differs from what the shard wrote/,
    ],
    ['an unfinished shard (state file still there)', (d) => writeFileSync(join(d, STATE), '{}'), /unfinished shard/],
  ];
  for (const [what, damage, pattern] of cases) {
    it(`${what}: exit 2, what to do next, and no merged folder`, () => {
      const damaged = copyOf(shards[1]);
      damage(damaged);
      const out = join(work, `merged-${copies}`);
      const r = merge([shards[0], damaged], out);
      expectRefused(r, pattern);
      expect(r.stderr).toMatch(/Run that shard again|finish it with|finished shard/);
      expect(existsSync(out)).toBe(false);
    });
  }
});
