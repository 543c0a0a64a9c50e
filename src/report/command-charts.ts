/**
 * The vega-lite specs of each command's charts, from its results (pure: results → tidy rows
 * (chart-data.ts) → specs (charts.ts)). produce.ts renders and writes them in Node; the explorer
 * page renders the same specs in the browser, so both draw the same charts.
 */
import type { ScenarioResults } from '../experiment/replications.js';
import type { Comparison } from '../experiment/compare.js';
import type { Exploration } from '../experiment/explore.js';
import { comparisonRows, curveRows, seriesRows, waitRows, weekRows } from './chart-data.js';
import { compareCharts, exploreCharts, runCharts, type ChartSpec } from './charts.js';

export function runChartSpecs(scenario: string, results: ScenarioResults): ChartSpec[] {
  return runCharts({ scenario, series: seriesRows(results, ['waitingList', 'caseloadPerWorker', 'overloadIndex']), waits: waitRows(results), week: weekRows(results) });
}

export function comparisonChartSpecs(c: Comparison): ChartSpec[] {
  return compareCharts(comparisonRows(c));
}

export function explorationChartSpecs(scenario: string, e: Exploration): ChartSpec[] {
  return exploreCharts({ scenario, curve: curveRows(e), justRight: e.justRight });
}
