/**
 * Rule (issue #26 §5, §8): a sweep file is checked in time and memory proportional to the file,
 * with the bounds every door uses.
 *  - Its own replications, years, warmupDays and seed get RUN_OPTION_BOUNDS and its words, at
 *    the field's line, before anything runs.
 *  - Each distinct factor value is checked once against its part of the scenario (the schema at
 *    the path, or the closest part with checks of its own: a distribution, a rota block); only a
 *    bounded sample goes through the whole scenario (cross-field checks). A wrong path is one
 *    problem, not one per value. The first 20 problems are described and the rest counted.
 * In-process (no CLI): tests/experiment/sweep-hardening.test.ts has the command-line reproductions.
 */

import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { PointContext } from '../../src/experiment/point-runner.js';
import { checkFactorValues, resolvePath, sampleValues, WHOLE_SAMPLE } from '../../src/experiment/sweep-check.js';
import { loadSweep } from '../../src/experiment/sweep-load.js';
import { runSweep } from '../../src/experiment/sweep.js';
import type { SweepFactor } from '../../src/experiment/sweep-schema.js';
import { InputError, MAX_PROBLEMS_SHOWN } from '../../src/scenario/errors.js';
import { boundWords, RUN_OPTION_BOUNDS } from '../../src/scenario/run-options.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const SITE2 = join(root, 'scenarios/site-2.yaml');

let work: string;
let n = 0;
/** A sweep file over site-2 with `body` after the base line. */
function sweepFile(body: string, base = SITE2): string {
  const f = join(work, `sweep-${++n}.yaml`);
  writeFileSync(f, `name: s\nbase: ${base}\n${body}`);
  return f;
}
function problemsOf(file: string): InputError {
  try {
    loadSweep(file);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return err as InputError;
  }
  throw new Error('expected an InputError');
}
const capFactor = 'factors:\n  - path: policy.sessionCap\n    values: [2, 4]\n';

/** A base scenario with a rota of blocks and a negative binomial, for checks of enclosing parts. */
let richBase: string;
let ctx: PointContext;

beforeAll(() => {
  work = tempDir('goldilocks-factor-check-');
  richBase = join(work, 'rich.yaml');
  writeFileSync(
    richBase,
    `name: rich
run: { years: 2, warmupDays: 60, replications: 2, seed: 1 }
referrals: { practices: [{ name: A, referralsPerMonth: 20 }] }
workers:
  - name: lw
    count: 1
    rota:
      - { days: [mon, tue, wed], from: "09:00", to: "17:00" }
patients:
  sessionsNeeded: { type: negativeBinomial, mean: 4, sd: 3, min: 1 }
  patienceDays: { type: exponential, mean: 60 }
`,
  );
  ctx = loadSweep(sweepFile(capFactor, richBase)).context;
});

