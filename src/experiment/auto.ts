/**
 * Letting the data choose the run's statistical settings:
 * - warm-up by MSER-5 on each headline weekly series (waiting list, caseload, overload; mean over
 *   pilot replications), the longest cut, with a warning for series still trending after it;
 * - the number of replications, added one at a time until the 95 % interval of each chosen
 *   metric is narrower than a target relative half-width (or a maximum is reached).
 * Replication r always uses the same random streams, so both procedures are deterministic.
 */
import { runReplication, type MetricId, type ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { summariseMetrics, type RunSettings, type ScenarioResults } from './replications.js';
import { mser } from './mser.js';
import { tQuantile95 } from './summary.js';

export interface WarmupChoice {
  /** True when MSER cut 40 % of a series or more: lengthen the run. */
  tooShort: boolean;
  warmupDays: number;
  warmupWeeks: number;
  /** Weeks MSER-5 cut from each headline series; the warm-up is the longest. */
  bySeries: Record<WarmupSeries, number>;
  /** Series still trending after the warm-up (a significant slope of more than 5 % over what is kept). */
  trending: WarmupSeries[];
  method: string;
  pilotReplications: number;
}

/** The headline weekly series MSER-5 looks at. */
export const WARMUP_SERIES = ['waitingList', 'caseloadPerWorker', 'overloadIndex'] as const;
export type WarmupSeries = (typeof WARMUP_SERIES)[number];

/**
 * Run pilot replications with no warm-up and choose the warm-up by MSER-5 on each headline weekly
 * series (mean over the pilots): the warm-up is the longest cut, so every series has settled.
 */
export function chooseWarmup(scenario: Scenario, settings: RunSettings): WarmupChoice {
  const pilot = pilotCount(settings);
  return warmupFromPilots(Array.from({ length: pilot }, (_, r) => runReplication(scenario, r, pilotSettings(settings))));
}

/** How many pilot replications MSER-5 looks at. */
export const pilotCount = (settings: RunSettings): number => Math.min(settings.replications, 10);

/** The pilots run without warm-up. */
export const pilotSettings = (settings: RunSettings): RunSettings => ({ ...settings, warmupDays: 0 });

/** The warm-up from pilot replications already run (in replication order, with `pilotSettings`). */
export function warmupFromPilots(pilots: readonly ReplicationResult[]): WarmupChoice {
  const pilot = pilots.length;
  const runs = pilots.map((p) => p.weekly.series);
  const weeks = Math.min(...runs.map((s) => s.waitingList.length));
  const bySeries = {} as Record<WarmupSeries, number>;
  const means = {} as Record<WarmupSeries, number[]>;
  for (const id of WARMUP_SERIES) {
    means[id] = fillGaps(Array.from({ length: weeks }, (_, k) => runs.reduce((sum, s) => sum + s[id][k], 0) / pilot));
    bySeries[id] = mser(means[id], 5).truncatedObservations;
  }
  const warmupWeeks = Math.max(...WARMUP_SERIES.map((id) => bySeries[id]));
  // MSER truncating close to its limit (half the series) is its sign that the run is too short.
  const tooShort = warmupWeeks >= 0.4 * weeks;
  const trending = WARMUP_SERIES.filter((id) => isTrending(means[id].slice(warmupWeeks)));
  return {
    tooShort,
    warmupWeeks,
    warmupDays: warmupWeeks * 7,
    bySeries,
    trending,
    method: `MSER-5 on the weekly ${WARMUP_SERIES.join(', ')} (mean of ${pilot} pilot replications without warm-up); the longest cut`,
    pilotReplications: pilot,
  };
}

/** Weeks with no value (NaN: nobody at work that week) take the previous week's value. */
function fillGaps(xs: number[]): number[] {
  let last = xs.find((x) => Number.isFinite(x)) ?? 0;
  return xs.map((x) => (Number.isFinite(x) ? (last = x) : last));
}

/**
 * Still trending: on batch means of 5 weeks, a least-squares slope whose t-statistic exceeds the
 * 97.5 % t quantile and whose fitted change over the kept weeks exceeds 5 % of their mean.
 */
export function isTrending(xs: readonly number[]): boolean {
  const batch = 5;
  const m = Math.floor(xs.length / batch);
  if (m < 4) return false;
  const y = Array.from({ length: m }, (_, j) => xs.slice(j * batch, (j + 1) * batch).reduce((a, b) => a + b, 0) / batch);
  const xbar = (m - 1) / 2;
  const ybar = y.reduce((a, b) => a + b, 0) / m;
  let sxx = 0;
  let sxy = 0;
  for (let j = 0; j < m; j++) {
    sxx += (j - xbar) ** 2;
    sxy += (j - xbar) * (y[j] - ybar);
  }
  const slope = sxy / sxx;
  let sse = 0;
  for (let j = 0; j < m; j++) sse += (y[j] - ybar - slope * (j - xbar)) ** 2;
  const se = Math.sqrt(sse / (m - 2) / sxx);
  const t = se > 0 ? Math.abs(slope / se) : slope !== 0 ? Infinity : 0;
  const change = Math.abs(slope * (m - 1));
  return t > tQuantile95(m - 2) && change > 0.05 * Math.abs(ybar);
}

export interface PrecisionTarget {
  /** Target relative half-width of the 95 % interval, e.g. 0.05 = ±5 % of the mean. */
  precision: number;
  metrics: MetricId[];
  minReplications: number;
  maxReplications: number;
}

export interface PrecisionOutcome {
  results: ScenarioResults;
  converged: boolean;
  /** Relative half-width reached for each target metric. */
  achieved: Record<string, number>;
}

export function relativeHalfWidth(s: { mean: number; ci95: [number, number] }): number {
  const half = (s.ci95[1] - s.ci95[0]) / 2;
  if (half === 0) return 0;
  return Math.abs(half / s.mean);
}

export function runToPrecision(scenario: Scenario, settings: RunSettings, target: PrecisionTarget, onReplication?: (done: number) => void): PrecisionOutcome {
  const reps: ReplicationResult[] = [];
  for (;;) {
    reps.push(runReplication(scenario, reps.length, settings));
    onReplication?.(reps.length);
    const outcome = precisionCheck(reps, settings, target);
    if (outcome) return outcome;
  }
}

/**
 * The outcome once the first `reps` replications reach the target (or the maximum), else null.
 * Replications may be run in batches (on several workers): the first count at which this returns
 * an outcome is the same as when they are added one at a time, so the result is too.
 */
export function precisionCheck(reps: readonly ReplicationResult[], settings: RunSettings, target: PrecisionTarget): PrecisionOutcome | null {
  if (reps.length < Math.max(2, target.minReplications)) return null;
  const metrics = summariseMetrics(reps);
  const achieved = Object.fromEntries(target.metrics.map((id) => [id, relativeHalfWidth(metrics[id])]));
  const converged = Object.values(achieved).every((w) => w <= target.precision);
  if (converged || reps.length >= target.maxReplications) {
    return { results: { settings: { ...settings, replications: reps.length }, replications: [...reps], metrics }, converged, achieved };
  }
  return null;
}
