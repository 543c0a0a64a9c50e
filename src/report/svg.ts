/**
 * vega-lite spec → SVG text with vega's headless renderer: the step Node (render.ts) and the
 * browser (web/render-browser.ts) share. Each installs DejaVu Sans's text metrics first, its own way.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export async function specToSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
