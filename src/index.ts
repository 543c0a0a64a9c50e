/**
 * Goldilocks as a library: `import { parseScenario, simulate, compare, explore, sweep, metrics } from 'goldilocks-sim'`.
 *
 * The functions take plain objects (or scenario YAML/JSON text) and return the same documents as
 * the CLI's `--json`; they never print or exit. Invalid input throws an `InputError` whose
 * `message` is the CLI's validation message (file, field path, line). Progress comes through an
 * optional `onProgress(done, total)` callback.
 */
import { loadScenarioFile } from './scenario/load.js';
import type { Scenario } from './scenario/schema.js';
import { scenarioProblems } from './model/check.js';
import { loadSweep, runSweep } from './experiment/sweep.js';

// Everything that needs no files (parse, simulate, compare, explore, metrics) is in api/pure.ts,
// which the explorer page bundles for the browser.
export { parseScenario, simulate, compare, explore, metrics, InputError, METRICS, METRIC_IDS, METRIC_BY_ID } from './api/pure.js';
export type { RunOptions, ScenarioSource, Scenario, ScenarioInput, RunDocument, Thresholds, MetricId, MetricValues } from './api/pure.js';
export { scenarioJsonSchema } from './scenario/schema.js';

/** Read and validate a scenario file. */
export function loadScenario(file: string, options: { set?: string[] } = {}): Scenario {
  return loadScenarioFile(file, options.set ?? [], file, scenarioProblems).scenario;
}

/** `goldilocks sweep --json`: run a sweep file into `outDir` (files as the CLI writes them). */
export async function sweep(file: string, options: { outDir: string; workers?: number; resume?: boolean; onProgress?: (done: number, total: number) => void }) {
  const loaded = loadSweep(file);
  const outcome = await runSweep(loaded, { outDir: options.outDir, workers: options.workers ?? 1, resume: options.resume ?? false, shard: null, onProgress: options.onProgress });
  return { sweep: loaded.sweep.name, dir: outcome.dir, points: outcome.total, completed: outcome.completed, interrupted: outcome.interrupted, files: outcome.files };
}
