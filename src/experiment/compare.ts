/**
 * Comparing service designs on common random numbers: every design runs the same
 * replications (same seed, same named streams, so the same patients arrive), and each design
 * is judged against the first by the paired per-replication difference, with a 95 % paired-t
 * interval and a plain-language verdict.
 */
import { METRIC_BY_ID, METRIC_IDS, type MetricId } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { runScenario, type RunSettings, type ScenarioResults } from './replications.js';
import { summarise, type MetricSummary } from './summary.js';

export type Verdict = 'better' | 'worse' | 'higher' | 'lower' | 'no detectable difference';

export interface DifferenceSummary {
  mean: number;
  ci95: [number, number];
  verdict: Verdict;
}

export interface Comparison {
  settings: RunSettings;
  designs: Array<{ scenario: string; results: ScenarioResults }>;
  differences: Array<{ scenario: string; versus: string; metrics: Record<MetricId, DifferenceSummary> }>;
}

/** The verdict of a paired difference (design − baseline): only when the interval excludes 0. */
export function verdict(id: MetricId, ci: [number, number]): Verdict {
  if (!(ci[0] > 0 || ci[1] < 0)) return 'no detectable difference';
  const higher = ci[0] > 0;
  const better = METRIC_BY_ID[id].better;
  if (better === null) return higher ? 'higher' : 'lower';
  return (better === 'higher') === higher ? 'better' : 'worse';
}

export function pairedDifference(a: ScenarioResults, b: ScenarioResults, id: MetricId): MetricSummary {
  return summarise(b.replications.map((r, i) => r.metrics[id] - a.replications[i].metrics[id]));
}

export function compareDesigns(designs: Array<{ name: string; scenario: Scenario }>, settings: RunSettings): Comparison {
  const runs = designs.map((d) => ({ scenario: d.name, results: runScenario(d.scenario, settings) }));
  const [base, ...others] = runs;
  const differences = others.map((o) => {
    const metrics = {} as Record<MetricId, DifferenceSummary>;
    for (const id of METRIC_IDS) {
      const d = pairedDifference(base.results, o.results, id);
      metrics[id] = { mean: d.mean, ci95: d.ci95, verdict: verdict(id, d.ci95) };
    }
    return { scenario: o.scenario, versus: base.scenario, metrics };
  });
  return { settings, designs: runs, differences };
}

/** The one JSON document of `compare --json` (also written as compare.json). */
export function comparisonDocument(c: Comparison) {
  return {
    seed: c.settings.seed,
    replications: c.settings.replications,
    horizonDays: c.settings.horizonDays,
    warmupDays: c.settings.warmupDays,
    designs: c.designs.map((d) => ({ scenario: d.scenario, metrics: d.results.metrics })),
    differences: c.differences,
  };
}
