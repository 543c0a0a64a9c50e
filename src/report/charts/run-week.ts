/**
 * A link worker's week by worker group (pure): one stacked bar per group, hours per WTE.
 */
import type { GroupWeekRow } from '../chart-data.js';
import { textWidth } from '../text-metrics.js';
import { distinct, emptyChart, top, type ChartSpec } from './common.js';

const WEEK_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#BBBBBB'];
const DARK_FILLS = new Set(['#0072B2', '#009E73', '#D55E00', '#CC79A7']);
const WEEK_PLOT_WIDTH = 520;

export function runWeek(scenario: string, week: GroupWeekRow[]): ChartSpec {
  const title = `${scenario}: a link worker's week by worker group (hours per WTE)`;
  if (week.length === 0) return emptyChart('run-week', title, 'No time use recorded.');
  const rows = [...week].sort((a, b) => a.order - b.order);
  const groups = distinct(rows.map((r) => r.group));
  const domain = distinct(rows.map((r) => r.activity));
  const range = domain.map((_, i) => WEEK_COLOURS[i % WEEK_COLOURS.length]);
  const dark = domain.filter((_, i) => DARK_FILLS.has(range[i]));
  const totals = groups.map((g) => rows.filter((r) => r.group === g).reduce((s, r) => s + r.hours, 0));
  const xMax = Math.max(1, ...totals);
  // A number is printed inside a segment only when it fits (11 px digits, 6 px spare).
  const minHours = ((textWidth('00.0', 11) + 6) / WEEK_PLOT_WIDTH) * xMax;
  const colour = { field: 'activity', type: 'nominal' as const, title: 'Activity', scale: { domain, range }, sort: domain, legend: { orient: 'bottom' as const, columns: 2, direction: 'vertical' as const } };
  return {
    name: 'run-week',
    title,
    spec: top({
      title: { text: title, subtitle: `Hours a week per whole-time equivalent (a part-time post counts pro rata), mean over posts and replications` },
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
