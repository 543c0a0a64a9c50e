/** Placeholder chart files for the report tests, so that they do not depend on the chart code. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CHARTS = {
  run: ['run-timeseries.svg', 'run-waits.svg', 'run-week.svg', 'run-overload.svg'],
  compare: ['compare-designs.svg', 'compare-differences.svg'],
  explore: ['explore-curve.svg'],
  sweep: ['sweep-heatmap.svg'],
  morris: ['sweep-morris.svg'],
};

/** A 200×100 placeholder chart with an XML prolog and a clip path id that every chart repeats. */
export function placeholderSvg(name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><defs><clipPath id="clip1"><rect width="200" height="100"/></clipPath></defs><g clip-path="url(#clip1)"><rect x="5" y="5" width="190" height="90" fill="#0072B2"/><text x="100" y="55" text-anchor="middle" fill="#ffffff" font-size="12">placeholder ${name}</text></g></svg>
`;
}

export function writePlaceholders(dir: string, files: readonly string[]): void {
  mkdirSync(join(dir, 'charts'), { recursive: true });
  for (const f of files) writeFileSync(join(dir, 'charts', f), placeholderSvg(f));
}
