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
import { libraryJob, type RunOptions, type CompareOptions, type ExploreOptions } from './api/pure.js';
import { jobDocument } from './jobs/outputs.js';
import { checkUncertainty, checkUncertaintyBeforeJob, documentWithUncertainty, simulateUncertainty } from './jobs/uncertainty.js';
import { planDocumentWithUncertainty, planUncertainty } from './jobs/plan-uncertainty.js';

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
/** The assumed parameters with their ranges and distributions (docs/model.md §11b), and the bound of option `uncertainty`. */
export { ASSUMPTION_REGISTRY } from './scenario/assumption-registry.js';
export { UNCERTAINTY_BOUND } from './scenario/uncertainty-option.js';
/** `goldilocks fit`: a scenario fitted to a service's activity records, with intervals and an optional back-test (docs/fit.md). */
export { fitActivityText, type FitDocument, type FitLibraryOptions, type FitResult, type BacktestResult } from './fit/index.js';

// A plan's size is not known in advance (replications go where they decide something): all cores.
const api = libraryApi((workers, job, log) => threadRunner(workers ?? (job ? autoWorkers(job, defaultWorkers()) : defaultWorkers()), log));

/**
 * `uncertainty: N` (the CLI's `--uncertainty N`, the same bounds): also run N draws of the
 * assumed parameters (docs/model.md §11b); each metric gains `ci95Total` and `assumptionShare`,
 * compare's differences `beatsShare` and `worseShare`, explore's levels `justRightShare`, and the document an
 * `uncertainty` block. Without it the documents are exactly as before.
 */
export interface UncertaintyOptions {
  uncertainty?: number;
}

type Kind = 'run' | 'compare' | 'explore';
async function withUncertainty<D>(
  kind: Kind,
  sources: ScenarioSource[],
  options: Record<string, unknown>,
  plain: (o: Record<string, unknown>) => Promise<D>,
): Promise<D> {
  if (options === null || typeof options !== 'object' || !Object.hasOwn(options, 'uncertainty')) return plain(options);
  const { uncertainty, ...rest } = options;
  if (uncertainty === undefined) return plain(rest);
  checkUncertainty(uncertainty, 'library', kind);
  const { onProgress, workers } = rest as { onProgress?: (done: number, total: number) => void; workers?: number };
  const result = await libraryJob(kind, sources, rest as never, (workers, job, log) => {
    // Checked before the plain job runs (replications per draw, compare's uncertainty: sections).
    if (job) checkUncertaintyBeforeJob(uncertainty, 'library', job);
    return threadRunner(workers ?? (job ? autoWorkers(job, defaultWorkers()) : defaultWorkers()), log);
  });
  const runner = threadRunner(workers ?? defaultWorkers());
  try {
    const outcome = await simulateUncertainty(
      result,
      uncertainty as number,
      runner,
      onProgress && ((done, total) => void (Number.isInteger(done) && onProgress(done, total))),
    );
    const doc = documentWithUncertainty(jobDocument(result) as unknown as Record<string, unknown>, outcome);
    return (result.eventLog ? { ...doc, eventLog: result.eventLog } : doc) as D;
  } finally {
    await runner.close();
  }
}

/** `goldilocks run --json`: the replications' metrics with 95 % intervals (with `uncertainty: N`, also with the assumptions' uncertainty). */
export function simulate(source: ScenarioSource, options: RunOptions & UncertaintyOptions = {}) {
  return withUncertainty('run', [source], options as Record<string, unknown>, (o) => api.simulate(source, o as RunOptions));
}
/** `goldilocks compare --json`: designs on common random numbers, each against the first (with `uncertainty: N`, `beatsShare` and `worseShare` per difference). */
export function compare(sources: ScenarioSource[], options: CompareOptions & UncertaintyOptions = {}) {
  if (!Array.isArray(sources)) return api.compare(sources, options as CompareOptions);
  return withUncertainty('compare', sources, options as Record<string, unknown>, (o) => api.compare(sources, o as CompareOptions));
}
/** `goldilocks explore --json`: the scenario across the discretion dial, with the just-right zone (with `uncertainty: N`, `justRightShare` per level). */
export function explore(source: ScenarioSource, options: ExploreOptions & UncertaintyOptions = {}) {
  return withUncertainty('explore', [source], options as Record<string, unknown>, (o) => api.explore(source, o as ExploreOptions));
}
/**
 * `goldilocks plan --json`: the least-cost design meeting every target with a stated confidence (`base` given as a scenario object or text).
 * With `uncertainty: N`, the chosen design then runs under N draws of the assumptions and the document gains an `uncertainty`
 * block (each target's share of draws in which it is met); the search is unchanged.
 */
export async function plan(spec: Parameters<typeof api.plan>[0], options: Parameters<typeof api.plan>[1] & UncertaintyOptions = {}) {
  if (options === null || typeof options !== 'object' || !Object.hasOwn(options, 'uncertainty')) return api.plan(spec, options);
  const { uncertainty, ...rest } = options;
  if (uncertainty === undefined) return api.plan(spec, rest);
  checkUncertainty(uncertainty, 'library', 'plan');
  const doc = await api.plan(spec, rest);
  const runner = threadRunner(rest.workers ?? defaultWorkers());
  try {
    return planDocumentWithUncertainty(doc, await planUncertainty(doc, uncertainty, runner));
  } finally {
    await runner.close();
  }
}

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
