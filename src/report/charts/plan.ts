/**
 * The frontier of a plan, `goldilocks plan` (pure): for each metric with a target, the objective
 * (cost a year by default) of every candidate tried against its estimate of that metric, with
 * 95 % intervals as error bars both ways, the target drawn as a line, and each candidate coloured
 * (and shaped) by what became of it: chosen, feasible, dominated, infeasible or undecided.
 * One chart per target metric: charts/frontier-<metric>.
 */
import type { PlanDocument } from '../../experiment/plan-output.js';
import type { MetricId } from '../../model/index.js';
import { metricRange } from '../../experiment/ranges.js';
import { formatValue } from '../format.js';
import { pointWords } from '../plan-words.js';
import { BLACK, BLUE, GREEN, ORANGE, VERMILION, WIDTH, distinct, emptyChart, metricTitle, top, valueAxis, type ChartSpec, type Layer } from './common.js';

const HEIGHT = 320;

export const PLAN_STATUSES = ['chosen', 'feasible', 'dominated', 'infeasible', 'undecided'] as const;

/** Every status its own colour and shape (colour-blind safe: the shape says it too). */
export const PLAN_STATUS_STYLE: Record<(typeof PLAN_STATUSES)[number], { colour: string; shape: string }> = {
  chosen: { colour: GREEN, shape: 'diamond' },
  feasible: { colour: BLUE, shape: 'circle' },
  dominated: { colour: '#56B4E9', shape: 'square' },
  infeasible: { colour: VERMILION, shape: 'cross' },
  undecided: { colour: ORANGE, shape: 'triangle-up' },
};

/** The chart's file stem for a target metric. */
export const frontierChartName = (metric: string) => `frontier-${metric}`;

const finite = (x: number) => Number.isFinite(x);
const orMean = (x: number, mean: number) => (finite(x) ? x : mean);

export function planCharts(doc: PlanDocument): ChartSpec[] {
  const metrics = distinct(doc.candidates.flatMap((c) => c.targets.map((t) => t.metric)));
  if (metrics.length === 0) metrics.push(...distinct((doc.chosen?.targets ?? []).map((t) => t.metric)));
  return metrics.map((m) => frontierChart(doc, m as MetricId));
}

