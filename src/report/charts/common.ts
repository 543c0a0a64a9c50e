/**
 * What every chart shares (pure): the spec type, one look (`baseConfig`: DejaVu Sans, the font the
 * PNG renderer has, the Okabe–Ito colour-blind-safe palette, a white background, about 640 px
 * wide) and the small building blocks the charts of each command are made of. Every spec carries
 * its data inline, so the `.vl.json` files open as they are in the Vega editor.
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { METRIC_BY_ID, type MetricId } from '../../model/index.js';
import type { Range } from '../../experiment/ranges.js';
import { metricWithUnit } from '../chart-data.js';

export interface ChartSpec {
  /** File name stem: charts/<name>.vl.json, .svg, .png. */
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** Okabe & Ito (2008), in an order that keeps the low-contrast yellow away from the first series. */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'] as const;
export const BLUE = '#0072B2';
export const ORANGE = '#E69F00';
export const GREEN = '#009E73';
export const VERMILION = '#D55E00';
export const PURPLE = '#CC79A7';
export const BLACK = '#000000';

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
export type Panel = VConcatSpec['vconcat'][number];
type LayerTop = Extract<TopLevelSpec, { layer: unknown }>;
/** A layer of a layered view. */
export type Layer = LayerTop['layer'][number];

export function top(spec: Panel): TopLevelSpec {
  return { $schema: SCHEMA, background: 'white', config: baseConfig, ...spec } as TopLevelSpec;
}

export const finiteRow = (r: { mean: number }) => Number.isFinite(r.mean);
/**
 * Replace non-finite interval ends by the mean (JSON has no NaN; vega would drop the mark), and
 * clip the mean and band at the metric's natural range (a share's band never leaves [0, 1]).
 */
export function clean<T extends { mean: number; low: number; high: number }>(rows: readonly T[], range: Range = [-Infinity, Infinity]): T[] {
  const clip = (x: number) => Math.min(range[1], Math.max(range[0], x));
  return rows
    .filter(finiteRow)
    .map((r) => ({ ...r, mean: clip(r.mean), low: clip(Number.isFinite(r.low) ? r.low : r.mean), high: clip(Number.isFinite(r.high) ? r.high : r.mean) }));
}

/** Distinct values in order of first appearance. */
export function distinct<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** vega expression string literal. */
export const lit = (s: string) => JSON.stringify(s);

/** Axis title of a metric, in the units the tables print: shares in %, money in £. */
export function metricTitle(id: MetricId, fallback: string): string {
  return METRIC_BY_ID[id] ? metricWithUnit(id) : fallback;
}

/** Axis labels in the tables' format: shares as per cent, differences of shares in points, £ grouped. */
export function valueAxis(id: MetricId, difference = false): { format?: string; labelExpr?: string } {
  const unit = METRIC_BY_ID[id]?.unit;
  if (unit === 'share') return difference ? { labelExpr: "format(datum.value * 100, '~g')" } : { format: '.0%' };
  if (unit === 'GBP') return { format: ',.0f' };
  return {};
}

export function metricUnit(id: MetricId): string {
  return METRIC_BY_ID[id]?.unit ?? 'metric units';
}

/**
 * A scale domain for values that are all equal (e.g. no turnover in any replication): vega
 * would draw a zero-width domain with a single, oddly formatted tick.
 */
export function flatDomain(
  rows: ReadonlyArray<{ mean: number; low: number; high: number }>,
  aroundZero = false,
): { domain: [number, number] } | Record<string, never> {
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
export function emptyChart(name: string, title: string, message: string): ChartSpec {
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
export function bandAndLine(
  x: { field: string; title: string; scale?: object; axis?: object },
  yTitle: string,
  colour: string,
  points = false,
  yScale?: object,
  yAxis?: object,
): Layer[] {
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
export function referenceRule(at: number, label: string, colour = VERMILION, side: 'left' | 'right' = 'left'): Layer[] {
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
