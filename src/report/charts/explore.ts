/**
 * The Goldilocks curve, `goldilocks explore` (pure): overload, need met and turnover across the
 * discretion dial, with the just-right zone shaded.
 */
import { metricRange } from '../../experiment/ranges.js';
import type { MetricId } from '../../model/index.js';
import type { CurveRow } from '../chart-data.js';
import {
  GREEN,
  OKABE_ITO,
  PURPLE,
  VERMILION,
  WIDTH,
  bandAndLine,
  clean,
  distinct,
  emptyChart,
  finiteRow,
  flatDomain,
  lit,
  metricTitle,
  referenceRule,
  top,
  valueAxis,
  type ChartSpec,
  type Layer,
} from './common.js';

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

export function exploreCharts(input: {
  scenario: string;
  curve: CurveRow[];
  justRight: { levels: readonly number[]; label?: string; uncertain?: readonly number[] };
}): ChartSpec[] {
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
              // A band at an end of the dial is labelled from that end inwards, so the label never
              // sits on the value axis's tick labels (left) or runs out of the panel (right).
              ...bands.map((b) => {
                const align = b.from === 0 ? 'left' : b.to === 1 ? 'right' : 'center';
                const at = align === 'left' ? b.from : align === 'right' ? b.to : (b.from + b.to) / 2;
                return {
                  data: { values: [{ at, label: 'just right' }] },
                  mark: {
                    type: 'text',
                    color: GREEN,
                    baseline: 'top',
                    align,
                    dx: align === 'left' ? 4 : align === 'right' ? -4 : 0,
                    dy: 4,
                    fontSize: 11,
                    fontWeight: 'bold',
                  },
                  encoding: { x: { field: 'at', type: 'quantitative' }, y: { value: 0 }, text: { field: 'label', type: 'nominal' } },
                } as Layer;
              }),
            );
          }
          layers.push({
            transform: [{ filter: `datum.metric === ${lit(id)}` }],
            layer: bandAndLine(
              xAxis,
              metricTitle(id, rows.find((r) => r.metric === id)?.label ?? id),
              PANEL_COLOURS[id] ?? OKABE_ITO[i % OKABE_ITO.length],
              true,
              flatDomain(rows.filter((r) => r.metric === id)),
              valueAxis(id),
            ),
          });
          if (id === 'overloadIndex') layers.push(...referenceRule(1, 'more work due than time'));
          return { width: WIDTH, height: 180, layer: layers };
        }),
      }),
    },
  ];
}
