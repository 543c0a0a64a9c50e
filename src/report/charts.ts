/**
 * Chart specifications (pure): tidy rows from ./chart-data.ts → vega-lite specs. Every spec
 * carries its data inline, so the `.vl.json` files open as they are in the Vega editor, and
 * shares one look (`baseConfig`): DejaVu Sans (the font the PNG renderer has), the Okabe–Ito
 * colour-blind-safe palette, a white background and a width of about 640 px.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { METRIC_BY_ID, type MetricId } from '../model/index.js';
import { VERDICTS, type Verdict } from '../experiment/compare.js';
import type { CurveRow, DifferenceRow, HeatRow, MetricRow, MorrisRow, SeriesRow, WaitRow, WeekRow } from './chart-data.js';

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
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#e6e6e6' },
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
/** Replace non-finite interval ends by the mean (JSON has no NaN; vega would drop the mark). */
function clean<T extends { mean: number; low: number; high: number }>(rows: readonly T[]): T[] {
  return rows.filter(finiteRow).map((r) => ({ ...r, low: Number.isFinite(r.low) ? r.low : r.mean, high: Number.isFinite(r.high) ? r.high : r.mean }));
}

/** Distinct values in order of first appearance. */
function distinct<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** vega expression string literal. */
const lit = (s: string) => JSON.stringify(s);

