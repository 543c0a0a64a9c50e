/**
 * Chart specifications (pure): tidy rows from ./chart-data.ts → vega-lite specs. Every spec
 * carries its data inline, so the `.vl.json` files open as they are in the Vega editor, and
 * shares one look (`baseConfig`): DejaVu Sans (the font the PNG renderer has), the Okabe–Ito
 * colour-blind-safe palette, a white background and a width of about 640 px.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { METRIC_BY_ID, type MetricId } from '../model/index.js';
import { VERDICTS, type Verdict } from '../experiment/compare.js';
import { metricRange, rangeOfUnit, seriesRange, type Range } from '../experiment/ranges.js';
import type { CurveRow, DifferenceRow, GroupWeekRow, HeatRow, MetricRow, MorrisRow, RunWindow, ScatterRow, SeriesRow, WaitEcdf, WaitMark } from './chart-data.js';
import { metricWithUnit } from './chart-data.js';
import { textWidth } from './text-metrics.js';

export interface ChartSpec {
  /** File name stem: charts/<name>.vl.json, .svg, .png. */
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Okabe & Ito (2008), in an order that keeps the low-contrast yellow away from the first series. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;
const BLUE = '#0072B2';
const ORANGE = '#E69F00';
const GREEN = '#009E73';
const VERMILION = '#D55E00';
const PURPLE = '#CC79A7';
const BLACK = '#000000';

export const FONT = 'DejaVu Sans';
export const WIDTH = 640;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export const baseConfig: Config = {
  font: FONT,
  background: 'white',
  padding: 10,
  range: { category: [...OKABE_ITO] },
  title: { fontSize: 15, subtitleFontSize: 12, anchor: 'start', offset: 10, subtitleColor: '#333333' },
  // labelOverlap: vega hides axis labels that would overlap (tests/report/charts.test.ts checks every chart's text boxes).
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6', labelOverlap: true },
  header: { labelFontSize: 12, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 320 },
  view: { stroke: '#cccccc' },
  concat: { spacing: 24 },
};

type VConcatSpec = Extract<TopLevelSpec, { vconcat: unknown }>;
/** Any (non top-level) view: unit, layer, facet or concatenation. */
type Panel = VConcatSpec['vconcat'][number];
type LayerTop = Extract<TopLevelSpec, { layer: unknown }>;
/** A layer of a layered view. */
type Layer = LayerTop['layer'][number];

function top(spec: Panel): TopLevelSpec {
  return { $schema: SCHEMA, background: 'white', config: baseConfig, ...spec } as TopLevelSpec;
}

const finiteRow = (r: { mean: number }) => Number.isFinite(r.mean);
/**
 * Replace non-finite interval ends by the mean (JSON has no NaN; vega would drop the mark), and
 * clip the mean and band at the metric's natural range (a share's band never leaves [0, 1]).
 */
function clean<T extends { mean: number; low: number; high: number }>(rows: readonly T[], range: Range = [-Infinity, Infinity]): T[] {
  const clip = (x: number) => Math.min(range[1], Math.max(range[0], x));
  return rows.filter(finiteRow).map((r) => ({ ...r, mean: clip(r.mean), low: clip(Number.isFinite(r.low) ? r.low : r.mean), high: clip(Number.isFinite(r.high) ? r.high : r.mean) }));
}

/** Distinct values in order of first appearance. */
function distinct<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** vega expression string literal. */
const lit = (s: string) => JSON.stringify(s);

/** Axis title of a metric, in the units the tables print: shares in %, money in £. */
function metricTitle(id: MetricId, fallback: string): string {
  return METRIC_BY_ID[id] ? metricWithUnit(id) : fallback;
}

/** Axis labels in the tables' format: shares as per cent, differences of shares in points, £ grouped. */
function valueAxis(id: MetricId, difference = false): { format?: string; labelExpr?: string } {
  const unit = METRIC_BY_ID[id]?.unit;
  if (unit === 'share') return difference ? { labelExpr: "format(datum.value * 100, '~g')" } : { format: '.0%' };
  if (unit === 'GBP') return { format: ',.0f' };
  return {};
}

function metricUnit(id: MetricId): string {
  return METRIC_BY_ID[id]?.unit ?? 'metric units';
}

/**
 * A scale domain for values that are all equal (e.g. no turnover in any replication): vega
 * would draw a zero-width domain with a single, oddly formatted tick.
 */
function flatDomain(rows: ReadonlyArray<{ mean: number; low: number; high: number }>, aroundZero = false): { domain: [number, number] } | Record<string, never> {
  const values = rows.flatMap((r) => [r.mean, r.low, r.high]);
  if (values.length === 0) return {};
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (hi > lo) return {};
  if (lo === 0) return { domain: [aroundZero ? -1 : 0, 1] };
  const d = Math.abs(lo) * 0.1;
  return { domain: [lo - d, hi + d] };
}

/** A chart with no data: the title and a message, so that every promised chart exists. */
function emptyChart(name: string, title: string, message: string): ChartSpec {
  return {
    name,
    title,
    spec: top({
      title: { text: title },
      width: WIDTH,
      height: 80,
      data: { values: [{ message }] },
      mark: { type: 'text', fontSize: 14, color: '#333333' },
      encoding: { text: { field: 'message', type: 'nominal' } },
    }),
  };
}

