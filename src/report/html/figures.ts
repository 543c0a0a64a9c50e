/**
 * The charts of a report (pure): each as a numbered <figure> with its caption, the SVG inlined and
 * made safe (./inline-svg.ts). The charts a kind of report promises come first, in its order, then
 * any other chart given, by file name; a promised chart that is missing says so.
 */
import { METRIC_INFO, metricLabel } from './blocks.js';
import { esc } from '../html-text.js';
import { inlineSvg } from './inline-svg.js';
import type { ReportChart } from './input.js';

/** A chart a report promises: its file in charts/ and its caption. */
export interface ExpectedChart {
  file: string;
  caption: string;
}

/** A caption for a chart the report does not promise, from its file name (per-metric sweep charts by their metric). */
function captionFromFile(file: string): string {
  const name = file.replace(/\.svg$/i, '');
  const perMetric = /^sweep-(heatmap|scatter)-(.+)$/.exec(name);
  if (perMetric && METRIC_INFO.has(perMetric[2])) {
    const label = metricLabel(perMetric[2]);
    return perMetric[1] === 'heatmap'
      ? `Mean ${label.toLowerCase()} over the first two factors, averaged over any others.`
      : `${label} at each sampled point against each factor (one panel per factor, a shared vertical scale).`;
  }
  const uncertain = UNCERTAINTY_CAPTIONS[name];
  if (uncertain) return uncertain;
  return name.replace(/[-_]+/g, ' ');
}

/** The captions of the charts `--uncertainty N` adds (report/uncertainty-charts.ts). */
const UNCERTAINTY_CAPTIONS: Record<string, string> = {
  'run-uncertainty':
    'How sure are we? For each headline metric, the estimate (dot), its 95 % interval from the replications’ noise alone (dark bar) and with the assumptions’ uncertainty added (light bar), from the parameter draws in uncertainty.json.',
  'explore-uncertainty':
    'How robust the just-right zone is: on top, the objective at each dial level with its noise-only 95 % band (dark) and with the assumptions’ uncertainty (light); below, the share of the parameter draws in which each level is just right. Shaded: the zone of the plain run.',
};

export function figures(charts: readonly ReportChart[], expected: readonly ExpectedChart[]): string {
  const svgOf = new Map(charts.map((c) => [`${c.name}.svg`, c.svg]));
  const present = [...svgOf.keys()].sort();
  const extra = present.filter((f) => !expected.some((e) => e.file === f)).map((f) => ({ file: f, caption: captionFromFile(f) }));
  const all = [...expected, ...extra];
  if (all.length === 0) return '<p class="note">No charts for this output.</p>';
  // Ids inside each SVG get a prefix of their own (c1, c2, …), so that charts cannot share one.
  let inlined = 0;
  return all
    .map((c, i) => {
      const n = i + 1;
      const caption = `<figcaption><strong>Figure ${n}.</strong> ${esc(c.caption)} <span class="file">(charts/${esc(c.file)})</span></figcaption>`;
      const text = svgOf.get(c.file);
      if (text === undefined) {
        return `<figure class="chart missing" id="figure-${n}"><p class="missing">Figure ${n}: chart not produced (run without --no-charts).</p>${caption}</figure>`;
      }
      const svg = inlineSvg(text, `c${++inlined}`, c.caption);
      if (!svg)
        return `<figure class="chart missing" id="figure-${n}"><p class="missing">Figure ${n}: charts/${esc(c.file)} is not a readable SVG.</p>${caption}</figure>`;
      return `<figure class="chart" id="figure-${n}">\n${svg}\n${caption}</figure>`;
    })
    .join('\n');
}
