/**
 * The charts of each command, from its results to files in `<out>/charts/`:
 * results → tidy rows (chart-data.ts) → vega-lite specs (charts.ts) → SVG + PNG (render.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricId } from '../model/index.js';
import type { ScenarioResults } from '../experiment/replications.js';
import type { Comparison } from '../experiment/compare.js';
import type { Exploration } from '../experiment/explore.js';
import { factorLabel, type MorrisRow, type ScatterRow } from './chart-data.js';
import { sweepCharts, type ChartSpec, type HeatmapInput } from './charts.js';
import { scenarioJsonSchema, type Scenario } from '../scenario/schema.js';
import { comparisonChartSpecs, explorationChartSpecs, runChartSpecs } from './command-charts.js';
import { writeCharts, writeChartsSafely, type ChartFiles } from './write-charts.js';
import { readPoints, readSensitivity, type FactorValue } from './sweep-tables.js';

// The specs are built in command-charts.ts (pure), which the explorer page shares.
/** The week per worker group needs the scenario: `doc`, or the folder's scenario.json (written by run and chart). */
export function chartsForRun(dir: string, scenario: string, results: ScenarioResults, doc?: Pick<Scenario, 'workers'>): Promise<string[]> {
  return writeCharts(dir, runChartSpecs(scenario, results, doc ?? readScenarioDoc(dir)));
}

function readScenarioDoc(dir: string): Pick<Scenario, 'workers'> | undefined {
  try {
    const doc = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8')) as Partial<Scenario>;
    return Array.isArray(doc.workers) ? { workers: doc.workers } : undefined;
  } catch {
    return undefined;
  }
}

export function chartsForComparison(dir: string, c: Comparison): Promise<string[]> {
  return writeCharts(dir, comparisonChartSpecs(c));
}

export function chartsForExploration(dir: string, scenario: string, e: Exploration): Promise<string[]> {
  return writeCharts(dir, explorationChartSpecs(scenario, e));
}

interface SweepManifest {
  factors: Array<{ path: string }>;
  metrics: MetricId[];
  design: { type: string };
}

/** Points of a Latin hypercube or Morris sweep drawn in its scatter plots (the first ones, by id). */
const SCATTER_POINTS = 2000;

/**
 * Sweep charts from the files on disk (so they work after `merge` too): for a grid, one heatmap
 * per kept metric over the first two factors (averaged over any others; `metric` first, by
 * default the overload index); for Latin hypercube and Morris designs, each point against each
 * factor; for Morris, μ* against σ. Factors are labelled from the scenario schema's descriptions.
 */
export async function chartsForSweep(dir: string, metric?: MetricId): Promise<string[]> {
  return writeCharts(dir, sweepChartSpecs(dir, metric));
}

/**
 * As `chartsForSweep`, but never throws: a chart that cannot be drawn, or a folder whose tables
 * cannot be read into charts, is a warning (the sweep's results are on disk already).
 */
export function sweepChartsSafely(dir: string, metric?: MetricId): Promise<ChartFiles> {
  return writeChartsSafely(dir, () => sweepChartSpecs(dir, metric));
}

/** The sweep charts' specs from the folder's manifest.json, points.csv and sensitivity.csv (none when there is nothing to draw). */
export function sweepChartSpecs(dir: string, metric?: MetricId): ChartSpec[] {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SweepManifest;
  const k = manifest.factors.length;
  const paths = manifest.factors.map((f) => f.path);
  const schema = scenarioJsonSchema();
  const labels: Record<string, string> = Object.fromEntries(paths.map((p) => [p, factorLabel(p, schema)]));
  const chosen = metric ?? (manifest.metrics.includes('overloadIndex') ? 'overloadIndex' : manifest.metrics[0]);
  const metrics = [chosen, ...manifest.metrics.filter((m) => m !== chosen)];
  const grid = manifest.design.type === 'grid';
  const pointsFile = join(dir, 'points.csv');
  const points = existsSync(pointsFile) ? readPoints(readFileSync(pointsFile, 'utf8')).rows : [];
  // The factors' values are in the order of the manifest's factors (the columns of points.csv).
  let heatmaps: HeatmapInput[] | undefined;
  let scatter: { design: string; rows: ScatterRow[] } | undefined;
  // A heatmap needs a grid: Latin hypercube and Morris points do not line up in cells.
  if (k >= 2 && grid) {
    const cells = new Map<string, Map<string, { x: FactorValue; y: FactorValue; sum: number; n: number }>>(metrics.map((m) => [m, new Map()]));
    for (const p of points) {
      const byCell = cells.get(p.metric);
      if (!byCell || !Number.isFinite(p.summary.mean)) continue;
      const [x, y] = p.values;
      const key = `${x}\u0000${y}`;
      const cell = byCell.get(key) ?? { x, y, sum: 0, n: 0 };
      cell.sum += p.summary.mean;
      cell.n++;
      byCell.set(key, cell);
    }
    heatmaps = metrics.map((m) => ({
      rows: [...cells.get(m)!.values()].map((c) => ({ x: c.x, y: c.y, value: c.sum / c.n })),
      xField: paths[0],
      yField: paths[1],
      xLabel: labels[paths[0]],
      yLabel: labels[paths[1]],
      metric: m,
    }));
  }
  if (!grid && points.length) {
    const rows: ScatterRow[] = [];
    for (const p of points) {
      if (p.point >= SCATTER_POINTS || !Number.isFinite(p.summary.mean) || !metrics.includes(p.metric)) continue;
      paths.forEach((path, i) => rows.push({ point: p.point, factor: path, label: labels[path], x: p.values[i], metric: p.metric, value: p.summary.mean }));
    }
    rows.sort((a, b) => metrics.indexOf(a.metric) - metrics.indexOf(b.metric) || a.point - b.point);
    scatter = { design: manifest.design.type, rows };
  }
  let morris: MorrisRow[] | undefined;
  const sensitivity = join(dir, 'sensitivity.csv');
  // A sobol design's sensitivity.csv holds S1 and ST, not the Morris μ* and σ drawn here.
  if (manifest.design.type === 'morris' && existsSync(sensitivity)) {
    morris = readSensitivity(readFileSync(sensitivity, 'utf8')).map((r) => ({
      metric: r.metric,
      factor: r.factor,
      muStar: r.muStar,
      muStarLow: r.muStarCi95[0],
      muStarHigh: r.muStarCi95[1],
      sigma: r.sigma,
    }));
  }
  if (!heatmaps && !scatter && !morris) return [];
  return sweepCharts({ heatmaps, scatter, morris, labels });
}
