/**
 * Comparing service designs on common random numbers: every design runs the same
 * replications (same seed, same named streams, so the same patients arrive), and each design
 * is judged against the first by the paired per-replication difference, with a 95 % paired-t
 * interval (differences can be negative: no range applies) and a plain-language verdict.
 *
 * A verdict needs both statistics and size (docs/model.md §9, "Verdicts"):
 * - the 95 % interval of the difference must exclude 0, otherwise `no detectable difference`;
 * - the mean difference must reach the metric's practical threshold (DEFAULT_THRESHOLDS,
 *   overridable), otherwise `no meaningful difference`;
 * - then `better` / `worse` for metrics with a preferred direction, `higher` / `lower` for the others.
 */
import { METRIC_BY_ID, METRIC_IDS, type MetricId } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { pairedDifference as pairedReplicationDifference, runScenario, type RunSettings, type ScenarioResults } from './replications.js';
import type { MetricSummary } from './summary.js';
import { costEffect, type CostEffect } from './cost-effect.js';

export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'no meaningful difference' | 'no detectable difference';

/** Every verdict, in the order tables and charts list them. */
export const VERDICTS: readonly Verdict[] = ['better', 'worse', 'higher', 'lower', 'no meaningful difference', 'no detectable difference'];

/**
 * The smallest difference that counts: in the metric's own unit (`absolute`), or as a share of
 * the baseline design's mean (`relative`, e.g. 0.05 = 5 %).
 */
export type Threshold = { absolute: number } | { relative: number };
export type Thresholds = Partial<Record<MetricId, Threshold>>;

export interface DifferenceSummary {
  mean: number;
  ci95: [number, number];
  verdict: Verdict;
  /** The practical threshold applied, in the metric's unit (a relative one resolved against the baseline mean). */
  threshold: number;
}

export interface Comparison {
  settings: RunSettings;
  /** The threshold of every metric (defaults merged with any given). */
  thresholds: Record<MetricId, Threshold>;
  designs: Array<{ scenario: string; results: ScenarioResults }>;
  differences: Array<{ scenario: string; versus: string; metrics: Record<MetricId, DifferenceSummary>; costEffect: CostEffect }>;
}

/**
 * Default practical thresholds, by unit: 1 day of wait, 1 patient (waiting list, caseload, still
 * waiting), 0.05 of the overload index, 0.02 of a share or a 0–1 score; 5 % of the baseline mean
 * for every other metric (rates, hours, sessions, turnover, vacancy).
 */
export function defaultThreshold(id: MetricId): Threshold {
  if (id === 'overloadIndex') return { absolute: 0.05 };
  const unit = METRIC_BY_ID[id]?.unit;
  if (unit === 'days') return { absolute: 1 };
  if (unit === 'patients') return { absolute: 1 };
  if (unit === 'share' || unit === '0–1') return { absolute: 0.02 };
  return { relative: 0.05 };
}

export function resolveThresholds(given: Thresholds = {}): Record<MetricId, Threshold> {
  const out = {} as Record<MetricId, Threshold>;
  for (const id of METRIC_IDS) out[id] = (Object.hasOwn(given, id) ? given[id] : undefined) ?? defaultThreshold(id); // own entries only: never one inherited
  return out;
}

/** The threshold in the metric's unit, given the baseline mean (a relative threshold of a NaN or 0 baseline falls back to the design mean). */
export function thresholdValue(t: Threshold, baselineMean: number, designMean = NaN): number {
  if ('absolute' in t) return t.absolute;
  const ref = Number.isFinite(baselineMean) && baselineMean !== 0 ? baselineMean : designMean;
  return Number.isFinite(ref) ? Math.abs(ref) * t.relative : 0;
}

