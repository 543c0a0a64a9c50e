/**
 * The vega-lite specs of each command's charts, from its results (pure: results → tidy rows
 * (chart-data.ts) → specs (charts.ts)). produce.ts renders and writes them in Node; the explorer
 * page renders the same specs in the browser, so both draw the same charts.
 */
import type { ScenarioResults } from '../experiment/replications.js';
import type { Comparison } from '../experiment/compare.js';
import type { Exploration } from '../experiment/explore.js';
import type { Scenario } from '../scenario/schema.js';
import { comparisonRows, curveRows, groupWeekRows, seriesRows, waitEcdf } from './chart-data.js';
import { compareCharts, exploreCharts, runCharts, type ChartSpec } from './charts.js';

/** `doc`: the validated scenario, for the week per worker group (without it, one bar for the whole team, per post). */
export function runChartSpecs(scenario: string, results: ScenarioResults, doc?: Pick<Scenario, 'workers'>): ChartSpec[] {
  const { warmupDays, horizonDays } = results.settings;
  return runCharts({
    scenario,
    series: seriesRows(results, ['waitingList', 'caseloadPerWorker', 'overloadIndex']),
    window: { warmupDays, horizonDays },
    waits: waitEcdf(results),
    week: groupWeekRows(results, doc),
  });
}

export function comparisonChartSpecs(c: Comparison): ChartSpec[] {
  return compareCharts(comparisonRows(c));
}

export function explorationChartSpecs(scenario: string, e: Exploration): ChartSpec[] {
  return exploreCharts({ scenario, curve: curveRows(e), justRight: e.justRight });
}
