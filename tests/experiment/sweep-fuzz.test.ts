/**
 * Fuzz of the sweep's inputs (issue #26 §9, §5): a seeded generator damages sweep output folders
 * (an interrupted sweep for `sweep --resume`, finished shards for `merge`) and mutates sweep
 * files (for `validate`, and a few small accepted ones for `sweep`), and runs each through the
 * built CLI. Damage: a file replaced by a folder, a link to /dev/zero, to a folder or to nothing,
 * a FIFO, an empty, truncated, extended, sparse multi-GB or binary file, one byte changed, JSON
 * with a field deleted or given another type, a file deleted, the folder made a file. Sweep-file
 * mutations: extreme and wrong-typed run options, design parameters, factor paths, values and
 * ranges, unknown keys, names.
 *
 * Every outcome must be exit 0, or exit 2 with a message: never an "unexpected error", a stack
 * trace, an abort (std::bad_alloc, exit 134) or a hang (a per-case time limit).
 * GOLDILOCKS_SWEEP_FUZZ_CASES=n (default 40 folders and 80 files) and GOLDILOCKS_SWEEP_FUZZ_SEED=n
 * explore further; a failure names its case, whose files stay in the temporary folder.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createStream } from '../../src/random/index.js';
import { tempDir } from '../setup/temp.js';
import { interruptSweep, STATE, writeSiteSweep } from './sweep-fixture.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const CASES = Number(process.env.GOLDILOCKS_SWEEP_FUZZ_CASES ?? 40);
const SEED = Number(process.env.GOLDILOCKS_SWEEP_FUZZ_SEED ?? 26);
const LIMIT_MS = 45_000;

const rng = createStream(SEED, 0, 'sweep-fuzz');
const u = () => rng.next();
const int = (n: number) => Math.floor(u() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chance = (p: number) => u() < p;

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  timedOut: boolean;
  ms: number;
}

function cli(args: string[], limit = LIMIT_MS): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limit);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr, stdout, timedOut, ms: Date.now() - started });
    });
  });
}

async function pool<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]);
      }
    }),
  );
  return out;
}

/** What is wrong with an outcome, or null when it keeps the contract (exit 0, or exit 2 with a message). */
function breach(o: Outcome): string | null {
  if (o.timedOut) return 'hang (killed at the time limit)';
  if (o.signal) return `killed by ${o.signal}`;
  if (/unexpected error/.test(o.stderr)) return 'unexpected error';
  if (/^ {4}at /m.test(o.stderr) || /bad_alloc|Aborted|FATAL ERROR/.test(o.stderr)) return 'crash';
  if (o.code !== 0 && o.code !== 2) return `exit ${o.code}`;
  if (o.code === 2 && !/goldilocks: |FAIL /.test(o.stderr + o.stdout)) return 'exit 2 without a message';
  return null;
}

// ------------------------------------------------------------------------ damage to a folder

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const NASTY: Json[] = [null, true, -1, 0, 1e308, -1e308, 2 ** 53 + 2, 0.5, '', 'x', 'NaN', [], {}, [1, 2], { a: 1 }, 'f'.repeat(64), '1/2'];

/** Change one field somewhere in a JSON value (delete it or give it another value). */
function mutateJson(v: Json): Json {
  const paths: Array<Array<string | number>> = [];
  const walk = (x: Json, p: Array<string | number>) => {
    paths.push(p);
    if (Array.isArray(x)) x.forEach((y, i) => walk(y, [...p, i]));
    else if (x && typeof x === 'object') for (const k of Object.keys(x)) walk(x[k], [...p, k]);
  };
  walk(v, []);
  const p = pick(paths.slice(1));
  if (!p) return pick(NASTY);
  const parent = p.slice(0, -1).reduce<Json>((n, k) => (n as Record<string | number, Json>)[k], v) as Record<string | number, Json>;
  const key = p[p.length - 1];
  if (chance(0.3) && !Array.isArray(parent)) delete parent[key];
  else parent[key] = pick(NASTY);
  return v;
}

const DAMAGES: Array<[string, (path: string, dir: string) => void]> = [
  ['a folder', (p) => mkdirSync(p)],
  ['a link to /dev/zero', (p) => symlinkSync('/dev/zero', p)],
  ['a link to a folder', (p, d) => symlinkSync(d, p)],
  ['a link to nothing', (p, d) => symlinkSync(join(d, 'nothing-here'), p)],
  ['a FIFO', (p) => expect(spawnSync('mkfifo', [p]).status).toBe(0)],
  ['an empty file', (p) => writeFileSync(p, '')],
  ['binary bytes', (p) => writeFileSync(p, Buffer.from(Array.from({ length: 1 + int(300) }, () => int(256))))],
];
const CONTENT_DAMAGES: Array<[string, (path: string) => void]> = [
  ['truncated', (p) => truncateSync(p, int(readFileSync(p).length))],
  ['extended with text', (p) => writeFileSync(p, Buffer.concat([readFileSync(p), Buffer.from(`${int(10)},x,${int(99)}\n`)]))],
  ['sparse and huge', (p) => truncateSync(p, (2 + int(3)) * 1024 ** 3)],
  [
    'one byte changed',
    (p) => {
      const b = readFileSync(p);
      if (b.length > 0) b[int(b.length)] = int(256);
      writeFileSync(p, b);
    },
  ],
  [
    'JSON with a field changed',
    (p) => {
      let v: Json;
      try {
        v = JSON.parse(readFileSync(p, 'utf8'));
      } catch {
        v = {};
      }
      writeFileSync(p, JSON.stringify(mutateJson(v)));
    },
  ],
  ['a JSON value of another kind', (p) => writeFileSync(p, JSON.stringify(pick(NASTY)))],
  ['deleted', (p) => rmSync(p, { force: true })],
];