describe("a sweep file's own run options have the bounds of every door (§5)", () => {
  const cases: Array<[string, 'replications' | 'years' | 'warmupDays' | 'seed']> = [
    ['replications: 1e9', 'replications'],
    ['replications: 0', 'replications'],
    ['replications: 2.5', 'replications'],
    ['replications: "20"', 'replications'],
    ['years: 1e9', 'years'],
    ['years: 1e308', 'years'],
    ['years: 200.1', 'years'],
    ['years: 0', 'years'],
    ['warmupDays: 1e12', 'warmupDays'],
    ['warmupDays: -1', 'warmupDays'],
    ['seed: 1e300', 'seed'],
    ['seed: -1', 'seed'],
    ['seed: 0.5', 'seed'],
  ];
  for (const [line, key] of cases) {
    it(`${line}: refused at its line with RUN_OPTION_BOUNDS.${key} in its words`, () => {
      const err = problemsOf(sweepFile(`${capFactor}${line}\n`));
      expect(err.problems).toHaveLength(1);
      const [p] = err.problems;
      expect(p.path).toBe(key);
      expect(p.line).toBe(6);
      expect(p.message).toContain(`must be ${boundWords(RUN_OPTION_BOUNDS[key])}`);
      expect(p.message).toMatch(/; got /);
    });
  }

  it('the bounds themselves are accepted (years 200, 10,000 replications, the largest seed)', () => {
    const { context } = loadSweep(sweepFile(`${capFactor}years: 200\nreplications: 10000\nseed: ${Number.MAX_SAFE_INTEGER}\nwarmupDays: 0\n`));
    expect(context.settings).toMatchObject({ replications: 10000, seed: Number.MAX_SAFE_INTEGER, warmupDays: 0 });
  });

  it("the library's sweep takes workers within RUN_OPTION_BOUNDS.workers (a thread each), refused before anything is written", async () => {
    const loaded = loadSweep(sweepFile(capFactor));
    for (const workers of [0, 1e9, 2.5, Number.NaN]) {
      const outDir = join(work, `never-${workers}`);
      await expect(runSweep(loaded, { outDir, workers, resume: false, shard: null })).rejects.toThrow(
        new RegExp(`option \`workers\` must be ${boundWords(RUN_OPTION_BOUNDS.workers)}`),
      );
      expect(existsSync(outDir)).toBe(false);
    }
  });

  it('a design seed has the same bounds', () => {
    const [p] = problemsOf(sweepFile(`${capFactor}design: { type: lhs, samples: 4, seed: 1e300 }\n`)).problems;
    expect(p.path).toBe('design.seed');
    expect(p.message).toContain(boundWords(RUN_OPTION_BOUNDS.seed));
  });

  it('a warm-up as long as the run names the field the sweep file sets, with both numbers', () => {
    const [p] = problemsOf(sweepFile(`${capFactor}years: 0.1\n`)).problems;
    expect(p.path).toBe('years'); // warmupDays comes from the base scenario: years is the line to change
    expect(p.message).toMatch(/warm-up \(\d+ days\) must be shorter than the horizon \(36\.53 days\)/);
  });

  it('Morris bootstrap resamples and levels are bounded (a bootstrap of 1e15 would never finish)', () => {
    const morris = 'factors:\n  - path: policy.sessionCap\n    values: [2, 4]\n  - path: workers.0.count\n    range: { from: 1, to: 2 }\n';
    expect(problemsOf(sweepFile(`${morris}design: { type: morris, trajectories: 2, bootstrap: 1e15 }\n`)).problems[0].message).toMatch(/at most 10,000/);
    expect(problemsOf(sweepFile(`${morris}design: { type: morris, trajectories: 2, levels: 100000 }\n`)).problems[0].message).toMatch(/at most 1000/);
  });

  it('a range too wide to compute with, repeated factor paths and repeated metrics are refused', () => {
    expect(problemsOf(sweepFile('factors:\n  - path: workers.0.count\n    range: { from: -1e308, to: 1e308 }\n')).problems[0].message).toMatch(/too wide/);
    const twice = problemsOf(sweepFile('factors:\n  - path: policy.sessionCap\n    values: [2]\n  - path: policy.sessionCap\n    values: [4]\n')).problems[0];
    expect(twice.path).toBe('factors.1.path');
    expect(problemsOf(sweepFile(`${capFactor}metrics: [waitDays, waitDays]\n`)).problems[0].path).toBe('metrics.1');
  });

  it('a factor value with a line break is refused (it would break the rows of results.csv)', () => {
    const [p] = problemsOf(sweepFile('factors:\n  - path: description\n    values: ["a\\nb", "c"]\n')).problems;
    expect(p.path).toBe('factors.0.values.0');
    expect(p.message).toMatch(/line break/);
  });
});

