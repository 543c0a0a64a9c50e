/**
 * The HTML report, report.html, of an output of `run`, `compare`, `explore` or `sweep`: the
 * public door of ./html/ (build.ts builds the page from a typed `ReportInput`; read-input.ts
 * rebuilds that input from an output folder's files). Imports nothing from `node:`, so the
 * explorer page builds the same report from files or results it holds in memory.
 */
import { buildReport, buildSummary } from './html/build.js';
import { readReportInput, type ReportFiles } from './html/read-input.js';
import type { ReportKind } from './html/input.js';

export { buildReport, buildSummary } from './html/build.js';
export { readReportInput, type ReportFiles } from './html/read-input.js';
export { compareReportInput, exploreReportInput, runReportInput, type ReportContext } from './html/from-results.js';
export type {
  CompareReportInput,
  ComparisonDocument,
  ExplorationDocument,
  ExploreReportInput,
  Manifest,
  ReportChart,
  ReportInput,
  ReportKind,
  RunReportInput,
  SweepReportInput,
} from './html/input.js';
export { inlineSvg } from './html/inline-svg.js';
export { parseCsv } from './sweep-tables.js';
export { esc } from './html-text.js';

/** The report of an output folder's files, or null when they are not the output of run, compare, explore or sweep. */
export function buildReportFrom(src: ReportFiles): { html: string; kind: ReportKind } | null {
  const input = readReportInput(src);
  return input && buildReport(input);
}

/** The one-page summary of an output folder's files (see `buildSummary`), or null when they are not an output folder. */
export function buildSummaryFrom(src: ReportFiles): { kind: ReportKind; title: string; question: string; html: string } | null {
  const input = readReportInput(src);
  return input && buildSummary(input);
}
