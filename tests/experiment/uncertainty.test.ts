/**
 * The second-order Monte Carlo's statistics (src/experiment/uncertainty.ts) where the truth is
 * known: a metric y = θ + noise with θ ~ U(a, b) across draws, so σ²_A = (b − a)² / 12 and the
 * noise variance σ² are known, and the decomposition must recover them within three standard
 * errors (from N and R); the Latin hypercube's strata; the total interval's formula; the ranking.
 */
import { describe, expect, it } from 'vitest';
import { createStream } from '../../src/random/index.js';
import { normalQuantile } from '../../src/random/special.js';
import { decompose, drawOutcomes, drawReplication, hingesOn, latinHypercube, spearman, totalInterval, Z95 } from '../../src/experiment/uncertainty.js';
import { quantileOf } from '../../src/scenario/assumption-registry.js';

/** y_jr = θ_j + σ ε_jr, θ_j at the hypercube's quantiles of U(a, b), ε standard normal (seeded). */
function synthetic(N: number, R: number, a: number, b: number, sigma: number, seed: number) {
  const cube = latinHypercube(N, 1, seed);
  const rng = createStream(seed, 1, 'synthetic noise');
  const theta = Array.from(cube[0], (u) => quantileOf({ low: a, high: b, default: (a + b) / 2, distribution: 'uniform', integer: false }, u));
  const groups = theta.map((t) => Array.from({ length: R }, () => t + sigma * normalQuantile(rng.next())));
  return { theta, groups };
}

/** Standard error of the ANOVA estimate of σ²_A (balanced, normal): Searle, Casella & McCulloch (1992), §3.6. */
function seSigma2A(N: number, R: number, s2a: number, s2: number): number {
  return Math.sqrt((2 / (R * R)) * ((R * s2a + s2) ** 2 / (N - 1) + (s2 * s2) / (N * (R - 1))));
}

describe('the variance decomposition (one-way random-effects ANOVA)', () => {
  const N = 200;
  const R = 10;
  const sigma = 0.5;

  it('recovers σ²_A = (b − a)²/12 and the noise σ² within three standard errors', () => {
    const { groups } = synthetic(N, R, 0, 1, sigma, 7);
    const d = decompose(groups);
    const s2a = 1 / 12;
    const s2 = sigma * sigma;
    expect(d.draws).toBe(N);
    expect(Math.abs(d.sigma2Assumptions - s2a)).toBeLessThan(3 * seSigma2A(N, R, s2a, s2));
    // MSW has N(R − 1) degrees of freedom: sd = σ² √(2 / (N(R − 1))).
    expect(Math.abs(d.msw - s2)).toBeLessThan(3 * s2 * Math.sqrt(2 / (N * (R - 1))));
    expect(Math.abs(d.grandMean - 0.5)).toBeLessThan(3 * Math.sqrt((s2a + s2 / R) / N));
  });

  it('finds (almost) nothing from the assumptions when θ does not vary, and the share is then small', () => {
    const { groups } = synthetic(N, R, 0.5 - 1e-12, 0.5 + 1e-12, sigma, 8);
    const d = decompose(groups);
    expect(d.sigma2Assumptions).toBeGreaterThanOrEqual(0);
    expect(d.sigma2Assumptions).toBeLessThan(3 * seSigma2A(N, R, 0, sigma * sigma));
  });

  it('leaves out non-finite values and draws with none (unbalanced groups)', () => {
    const d = decompose([[1, 2, NaN], [3, 5], [NaN], [4, Number.POSITIVE_INFINITY, 6]]);
    expect(d.draws).toBe(3);
    expect(d.grandMean).toBeCloseTo((1 + 2 + 3 + 5 + 4 + 6) / 6, 12);
    // SSW = 0.5 + 2 + 2 = 4.5 over 6 − 3 = 3 degrees of freedom.
    expect(d.msw).toBeCloseTo(1.5, 12);
  });
});

