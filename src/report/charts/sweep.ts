/**
 * Sweeps and sensitivity, `goldilocks sweep` (pure): a heatmap per kept metric over a grid's
 * first two factors, each point against each factor for Latin hypercube and Morris designs, and
 * Morris μ* against σ.
 */
import { METRIC_BY_ID, type MetricId } from '../../model/index.js';
import { metricRange } from '../../experiment/ranges.js';
import type { HeatRow, MorrisRow, ScatterRow } from '../chart-data.js';
import { textWidth } from '../text-metrics.js';
import { OKABE_ITO, WIDTH, distinct, emptyChart, lit, metricTitle, metricUnit, top, type ChartSpec, type Layer, type Panel } from './common.js';

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
    for (const m of metrics)
      out.push(
        sweepScatter(
          input.scatter.design,
          m,
          input.scatter.rows.filter((r) => r.metric === m),
        ),
      );
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
        x: {
          field: 'x',
          type: 'ordinal',
          title: axisTitle(xLabel, HEAT_WIDTH),
          scale: { domain: xs },
          axis: { labelAngle: 0, labelOverlap: 'greedy', labelLimit: Math.max(30, cellW - 4) },
        },
        y: {
          field: 'y',
          type: 'ordinal',
          title: axisTitle(yLabel, height),
          scale: { domain: [...ys].reverse() },
          axis: { labelOverlap: 'greedy', labelLimit: 120 },
        },
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
  const what = design === 'morris' ? 'Morris' : design === 'sobol' ? 'Sobol (Saltelli design)' : 'Latin hypercube';
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
          ? {
              field: 'x',
              type: 'quantitative',
              title: axisTitle(flabel, panelWidth),
              scale: { zero: false, nice: false },
              axis: { labelOverlap: true, tickCount: 4 },
            }
          : {
              field: 'x',
              type: 'ordinal',
              title: axisTitle(flabel, panelWidth),
              scale: { domain: valueOrder(own.map((r) => r.x)) },
              axis: { labelAngle: 0, labelOverlap: 'greedy' },
            },
        y: {
          field: 'value',
          type: 'quantitative',
          title: i % cols === 0 ? metricUnit(metric) : null,
          scale: { domain: yDomain, nice: false },
          axis: { labelOverlap: true },
        },
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
  const colour = {
    field: 'label',
    type: 'nominal' as const,
    title: 'Factor',
    scale: { domain: factorLabels, range: factorLabels.map((_, i) => OKABE_ITO[i % OKABE_ITO.length]) },
    legend: { orient: 'bottom' as const, columns: 2, labelLimit: 310 },
  };
  const shape = {
    field: 'label',
    type: 'nominal' as const,
    title: 'Factor',
    scale: { domain: factorLabels, range: factorLabels.map((_, i) => shapes[i % shapes.length]) },
    legend: { orient: 'bottom' as const, columns: 2, labelLimit: 310 },
  };
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
