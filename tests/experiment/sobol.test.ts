/**
 * Sobol indices (src/experiment/sobol.ts) against the Ishigami function, whose indices are known
 * analytically, and against a factor with no effect. Tolerances come from the bootstrap standard
 * errors of the estimates themselves, not from tuned constants.
 */
import { describe, expect, it } from 'vitest';
import { sobolDesignColumns, sobolIndices, sobolPointCount } from '../../src/experiment/sobol.js';
import { createStream } from '../../src/random/index.js';

/** Ishigami & Homma (1990): f = sin x1 + a sin² x2 + b x3⁴ sin x1 on [−π, π]³. */
const A = 7;
const B = 0.1;
const ishigami = (x: number[]) => Math.sin(x[0]) + A * Math.sin(x[1]) ** 2 + B * x[2] ** 4 * Math.sin(x[0]);

/** Analytic indices (Sobol' & Levitan 1999; Saltelli et al. 2008, §4.9) from the variance terms. */
function ishigamiTruth(): { S1: number[]; ST: number[] } {
  const pi4 = Math.PI ** 4;
  const v1 = 0.5 * (1 + (B * pi4) / 5) ** 2;
  const v2 = A ** 2 / 8;
  const v13 = (B ** 2 * Math.PI ** 8 * 8) / 225;
  const v = v1 + v2 + v13;
  return { S1: [v1 / v, v2 / v, 0], ST: [(v1 + v13) / v, v2 / v, v13 / v] };
}

/** Outputs of `f` over a Saltelli design, with each factor scaled from [0, 1) to [lo, hi). */
function run(f: (x: number[]) => number, samples: number, k: number, seed: number, lo: number, hi: number): number[] {
  const cols = sobolDesignColumns(samples, k, createStream(seed, 0, 'test.sobol.design'));
  return Array.from({ length: sobolPointCount(samples, k) }, (_, p) => f(cols.map((c) => lo + (hi - lo) * c[p])));
}

describe('Saltelli design', () => {
  it('has N·(k + 2) points: A, B, then A with column i from B, row by row; deterministic', () => {
    const cols = sobolDesignColumns(5, 3, createStream(4, 0, 'x'));
    expect(cols).toHaveLength(3);
    expect(cols[0]).toHaveLength(25);
    const row = (p: number) => cols.map((c) => c[p]);
    for (let j = 0; j < 5; j++) {
      const a = row(j * 5);
      const b = row(j * 5 + 1);
      for (let i = 0; i < 3; i++) expect(row(j * 5 + 2 + i)).toEqual(a.map((v, f) => (f === i ? b[f] : v)));
      a.forEach((v, f) => expect(v).not.toBe(b[f]));
    }
    expect(sobolDesignColumns(5, 3, createStream(4, 0, 'x'))).toEqual(cols);
  });
});