/** Parse `--threshold` values: `metric=value` (in the metric's unit) or `metric=value%` (of the baseline mean). */
export function parseThresholds(texts: readonly string[]): { thresholds: Thresholds; problems: string[] } {
  const thresholds: Thresholds = {};
  const problems: string[] = [];
  for (const text of texts) {
    const m = /^\s*([A-Za-z0-9]+)\s*=\s*([0-9]*\.?[0-9]+(?:e[-+]?[0-9]+)?)\s*(%?)\s*$/i.exec(text);
    if (!m) {
      problems.push(
        `--threshold ${JSON.stringify(text)}: write metric=value (in the metric's unit, e.g. waitDays=2) or metric=value% (of the baseline mean, e.g. turnoverPerYear=10%).`,
      );
      continue;
    }
    const id = m[1] as MetricId;
    if (!Object.hasOwn(METRIC_BY_ID, id)) {
      problems.push(`--threshold ${JSON.stringify(text)}: no metric "${m[1]}"; the metrics are ${METRIC_IDS.join(', ')}.`);
      continue;
    }
    const value = Number(m[2]);
    thresholds[id] = m[3] ? { relative: value / 100 } : { absolute: value };
  }
  return { thresholds, problems };
}

/** The verdict of a paired difference (design − baseline) against a practical threshold (in the metric's unit). */
export function verdict(id: MetricId, d: { mean: number; ci95: [number, number] }, threshold: number): Verdict {
  const [lo, hi] = d.ci95;
  if (!(lo > 0 || hi < 0)) return 'no detectable difference';
  if (!(Math.abs(d.mean) >= threshold)) return 'no meaningful difference';
  const higher = lo > 0;
  const better = METRIC_BY_ID[id].better;
  if (better === null) return higher ? 'higher' : 'lower';
  return (better === 'higher') === higher ? 'better' : 'worse';
}

export function pairedDifference(a: ScenarioResults, b: ScenarioResults, id: MetricId): MetricSummary {
  return pairedReplicationDifference(a.replications, b.replications, id);
}

export function compareDesigns(
  designs: Array<{ name: string; scenario: Scenario }>,
  settings: RunSettings,
  thresholds: Thresholds = {},
  /** Called after each replication of each design with (done, total) over all designs. */
  onProgress?: (done: number, total: number) => void,
): Comparison {
  const total = designs.length * settings.replications;
  const runs = designs.map((d, i) => ({
    scenario: d.name,
    results: runScenario(d.scenario, settings, onProgress && ((done) => onProgress(i * settings.replications + done, total))),
  }));
  return compareResults(runs, settings, thresholds);
}

/** Differences and verdicts of designs already run (the first is the baseline). */
export function compareResults(runs: Comparison['designs'], settings: RunSettings, thresholds: Thresholds = {}): Comparison {
  const resolved = resolveThresholds(thresholds);
  const [base, ...others] = runs;
  const differences = others.map((o) => {
    const metrics = {} as Record<MetricId, DifferenceSummary>;
    for (const id of METRIC_IDS) {
      const d = pairedDifference(base.results, o.results, id);
      const threshold = thresholdValue(resolved[id], base.results.metrics[id].mean, o.results.metrics[id].mean);
      metrics[id] = { mean: d.mean, ci95: d.ci95, verdict: verdict(id, d, threshold), threshold };
    }
    // The cost-effect judges its effect by the same threshold as the needsMetPerYear row.
    const ce = costEffect(base.results.replications, o.results.replications, metrics.needsMetPerYear.threshold);
    return { scenario: o.scenario, versus: base.scenario, metrics, costEffect: ce };
  });
  return { settings, thresholds: resolved, designs: runs, differences };
}

/** The one JSON document of `compare --json` (also written as compare.json). */
export function comparisonDocument(c: Comparison) {
  return {
    seed: c.settings.seed,
    replications: c.settings.replications,
    horizonDays: c.settings.horizonDays,
    warmupDays: c.settings.warmupDays,
    thresholds: c.thresholds,
    designs: c.designs.map((d) => ({ scenario: d.scenario, metrics: d.results.metrics })),
    differences: c.differences,
  };
}

/** Design names made unique for tables and files: a second "a" becomes "a#2". */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n}#${k}`;
  });
}
