/**
 * The report's input made from results in memory (pure): the documents the commands write
 * (runDocument, comparisonDocument, explorationDocument), the manifest written beside them, the
 * validated scenario(s) and the charts drawn. The pipeline calls these instead of writing files
 * and reading them back; `readReportInput` makes the same input from the folder.
 */
import { runDocument } from '../../experiment/run-files.js';
import { comparisonDocument, type Comparison } from '../../experiment/compare.js';
import { explorationDocument, type Exploration } from '../../experiment/explore.js';
import type { ScenarioResults } from '../../experiment/replications.js';
import type { Scenario } from '../../scenario/schema.js';
import type { CompareReportInput, ExploreReportInput, Manifest, ReportChart, RunReportInput } from './input.js';

/** What every kind needs besides its results: the folder's name, the manifest as written, the charts drawn (none yet: []). */
export interface ReportContext {
  folder: string;
  manifest: Manifest;
  charts: readonly ReportChart[];
}

export function runReportInput(context: ReportContext, name: string, results: ScenarioResults, scenario: Scenario): RunReportInput {
  return { kind: 'run', ...context, doc: runDocument(name, results), scenario };
}

/** `designs`: each design's name (as in the comparison) and validated scenario, the baseline first. */
export function compareReportInput(
  context: ReportContext,
  comparison: Comparison,
  designs: ReadonlyArray<{ name: string; scenario: Scenario }>,
): CompareReportInput {
  return { kind: 'compare', ...context, doc: comparisonDocument(comparison), scenarios: designs.map((d) => ({ name: d.name, scenario: d.scenario })) };
}

export function exploreReportInput(context: ReportContext, name: string, exploration: Exploration, scenario: Scenario): ExploreReportInput {
  return { kind: 'explore', ...context, doc: explorationDocument(name, exploration), scenario };
}