describe('Sobol indices', () => {
  it('recover the Ishigami indices (a = 7, b = 0.1) within 4 bootstrap SEs, and the 95 % intervals cover them', () => {
    const truth = ishigamiTruth();
    // The published values, as a check on the formulas above.
    expect(truth.S1.map((s) => s.toFixed(4))).toEqual(['0.3139', '0.4424', '0.0000']);
    expect(truth.ST.map((s) => s.toFixed(4))).toEqual(['0.5576', '0.4424', '0.2437']);
    const k = 3;
    const out = run(ishigami, 20_000, k, 11, -Math.PI, Math.PI);
    const r = sobolIndices(out, k, { bootstrapSamples: 500, rng: createStream(11, 0, 'test.sobol.bootstrap') });
    expect(r.rows).toBe(20_000);
    for (const ix of r.indices) {
      const i = ix.factor;
      for (const [est, ci, se, t] of [
        [ix.S1, ix.S1Ci95, ix.S1Se, truth.S1[i]],
        [ix.ST, ix.STCi95, ix.STSe, truth.ST[i]],
      ] as Array<[number, [number, number], number, number]>) {
        // The bootstrap SE must be small enough for the check to mean something (N = 20 000).
        expect(se).toBeGreaterThan(0);
        expect(se).toBeLessThan(0.02);
        expect(Math.abs(est - t)).toBeLessThan(4 * se);
        expect(ci[0]).toBeLessThanOrEqual(est);
        expect(ci[1]).toBeGreaterThanOrEqual(est);
        expect(ci[0]).toBeLessThanOrEqual(t);
        expect(ci[1]).toBeGreaterThanOrEqual(t);
      }
    }
  });

  it('the 95 % intervals cover the Ishigami truth in about 95 % of independent small designs', () => {
    // 60 designs of N = 400: the coverage of each index is binomial(60, p); with p = 0.95 a
    // rate below 0.95 − 3·SE (SE = √(0.95·0.05/60) ≈ 0.028), i.e. below 0.865, would be a defect.
    const truth = ishigamiTruth();
    const reps = 60;
    const hits = { S1: [0, 0, 0], ST: [0, 0, 0] };
    for (let s = 0; s < reps; s++) {
      const out = run(ishigami, 400, 3, 100 + s, -Math.PI, Math.PI);
      const r = sobolIndices(out, 3, { bootstrapSamples: 300, rng: createStream(100 + s, 0, 'test.sobol.bootstrap') });
      for (const ix of r.indices) {
        if (ix.S1Ci95[0] <= truth.S1[ix.factor] && truth.S1[ix.factor] <= ix.S1Ci95[1]) hits.S1[ix.factor]++;
        if (ix.STCi95[0] <= truth.ST[ix.factor] && truth.ST[ix.factor] <= ix.STCi95[1]) hits.ST[ix.factor]++;
      }
    }
    const floor = 0.95 - 3 * Math.sqrt((0.95 * 0.05) / reps);
    for (const key of ['S1', 'ST'] as const) hits[key].forEach((h, i) => expect(h / reps, `${key} x${i + 1}`).toBeGreaterThan(floor));
  });

  it('give a factor with no effect S1 ≈ 0 and ST = 0, with an interval containing 0', () => {
    // y = x1 + 2·x2 (x3 unused): S1 = ST = (1/5, 4/5, 0).
    const out = run((x) => x[0] + 2 * x[1], 2_000, 3, 5, 0, 1);
    const r = sobolIndices(out, 3, { bootstrapSamples: 500, rng: createStream(5, 0, 'b') });
    const [x1, x2, none] = r.indices;
    // x3 never changes the output, so f(A_B^(3)) = f(A) exactly: ST is 0 and S1 is 0 up to rounding.
    expect(none.ST).toBe(0);
    expect(Math.abs(none.S1)).toBeLessThan(1e-12);
    expect(none.S1Ci95[0]).toBeLessThanOrEqual(0);
    expect(none.S1Ci95[1]).toBeGreaterThanOrEqual(0);
    expect(none.STCi95).toEqual([0, 0]);
    for (const [ix, t] of [
      [x1, 0.2],
      [x2, 0.8],
    ] as const) {
      expect(Math.abs(ix.S1 - t)).toBeLessThan(4 * ix.S1Se);
      expect(Math.abs(ix.ST - t)).toBeLessThan(4 * ix.STSe);
    }
  });

  it('leaves out base rows with a non-finite output, and gives NaN without variance', () => {
    const out = run((x) => x[0], 50, 2, 3, 0, 1);
    out[4 * 7] = NaN; // a point of base row 7 (k + 2 = 4 points per row)
    expect(sobolIndices(out, 2, { bootstrapSamples: 0, rng: createStream(1, 0, 'c') }).rows).toBe(49);
    const flat = sobolIndices(new Array(40).fill(3), 2, { bootstrapSamples: 10, rng: createStream(1, 0, 'c') });
    expect(Number.isNaN(flat.indices[0].S1)).toBe(true);
    expect(() => sobolIndices([1, 2, 3], 2, { bootstrapSamples: 0, rng: createStream(1, 0, 'c') })).toThrow(/multiple of k \+ 2/);
  });
});
