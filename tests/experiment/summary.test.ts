/**
 * Intervals that respect their metric's range (src/experiment/summary.ts, ranges.ts): the range
 * table, the log/logit-scale interval and its bounds, its agreement with the t-interval away
 * from a bound, its coverage on skewed data near a bound, and every interval the pipeline
 * prints (metrics and weekly chart bands) for every scenario file.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { summarise, tQuantile95 } from '../../src/experiment/summary.js';
import { metricRange, NON_NEGATIVE, UNIT_INTERVAL, type Range } from '../../src/experiment/ranges.js';
import { loadScenario } from '../../src/experiment/load.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { seriesRows } from '../../src/report/chart-data.js';
import { METRICS, METRIC_IDS, SERIES } from '../../src/model/index.js';
import { createStream } from '../../src/random/index.js';
import { scenario } from '../helpers.js';

const inside = ([lo, hi]: [number, number], [a, b]: Range) => lo >= a && hi <= b;

describe('the range table', () => {
  it('gives shares and 0–1 scores [0, 1] and every other metric [0, ∞)', () => {
    for (const m of METRICS) {
      const expected = m.unit === 'share' || m.unit === '0–1' ? UNIT_INTERVAL : NON_NEGATIVE;
      expect(metricRange(m.id), m.id).toEqual(expected);
    }
    expect(metricRange('someFutureCount')).toEqual(NON_NEGATIVE);
  });
});

describe('the range-respecting interval', () => {
  it('is [m, m] when every value sits at a bound or all are equal, and NaN with one value', () => {
    expect(summarise([0, 0, 0, 0], NON_NEGATIVE).ci95).toEqual([0, 0]);
    expect(summarise([0, 0, 0], UNIT_INTERVAL).ci95).toEqual([0, 0]);
    expect(summarise([1, 1, 1], UNIT_INTERVAL).ci95).toEqual([1, 1]);
    const same = summarise([0.4, 0.4, 0.4], UNIT_INTERVAL);
    expect(same.ci95).toEqual([same.mean, same.mean]);
    expect(summarise([3], NON_NEGATIVE).ci95.every(Number.isNaN)).toBe(true);
  });

  it('stays inside the range and contains the mean where the t-interval leaves it', () => {
    const counts = [0, 0, 0, 0, 0, 0, 0, 0, 0, 3];
    const shares = [0, 0, 0, 0, 0.02, 0, 0, 0, 0, 0.1];
    const high = [1, 1, 1, 0.97, 1, 1, 0.9, 1];
    for (const [xs, range] of [
      [counts, NON_NEGATIVE],
      [shares, UNIT_INTERVAL],
      [high, UNIT_INTERVAL],
    ] as const) {
      const plain = summarise(xs);
      expect(inside(plain.ci95, range), 'the t-interval leaves the range (else this case tests nothing)').toBe(false);
      const s = summarise(xs, range);
      expect(s.mean).toBe(plain.mean);
      expect(inside(s.ci95, range)).toBe(true);
      expect(s.ci95[0]).toBeLessThan(s.mean);
      expect(s.ci95[1]).toBeGreaterThan(s.mean);
    }
    // By metric id: the range comes from the table.
    expect(summarise(counts, 'stillWaitingAtEnd').ci95).toEqual(summarise(counts, NON_NEGATIVE).ci95);
    expect(summarise(shares, 'droppedOutShare').ci95).toEqual(summarise(shares, UNIT_INTERVAL).ci95);
  });

  it('agrees with the t-interval to second order in the relative half-width away from a bound', () => {
    const xs = [10.2, 9.7, 10.5, 9.9, 10.1, 10.4, 9.6, 10.0, 10.3, 9.8];
    const shares = [0.52, 0.47, 0.55, 0.5, 0.49, 0.53, 0.46, 0.51];
    for (const [values, range] of [
      [xs, NON_NEGATIVE],
      [shares, UNIT_INTERVAL],
    ] as const) {
      const plain = summarise(values);
      const s = summarise(values, range);
      const half = (plain.ci95[1] - plain.ci95[0]) / 2;
      // Distance from the nearer bound, and the half-width relative to it.
      const room = Math.min(s.mean - range[0], range[1] - s.mean);
      const h = half / (range[1] === Infinity ? s.mean : room * (1 - room));
      // Log and logit back-transforms differ from m ± half by at most about (m or p(1−p)) · h²/2.
      for (const k of [0, 1]) expect(Math.abs(s.ci95[k] - plain.ci95[k])).toBeLessThanOrEqual(s.mean * h * h);
    }
  });

  it('is inside the range for every random sample, and covers a true mean near a bound at least as often as the t-interval', () => {
    const rng = createStream(2024, 0, 'summary-test');
    const exp = (m: number) => -m * Math.log(1 - rng.next());
    const binomialShare = (p: number, m: number) => {
      let c = 0;
      for (let i = 0; i < m; i++) if (rng.next() < p) c++;
      return c / m;
    };
    // Replication-like samples: n = 20 (the default replications), true means near a bound.
    const cases: Array<{ name: string; draw: () => number; truth: number; range: Range }> = [
      { name: 'zero-inflated exponential (like vacancy days)', draw: () => (rng.next() < 0.3 ? exp(2) : 0), truth: 0.6, range: NON_NEGATIVE },
      { name: 'share of 40 with p = 0.03 (like drop-outs)', draw: () => binomialShare(0.03, 40), truth: 0.03, range: UNIT_INTERVAL },
      { name: 'share of 40 with p = 0.5 (away from a bound)', draw: () => binomialShare(0.5, 40), truth: 0.5, range: UNIT_INTERVAL },
    ];
    const n = 20;
    const trials = 3000;
    for (const c of cases) {
      let ours = 0;
      let plain = 0;
      let discordant = 0;
      for (let k = 0; k < trials; k++) {
        const xs = Array.from({ length: n }, c.draw);
        const a = summarise(xs, c.range).ci95;
        const b = summarise(xs).ci95;
        expect(inside(a, c.range), c.name).toBe(true);
        const hitA = a[0] <= c.truth && c.truth <= a[1];
        const hitB = b[0] <= c.truth && c.truth <= b[1];
        ours += +hitA;
        plain += +hitB;
        discordant += +(hitA !== hitB);
      }
      // Paired over the same samples: the standard error of the coverage difference (McNemar).
      const se = Math.sqrt(discordant - (ours - plain) ** 2 / trials) / trials;
      expect((ours - plain) / trials, c.name).toBeGreaterThanOrEqual(-3 * se);
      // Nominal coverage within 3 binomial standard errors where the t-interval is right (away from a bound).
      if (c.truth === 0.5) expect(Math.abs(ours / trials - 0.95), c.name).toBeLessThanOrEqual(3 * Math.sqrt((0.95 * 0.05) / trials));
    }
  });

  it('keeps the Student-t quantile', () => {
    expect(tQuantile95(19)).toBeCloseTo(2.093, 3);
  });
});

describe('every interval the pipeline prints stays in its range', () => {
  const dir = join(import.meta.dirname, '../../scenarios');
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('sweep'));

  it.each(files)('%s: replication values, metric intervals and weekly bands', (file) => {
    const { scenario: s } = loadScenario(join(dir, file), []);
    const r = runScenario(s, runSettings(s, { replications: 4, years: 1.5, warmupDays: 60 }));
    for (const id of METRIC_IDS) {
      const [a, b] = metricRange(id);
      for (const rep of r.replications) {
        const v = rep.metrics[id];
        if (Number.isFinite(v)) expect(v, `${id} replication value`).toBeGreaterThanOrEqual(a);
        if (Number.isFinite(v)) expect(v, `${id} replication value`).toBeLessThanOrEqual(b);
      }
      const m = r.metrics[id];
      if (Number.isFinite(m.ci95[0])) {
        expect(inside(m.ci95, [a, b]), `${id} ${m.ci95}`).toBe(true);
        expect(m.ci95[0], id).toBeLessThanOrEqual(m.mean);
        expect(m.ci95[1], id).toBeGreaterThanOrEqual(m.mean);
      }
    }
    for (const row of seriesRows(r, SERIES)) expect(row.low, `${row.series} week ${row.week}`).toBeGreaterThanOrEqual(0);
  });

  it('weekly bands of a service with a mostly empty waiting list stay ≥ 0 where a t-band would not', () => {
    const quiet = scenario({
      referrals: { practices: [{ name: 'A', referralsPerMonth: 6 }] },
      workers: [{ count: 2 }],
      run: { years: 1, warmupDays: 30, replications: 10 },
    });
    const r = runScenario(quiet, runSettings(quiet));
    const rows = seriesRows(r, ['waitingList']);
    const plainBelow = rows.filter((row) => summarise(r.replications.map((x) => x.weekly.series.waitingList[row.week])).ci95[0] < 0);
    expect(plainBelow.length, 'some weekly t-band goes below 0 (else this case tests nothing)').toBeGreaterThan(0);
    for (const row of rows) expect(row.low).toBeGreaterThanOrEqual(0);
  });
});
