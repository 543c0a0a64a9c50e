/**
 * Fuzz test of the scenario input (issue 10): a seeded generator mutates the shipped scenario and
 * sweep files (type swaps, deletions, extreme numbers, NaN-ish strings, huge strings, aliases,
 * alias bombs, tags, BOMs and other encodings, binary bytes, truncations, …) and runs each through
 * the compiled CLI, `goldilocks validate FILE`, and a few accepted ones through a short `run`.
 *
 * Every outcome must be exit 0, or exit 2 with the file named: never a stack trace ("    at "),
 * an "unexpected error", exit 1, or a hang (a per-case time limit). Cases run in parallel, several
 * files per `validate` call (the CLI starts in about a second); a batch that fails the contract is
 * re-run file by file to name the culprit. The counts are printed.
 *
 * GOLDILOCKS_FUZZ_CASES=n (default 300), GOLDILOCKS_FUZZ_RUNS=n (default 6) and GOLDILOCKS_FUZZ_SEED=n
 * explore further; a failure prints the case's file, which is kept in the temporary folder.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { createStream } from '../../src/random/index.js';
import { tempDir } from '../setup/temp.js';

/** GOLDILOCKS_FUZZ_ROOT points at another checkout's build (e.g. while this tree is mid-change). */
const root = process.env.GOLDILOCKS_FUZZ_ROOT ?? join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const CASES = Number(process.env.GOLDILOCKS_FUZZ_CASES ?? 300);
const SEED = Number(process.env.GOLDILOCKS_FUZZ_SEED ?? 10);
const RUNS = Number(process.env.GOLDILOCKS_FUZZ_RUNS ?? 6);
const BATCH = 30;
/** Per-case limit for one file; a batch gets this plus a little per file. */
const CASE_LIMIT_MS = 30_000;
const RUN_LIMIT_MS = 40_000;

const rng = createStream(SEED, 0, 'scenario-fuzz');
const u = () => rng.next();
const int = (n: number) => Math.floor(u() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chance = (p: number) => u() < p;

// ------------------------------------------------------------------------ mutations of the data

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = Array<string | number>;

function paths(v: Json, prefix: Path = [], out: Path[] = []): Path[] {
  if (prefix.length > 0) out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...prefix, k], out);
  return out;
}

function getAt(v: Json, p: Path): Json {
  return p.reduce<Json>((node, k) => (node as Record<string | number, Json>)[k], v);
}

function setAt(v: Json, p: Path, value: Json | undefined): void {
  const parent = getAt(v, p.slice(0, -1)) as Record<string | number, Json> | Json[];
  const key = p[p.length - 1];
  if (value === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string, Json>)[key];
  } else {
    Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  }
}

const EXTREME_NUMBERS = [1e308, -1e308, -1, 0, -0.5, 1e-308, 2 ** 53, 2 ** 32, 1e30, 1e15, 1e9, 1e6, 100_001, 0.5, 5_000, 260, 481, 10_001, 201];
const ODD_STRINGS = [
  '.nan',
  'NaN',
  '.inf',
  '-.inf',
  '1e999',
  '',
  'open',
  '0x10',
  '1_000',
  '\x1b[2J\x1b]0;title\x07',
  '__proto__',
  '..',
  '.',
  'a/b',
  'null',
  '~',
  '\u202eevil',
  '\ud800',
];
const ODD_KEYS = ['__proto__', 'constructor', 'prototype', '\x1b[31mred', 'x'.repeat(500), 'netwerkingHours', '', '0'];
const ODD_DISTRIBUTIONS: Json[] = [
  { type: 'normal', mean: 30, sd: 0 },
  { type: 'normal', mean: 30, sd: 5, min: 40, max: 20 },
  { type: 'normal', mean: 30, sd: 1, min: 1000 },
  { type: 'normal', mean: 30, sd: 5 },
  { type: 'triangular', min: 30, mode: 30, max: 30 },
  { type: 'empirical', values: [1, 2], weights: [1e308, 1e308] },
  { type: 'empirical', values: [], weights: [] },
  { type: 'lognormal', mean: 1e300, sd: 1e300 },
  { type: 'lognormal', mean: 1e-300, sd: 1 },
  { type: 'fixed', value: -30 },
  { type: 'uniform', min: -5, max: 5 },
  { type: 'negativeBinomial', mean: 4, sd: 1, min: 1 },
  { type: 'negativeBinomial', mean: 1e9, sd: 1e9, min: 0 },
  { type: 'gamma', shape: 1e-9, scale: 1e9 },
  { type: 'poisson', mean: 1e9 },
  { type: 'exponential', mean: 479 },
  { type: 'bogus', mean: 3 },
  { type: 'normal', mean: 0.5, sd: 1e-9, min: 0 },
];

