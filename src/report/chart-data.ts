/**
 * Results → tidy rows for charts (pure). Each chart reads one of these row types, so the
 * vega-lite specs (./charts.ts) never see the simulation's internal structures.
 */
import { METRIC_BY_ID, MONTH, SERIES, WAIT_BINS, WEEK, type MetricId, type SeriesId } from '../model/index.js';
import { groupPosts } from '../model/posts.js';
import type { Scenario } from '../scenario/schema.js';
import type { ScenarioResults } from '../experiment/replications.js';
import type { Comparison } from '../experiment/compare.js';
import type { Exploration } from '../experiment/explore.js';
import { summarise } from '../experiment/summary.js';
import { seriesRange } from '../experiment/ranges.js';

/** "Need met (%)": a metric's label with the unit the tables print (shares in %, money in £). */
export function metricWithUnit(id: MetricId): string {
  const m = METRIC_BY_ID[id];
  return `${m.label} (${m.unit === 'share' ? '%' : m.unit === 'GBP' ? '£' : m.unit})`;
}

/** Mean and 95 % interval across replications of one weekly series at one week. */
export interface SeriesRow {
  week: number;
  /** The middle of the week, in months since the start of the run (a month = 365.25 / 12 days). */
  month: number;
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
  /** The practical threshold the verdict used, in the metric's unit (≥ 0). */
  threshold?: number;
}

export interface CurveRow {
  discretion: number;
  metric: MetricId;
  label: string;
  mean: number;
  low: number;
  high: number;
}

/** One sweep point's mean of one metric, against one factor's value (Latin hypercube and Morris scatter plots). */
export interface ScatterRow {
  point: number;
  /** The factor's dotted path and its label. */
  factor: string;
  label: string;
  x: number | string;
  metric: MetricId;
  value: number;
}

/**
 * Labels for sweep factors from the scenario JSON Schema's descriptions (zod `.describe()`): a
 * `title` when the schema has one, else the description's first clause, capitalised
 * ("maximum attended sessions per patient, or "open" …" → "Maximum attended sessions per
 * patient"), with the list item for paths into lists ("(practice 1)"); the path itself when the
 * schema does not describe it.
 */
export function factorLabel(path: string, jsonSchema: unknown): string {
  type Node = {
    $ref?: string;
    description?: string;
    title?: string;
    properties?: Record<string, Node>;
    items?: Node;
    anyOf?: Node[];
    oneOf?: Node[];
    allOf?: Node[];
  };
  const root = jsonSchema as Node & { $defs?: Record<string, Node>; definitions?: Record<string, Node> };
  const resolve = (n: Node | undefined): Node | undefined => {
    for (let k = 0; n?.$ref && k < 20; k++) n = root.$defs?.[n.$ref.split('/').pop()!] ?? root.definitions?.[n.$ref.split('/').pop()!];
    return n;
  };
  const segs = path.split('.');
  let node: Node | undefined = root;
  let text: string | undefined;
  const items: string[] = [];
  for (let i = 0; i < segs.length && node; i++) {
    const seg = segs[i];
    const here = resolve(node)!;
    const options = [here, ...(here.anyOf ?? []), ...(here.oneOf ?? []), ...(here.allOf ?? [])].map(resolve).filter((o): o is Node => !!o);
    let next: Node | undefined;
    for (const o of options) {
      if (/^\d+$/.test(seg) && o.items) {
        next = o.items;
        break;
      }
      if (o.properties?.[seg]) {
        next = o.properties[seg];
        break;
      }
    }
    if (/^\d+$/.test(seg)) items.push(`${LIST_ITEM[segs[i - 1]] ?? segs[i - 1] ?? 'item'} ${Number(seg) + 1}`);
    node = next;
    const r = resolve(next);
    text = next ? (next.title ?? r?.title ?? next.description ?? r?.description) : undefined;
  }
  if (!node || !text) return path;
  const clause = node.title ?? resolve(node)?.title ?? text.split(/:|;| \(|, | — /)[0].trim();
  const label = clause.charAt(0).toUpperCase() + clause.slice(1);
  return items.length ? `${label} (${items.join(', ')})` : label;
}

const LIST_ITEM: Record<string, string> = { practices: 'practice', workers: 'worker group', blocks: 'block', multipliers: 'month' };

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
  caseloadPerWorker: 'Caseload per post (patients)',
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
      const s = summarise(
        results.replications.map((r) => r.weekly.series[id][k]),
        seriesRange(id),
      );
      if (!Number.isFinite(s.mean)) continue;
      rows.push({
        week: k,
        month: ((k + 0.5) * WEEK) / MONTH,
        series: id,
        label: SERIES_LABEL[id],
        mean: s.mean,
        low: finite(s.ci95[0]) ?? s.mean,
        high: finite(s.ci95[1]) ?? s.mean,
      });
    }
  }
  return rows;
}

