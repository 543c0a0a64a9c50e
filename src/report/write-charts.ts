/**
 * Writing charts: for each chart, `<dir>/charts/<name>.vl.json` (the vega-lite spec, data
 * inline: open it in the Vega editor to restyle), `<name>.svg` and `<name>.png`. Each file is
 * written to a temporary name and renamed into place, so an interrupted run never leaves a
 * half-written chart.
 */
import { join } from 'node:path';
import { toJson, writeFileAtomic } from '../experiment/files.js';
import type { ChartSpec } from './charts.js';
import { renderSvg, svgToPng } from './render.js';
import { chartWarning, renderChartsSafely } from './render-safely.js';

/** Writes every chart's three files; returns their paths relative to `dir` (with `/`). Throws on the first chart that cannot be drawn. */
export async function writeCharts(dir: string, charts: ChartSpec[]): Promise<string[]> {
  const written: string[] = [];
  for (const chart of charts) {
    const stem = `charts/${chart.name}`;
    const svg = await renderSvg(chart.spec);
    writeFileAtomic(join(dir, `${stem}.vl.json`), toJson(chart.spec));
    writeFileAtomic(join(dir, `${stem}.svg`), svg);
    writeFileAtomic(join(dir, `${stem}.png`), svgToPng(svg));
    written.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
  }
  return written;
}

/** Files written and a warning per chart that could not be built, drawn or written. */
export interface ChartFiles {
  files: string[];
  warnings: string[];
}

/**
 * As `writeCharts`, but never throws: a chart that cannot be drawn (or the specs, when `charts`
 * is a function that fails) becomes a warning and writes no file, and the others are written.
 */
export async function writeChartsSafely(dir: string, charts: readonly ChartSpec[] | (() => readonly ChartSpec[])): Promise<ChartFiles> {
  const drawn = await renderChartsSafely(charts, renderSvg);
  const files: string[] = [];
  const warnings = [...drawn.warnings];
  for (const chart of drawn.charts) {
    const stem = `charts/${chart.name}`;
    try {
      const png = svgToPng(chart.svg);
      writeFileAtomic(join(dir, `${stem}.vl.json`), toJson(chart.spec));
      writeFileAtomic(join(dir, `${stem}.svg`), chart.svg);
      writeFileAtomic(join(dir, `${stem}.png`), png);
      files.push(`${stem}.vl.json`, `${stem}.svg`, `${stem}.png`);
    } catch (err) {
      warnings.push(chartWarning(chart.name, err));
    }
  }
  return { files, warnings };
}
