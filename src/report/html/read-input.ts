/**
 * The one folder reader of the report: an output folder's files → the typed `ReportInput` that
 * the pipeline builds from its results in memory. It reads the JSON documents (summary.json,
 * compare.json, explore.json), manifest.json, the scenario(s), charts/*.svg and, for sweeps,
 * points.csv and sensitivity.csv by their column names. Imports nothing from `node:`: Node reads
 * a folder on disk (../report-folder.ts), the explorer page serves files it holds in memory.
 */
import { ScenarioSchema, type Scenario } from '../../scenario/schema.js';
import type { RunDocument } from '../../experiment/run-files.js';
import { readPoints, readSensitivity } from '../sweep-tables.js';
import type { ComparisonDocument, ExplorationDocument, Manifest, ReportChart, ReportInput, ReportKind } from './input.js';

/**
 * What a report reads from an output folder, by names relative to it (`summary.json`,
 * `charts/run-waiting.svg`).
 */
export interface ReportFiles {
  /** The folder's name (a sweep report's title when its manifest names no sweep). */
  readonly name: string;
  has(name: string): boolean;
  read(name: string): string;
  /** The names of the files directly in a subfolder (`charts`), without the folder prefix. */
  list(folder: string): string[];
}

/**
 * A result document as JSON holds it: the writers turn every non-finite number into null, so a
 * null read back is NaN again, except in the fields whose type allows null (`keepNull`: the
 * just-right zone's ends and best level).
 */
export function parseDocument<T>(text: string, keepNull: readonly string[] = []): T {
  return JSON.parse(text, (key, value: unknown) => (value === null && !keepNull.includes(key) ? NaN : value)) as T;
}

function readJson<T>(src: ReportFiles, name: string): T | null {
  return src.has(name) ? (JSON.parse(src.read(name)) as T) : null;
}

function readDocument<T>(src: ReportFiles, name: string, keepNull: readonly string[] = []): T | null {
  return src.has(name) ? parseDocument<T>(src.read(name), keepNull) : null;
}

/** A scenario file's content validated as a scenario, or why it could not be (null when absent). */
export function validScenario(raw: unknown): { scenario: Scenario | null; problem: string | null } {
  if (raw === null || raw === undefined) return { scenario: null, problem: null };
  const r = ScenarioSchema.safeParse(raw);
  if (r.success) return { scenario: r.data, problem: null };
  return {
    scenario: null,
    problem: r.error.issues
      .map((i) => `${i.path.join('.')}: ${i.message}`)
      .slice(0, 3)
      .join('; '),
  };
}

/** The kind of output a folder holds, or null when it is not a Goldilocks output folder. */
export function kindOf(src: ReportFiles): ReportKind | null {
  if (src.has('explore.json')) return 'explore';
  if (src.has('compare.json')) return 'compare';
  if (src.has('summary.json')) return 'run';
  if (src.has('points.csv')) return 'sweep';
  const manifest = readJson<Manifest>(src, 'manifest.json');
  if (manifest && manifest.sweep !== undefined) return 'sweep';
  return null;
}

/** The SVG charts in charts/, with the title of each from its vega-lite spec when that is there too. */
export function readCharts(src: ReportFiles): ReportChart[] {
  return src
    .list('charts')
    .filter((f) => f.toLowerCase().endsWith('.svg'))
    .map((f) => {
      const name = f.replace(/\.svg$/i, '');
      return { name, title: chartTitle(src, `charts/${name}.vl.json`) ?? name, svg: src.read(`charts/${f}`) };
    });
}

function chartTitle(src: ReportFiles, file: string): string | null {
  if (!src.has(file)) return null;
  try {
    const title = (JSON.parse(src.read(file)) as { title?: string | { text?: unknown } }).title;
    const text = typeof title === 'string' ? title : title?.text;
    return typeof text === 'string' ? text : Array.isArray(text) ? text.join(' ') : null;
  } catch {
    return null;
  }
}

/**
 * explore.json as the current writer makes it: folders written before the zone listed its levels
 * take them from the manifest, else every level between the zone's ends; before `best` and
 * `uncertain`, none.
 */
function currentExploration(doc: ExplorationDocument, manifest: Manifest): ExplorationDocument {
  const jr = doc.justRight as Partial<ExplorationDocument['justRight']> & Pick<ExplorationDocument['justRight'], 'from' | 'to' | 'reason'>;
  const fromManifest = (manifest.justRight as { levels?: unknown } | undefined)?.levels;
  const levels = Array.isArray(jr.levels)
    ? jr.levels
    : Array.isArray(fromManifest)
      ? (fromManifest as number[])
      : jr.from !== null && jr.to !== null
        ? doc.levels.map((l) => l.discretion).filter((d) => d >= jr.from! && d <= jr.to!)
        : [];
  return { ...doc, justRight: { ...jr, levels, best: jr.best ?? null, uncertain: jr.uncertain ?? [] } };
}

/** The typed input of an output folder's report, or null when the files are not the output of run, compare, explore or sweep. */
export function readReportInput(src: ReportFiles): ReportInput | null {
  const kind = kindOf(src);
  if (!kind) return null;
  const common = { folder: src.name, manifest: readJson<Manifest>(src, 'manifest.json') ?? {}, charts: readCharts(src) };
  if (kind === 'compare') {
    const scenarios: Array<{ name: string; scenario: Scenario }> = [];
    const scenarioProblems: string[] = [];
    for (const s of readJson<Array<{ name: string; scenario: unknown }>>(src, 'scenarios.json') ?? []) {
      const r = validScenario(s.scenario);
      if (r.scenario) scenarios.push({ name: s.name, scenario: r.scenario });
      else if (r.problem) scenarioProblems.push(`${s.name}: ${r.problem}`);
    }
    return { kind, ...common, doc: readDocument<ComparisonDocument>(src, 'compare.json')!, scenarios, scenarioProblems };
  }
  const { scenario, problem: scenarioProblem } = validScenario(readJson(src, 'scenario.json'));
  if (kind === 'run') return { kind, ...common, doc: readDocument<RunDocument>(src, 'summary.json')!, scenario, scenarioProblem };
  if (kind === 'explore') {
    const doc = readDocument<ExplorationDocument>(src, 'explore.json', ['from', 'to', 'best'])!;
    return { kind, ...common, doc: currentExploration(doc, common.manifest), scenario, scenarioProblem };
  }
  return {
    kind,
    ...common,
    timing: readJson<Manifest>(src, 'timing.json'),
    scenario,
    scenarioProblem,
    points: src.has('points.csv') ? readPoints(src.read('points.csv')) : null,
    // Morris indices only: a sobol design's sensitivity.csv holds S1 and ST (the report lists its files).
    sensitivity:
      src.has('sensitivity.csv') && (common.manifest.design as { type?: unknown } | undefined)?.type !== 'sobol'
        ? readSensitivity(src.read('sensitivity.csv'))
        : null,
  };
}