/** The run's window, for the time axis: warm-up and horizon in days. */
export interface RunWindow {
  warmupDays: number;
  horizonDays: number;
}

/** A point of the empirical CDF of waits: the share of patients who waited at most `days`. */
export interface EcdfRow {
  days: number;
  share: number;
}

/** A marked figure of the wait distribution: a quantile (days, with its interval) or a share seen within N days. */
export interface WaitMark {
  kind: 'median' | 'p90' | 'within14' | 'within28';
  /** Legend text with the value and its 95 % interval. */
  label: string;
  days: number;
  share: number;
  /** The interval: in days for quantiles, as a share for the within-N shares. */
  low: number;
  high: number;
}

export interface WaitEcdf {
  ecdf: EcdfRow[];
  marks: WaitMark[];
  patients: number;
}

const pct = (x: number) => `${Math.round(100 * x)} %`;
const days1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

/**
 * The ECDF of waits for a first appointment, pooled over replications from each replication's
 * wait bins (patients referred after warm-up; those still waiting counted with their wait so
 * far), linear within a bin as the metrics' quantiles are; and the metrics' median, 90th
 * percentile and 14/28-day shares with their 95 % intervals. The median and 90th percentile are
 * quantiles of the same pooled waits (src/experiment/pooled-waits.ts), so their marks sit on the
 * curve (to its bins' resolution); the 14/28-day shares are means over replications.
 */
