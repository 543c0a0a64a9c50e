/**
 * Rendering vega-lite specs in Node: vega-lite → vega → SVG (vega's headless renderer, no
 * native canvas), and SVG → PNG with resvg. resvg needs the fonts installed on the machine
 * (DejaVu Sans, the family the specs ask for), otherwise text silently disappears or turns serif.
 *
 * Without a canvas, vega guesses every text width as 0.8 em per character, about a third too
 * wide for DejaVu Sans: charts got wide empty margins and labels were cut short. So the SVG is
 * laid out with DejaVu Sans's own advance widths (the table below, measured with resvg from the
 * installed font at 40 px), through vega's supported hook for user text metrics.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TopLevelSpec } from 'vega-lite';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { dejaVuWidth, type TextItem } from './text-metrics.js';
import { specToSvg } from './svg.js';

export const FONT_OPTIONS = { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } as const;

/** resvg options for a PNG at `scale` times the SVG's size. */
export function resvgOptions(scale = 2): ResvgRenderOptions {
  return { font: { ...FONT_OPTIONS }, fitTo: { mode: 'zoom', value: scale } };
}

export { textWidth } from './text-metrics.js';

/**
 * vega's hook is `textMetrics` of vega-scenegraph, which vega does not re-export, and npm may
 * install several copies of vega-scenegraph (nested under the vega packages that need a newer
 * one: bounds are computed by one copy, the SVG written by another). So every copy reachable
 * from vega's own dependencies is found and given the same metrics. If anything here fails,
 * vega keeps its estimate: wider margins, never a failed chart.
 */
let metricsInstalled: Promise<void> | null = null;
function useDejaVuMetrics(): Promise<void> {
  metricsInstalled ??= (async () => {
    const copies = new Set<string>();
    try {
      const vegaEntry = createRequire(import.meta.url).resolve('vega');
      const fromVega = createRequire(vegaEntry);
      const pkg = JSON.parse(readFileSync(join(dirname(vegaEntry), '..', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      const hosts = [vegaEntry];
      for (const dep of Object.keys(pkg.dependencies ?? {})) {
        try {
          hosts.push(fromVega.resolve(dep));
        } catch {
          // not resolvable from vega (optional or type-only): skip
        }
      }
      for (const host of hosts) {
        try {
          copies.add(createRequire(host).resolve('vega-scenegraph'));
        } catch {
          // this package does not depend on vega-scenegraph
        }
      }
    } catch {
      return;
    }
    for (const file of copies) {
      try {
        const scenegraph = (await import(pathToFileURL(file).href)) as { textMetrics?: { width: (item: TextItem, text: unknown) => number } };
        if (scenegraph.textMetrics) scenegraph.textMetrics.width = dejaVuWidth;
      } catch {
        // keep vega's estimate for this copy
      }
    }
  })();
  return metricsInstalled;
}

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  await useDejaVuMetrics();
  return specToSvg(spec);
}

export function svgToPng(svg: string, scale = 2): Buffer {
  return new Resvg(svg, resvgOptions(scale)).render().asPng();
}
