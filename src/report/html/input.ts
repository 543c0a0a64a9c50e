/**
 * What report.html is built from: one typed input per kind of output, made of the commands' own
 * result types. The pipeline builds it from the results it holds; `readReportInput`
 * (./read-input.ts) rebuilds the same input from an output folder, for `goldilocks report DIR`.
 */
import type { RunDocument } from '../../experiment/run-files.js';
import type { comparisonDocument } from '../../experiment/compare.js';
import type { CostEffect } from '../../experiment/cost-effect.js';
import type { explorationDocument } from '../../experiment/explore.js';
import type { Scenario } from '../../scenario/schema.js';
import type { SensitivityRow, SweepPoints } from '../sweep-tables.js';

export type ReportKind = 'run' | 'compare' | 'explore' | 'sweep';

/** A drawn chart: `name` is its file stem (charts/<name>.svg), `svg` the SVG text as rendered. */
export interface ReportChart {
  name: string;
  title: string;
  svg: string;
}

/** manifest.json (and a sweep's timing.json): the run's record, printed as the STRESS-DES table. */
export type Manifest = Readonly<Record<string, unknown>>;

type Comparison = ReturnType<typeof comparisonDocument>;
type ComparisonDifference = Comparison['differences'][number];

/**
 * compare.json: `comparisonDocument`'s result, which this type accepts as it is. Folders written
 * before costs were compared have no `costEffect`; the report then leaves the cost section out.
 */
export type ComparisonDocument = Omit<Comparison, 'differences'> & {
  differences: Array<Omit<ComparisonDifference, 'costEffect'> & { costEffect?: CostEffect }>;
};

type Exploration = ReturnType<typeof explorationDocument>;

/**
 * explore.json: `explorationDocument`'s result, which this type accepts as it is. Folders written
 * before the zone had a label have none; the report then names the zone by its ends.
 */
export type ExplorationDocument = Omit<Exploration, 'justRight'> & {
  justRight: Omit<Exploration['justRight'], 'label'> & { label?: string };
};

interface Common {
  /** The output folder's name (a sweep report's title when its manifest names no sweep). */
  folder: string;
  manifest: Manifest;
  /** The charts drawn, in any order (the report orders them); a chart missing here is reported as not produced. */
  charts: readonly ReportChart[];
}

/** `scenarioProblem`: why a scenario read back from a folder could not be used (absent when it could). */
export interface RunReportInput extends Common {
  kind: 'run';
  doc: RunDocument;
  scenario: Scenario | null;
  scenarioProblem?: string | null;
}

export interface CompareReportInput extends Common {
  kind: 'compare';
  doc: ComparisonDocument;
  /** The designs' validated scenarios, by design name (the first is the baseline). */
  scenarios: ReadonlyArray<{ name: string; scenario: Scenario }>;
  /** Scenarios read back that could not be used, as "name: problem". */
  scenarioProblems?: readonly string[];
}

export interface ExploreReportInput extends Common {
  kind: 'explore';
  doc: ExplorationDocument;
  scenario: Scenario | null;
  scenarioProblem?: string | null;
}

export interface SweepReportInput extends Common {
  kind: 'sweep';
  /** timing.json (wall time and worker threads), when the sweep wrote one. */
  timing: Manifest | null;
  /** The base scenario, when the folder holds one (a sweep folder usually does not). */
  scenario: Scenario | null;
  scenarioProblem?: string | null;
  /** points.csv, or null while the sweep has not finished. */
  points: SweepPoints | null;
  /** sensitivity.csv (Morris designs), or null. */
  sensitivity: SensitivityRow[] | null;
}

export type ReportInput = RunReportInput | CompareReportInput | ExploreReportInput | SweepReportInput;
