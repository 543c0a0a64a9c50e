/**
 * Charts at any team size (issue #26): a run of 1,000 or 5,000 worker groups gets every chart,
 * drawn by the same render path as the CLI. The week chart, the one chart with a series per
 * group, draws at most 8 bars (the 7 largest groups by WTE, the others pooled in one bar) and
 * says so; with up to 8 groups it draws one bar per group as before.
 */
import { describe, it, expect } from 'vitest';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { GroupWeekRow } from '../../src/report/chart-data.js';
import { runCharts, weekGroups, WEEK_MAX_GROUPS, type ChartSpec } from '../../src/report/charts.js';
import { renderSvg } from '../../src/report/render.js';
import { renderChartsSafely } from '../../src/report/render-safely.js';

const ACTIVITIES = ['Sessions with patients', 'Admin and recording', 'Unused time', 'Leave and vacancies'];

/**
 * `n` groups of 1 WTE, but for a few larger ones (group i of WTE `big.get(i)`), with hours that
 * differ by group so that a pooled bar is a weighted mean to check.
 */
function team(n: number, big: ReadonlyMap<number, number>): GroupWeekRow[] {
  const rows: GroupWeekRow[] = [];
  for (let g = 0; g < n; g++) {
    const wte = big.get(g) ?? 1;
    ACTIVITIES.forEach((activity, order) => rows.push({ group: `W${g} (${wte} WTE)`, wte, activity, order, hours: order === 0 ? 10 + (g % 10) : 5 }));
  }
  return rows;
}

const noSeries = { scenario: 'team', series: [], waits: { ecdf: [], marks: [], patients: 0 } };
const weekOf = (rows: GroupWeekRow[]): ChartSpec => runCharts({ ...noSeries, week: rows }).find((c) => c.name === 'run-week')!;
const dataOf = (c: ChartSpec) => (c.spec as { data: { values: GroupWeekRow[] } }).data.values;
const barsOf = (c: ChartSpec) => [...new Set(dataOf(c).map((r) => r.group))];
const subtitleOf = (c: ChartSpec) => [(c.spec as { title: { subtitle: string | string[] } }).title.subtitle].flat().join('\n');

describe.each([1000, 5000])('a team of %i worker groups', (n) => {
  // The largest groups sit anywhere in the scenario, not first.
  const big = new Map([
    [n - 1, 3],
    [17, 2],
    [n / 2, 2.5],
    [3, 1.5],
    [n - 2, 1.2],
    [400, 2],
    [777, 4],
    [5, 1.1],
  ]);
  const rows = team(n, big);

  it('the week chart draws the 7 largest groups and the rest pooled, and says so', () => {
    const chart = weekOf(rows);
    const bars = barsOf(chart);
    expect(bars.length).toBeLessThanOrEqual(WEEK_MAX_GROUPS);
    // The 7 largest by WTE, in the scenario's order (group 5, of 1.1 WTE, is the 8th largest).
    const largest = [3, 17, 400, 777, n / 2, n - 2, n - 1].sort((a, b) => a - b);
    expect(bars.slice(0, 7)).toEqual(largest.map((g) => `W${g} (${big.get(g)} WTE)`));
    expect(bars[7]).toBe(`Other groups (${(n - 7).toLocaleString('en-GB')}, ${n === 1000 ? '993.1' : '4,993.1'} WTE)`); // every 1-WTE group and group 5 (1.1)
    expect(subtitleOf(chart)).toContain(
      `The 7 largest of ${n.toLocaleString('en-GB')} worker groups by WTE; the other ${(n - 7).toLocaleString('en-GB')} together in the last bar`,
    );
  });

  it('the pooled bar is the week of one WTE of the pooled posts (hours weighted by WTE)', () => {
    const { rows: shown, pooled } = weekGroups(rows);
    expect(pooled).toBe(n - 7);
    const kept = new Set(shown.map((r) => r.group));
    const others = rows.filter((r) => !kept.has(r.group) && r.order === 0);
    const expected = others.reduce((s, r) => s + r.hours * r.wte, 0) / others.reduce((s, r) => s + r.wte, 0);
    const sessions = shown.find((r) => r.group.startsWith('Other groups') && r.order === 0)!;
    expect(sessions.hours).toBeCloseTo(expected, 9);
    // Every activity keeps its place in the stack.
    expect(shown.filter((r) => r.group.startsWith('Other groups')).map((r) => r.order)).toEqual([0, 1, 2, 3]);
  });

  it('every run chart renders to SVG by the CLI’s render path', async () => {
    const drawn = await renderChartsSafely(runCharts({ ...noSeries, week: rows }), renderSvg);
    expect(drawn.warnings).toEqual([]);
    expect(drawn.charts.map((c) => c.name)).toEqual(['run-timeseries', 'run-waits', 'run-week', 'run-overload']);
    const week = drawn.charts.find((c) => c.name === 'run-week')!.svg;
    expect(week).toMatch(/^<svg/);
    expect(week).toContain('Other groups (');
    expect(week).not.toContain(`W${n - 3} (1 WTE)`);
  });
});

describe('a small team', () => {
  it('gets one bar per group, in the scenario’s order, up to 8 groups', () => {
    const eight = team(8, new Map([[2, 2]]));
    expect(barsOf(weekOf(eight))).toEqual(Array.from({ length: 8 }, (_, g) => `W${g} (${g === 2 ? 2 : 1} WTE)`));
    expect(subtitleOf(weekOf(eight))).not.toContain('largest');
    expect(weekGroups(eight).pooled).toBe(0);
  });

  it('pools from 9 groups: 7 bars and "Other groups (2, …)"', () => {
    const bars = barsOf(weekOf(team(9, new Map())));
    expect(bars).toHaveLength(8);
    expect(bars[7]).toBe('Other groups (2, 2 WTE)');
  });
});

describe('why the bars are capped', () => {
  it('vega-lite orders 1,000 bars by one nested expression that vega cannot compile (stack overflow)', async () => {
    // What the week chart did before: y sorted by the list of every group.
    const groups = Array.from({ length: 1000 }, (_, g) => `W${g}`);
    const spec = {
      data: { values: groups.map((group) => ({ group, hours: 1 })) },
      mark: 'bar',
      encoding: { y: { field: 'group', type: 'nominal', sort: groups }, x: { field: 'hours', type: 'quantitative' } },
    } as TopLevelSpec;
    const view = () => new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
    let error: unknown = null;
    try {
      await view().toSVG();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RangeError);
    expect(String(error)).toMatch(/Maximum call stack size exceeded/);
  });
});

describe('renderChartsSafely', () => {
  it('turns a chart that cannot be drawn into a warning naming it, and draws the others', async () => {
    const charts = runCharts({ ...noSeries, week: team(3, new Map()) });
    const render = (spec: ChartSpec['spec']) =>
      spec === charts[1].spec ? Promise.reject(new RangeError('Maximum call stack size exceeded')) : renderSvg(spec);
    const drawn = await renderChartsSafely(charts, render);
    expect(drawn.charts.map((c) => c.name)).toEqual(['run-timeseries', 'run-week', 'run-overload']);
    expect(drawn.warnings).toEqual(['chart run-waits could not be drawn (RangeError: Maximum call stack size exceeded); the other results are written.']);
  });

  it('turns specs that cannot be built into one warning', async () => {
    const drawn = await renderChartsSafely(() => {
      throw new Error('no week rows');
    }, renderSvg);
    expect(drawn).toEqual({ charts: [], warnings: ['the charts could not be built (no week rows); every result file is written.'] });
  });
});