function mutateData(doc: Json): void {
  const all = paths(doc);
  if (all.length === 0) return;
  const p = pick(all);
  const value = getAt(doc, p);
  switch (int(9)) {
    case 0:
      setAt(doc, p, undefined);
      break;
    case 1:
      setAt(doc, p, pick(EXTREME_NUMBERS) * (chance(0.2) ? -1 : 1));
      break;
    case 2:
      setAt(doc, p, pick(ODD_STRINGS));
      break;
    case 3: // type swap
      setAt(
        doc,
        p,
        typeof value === 'number'
          ? String(value)
          : typeof value === 'string'
            ? chance(0.5)
              ? 1e6
              : value.length
            : Array.isArray(value)
              ? { 0: value[0] ?? null }
              : value && typeof value === 'object'
                ? [value]
                : pick<Json>([null, true, [], {}]),
      );
      break;
    case 4: // huge string
      setAt(doc, p, 'n'.repeat(pick([1_000, 100_000, 1_000_000])));
      break;
    case 5: {
      // an unknown key next to the value
      const parent = getAt(doc, p.slice(0, -1));
      if (parent && typeof parent === 'object' && !Array.isArray(parent))
        Object.defineProperty(parent, pick(ODD_KEYS), { value: 1, enumerable: true, writable: true, configurable: true });
      break;
    }
    case 6: {
      // many copies of a list entry
      const parentPath = p.slice(0, -1);
      const parent = getAt(doc, parentPath);
      if (Array.isArray(parent) && parent.length > 0) {
        const copies = pick([10, 300, 2_000]);
        for (let i = 0; i < copies; i++) parent.push(structuredClone(parent[0]));
      }
      break;
    }
    case 7:
      setAt(doc, p, structuredClone(pick(ODD_DISTRIBUTIONS)));
      break;
    default: // deep nesting
      setAt(doc, p, JSON.parse('['.repeat(200) + ']'.repeat(200)) as Json);
  }
}

// ------------------------------------------------------------------------ mutations of the text