export function waitEcdf(results: ScenarioResults): WaitEcdf {
  const pooled = new Map<number, { to: number; patients: number }>();
  for (const r of results.replications) {
    for (const b of r.waitBins ?? []) {
      const cell = pooled.get(b.fromDays) ?? { to: b.toDays, patients: 0 };
      cell.patients += b.patients;
      pooled.set(b.fromDays, cell);
    }
  }
  const bins = [...pooled.entries()].sort((a, b) => a[0] - b[0]);
  const n = bins.reduce((sum, [, b]) => sum + b.patients, 0);
  const ecdf: EcdfRow[] = [];
  if (n > 0) {
    let cum = 0;
    let lastX = -1;
    for (const [from, b] of bins) {
      if (from !== lastX) ecdf.push({ days: from, share: cum / n });
      cum += b.patients;
      ecdf.push({ days: b.to, share: cum / n });
      lastX = b.to;
    }
  }
  const m = results.metrics;
  const marks: WaitMark[] = [];
  const quantile = (kind: 'median' | 'p90', id: MetricId, share: number, name: string) => {
    const s = m[id];
    if (!s || !Number.isFinite(s.mean)) return;
    const low = finite(s.ci95[0]) ?? s.mean;
    const high = finite(s.ci95[1]) ?? s.mean;
    marks.push({ kind, label: `${name}: ${days1(s.mean)} days (${days1(low)} to ${days1(high)})`, days: s.mean, share, low, high });
  };
  const within = (kind: 'within14' | 'within28', id: MetricId, days: number) => {
    const s = m[id];
    if (!s || !Number.isFinite(s.mean)) return;
    const low = finite(s.ci95[0]) ?? s.mean;
    const high = finite(s.ci95[1]) ?? s.mean;
    marks.push({ kind, label: `Seen within ${days} days: ${pct(s.mean)} (${pct(low)} to ${pct(high)})`, days, share: s.mean, low, high });
  };
  quantile('median', 'waitMedianDays', 0.5, 'Median');
  quantile('p90', 'waitP90Days', 0.9, '90th percentile');
  within('within14', 'seenWithin14DaysShare', 14);
  within('within28', 'seenWithin28DaysShare', 28);
  return { ecdf, marks, patients: n };
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

/** A worker's week in one worker group: hours by activity per WTE-week (mean over replications). */
export interface GroupWeekRow {
  /** The group's label: its name and WTE (numbered when names repeat). */
  group: string;
  wte: number;
  activity: string;
  order: number;
  hours: number;
}

/** Leave and vacancies: the rest of the contracted week, after the activities the model records. */
export const LEAVE_ACTIVITY = 'Leave and vacancies';

/** A worker's week per worker group and per WTE, from each replication's time use per post. */
export function groupWeekRows(results: ScenarioResults, scenario?: Pick<Scenario, 'workers'>): GroupWeekRow[] {
  if (!scenario) return weekRows(results).map((r) => ({ group: 'All link workers (per post)', wte: NaN, ...r }));
  const groups = groupPosts(scenario.workers);
  // How many groups share each name (counted once: a team may have thousands of groups).
  const named = new Map<string, number>();
  for (const g of groups) named.set(g.name, (named.get(g.name) ?? 0) + 1);
  const reps = results.replications.filter((r) => Array.isArray(r.postTimeUse));
  if (reps.length === 0) return [];
  const rows: GroupWeekRow[] = [];
  for (const g of groups) {
    if (!(g.wte > 0)) continue;
    const repeated = named.get(g.name)! > 1;
    const wte = Math.round(g.wte * 100) / 100;
    const label = `${repeated ? `${g.group + 1}. ` : ''}${g.name} (${wte} WTE)`;
    let recorded = 0;
    ACTIVITIES.forEach(([key, activity], order) => {
      const hours = reps.reduce((sum, r) => sum + g.posts.reduce((h, p) => h + (r.postTimeUse[p]?.[key] ?? 0), 0), 0) / reps.length / g.wte;
      recorded += hours;
      rows.push({ group: label, wte: g.wte, activity, order, hours });
    });
    rows.push({ group: label, wte: g.wte, activity: LEAVE_ACTIVITY, order: ACTIVITIES.length, hours: Math.max(0, g.contractedHoursPerWte - recorded) });
  }
  return rows;
}

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
    .map((id) => ({
      scenario,
      metric: id,
      label: metricWithUnit(id),
      mean: metrics[id].mean,
      low: finite(metrics[id].ci95[0]) ?? metrics[id].mean,
      high: finite(metrics[id].ci95[1]) ?? metrics[id].mean,
    }));
}

export const KEY_METRICS: readonly MetricId[] = [
  'waitDays',
  'caseloadPerWorker',
  'overloadIndex',
  'overstretchedWeekShare',
  'needMetShare',
  'unmetNeedShare',
  'stress',
  'satisfaction',
  'turnoverPerYear',
];

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
          label: metricWithUnit(id),
          mean: d.metrics[id].mean,
          low: finite(d.metrics[id].ci95[0]) ?? d.metrics[id].mean,
          high: finite(d.metrics[id].ci95[1]) ?? d.metrics[id].mean,
          verdict: d.metrics[id].verdict,
          threshold: Number.isFinite(d.metrics[id].threshold) ? Math.abs(d.metrics[id].threshold) : undefined,
        })),
    ),
  };
}

export function curveRows(e: Exploration, ids: readonly MetricId[] = ['overloadIndex', 'needMetShare', 'turnoverPerYear']): CurveRow[] {
  return e.levels.flatMap((l) =>
    ids.map((id) => {
      const m = l.results.metrics[id];
      return {
        discretion: l.discretion,
        metric: id,
        label: METRIC_BY_ID[id].label,
        mean: m.mean,
        low: finite(m.ci95[0]) ?? m.mean,
        high: finite(m.ci95[1]) ?? m.mean,
      };
    }),
  );
}
