/**
 * Charts and reports load vega and vega-lite, most of a start-up's time: they are imported only
 * when a chart or report is drawn, so `--version`, `validate` and `run --no-charts` stay quick.
 */
type Produce = typeof import('../report/produce.js');

export async function chartsForSweep(...args: Parameters<Produce['chartsForSweep']>): Promise<Awaited<ReturnType<Produce['chartsForSweep']>>> {
  return (await import('../report/produce.js')).chartsForSweep(...args);
}

/** Sweep charts that never throw: a chart that cannot be drawn is a warning (the sweep's results are on disk already). */
export async function sweepChartsSafely(...args: Parameters<Produce['sweepChartsSafely']>): Promise<Awaited<ReturnType<Produce['sweepChartsSafely']>>> {
  return (await import('../report/produce.js')).sweepChartsSafely(...args);
}

/** Write report.html for an output folder; returns its path. */
export async function writeReport(dir: string): Promise<string> {
  return (await import('../report/report-folder.js')).writeReport(dir);
}
