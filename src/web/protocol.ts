/** Messages between the explorer page and its Web Worker. */

/** `plan`: the job's one source is a plan (object or text) whose `base` is the scenario itself (jobs/plan-source.ts). */
/** `fit`: sources [activity CSV text, base scenario text], labels [activity file, base file, base's words] (web/fit.ts). */
export type JobKind = 'run' | 'compare' | 'explore' | 'plan' | 'fit';

export interface JobOptions {
  replications?: number;
  seed?: number;
  years?: number;
  warmupDays?: number;
  steps?: number;
  /** Web Workers to run replications on (default: navigator.hardwareConcurrency). */
  workers?: number;
  /** run, compare, explore: also run N draws of the assumed parameters (the CLI's --uncertainty N; docs/model.md §11b). */
  uncertainty?: number;
  /** plan only: one-sided confidence for each target, instead of the plan's. */
  confidence?: number;
  /** fit only: start the fitted scenario on this date (yyyy-mm-dd; a day number for day-only data). */
  at?: string;
  /** fit only: back-test the fitted scenario (with `replications`, default the base's). */
  backtest?: boolean;
}

export interface Job {
  id: number;
  kind: JobKind;
  /** YAML/JSON text or plain objects; compare takes two or more. */
  sources: unknown[];
  options: JobOptions;
  /** File names for messages ("default.yaml"), one per source; a plan's: the plan's, then its base's. */
  labels?: string[];
  /** Build the files, charts and report too (the page does; `window.goldilocks` calls need only the document). */
  files: boolean;
  /** Whose words messages use: the form's ("the "Replications" field") or a script's (option `replications`). */
  door?: 'page' | 'library';
}

export interface ChartOut {
  name: string;
  /** The chart's title (its accessible name; the SVG draws it). */
  title: string;
  svg: string;
}

/** The one-page summary report.html opens with (src/report/html.ts buildSummaryFrom). */
export interface SummaryOut {
  title: string;
  question: string;
  /** The `<section id="summary">` HTML, as in report.html. */
  html: string;
}

export interface JobResult {
  kind: JobKind;
  /** The same document as the CLI's `--json`. */
  doc: unknown;
  /** The output folder's files as the CLI writes them ([name, content]), report.html included. */
  files: Array<[string, string]>;
  charts: ChartOut[];
  /** The report's one-page summary (when the files are built). */
  summary?: SummaryOut;
  seconds: number;
  /** Charts or the report that could not be drawn (the results are complete without them). */
  warnings?: string[];
  /** plan: the answer in words, as `goldilocks plan` prints it (experiment/plan-output.ts planSummaryLines). */
  words?: string[];
  /** fit: the fitted scenario's YAML (also in files). */
  scenario?: string;
}

/** From the page to its workers (besides jobs): connect the coordinator to a helper, or make a worker a helper. */
export type ControlMessage = { type: 'helper-port'; port: MessagePort } | { type: 'serve'; port: MessagePort };

export type WorkerMessage =
  | { id: number; type: 'progress'; done: number; total: number; stage: string }
  | { id: number; type: 'doc'; kind: JobKind; doc: unknown; summary?: SummaryOut; seconds: number }
  | { id: number; type: 'done'; result: JobResult }
  | { id: number; type: 'error'; message: string; input: boolean };
