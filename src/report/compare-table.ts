/** Terminal tables for a comparison: each design's metrics, then each paired difference. */
import { METRICS } from '../model/index.js';
import type { Comparison } from '../experiment/compare.js';
import { formatNumber, renderTable } from './table.js';

const interval = (ci: [number, number]) => `[${formatNumber(ci[0])}, ${formatNumber(ci[1])}]`;

/** What the verdict words mean, printed under the differences. */
export const VERDICT_KEY =
  'better / worse (a preferred direction) or higher / lower (none): the 95 % interval excludes 0 and the difference reaches the threshold; ' +
  'no meaningful difference: the interval excludes 0 but the difference is below the threshold; no detectable difference: the interval contains 0.';

export function comparisonTables(c: Comparison): string {
  const designs = renderTable(
    ['metric', ...c.designs.map((d) => d.scenario)],
    METRICS.map((m) => [`${m.label} (${m.unit})`, ...c.designs.map((d) => `${formatNumber(d.results.metrics[m.id].mean)} ${interval(d.results.metrics[m.id].ci95)}`)]),
  );
  const parts = [designs];
  for (const d of c.differences) {
    parts.push(
      `\n${d.scenario} − ${d.versus} (paired over ${c.settings.replications} replications on common random numbers):\n` +
        renderTable(
          ['metric', 'difference', '95% CI', 'threshold', 'verdict'],
          METRICS.map((m) => [`${m.label} (${m.unit})`, formatNumber(d.metrics[m.id].mean), interval(d.metrics[m.id].ci95), `±${formatNumber(d.metrics[m.id].threshold)}`, d.metrics[m.id].verdict]),
        ),
    );
  }
  if (c.differences.length) parts.push(`\nVerdicts: ${VERDICT_KEY}`);
  return parts.join('\n');
}
