/**
 * What a job's result becomes: its document (the `--json` of every door), its tidy files, its
 * chart specs, and, delivered through a sink, files on disk or in memory with the charts drawn by
 * the door's renderer and report.html. A chart or the report that cannot be drawn becomes a
 * warning: it never discards the simulation, whose files are already in the sink.
 */
import { runDocument, runOutputFiles } from '../experiment/run-files.js';
import { comparisonDocument } from '../experiment/compare.js';
import { comparisonOutputFiles } from '../experiment/compare-files.js';
import { explorationDocument } from '../experiment/explore.js';
import { explorationOutputFiles } from '../experiment/explore-files.js';
import { toJson } from '../experiment/csv.js';
import type { ManifestBuilder } from '../experiment/manifest-core.js';
import { comparisonChartSpecs, explorationChartSpecs, runChartSpecs } from '../report/command-charts.js';
import type { ChartSpec } from '../report/charts.js';
import { chartWarning, shortMessage } from '../report/render-safely.js';
import { buildReport, compareReportInput, exploreReportInput, runReportInput, type Manifest, type ReportContext, type ReportInput } from '../report/html.js';
import type { JobProgress, JobResult } from './types.js';

/** The one JSON document of the job: what `--json` prints and the library returns. */
export function jobDocument(r: JobResult) {
  if (r.kind === 'run') return runDocument(r.job.designs[0].name, r.results);
  if (r.kind === 'compare') return comparisonDocument(r.comparison);
  return explorationDocument(r.job.designs[0].name, r.exploration);
}

export type JobDocument = ReturnType<typeof jobDocument>;

/** The job's tidy tables, JSON documents, manifest and scenario(s), as [file, text]. */
export function jobFiles(r: JobResult, manifest: ManifestBuilder, wallSeconds: number): Array<[string, string]> {
  const d = r.job.designs;
  if (r.kind === 'run') return runOutputFiles(d[0].name, r.results, d[0].hash, wallSeconds, r.choices, d[0].scenario, manifest);
  if (r.kind === 'compare')
    return comparisonOutputFiles(
      r.comparison,
      d.map((x) => x.hash),
      wallSeconds,
      r.choices,
      d.map((x) => ({ name: x.name, scenario: x.scenario })),
      manifest,
    );
  return explorationOutputFiles(d[0].name, r.exploration, d[0].hash, wallSeconds, d[0].scenario, manifest);
}

/** The vega-lite specs of the job's charts. */
export function jobChartSpecs(r: JobResult): ChartSpec[] {
  if (r.kind === 'run') return runChartSpecs(r.job.designs[0].name, r.results, r.job.designs[0].scenario);
  if (r.kind === 'compare') return comparisonChartSpecs(r.comparison);
  return explorationChartSpecs(r.job.designs[0].name, r.exploration);
}

/** A name for the job's folder: the scenario's, or the first two designs' joined with -vs-. */
export function jobFolderName(r: JobResult): string {
  return r.kind === 'compare'
    ? r.job.designs
        .slice(0, 2)
        .map((d) => d.name)
        .join('-vs-')
    : r.job.designs[0].name;
}

/** Where files go: a staged folder on disk (node/disk-sink.ts) or memory (the explorer). */
export interface OutputSink {
  put(file: string, content: string | Uint8Array): void;
}

/** Draws a chart: SVG always, PNG where the door can (Node's resvg). */
export interface ChartRenderer {
  svg(spec: ChartSpec['spec']): Promise<string>;
  png?(svg: string): Uint8Array;
}

/** The report's typed input for a job's result: its document, manifest, scenario(s) and the charts drawn. */
export function jobReportInput(r: JobResult, context: ReportContext): ReportInput {
  const d = r.job.designs;
  if (r.kind === 'run') return runReportInput(context, d[0].name, r.results, d[0].scenario);
  if (r.kind === 'compare') return compareReportInput(context, r.comparison, d);
  return exploreReportInput(context, d[0].name, r.exploration, d[0].scenario);
}

export interface Delivered {
  /** Every file put in the sink, in order. */
  files: string[];
  /** Text files (everything but PNGs), for the report and the explorer's downloads. */
  texts: Array<[string, string]>;
  charts: Array<{ name: string; title: string; svg: string }>;
  warnings: string[];
}

export interface DeliverOptions {
  manifest: ManifestBuilder;
  wallSeconds: () => number;
  renderer?: ChartRenderer | null;
  /** Build report.html (from the typed result, not from the files read back). */
  report?: boolean;
  onProgress?: JobProgress;
  /** Called once the result files are in the sink, before the (slower) charts, with the report's input (no charts yet): the explorer shows its summary then. */
  afterFiles?: (input: ReportInput) => void;
}

/** Put the job's files, then its charts, then its report into the sink. */
export async function deliver(r: JobResult, sink: OutputSink, o: DeliverOptions): Promise<Delivered> {
  const texts: Array<[string, string]> = [];
  const files: string[] = [];
  const put = (file: string, content: string | Uint8Array) => {
    sink.put(file, content);
    files.push(file);
    if (typeof content === 'string') texts.push([file, content]);
  };
  let manifest: Manifest = {};
  const keepManifest = (m: Parameters<ManifestBuilder>[0]) => {
    manifest = o.manifest(m);
    return manifest;
  };
  for (const [file, text] of jobFiles(r, keepManifest, o.wallSeconds())) put(file, text);
  const context = { folder: jobFolderName(r), manifest };
  o.afterFiles?.(jobReportInput(r, { ...context, charts: [] }));
  const warnings: string[] = [];
  const charts: Delivered['charts'] = [];
  if (o.renderer) {
    const specs =
      safely(
        () => jobChartSpecs(r),
        (m) => warnings.push(`the charts could not be built (${m}); every result file is written.`),
      ) ?? [];
    for (const [i, chart] of specs.entries()) {
      o.onProgress?.(i, specs.length, 'drawing charts');
      try {
        const svg = await o.renderer.svg(chart.spec);
        const png = o.renderer.png?.(svg);
        put(`charts/${chart.name}.vl.json`, toJson(chart.spec));
        put(`charts/${chart.name}.svg`, svg);
        if (png) put(`charts/${chart.name}.png`, png);
        charts.push({ name: chart.name, title: chart.title, svg });
      } catch (err) {
        warnings.push(chartWarning(chart.name, err));
      }
    }
  }
  if (o.report) {
    const html = safely(
      () => buildReport(jobReportInput(r, { ...context, charts })).html,
      (m) => warnings.push(`report.html could not be built (${m}); the other results are written.`),
    );
    if (html) put('report.html', html);
  }
  return { files, texts, charts, warnings };
}

function safely<T>(f: () => T, onError: (message: string) => void): T | null {
  try {
    return f();
  } catch (err) {
    onError(shortMessage(err));
    return null;
  }
}
