/**
 * The reproductions of issue #26 §5, §8 and §9, through the built CLI (the exit code and the
 * message are the behaviour):
 *  - §5 a sweep file's replications/years/warmupDays/seed out of bounds: exit 2 at the field's
 *    line, with the words of RUN_OPTION_BOUNDS, before anything runs (was: `unexpected error`
 *    for replications 1e9, a sweep without end for years 1e9, a run for years 200.1);
 *    `sweep --workers` has RUN_OPTION_BOUNDS.workers.
 *  - §8 `validate` of a 1 MB sweep file of 100,000 factor values in seconds, not 19–26 s.
 *  - §9 a damaged sweep folder is refused (exit 2, the file named), never a crash: the resume
 *    state as a folder (was EISDIR, exit 1) or a link to /dev/zero (was std::bad_alloc, exit 134),
 *    a FIFO, a huge, empty or truncated file; the same for every file merge reads back; shards of
 *    different runs are refused naming both shards and the field that differs.
 * tests/experiment/sweep-fuzz.test.ts damages folders and files at random.
 */

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundWords, RUN_OPTION_BOUNDS } from '../../src/scenario/run-options.js';
import { tempDir } from '../setup/temp.js';
import { interruptSweep, STATE, writeSiteSweep } from './sweep-fixture.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const cli = (args: string[], timeout = 60_000) => {
  const started = Date.now();
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout, env: { ...process.env, CI: 'true' } });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - started };
};

function expectRefused(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.signal, `killed: ${r.stderr}`).toBeNull();
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at |bad_alloc/);
  expect(r.stderr).toMatch(pattern);
}

let work: string;
let sweepFile: string;
let interrupted: string;
let shards: string[];
let copies = 0;
function copyOf(dir: string): string {
  const to = join(work, `copy-${++copies}`);
  cpSync(dir, to, { recursive: true });
  return to;
}
/** Replace `name` in `dir` by what `make` puts at its path. */
function replace(dir: string, name: string, make: (path: string) => void): string {
  const path = join(dir, name);
  rmSync(path, { recursive: true, force: true });
  make(path);
  return path;
}
const mkfifo = (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0);

beforeAll(async () => {
  work = tempDir('goldilocks-hardening-');
  sweepFile = writeSiteSweep(work, 'hardening', { replications: 2, years: 1, warmupDays: 30 });
  // An unfinished sweep (Ctrl-C after a few points), and the two shards of a finished one.
  interrupted = join(work, 'interrupted');
  await interruptSweep(sweepFile, interrupted, 2);
  shards = [1, 2].map((k) => join(work, `shard-${k}`));
  for (const [i, dir] of shards.entries()) expect(cli(['sweep', sweepFile, '--shard', `${i + 1}/2`, '--workers', '1', '--out', dir]).code).toBe(0);
}, 120_000);

