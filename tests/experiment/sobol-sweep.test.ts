/**
 * Sobol as a sweep design on the shipped model: the plan (N·(k + 2) points, bounds), the shape of
 * sensitivity.csv, the same bytes after shards + merge, the head comment of
 * scenarios/sweep-sobol.yaml, and agreement with Morris on a clear case.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeShards } from '../../src/experiment/merge.js';
import { loadSweep, runSweep } from '../../src/experiment/sweep.js';
import { planCount, planProblems, planSweep, pointValues } from '../../src/experiment/sweep-points.js';
import { readSensitivity } from '../../src/report/sweep-tables.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');

/** Three factors of scenarios/sweep-morris.yaml, on a short run of the default scenario. */
const FACTORS = `factors:
  - path: workers.0.networkingHoursPerWeek
    range: { from: 0, to: 7.5 }
  - path: patients.didNotAttend
    range: { from: 0, to: 0.3 }
  - path: policy.sessionCap
    values: [3, 4, 5, 6, 8, 10, 12, open]
`;
const RUN = `replications: 2
years: 1
warmupDays: 60
metrics: [unmetNeedShare, overloadIndex]
`;
const N = 16;
const HEADER = 'metric,factor,S1,S1_low,S1_high,ST,ST_low,ST_high';

let work: string;
let sobolFile: string;
let morrisFile: string;

beforeAll(() => {
  work = tempDir('goldilocks-sobol-');
  sobolFile = join(work, 'sobol.yaml');
  morrisFile = join(work, 'morris.yaml');
  const base = `base: ${join(root, 'scenarios/default.yaml')}\n`;
  writeFileSync(sobolFile, `name: sobol-test\n${base}${FACTORS}design: { type: sobol, samples: ${N}, seed: 3, bootstrap: 300 }\n${RUN}`);
  writeFileSync(morrisFile, `name: morris-test\n${base}${FACTORS}design: { type: morris, trajectories: 8, levels: 4, seed: 3, bootstrap: 300 }\n${RUN}`);
});

describe('sobol sweep design', () => {
  it('plans N·(k + 2) points: A, B and A with one column from B, per base row; bounded', () => {
    const { plan } = loadSweep(sobolFile);
    expect(plan.count).toBe(N * (3 + 2));
    const a = pointValues(plan, 5);
    const b = pointValues(plan, 6);
    for (let i = 0; i < 3; i++) expect(pointValues(plan, 7 + i)).toEqual(a.map((v, f) => (f === i ? b[f] : v)));
    const big = { factors: plan.factors, design: { type: 'sobol' as const, samples: 100_001, seed: 1, bootstrap: 0 } };
    expect(planProblems(big)).toEqual([expect.objectContaining({ path: ['design', 'samples'] })]);
    // 1 000 base rows × 102 points × 100 factors = 10.2 million design values, over the bound.
    const wide = {
      factors: Array.from({ length: 100 }, (_, i) => ({ path: `p${i}`, range: { from: 0, to: 1, steps: 2 }, integer: false })),
      design: { ...big.design, samples: 1_000 },
    };
    expect(planProblems(wide)[0]?.message).toMatch(/values; at most/);
    expect(() => planSweep(wide)).toThrow(RangeError);
  });

  it("scenarios/sweep-sobol.yaml's head states the points its design makes", () => {
    const text = readFileSync(join(root, 'scenarios/sweep-sobol.yaml'), 'utf8');
    const { sweep } = loadSweep(join(root, 'scenarios/sweep-sobol.yaml'));
    const m = /(\d+) base rows × \((\d+) \+ 2\) = (\d+) points/.exec(text);
    expect(m).not.toBeNull();
    expect(Number(m?.[1])).toBe((sweep.design as { samples: number }).samples);
    expect(Number(m?.[2])).toBe(sweep.factors.length);
    expect(Number(m?.[3])).toBe(planCount(sweep));
    expect(text).toMatch(new RegExp(`With N = ${m?.[1]} `));
    // The README and docs/model.md quote the same design.
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(`with N = ${m?.[1]}\n  (${m?.[3]} points)`);
    expect(readFileSync(join(root, 'docs/model.md'), 'utf8')).toContain(`(${m?.[2]} factors, N = ${m?.[1]}: ${m?.[3]} points)`);
  });

  it('writes sensitivity.csv (metric, factor, S1 and ST with intervals), the same bytes after shards + merge, and ranks like Morris', async () => {
    const sobol = loadSweep(sobolFile);
    const full = join(work, 'full');
    await runSweep(sobol, { outDir: full, workers: 2, resume: false, shard: null });
    const csv = readFileSync(join(full, 'sensitivity.csv'), 'utf8');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(1 + 2 * 3);
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.map((r) => `${r[0]} ${r[1]}`)).toEqual(['unmetNeedShare', 'overloadIndex'].flatMap((m) => sobol.sweep.factors.map((f) => `${m} ${f.path}`)));
    for (const r of rows) {
      const [s1, s1lo, s1hi, st, stlo, sthi] = r.slice(2).map(Number);
      for (const v of [s1, s1lo, s1hi, st, stlo, sthi]) expect(Number.isFinite(v)).toBe(true);
      expect(s1lo).toBeLessThanOrEqual(s1hi);
      expect(stlo).toBeLessThanOrEqual(sthi);
      // The Jansen total is a mean of squares over a positive variance.
      expect(st).toBeGreaterThanOrEqual(0);
    }

    // Two shards, merged: the same sensitivity.csv, byte for byte.
    const shards = [1, 2].map((k) => join(work, `shard-${k}`));
    for (const [i, dir] of shards.entries()) await runSweep(sobol, { outDir: dir, workers: 1, resume: false, shard: { k: i + 1, n: 2 } });
    const merged = join(work, 'merged');
    mergeShards(shards, merged);
    for (const f of ['points.csv', 'sensitivity.csv']) expect(readFileSync(join(merged, f), 'utf8'), f).toBe(readFileSync(join(full, f), 'utf8'));

    // Agreement with Morris. μ* (mean absolute elementary effect) and ST (expected variance left
    // when all other factors are fixed) both measure a factor's overall influence, interactions
    // included; Campolongo, Cariboni & Saltelli (2007) show μ* to be a good proxy for ST. When one
    // factor clearly dominates (here the session cap on unmet need: with a cap, patients who need
    // more sessions than it allows leave with need unmet; the other two factors barely touch it),
    // both methods must rank it first. "Clearly" is checked, not assumed: its interval lies above
    // every other factor's interval, in both methods.
    const morris = loadSweep(morrisFile);
    const mdir = join(work, 'morris');
    await runSweep(morris, { outDir: mdir, workers: 2, resume: false, shard: null });
    const mu = readSensitivity(readFileSync(join(mdir, 'sensitivity.csv'), 'utf8')).filter((r) => r.metric === 'unmetNeedShare');
    const st = rows.filter((r) => r[0] === 'unmetNeedShare').map((r) => ({ factor: r[1], ST: Number(r[5]), low: Number(r[6]), high: Number(r[7]) }));
    const topMorris = [...mu].sort((a, b) => b.muStar - a.muStar);
    const topSobol = [...st].sort((a, b) => b.ST - a.ST);
    expect(topMorris[0].factor).toBe('policy.sessionCap');
    expect(topSobol[0].factor).toBe(topMorris[0].factor);
    for (const other of topMorris.slice(1)) expect(topMorris[0].muStarCi95[0]).toBeGreaterThan(other.muStarCi95[1]);
    for (const other of topSobol.slice(1)) expect(topSobol[0].low).toBeGreaterThan(other.high);
  }, 120_000);
});
