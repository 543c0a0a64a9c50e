/**
 * The library API without files: scenarios in (objects or YAML/JSON text), the CLI's `--json`
 * documents out. Imports nothing from `node:`, so the same code runs in Node (src/index.ts
 * re-exports it) and in a browser (the explorer page, src/web/).
 */
import { validateText } from '../scenario/parse.js';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../scenario/schema.js';
import { scenarioProblems } from '../model/check.js';
import { runScenario, runSettings, type RunSettings, type ScenarioResults } from '../experiment/replications.js';
import { runDocument, type RunDocument } from '../experiment/run-files.js';
import { compareDesigns, comparisonDocument, type Comparison, type Thresholds } from '../experiment/compare.js';
import { explore as exploreDial, explorationDocument, type Exploration } from '../experiment/explore.js';
import { METRICS } from '../model/metrics.js';

export { InputError } from '../scenario/errors.js';
export { METRICS, METRIC_IDS, METRIC_BY_ID, type MetricId, type MetricValues } from '../model/metrics.js';
export type { Scenario, ScenarioInput, RunDocument, Thresholds };

/** The metrics a run reports: id, label, unit, definition and which direction is better. */
export const metrics = METRICS;

/** Run settings a caller may override (defaults: the scenario's `run` section). */
export interface RunOptions {
  replications?: number;
  seed?: number;
  years?: number;
  warmupDays?: number;
  /** Called after each replication (or dial level, or sweep point) with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** A scenario as an object (as written in a file, defaults optional), or its YAML/JSON text. */
export type ScenarioSource = ScenarioInput | Scenario | string;

/** Validate a scenario (YAML/JSON text or an object) and fill in its defaults. */
export function parseScenario(source: ScenarioSource, options: { file?: string; set?: string[] } = {}): Scenario {
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  return validateText(text, options.file ?? (typeof source === 'string' ? '<text>' : '<object>'), ScenarioSchema, options.set ?? [], scenarioProblems);
}

export function settingsFor(s: Scenario, o: RunOptions): RunSettings {
  return runSettings(s, { replications: o.replications, seed: o.seed, years: o.years, warmupDays: o.warmupDays });
}

/** The replications of a run with everything the files and charts need (simulate's document is made from it). */
export function simulateResults(source: ScenarioSource, options: RunOptions = {}): { scenario: Scenario; results: ScenarioResults } {
  const scenario = parseScenario(source);
  const settings = settingsFor(scenario, options);
  return { scenario, results: runScenario(scenario, settings, (done) => options.onProgress?.(done, settings.replications)) };
}

/** `goldilocks run --json`: the replications' metrics with 95 % intervals. */
export function simulate(source: ScenarioSource, options: RunOptions = {}): RunDocument {
  const { scenario, results } = simulateResults(source, options);
  return runDocument(scenario.name, results);
}

/** The comparison itself (compare's document is made from it). */
export function compareResults(sources: ScenarioSource[], options: RunOptions & { thresholds?: Thresholds } = {}): { designs: Array<{ name: string; scenario: Scenario }>; comparison: Comparison } {
  const designs = sources.map((x) => parseScenario(x)).map((scenario) => ({ name: scenario.name, scenario }));
  if (designs.length < 2) throw new RangeError('compare needs at least two scenarios');
  return { designs, comparison: compareDesigns(designs, settingsFor(designs[0].scenario, options), options.thresholds, options.onProgress) };
}

/** `goldilocks compare --json`: designs on common random numbers, each against the first. */
export function compare(sources: ScenarioSource[], options: RunOptions & { thresholds?: Thresholds } = {}): ReturnType<typeof comparisonDocument> {
  return comparisonDocument(compareResults(sources, options).comparison);
}

/** The exploration itself (explore's document is made from it). */
export function exploreResults(source: ScenarioSource, options: RunOptions & { steps?: number } = {}): { scenario: Scenario; exploration: Exploration } {
  const scenario = parseScenario(source);
  return { scenario, exploration: exploreDial(scenario, settingsFor(scenario, options), options.steps ?? 11, options.onProgress) };
}

/** `goldilocks explore --json`: the scenario across the discretion dial, with the just-right zone. */
export function explore(source: ScenarioSource, options: RunOptions & { steps?: number } = {}): ReturnType<typeof explorationDocument> {
  const { scenario, exploration } = exploreResults(source, options);
  return explorationDocument(scenario.name, exploration);
}