describe("§5: a sweep file's run options are bounded as at every other door, before anything runs", () => {
  const withLine = (line: string) => {
    const f = join(work, `bounds-${++copies}.yaml`);
    writeFileSync(f, `${readFileSync(sweepFile, 'utf8').replace(/^(replications|years|warmupDays): .*\n/gm, '')}${line}\n`);
    return f;
  };
  const cases: Array<[string, keyof typeof RUN_OPTION_BOUNDS]> = [
    ['replications: 1e9', 'replications'], // was: unexpected error (RangeError: Invalid typed array length)
    ['years: 1e9', 'years'], // was: a sweep without end
    ['years: 1e308', 'years'],
    ['years: 200.1', 'years'], // was: run
    ['warmupDays: 1e12', 'warmupDays'],
    ['seed: 1e300', 'seed'],
  ];
  for (const [line, key] of cases) {
    it(`${line}: validate and sweep exit 2 at the line, in the table's words, and nothing is written`, () => {
      const f = withLine(line);
      const out = join(work, `never-${copies}`);
      for (const args of [
        ['validate', f],
        ['sweep', f, '--no-charts', '--out', out],
      ]) {
        const r = cli(args, 30_000);
        expectRefused(
          r,
          new RegExp(
            `${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: ${key}: must be ${boundWords(RUN_OPTION_BOUNDS[key]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
          ),
        );
      }
      expect(existsSync(out)).toBe(false);
    });
  }

  it('sweep --workers has the bounds of RUN_OPTION_BOUNDS.workers', () => {
    for (const w of ['0', '257', '1.5', 'many', '1e9', '']) {
      const r = cli(['sweep', sweepFile, '--workers', w, '--out', join(work, 'never-workers')]);
      expectRefused(r, new RegExp(`^goldilocks: --workers must be ${boundWords(RUN_OPTION_BOUNDS.workers)}`));
    }
    expect(existsSync(join(work, 'never-workers'))).toBe(false);
  });
});

describe('§8: validate costs what the file costs', () => {
  it('a 1 MB sweep file of 100,000 factor values validates in seconds (was 19–26 s and 465 MB)', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => (1 + (i % 9_000) / 100 + i / 1e6).toFixed(6));
    const f = join(work, 'big.yaml');
    writeFileSync(
      f,
      `name: big\nbase: ${join(root, 'scenarios/site-2.yaml')}\nfactors:\n  - path: referrals.practices.0.referralsPerMonth\n    values: [${values.join(', ')}]\nreplications: 1\nyears: 1\nwarmupDays: 30\nmetrics: [waitDays]\n`,
    );
    expect(readFileSync(f).length).toBeGreaterThan(1_000_000);
    const r = cli(['validate', f]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/100000 points/);
    expect(r.ms).toBeLessThan(12_000); // about 1.7 s here, most of it the YAML parse
  });

  it('100,000 bad values: the first 20 problems, then the count of the rest', () => {
    const f = join(work, 'big-bad.yaml');
    writeFileSync(
      f,
      `name: bad\nbase: ${join(root, 'scenarios/site-2.yaml')}\nfactors:\n  - path: policy.sessionCap\n    values: [${Array.from({ length: 100_000 }, (_, i) => -1 - i).join(', ')}]\n`,
    );
    const r = cli(['validate', f]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.includes('is not a valid scenario value'))).toHaveLength(20);
    expect(r.stderr).toMatch(/… and 99,980 more problems \(fix the ones above first\)/);
    expect(r.ms).toBeLessThan(12_000);
  });

  it('a sweep written as JSON, and a scenario whose text mentions factors, are each validated as what they are', () => {
    const json = join(work, 'sweep.json');
    writeFileSync(json, JSON.stringify({ name: 'j', base: join(root, 'scenarios/site-2.yaml'), factors: [{ path: 'policy.sessionCap', values: [2, 4] }] }));
    expect(cli(['validate', json]).stdout).toMatch(/ok {3}.*sweep j: 2 points/);
    const scenario = join(work, 'scenario.yaml');
    writeFileSync(scenario, `${readFileSync(join(root, 'scenarios/site-2.yaml'), 'utf8')}\n# risk factors: none\n`);
    expect(cli(['validate', scenario]).stdout).toMatch(/ok {3}.*\(site-2\)|ok {3}/);
  });
});

describe('§9: sweep --resume refuses a damaged folder (exit 2, the file named), never a crash', () => {
  const resume = (dir: string) => cli(['sweep', sweepFile, '--workers', '1', '--no-charts', '--resume', '--out', dir], 60_000);
  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ['the state file is a folder (was EISDIR, exit 1)', (d) => replace(d, STATE, (p) => mkdirSync(p)), /\.sweep-state\.json is a folder/],
    [
      'the state file is a link to /dev/zero (was std::bad_alloc, exit 134)',
      (d) => replace(d, STATE, (p) => symlinkSync('/dev/zero', p)),
      /\.sweep-state\.json is a symbolic link/,
    ],
    ['the state file is a link to nowhere', (d) => replace(d, STATE, (p) => symlinkSync(join(d, 'nowhere'), p)), /\.sweep-state\.json is a symbolic link/],
    ['the state file is a FIFO', (d) => replace(d, STATE, mkfifo), /\.sweep-state\.json is a pipe/],
    ['the state file is huge', (d) => truncateSync(join(d, STATE), 3 * 1024 ** 3), /\.sweep-state\.json is 3,221,225,472 bytes, more than/],
    ['the state file is empty', (d) => writeFileSync(join(d, STATE), ''), /\.sweep-state\.json is damaged \(not valid JSON: empty\)/],
    ['the state file is truncated', (d) => truncateSync(join(d, STATE), 30), /\.sweep-state\.json is damaged \(not valid JSON/],
    ['the state file is binary', (d) => writeFileSync(join(d, STATE), Buffer.from([0xff, 0xfe, 0, 1, 2])), /\.sweep-state\.json is damaged/],
    ['results.csv is a folder', (d) => replace(d, 'results.csv', (p) => mkdirSync(p)), /results\.csv is a folder/],
    ['results.csv is a link to /dev/zero', (d) => replace(d, 'results.csv', (p) => symlinkSync('/dev/zero', p)), /results\.csv is a symbolic link/],
    ['points.csv is a FIFO', (d) => replace(d, 'points.csv', mkfifo), /points\.csv is a pipe/],
    ['manifest.json is a folder (the end of the run would fail)', (d) => mkdirSync(join(d, 'manifest.json')), /manifest\.json is a folder/],
    ['timing.json is a link', (d) => symlinkSync('/dev/null', join(d, 'timing.json')), /timing\.json is a symbolic link/],
  ];
  for (const [what, damage, pattern] of cases) {
    it(what, () => {
      const dir = copyOf(interrupted);
      damage(dir);
      const r = resume(dir);
      expectRefused(r, pattern);
      expect(r.stderr).toContain(dir);
    });
  }

  it('a fresh sweep into a folder whose manifest.json is a folder is refused before any point runs', () => {
    const dir = join(work, 'fresh-damaged');
    mkdirSync(join(dir, 'manifest.json'), { recursive: true });
    expectRefused(cli(['sweep', sweepFile, '--no-charts', '--out', dir]), /manifest\.json is a folder/);
    expect(existsSync(join(dir, 'results.csv'))).toBe(false);
  });
});

describe('§9: merge refuses damaged shards and shards of different runs', () => {
  const merge = (dirs: string[]) => cli(['merge', ...dirs, '--no-charts', '--out', join(work, `merged-${++copies}`)], 60_000);

  it('the undamaged shards merge (the control)', () => {
    const r = merge(shards);
    expect(r.code, r.stderr).toBe(0);
  });

  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ['manifest.json is a link to /dev/zero', (d) => replace(d, 'manifest.json', (p) => symlinkSync('/dev/zero', p)), /manifest\.json is a device/],
    ['manifest.json is a folder', (d) => replace(d, 'manifest.json', (p) => mkdirSync(p)), /manifest\.json is a folder/],
    ['manifest.json is a FIFO', (d) => replace(d, 'manifest.json', mkfifo), /manifest\.json is a pipe/],
    ['manifest.json is huge', (d) => truncateSync(join(d, 'manifest.json'), 3 * 1024 ** 3), /manifest\.json is [\d,]+ bytes, more than/],
    ['manifest.json is empty', (d) => writeFileSync(join(d, 'manifest.json'), ''), /manifest\.json is damaged/],
    ['results.csv is a FIFO', (d) => replace(d, 'results.csv', mkfifo), /results\.csv is a pipe/],
    ['points.csv is a link to /dev/zero', (d) => replace(d, 'points.csv', (p) => symlinkSync('/dev/zero', p)), /points\.csv: is a device/],
    ['results.csv is a folder', (d) => replace(d, 'results.csv', (p) => mkdirSync(p)), /results\.csv is a folder/],
    [
      'results.csv is huge (sparse)',
      (d) => truncateSync(join(d, 'results.csv'), 3 * 1024 ** 3),
      /results\.csv: holds 3221225472 bytes, its manifest\.json records/,
    ],
    [
      'points.csv is one line of 40 MB, and the manifest records its length',
      (d) => {
        writeFileSync(join(d, 'points.csv'), 'x'.repeat(40 * 1024 * 1024));
        const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
        m.integrity['points.csv'].bytes = 40 * 1024 * 1024;
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      },
      /points\.csv: has a line longer than 16 MB/,
    ],
    ['timing.json is a folder', (d) => replace(d, 'timing.json', (p) => mkdirSync(p)), /timing\.json is a folder/],
    ['timing.json is a link to /dev/zero', (d) => replace(d, 'timing.json', (p) => symlinkSync('/dev/zero', p)), /timing\.json is a device/],
    [
      'a factor of the manifest has neither values nor range (was a TypeError)',
      (d) => {
        const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
        m.factors[0] = { path: m.factors[0].path };
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      },
      /manifest\.json is damaged \(factors missing or not valid\)/,
    ],
    [
      'an unknown metric in the manifest',
      (d) => {
        const m = JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8'));
        m.metrics = ['nope'];
        writeFileSync(join(d, 'manifest.json'), JSON.stringify(m));
      },
      /manifest\.json is damaged \(metrics missing or not valid\)/,
    ],
    [
      'a shard folder that is a file',
      (d) => {
        rmSync(d, { recursive: true });
        writeFileSync(d, 'not a folder');
      },
      /is not a folder/,
    ],
  ];
  for (const [what, damage, pattern] of cases) {
    it(what, () => {
      const dir = copyOf(shards[1]);
      damage(dir);
      const r = merge([shards[0], dir]);
      expectRefused(r, pattern);
      expect(r.stderr).toContain(dir);
    });
  }

  /** A copy of shard 2 whose manifest has `field` changed (its CSVs and checksums untouched). */
  function edited(field: string, value: unknown): string {
    const dir = copyOf(shards[1]);
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    m[field] = value;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(m, null, 2));
    return dir;
  }

  for (const [field, value] of [
    ['seed', 99],
    ['version', '0.0.1'],
    ['scenarioSha256', 'f'.repeat(64)],
    ['sweepSha256', 'e'.repeat(64)],
    ['warmupDays', 31],
  ] as const) {
    it(`shards whose manifests differ in ${field} are refused, naming both shards and the field`, () => {
      const dir = edited(field, value);
      const r = merge([shards[0], dir]);
      expectRefused(r, new RegExp(`${dir} and ${shards[0]} are shards of different runs: their manifest\\.json files differ in "${field}"`));
    });
  }

  it('shards of a run with another seed (a real second run) are refused, naming the seed', () => {
    const other = join(work, 'sweep-seed-5.yaml');
    writeFileSync(other, `${readFileSync(sweepFile, 'utf8')}seed: 5\n`);
    const dir = join(work, 'shard-2-seed-5');
    expect(cli(['sweep', other, '--shard', '2/2', '--workers', '1', '--out', dir]).code).toBe(0);
    expectRefused(merge([shards[0], dir]), /differ in "seed", 5 in .* but 1 in /);
  });

  it('shards run on different Node.js versions merge, and the manifest says which ran which', () => {
    const dir = edited('node', 'v99.0.0');
    const out = join(work, 'merged-nodes');
    const r = cli(['merge', shards[0], dir, '--no-charts', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).node).toBe(`${process.version} (shard 1/2), v99.0.0 (shard 2/2)`);
  });
});

describe('factor values that are text: commas, quotes and letters beyond ASCII', () => {
  const run = (args: string[]) => {
    const r = cli(args, 120_000);
    expect(r.code, r.stderr).toBe(0);
  };
  const same = (a: string, b: string, files: string[]) => {
    for (const f of files) expect(readFileSync(join(b, f)).equals(readFileSync(join(a, f))), f).toBe(true);
  };

  it('a Morris sweep over a value with a comma and quotes writes sensitivity.csv (was a TypeError reading points.csv back)', () => {
    const f = join(work, 'morris-text.yaml');
    writeFileSync(
      f,
      `name: morris-text\nbase: ${join(root, 'scenarios/site-2.yaml')}\nfactors:\n  - path: description\n    values: ["a,b \\"q\\" ö", c]\n  - path: policy.sessionCap\n    values: [2, 6]\ndesign: { type: morris, trajectories: 2 }\nreplications: 1\nyears: 0.5\nwarmupDays: 30\nmetrics: [waitDays]\n`,
    );
    const dirs = ['whole', 'm1', 'm2', 'merged'].map((d) => join(work, `morris-text-${d}`));
    run(['sweep', f, '--workers', '1', '--no-charts', '--out', dirs[0]]);
    expect(readFileSync(join(dirs[0], 'sensitivity.csv'), 'utf8')).toMatch(/^waitDays,policy\.sessionCap,/m);
    run(['sweep', f, '--workers', '1', '--shard', '1/2', '--out', dirs[1]]);
    run(['sweep', f, '--workers', '1', '--shard', '2/2', '--out', dirs[2]]);
    run(['merge', dirs[1], dirs[2], '--no-charts', '--out', dirs[3]]);
    same(dirs[0], dirs[3], ['results.csv', 'points.csv', 'manifest.json', 'sensitivity.csv']);
  });

  it('merge decodes a letter split across its 64 KB reads (was: corrupted, while the checksum of the bytes still matched)', () => {
    const f = join(work, 'utf8.yaml');
    writeFileSync(
      f,
      `name: utf8\nbase: ${join(root, 'scenarios/site-2.yaml')}\nfactors:\n  - path: description\n    values: ["a${'ö'.repeat(4999)}", x]\n  - path: policy.sessionCap\n    values: [2, 4, 6]\nreplications: 3\nyears: 0.3\nwarmupDays: 10\nmetrics: [waitDays, overloadIndex]\n`,
    );
    const dirs = ['whole', 's1', 's2', 'merged'].map((d) => join(work, `utf8-${d}`));
    run(['sweep', f, '--workers', '1', '--no-charts', '--out', dirs[0]]);
    run(['sweep', f, '--workers', '1', '--shard', '1/2', '--out', dirs[1]]);
    run(['sweep', f, '--workers', '1', '--shard', '2/2', '--out', dirs[2]]);
    // The case is real: some 64 KB boundary of a shard's results.csv falls inside a two-byte letter.
    const splits = [dirs[1], dirs[2]].some((d) => {
      const b = readFileSync(join(d, 'results.csv'));
      for (let at = 65_536; at < b.length; at += 65_536) if ((b[at] & 0xc0) === 0x80) return true;
      return false;
    });
    expect(splits).toBe(true);
    run(['merge', dirs[1], dirs[2], '--no-charts', '--out', dirs[3]]);
    same(dirs[0], dirs[3], ['results.csv', 'points.csv', 'manifest.json']);
  });
});
