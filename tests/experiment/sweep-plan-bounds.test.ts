/**
 * Rule: sweep plans are never held whole in memory, and plans that could never finish are
 * refused with the bound and its reason. `validate` and `sweep` run here with a 48 MB heap:
 * a plan of 10^7 points validates and runs (one shard), and a grid of 10^8 steps, an lhs of
 * 10^8 samples or Morris with 10^7 trajectories are refused at their line with exit 2.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SweepSchema } from '../../src/experiment/sweep-schema.js';
import { MAX_SWEEP_POINTS, planProblems, planSweep, pointValues, rangeShortfalls, shardPoints, shardSize } from '../../src/experiment/sweep-points.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
/** The CLI with a small heap: any plan built whole in memory would crash it. */
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, CI: 'true', NODE_OPTIONS: '--max-old-space-size=48' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, signal: r.signal };
};

let work: string;
function sweepFile(name: string, steps: number, design: string): string {
  const file = join(work, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
base: ${join(root, 'scenarios/site-2.yaml')}
factors:
  - path: referrals.practices.0.referralsPerMonth
    range: { from: 10, to: 30, steps: ${steps} }
  - path: policy.sessionCap
    values: [2, 4]
design: ${design}
replications: 1
years: 1
warmupDays: 30
metrics: [waitDays]
`,
  );
  return file;
}

beforeAll(() => {
  work = tempDir('goldilocks-bounds-');
});

describe('sweep plans are lazy and bounded', () => {
  it('a grid of 10^7 points validates in a 48 MB heap', () => {
    const r = cli(['validate', sweepFile('grid-1e7', 5_000_000, 'grid')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('10000000 points');
  });

  it('one shard of a 10^7-point grid runs in a 48 MB heap, with the right points', () => {
    const out = join(work, 'grid-shard');
    const r = cli(['sweep', sweepFile('grid-run', 5_000_000, 'grid'), '--shard', '1/2500000', '--workers', '1', '--no-charts', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const ids = readFileSync(join(out, 'points.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => Number(l.split(',')[0]));
    expect(ids).toEqual([0, 2_500_000, 5_000_000, 7_500_000]);
  });

  it('an lhs of 10^6 samples validates without drawing the design', () => {
    const r = cli(['validate', sweepFile('lhs-1e6', 5, '{ type: lhs, samples: 1000000 }')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('1000000 points');
  });

  const refused: Array<[string, number, string, RegExp]> = [
    [
      'a grid of 10^8 steps',
      100_000_000,
      'grid',
      /grid-1e8\.yaml:\d+: factors: the sweep has at least 100,000,000 points; a sweep may have at most 10,000,000, because a bigger one could never finish/,
    ],
    [
      'an lhs of 10^8 samples',
      5,
      '{ type: lhs, samples: 100000000 }',
      /lhs-1e8\.yaml:\d+: design\.samples: the sweep has 100,000,000 points; a sweep may have at most 10,000,000/,
    ],
    [
      'Morris with 10^7 trajectories',
      5,
      '{ type: morris, trajectories: 10000000 }',
      /morris-1e7\.yaml:\d+: design\.trajectories: at most 10,000 Morris trajectories/,
    ],
    [
      'an lhs design too big to hold',
      5,
      '{ type: lhs, samples: 9000000 }',
      /design\.samples: the design has 9,000,000 points × 2 factors = 18,000,000 values; at most 10,000,000/,
    ],
  ];
  const names = ['grid-1e8', 'lhs-1e8', 'morris-1e7', 'lhs-wide'];
  refused.forEach(([what, steps, design, pattern], i) => {
    it(`${what} is refused by validate and sweep, with the bound and the reason`, () => {
      const file = sweepFile(names[i], steps, design);
      for (const args of [
        ['validate', file],
        ['sweep', file, '--workers', '1', '--out', join(work, `never-${i}`)],
      ]) {
        const r = cli(args);
        expect(r.signal).toBeNull();
        expect(r.code, r.stderr).toBe(2);
        expect(r.stderr).not.toMatch(/\n\s+at |heap out of memory/);
        expect(r.stderr).toMatch(pattern);
      }
    });
  });

  it('grid points are computed from the id, and shards are counted, not listed', () => {
    const factors = [
      { path: 'a', range: { from: 0, to: 1, steps: 1_000_000 }, integer: false },
      { path: 'b', values: [1, 2, 'open', 4, 5, 6, 7, 8, 9, 10], integer: false },
    ];
    const plan = planSweep({ factors, design: 'grid' });
    expect(plan.count).toBe(MAX_SWEEP_POINTS);
    expect(pointValues(plan, MAX_SWEEP_POINTS - 1)).toEqual([1, 10]);
    expect(pointValues(plan, 12)).toEqual([1 / 999_999, 'open']);
    expect(shardSize(MAX_SWEEP_POINTS, { k: 3, n: 7 })).toBe(1_428_572); // ids 2, 9, …, 9 999 999
    for (let n = 1; n <= 6; n++)
      for (let k = 1; k <= n; k++) for (const count of [0, 1, 5, 12]) expect(shardSize(count, { k, n })).toBe(shardPoints(count, { k, n }).length);
    expect(planProblems({ factors: [...factors, { path: 'c', values: [1, 2], integer: false }], design: 'grid' })[0].message).toMatch(/at most 10,000,000/);
  });

  it('a range with a step: from, from + step, … up to to (within round-off), as a person wrote them; step and steps exclude each other', () => {
    const grid = (range: object) => {
      const factors = [{ path: 'workers.0.count', range, integer: false }] as Parameters<typeof planSweep>[0]['factors'];
      const plan = planSweep({ factors, design: 'grid' });
      return Array.from({ length: plan.count }, (_, i) => pointValues(plan, i)[0]);
    };
    expect(grid({ from: 1, to: 3, step: 0.5 })).toEqual([1, 1.5, 2, 2.5, 3]);
    expect(grid({ from: 0.1, to: 0.7, step: 0.1 })).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
    expect(grid({ from: 1, to: 3.2, step: 1 })).toEqual([1, 2, 3]); // never past "to"
    expect(grid({ from: 2, to: 10 })).toEqual([2, 4, 6, 8, 10]); // neither: 5 evenly spaced
    const both = SweepSchema.safeParse({ name: 's', base: 'b.yaml', factors: [{ path: 'a', range: { from: 0, to: 1, step: 0.5, steps: 3 } }] });
    expect(both.success).toBe(false);
    expect(both.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain('factors.0.range.steps: give step or steps, not both');
    for (const design of [
      { type: 'lhs', samples: 5, seed: 1 },
      { type: 'morris', trajectories: 4, levels: 4, seed: 1, bootstrap: 0 },
    ] as const)
      expect(planProblems({ factors: [{ path: 'a', range: { from: 1, to: 4, step: 0.5 }, integer: false }], design })).toEqual([
        {
          path: ['factors', 0, 'range', 'step'],
          message: expect.stringMatching(/^a step spaces the values of a grid; a (lhs|morris) design draws values from the whole range 1 to 4/),
        },
      ]);
    expect(planProblems({ factors: [{ path: 'a', range: { from: 0, to: 1, step: 1e-300 }, integer: false }], design: 'grid' })[0].message).toMatch(
      /at most 10,000,000/,
    );
  });
});

describe('a range whose step stops short of to', () => {
  it('is noted with the value it stops at and how to reach to; a step that lands on to, or steps, is not', () => {
    const notes = rangeShortfalls([
      { path: 'workers.0.count', range: { from: 1, to: 4, step: 2 } },
      { path: 'policy.sessionCap', range: { from: 2, to: 8, step: 2 } },
      { path: 'workers.0.fte', range: { from: 0.5, to: 1.5, step: 0.1 } }, // 0.5 + 10 × 0.1 lands on 1.5 within round-off
      { path: 'referrals.practices.0.referralsPerMonth', range: { from: 10, to: 20 } },
      // Integer factors: the grid rounds its values (1, 2, 3, 4 here) and `to`, so these reach it ...
      { path: 'workers.1.count', integer: true, range: { from: 1, to: 4, step: 0.9 } },
      { path: 'workers.2.count', integer: true, range: { from: 1, to: 4.4, step: 1 } },
      // ... and this one stops at round(8.5) = 9.
      { path: 'workers.3.count', integer: true, range: { from: 1, to: 10, step: 2.5 } },
    ]);
    expect(notes).toEqual([
      'workers.0.count: from 1 to 4 in steps of 2 stops at 3, short of 4; set to: 5 to go one step further, or pick a step that lands on 4',
      'workers.3.count: from 1 to 10 in steps of 2.5 stops at 9, short of 10; set to: 11 to go one step further, or pick a step that lands on 10',
    ]);
  });

  it('is said on stderr by sweep, which still runs the grid the file asks for', () => {
    const dir = tempDir('goldilocks-step-');
    const file = join(dir, 'step.yaml');
    writeFileSync(
      file,
      `name: step\nbase: ${join(root, 'scenarios/default.yaml')}\nfactors:\n  - path: workers.0.count\n    range: { from: 1, to: 4, step: 2 }\nreplications: 2\nyears: 1\n`,
    );
    const r = spawnSync(process.execPath, [join(root, 'bin/goldilocks'), 'sweep', file, '--no-charts', '--workers', '1', '--out', join(dir, 'out')], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('goldilocks: note: workers.0.count: from 1 to 4 in steps of 2 stops at 3, short of 4');
    const counts = readFileSync(join(dir, 'out', 'points.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[1]);
    expect([...new Set(counts)]).toEqual(['1', '3']);
  }, 60_000);
});