function metricTitle(id: MetricId, fallback: string): string {
  const m = METRIC_BY_ID[id];
  return m ? `${m.label} (${m.unit})` : fallback;
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
function bandAndLine(x: { field: string; title: string; scale?: object; axis?: object }, yTitle: string, colour: string, points = false, yScale?: object): Layer[] {
  const xEnc = { field: x.field, type: 'quantitative' as const, title: x.title, ...(x.scale ? { scale: x.scale } : {}), ...(x.axis ? { axis: x.axis } : {}) };
  const yExtra = yScale ? { scale: yScale } : {};
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

/** A horizontal reference rule at y = `at` with a label, on its own one-row data. */
function referenceRule(at: number, label: string, colour = VERMILION): Layer[] {
  return [
    {
      data: { values: [{ y: at, label }] },
      mark: { type: 'rule', color: colour, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { field: 'y', type: 'quantitative' } },
    },
    {
      data: { values: [{ y: at, label }] },
      mark: { type: 'text', color: colour, align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 11 },
      encoding: { y: { field: 'y', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label', type: 'nominal' } },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// One scenario: `goldilocks run`
// ---------------------------------------------------------------------------------------------

const WEEK_AXIS = 'Week of the run (warm-up included)';

export function runCharts(input: { scenario: string; series: SeriesRow[]; waits: WaitRow[]; week: WeekRow[] }): ChartSpec[] {
  return [runTimeseries(input.scenario, input.series), runWaits(input.scenario, input.waits), runWeek(input.scenario, input.week), runOverload(input.scenario, input.series)];
}

function runTimeseries(scenario: string, series: SeriesRow[]): ChartSpec {
  const title = `${scenario}: waiting list and caseload over time (mean, 95 % band across replications)`;
  const panels: Array<{ id: SeriesRow['series']; colour: string; fallback: string }> = [
    { id: 'waitingList', colour: BLUE, fallback: 'Waiting list (patients)' },
    { id: 'caseloadPerWorker', colour: VERMILION, fallback: 'Caseload per worker (patients)' },
  ];
  const rows = clean(series.filter((r) => panels.some((p) => p.id === r.series)));
  if (rows.length === 0) return emptyChart('run-timeseries', title, 'No weekly series recorded.');
  return {
    name: 'run-timeseries',
    title,
    spec: top({
      title: { text: title },
      data: { values: rows },
      vconcat: panels.map((p) => ({
        width: WIDTH,
        height: 200,
        transform: [{ filter: `datum.series === ${lit(p.id)}` }],
        layer: bandAndLine({ field: 'week', title: WEEK_AXIS }, rows.find((r) => r.series === p.id)?.label ?? p.fallback, p.colour),
      })),
    }),
  };
}

function runWaits(scenario: string, waits: WaitRow[]): ChartSpec {
  const openFrom = waits.find((w) => w.open)?.days;
  const openText = openFrom === undefined ? '' : `; last bar: ${openFrom} days or more`;
  const title = `${scenario}: wait for a first appointment (share of patients${openText})`;
  if (waits.length === 0) return emptyChart('run-waits', title, 'No first appointments recorded.');
  const sorted = [...waits].sort((a, b) => a.days - b.days);
  // Bin edges: each bin runs to the next bin's lower edge (the open bin gets the last width).
  const widths = sorted.map((w, i) => (i + 1 < sorted.length ? sorted[i + 1].days - w.days : i > 0 ? w.days - sorted[i - 1].days : 1));
  const rows = sorted.map((w, i) => ({ ...w, end: w.days + widths[i], percent: w.share * 100, bin: w.open ? `${w.days}+` : `${w.days}` }));
  const xTitle = 'Wait for the first appointment (days)';
  const layers: Layer[] = [
    {
      mark: { type: 'bar', binSpacing: 0, stroke: 'white', strokeWidth: 0.3 },
      encoding: {
        x: { field: 'days', type: 'quantitative', title: xTitle, scale: { domainMin: 0, nice: false } },
        x2: { field: 'end' },
        y: { field: 'percent', type: 'quantitative', title: 'Share of first appointments (%)' },
        y2: { datum: 0 },
        color: { condition: { test: 'datum.open', value: VERMILION }, value: BLUE },
        tooltip: [
          { field: 'bin', type: 'nominal', title: 'wait (days)' },
          { field: 'percent', type: 'quantitative', format: '.2f', title: 'share (%)' },
        ],
      },
    },
  ];
  if (openFrom !== undefined) {
    layers.push({
      transform: [{ filter: 'datum.open' }, { calculate: '(datum.days + datum.end) / 2', as: 'mid' }],
      mark: { type: 'text', color: VERMILION, align: 'right', baseline: 'bottom', dy: -4, fontSize: 11, fontWeight: 'bold' },
      encoding: { x: { field: 'mid', type: 'quantitative' }, y: { field: 'percent', type: 'quantitative' }, text: { field: 'bin', type: 'nominal' } },
    });
  }
  return { name: 'run-waits', title, spec: top({ title: { text: title }, width: WIDTH, height: 260, data: { values: rows }, layer: layers }) };
}

function runWeek(scenario: string, week: WeekRow[]): ChartSpec {
  const title = "A link worker's average week (hours)";
  if (week.length === 0) return emptyChart('run-week', title, 'No time use recorded.');
  const rows = [...week].sort((a, b) => a.order - b.order);
  const domain = rows.map((r) => r.activity);
  const range = domain.map((_, i) => OKABE_ITO[i % OKABE_ITO.length]);
  const dark = domain.filter((_, i) => ['#0072B2', '#009E73', '#D55E00', '#000000', '#CC79A7'].includes(range[i]));
  const total = rows.reduce((s, r) => s + r.hours, 0);
  const colour = { field: 'activity', type: 'nominal' as const, title: 'Activity', scale: { domain, range }, sort: domain, legend: { orient: 'bottom' as const, columns: 2, direction: 'vertical' as const } };
  return {
    name: 'run-week',
    title,
    spec: top({
      title: { text: title, subtitle: `${scenario}: mean over workers and replications; ${total.toFixed(1)} hours in all` },
      width: WIDTH,
      height: 56,
      data: { values: rows },
      transform: [
        { stack: 'hours', groupby: [], sort: [{ field: 'order', order: 'ascending' }], as: ['from', 'to'] },
        { calculate: '(datum.from + datum.to) / 2', as: 'mid' },
      ],
      layer: [
        {
          mark: { type: 'bar', stroke: 'white', strokeWidth: 1 },
          encoding: {
            x: { field: 'from', type: 'quantitative', title: 'Hours in an average week', scale: { domainMin: 0 } },
            x2: { field: 'to' },
            color: colour,
            tooltip: [
              { field: 'activity', type: 'nominal', title: 'activity' },
              { field: 'hours', type: 'quantitative', format: '.1f', title: 'hours' },
            ],
          },
        },
        {
          transform: [{ filter: 'datum.hours >= 1.2' }],
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

function runOverload(scenario: string, series: SeriesRow[]): ChartSpec {
  const title = `${scenario}: overload index over time (mean, 95 % band across replications)`;
  const rows = clean(series.filter((r) => r.series === 'overloadIndex'));
  if (rows.length === 0) return emptyChart('run-overload', title, 'No overload index recorded.');
  return {
    name: 'run-overload',
    title,
    spec: top({
      title: { text: title, subtitle: 'Overload index: work that fell due in the week over contracted hours; above 1 = more work due than time' },
      width: WIDTH,
      height: 260,
      layer: [
        { data: { values: rows }, layer: bandAndLine({ field: 'week', title: WEEK_AXIS }, 'Overload index (work due ÷ contracted hours)', BLUE) },
        ...referenceRule(1, 'more work due than time'),
      ],
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Several designs: `goldilocks compare`
// ---------------------------------------------------------------------------------------------

/** In the order of VERDICTS (src/experiment/compare.ts). */
const VERDICT_STYLE: Record<Verdict, { colour: string; shape: string }> = {
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

function compareDesignsChart(designs: MetricRow[]): ChartSpec {
  const title = 'Service designs side by side (mean and 95 % interval across replications)';
  const rows = clean(designs);
  if (rows.length === 0) return emptyChart('compare-designs', title, 'No design results.');
  const scenarios = distinct(rows.map((r) => r.scenario));
  const colour = { field: 'scenario', type: 'nominal' as const, title: 'Design', scale: { domain: scenarios }, legend: { orient: 'top' as const } };
  return {
    name: 'compare-designs',
    title,
    spec: top({
      title: { text: title, subtitle: 'One panel per metric, each on its own scale' },
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
              x: { field: 'low', type: 'quantitative', title: metricTitle(id, rows.find((r) => r.metric === id)?.label ?? id), scale: { zero: false, ...flatDomain(rows.filter((r) => r.metric === id)) } },
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
  const rows = clean(differences);
  const versus = distinct(rows.map((r) => r.versus));
  const title = versus.length === 1 ? `Differences from ${versus[0]} (design − ${versus[0]}: mean and 95 % paired interval)` : 'Differences from the baseline design (mean and 95 % paired interval)';
  if (rows.length === 0) return emptyChart('compare-differences', title, 'Only one design: nothing to compare.');
  const scenarios = distinct(rows.map((r) => r.scenario));
  const several = scenarios.length > 1;
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
  const panelWidth = several ? Math.max(180, Math.floor(520 / scenarios.length)) : 520;
  const panel = (id: MetricId, labels: boolean): Panel => {
    const yEnc = { field: 'label', type: 'nominal' as const, title: null, axis: labels ? { labelLimit: 300, labelFontSize: 12 } : { labels: false, ticks: false } };
    const xTitle = `Difference (${metricUnit(id)})`;
    return {
      width: panelWidth,
      height: 34,
      transform: [{ filter: `datum.metric === ${lit(id)}` }],
      layer: [
        {
          data: { values: [{ zero: 0 }] },
          mark: { type: 'rule', color: '#555555', strokeDash: [4, 3] },
          encoding: { x: { field: 'zero', type: 'quantitative' } },
        },
        {
          mark: { type: 'errorbar', ticks: true, thickness: 1.5 },
          encoding: {
            y: yEnc,
            x: { field: 'low', type: 'quantitative', title: xTitle, scale: { zero: true, ...flatDomain(rows.filter((r) => r.metric === id), true) } },
            x2: { field: 'high' },
            color: verdictEnc,
          },
        },
        {
          mark: { type: 'point', filled: true, size: 80, opacity: 1 },
          encoding: {
            y: yEnc,
            x: { field: 'mean', type: 'quantitative' },
            color: verdictEnc,
            shape: shapeEnc,
            tooltip: [
              { field: 'scenario', type: 'nominal', title: 'design' },
              { field: 'versus', type: 'nominal', title: 'versus' },
              { field: 'label', type: 'nominal', title: 'metric' },
              { field: 'mean', type: 'quantitative', format: '.3~f', title: 'difference' },
              { field: 'low', type: 'quantitative', format: '.3~f', title: '95 % low' },
              { field: 'high', type: 'quantitative', format: '.3~f', title: '95 % high' },
              { field: 'verdict', type: 'nominal' },
            ],
          },
        },
      ],
    };
  };
  const column = (scenario: string | null, first: boolean): Panel => ({
    ...(scenario === null ? {} : { title: { text: `${scenario} − ${rows.find((r) => r.scenario === scenario)?.versus ?? ''}`, fontSize: 13 } }),
    ...(scenario === null ? {} : { transform: [{ filter: `datum.scenario === ${lit(scenario)}` }] }),
    resolve: { scale: { x: 'independent' } },
    spacing: 14,
    vconcat: metrics.map((id) => panel(id, first)),
  });
  return {
    name: 'compare-differences',
    title,
    spec: top({
      title: { text: title, subtitle: 'One row per metric, own scale; a verdict needs the interval off 0 (dashed) and the threshold reached' },
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
  const rows = clean(input.curve);
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
          layers.push({ transform: [{ filter: `datum.metric === ${lit(id)}` }], layer: bandAndLine(xAxis, metricTitle(id, rows.find((r) => r.metric === id)?.label ?? id), PANEL_COLOURS[id] ?? OKABE_ITO[i % OKABE_ITO.length], true, flatDomain(rows.filter((r) => r.metric === id))) });
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

export function sweepCharts(input: { heatmap?: { rows: HeatRow[]; xField: string; yField: string; metric: string }; morris?: MorrisRow[] }): ChartSpec[] {
  const out: ChartSpec[] = [];
  if (input.heatmap) out.push(sweepHeatmap(input.heatmap));
  if (input.morris) out.push(sweepMorris(input.morris));
  return out;
}

function sweepHeatmap(h: { rows: HeatRow[]; xField: string; yField: string; metric: string }): ChartSpec {
  const metricName = h.metric in METRIC_BY_ID ? metricTitle(h.metric as MetricId, h.metric) : h.metric;
  const title = `Sweep: ${metricName}, mean across replications`;
  const rows = h.rows.filter((r) => Number.isFinite(r.value));
  if (rows.length === 0) return emptyChart('sweep-heatmap', title, 'No sweep points.');
  const values = rows.map((r) => r.value);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const mid = lo + (hi - lo) / 2;
  const order = (xs: Array<string | number>) => distinct(xs).sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), 'en', { numeric: true })));
  const xs = order(rows.map((r) => r.x));
  const ys = order(rows.map((r) => r.y));
  return {
    name: 'sweep-heatmap',
    title,
    spec: top({
      title: { text: title, subtitle: `Rows: ${h.yField}; columns: ${h.xField}` },
      width: 560,
      height: Math.max(160, Math.min(480, 44 * ys.length)),
      data: { values: rows },
      encoding: {
        x: { field: 'x', type: 'ordinal', title: h.xField, scale: { domain: xs }, axis: { labelAngle: 0 } },
        y: { field: 'y', type: 'ordinal', title: h.yField, scale: { domain: [...ys].reverse() } },
      },
      layer: [
        {
          mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
          encoding: {
            color: { field: 'value', type: 'quantitative', title: metricName, scale: { scheme: 'viridis' }, legend: { titleLimit: 300 } },
            tooltip: [
              { field: 'x', type: 'ordinal', title: h.xField },
              { field: 'y', type: 'ordinal', title: h.yField },
              { field: 'value', type: 'quantitative', format: '.4~g', title: h.metric },
            ],
          },
        },
        {
          mark: { type: 'text', fontSize: 11 },
          encoding: {
            text: { field: 'value', type: 'quantitative', format: '.3~g' },
            // viridis runs dark → light: dark text on the light half.
            color: { condition: { test: `datum.value > ${mid}`, value: 'black' }, value: 'white' },
          },
        },
      ],
    }),
  };
}

function sweepMorris(morris: MorrisRow[]): ChartSpec {
  const title = 'Sensitivity (Morris screening): mean absolute effect μ* against its spread σ';
  const rows = morris.filter((r) => Number.isFinite(r.muStar) && Number.isFinite(r.sigma)).map((r) => ({
    ...r,
    muStarLow: Number.isFinite(r.muStarLow) ? r.muStarLow : r.muStar,
    muStarHigh: Number.isFinite(r.muStarHigh) ? r.muStarHigh : r.muStar,
  }));
  if (rows.length === 0) return emptyChart('sweep-morris', title, 'No elementary effects.');
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
              mark: { type: 'errorbar', ticks: true, color: BLUE },
              encoding: {
                x: { field: 'muStarLow', type: 'quantitative', title: `μ*, mean absolute elementary effect (${unit})`, scale: { zero: true } },
                x2: { field: 'muStarHigh' },
                y: { field: 'sigma', type: 'quantitative', title: `σ, spread of elementary effects (${unit})`, scale: { zero: true } },
              },
            },
            {
              mark: { type: 'point', filled: true, size: 60, color: BLUE },
              encoding: {
                x: { field: 'muStar', type: 'quantitative' },
                y: { field: 'sigma', type: 'quantitative' },
                tooltip: [
                  { field: 'factor', type: 'nominal' },
                  { field: 'muStar', type: 'quantitative', format: '.4~g', title: 'μ*' },
                  { field: 'sigma', type: 'quantitative', format: '.4~g', title: 'σ' },
                ],
              },
            },
            {
              mark: { type: 'text', align: 'left', baseline: 'middle', dx: 7, dy: -7, fontSize: 11, color: BLACK },
              encoding: { x: { field: 'muStar', type: 'quantitative' }, y: { field: 'sigma', type: 'quantitative' }, text: { field: 'factor', type: 'nominal' } },
            },
          ],
        };
      }),
    }),
  };
}
