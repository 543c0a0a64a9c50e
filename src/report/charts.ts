/**
 * Chart specifications (pure): tidy rows from ./chart-data.ts → vega-lite specs, one module per
 * command in ./charts/ (common.ts holds the shared look and building blocks). This file is the
 * public door the rest of Goldilocks imports.
 */
export { FONT, OKABE_ITO, WIDTH, baseConfig, type ChartSpec } from './charts/common.js';
export { monthTicks, runCharts, type RunChartInput } from './charts/run.js';
export { WEEK_MAX_GROUPS, weekGroups, type WeekGroups } from './charts/run-week.js';
export { VERDICT_STYLE, compareCharts, sharedDomains } from './charts/compare.js';
export { exploreCharts, zoneBands } from './charts/explore.js';
export { sweepCharts, wrapText, type HeatmapInput, type SweepChartInput } from './charts/sweep.js';
