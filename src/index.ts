/**
 * Goldilocks as a library: `import { parseScenario, simulate, compare, explore, sweep, metrics } from 'goldilocks-sim'`.
 *
 * The functions take plain objects (or scenario YAML/JSON text) and return the same documents as
 * the CLI's `--json`; they never print or exit. Invalid input throws an `InputError` whose
 * `message` is the CLI's validation message (file, field path, line). Progress comes through an
 * optional `onProgress(done, total)` callback.
 */
import { validateText, loadScenarioFile } from './scenario/load.js';
import { ScenarioSchema, type Scenario, type ScenarioInput } from './scenario/schema.js';
import { scenarioProblems } from './model/check.js';
import { runScenario, runSettings, type RunSettings } from './experiment/replications.js';
import { runDocument, type RunDocument } from './experiment/run-output.js';
import { compareDesigns, comparisonDocument, type Thresholds } from './experiment/compare.js';
import { explore as exploreDial, explorationDocument } from './experiment/explore.js';
import { loadSweep, runSweep } from './experiment/sweep.js';
import { METRICS } from './model/metrics.js';

export { InputError } from './scenario/errors.js';
export { METRICS, METRIC_IDS, METRIC_BY_ID, type MetricId, type MetricValues } from './model/metrics.js';
export { scenarioJsonSchema } from './scenario/schema.js';
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

/** Read and validate a scenario file. */
export function loadScenario(file: string, options: { set?: string[] } = {}): Scenario {
  return loadScenarioFile(file, options.set ?? [], file, scenarioProblems).scenario;
}

function settingsFor(s: Scenario, o: RunOptions): RunSettings {
  return runSettings(s, { replications: o.replications, seed: o.seed, years: o.years, warmupDays: o.warmupDays });
}

/** `goldilocks run --json`: the replications' metrics with 95 % intervals. */
export function simulate(source: ScenarioSource, options: RunOptions = {}): RunDocument {
  const s = parseScenario(source);
  const settings = settingsFor(s, options);
  return runDocument(s.name, runScenario(s, settings, (done) => options.onProgress?.(done, settings.replications)));
}

/** `goldilocks compare --json`: designs on common random numbers, each against the first. */
export function compare(sources: ScenarioSource[], options: RunOptions & { thresholds?: Thresholds } = {}): ReturnType<typeof comparisonDocument> {
  const designs = sources.map((x) => parseScenario(x)).map((scenario) => ({ name: scenario.name, scenario }));
  if (designs.length < 2) throw new RangeError('compare needs at least two scenarios');
  return comparisonDocument(compareDesigns(designs, settingsFor(designs[0].scenario, options), options.thresholds));
}

/** `goldilocks explore --json`: the scenario across the discretion dial, with the just-right zone. */
export function explore(source: ScenarioSource, options: RunOptions & { steps?: number } = {}): ReturnType<typeof explorationDocument> {
  const s = parseScenario(source);
  return explorationDocument(s.name, exploreDial(s, settingsFor(s, options), options.steps ?? 11, options.onProgress));
}

/** `goldilocks sweep --json`: run a sweep file into `outDir` (files as the CLI writes them). */
export async function sweep(file: string, options: { outDir: string; workers?: number; resume?: boolean; onProgress?: (done: number, total: number) => void }) {
  const loaded = loadSweep(file);
  const outcome = await runSweep(loaded, { outDir: options.outDir, workers: options.workers ?? 1, resume: options.resume ?? false, shard: null, onProgress: options.onProgress });
  return { sweep: loaded.sweep.name, dir: outcome.dir, points: outcome.total, completed: outcome.completed, interrupted: outcome.interrupted, files: outcome.files };
}
