/**
 * Intervals that cover what they claim and respect their metric's range (src/experiment/summary.ts,
 * ranges.ts): the range table, Hall's skewness-corrected interval (the t-interval when the values
 * are symmetric, longer on the side of a long tail), one-sided bounds when every replication sits
 * at a bound, its coverage on skewed data near a bound, and every interval the pipeline prints
 * (metrics and weekly chart bands) for every scenario file.
 */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { skewness, skewnessForCorrection, summarise, tQuantile95 } from '../../src/experiment/summary.js';
import { metricRange, NON_NEGATIVE, UNIT_INTERVAL, type Range } from '../../src/experiment/ranges.js';
import { loadScenario } from '../../src/experiment/load.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { seriesRows } from '../../src/report/chart-data.js';
import { METRICS, METRIC_IDS, SERIES } from '../../src/model/index.js';
import { createStream } from '../../src/random/index.js';
import { scenario } from '../helpers.js';

const inside = ([lo, hi]: [number, number], [a, b]: Range) => lo >= a && hi <= b;

/** The plain Student-t interval, for comparison. */
function tInterval(xs: readonly number[]): [number, number] {
  const n = xs.length;
  const m = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1));
  const h = (tQuantile95(n - 1) * sd) / Math.sqrt(n);
  return [m - h, m + h];
}

describe('the range table', () => {
  it('gives shares and 0–1 scores [0, 1] and every other metric [0, ∞)', () => {
    for (const m of METRICS) {
      const expected = m.unit === 'share' || m.unit === '0–1' ? UNIT_INTERVAL : NON_NEGATIVE;
      expect(metricRange(m.id), m.id).toEqual(expected);
    }
    expect(metricRange('someFutureCount')).toEqual(NON_NEGATIVE);
  });
});

describe('the interval', () => {
  it('is never zero-width at a bound: every replication at 0 or 1 gives a one-sided 95 % bound from the exposure (rule of three)', () => {
    // No leaver in 40 post-years: turnover ≤ −ln 0.05 / 40 ≈ 3/40 a post-year.
    const none = summarise([0, 0, 0, 0], NON_NEGATIVE, 40);
    expect(none.oneSided).toBe(true);
    expect(none.ci95[0]).toBe(0);
    expect(none.ci95[1]).toBeCloseTo(-Math.log(0.05) / 40, 12);
    // Everybody of 300 patients seen within 28 days: the share ≥ 0.05^(1/300) ≈ 1 − 3/300.
    const all = summarise([1, 1, 1], UNIT_INTERVAL, 300);
    expect(all.ci95[0]).toBeCloseTo(0.05 ** (1 / 300), 12);
    expect(all.ci95[1]).toBe(1);
    expect(summarise([0, 0, 0], UNIT_INTERVAL, 300).ci95[1]).toBeCloseTo(1 - 0.05 ** (1 / 300), 12);
    // Without a counted exposure (hours, vacancy days) there is no bound in the metric's unit: no interval, never [0, 0].
    const hours = summarise([0, 0, 0, 0], NON_NEGATIVE);
    expect(hours.ci95.every(Number.isNaN)).toBe(true);
    expect(hours.oneSided).toBeUndefined();
  });

  it('is the t-interval with fewer than 10 replications, where the sample skewness is too noisy to correct with', () => {
    const xs = [10.5, 14, 13.1, 12.9, 12.6];
    const s = summarise(xs, NON_NEGATIVE);
    const t = tInterval(xs);
    expect(s.ci95[0]).toBeCloseTo(t[0], 12);
    expect(s.ci95[1]).toBeCloseTo(t[1], 12);
  });

  it('keeps the long side within 3(t + |b|) standard errors however skewed the sample (the skewness used is capped)', () => {
    for (const n of [10, 20, 40]) {
      const t = tQuantile95(n - 1);
      const b = skewnessForCorrection(1e9, n, t) / (6 * n);
      // One far outlier: the sample skewness is near its maximum, (n − 2)/√(n − 1).
      const xs = [...Array.from({ length: n - 1 }, (_, i) => 1 + i * 1e-3), 50];
      const s = summarise(xs);
      const se = s.sd / Math.sqrt(n);
      expect((s.ci95[1] - s.mean) / se, `n ${n}`).toBeLessThanOrEqual(3 * (t + b) + 1e-9);
      expect(s.ci95[1] - s.mean, `n ${n}`).toBeGreaterThan(s.mean - s.ci95[0]);
    }
  });

  it('is [m, m] for a quantity that does not vary away from a bound, and NaN with one value', () => {
    const same = summarise([0.4, 0.4, 0.4], UNIT_INTERVAL);
    expect(same.ci95).toEqual([same.mean, same.mean]);
    expect(same.oneSided).toBeUndefined();
    expect(summarise([3], NON_NEGATIVE).ci95.every(Number.isNaN)).toBe(true);
  });

  it('is the Student-t interval when the values are symmetric (skewness 0)', () => {
    const xs = [1, 2, 3, 4, 5, 6, 7];
    expect(skewness(xs, 4)).toBe(0);
    const s = summarise(xs);
    const t = tInterval(xs);
    expect(s.ci95[0]).toBeCloseTo(t[0], 12);
    expect(s.ci95[1]).toBeCloseTo(t[1], 12);
  });

  it('is longer on the side of a long tail (a vacancy doubling some replications), and wider there than the t-interval', () => {
    const xs = [1.1, 1.2, 1.0, 1.3, 1.1, 2.4, 1.2, 1.0, 2.6, 1.1, 1.2, 1.3, 1.1, 1.0, 2.2, 1.2, 1.1, 1.3, 1.2, 1.1];
    expect(skewness(xs, xs.reduce((a, b) => a + b) / xs.length)).toBeGreaterThan(1);
    const s = summarise(xs, NON_NEGATIVE);
    expect(s.ci95[1] - s.mean).toBeGreaterThan(s.mean - s.ci95[0]);
    expect(s.ci95[1]).toBeGreaterThan(tInterval(xs)[1]);
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
      expect(inside(tInterval(xs), range), 'the t-interval leaves the range (else this case tests nothing)').toBe(false);
      const s = summarise(xs, range);
      expect(s.mean).toBeCloseTo(xs.reduce((a, b) => a + b, 0) / xs.length, 12);
      expect(inside(s.ci95, range)).toBe(true);
      expect(s.ci95[0]).toBeLessThan(s.mean);
      expect(s.ci95[1]).toBeGreaterThan(s.mean);
    }
    // By metric id: the range comes from the table.
    expect(summarise(counts, 'stillWaitingAtEnd').ci95).toEqual(summarise(counts, NON_NEGATIVE).ci95);
    expect(summarise(shares, 'droppedOutShare').ci95).toEqual(summarise(shares, UNIT_INTERVAL).ci95);
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
        const b = tInterval(xs);
        // All replications at 0 and nothing counted: no interval (it covers nothing).
        if (a.every(Number.isFinite)) expect(inside(a, c.range), c.name).toBe(true);
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
  const files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && !f.startsWith('sweep') && !f.startsWith('plan-'));

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
    const plainBelow = rows.filter((row) => tInterval(r.replications.map((x) => x.weekly.series.waitingList[row.week]))[0] < 0);
    expect(plainBelow.length, 'some weekly t-band goes below 0 (else this case tests nothing)').toBeGreaterThan(0);
    for (const row of rows) expect(row.low).toBeGreaterThanOrEqual(0);
  });
});