/** Damage 1–3 files of `dir` (or the folder itself, rarely); returns what was done. */
function damageFolder(dir: string, files: string[]): string {
  if (chance(0.04)) {
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'not a folder');
    return 'the folder made a file';
  }
  const done: string[] = [];
  for (let k = 1 + int(chance(0.3) ? 3 : 1); k > 0; k--) {
    const name = pick(files);
    const path = join(dir, name);
    if (chance(0.45)) {
      const [what, make] = pick(DAMAGES);
      rmSync(path, { recursive: true, force: true });
      make(path, dir);
      done.push(`${name}: ${what}`);
    } else if (existsSync(path)) {
      const [what, change] = pick(CONTENT_DAMAGES);
      try {
        change(path);
      } catch {
        continue; // e.g. a folder put there by an earlier damage
      }
      done.push(`${name}: ${what}`);
    }
  }
  return done.join('; ') || 'nothing';
}

// ------------------------------------------------------------------------ mutations of a sweep file

const SWEEP_NASTY: Json[] = [
  0,
  -1,
  1,
  2.5,
  1e9,
  1e308,
  -1e308,
  200,
  200.1,
  10_000,
  10_001,
  2 ** 53,
  2 ** 53 + 2,
  1e-300,
  '',
  'x',
  '20',
  'open',
  'NaN',
  'Infinity',
  null,
  true,
  false,
  [],
  {},
  [1],
  { type: 'lhs', samples: 3 },
  { type: 'morris', trajectories: 2 },
  { type: 'morris', trajectories: 2, bootstrap: 1e15 },
  { type: 'morris', trajectories: 2, levels: 1e9 },
  { type: 'lhs', samples: 1e8 },
  { type: 'lhs', samples: 4, seed: 1e300 },
  'grid',
  '__proto__',
  'constructor',
  'a\nb',
  'a,b',
  'x'.repeat(20_000),
];
const FACTOR_PATHS = [
  'policy.sessionCap',
  'workers.0.count',
  'workers.0.rota',
  'workers.1.count',
  'workers.9.count',
  'referrals.practices.0.referralsPerMonth',
  'patients.sessionsNeeded',
  'patients.sessionsNeeded.mean',
  'run.warmupDays',
  'run.years',
  'policy.__proto__.x',
  'policy',
  '',
  'a..b',
  'costs.groups.constructor.salaryPerWteYear',
  'description',
  'policy.sessionCap.x',
];

function mutateSweep(doc: Record<string, Json>): string[] {
  const done: string[] = [];
  for (let k = chance(0.5) ? 1 : 1 + int(3); k > 0; k--) {
    const factors = doc.factors as Array<Record<string, Json>>;
    const f = Array.isArray(factors) && factors.length > 0 && factors[0] && typeof factors[0] === 'object' ? pick(factors) : null;
    const r = int(8);
    if (r === 0) {
      const key = pick(['replications', 'years', 'warmupDays', 'seed', 'design', 'metrics', 'name', 'base', 'factors', 'unknownKey']);
      doc[key] = pick(SWEEP_NASTY);
      done.push(`${key}=${JSON.stringify(doc[key]).slice(0, 40)}`);
    } else if (r <= 2 && f) {
      f.path = chance(0.7) ? pick(FACTOR_PATHS) : pick(SWEEP_NASTY);
      done.push(`factor path ${JSON.stringify(f.path)}`);
    } else if (r <= 4 && f) {
      if (!Array.isArray(f.values)) f.values = [1];
      const values = f.values as Json[];
      values[int(values.length + 1)] = pick(SWEEP_NASTY);
      done.push('a factor value');
    } else if (r === 5 && f) {
      f.range = { from: pick(SWEEP_NASTY), to: pick(SWEEP_NASTY), ...(chance(0.5) ? { steps: pick(SWEEP_NASTY) } : {}) };
      if (chance(0.7)) delete f.values;
      done.push('a factor range');
    } else if (r === 6) {
      doc[pick(['replications', 'years', 'warmupDays', 'seed'])] = pick([1e9, 1e308, 200.1, -1, 0, 2 ** 53 + 2, 'abc']);
      done.push('a run option out of bounds');
    } else if (f) {
      f.values = Array.from({ length: 1 + int(2_000) }, () => (chance(0.8) ? int(20) - 2 : pick(SWEEP_NASTY)));
      done.push('a long list of values');
    }
  }
  return done;
}

// ------------------------------------------------------------------------ the cases