/** Mean line over a 95 % band (low–high), for rows with `mean`, `low`, `high` and an x field. */
function bandAndLine(x: { field: string; title: string; scale?: object; axis?: object }, yTitle: string, colour: string, points = false, yScale?: object, yAxis?: object): Layer[] {
  const xEnc = { field: x.field, type: 'quantitative' as const, title: x.title, ...(x.scale ? { scale: x.scale } : {}), ...(x.axis ? { axis: x.axis } : {}) };
  const yExtra = { ...(yScale ? { scale: yScale } : {}), ...(yAxis ? { axis: yAxis } : {}) };
  return [
    {
      mark: { type: 'area', color: colour, opacity: 0.25 },
      encoding: { x: xEnc, y: { field: 'low', type: 'quantitative', title: yTitle, ...yExtra }, y2: { field: 'high' } },
    },
    {
      mark: { type: 'line', color: colour, strokeWidth: 2, ...(points ? { point: { filled: true, size: 40, color: colour } } : {}) },
      encoding: {
        x: xEnc,
        y: { field: 'mean', type: 'quantitative', title: yTitle, ...yExtra },
        tooltip: [
          { field: x.field, type: 'quantitative', title: x.title },
          { field: 'mean', type: 'quantitative', format: '.3~f', title: 'mean' },
          { field: 'low', type: 'quantitative', format: '.3~f', title: '95 % low' },
          { field: 'high', type: 'quantitative', format: '.3~f', title: '95 % high' },
        ],
      },
    },
  ];
}

