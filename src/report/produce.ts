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
import type { HeatRow, MorrisRow } from './chart-data.js';
import { sweepCharts } from './charts.js';
import { comparisonChartSpecs, explorationChartSpecs, runChartSpecs } from './command-charts.js';
import { writeCharts } from './write-charts.js';

// The specs are built in command-charts.ts (pure), which the explorer page shares.
export function chartsForRun(dir: string, scenario: string, results: ScenarioResults): Promise<string[]> {
  return writeCharts(dir, runChartSpecs(scenario, results));
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

/**
 * Sweep charts from the files on disk (so they work after `merge` too): for a grid, a heatmap of
 * one metric over the first two factors (averaged over any others); for Morris, μ* against σ.
 */
export function chartsForSweep(dir: string, metric?: MetricId): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as SweepManifest;
  const k = manifest.factors.length;
  const chosen = metric ?? (manifest.metrics.includes('overloadIndex') ? 'overloadIndex' : manifest.metrics[0]);
  let heatmap: { rows: HeatRow[]; xField: string; yField: string; metric: string } | undefined;
  // A heatmap needs a grid: Latin hypercube and Morris points do not line up in cells.
  if (k >= 2 && manifest.design.type === 'grid') {
    const cells = new Map<string, { x: string; y: string; sum: number; n: number }>();
    for (const line of readFileSync(join(dir, 'points.csv'), 'utf8').split('\n').slice(1)) {
      if (!line) continue;
      const c = line.split(',');
      if (c[1 + k] !== chosen || c[2 + k] === '') continue;
      const key = `${c[1]}\u0000${c[2]}`;
      const cell = cells.get(key) ?? { x: c[1], y: c[2], sum: 0, n: 0 };
      cell.sum += Number(c[2 + k]);
      cell.n++;
      cells.set(key, cell);
    }
    const asValue = (v: string) => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);
    heatmap = {
      rows: [...cells.values()].map((c) => ({ x: asValue(c.x), y: asValue(c.y), value: c.sum / c.n })),
      xField: manifest.factors[0].path,
      yField: manifest.factors[1].path,
      metric: chosen,
    };
  }
  let morris: MorrisRow[] | undefined;
  const sensitivity = join(dir, 'sensitivity.csv');
  if (existsSync(sensitivity)) {
    morris = readFileSync(sensitivity, 'utf8')
      .split('\n')
      .slice(1)
      .filter(Boolean)
      .map((line) => {
        const c = line.split(',');
        return { metric: c[0] as MetricId, factor: c[1], muStar: Number(c[3]), muStarLow: Number(c[4]), muStarHigh: Number(c[5]), sigma: Number(c[6]) };
      });
  }
  if (!heatmap && !morris) return Promise.resolve([]);
  return writeCharts(dir, sweepCharts({ heatmap, morris }));
}