const MUTATE_TEXT: Array<(text: string) => string | Buffer> = [
  (t) => t.slice(0, int(t.length)), // truncated
  (t) => `\uFEFF${t}`, // UTF-8 BOM
  (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')]), // UTF-16
  (t) => Buffer.from(t, 'utf16le'), // UTF-16 without BOM
  (t) => insertBytes(t, Buffer.from(Array.from({ length: 1 + int(8) }, () => int(256)))), // binary bytes
  (t) => insertBytes(t, Buffer.from([0xc3, 0x28, 0xa0, 0xa1])), // invalid UTF-8
  (t) => `${t}\nextra: *nope\n`, // unresolved alias
  (t) => t.replace(/(\n {2}- )/, '$1&g ').replace(/\n(\w+:)/, (m) => `\n${'bomb'}: [${Array(200).fill('*g').join(', ')}]${m}`), // alias reuse
  (t) => `${t}\n${aliasBomb()}`,
  (t) =>
    replaceValue(
      t,
      pick(['!foo 1', '!!binary aGVsbG8=', '!!set {a, b}', '!!timestamp 2001-12-14', '!!omap [{a: 1}]', '!<tag:yaml.org,2002:str> x', '!!float x']),
    ),
  (t) => t.replace(/\n/g, '\r\n'), // CRLF
  (t) => t.replace(/\n {2}/, '\n\t'), // a tab as indentation
  (t) => `${t}\n---\nname: second\n`, // a second document
  (t) => `%YAML 1.1\n---\n${t}`, // YAML 1.1 (yes/no booleans, more tags)
  (t) => lines(t, (ls) => ls.splice(int(ls.length), 1)), // a line deleted
  (t) =>
    lines(t, (ls) => {
      const i = int(ls.length);
      ls.splice(i, 0, ls[i]);
    }), // a line duplicated
  (t) => `${t}\ndescription: ${'['.repeat(20_000)}\n`, // deep flow nesting
  (t) => replaceValue(t, `"${'\\x1b[2J'.repeat(3)}\\u0000\\a"`), // control characters in a string
  (t) => replaceValue(t, pick(['1e999', '-.inf', '.NaN', '0o777', '0b101', '+12e03', '1_000_000', '12:30:00'])),
  (t) => `${t}\n<<: {name: merged}\n`, // a merge key
];

function insertBytes(t: string, bytes: Buffer): Buffer {
  const b = Buffer.from(t);
  const at = int(b.length + 1);
  return Buffer.concat([b.subarray(0, at), bytes, b.subarray(at)]);
}

function lines(t: string, f: (ls: string[]) => void): string {
  const ls = t.split('\n');
  f(ls);
  return ls.join('\n');
}

/** Replace the value of one `key: value` line. */
function replaceValue(t: string, value: string): string {
  return lines(t, (ls) => {
    const candidates = ls.map((l, i) => [l, i] as const).filter(([l]) => /^\s*[\w-]+: \S/.test(l));
    if (candidates.length === 0) return;
    const [l, i] = pick(candidates);
    ls[i] = l.replace(/: .*$/, `: ${value}`);
  });
}

function aliasBomb(): string {
  const levels = ['b0: &b0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++)
    levels.push(
      `b${i}: &b${i} [${Array(10)
        .fill(`*b${i - 1}`)
        .join(', ')}]`,
    );
  return levels.join('\n');
}

// ------------------------------------------------------------------------ running the CLI

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

function cli(args: string[], limitMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Run `work` over `items` with at most `limit` at a time. */
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

type Verdict = 'accepted' | 'clean error' | 'crash' | 'hang' | 'exit 1' | 'unnamed error';

/**
 * What the contract says about one file's part of a CLI outcome. The file is named by
 * `validate`'s "FAIL file" line or in the message itself (a sweep's message may name its base
 * scenario instead, which is the file at fault).
 */
function judge(o: Outcome, file: string, accepted: boolean, rejected: boolean): Verdict {
  if (o.timedOut) return 'hang';
  if (/^ {4}at /m.test(o.stderr) || /unexpected error/.test(o.stderr)) return 'crash';
  if (o.code !== 0 && o.code !== 2) return 'exit 1';
  if (accepted) return 'accepted';
  if (rejected && (o.stderr.includes(basename(file)) || o.stdout.includes(`FAIL ${file}`))) return 'clean error';
  return 'unnamed error';
}

let dir: string;
let files: string[];

beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  dir = tempDir('goldilocks-fuzz-');
  const seeds = readdirSync(join(root, 'scenarios')).filter((f) => f.endsWith('.yaml'));
  // Sweep files name their base scenario relative to themselves: keep the originals beside the cases.
  for (const f of seeds) copyFileSync(join(root, 'scenarios', f), join(dir, f));
  files = [];
  for (let i = 0; i < CASES; i++) {
    const seedName = pick(seeds);
    const seedText = readFileSync(join(root, 'scenarios', seedName), 'utf8');
    let content: string | Buffer = seedText;
    if (chance(0.7)) {
      const doc = parseYaml(seedText) as Json;
      for (let k = 1 + int(3); k > 0; k--) mutateData(doc);
      content = stringifyYaml(doc, { lineWidth: 0 });
    }
    if (chance(0.45) || content === seedText) content = pick(MUTATE_TEXT)(typeof content === 'string' ? content : (content as Buffer).toString('utf8'));
    const file = join(dir, `case-${String(i).padStart(4, '0')}-${seedName}`);
    writeFileSync(file, content);
    files.push(file);
  }
});

describe('fuzzed scenario and sweep files: exit 0 or a clean exit 2, never a crash or a hang', () => {
  it(
    `${CASES} mutated files through validate, and a few through run`,
    async () => {
      const started = Date.now();
      const parallel = Math.max(2, Math.min(4, cpus().length));
      const verdicts = new Map<string, Verdict>();
      const evidence = new Map<string, string>();
      // Node warnings (e.g. "YAMLWarning: Unresolved tag") printed by a command: counted, not failed,
      // because `validate` pre-reads each file with the yaml package's own parse in
      // src/cli/commands/validate.ts (isSweepFile); the scenario loader itself prints none.
      let printedWarnings = 0;
      const warningsIn = (stderr: string) => (stderr.match(/^\(node:\d+\) /gm) ?? []).length;

      const batches: string[][] = [];
      for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
      await pool(batches, parallel, async (batch) => {
        const o = await cli(['validate', ...batch], CASE_LIMIT_MS + 1_000 * batch.length);
        printedWarnings += warningsIn(o.stderr);
        const per = batch.map((f) => judge(o, f, o.stdout.includes(`ok   ${f}`), o.stdout.includes(`FAIL ${f}`)));
        if (per.every((v) => v === 'accepted' || v === 'clean error')) {
          batch.forEach((f, i) => verdicts.set(f, per[i]));
          return;
        }
        // Something broke the contract: find which file, one at a time.
        for (const f of batch) {
          const one = await cli(['validate', f], CASE_LIMIT_MS);
          const v = judge(one, f, one.code === 0 && one.stdout.includes(`ok   ${f}`), one.code === 2);
          verdicts.set(f, v);
          if (v !== 'accepted' && v !== 'clean error')
            evidence.set(f, `validate: exit ${one.code}${one.timedOut ? ' (killed at the time limit)' : ''}\n${one.stderr.slice(0, 1500)}`);
        }
      });

      // A few accepted files (and a rejected one) through a short run: the model must not crash on
      // anything the schema accepted.
      const accepted = files.filter((f) => verdicts.get(f) === 'accepted' && !basename(f).includes('sweep'));
      const rejected = files.filter((f) => verdicts.get(f) === 'clean error' && !basename(f).includes('sweep'));
      const toRun = [...accepted.sort(() => u() - 0.5).slice(0, RUNS - 1), ...rejected.slice(0, 1)];
      const runVerdicts = await pool(toRun, parallel, async (f) => {
        const out = join(dir, `out-${basename(f, '.yaml')}`);
        const o = await cli(['run', f, '--reps', '1', '--years', '0.2', '--warmup-days', '0', '--no-charts', '--out', out], RUN_LIMIT_MS);
        printedWarnings += warningsIn(o.stderr);
        const v = judge(o, f, o.code === 0, o.code === 2);
        if (v !== 'accepted' && v !== 'clean error')
          evidence.set(`${f} (run)`, `run: exit ${o.code}${o.timedOut ? ' (killed at the time limit)' : ''}\n${o.stderr.slice(0, 1500)}`);
        return v;
      });

      const all = [...verdicts.values(), ...runVerdicts];
      const count = (v: Verdict) => all.filter((x) => x === v).length;
      const summary = {
        cases: files.length,
        runs: toRun.length,
        'clean errors': count('clean error'),
        accepted: count('accepted'),
        crashes: count('crash') + count('exit 1'),
        hangs: count('hang'),
        'errors not naming the file': count('unnamed error'),
        'printed warnings': printedWarnings,
        seconds: Math.round((Date.now() - started) / 1000),
      };
      console.log(`scenario fuzz (seed ${SEED}): ${JSON.stringify(summary)}`);
      for (const [f, e] of evidence) console.log(`--- ${f}\n${e}`);
      expect(evidence.size, [...evidence.keys()].join('\n')).toBe(0);
      expect(summary.crashes + summary.hangs + summary['errors not naming the file']).toBe(0);
      expect(summary['printed warnings']).toBe(0); // Node's YAMLWarning never reaches the user
      // The generator must exercise both sides of the contract.
      expect(summary.accepted).toBeGreaterThan(CASES * 0.05);
      expect(summary['clean errors']).toBeGreaterThan(CASES * 0.3);
    },
    Math.max(180_000, CASES * 400 + RUNS * RUN_LIMIT_MS),
  );
});