/** A horizontal reference rule at y = `at` with a label (at the left or right end), on its own one-row data. */
function referenceRule(at: number, label: string, colour = VERMILION, side: 'left' | 'right' = 'left'): Layer[] {
  return [
    {
      data: { values: [{ y: at, label }] },
      mark: { type: 'rule', color: colour, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    },
    {
      data: { values: [{ y: at, label }] },
      mark: { type: 'text', color: colour, align: side, baseline: 'bottom', dx: side === 'left' ? 4 : -4, dy: -3, fontSize: 11 },
      encoding: { y: { field: 'y', type: 'quantitative' }, x: side === 'left' ? { value: 0 } : { value: WIDTH }, text: { field: 'label', type: 'nominal' } },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// One scenario: `goldilocks run`
// ---------------------------------------------------------------------------------------------

const MONTH_DAYS = 365.25 / 12;
const TIME_AXIS = 'Months since the start of the run';

export interface RunChartInput {
  scenario: string;
  series: SeriesRow[];
  /** Warm-up and horizon (days): the warm-up is shaded and the time axis ends at the horizon's last full week. */
  window?: RunWindow;
  waits: WaitEcdf;
  week: GroupWeekRow[];
}

export function runCharts(input: RunChartInput): ChartSpec[] {
  return [runTimeseries(input.scenario, input.series, input.window), runWaits(input.scenario, input.waits), runWeek(input.scenario, input.week), runOverload(input.scenario, input.series, input.window)];
}

/** Tick values for a time axis of `months`: every 1, 3, 6 or 12 months, at most about 12 ticks. */
export function monthTicks(months: number): number[] {
  const step = [1, 3, 6, 12, 24, 60, 120].find((s) => months / s <= 12) ?? 240;
  const out: number[] = [];
  for (let m = 0; m <= months + 1e-9; m += step) out.push(m);
  return out;
}

/** The time axis (months, ending at the data) and the shaded, labelled warm-up. */
function timeAxis(rows: readonly SeriesRow[], window?: RunWindow): { x: { field: string; title: string; scale: object; axis: object }; warmup: Layer[] } {
  const weeks = rows.reduce((m, r) => Math.max(m, r.week + 1), 0);
  const end = Math.round(((weeks * 7) / MONTH_DAYS) * 1000) / 1000;
  const x = { field: 'month', title: TIME_AXIS, scale: { domain: [0, end], nice: false, zero: true }, axis: { values: monthTicks(end), format: '~g', labelOverlap: true } };
  const warmupMonths = window ? Math.min(end, window.warmupDays / MONTH_DAYS) : 0;
  const warmup: Layer[] =
    warmupMonths > 0
      ? [
          {
            data: { values: [{ from: 0, to: warmupMonths }] },
            mark: { type: 'rect', color: '#999999', opacity: 0.18 },
            encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
          },
          {
            data: { values: [{ at: 0, label: 'warm-up (not counted)' }] },
            mark: { type: 'text', color: '#444444', align: 'left', baseline: 'top', dx: 4, dy: 4, fontSize: 11 },
            encoding: { x: { field: 'at', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
          },
        ]
      : [];
  return { x, warmup };
}

function runTimeseries(scenario: string, series: SeriesRow[], window?: RunWindow): ChartSpec {
  const title = `${scenario}: waiting list and caseload over time (mean, 95 % band across replications)`;
  const panels: Array<{ id: SeriesRow['series']; colour: string; fallback: string }> = [
    { id: 'waitingList', colour: BLUE, fallback: 'Waiting list (patients)' },
    { id: 'caseloadPerWorker', colour: VERMILION, fallback: 'Caseload per worker (patients)' },
  ];
  const rows = panels.flatMap((p) => clean(series.filter((r) => r.series === p.id), seriesRange(p.id)));
  if (rows.length === 0) return emptyChart('run-timeseries', title, 'No weekly series recorded.');
  const { x, warmup } = timeAxis(rows, window);
  return {
    name: 'run-timeseries',
    title,
    spec: top({
      title: { text: title, subtitle: window && window.warmupDays > 0 ? 'Grey: the warm-up, left out of every figure' : 'No warm-up' },
      vconcat: panels.map((p) => ({
        width: WIDTH,
        height: 200,
        layer: [
          ...warmup,
          { data: { values: rows.filter((r) => r.series === p.id) }, layer: bandAndLine(x, rows.find((r) => r.series === p.id)?.label ?? p.fallback, p.colour, false, rangeScale(seriesRange(p.id))) },
        ],
      })),
    }),
  };
}

/** A y or x scale that never leaves a metric's range (zero included when the range starts at 0). */
function rangeScale(range: Range): object {
  return Number.isFinite(range[0]) && range[0] === 0 ? { domainMin: 0 } : {};
}

/** Tick values for the wait axis (days, symlog scale), up to `max`. */
const WAIT_TICKS = [0, 0.5, 1, 2, 3, 7, 14, 28, 56, 91, 182, 365, 730];

function runWaits(scenario: string, waits: WaitEcdf): ChartSpec {
  const title = `${scenario}: how long patients waited for a first appointment`;
  if (waits.ecdf.length === 0) return emptyChart('run-waits', title, 'No first appointments recorded.');
  const marks = waits.marks.map((m) => ({ ...m, low: Math.max(0, m.low), high: m.kind.startsWith('within') ? Math.min(1, m.high) : m.high }));
  const maxDays = Math.max(waits.ecdf[waits.ecdf.length - 1].days, ...marks.map((m) => (m.kind.startsWith('within') ? m.days : m.high)));
  const ticks = WAIT_TICKS.filter((t) => t <= maxDays * 1.0001);
  const xScale = { type: 'symlog' as const, constant: 1, domain: [0, maxDays], nice: false };
  const xTitle = 'Wait for the first appointment (days; the scale widens short waits)';
  const yTitle = 'Patients who waited at most this long';
  const markStyle: Record<WaitMark['kind'], { colour: string; shape: string }> = {
    median: { colour: VERMILION, shape: 'diamond' },
    p90: { colour: PURPLE, shape: 'square' },
    within14: { colour: GREEN, shape: 'triangle-up' },
    within28: { colour: BLACK, shape: 'triangle-down' },
  };
  const labels = marks.map((m) => m.label);
  const colour = { field: 'label', type: 'nominal' as const, title: 'Figures of the tables (mean of the replications’ own figures, 95 % interval)', scale: { domain: labels, range: marks.map((m) => markStyle[m.kind].colour) }, legend: { orient: 'bottom' as const, columns: 2, titleLimit: 600, labelLimit: 300 } };
  // The same legend as the colour (one legend showing shape and colour; a null legend here would
  // conflict with the colour's on the same field).
  const shape = { field: 'label', type: 'nominal' as const, title: colour.title, scale: { domain: labels, range: marks.map((m) => markStyle[m.kind].shape) }, legend: colour.legend };
  const quantiles = marks.filter((m) => !m.kind.startsWith('within'));
  const within = marks.filter((m) => m.kind.startsWith('within'));
  const layers: Layer[] = [
    {
      data: { values: [{ days: 14 }, { days: 28 }].filter((d) => d.days <= maxDays) },
      mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] },
      encoding: { x: { field: 'days', type: 'quantitative', title: xTitle, scale: xScale } },
    },
    {
      data: { values: waits.ecdf },
      mark: { type: 'line', color: BLUE, strokeWidth: 2, interpolate: 'linear' },
      encoding: {
        x: { field: 'days', type: 'quantitative', title: xTitle, scale: xScale, axis: { values: ticks, format: '~g', labelOverlap: true } },
        y: { field: 'share', type: 'quantitative', title: yTitle, scale: { domain: [0, 1] }, axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 0.9, 1] } },
      },
    },
  ];
  if (quantiles.length) {
    layers.push({
      data: { values: quantiles },
      mark: { type: 'errorbar', ticks: true, thickness: 2 },
      encoding: { x: { field: 'low', type: 'quantitative', title: xTitle, scale: xScale }, x2: { field: 'high' }, y: { field: 'share', type: 'quantitative', title: yTitle }, color: colour },
    });
  }
  if (within.length) {
    layers.push({
      data: { values: within },
      mark: { type: 'errorbar', ticks: true, thickness: 2 },
      encoding: { y: { field: 'low', type: 'quantitative', title: yTitle }, y2: { field: 'high' }, x: { field: 'days', type: 'quantitative', title: xTitle, scale: xScale }, color: colour },
    });
  }
  if (marks.length) {
    layers.push({
      data: { values: marks },
      mark: { type: 'point', filled: true, size: 90, opacity: 1 },
      encoding: {
        x: { field: 'days', type: 'quantitative', title: xTitle, scale: xScale },
        y: { field: 'share', type: 'quantitative', title: yTitle },
        color: colour,
        shape,
        tooltip: [{ field: 'label', type: 'nominal', title: 'figure' }],
      },
    });
  }
  return {
    name: 'run-waits',
    title,
    spec: top({
      title: {
        text: title,
        subtitle: [
          `Cumulative share of ${waits.patients.toLocaleString('en-GB')} patients referred after warm-up, pooled over replications`,
          '(those still waiting at the end with their wait so far). “Seen within” also counts',
          'patients who dropped out as not seen, so it can sit below the curve.',
        ],
      },
      width: WIDTH,
      height: 300,
      layer: layers,
    }),
  };
}

const WEEK_COLOURS = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#BBBBBB'];
const DARK_FILLS = new Set(['#0072B2', '#009E73', '#D55E00', '#CC79A7']);
const WEEK_PLOT_WIDTH = 520;

function runWeek(scenario: string, week: GroupWeekRow[]): ChartSpec {
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

function runOverload(scenario: string, series: SeriesRow[], window?: RunWindow): ChartSpec {
  const title = `${scenario}: overload index over time (mean, 95 % band across replications)`;
  const rows = clean(series.filter((r) => r.series === 'overloadIndex'), seriesRange('overloadIndex'));
  if (rows.length === 0) return emptyChart('run-overload', title, 'No overload index recorded.');
  const { x, warmup } = timeAxis(rows, window);
  return {
    name: 'run-overload',
    title,
    spec: top({
      title: { text: title, subtitle: 'Work that fell due in the week over contracted hours; above 1 = more work due than time. Grey: the warm-up' },
      width: WIDTH,
      height: 260,
      layer: [
        ...warmup,
        { data: { values: rows }, layer: bandAndLine(x, 'Overload index (work due ÷ contracted hours)', BLUE, false, rangeScale(seriesRange('overloadIndex'))) },
        ...referenceRule(1, 'more work due than time', VERMILION, 'right'),
      ],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Several designs: `goldilocks compare`
// ---------------------------------------------------------------------------------------------

/** In the order of VERDICTS (src/experiment/compare.ts): every verdict has its own shape and its own colour. */
export const VERDICT_STYLE: Record<Verdict, { colour: string; shape: string }> = {
  better: { colour: GREEN, shape: 'circle' },
  worse: { colour: VERMILION, shape: 'triangle-down' },
  higher: { colour: BLUE, shape: 'square' },
  lower: { colour: ORANGE, shape: 'diamond' },
  'no meaningful difference': { colour: PURPLE, shape: 'triangle-up' },
  'no detectable difference': { colour: BLACK, shape: 'cross' },
};
const VERDICT_COLOURS = VERDICTS.map((v) => VERDICT_STYLE[v].colour);
const VERDICT_SHAPES = VERDICTS.map((v) => VERDICT_STYLE[v].shape);

export function compareCharts(input: { designs: MetricRow[]; differences: DifferenceRow[] }): ChartSpec[] {
  return [compareDesignsChart(input.designs), compareDifferencesChart(input.differences)];
}

/**
 * One domain per unit, over every row of a metric in that unit (so panels in the same unit share
 * a scale), padded by 5 % and kept inside the unit's range; `withZero` adds 0 (differences).
 */
export function sharedDomains(rows: ReadonlyArray<{ metric: MetricId; low: number; high: number; mean: number; threshold?: number }>, withZero = false): Map<string, [number, number]> {
  const byUnit = new Map<string, number[]>();
  for (const r of rows) {
    const unit = metricUnit(r.metric);
    const xs = byUnit.get(unit) ?? [];
    xs.push(r.low, r.high, r.mean);
    if (withZero) xs.push(0, ...(r.threshold !== undefined && Number.isFinite(r.threshold) ? [-r.threshold, r.threshold] : []));
    byUnit.set(unit, xs);
  }
  const out = new Map<string, [number, number]>();
  for (const [unit, xs] of byUnit) {
    const finite = xs.filter(Number.isFinite);
    if (finite.length === 0) continue;
    let lo = Math.min(...finite);
    let hi = Math.max(...finite);
    if (hi === lo) {
      const d = lo === 0 ? 1 : Math.abs(lo) * 0.1;
      lo -= d;
      hi += d;
    } else {
      const pad = (hi - lo) * 0.05;
      lo -= pad;
      hi += pad;
    }
    if (!withZero) {
      const range = rangeOfUnit(unit);
      lo = Math.max(lo, range[0]);
      hi = Math.min(hi, range[1]);
    }
    const round = (x: number) => Number(x.toPrecision(6));
    out.set(unit, [round(lo), round(hi)]);
  }
  return out;
}

function compareDesignsChart(designs: MetricRow[]): ChartSpec {
  const title = 'Service designs side by side (mean and 95 % interval across replications)';
  const rows = designs.filter(finiteRow).flatMap((r) => clean([r], metricRange(r.metric)));
  if (rows.length === 0) return emptyChart('compare-designs', title, 'No design results.');
  const scenarios = distinct(rows.map((r) => r.scenario));
  const domains = sharedDomains(rows);
  const colour = { field: 'scenario', type: 'nominal' as const, title: 'Design', scale: { domain: scenarios }, legend: { orient: 'top' as const, labelLimit: 300 } };
  return {
    name: 'compare-designs',
    title,
    spec: top({
      title: { text: title, subtitle: 'One panel per metric; panels in the same unit share one scale' },
      data: { values: rows },
      resolve: { scale: { x: 'independent' } },
      vconcat: distinct(rows.map((r) => r.metric)).map((id) => ({
        width: WIDTH,
        height: Math.max(40, 20 * scenarios.length),
        transform: [{ filter: `datum.metric === ${lit(id)}` }],
        encoding: { y: { field: 'scenario', type: 'nominal', title: null, sort: scenarios, axis: { labelLimit: 200 } } },
        layer: [
          {
            mark: { type: 'errorbar', ticks: true, thickness: 1.5 },
            encoding: {
              x: { field: 'low', type: 'quantitative', title: metricTitle(id, rows.find((r) => r.metric === id)?.label ?? id), scale: { zero: false, nice: false, domain: domains.get(metricUnit(id)) }, axis: { labelOverlap: true, ...valueAxis(id) } },
              x2: { field: 'high' },
              color: colour,
            },
          },
          {
            mark: { type: 'point', filled: true, size: 70 },
            encoding: {
              x: { field: 'mean', type: 'quantitative' },
              color: colour,
              tooltip: [
                { field: 'scenario', type: 'nominal', title: 'design' },
                { field: 'label', type: 'nominal', title: 'metric' },
                { field: 'mean', type: 'quantitative', format: '.3~f' },
                { field: 'low', type: 'quantitative', format: '.3~f', title: '95 % low' },
                { field: 'high', type: 'quantitative', format: '.3~f', title: '95 % high' },
              ],
            },
          },
        ],
      })),
    }),
  };
}

function compareDifferencesChart(differences: DifferenceRow[]): ChartSpec {
  const rows = clean(differences).map((r) => ({ ...r, threshold: r.threshold !== undefined && Number.isFinite(r.threshold) ? r.threshold : 0 }));
  const versus = distinct(rows.map((r) => r.versus));
  const title = versus.length === 1 ? `Differences from ${versus[0]} (design − ${versus[0]}: mean and 95 % paired interval)` : 'Differences from the baseline design (mean and 95 % paired interval)';
  if (rows.length === 0) return emptyChart('compare-differences', title, 'Only one design: nothing to compare.');
  const scenarios = distinct(rows.map((r) => r.scenario));
  const several = scenarios.length > 1;
  const domains = sharedDomains(rows, true);
  const verdictEnc = {
    field: 'verdict',
    type: 'nominal' as const,
    title: 'Verdict',
    scale: { domain: [...VERDICTS], range: VERDICT_COLOURS },
    legend: { orient: 'top' as const, columns: 3 },
  };
  const shapeEnc = { field: 'verdict', type: 'nominal' as const, title: 'Verdict', scale: { domain: [...VERDICTS], range: VERDICT_SHAPES }, legend: { orient: 'top' as const, columns: 3 } };
  const metrics = distinct(rows.map((r) => r.metric));
  // Several comparisons: one column per design, metric labels only on the first.
  const panelWidth = several ? Math.max(160, Math.floor(480 / scenarios.length)) : 480;
  const panel = (id: MetricId, labels: boolean): Panel => {
    const yEnc = { field: 'label', type: 'nominal' as const, title: null, axis: labels ? { labelLimit: 300, labelFontSize: 12 } : { labels: false, ticks: false } };
    const unit = metricUnit(id);
    const xTitle = `Difference (${unit === 'share' ? 'percentage points' : unit === 'GBP' ? '£' : unit})`;
    const xScale = { zero: true, nice: false, domain: domains.get(metricUnit(id)) };
    return {
      width: panelWidth,
      height: 34,
      transform: [{ filter: `datum.metric === ${lit(id)}` }],
      layer: [
        {
          // The practical threshold: a difference inside the grey band is "no meaningful difference".
          transform: [{ filter: 'datum.threshold > 0' }, { calculate: '-datum.threshold', as: 'thresholdLow' }],
          mark: { type: 'rect', color: '#dddddd', opacity: 0.7 },
          encoding: { x: { field: 'thresholdLow', type: 'quantitative', scale: xScale }, x2: { field: 'threshold' } },
        },
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: '#555555', strokeDash: [4, 3] },
          encoding: { x: { field: 'zero', type: 'quantitative', scale: xScale } },
        },
        {
          mark: { type: 'errorbar', ticks: true, thickness: 1.5 },
          encoding: {
            y: yEnc,
            x: { field: 'low', type: 'quantitative', title: xTitle, scale: xScale, axis: { labelOverlap: true, ...valueAxis(id, true) } },
            x2: { field: 'high' },
            color: verdictEnc,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            y: yEnc,
            x: { field: 'mean', type: 'quantitative', scale: xScale },
            color: verdictEnc,
            shape: shapeEnc,
            tooltip: [
              { field: 'scenario', type: 'nominal', title: 'design' },
              { field: 'versus', type: 'nominal', title: 'versus' },
              { field: 'label', type: 'nominal', title: 'metric' },
              { field: 'mean', type: 'quantitative', format: '.3~f', title: 'difference' },
              { field: 'low', type: 'quantitative', format: '.3~f', title: '95 % low' },
              { field: 'high', type: 'quantitative', format: '.3~f', title: '95 % high' },
              { field: 'threshold', type: 'quantitative', format: '.3~f', title: 'threshold' },
              { field: 'verdict', type: 'nominal' },
            ],
          },
        },
      ],
    };
  };
  const column = (scenario: string | null, first: boolean): Panel => ({
    ...(scenario === null ? {} : { title: { text: `${scenario} − ${rows.find((r) => r.scenario === scenario)?.versus ?? ''}`, fontSize: 13, limit: panelWidth } }),
    ...(scenario === null ? {} : { transform: [{ filter: `datum.scenario === ${lit(scenario)}` }] }),
    resolve: { scale: { x: 'independent' } },
    spacing: 14,
    vconcat: metrics.map((id) => panel(id, first)),
  });
  return {
    name: 'compare-differences',
    title,
    spec: top({
      title: { text: title, subtitle: ['One row per metric; rows in the same unit share one scale. Grey: within the practical threshold.', 'A verdict needs the interval off 0 (dashed) and the threshold reached; each verdict has its own shape and colour.'] },
      data: { values: rows },
      resolve: { scale: { x: 'independent' } },
      ...(several ? { hconcat: scenarios.map((s, i) => column(s, i === 0)) } : { vconcat: [column(null, true)] }),
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// The discretion dial: `goldilocks explore`
// ---------------------------------------------------------------------------------------------

const PANEL_COLOURS: Partial<Record<MetricId, string>> = { overloadIndex: VERMILION, needMetShare: GREEN, turnoverPerYear: PURPLE };

/**
 * The shaded bands of the just-right zone: one per run of neighbouring dial levels in the zone,
 * padded by a quarter of the dial step (at most 0.02) so that a single level shows and a level
 * left out between two runs stays unshaded. The zone's levels come from `justRightZone` only.
 */
export function zoneBands(zone: readonly number[], dial: readonly number[]): Array<{ from: number; to: number }> {
  const order = distinct(dial).sort((a, b) => a - b);
  const steps = order.slice(1).map((d, i) => d - order[i]);
  const pad = Math.min(0.02, steps.length ? Math.min(...steps) / 4 : 0.02);
  const inZone = new Set(zone);
  const bands: Array<{ from: number; to: number }> = [];
  for (let i = 0; i < order.length; i++) {
    if (!inZone.has(order[i])) continue;
    let j = i;
    while (j + 1 < order.length && inZone.has(order[j + 1])) j++;
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    bands.push({ from: round(Math.max(0, order[i] - pad)), to: round(Math.min(1, order[j] + pad)) });
    i = j;
  }
  return bands;
}

export function exploreCharts(input: { scenario: string; curve: CurveRow[]; justRight: { levels: readonly number[]; label?: string; uncertain?: readonly number[] } }): ChartSpec[] {
  const title = `${input.scenario}: the Goldilocks curve across the discretion dial (mean, 95 % band)`;
  const rows = input.curve.filter(finiteRow).flatMap((r) => clean([r], metricRange(r.metric)));
  if (rows.length === 0) return [emptyChart('explore-curve', title, 'No dial levels explored.')];
  const dial = distinct(rows.map((r) => r.discretion));
  const zoneLevels = input.justRight.levels.filter((d) => dial.includes(d));
  const bands = zoneBands(zoneLevels, dial);
  const label = input.justRight.label ?? zoneLevels.join(', ');
  const subtitle =
    bands.length === 0
      ? 'No just-right zone: no dial level keeps within the limits'
      : `Shaded: the just-right zone (discretion ${label})${input.justRight.uncertain?.length ? '; it rests on overlapping intervals' : ''}`;
  const xAxis = {
    field: 'discretion',
    title: 'Discretion dial (0 = all boundaries, 1 = all discretion)',
    scale: { domain: [0, 1] },
    axis: { values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1], format: '.1~f' },
  };
  const metrics = distinct(rows.map((r) => r.metric));
  return [
    {
      name: 'explore-curve',
      title,
      spec: top({
        title: { text: title, subtitle },
        data: { values: rows },
        vconcat: metrics.map((id, i) => {
          const layers: Layer[] = [];
          if (bands.length) {
            layers.push(
              {
                data: { values: bands },
                mark: { type: 'rect', color: GREEN, opacity: 0.15 },
                encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
              },
              {
                data: { values: bands.map((b) => ({ mid: (b.from + b.to) / 2, label: 'just right' })) },
                mark: { type: 'text', color: GREEN, baseline: 'top', dy: 4, fontSize: 11, fontWeight: 'bold' },
                encoding: { x: { field: 'mid', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
              },
            );
          }
          layers.push({ transform: [{ filter: `datum.metric === ${lit(id)}` }], layer: bandAndLine(xAxis, metricTitle(id, rows.find((r) => r.metric === id)?.label ?? id), PANEL_COLOURS[id] ?? OKABE_ITO[i % OKABE_ITO.length], true, flatDomain(rows.filter((r) => r.metric === id)), valueAxis(id)) });
          if (id === 'overloadIndex') layers.push(...referenceRule(1, 'more work due than time'));
          return { width: WIDTH, height: 180, layer: layers };
        }),
      }),
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Sweeps and sensitivity: `goldilocks sweep`
// ---------------------------------------------------------------------------------------------

/**
 * Breaks `text` into lines no wider than `maxPx` at `fontSize` (DejaVu Sans widths), at spaces;
 * a single word wider than the line stays whole on its own line.
 */
export function wrapText(text: string, maxPx: number, fontSize = 12): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > maxPx) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines.length ? lines : [''];
}

/** A title for an axis: one line when it fits, else wrapped lines (vega draws an array as lines). */
function axisTitle(text: string, maxPx: number): string | string[] {
  const lines = wrapText(text, maxPx);
  return lines.length === 1 ? lines[0] : lines;
}

export interface HeatmapInput {
  rows: HeatRow[];
  /** Factor paths (dotted) and their labels (from the schema's descriptions; the path when missing). */
  xField: string;
  yField: string;
  xLabel?: string;
  yLabel?: string;
  metric: string;
}

export interface SweepChartInput {
  /** Grid sweeps: one heatmap per kept metric (the first is `sweep-heatmap`, the others `sweep-heatmap-<metric>`). */
  heatmaps?: HeatmapInput[];
  /** One heatmap (kept for callers of the first version). */
  heatmap?: HeatmapInput;
  /** Latin hypercube and Morris sweeps: each point's mean against each factor, one chart per metric. */
  scatter?: { design: string; rows: ScatterRow[] };
  morris?: MorrisRow[];
  /** Factor path → label, for Morris rows (whose `factor` is the path). */
  labels?: Record<string, string>;
}

export function sweepCharts(input: SweepChartInput): ChartSpec[] {
  const out: ChartSpec[] = [];
  const heatmaps = input.heatmaps ?? (input.heatmap ? [input.heatmap] : []);
  heatmaps.forEach((h, i) => out.push(sweepHeatmap(h, i === 0 ? 'sweep-heatmap' : `sweep-heatmap-${h.metric}`)));
  if (input.scatter) {
    const metrics = distinct(input.scatter.rows.map((r) => r.metric));
    for (const m of metrics) out.push(sweepScatter(input.scatter.design, m, input.scatter.rows.filter((r) => r.metric === m)));
  }
  if (input.morris) out.push(sweepMorris(input.morris, input.labels ?? {}));
  return out;
}

function metricName(metric: string): string {
  return metric in METRIC_BY_ID ? metricTitle(metric as MetricId, metric) : metric;
}

const HEAT_WIDTH = 520;

function sweepHeatmap(h: HeatmapInput, name: string): ChartSpec {
  const label = metricName(h.metric);
  const title = `Sweep: ${label}, mean across replications`;
  const rows = h.rows.filter((r) => Number.isFinite(r.value));
  if (rows.length === 0) return emptyChart(name, title, 'No sweep points.');
  const values = rows.map((r) => r.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const mid = lo + (hi - lo) / 2;
  const xs = valueOrder(rows.map((r) => r.x));
  const ys = valueOrder(rows.map((r) => r.y));
  const height = Math.max(160, Math.min(480, 44 * ys.length));
  const cellW = HEAT_WIDTH / xs.length;
  const cellH = height / ys.length;
  // Values are printed in the cells only when they fit (4 significant digits, 11 px).
  const widest = Math.max(...rows.map((r) => textWidth(formatSig(r.value), 11)));
  const printValues = widest + 6 <= cellW && cellH >= 15;
  const xLabel = h.xLabel ?? h.xField;
  const yLabel = h.yLabel ?? h.yField;
  const layers: Layer[] = [
    {
      mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
      encoding: {
        color: { field: 'value', type: 'quantitative', title: wrapText(label, 160), scale: { scheme: 'viridis' }, legend: { titleLimit: 300 } },
        tooltip: [
          { field: 'x', type: 'ordinal', title: xLabel },
          { field: 'y', type: 'ordinal', title: yLabel },
          { field: 'value', type: 'quantitative', format: '.4~g', title: h.metric },
        ],
      },
    },
  ];
  if (printValues) {
    layers.push({
      mark: { type: 'text', fontSize: 11 },
      encoding: {
        text: { field: 'value', type: 'quantitative', format: '.3~g' },
        // viridis runs dark → light: dark text on the light half.
        color: { condition: { test: `datum.value > ${mid}`, value: 'black' }, value: 'white' },
      },
    });
  }
  return {
    name,
    title,
    spec: top({
      title: { text: title, subtitle: `Rows: ${yLabel}; columns: ${xLabel}${printValues ? '' : ' (values in the tooltips and points.csv)'}` },
      width: HEAT_WIDTH,
      height,
      data: { values: rows },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: axisTitle(xLabel, HEAT_WIDTH), scale: { domain: xs }, axis: { labelAngle: 0, labelOverlap: 'greedy', labelLimit: Math.max(30, cellW - 4) } },
        y: { field: 'y', type: 'ordinal', title: axisTitle(yLabel, height), scale: { domain: [...ys].reverse() }, axis: { labelOverlap: 'greedy', labelLimit: 120 } },
      },
      layer: layers,
    }),
  };
}

/** Distinct factor values in order: numbers ascending, then text ("open") in alphabetical order. */
function valueOrder(xs: ReadonlyArray<string | number>): Array<string | number> {
  const num = (v: string | number) => (typeof v === 'number' ? v : v !== '' && Number.isFinite(Number(v)) ? Number(v) : NaN);
  return distinct(xs).sort((a, b) => {
    const na = num(a);
    const nb = num(b);
    if (Number.isFinite(na) && Number.isFinite(nb)) return na - nb;
    if (Number.isFinite(na)) return -1;
    if (Number.isFinite(nb)) return 1;
    return String(a).localeCompare(String(b));
  });
}

function formatSig(x: number): string {
  return String(Number(x.toPrecision(3)));
}

const SCATTER_GAP = 20;

function sweepScatter(design: string, metric: MetricId, rows: ScatterRow[]): ChartSpec {
  const name = `sweep-scatter-${metric}`;
  const label = metricName(metric);
  const what = design === 'morris' ? 'Morris' : 'Latin hypercube';
  const title = `Sweep (${what}): ${label}`;
  const finite = rows.filter((r) => Number.isFinite(r.value));
  if (finite.length === 0) return emptyChart(name, title, 'No sweep points.');
  const factors = distinct(finite.map((r) => r.factor));
  const cols = Math.min(3, factors.length);
  const panelWidth = Math.floor((WIDTH - (cols - 1) * (SCATTER_GAP + 50)) / cols);
  const range = metricRange(metric);
  const vals = finite.map((r) => r.value);
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  const pad = hi > lo ? (hi - lo) * 0.05 : Math.abs(hi) * 0.1 || 1;
  lo = Math.max(range[0], lo - pad);
  hi = Math.min(range[1], hi + pad);
  const yDomain = [Number(lo.toPrecision(6)), Number(hi.toPrecision(6))];
  const panels: Panel[] = factors.map((f, i) => {
    const own = finite.filter((r) => r.factor === f);
    const numeric = own.every((r) => typeof r.x === 'number');
    const flabel = own[0].label;
    return {
      width: panelWidth,
      height: 170,
      transform: [{ filter: `datum.factor === ${lit(f)}` }],
      mark: { type: 'point', filled: true, size: 36, opacity: 0.75, color: OKABE_ITO[i % 6] },
      encoding: {
        x: numeric
          ? { field: 'x', type: 'quantitative', title: axisTitle(flabel, panelWidth), scale: { zero: false, nice: false }, axis: { labelOverlap: true, tickCount: 4 } }
          : { field: 'x', type: 'ordinal', title: axisTitle(flabel, panelWidth), scale: { domain: valueOrder(own.map((r) => r.x)) }, axis: { labelAngle: 0, labelOverlap: 'greedy' } },
        y: { field: 'value', type: 'quantitative', title: i % cols === 0 ? metricUnit(metric) : null, scale: { domain: yDomain, nice: false }, axis: { labelOverlap: true } },
        tooltip: [
          { field: 'point', type: 'quantitative', title: 'point' },
          { field: 'x', type: numeric ? 'quantitative' : 'nominal', title: flabel },
          { field: 'value', type: 'quantitative', format: '.4~g', title: label },
        ],
      },
    };
  });
  return {
    name,
    title,
    spec: top({
      title: { text: title, subtitle: 'Each dot: one point of the design (mean over its replications) against each factor; one vertical scale' },
      data: { values: finite },
      columns: cols,
      spacing: SCATTER_GAP,
      concat: panels,
    } as Panel),
  };
}

function sweepMorris(morris: MorrisRow[], labels: Record<string, string>): ChartSpec {
  const title = 'Sensitivity (Morris screening): mean absolute effect μ* against its spread σ';
  const rows = morris
    .filter((r) => Number.isFinite(r.muStar) && Number.isFinite(r.sigma))
    .map((r) => ({
      ...r,
      label: labels[r.factor] ?? r.factor,
      muStarLow: Number.isFinite(r.muStarLow) ? r.muStarLow : r.muStar,
      muStarHigh: Number.isFinite(r.muStarHigh) ? r.muStarHigh : r.muStar,
    }));
  if (rows.length === 0) return emptyChart('sweep-morris', title, 'No elementary effects.');
  const factorLabels = distinct(rows.map((r) => r.label));
  const shapes = ['circle', 'square', 'triangle-up', 'diamond', 'triangle-down', 'cross', 'triangle-right', 'triangle-left'];
  const colour = { field: 'label', type: 'nominal' as const, title: 'Factor', scale: { domain: factorLabels, range: factorLabels.map((_, i) => OKABE_ITO[i % OKABE_ITO.length]) }, legend: { orient: 'bottom' as const, columns: 2, labelLimit: 310 } };
  const shape = { field: 'label', type: 'nominal' as const, title: 'Factor', scale: { domain: factorLabels, range: factorLabels.map((_, i) => shapes[i % shapes.length]) }, legend: { orient: 'bottom' as const, columns: 2, labelLimit: 310 } };
  return {
    name: 'sweep-morris',
    title,
    spec: top({
      title: { text: title, subtitle: 'Far right: influential factors; high up: non-linear or interacting. Bars: 95 % interval of μ*' },
      data: { values: rows },
      vconcat: distinct(rows.map((r) => r.metric)).map((id) => {
        const unit = metricUnit(id);
        return {
          title: { text: metricTitle(id, id), fontSize: 13 },
          width: WIDTH,
          height: 240,
          transform: [{ filter: `datum.metric === ${lit(id)}` }],
          layer: [
            {
              mark: { type: 'errorbar', ticks: true },
              encoding: {
                x: { field: 'muStarLow', type: 'quantitative', title: `μ*, mean absolute elementary effect (${unit})`, scale: { zero: true } },
                x2: { field: 'muStarHigh' },
                y: { field: 'sigma', type: 'quantitative', title: `σ, spread of elementary effects (${unit})`, scale: { zero: true } },
                color: colour,
              },
            },
            {
              mark: { type: 'point', filled: true, size: 70, opacity: 1 },
              encoding: {
                x: { field: 'muStar', type: 'quantitative' },
                y: { field: 'sigma', type: 'quantitative' },
                color: colour,
                shape,
                tooltip: [
                  { field: 'label', type: 'nominal', title: 'factor' },
                  { field: 'factor', type: 'nominal', title: 'path' },
                  { field: 'muStar', type: 'quantitative', format: '.4~g', title: 'μ*' },
                  { field: 'sigma', type: 'quantitative', format: '.4~g', title: 'σ' },
                ],
              },
            },
          ],
        };
      }),
    }),
  };
}
