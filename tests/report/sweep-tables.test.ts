/**
 * A sweep's tables are read by column name: the same points.csv and sensitivity.csv with their
 * columns in another order, and a column added, give the same report and the same chart specs.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildReportFrom, readReportInput } from '../../src/report/html.js';
import { readPoints, readSensitivity } from '../../src/report/sweep-tables.js';
import { sweepChartSpecs } from '../../src/report/produce.js';
import { memoryFiles } from '../../src/report/memory-files.js';
import { tempDir } from '../setup/temp.js';

const FACTORS = ['policy.sessionCap', 'referrals.practices.0.referralsPerMonth'];

function manifest(design: Record<string, unknown>): string {
  return JSON.stringify({
    tool: 'goldilocks',
    version: '0',
    sweep: 'tables',
    scenario: 'default',
    seed: 1,
    replications: 2,
    horizonDays: 365,
    warmupDays: 30,
    factors: [
      { path: FACTORS[0], values: [3, 'open'] },
      { path: FACTORS[1], range: { from: 10, to: 20, steps: 2 } },
    ],
    design,
    points: 4,
    metrics: ['overloadIndex', 'waitDays'],
  });
}

/** points.csv with the statistics' columns in `order` (and any extra columns, left empty). */
function points(order: readonly string[]): string {
  const lines = [['point', ...FACTORS, ...order].join(',')];
  let id = 0;
  for (const cap of ['3', 'open']) {
    for (const referrals of ['10', '20']) {
      for (const [k, metric] of ['overloadIndex', 'waitDays'].entries()) {
        const mean = (k + 1) * (0.4 + 0.1 * id + (cap === 'open' ? 0.05 : 0));
        const stats: Record<string, string> = { metric, mean: String(mean), ci_low: String(mean - 0.1), ci_high: String(mean + 0.1), sd: '0.05', n: '2' };
        // One missing mean (written empty, NaN) to show it is read as missing, not as 0.
        if (id === 3 && metric === 'waitDays') Object.assign(stats, { mean: '', ci_low: '', ci_high: '' });
        lines.push([String(id), cap, referrals, ...order.map((c) => stats[c] ?? '')].join(','));
      }
      id++;
    }
  }
  return lines.join('\n') + '\n';
}

const SENSITIVITY = ['metric', 'factor', 'mu', 'mu_star', 'mu_star_ci_low', 'mu_star_ci_high', 'sigma', 'sigma_ci_low', 'sigma_ci_high'];

function sensitivity(order: readonly string[]): string {
  const rows = ['overloadIndex', 'waitDays'].flatMap((metric, j) =>
    FACTORS.map((factor, i) => {
      const m = (i + 1) * (j + 1) * 0.2;
      const cells: Record<string, string> = {
        metric,
        factor,
        mu: String(-m),
        mu_star: String(m),
        mu_star_ci_low: String(0.8 * m),
        mu_star_ci_high: String(1.2 * m),
        sigma: String(m / 2),
        sigma_ci_low: String(m / 3),
        sigma_ci_high: String(m),
      };
      return order.map((c) => cells[c] ?? 'x').join(',');
    }),
  );
  return [order.join(','), ...rows].join('\n') + '\n';
}

const STATS = ['metric', 'mean', 'ci_low', 'ci_high', 'sd', 'n'];
const SHUFFLED = ['metric', 'n', 'sd', 'ci_high', 'ci_low', 'mean', 'note'];

describe('points.csv by column name', () => {
  it('reads the factors between point and metric, and each statistic by its name', () => {
    const read = readPoints(points(SHUFFLED));
    expect(read.factors).toEqual(FACTORS);
    expect(read.rows[0]).toEqual({ point: 0, values: [3, 10], metric: 'overloadIndex', summary: { mean: 0.4, ci95: [0.4 - 0.1, 0.4 + 0.1], sd: 0.05, n: 2 } });
    expect(read.rows[4].values).toEqual(['open', 10]);
    expect(read.rows[7].summary.mean).toBeNaN();
    expect(readPoints(points(SHUFFLED))).toEqual(readPoints(points(STATS)));
  });

  it('names a missing column', () => {
    expect(() => readPoints(points(['metric', 'mean', 'ci_low', 'ci_high', 'n']))).toThrow('points.csv has no column sd');
  });

  it('the grid report and the heatmaps do not depend on the column order', () => {
    const folder = (order: readonly string[]): Array<[string, string]> => [
      ['manifest.json', manifest({ type: 'grid' })],
      ['points.csv', points(order)],
    ];
    const html = buildReportFrom(memoryFiles('tables', folder(STATS)))!.html;
    expect(html).toContain('All 4 points');
    expect(buildReportFrom(memoryFiles('tables', folder(SHUFFLED)))!.html).toBe(html);
    const dirs = [STATS, SHUFFLED].map((order) => {
      const dir = tempDir('goldilocks-sweep-tables-');
      for (const [f, text] of folder(order)) writeFileSync(join(dir, f), text);
      return dir;
    });
    const [a, b] = dirs.map((d) => sweepChartSpecs(d));
    expect(a.map((c) => c.name)).toEqual(['sweep-heatmap', 'sweep-heatmap-waitDays']);
    expect(b).toEqual(a);
  });
});

describe('sensitivity.csv by column name', () => {
  const shuffled = ['factor', 'note', ...[...SENSITIVITY].reverse().filter((c) => c !== 'factor')];

  it('reads each index by its name', () => {
    const rows = readSensitivity(sensitivity(shuffled));
    expect(rows).toEqual(readSensitivity(sensitivity(SENSITIVITY)));
    expect(rows[1]).toEqual({
      metric: 'overloadIndex',
      factor: FACTORS[1],
      mu: -0.4,
      muStar: 0.4,
      muStarCi95: [0.8 * 0.4, 1.2 * 0.4],
      sigma: 0.2,
      sigmaCi95: [0.4 / 3, 0.4],
    });
  });

  it('the Morris report and chart do not depend on the column order', () => {
    const folder = (order: readonly string[]): Array<[string, string]> => [
      ['manifest.json', manifest({ type: 'morris', trajectories: 2, levels: 4, seed: 1, bootstrap: 10 })],
      ['points.csv', points(STATS)],
      ['sensitivity.csv', sensitivity(order)],
    ];
    const input = readReportInput(memoryFiles('tables', folder(shuffled)));
    expect(input?.kind).toBe('sweep');
    const html = buildReportFrom(memoryFiles('tables', folder(SENSITIVITY)))!.html;
    expect(html).toContain('Which parameters matter');
    expect(buildReportFrom(memoryFiles('tables', folder(shuffled)))!.html).toBe(html);
    const [a, b] = [SENSITIVITY, shuffled].map((order) => {
      const dir = tempDir('goldilocks-sweep-tables-');
      for (const [f, text] of folder(order)) writeFileSync(join(dir, f), text);
      return sweepChartSpecs(dir);
    });
    expect(a.map((c) => c.name)).toContain('sweep-morris');
    expect(b).toEqual(a);
  });
});