describe('the total interval', () => {
  const s = { mean: 10, ci95: [8, 13] as [number, number] };

  it('is the noise-only interval when the assumptions add nothing, and its share is 0', () => {
    expect(totalInterval(s, 0)).toEqual({ ci95Total: [8, 13], assumptionShare: 0 });
  });

  it('widens each half by 1.96 σ_A in quadrature; the share is σ²_A over σ²_A plus the estimate’s noise variance', () => {
    const t = totalInterval(s, 4);
    expect(t.ci95Total[0]).toBeCloseTo(10 - Math.sqrt(4 + Z95 * Z95 * 4), 12);
    expect(t.ci95Total[1]).toBeCloseTo(10 + Math.sqrt(9 + Z95 * Z95 * 4), 12);
    const v = (5 / (2 * Z95)) ** 2;
    expect(t.assumptionShare).toBeCloseTo(4 / (4 + v), 12);
  });

  it('stays within the metric’s range', () => {
    expect(totalInterval({ mean: 0.1, ci95: [0, 0.3] }, 1, [0, 1]).ci95Total).toEqual([0, 1]);
  });
});

describe('the Latin hypercube', () => {
  it('puts exactly one draw in each of the N strata of every column, the same for the same seed', () => {
    const n = 37;
    const cube = latinHypercube(n, 5, 3);
    for (const col of cube) {
      const strata = Array.from(col, (u) => Math.floor(u * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(latinHypercube(n, 5, 3)).toEqual(cube);
    expect(latinHypercube(n, 5, 4)[0]).not.toEqual(cube[0]);
  });

  it('gives each (draw, replication) its own replication number, none shared with the plain run', () => {
    const R = 4;
    const seen = new Set<number>(Array.from({ length: R }, (_, r) => r));
    for (let j = 0; j < 10; j++)
      for (let r = 0; r < R; r++) {
        const k = drawReplication(j, r, R);
        expect(seen.has(k)).toBe(false);
        seen.add(k);
      }
  });
});

describe('what the answer hinges on', () => {
  it('Spearman’s ρ of a monotone relation is ±1 and ties share ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
    expect(spearman([1, 1, 2, 2], [1, 2, 3, 4])).toBeCloseTo(0.894427191, 8);
  });

  it('ranks first (and as clear) the parameter the metric depends on; a parameter it ignores is not clear', () => {
    const N = 64;
    const cube = latinHypercube(N, 3, 11);
    const rng = createStream(11, 1, 'noise');
    const values = cube.map((c) => Array.from(c));
    const means = values[1].map((x) => 2 * x + 0.1 * normalQuantile(rng.next()));
    const h = hingesOn(values, ['a', 'b', 'c'], means);
    expect(h[0]).toMatchObject({ parameter: 'b', sign: 1, clear: true });
    expect(h.filter((x) => x.parameter !== 'b').every((x) => !x.clear)).toBe(true);
  });
});

describe("a compared design's draws: better, worse or tied", () => {
  // Three draws of two replications each; waitDays is better lower, caseloadPerWorker has no direction.
  const baseline = [
    [10, 12],
    [10, 12],
    [10, 12],
  ];
  it('counts ties apart, so a metric the design cannot move reads 0 % better and 0 % worse', () => {
    expect(drawOutcomes(baseline, baseline, 'waitDays')).toEqual({ beatsShare: 0, worseShare: 0 });
  });
  it('counts a draw by the mean of its paired differences, in the better direction', () => {
    const design = [
      [9, 12], // mean −0.5: better (shorter waits)
      [8, 12], // mean −1: better
      [11, 12], // mean +0.5: worse
    ];
    expect(drawOutcomes(baseline, design, 'waitDays')).toEqual({ beatsShare: 2 / 3, worseShare: 1 / 3 });
    expect(drawOutcomes(baseline, design, 'needMetShare')).toEqual({ beatsShare: 1 / 3, worseShare: 2 / 3 }); // higher is better: the other way round
    const withTie = [design[0], baseline[1], design[2]];
    expect(drawOutcomes(baseline, withTie, 'waitDays')).toEqual({ beatsShare: 1 / 3, worseShare: 1 / 3 }); // the tie is neither
    expect(drawOutcomes(baseline, design, 'caseloadPerWorker')).toEqual({ beatsShare: null, worseShare: null });
  });
});