let work: string;
let sweepFile: string;
let interrupted: string;
let shards: string[];
const OUTPUT_FILES = [STATE, 'results.csv', 'points.csv', 'manifest.json', 'timing.json'];

beforeAll(async () => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  work = tempDir('goldilocks-sweep-fuzz-');
  sweepFile = writeSiteSweep(work, 'fuzz', { replications: 2, years: 1, warmupDays: 30 });
  interrupted = join(work, 'interrupted');
  await interruptSweep(sweepFile, interrupted, 2);
  shards = [1, 2].map((k) => join(work, `shard-${k}`));
  await Promise.all(
    shards.map(async (dir, i) => expect((await cli(['sweep', sweepFile, '--shard', `${i + 1}/2`, '--workers', '1', '--out', dir])).code).toBe(0)),
  );
}, 120_000);

describe('fuzzed sweep folders and sweep files: exit 0 or a clean exit 2, never a crash or a hang', () => {
  it(`${CASES} damaged folders through sweep --resume and merge`, async () => {
    const cases = Array.from({ length: CASES }, (_, i) => {
      const dir = join(work, `case-${i}`);
      if (i % 2 === 0) {
        cpSync(interrupted, dir, { recursive: true });
        return { i, what: `resume: ${damageFolder(dir, OUTPUT_FILES)}`, args: ['sweep', sweepFile, '--workers', '1', '--no-charts', '--resume', '--out', dir] };
      }
      const k = int(2);
      cpSync(shards[k], dir, { recursive: true });
      const what = damageFolder(dir, OUTPUT_FILES.slice(1));
      const dirs = k === 0 ? [dir, shards[1]] : [shards[0], dir];
      return { i, what: `merge (shard ${k + 1}): ${what}`, args: ['merge', ...dirs, '--no-charts', '--out', join(work, `merged-${i}`)] };
    });
    const outcomes = await pool(cases, 3, async (c) => ({ c, o: await cli(c.args) }));
    const failures = outcomes.flatMap(({ c, o }) => {
      const b = breach(o);
      return b ? [`case ${c.i} (${c.what}): ${b}\n${o.stderr.slice(0, 800)}`] : [];
    });
    const counts = {
      cases: outcomes.length,
      'exit 0': outcomes.filter(({ o }) => o.code === 0).length,
      'exit 2': outcomes.filter(({ o }) => o.code === 2).length,
    };
    const slowest = [...outcomes]
      .sort((a, b) => b.o.ms - a.o.ms)
      .slice(0, 3)
      .map(({ c, o }) => `${o.ms} ms: case ${c.i} (${c.what}) exit ${o.code}`);
    console.log('sweep folder fuzz:', counts, 'slowest:', slowest);
    expect(failures, failures.join('\n\n')).toEqual([]);
    expect(counts['exit 2']).toBeGreaterThan(CASES / 2); // the damage is mostly found
  }, 600_000);

  it(`${CASES * 2} mutated sweep files through validate, and a few small accepted ones through sweep`, async () => {
    const base = parseYaml(readFileSync(sweepFile, 'utf8')) as Record<string, Json>;
    const files = Array.from({ length: CASES * 2 }, (_, i) => {
      const doc = structuredClone(base);
      const what = mutateSweep(doc);
      const file = join(work, `sweep-case-${i}.yaml`);
      writeFileSync(file, stringifyYaml(doc, { lineWidth: 0 }));
      return { file, what };
    });
    const batches: Array<typeof files> = [];
    for (let i = 0; i < files.length; i += 20) batches.push(files.slice(i, i + 20));
    const failures: string[] = [];
    const accepted: string[] = [];
    await pool(batches, 3, async (batch) => {
      const o = await cli(['validate', ...batch.map((f) => f.file)], LIMIT_MS + 2_000 * batch.length);
      if (breach(o) === null) {
        for (const f of batch) if (o.stdout.includes(`ok   ${f.file}`)) accepted.push(f.file);
        return;
      }
      for (const f of batch) {
        const one = await cli(['validate', f.file]);
        const b = breach(one);
        if (b) failures.push(`${f.file} (${f.what.join('; ')}): ${b}\n${one.stderr.slice(0, 800)}`);
      }
    });
    // Small accepted files run: whatever validate accepts, sweep must run or refuse cleanly.
    const small = accepted.filter((f) => {
      const d = parseYaml(readFileSync(f, 'utf8')) as Record<string, number>;
      return (d.replications ?? 10) <= 3 && (d.years ?? 3) <= 2;
    });
    await pool(small.slice(0, 4), 2, async (f) => {
      const o = await cli(['sweep', f, '--workers', '1', '--no-charts', '--shard', '1/3', '--out', join(work, `run-${readdirSync(work).length}`)], 120_000);
      const b = breach(o);
      if (b) failures.push(`sweep ${f}: ${b}\n${o.stderr.slice(0, 800)}`);
    });
    console.log('sweep file fuzz:', { files: files.length, accepted: accepted.length, runs: Math.min(4, small.length) });
    expect(failures, failures.join('\n\n')).toEqual([]);
  }, 600_000);
});
