/**
 * Validation ladder, step 3: switch the model's mechanisms off until it is an M/M/c queue
 * (one exponential session per patient, Poisson referrals, always-available workers, no
 * networking, admin, leave, no-shows or drop-outs) and compare with Erlang C.
 *
 * Tolerance: the theoretical mean must lie inside the 99 % Student-t interval of the
 * replication means (20 independent replications). With a fixed seed the outcome is
 * deterministic; a correct model fails this check for only 1 % of seeds.
 */
import { describe, it, expect } from 'vitest';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import jstatPkg from 'jstat';
import { erlangCWait, mmcScenario, run, scenario } from '../helpers.js';
import { DAY } from '../../src/model/index.js';

const { jStat } = jstatPkg as { jStat: { studentt: { inv(p: number, dof: number): number } } };

function interval99(xs: number[]): [number, number] {
  const m = mean(xs);
  const half = jStat.studentt.inv(0.995, xs.length - 1) * (sampleStandardDeviation(xs) / Math.sqrt(xs.length));
  return [m - half, m + half];
}

describe('M/M/c limiting case agrees with Erlang C', () => {
  const cases = [
    { c: 1, rho: 0.5 },
    { c: 2, rho: 0.5 },
    { c: 2, rho: 0.8 },
    { c: 3, rho: 0.7 },
  ];
  for (const { c, rho } of cases) {
    it(`c = ${c}, load ${rho}: mean wait matches Erlang C within the 99 % replication interval`, () => {
      const service = 60; // minutes
      const lambda = (rho * c) / service;
      const res = run(mmcScenario(c, lambda, service));
      const waitsMinutes = res.replications.map((r) => r.metrics.waitDays * DAY);
      const theory = erlangCWait(c, lambda, service);
      const [lo, hi] = interval99(waitsMinutes);
      expect(theory).toBeGreaterThanOrEqual(lo);
      expect(theory).toBeLessThanOrEqual(hi);
      // Utilisation of an M/M/c queue is the offered load per server.
      const util = interval99(res.replications.map((r) => r.metrics.utilisation));
      expect(rho).toBeGreaterThanOrEqual(util[0]);
      expect(rho).toBeLessThanOrEqual(util[1]);
    });
  }
});

/** Erlang C's waiting-time distribution: P(W > t) = C·e^(−(cμ − λ)t); its q-quantile (0 when q ≤ 1 − C). */
function erlangCWaitQuantile(c: number, lambda: number, meanService: number, q: number): number {
  const probWait = erlangCWait(c, lambda, meanService) * (c / meanService - lambda);
  return q <= 1 - probWait ? 0 : -Math.log((1 - q) / probWait) / (c / meanService - lambda);
}

describe("pooled wait quantiles agree with Erlang C's waiting-time distribution", () => {
  // Tolerance: the theoretical quantile lies within 3 bootstrap standard errors (resampling
  // replications) of the pooled quantile, about a 99.7 % band; ρ = 0.95 is the case where the mean
  // of each replication's own median was 8 % high.
  const cases = [
    { c: 1, rho: 0.95, years: 6 },
    { c: 2, rho: 0.8, years: 2 },
    { c: 3, rho: 0.7, years: 2 },
  ];
  for (const { c, rho, years } of cases) {
    it(`c = ${c}, load ${rho}: the pooled median and 90th percentile of waits match Erlang C`, () => {
      const service = 60;
      const lambda = (rho * c) / service;
      const res = run(mmcScenario(c, lambda, service, years));
      for (const [id, q] of [
        ['waitMedianDays', 0.5],
        ['waitP90Days', 0.9],
      ] as const) {
        const s = res.metrics[id];
        const theory = erlangCWaitQuantile(c, lambda, service, q) / DAY;
        expect(Math.abs(s.mean - theory), `${id}: pooled ${s.mean} vs Erlang C ${theory} (bootstrap SE ${s.sd})`).toBeLessThanOrEqual(3 * s.sd);
        expect(s.ci95[0]).toBeLessThanOrEqual(s.mean);
        expect(s.ci95[1]).toBeGreaterThanOrEqual(s.mean);
      }
    });
  }

  it('c = 1, load 0.5: half the patients are seen at once, so the pooled median is exactly 0, not smeared over the first quarter hour', () => {
    // P(W = 0) = 1 − ρ = 0.5: the median sits on the edge; at load 0.4 it is inside the zero waits.
    const service = 60;
    const lambda = 0.4 / service;
    const res = run(mmcScenario(1, lambda, service));
    expect(res.metrics.waitMedianDays.mean).toBe(0);
    for (const r of res.replications) expect(r.metrics.waitMedianDays).toBe(0);
    const p90 = erlangCWaitQuantile(1, lambda, service, 0.9) / DAY;
    expect(Math.abs(res.metrics.waitP90Days.mean - p90)).toBeLessThanOrEqual(3 * res.metrics.waitP90Days.sd);
  });
});

describe("Little's law in the full model", () => {
  // All mechanisms on: rota with lunch and networking, leave, admin, no-shows, patience,
  // a session cap and a pre-existing caseload. L is the time-average count; λ the entry rate
  // into the list (or caseload) in the window; W the mean time spent there by those who
  // entered and left inside the window. The identity is exact only up to boundary effects:
  // patients already present at the window's start, or still present at its end, count in L
  // but not in W. Each boundary contributes about L·W/T to L − λW, so the relative gap is
  // bounded by about 2W/T (T = window length); we allow that plus the 99 % sampling interval.
  const s = scenario({
    run: { years: 10, warmupDays: 365, replications: 12, seed: 3 },
    referrals: {
      practices: [
        { name: 'A', referralsPerMonth: 40 },
        { name: 'B', referralsPerMonth: 25 },
      ],
    },
    workers: [{ count: 2, otherDutiesHoursPerWeek: 4 }],
    initialState: { caseloadPerWorker: 10, waitingList: 5 },
  });
  const res = run(s);

  function expectLittle(pick: (r: (typeof res.replications)[number]) => { L: number; lambda: number; W: number }): void {
    const gaps = res.replications.map((r) => {
      const { L, lambda, W } = pick(r);
      return (L - lambda * W) / L;
    });
    const boundary = mean(res.replications.map((r) => (2 * pick(r).W) / r.diagnostics.windowDays));
    const [lo, hi] = interval99(gaps);
    expect(lo).toBeLessThanOrEqual(boundary);
    expect(hi).toBeGreaterThanOrEqual(-boundary);
    expect(boundary).toBeLessThan(0.05); // the window is long enough for the check to mean something
  }

  it('waiting list: L = λW', () => {
    expect(res.replications[0].metrics.waitingList).toBeGreaterThan(1); // a real queue, not an empty one
    expectLittle((r) => ({
      L: r.metrics.waitingList,
      lambda: r.diagnostics.waitingArrivals / r.diagnostics.windowDays,
      W: r.diagnostics.waitingTimeDaysSum / r.diagnostics.waitingLeavers,
    }));
  });

  it('caseload: L = λW', () => {
    expectLittle((r) => ({
      L: r.metrics.caseloadPerWorker * 2,
      lambda: r.diagnostics.allocations / r.diagnostics.windowDays,
      W: r.diagnostics.caseloadTimeDaysSum / r.diagnostics.caseloadLeavers,
    }));
  });
});
