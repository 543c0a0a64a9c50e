/**
 * A link worker's week by worker group (pure): one stacked bar per group, hours per WTE.
 *
 * A team may have thousands of groups (one per named post). One bar each would make a chart
 * thousands of bars tall, and vega-lite turns the bars' order (`sort` with a list) into one nested
 * `a ? 0 : b ? 1 : …` expression per group, which overflows the JavaScript stack when vega compiles
 * it (about 1,000 groups). So beyond WEEK_MAX_GROUPS groups the chart shows the largest groups by
 * WTE and pools the rest in one bar, and says so; every group's own week is in week.csv.
 */
import type { GroupWeekRow } from '../chart-data.js';
import { textWidth } from '../text-metrics.js';
import { distinct, emptyChart, top, type ChartSpec } from './common.js';

/** The most bars the week chart draws: beyond, the largest WEEK_MAX_GROUPS - 1 groups and one bar for the others. */
export const WEEK_MAX_GROUPS = 8;

/** The bars to draw: `rows` for at most `max` groups, and how many groups were pooled in the last bar (0: none). */
export interface WeekGroups {
  rows: GroupWeekRow[];
  /** Groups in the input. */
  groups: number;
  /** Groups pooled into the last bar, "other groups (N, W WTE)". */
  pooled: number;
}

/**
 * Every group when there are at most `max`; otherwise the `max - 1` largest by WTE (the first in
 * the scenario's order among equals), in the scenario's order, then one bar pooling the others:
 * their hours per WTE weighted by WTE, i.e. the week of one WTE of the pooled posts. One pass over
 * the rows and a sort of the groups: proportional to the size of the team.
 */
export function weekGroups(rows: readonly GroupWeekRow[], max = WEEK_MAX_GROUPS): WeekGroups {
  const byGroup = new Map<string, { index: number; wte: number; rows: GroupWeekRow[] }>();
  for (const r of rows) {
    const g = byGroup.get(r.group);
    if (g) g.rows.push(r);
    else byGroup.set(r.group, { index: byGroup.size, wte: r.wte, rows: [r] });
  }
  if (byGroup.size <= max) return { rows: [...rows], groups: byGroup.size, pooled: 0 };
  const all = [...byGroup.values()];
  const kept = [...all].sort((a, b) => b.wte - a.wte || a.index - b.index).slice(0, max - 1);
  const keptSet = new Set(kept);
  const others = all.filter((g) => !keptSet.has(g));
  const wte = others.reduce((sum, g) => sum + g.wte, 0);
  const label = `Other groups (${others.length.toLocaleString('en-GB')}, ${(Math.round(wte * 100) / 100).toLocaleString('en-GB')} WTE)`;
  const pooled = new Map<number, GroupWeekRow>();
  for (const g of others) {
    for (const r of g.rows) {
      const p = pooled.get(r.order) ?? { group: label, wte, activity: r.activity, order: r.order, hours: 0 };
      p.hours += (r.hours * g.wte) / wte;
      pooled.set(r.order, p);
    }
  }
  const shown = kept.sort((a, b) => a.index - b.index).flatMap((g) => g.rows);
  return { rows: [...shown, ...pooled.values()], groups: byGroup.size, pooled: others.length };
}

const WEEK_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#BBBBBB'];
const DARK_FILLS = new Set(['#0072B2', '#009E73', '#D55E00', '#CC79A7']);
const WEEK_PLOT_WIDTH = 520;

export function runWeek(scenario: string, week: GroupWeekRow[]): ChartSpec {
  const title = `${scenario}: a link worker's week by worker group (hours per WTE)`;
  if (week.length === 0) return emptyChart('run-week', title, 'No time use recorded.');
  const shown = weekGroups(week);
  const rows = shown.rows.sort((a, b) => a.order - b.order);
  const groups = distinct(rows.map((r) => r.group));
  const domain = distinct(rows.map((r) => r.activity));
  const range = domain.map((_, i) => WEEK_COLOURS[i % WEEK_COLOURS.length]);
  const dark = domain.filter((_, i) => DARK_FILLS.has(range[i]));
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.group, (totals.get(r.group) ?? 0) + r.hours);
  const xMax = Math.max(1, ...totals.values());
  // A number is printed inside a segment only when it fits (11 px digits, 6 px spare).
  const minHours = ((textWidth('00.0', 11) + 6) / WEEK_PLOT_WIDTH) * xMax;
  const colour = {
    field: 'activity',
    type: 'nominal' as const,
    title: 'Activity',
    scale: { domain, range },
    sort: domain,
    legend: { orient: 'bottom' as const, columns: 2, direction: 'vertical' as const },
  };
  const perWte = 'Hours a week per whole-time equivalent (a part-time post counts pro rata), mean over posts and replications';
  const subtitle = shown.pooled
    ? [
        perWte,
        `The ${groups.length - 1} largest of ${shown.groups.toLocaleString('en-GB')} worker groups by WTE; the other ${shown.pooled.toLocaleString('en-GB')} together in the last bar (every group in week.csv)`,
      ]
    : perWte;
  return {
    name: 'run-week',
    title,
    spec: top({
      title: { text: title, subtitle },
      width: WEEK_PLOT_WIDTH,
      height: Math.max(40, 34 * groups.length),
      data: { values: rows },
      transform: [
        { stack: 'hours', groupby: ['group'], sort: [{ field: 'order', order: 'ascending' }], as: ['from', 'to'] },
        { calculate: '(datum.from + datum.to) / 2', as: 'mid' },
      ],
      encoding: { y: { field: 'group', type: 'nominal', title: null, sort: groups, axis: { labelLimit: 200 } } },
      layer: [
        {
          mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
          encoding: {
            x: { field: 'from', type: 'quantitative', title: 'Hours in an average week per WTE', scale: { domain: [0, xMax], nice: false } },
            x2: { field: 'to' },
            color: colour,
            tooltip: [
              { field: 'group', type: 'nominal', title: 'group' },
              { field: 'activity', type: 'nominal', title: 'activity' },
              { field: 'hours', type: 'quantitative', format: '.1f', title: 'hours per WTE' },
            ],
          },
        },
        {
          transform: [{ filter: `datum.hours >= ${Math.round(minHours * 1000) / 1000}` }],
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            x: { field: 'mid', type: 'quantitative' },
            text: { field: 'hours', type: 'quantitative', format: '.1f' },
            color: { condition: { test: `indexof(${JSON.stringify(dark)}, datum.activity) >= 0`, value: 'white' }, value: 'black' },
          },
        },
      ],
    }),
  };
}
