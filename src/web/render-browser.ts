/**
 * vega-lite specs → SVG in the browser, as render.ts does in Node: vega's headless renderer
 * with DejaVu Sans's advance widths for text, so the SVG is the same text as the CLI's.
 * The bundler registers every copy of vega-scenegraph's `textMetrics` on
 * `globalThis.__goldilocksTextMetrics` (several copies may be bundled, as npm installs them).
 */
import type { TopLevelSpec } from 'vega-lite';
import { specToSvg } from '../report/svg.js';
import { dejaVuWidth, type TextItem } from '../report/text-metrics.js';

type Metrics = { width: (item: TextItem, text: unknown) => number };

let installed = false;
function useDejaVuMetrics(): void {
  if (installed) return;
  installed = true;
  const copies = (globalThis as { __goldilocksTextMetrics?: Metrics[] }).__goldilocksTextMetrics ?? [];
  for (const m of copies) m.width = dejaVuWidth;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  useDejaVuMetrics();
  return specToSvg(spec);
}