describe('where a factor value is checked (§8)', () => {
  const at = (path: string) => resolvePath(ScenarioSchema, path.split('.'));

  it('a plain field: the value alone, against the schema at its path', () => {
    expect(at('policy.sessionCap')).toMatchObject({ kind: 'part', depth: 2 });
    expect(at('referrals.practices.0.referralsPerMonth')).toMatchObject({ kind: 'part', depth: 4 });
    expect(at('workers.0.count')).toMatchObject({ kind: 'part', depth: 3 });
  });

  it('inside a distribution or a rota block: that part, whose own checks relate the value to its neighbours', () => {
    expect(at('patients.sessionsNeeded.mean')).toMatchObject({ kind: 'part', depth: 2 });
    expect(at('workers.0.rota.0.from')).toMatchObject({ kind: 'part', depth: 4 }); // workers.0.rota.0
    expect(at('patients.patienceDays.mean')).toMatchObject({ kind: 'part', depth: 2 }); // "open" or a distribution
  });

  it('a path that is wrong whatever the value: a problem of the path', () => {
    expect(at('policy.sessionCapp')).toMatchObject({ kind: 'path', message: expect.stringMatching(/policy has no field "sessionCapp"/) });
    expect(at('policy.sessionCap.x')).toMatchObject({ kind: 'path', message: expect.stringMatching(/single value/) });
    expect(at('nope')).toMatchObject({ kind: 'path', message: expect.stringMatching(/the scenario has no field "nope"/) });
  });

  it('the whole-scenario sample: every value when few, otherwise the extremes, evenly spaced numbers and the first others', () => {
    expect(sampleValues([3, 1, 'open'])).toEqual([3, 1, 'open']);
    const many = [...Array.from({ length: 1000 }, (_, i) => 1000 - i), 'open', 'x'];
    const s = sampleValues(many);
    expect(s.length).toBeLessThanOrEqual(WHOLE_SAMPLE);
    expect(s).toContain(1);
    expect(s).toContain(1000);
    expect(s).toContain('open');
  });
});

