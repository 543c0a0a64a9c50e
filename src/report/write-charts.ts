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

/** Writes every chart's three files; returns their paths relative to `dir` (with `/`). */
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
