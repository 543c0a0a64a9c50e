/**
 * The charts of one scenario, `goldilocks run` (pure): the waiting list and caseload over time,
 * the waits for a first appointment, a link worker's week by worker group (./run-week.ts) and
 * the overload index over time.
 */
import { seriesRange, type Range } from '../../experiment/ranges.js';
import type { GroupWeekRow, RunWindow, SeriesRow, WaitEcdf, WaitMark } from '../chart-data.js';
import { BLACK, BLUE, GREEN, PURPLE, VERMILION, WIDTH, bandAndLine, clean, emptyChart, referenceRule, top, type ChartSpec, type Layer } from './common.js';
import { runWeek } from './run-week.js';

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
  return [
    runTimeseries(input.scenario, input.series, input.window),
    runWaits(input.scenario, input.waits),
    runWeek(input.scenario, input.week),
    runOverload(input.scenario, input.series, input.window),
  ];
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
  const x = {
    field: 'month',
    title: TIME_AXIS,
    scale: { domain: [0, end], nice: false, zero: true },
    axis: { values: monthTicks(end), format: '~g', labelOverlap: true },
  };
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
    { id: 'caseloadPerWorker', colour: VERMILION, fallback: 'Caseload per post (patients)' },
  ];
  const rows = panels.flatMap((p) =>
    clean(
      series.filter((r) => r.series === p.id),
      seriesRange(p.id),
    ),
  );
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
          {
            data: { values: rows.filter((r) => r.series === p.id) },
            layer: bandAndLine(x, rows.find((r) => r.series === p.id)?.label ?? p.fallback, p.colour, false, rangeScale(seriesRange(p.id))),
          },
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
  const colour = {
    field: 'label',
    type: 'nominal' as const,
    title: 'Figures of the tables, 95 % interval (median and 90th percentile: of these pooled waits)',
    scale: { domain: labels, range: marks.map((m) => markStyle[m.kind].colour) },
    legend: { orient: 'bottom' as const, columns: 2, titleLimit: 600, labelLimit: 300 },
  };
  // The same legend as the colour (one legend showing shape and colour; a null legend here would
  // conflict with the colour's on the same field).
  const shape = {
    field: 'label',
    type: 'nominal' as const,
    title: colour.title,
    scale: { domain: labels, range: marks.map((m) => markStyle[m.kind].shape) },
    legend: colour.legend,
  };
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
      encoding: {
        x: { field: 'low', type: 'quantitative', title: xTitle, scale: xScale },
        x2: { field: 'high' },
        y: { field: 'share', type: 'quantitative', title: yTitle },
        color: colour,
      },
    });
  }
  if (within.length) {
    layers.push({
      data: { values: within },
      mark: { type: 'errorbar', ticks: true, thickness: 2 },
      encoding: {
        y: { field: 'low', type: 'quantitative', title: yTitle },
        y2: { field: 'high' },
        x: { field: 'days', type: 'quantitative', title: xTitle, scale: xScale },
        color: colour,
      },
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

function runOverload(scenario: string, series: SeriesRow[], window?: RunWindow): ChartSpec {
  const title = `${scenario}: overload index over time (mean, 95 % band across replications)`;
  const rows = clean(
    series.filter((r) => r.series === 'overloadIndex'),
    seriesRange('overloadIndex'),
  );
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
        {
          data: { values: rows },
          layer: bandAndLine(x, 'Overload index (work due ÷ contracted hours)', BLUE, false, rangeScale(seriesRange('overloadIndex'))),
        },
        ...referenceRule(1, 'more work due than time', VERMILION, 'right'),
      ],
    }),
  };
}