describe('factor values: each distinct value once, a bounded sample as a whole scenario (§8)', () => {
  const factor = (path: string, values: Array<number | string | boolean>): SweepFactor => ({ path, values, integer: false });

  it('100,000 values are checked in about a second, with at most WHOLE_SAMPLE whole scenarios per factor', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => 1 + (i % 50_000) / 100);
    const started = performance.now();
    const r = checkFactorValues(
      [factor('referrals.practices.0.referralsPerMonth', values), factor('policy.sessionCap', [2, 4, 'open'])],
      ctx,
      MAX_PROBLEMS_SHOWN,
    );
    const ms = performance.now() - started;
    expect(r).toEqual({ problems: [], omitted: 0, wholeChecks: WHOLE_SAMPLE + 3 });
    expect(ms).toBeLessThan(5_000); // was one whole scenario per value: 19–26 s for a 1 MB file
  });

  it('100,000 bad values: the first 20 described in value order, the rest counted', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => -1 - i);
    const r = checkFactorValues([factor('policy.sessionCap', values)], ctx, MAX_PROBLEMS_SHOWN);
    expect(r.problems).toHaveLength(20);
    expect(r.omitted).toBe(99_980);
    expect(r.wholeChecks).toBe(20); // the 20 described are confirmed whole; nothing passed the field's own check
    expect(r.problems[0]).toEqual({
      path: ['factors', 0, 'values', 0],
      message: expect.stringMatching(/^policy\.sessionCap=-1 is not a valid scenario value \(policy\.sessionCap: /),
    });
    expect(r.problems[19].path).toEqual(['factors', 0, 'values', 19]);
  });

  it('a value listed many times is checked and reported once, at its first place', () => {
    const r = checkFactorValues([factor('policy.sessionCap', [4, -1, 4, -1, -1])], ctx, 20);
    expect(r.problems.map((p) => p.path)).toEqual([['factors', 0, 'values', 1]]);
    expect(r.omitted).toBe(0);
  });

  it('a part that refuses what the whole scenario accepts is not trusted: the factor is checked whole', () => {
    // A stand-in for a resolver mistake: the part at policy.sessionCap replaced by a schema that refuses everything.
    const strict = { kind: 'part' as const, schema: z.never(), depth: 2 };
    expect(resolvePath(ScenarioSchema, ['policy', 'sessionCap'])).toMatchObject({ kind: 'part', depth: 2 });
    const r = checkFactorValues([factor('policy.sessionCap', [2, 4, -1])], ctx, 20, () => strict);
    expect(r.problems.map((p) => p.path)).toEqual([['factors', 0, 'values', 2]]);
    expect(r.wholeChecks).toBeGreaterThanOrEqual(3);
  });

  it("a wrong path is one problem at the factor's path, however many values", () => {
    const values = Array.from({ length: 10_000 }, (_, i) => i);
    for (const path of ['policy.sessionCapp', 'workers.7.count', 'policy.sessionCap.x', 'workers.zero.count', 'policy.__proto__.x']) {
      const r = checkFactorValues([factor(path, values)], ctx, 20);
      expect(r.problems, path).toHaveLength(1);
      expect(r.problems[0].path, path).toEqual(['factors', 0, 'path']);
      expect(r.omitted, path).toBe(0);
    }
  });

  it('a check of the enclosing part: a negative binomial whose sd no longer fits its mean', () => {
    // sd 3 fits a mean up to 1 + 9 = 10; beyond that the distribution is not a negative binomial.
    const r = checkFactorValues([factor('patients.sessionsNeeded.mean', [4, 8, 12])], ctx, 20);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0].path).toEqual(['factors', 0, 'values', 2]);
    expect(r.problems[0].message).toMatch(/patients\.sessionsNeeded\.sd: sd² must exceed mean − min/);
  });

  it('a parameter of a distribution that may also be "open": checked in its distribution', () => {
    const r = checkFactorValues([factor('patients.patienceDays.mean', [30, -5, 90])], ctx, 20);
    expect(r.problems.map((p) => p.path)).toEqual([['factors', 0, 'values', 1]]);
    expect(r.problems[0].message).toMatch(/^patients\.patienceDays\.mean=-5 is not a valid scenario value \(patients\.patienceDays/);
  });

  it('a check of the enclosing part: a rota block that would end before it starts', () => {
    const r = checkFactorValues([factor('workers.0.rota.0.to', ['12:00', '08:00', '25:00'])], ctx, 20);
    expect(r.problems.map((p) => p.path)).toEqual([
      ['factors', 0, 'values', 1],
      ['factors', 0, 'values', 2],
    ]);
    expect(r.problems[0].message).toMatch(/"to" must be later than "from"/);
    expect(r.problems[1].message).toMatch(/HH:MM/);
  });

  it('a cross-field check (the warm-up against the run) is caught in the whole-scenario sample: its extremes', () => {
    // The base runs 2 years (730.5 days): a warm-up of 731 days or more passes the field, fails the scenario.
    const values = Array.from({ length: 50_000 }, (_, i) => i / 50);
    const r = checkFactorValues([factor('run.warmupDays', values)], ctx, 20);
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems.every((p) => /warm-up must be shorter than the run/.test(p.message))).toBe(true);
    expect(r.problems.at(-1)!.path).toEqual(['factors', 0, 'values', 49_999]); // the largest value, in the sample
  });

  it('through the loader: the first 20 problems with the file\'s line, then "… and N more problems"', () => {
    const values = Array.from({ length: 30_000 }, (_, i) => (i % 3 === 0 ? 'nope' : -i)).join(', ');
    const err = problemsOf(sweepFile(`factors:\n  - path: policy.sessionCap\n    values: [${values}]\n`));
    expect(err.problems).toHaveLength(20);
    expect(err.problems[0]).toMatchObject({ path: 'factors.0.values.0', line: 5 });
    // 'nope' once, and 20,000 distinct negative caps
    expect(err.message).toMatch(/… and 19,981 more problems \(fix the ones above first\)\n/);
    expect((err as InputError & { omittedProblems: number }).omittedProblems).toBe(19_981);
  });
});
