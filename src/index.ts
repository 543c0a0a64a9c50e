/**
 * Goldilocks as a library: `import { parseScenario, simulate, compare, explore, plan, sweep, metrics, toXlsx } from 'goldilocks-sim'`.
 *
 * The functions take plain objects (or scenario YAML/JSON text) and resolve to the same documents
 * as the CLI's `--json`; they never print or exit. Replications run on a pool of worker threads
 * (option `workers`, default: the cores available) and the numbers are the same whatever their
 * count. Invalid input rejects with an `InputError` whose `message` is the CLI's validation
 * message (file, field path, line), naming options as a library caller writes them (option
 * `replications`). Progress comes through an optional `onProgress(done, total)` callback.
 */
import { loadScenarioFile } from './scenario/load.js';
import type { Scenario } from './scenario/schema.js';
import { scenarioProblems } from './model/check.js';
import { loadSweep, runSweep } from './experiment/sweep.js';
import { libraryApi } from './api/pure.js';
import { defaultWorkers, threadRunner } from './jobs/node/thread-runner.js';
import { autoWorkers } from './jobs/estimate.js';
import { designOf, type ScenarioSource, type RunDocument, type ComparisonDocument, type ExplorationDocument, type PlanDocument } from './api/pure.js';
import { PACKAGE_VERSION } from './experiment/manifest.js';

// Everything that needs no files (parse, metrics, the documents' types) is in api/pure.ts,
// which the explorer page bundles for the browser.
export { parseScenario, metrics, InputError, OptionError, METRICS, METRIC_IDS, METRIC_BY_ID } from './api/pure.js';
export type {
  RunOptions,
  CompareOptions,
  ExploreOptions,
  ScenarioSource,
  Scenario,
  ScenarioInput,
  RunDocument,
  ComparisonDocument,
  ExplorationDocument,
  PlanOptions,
  PlanDocument,
  PlanSource,
  PlanSpec,
  Thresholds,
  MetricId,
  MetricValues,
  EventLogDocument,
} from './api/pure.js';
export { scenarioJsonSchema } from './scenario/schema.js';
/** `goldilocks fit`: a scenario fitted to a service's activity records, with intervals and an optional back-test (docs/fit.md). */
export { fitActivityText, type FitDocument, type FitLibraryOptions, type FitResult, type BacktestResult } from './fit/index.js';

// A plan's size is not known in advance (replications go where they decide something): all cores.
const api = libraryApi((workers, job, log) => threadRunner(workers ?? (job ? autoWorkers(job, defaultWorkers()) : defaultWorkers()), log));

/** `goldilocks run --json`: the replications' metrics with 95 % intervals. */
export const simulate = api.simulate;
/** `goldilocks compare --json`: designs on common random numbers, each against the first. */
export const compare = api.compare;
/** `goldilocks explore --json`: the scenario across the discretion dial, with the just-right zone. */
export const explore = api.explore;
/** `goldilocks plan --json`: the least-cost design meeting every target with a stated confidence (`base` given as a scenario object or text). */
export const plan = api.plan;

/**
 * results.xlsx of a result document (what `simulate`, `compare`, `explore` or `plan` resolved to),
 * as the CLI's `--xlsx` writes it: a Summary sheet in the report's words, the document's tables
 * (long, one row per metric, numbers as numbers) and a Provenance sheet. Give the scenario(s) run
 * (objects or text, as to `simulate`/`compare`) for the designs in words. Resolves to the file's bytes.
 */
export async function toXlsx(
  document: RunDocument | ComparisonDocument | ExplorationDocument | PlanDocument,
  options: { scenario?: ScenarioSource; scenarios?: ScenarioSource[]; command?: string } = {},
): Promise<Uint8Array> {
  const { documentXlsx } = await import('./report/xlsx.js');
  const names = (document as { designs?: Array<{ scenario?: string }> }).designs?.map((d) => d.scenario) ?? [];
  const one = options.scenario === undefined ? undefined : designOf(options.scenario);
  const many = options.scenarios?.map((s) => designOf(s));
  const hashes = one ? [one.hash] : (many?.map((d) => d.hash) ?? []);
  const d = document as unknown as Record<string, unknown>;
  const keys = ['scenario', 'plan', 'base', 'seed', 'replications', 'horizonDays', 'warmupDays', 'confidence'];
  return documentXlsx(document, {
    scenario: one?.scenario,
    scenarios: many?.map((x, i) => ({ name: names[i] ?? x.scenario.name, scenario: x.scenario })),
    command: options.command,
    written: new Date(),
    // The Provenance of a library result: this package, the document's own settings and the scenarios' sha256 (as manifest.json has them).
    manifest: {
      tool: 'goldilocks-sim',
      version: PACKAGE_VERSION,
      ...Object.fromEntries(keys.filter((k) => d[k] !== undefined).map((k) => [k, d[k]])),
      ...(hashes.length ? { scenarioSha256: hashes.join(',') } : {}),
    },
  });
}

/** Read and validate a scenario file. */
export function loadScenario(file: string, options: { set?: string[] } = {}): Scenario {
  return loadScenarioFile(file, options.set ?? [], file, scenarioProblems).scenario;
}

/** `goldilocks sweep --json`: run a sweep file into `outDir` (files as the CLI writes them). */
export async function sweep(file: string, options: { outDir: string; workers?: number; resume?: boolean; onProgress?: (done: number, total: number) => void }) {
  const loaded = loadSweep(file);
  const outcome = await runSweep(loaded, {
    outDir: options.outDir,
    workers: options.workers ?? 1,
    resume: options.resume ?? false,
    shard: null,
    onProgress: options.onProgress,
  });
  return {
    sweep: loaded.sweep.name,
    dir: outcome.dir,
    points: outcome.total,
    completed: outcome.completed,
    interrupted: outcome.interrupted,
    files: outcome.files,
  };
}
