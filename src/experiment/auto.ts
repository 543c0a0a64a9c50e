/**
 * Letting the data choose the run's statistical settings:
 * - warm-up by MSER-5 on the weekly waiting-list series (mean over pilot replications);
 * - the number of replications, added one at a time until the 95 % interval of each chosen
 *   metric is narrower than a target relative half-width (or a maximum is reached).
 * Replication r always uses the same random streams, so both procedures are deterministic.
 */
import { runReplication, type MetricId, type ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { summariseMetrics, type RunSettings, type ScenarioResults } from './replications.js';
import { mser } from './mser.js';

export interface WarmupChoice {
  /** True when MSER cut 40 % of the series or more: lengthen the run. */
  tooShort: boolean;
  warmupDays: number;
  warmupWeeks: number;
  method: string;
  pilotReplications: number;
}

/** Run pilot replications with no warm-up and choose the warm-up by MSER-5 on the weekly waiting list. */
export function chooseWarmup(scenario: Scenario, settings: RunSettings): WarmupChoice {
  const pilot = Math.min(settings.replications, 10);
  const series: number[][] = [];
  for (let r = 0; r < pilot; r++) series.push(runReplication(scenario, r, { ...settings, warmupDays: 0 }).weekly.series.waitingList);
  const weeks = Math.min(...series.map((s) => s.length));
  const mean = Array.from({ length: weeks }, (_, k) => series.reduce((sum, s) => sum + s[k], 0) / pilot);
  const choice = mser(mean, 5);
  // MSER truncating close to its limit (half the series) is its sign that the run is too short.
  const tooShort = choice.truncatedObservations >= 0.4 * weeks;
  return {
    tooShort,
    warmupWeeks: choice.truncatedObservations,
    warmupDays: choice.truncatedObservations * 7,
    method: `MSER-5 on the weekly waiting list (mean of ${pilot} pilot replications without warm-up)`,
    pilotReplications: pilot,
  };
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
    if (reps.length < Math.max(2, target.minReplications)) continue;
    const metrics = summariseMetrics(reps);
    const achieved = Object.fromEntries(target.metrics.map((id) => [id, relativeHalfWidth(metrics[id])]));
    const converged = Object.values(achieved).every((w) => w <= target.precision);
    if (converged || reps.length >= target.maxReplications) {
      return { results: { settings: { ...settings, replications: reps.length }, replications: reps, metrics }, converged, achieved };
    }
  }
}
