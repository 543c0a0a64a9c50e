/**
 * Results → tidy rows for charts (pure). Each chart reads one of these row types, so the
 * vega-lite specs (./charts.ts) never see the simulation's internal structures.
 */
import { METRIC_BY_ID, SERIES, WAIT_BINS, type MetricId, type SeriesId } from '../model/index.js';
import type { ScenarioResults } from '../experiment/replications.js';
import type { Comparison } from '../experiment/compare.js';
import type { Exploration } from '../experiment/explore.js';
import { summarise } from '../experiment/summary.js';
import { seriesRange } from '../experiment/ranges.js';

/** Mean and 95 % interval across replications of one weekly series at one week. */
export interface SeriesRow {
  week: number;
  series: SeriesId;
  label: string;
  mean: number;
  low: number;
  high: number;
}

export interface WaitRow {
  /** Lower edge of the bin, in days; the last bin holds waits of `days` or more. */
  days: number;
  /** Share of first appointments (mean over replications). */
  share: number;
  open: boolean;
}

export interface WeekRow {
  activity: string;
  hours: number;
  order: number;
}

export interface MetricRow {
  scenario: string;
  metric: MetricId;
  label: string;
  mean: number;
  low: number;
  high: number;
}

export interface DifferenceRow extends MetricRow {
  versus: string;
  verdict: string;
}

export interface CurveRow {
  discretion: number;
  metric: MetricId;
  label: string;
  mean: number;
  low: number;
  high: number;
}

export interface HeatRow {
  x: string | number;
  y: string | number;
  value: number;
}

export interface MorrisRow {
  factor: string;
  metric: MetricId;
  muStar: number;
  muStarLow: number;
  muStarHigh: number;
  sigma: number;
}

const SERIES_LABEL: Record<SeriesId, string> = {
  waitingList: 'Waiting list (patients)',
  caseloadPerWorker: 'Caseload per worker (patients)',
  overloadIndex: 'Overload index',
  referrals: 'Referrals in the week',
};

const finite = (x: number) => (Number.isFinite(x) ? x : null);

/** Weekly series: mean and 95 % band across replications, week by week (inside the series' range, ≥ 0). */
export function seriesRows(results: ScenarioResults, series: readonly SeriesId[] = SERIES): SeriesRow[] {
  const weeks = Math.min(...results.replications.map((r) => r.weekly.week.length));
  const rows: SeriesRow[] = [];
  for (const id of series) {
    for (let k = 0; k < weeks; k++) {
      const s = summarise(results.replications.map((r) => r.weekly.series[id][k]), seriesRange(id));
      if (!Number.isFinite(s.mean)) continue;
      rows.push({ week: k, series: id, label: SERIES_LABEL[id], mean: s.mean, low: finite(s.ci95[0]) ?? s.mean, high: finite(s.ci95[1]) ?? s.mean });
    }
  }
  return rows;
}

/** Distribution of waits for a first appointment (pooled over replications). */
export function waitRows(results: ScenarioResults): WaitRow[] {
  const totals = new Array<number>(WAIT_BINS).fill(0);
  for (const r of results.replications) r.waitHistogram.forEach((c, i) => (totals[i] += c));
  const n = totals.reduce((a, b) => a + b, 0) || 1;
  return totals.map((c, i) => ({ days: i, share: c / n, open: i === WAIT_BINS - 1 }));
}

const ACTIVITIES: Array<[keyof ScenarioResults['replications'][number]['timeUse'], string]> = [
  ['sessions', 'Sessions with patients'],
  ['admin', 'Admin and recording'],
  ['travel', 'Travel (home visits)'],
  ['outOfRemit', 'Out-of-remit work'],
  ['networking', 'Networking with VCSE groups'],
  ['otherDuties', 'Supervision, team leading, other duties'],
  ['idle', 'Unused time'],
];

/** A worker's average week, hours by activity. */
export function weekRows(results: ScenarioResults): WeekRow[] {
  return ACTIVITIES.map(([key, activity], order) => ({
    activity,
    order,
    hours: results.replications.reduce((sum, r) => sum + r.timeUse[key], 0) / results.replications.length,
  }));
}

export function metricRows(scenario: string, metrics: ScenarioResults['metrics'], ids: readonly MetricId[]): MetricRow[] {
  return ids
    .filter((id) => Number.isFinite(metrics[id].mean))
    .map((id) => ({ scenario, metric: id, label: `${METRIC_BY_ID[id].label} (${METRIC_BY_ID[id].unit})`, mean: metrics[id].mean, low: finite(metrics[id].ci95[0]) ?? metrics[id].mean, high: finite(metrics[id].ci95[1]) ?? metrics[id].mean }));
}

export const KEY_METRICS: readonly MetricId[] = ['waitDays', 'caseloadPerWorker', 'overloadIndex', 'overstretchedWeekShare', 'needMetShare', 'unmetNeedShare', 'stress', 'satisfaction', 'turnoverPerYear'];

export function comparisonRows(c: Comparison, ids: readonly MetricId[] = KEY_METRICS): { designs: MetricRow[]; differences: DifferenceRow[] } {
  return {
    designs: c.designs.flatMap((d) => metricRows(d.scenario, d.results.metrics, ids)),
    differences: c.differences.flatMap((d) =>
      ids
        .filter((id) => Number.isFinite(d.metrics[id].mean))
        .map((id) => ({
          scenario: d.scenario,
          versus: d.versus,
          metric: id,
          label: `${METRIC_BY_ID[id].label} (${METRIC_BY_ID[id].unit})`,
          mean: d.metrics[id].mean,
          low: finite(d.metrics[id].ci95[0]) ?? d.metrics[id].mean,
          high: finite(d.metrics[id].ci95[1]) ?? d.metrics[id].mean,
          verdict: d.metrics[id].verdict,
        })),
    ),
  };
}

export function curveRows(e: Exploration, ids: readonly MetricId[] = ['overloadIndex', 'needMetShare', 'turnoverPerYear']): CurveRow[] {
  return e.levels.flatMap((l) =>
    ids.map((id) => {
      const m = l.results.metrics[id];
      return { discretion: l.discretion, metric: id, label: METRIC_BY_ID[id].label, mean: m.mean, low: finite(m.ci95[0]) ?? m.mean, high: finite(m.ci95[1]) ?? m.mean };
    }),
  );
}
