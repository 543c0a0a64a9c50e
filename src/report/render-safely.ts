/**
 * Drawing charts without losing results (pure; the renderer is given: vega in Node, or in a
 * browser). A chart that cannot be built or drawn (vega can throw on data it cannot lay out)
 * becomes a warning naming it, and the other charts are still drawn: a chart failure never
 * discards the simulation's results, which the caller writes whatever happens here.
 */
import type { ChartSpec } from './charts/common.js';
import type { ReportChart } from './html/input.js';

/** A chart drawn: its spec and its SVG (a `ReportChart` for the report). */
export interface DrawnChart extends ReportChart {
  spec: ChartSpec['spec'];
}

export interface DrawnCharts {
  /** The charts drawn, in the order of their specs. */
  charts: DrawnChart[];
  /** One sentence per chart (or set of charts) that could not be built or drawn. */
  warnings: string[];
}

/** An error in a few words: its message (with its kind unless a plain Error), at most 200 characters. */
export function shortMessage(err: unknown): string {
  const m = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return m.length > 200 ? `${m.slice(0, 200)}…` : m;
}

/** The warning for a chart that could not be drawn. */
export function chartWarning(name: string, err: unknown): string {
  return `chart ${name} could not be drawn (${shortMessage(err)}); the other results are written.`;
}

/**
 * Build the specs (`specs`, or a function that builds them: its failure is one warning) and draw
 * each with `render`; never throws. `onChart(i, n)` reports progress before each chart.
 */
export async function renderChartsSafely(
  specs: readonly ChartSpec[] | (() => readonly ChartSpec[]),
  render: (spec: ChartSpec['spec']) => Promise<string>,
  onChart?: (i: number, n: number) => void,
): Promise<DrawnCharts> {
  const warnings: string[] = [];
  let list: readonly ChartSpec[] = [];
  try {
    list = typeof specs === 'function' ? specs() : specs;
  } catch (err) {
    return { charts: [], warnings: [`the charts could not be built (${shortMessage(err)}); every result file is written.`] };
  }
  const charts: DrawnChart[] = [];
  for (const [i, chart] of list.entries()) {
    onChart?.(i, list.length);
    try {
      charts.push({ name: chart.name, title: chart.title, spec: chart.spec, svg: await render(chart.spec) });
    } catch (err) {
      warnings.push(chartWarning(chart.name, err));
    }
  }
  return { charts, warnings };
}
