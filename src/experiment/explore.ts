/**
 * `goldilocks explore`: the Goldilocks question for one scenario. Runs it across the
 * discretion dial (0 = all boundaries … 1 = all discretion) on common random numbers and names
 * the "just right" zone: the dial levels whose mean overload and turnover stay within the
 * scenario's limits (`goldilocks` section) and whose objective (need met, by default) is within
 * a tolerance of the best such level. Nothing is forced: when no level keeps within the limits,
 * or the best level is at an end of the dial, the result says so.
 */
import type { MetricId } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { runScenario, type RunSettings, type ScenarioResults } from './replications.js';
import type { MetricSummary } from './summary.js';

export interface ExploreLevel {
  discretion: number;
  results: ScenarioResults;
}

export interface JustRight {
  from: number | null;
  to: number | null;
  /** Levels inside the zone (may not be contiguous). */
  levels: number[];
  reason: string;
}

export interface Exploration {
  settings: RunSettings;
  levels: ExploreLevel[];
  justRight: JustRight;
}

export function dialLevels(steps: number): number[] {
  return Array.from({ length: steps }, (_, i) => Math.round((i / (steps - 1)) * 1e6) / 1e6);
}

export function explore(scenario: Scenario, settings: RunSettings, steps: number, onLevel?: (done: number, total: number) => void): Exploration {
  const levels = dialLevels(steps).map((discretion, i) => {
    const results = runScenario({ ...scenario, discretion }, settings);
    onLevel?.(i + 1, steps);
    return { discretion, results };
  });
  return { settings, levels, justRight: justRightZone(scenario.goldilocks, levels.map((l) => ({ discretion: l.discretion, metrics: l.results.metrics }))) };
}

export function justRightZone(limits: Scenario['goldilocks'], levels: Array<{ discretion: number; metrics: Record<MetricId, MetricSummary> }>): JustRight {
  const within = levels.filter((l) => l.metrics.overloadIndex.mean <= limits.maxOverloadIndex && l.metrics.turnoverPerYear.mean <= limits.maxTurnoverPerYear);
  const limitText = `overload index ≤ ${limits.maxOverloadIndex} and turnover ≤ ${limits.maxTurnoverPerYear} a year`;
  if (within.length === 0) {
    return { from: null, to: null, levels: [], reason: `no dial level keeps ${limitText}: this service needs more capacity or different limits, whatever its discretion` };
  }
  const best = Math.max(...within.map((l) => l.metrics[limits.objective].mean));
  const zone = within.filter((l) => l.metrics[limits.objective].mean >= best - limits.tolerance).map((l) => l.discretion);
  const from = Math.min(...zone);
  const to = Math.max(...zone);
  const ends = from === 0 && to === 0 ? ' (at the boundaries end of the dial: no interior optimum)' : to === 1 && from === 1 ? ' (at the discretion end of the dial: no interior optimum)' : '';
  return {
    from,
    to,
    levels: zone,
    reason: `levels ${from}–${to} keep ${limitText} and reach the highest ${limits.objective} (${best.toFixed(3)}, within ${limits.tolerance})${ends}`,
  };
}

/** The one JSON document of `explore --json` (also written as explore.json). */
export function explorationDocument(scenarioName: string, e: Exploration) {
  return {
    scenario: scenarioName,
    seed: e.settings.seed,
    replications: e.settings.replications,
    horizonDays: e.settings.horizonDays,
    warmupDays: e.settings.warmupDays,
    levels: e.levels.map((l) => ({ discretion: l.discretion, metrics: l.results.metrics })),
    justRight: { from: e.justRight.from, to: e.justRight.to, reason: e.justRight.reason },
  };
}