function frontierChart(doc: PlanDocument, metric: MetricId): ChartSpec {
  const objective = doc.objective.metric as MetricId;
  const name = frontierChartName(metric);
  const xTitle = metricTitle(metric, metric);
  const yTitle = metricTitle(objective, objective);
  const title = `${yTitle.replace(/ \(.*\)$/, '')} against ${xTitle.replace(/ \(.*\)$/, '').toLowerCase()}: the designs tried`;
  const rows = doc.candidates.flatMap((c) => {
    const t = c.targets.find((x) => x.metric === metric);
    if (!t || !finite(t.mean) || !finite(c.objective.mean)) return [];
    return [
      {
        design: pointWords(c.point),
        status: c.status,
        replications: c.replications,
        x: t.mean,
        xLow: orMean(t.ci95[0], t.mean),
        xHigh: orMean(t.ci95[1], t.mean),
        y: c.objective.mean,
        yLow: orMean(c.objective.ci95[0], c.objective.mean),
        yHigh: orMean(c.objective.ci95[1], c.objective.mean),
      },
    ];
  });
  if (rows.length === 0) return emptyChart(name, title, 'No candidate could measure this metric.');
  // Drawn in this order, so that the chosen design is on top of any design at the same point.
  const drawOrder = ['dominated', 'undecided', 'infeasible', 'feasible', 'chosen'];
  rows.sort((a, b) => drawOrder.indexOf(a.status) - drawOrder.indexOf(b.status));
  const targets = distinct(doc.candidates.flatMap((c) => c.targets.filter((t) => t.metric === metric).map((t) => `${t.comparator}${t.value}`))).map((k) => {
    const comparator = k.slice(0, 2);
    return { x: Number(k.slice(2)), label: `target ${comparator === '>=' ? '≥' : '≤'} ${formatValue(metric, Number(k.slice(2)))}` };
  });
  const xs = [...rows.flatMap((r) => [r.xLow, r.xHigh]), ...targets.map((t) => t.x)];
  const ys = rows.flatMap((r) => [r.yLow, r.yHigh]);
  const pad = (lo: number, hi: number): [number, number] => {
    const d = hi > lo ? (hi - lo) * 0.08 : Math.abs(lo) * 0.1 || 1;
    return [lo - d, hi + d];
  };
  const range = metricRange(metric);
  const padded = pad(Math.min(...xs), Math.max(...xs));
  const xDomain: [number, number] = [Math.max(range[0], padded[0]), Math.min(range[1], padded[1])];
  const yDomain = pad(Math.min(...ys), Math.max(...ys));
  const x = { type: 'quantitative' as const, title: xTitle, scale: { domain: xDomain, zero: false, nice: false }, axis: valueAxis(metric) };
  const y = { type: 'quantitative' as const, title: yTitle, scale: { domain: yDomain, zero: false, nice: false }, axis: valueAxis(objective) };
  const statuses = PLAN_STATUSES.filter((s) => rows.some((r) => r.status === s));
  const colour = {
    field: 'status',
    type: 'nominal' as const,
    title: 'Design',
    scale: { domain: statuses, range: statuses.map((s) => PLAN_STATUS_STYLE[s].colour) },
  };
  const shape = {
    field: 'status',
    type: 'nominal' as const,
    title: 'Design',
    scale: { domain: statuses, range: statuses.map((s) => PLAN_STATUS_STYLE[s].shape) },
  };
  const layers: Layer[] = [
    ...targets.flatMap((t): Layer[] => [
      {
        data: { values: [t] },
        mark: { type: 'rule', color: BLACK, strokeDash: [6, 4], strokeWidth: 1.5 },
        encoding: { x: { field: 'x', ...x } },
      },
      {
        data: { values: [t] },
        mark: { type: 'text', color: BLACK, align: 'left', baseline: 'bottom', dx: 4, dy: -4, fontSize: 11 },
        encoding: { x: { field: 'x', ...x }, y: { value: HEIGHT }, text: { field: 'label', type: 'nominal' } },
      },
    ]),
    {
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: { x: { field: 'xLow', ...x }, x2: { field: 'xHigh' }, y: { field: 'y', ...y }, color: colour },
    },
    {
      mark: { type: 'rule', strokeWidth: 1.5 },
      encoding: { x: { field: 'x', ...x }, y: { field: 'yLow', ...y }, y2: { field: 'yHigh' }, color: colour },
    },
    {
      mark: { type: 'point', filled: true, size: 100, opacity: 1 },
      encoding: {
        x: { field: 'x', ...x },
        y: { field: 'y', ...y },
        color: colour,
        shape,
        tooltip: [
          { field: 'design', type: 'nominal', title: 'design' },
          { field: 'status', type: 'nominal', title: 'status' },
          { field: 'x', type: 'quantitative', format: '.4~g', title: metric },
          { field: 'xLow', type: 'quantitative', format: '.4~g', title: '95 % low' },
          { field: 'xHigh', type: 'quantitative', format: '.4~g', title: '95 % high' },
          { field: 'y', type: 'quantitative', format: ',.0f', title: objective },
          { field: 'replications', type: 'quantitative', title: 'replications' },
        ],
      },
    },
    // Labels beside the points (every design when there are few, else the chosen one only): to the
    // right of a point in the left half of the chart, to its left in the right half.
    ...[true, false].map(
      (left): Layer => ({
        transform: [{ filter: `${rows.length > 8 ? "datum.status === 'chosen' && " : ''}datum.x ${left ? '<' : '>='} ${(xDomain[0] + xDomain[1]) / 2}` }],
        mark: { type: 'text', align: left ? 'left' : 'right', baseline: 'bottom', dx: left ? 6 : -6, dy: -6, fontSize: 10, color: '#333333' },
        encoding: { x: { field: 'x', ...x }, y: { field: 'y', ...y }, text: { field: 'design', type: 'nominal' } },
      }),
    ),
  ];
  return {
    name,
    title,
    spec: top({
      title: {
        text: title,
        subtitle: `Each design tried: mean with 95 % intervals; the dashed line is the target. ${doc.objective.sense === 'minimise' ? 'Lower' : 'Higher'} is better on the vertical axis.`,
      },
      width: WIDTH - 140,
      height: HEIGHT,
      data: { values: rows },
      layer: layers,
      resolve: { scale: { color: 'shared', shape: 'shared' } },
    }),
  };
}
