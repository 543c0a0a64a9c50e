/**
 * The library refuses exactly what the CLI refuses, at once and with the same words, naming the
 * option as each door's user writes it (option `steps` in a call, `--steps` on the command line).
 * These were silent before the job pipeline: explore with one step gave a dial level of NaN, a
 * warm-up longer than the run gave a waiting list of 0 [0, 0], replications of 1.5 ran 2.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare, explore, InputError, OptionError, simulate } from '../../src/index.js';

const root = resolve(import.meta.dirname, '../..');
const small = {
  name: 'api',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
  workers: [{ count: 2 }],
  run: { years: 1, warmupDays: 60, replications: 3 },
};
const work = mkdtempSync(join(tmpdir(), 'gl-refusals-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The CLI's message for the same mistake (first line after "goldilocks: "), and its exit code. */
function cli(...args: string[]): { status: number | null; message: string } {
  const r = spawnSync('node', [join(root, 'bin/goldilocks'), ...args, '--no-charts', '--out', join(work, 'out')], { encoding: 'utf8', cwd: work });
  return { status: r.status, message: r.stderr.replace(/^goldilocks: /, '').split('\n')[0] };
}

/** The library's message, first line. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message.split('\n')[0];
  }
  throw new Error('the library accepted it');
}

const asCli = (m: string) =>
  m
    .replace(/option `replications`/g, '--reps')
    .replace(/option `years`/g, '--years')
    .replace(/option `steps`/g, '--steps')
    .replace(/option `warmupDays`/g, '--warmup-days')
    .replace(/option `seed`/g, '--seed')
    .replace(/option `workers`/g, '--workers');

describe('the library refuses what the CLI refuses, with the same message', () => {
  const cases: Array<{ what: string; lib: () => Promise<unknown>; args: string[] }> = [
    { what: 'explore with one dial step', lib: () => explore(small, { steps: 1 }), args: ['explore', '--steps', '1'] },
    { what: 'a thousand million years', lib: () => simulate(small, { years: 1e9 }), args: ['run', '--years', '1e9'] },
    { what: '200.1 years', lib: () => simulate(small, { years: 200.1 }), args: ['run', '--years', '200.1'] },
    { what: 'negative replications', lib: () => simulate(small, { replications: -1 }), args: ['run', '--reps', '-1'] },
    { what: 'zero replications', lib: () => simulate(small, { replications: 0 }), args: ['run', '--reps', '0'] },
    { what: 'NaN replications', lib: () => simulate(small, { replications: NaN }), args: ['run', '--reps', 'NaN'] },
    { what: '1.5 replications', lib: () => simulate(small, { replications: 1.5 }), args: ['run', '--reps', '1.5'] },
    { what: '10,001 replications', lib: () => simulate(small, { replications: 10_001 }), args: ['run', '--reps', '10001'] },
    { what: 'zero years', lib: () => simulate(small, { years: 0 }), args: ['run', '--years', '0'] },
    { what: 'negative years', lib: () => simulate(small, { years: -1 }), args: ['run', '--years=-1'] },
    { what: 'a fractional seed', lib: () => compare([small, small], { seed: 0.5 }), args: ['compare', 'a.yaml', 'b.yaml', '--seed', '0.5'] },
    { what: 'no workers', lib: () => simulate(small, { workers: 0 }), args: ['run', '--workers', '0'] },
  ];
  for (const c of cases) {
    it(`${c.what}: refused before anything runs`, async () => {
      const lib = await refusal(c.lib());
      const fromCli = cli(...c.args);
      expect(fromCli.status).toBe(2);
      expect(asCli(lib)).toBe(fromCli.message);
      expect(lib).toMatch(/option `\w+`/);
    });
  }

  it("a warm-up as long as the run is refused (it gave a waiting list of 0 [0, 0]), with the library's option names in the hint", async () => {
    const err = await simulate(small, { warmupDays: 400 }).catch((e: unknown) => e as InputError);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(/run\.warmupDays: warm-up \(400 days\) must be shorter than the horizon \(365 days\)/);
    expect((err as Error).message).toMatch(/option `warmupDays`/);
    expect((err as Error).message).not.toMatch(/--/);
  });

  it('an unknown option is refused (a typo is never ignored), as the CLI refuses an unknown flag', async () => {
    const err = await simulate(small, { reps: 5 } as never).catch((e: unknown) => e as OptionError);
    expect(err).toBeInstanceOf(OptionError);
    expect((err as Error).message).toMatch(/unknown option `reps` for run; the options are replications, seed/);
  });

  it('compare needs two scenarios', async () => {
    expect(await refusal(compare([small]))).toBe('compare needs at least two scenarios (the first is the baseline).');
  });

  it('a scenario that is neither an object nor text, a threshold of the wrong shape and a metric named __proto__ are refused with what to pass', async () => {
    expect(await refusal(simulate(undefined as never))).toBe('<object>: a scenario is an object (as in a scenario file) or its YAML/JSON text; got undefined');
    expect(await refusal(compare([small, small], { thresholds: { waitDays: 5 } as never }))).toMatch(
      /^option `thresholds`: waitDays must be \{ absolute: x \}/,
    );
    expect(await refusal(compare([small, small], { thresholds: JSON.parse('{"__proto__": {"absolute": 1}}') }))).toBe(
      'option `thresholds`: no metric "__proto__"; the metrics are listed by `metrics` (e.g. waitDays, overloadIndex).',
    );
  });

  it('--warmup-days auto on a run too short for MSER-5 is refused with what to do (it was an unexpected error)', () => {
    const r = cli('run', '--warmup-days', 'auto', '--years', '0.05', '--reps', '2');
    expect(r.status).toBe(2);
    expect(r.message).toBe('--warmup-days "auto" needs a run of at least 10 weeks (MSER-5 looks at weekly values); this run has 2.');
  });
});
