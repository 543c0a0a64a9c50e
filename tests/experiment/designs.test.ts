import { describe, it, expect } from 'vitest';
import { gridDesign, latinHypercube, morrisDelta, morrisDesign, morrisIndices } from '../../src/experiment/designs.js';
import { createStream } from '../../src/random/index.js';

const rng = (name: string, seed = 42) => createStream(seed, 0, name);

describe('gridDesign', () => {
  it('enumerates the full factorial of level indices, last factor fastest', () => {
    const rows = gridDesign([2, 3]);
    expect(rows).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
  });

  it('has product-of-levels rows, all distinct', () => {
    const levels = [3, 2, 4];
    const rows = gridDesign(levels);
    expect(rows).toHaveLength(3 * 2 * 4);
    expect(new Set(rows.map((r) => r.join(','))).size).toBe(rows.length);
    rows.forEach((r) => r.forEach((v, j) => expect(v >= 0 && v < levels[j]).toBe(true)));
    expect(rows[1]).toEqual([0, 0, 1]);
    expect(rows[rows.length - 1]).toEqual([2, 1, 3]);
  });

  it('rejects non-positive or fractional levels', () => {
    expect(() => gridDesign([2, 0])).toThrow(RangeError);
    expect(() => gridDesign([1.5])).toThrow(RangeError);
  });
});

