/**
 * The job pipeline's data: what a door asks for (a JobRequest), what the one checking step makes
 * of it (a CheckedJob), and the one typed result every door reads (a JobResult). The CLI, the
 * explorer page and the library build requests and read results; none of them assembles a job.
 */
import type { Door } from '../messages.js';
import type { Scenario } from '../scenario/schema.js';
import type { RunSettings, ScenarioResults } from '../experiment/replications.js';
import type { Comparison, Thresholds } from '../experiment/compare.js';
import type { Exploration } from '../experiment/explore.js';
import type { MetricId } from '../model/index.js';

export type JobKind = 'run' | 'compare' | 'explore';

/** A scenario already validated by its door's reader (file, text or object), with where it came from. */
export interface JobDesign {
  scenario: Scenario;
  /** The file, or `<text>` / `<object>` / `<built-in default>`: named in every message about it. */
  label: string;
  /** sha256 of the validated scenario's canonical JSON (the manifest's scenarioSha256). */
  hash: string;
}

/** `--reps auto`: replications added until the 95 % intervals reach a relative half-width. */
export interface PrecisionRequest {
  precision: number;
  metrics: MetricId[];
  maxReplications: number;
}

/** The options of a job, by their library names; undefined means "the first scenario's run: section". */
export interface JobOptions {
  replications?: number | 'auto';
  seed?: number;
  years?: number;
  warmupDays?: number | 'auto';
  /** explore: dial levels from 0 to 1 (default 11). */
  steps?: number;
  /** compare: the smallest differences that count. */
  thresholds?: Thresholds;
  /** with replications 'auto'. */
  precision?: PrecisionRequest;
  /** Threads (Node) or Web Workers (page) to run replications on; default: the cores available. */
  workers?: number;
}

export interface JobRequest {
  kind: JobKind;
  designs: JobDesign[];
  options: JobOptions;
  /** Who asked: messages name options the way that door's user knows them. */
  door: Door;
}

/** A job that passed the checking step: settings resolved and within bounds, names unique. */
export interface CheckedJob {
  kind: JobKind;
  door: Door;
  /** Designs with names unique for tables and files (a second "a" becomes "a#2"). */
  designs: Array<JobDesign & { name: string }>;
  settings: RunSettings;
  /** The warm-up is chosen by MSER-5 from pilot replications (run only). */
  autoWarmup: boolean;
  /** Replications added until precision (run only). */
  precision: PrecisionRequest | null;
  steps: number;
  thresholds: Thresholds;
}

/** What a run chose for itself (warm-up by MSER-5, replications until precision), for the manifest and the notes. */
export type RunChoices = Record<string, unknown>;

export type JobResult =
  | { kind: 'run'; job: CheckedJob; results: ScenarioResults; choices: RunChoices; warnings: string[] }
  | { kind: 'compare'; job: CheckedJob; comparison: Comparison; choices: RunChoices; warnings: string[] }
  | { kind: 'explore'; job: CheckedJob; exploration: Exploration; choices: RunChoices; warnings: string[] };

/** Progress of a job: done of total, in a unit the stage names (replications, dial levels, charts). */
export type JobProgress = (done: number, total: number, stage: string) => void;
