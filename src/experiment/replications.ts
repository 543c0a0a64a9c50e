/**
 * Replications of one scenario: the experiment layer calls the model once per replication
 * (each on its own named random streams) and summarises the metrics across them.
 */
import { METRIC_IDS, runReplication, YEAR, DAY, type MetricId, type ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { summarise, type MetricSummary } from './summary.js';
import { pooledQuantileDifference, pooledQuantileOf, pooledQuantileSummary } from './pooled-waits.js';

export interface RunSettings {
  seed: number;
  replications: number;
  horizonDays: number;
  warmupDays: number;
}

export interface ScenarioResults {
  settings: RunSettings;
  replications: ReplicationResult[];
  metrics: Record<MetricId, MetricSummary>;
}

/** Run settings from the scenario's `run` section, with command-line overrides. */
export function runSettings(
  scenario: Scenario,
  overrides: Partial<{ seed: number; replications: number; years: number; warmupDays: number }> = {},
): RunSettings {
  const years = overrides.years ?? scenario.run.years;
  return {
    seed: overrides.seed ?? scenario.run.seed,
    replications: overrides.replications ?? scenario.run.replications,
    horizonDays: (years * YEAR) / DAY,
    warmupDays: overrides.warmupDays ?? scenario.run.warmupDays,
  };
}

export function runScenario(scenario: Scenario, settings: RunSettings, onReplication?: (done: number) => void): ScenarioResults {
  const replications: ReplicationResult[] = [];
  for (let r = 0; r < settings.replications; r++) {
    replications.push(runReplication(scenario, r, settings));
    onReplication?.(r + 1);
  }
  return { settings, replications, metrics: summariseMetrics(replications) };
}

/**
 * Every metric over the replications: the pooled quantile for the wait quantiles (./pooled-waits.ts),
 * the mean with its skewness-corrected interval for the others (./summary.ts).
 */
export function summariseMetrics(replications: readonly ReplicationResult[]): Record<MetricId, MetricSummary> {
  const out = {} as Record<MetricId, MetricSummary>;
  for (const id of METRIC_IDS) out[id] = summariseMetric(replications, id);
  return out;
}

export function summariseMetric(replications: ReadonlyArray<Pick<ReplicationResult, 'metrics' | 'waitCounts' | 'exposure'>>, id: MetricId): MetricSummary {
  const q = pooledQuantileOf(id);
  if (q !== undefined) return pooledQuantileSummary(replications, q);
  return summarise(
    replications.map((r) => r.metrics[id]),
    id,
    exposureOf(replications, id),
  );
}

/** The units behind a metric's finite values, summed over replications; undefined when the metric counts none (see summary.ts). */
export function exposureOf(replications: ReadonlyArray<Pick<ReplicationResult, 'metrics' | 'exposure'>>, id: MetricId): number | undefined {
  let exposure: number | undefined = 0;
  for (const r of replications) {
    if (!Number.isFinite(r.metrics[id])) continue;
    const units = r.exposure?.[id];
    exposure = units === undefined || exposure === undefined ? undefined : exposure + units;
  }
  return exposure;
}

/** What a paired difference reads of a replication. */
export type PairedReplication = Partial<Pick<ReplicationResult, 'waitCounts'>> & { metrics: Partial<Record<MetricId, number>> };

/** The paired difference design − baseline of one metric (replication i with replication i: common random numbers). */
export function pairedDifference(baseline: readonly PairedReplication[], design: readonly PairedReplication[], id: MetricId): MetricSummary {
  const q = pooledQuantileOf(id);
  if (q !== undefined) {
    const withWaits = (rs: readonly PairedReplication[]) => rs.every((r) => r.waitCounts !== undefined);
    if (!withWaits(baseline) || !withWaits(design)) return { mean: NaN, ci95: [NaN, NaN], sd: NaN, n: 0 };
    return pooledQuantileDifference(
      baseline as ReadonlyArray<Pick<ReplicationResult, 'waitCounts'>>,
      design as ReadonlyArray<Pick<ReplicationResult, 'waitCounts'>>,
      q,
    );
  }
  return summarise(design.map((r, i) => (r.metrics[id] ?? NaN) - (baseline[i]?.metrics[id] ?? NaN)));
}
