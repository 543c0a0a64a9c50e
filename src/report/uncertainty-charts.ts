/**
 * Charts of `--uncertainty N` (pure vega-lite specs, drawn by the usual writer): for explore, the
 * Goldilocks curve of the objective with its noise-only band and the wider band with the
 * assumptions' uncertainty, above the share of parameter draws in which each dial level is just
 * right (the plain run's zone shaded); for run, the headline metrics' two intervals side by side.
 */
import { METRIC_BY_ID, type MetricId } from '../model/index.js';
import type { MetricSummary } from '../experiment/summary.js';
import type { MetricUncertainty, UncertaintyOutcome } from '../experiment/uncertainty.js';
import { GREEN, top, VERMILION, WIDTH, type ChartSpec } from './charts/common.js';
import { zoneBands } from './charts/explore.js';
import { HEADLINE_METRICS } from './uncertainty-words.js';

const finite = (x: number) => (Number.isFinite(x) ? x : null);

export function exploreUncertaintyCharts(input: {
  scenario: string;
  objective: MetricId;
  levels: Array<{ discretion: number; metrics: Record<MetricId, MetricSummary> }>;
  zone: readonly number[];
  outcome: UncertaintyOutcome;
}): ChartSpec[] {
  const o = input.outcome;
  const id = input.objective;
  const label = METRIC_BY_ID[id]?.label ?? id;
  const rows = input.levels.map((l, i) => {
    const s = l.metrics[id];
    const u = o.groups[i].metrics[id] as Pick<MetricUncertainty, 'ci95Total'>;
    return {
      discretion: l.discretion,
      mean: finite(s.mean),
      lo: finite(s.ci95[0]),
      hi: finite(s.ci95[1]),
      loTotal: finite(u.ci95Total[0]),
      hiTotal: finite(u.ci95Total[1]),
      share: o.justRightShare?.[i] ?? null,
    };
  });
  const bands = zoneBands(
    input.zone,
    rows.map((r) => r.discretion),
  );
  // One x scale for both panels, padded by half the levels' spacing so the end bars are whole and
  // every bar sits under its level on the curve above.
  const dial = rows.map((r) => r.discretion).sort((a, b) => a - b);
  const spacing = dial.slice(1).reduce((m, d, i) => Math.min(m, d - dial[i]), Number.POSITIVE_INFINITY);
  const step = Number.isFinite(spacing) && spacing > 0 ? spacing : 0.1;
  const xScale = { domain: [-step / 2, 1 + step / 2], nice: false, zero: false };
  const x = {
    field: 'discretion',
    type: 'quantitative',
    title: 'Discretion dial (0 = all boundaries, 1 = all discretion)',
    scale: xScale,
  } as const;
  const zoneLayer = bands.length
    ? [
        {
          data: { values: bands },
          mark: { type: 'rect', color: GREEN, opacity: 0.12 },
          encoding: { x: { field: 'from', type: 'quantitative', scale: xScale }, x2: { field: 'to' } },
        },
      ]
    : [];
  const title = `${input.scenario}: how robust the just-right zone is (${o.draws} draws of the assumptions)`;
  return [
    {
      name: 'explore-uncertainty',
      title,
      spec: top({
        title: {
          text: title,
          subtitle: [
            `Top: ${label.toLowerCase()}, mean with the noise-only 95 % band (dark) and with the assumptions' uncertainty (light).`,
            `Bottom: share of draws in which each level is just right.${bands.length ? ' Shaded: the zone of the plain run.' : ''}`,
          ],
        },
        data: { values: rows },
        resolve: { scale: { x: 'shared' } },
        vconcat: [
          {
            width: WIDTH,
            height: 180,
            layer: [
              ...zoneLayer,
              {
                mark: { type: 'area', color: VERMILION, opacity: 0.15 },
                encoding: { x, y: { field: 'loTotal', type: 'quantitative', title: label }, y2: { field: 'hiTotal' } },
              },
              { mark: { type: 'area', color: VERMILION, opacity: 0.35 }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
              { mark: { type: 'line', color: VERMILION, point: { color: VERMILION } }, encoding: { x, y: { field: 'mean', type: 'quantitative' } } },
            ],
          },
          {
            width: WIDTH,
            height: 120,
            layer: [
              ...zoneLayer,
              {
                mark: { type: 'bar', color: GREEN, size: 22, clip: true },
                encoding: {
                  x,
                  y: { field: 'share', type: 'quantitative', title: 'just right in (share of draws)', scale: { domain: [0, 1] }, axis: { format: '.0%' } },
                },
              },
            ],
          },
        ],
      } as never),
    },
  ];
}

export function runUncertaintyCharts(input: { scenario: string; metrics: Record<MetricId, MetricSummary>; outcome: UncertaintyOutcome }): ChartSpec[] {
  const u = input.outcome.groups[0].metrics as Record<MetricId, Pick<MetricUncertainty, 'ci95Total' | 'assumptionShare'>>;
  const title = `${input.scenario}: noise and the assumptions' uncertainty (${input.outcome.draws} draws)`;
  return [
    {
      name: 'run-uncertainty',
      title,
      spec: top({
        title: { text: title, subtitle: 'Each metric: the estimate, its noise-only 95 % interval (dark) and with the assumptions (light)' },
        hconcat: HEADLINE_METRICS.map((id) => ({
          width: 130,
          height: 160,
          data: {
            values: [
              {
                mean: finite(input.metrics[id].mean),
                lo: finite(input.metrics[id].ci95[0]),
                hi: finite(input.metrics[id].ci95[1]),
                loTotal: finite(u[id].ci95Total[0]),
                hiTotal: finite(u[id].ci95Total[1]),
              },
            ],
          },
          layer: [
            {
              mark: { type: 'rule', color: VERMILION, opacity: 0.35, strokeWidth: 14 },
              encoding: { y: { field: 'loTotal', type: 'quantitative', title: METRIC_BY_ID[id].label }, y2: { field: 'hiTotal' } },
            },
            { mark: { type: 'rule', color: VERMILION, strokeWidth: 6 }, encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
            { mark: { type: 'point', color: 'black', filled: true, size: 60 }, encoding: { y: { field: 'mean', type: 'quantitative' } } },
          ],
        })),
      } as never),
    },
  ];
}
