/**
 * The charts of several designs, `goldilocks compare` (pure): each design's key metrics side by
 * side, and the paired differences from the baseline with their verdicts.
 */
import { VERDICTS, type Verdict } from '../../experiment/compare.js';
import { metricRange, rangeOfUnit } from '../../experiment/ranges.js';
import type { MetricId } from '../../model/index.js';
import type { DifferenceRow, MetricRow } from '../chart-data.js';
import {
  BLACK,
  BLUE,
  GREEN,
  ORANGE,
  PURPLE,
  VERMILION,
  WIDTH,
  clean,
  distinct,
  emptyChart,
  finiteRow,
  lit,
  metricTitle,
  metricUnit,
  top,
  valueAxis,
  type ChartSpec,
  type Panel,
} from './common.js';

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
export function sharedDomains(
  rows: ReadonlyArray<{ metric: MetricId; low: number; high: number; mean: number; threshold?: number }>,
  withZero = false,
): Map<string, [number, number]> {
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
  const colour = {
    field: 'scenario',
    type: 'nominal' as const,
    title: 'Design',
    scale: { domain: scenarios },
    legend: { orient: 'top' as const, labelLimit: 300 },
  };
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
              x: {
                field: 'low',
                type: 'quantitative',
                title: metricTitle(id, rows.find((r) => r.metric === id)?.label ?? id),
                scale: { zero: false, nice: false, domain: domains.get(metricUnit(id)) },
                axis: { labelOverlap: true, ...valueAxis(id) },
              },
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
  const title =
    versus.length === 1
      ? `Differences from ${versus[0]} (design − ${versus[0]}: mean and 95 % paired interval)`
      : 'Differences from the baseline design (mean and 95 % paired interval)';
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
  const shapeEnc = {
    field: 'verdict',
    type: 'nominal' as const,
    title: 'Verdict',
    scale: { domain: [...VERDICTS], range: VERDICT_SHAPES },
    legend: { orient: 'top' as const, columns: 3 },
  };
  const metrics = distinct(rows.map((r) => r.metric));
  // Several comparisons: one column per design, metric labels only on the first.
  const panelWidth = several ? Math.max(160, Math.floor(480 / scenarios.length)) : 480;
  const panel = (id: MetricId, labels: boolean): Panel => {
    const yEnc = {
      field: 'label',
      type: 'nominal' as const,
      title: null,
      axis: labels ? { labelLimit: 300, labelFontSize: 12 } : { labels: false, ticks: false },
    };
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
    ...(scenario === null
      ? {}
      : { title: { text: `${scenario} − ${rows.find((r) => r.scenario === scenario)?.versus ?? ''}`, fontSize: 13, limit: panelWidth } }),
    ...(scenario === null ? {} : { transform: [{ filter: `datum.scenario === ${lit(scenario)}` }] }),
    resolve: { scale: { x: 'independent' } },
    spacing: 14,
    vconcat: metrics.map((id) => panel(id, first)),
  });
  return {
    name: 'compare-differences',
    title,
    spec: top({
      title: {
        text: title,
        subtitle: [
          'One row per metric; rows in the same unit share one scale. Grey: within the practical threshold.',
          'A verdict needs the interval off 0 (dashed) and the threshold reached; each verdict has its own shape and colour.',
        ],
      },
      data: { values: rows },
      resolve: { scale: { x: 'independent' } },
      ...(several ? { hconcat: scenarios.map((s, i) => column(s, i === 0)) } : { vconcat: [column(null, true)] }),
    }),
  };
}