describe('latinHypercube', () => {
  it('puts exactly one point in each of the n strata of every factor', () => {
    const n = 37;
    const k = 5;
    const rows = latinHypercube(n, k, rng('lhs'));
    expect(rows).toHaveLength(n);
    for (let j = 0; j < k; j++) {
      const strata = rows.map((r) => Math.floor(r[j] * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      rows.forEach((r) => expect(r[j] >= 0 && r[j] < 1).toBe(true));
    }
  });

  it('is reproducible for the same seed and differs for another', () => {
    const a = latinHypercube(10, 3, rng('lhs', 1));
    const b = latinHypercube(10, 3, rng('lhs', 1));
    const c = latinHypercube(10, 3, rng('lhs', 2));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });
});

describe('morrisDesign', () => {
  const k = 4;
  const r = 20;
  const p = 4;
  const delta = morrisDelta(p);
  const design = morrisDesign(k, r, p, rng('morris'));

  it('has trajectories × (k + 1) rows of k values in [0, 1] on the level grid', () => {
    expect(delta).toBeCloseTo(2 / 3, 15);
    expect(design).toHaveLength(r * (k + 1));
    for (const row of design) {
      expect(row).toHaveLength(k);
      for (const v of row) {
        expect(v >= 0 && v <= 1).toBe(true);
        expect(Math.abs(v * (p - 1) - Math.round(v * (p - 1)))).toBeLessThan(1e-12);
      }
    }
  });

  it('changes exactly one coordinate by ±Δ per step, each factor once per trajectory', () => {
    for (let t = 0; t < r; t++) {
      const changedFactors: number[] = [];
      for (let s = 1; s <= k; s++) {
        const prev = design[t * (k + 1) + s - 1];
        const next = design[t * (k + 1) + s];
        const changed = next.map((v, j) => (v !== prev[j] ? j : -1)).filter((j) => j >= 0);
        expect(changed).toHaveLength(1);
        expect(Math.abs(Math.abs(next[changed[0]] - prev[changed[0]]) - delta)).toBeLessThan(1e-12);
        changedFactors.push(changed[0]);
      }
      expect([...changedFactors].sort()).toEqual([0, 1, 2, 3]);
    }
  });

  it('is reproducible and rejects odd levels', () => {
    expect(morrisDesign(k, r, p, rng('morris'))).toEqual(design);
    expect(() => morrisDesign(3, 2, 5, rng('x'))).toThrow(RangeError);
  });
});

/** Run `f` over a fresh Morris design and return its indices. */
function analyse(f: (x: number[]) => number, k: number, r = 30, boot = 500, seed = 7) {
  const design = morrisDesign(k, r, 4, rng('morris-design', seed));
  const outputs = design.map(f);
  return morrisIndices(design, outputs, k, { bootstrapSamples: boot, rng: rng('morris-boot', seed) });
}

describe('morrisIndices', () => {
  it('recovers the coefficients of a linear function exactly, with σ = 0 and degenerate CIs', () => {
    const idx = analyse((x) => 3 * x[0] + 0 * x[1] - 2 * x[2], 3);
    const expected = [
      { mu: 3, muStar: 3 },
      { mu: 0, muStar: 0 },
      { mu: -2, muStar: 2 },
    ];
    idx.forEach((m, j) => {
      expect(m.factor).toBe(j);
      expect(Math.abs(m.mu - expected[j].mu)).toBeLessThan(1e-12);
      expect(Math.abs(m.muStar - expected[j].muStar)).toBeLessThan(1e-12);
      expect(Math.abs(m.sigma)).toBeLessThan(1e-12);
    });
    expect(Math.abs(idx[0].muStarCi95[0] - 3)).toBeLessThan(1e-12);
    expect(Math.abs(idx[0].muStarCi95[1] - 3)).toBeLessThan(1e-12);
    expect(Math.abs(idx[0].sigmaCi95[1])).toBeLessThan(1e-12);
  });

  it('flags an interaction y = x0·x1 with σ > 0 for both factors', () => {
    const idx = analyse((x) => x[0] * x[1], 2);
    expect(idx[0].sigma).toBeGreaterThan(0.1);
    expect(idx[1].sigma).toBeGreaterThan(0.1);
    expect(idx[0].muStar).toBeGreaterThan(0);
  });

  it('flags a non-linear y = x0² with μ* > 0 and σ > 0', () => {
    const idx = analyse((x) => x[0] * x[0], 2);
    expect(idx[0].muStar).toBeGreaterThan(0);
    expect(idx[0].sigma).toBeGreaterThan(0.1);
    expect(idx[1].muStar).toBe(0);
  });

  it('gives bootstrap CIs with lo ≤ μ* ≤ hi', () => {
    const idx = analyse((x) => x[0] * x[0] + x[0] * x[1] + 0.5 * x[2], 3);
    for (const m of idx) {
      expect(m.muStarCi95[0]).toBeLessThanOrEqual(m.muStar + 1e-12);
      expect(m.muStar).toBeLessThanOrEqual(m.muStarCi95[1] + 1e-12);
      expect(m.sigmaCi95[0]).toBeLessThanOrEqual(m.sigmaCi95[1]);
    }
    expect(idx[0].muStarCi95[1] - idx[0].muStarCi95[0]).toBeGreaterThan(0);
  });

  it('ranks y = 10·x0 + 1·x1 + 0.1·x2 as x0 > x1 > x2 by μ*', () => {
    const idx = analyse((x) => 10 * x[0] + 1 * x[1] + 0.1 * x[2], 3);
    const ranking = [...idx].sort((a, b) => b.muStar - a.muStar).map((m) => m.factor);
    expect(ranking).toEqual([0, 1, 2]);
  });

  it('is reproducible, drops non-finite outputs, and gives σ = NaN for one trajectory', () => {
    const f = (x: number[]) => 3 * x[0] + x[1];
    expect(analyse(f, 2)).toEqual(analyse(f, 2));
    const design = morrisDesign(2, 5, 4, rng('nan'));
    const outputs = design.map(f);
    outputs[0] = NaN; // drops trajectory 0's first step only
    const idx = morrisIndices(design, outputs, 2, { bootstrapSamples: 50, rng: rng('nan-boot') });
    expect(idx[0].muStar).toBeCloseTo(3, 12);
    expect(idx[1].muStar).toBeCloseTo(1, 12);
    const one = morrisIndices(design.slice(0, 3), design.slice(0, 3).map(f), 2, {
      bootstrapSamples: 10,
      rng: rng('one'),
    });
    expect(one[0].muStar).toBeCloseTo(3, 12);
    expect(one[0].sigma).toBeNaN();
    expect(one[0].sigmaCi95).toEqual([NaN, NaN]);
  });

  it('rejects a design whose size does not match', () => {
    const design = morrisDesign(2, 2, 4, rng('bad'));
    expect(() => morrisIndices(design, design.map(() => 0).slice(1), 2, { bootstrapSamples: 0, rng: rng('b') })).toThrow(RangeError);
  });
});
