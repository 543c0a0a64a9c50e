/** Terminal tables for a comparison: each design's metrics, then each paired difference and its cost-effect line. */
import { METRICS } from '../model/index.js';
import type { Comparison } from '../experiment/compare.js';
import type { CostEffect } from '../experiment/cost-effect.js';
import { formatInterval, formatThreshold, formatValue, labelWithUnit, thresholdDecimals } from './format.js';
import { renderTable } from './table.js';

/** What the verdict words mean, printed under the differences. */
export const VERDICT_KEY =
  'better / worse (a preferred direction) or higher / lower (none): the 95 % interval excludes 0 and the difference reaches the threshold; ' +
  'no meaningful difference: the interval excludes 0 but the difference is below the threshold; no detectable difference: the interval contains 0.';

/** The cost-effect of a design in one sentence (CLI table, report). */
export function costEffectSentence(ce: CostEffect): string {
  const withCi = (id: 'costPerYear' | 'needsMetPerYear', d: { mean: number; ci95: [number, number] }, what: string) =>
    d.ci95[0] === d.ci95[1]
      ? `${formatValue(id, d.mean, { difference: true })}${what}`
      : `${formatValue(id, d.mean, { difference: true })}${what} (${formatInterval(id, d.ci95, { difference: true })})`;
  const d = ce.costDifference;
  // A difference of exactly £0 reads as "the service costs nothing" when written as "cost £0".
  const cost = d.mean === 0 && d.ci95[0] === 0 && d.ci95[1] === 0 ? 'the same cost a year' : `cost ${withCi('costPerYear', d, ' a year')}`;
  const needs = withCi('needsMetPerYear', ce.needsMetDifference, ' needs met a year');
  const icer = ce.incrementalCostPerNeedMet;
  const ci = formatInterval('costPerNeedMet', icer.ci95);
  const ciText = ci === '–' ? '95 % CI unbounded' : `95 % CI ${ci}`;
  switch (ce.verdict) {
    case 'dominates':
      return `dominates: meets more need at no more cost — ${cost}, ${needs}`;
    case 'dominated':
      return `dominated: meets less need at no less cost — ${cost}, ${needs}`;
    case 'costs more, meets more need':
      return `${formatValue('costPerNeedMet', icer.mean)} per extra need met (${ciText}) — ${cost}, ${needs}`;
    case 'costs less, meets less need':
      return `saves ${formatValue('costPerNeedMet', icer.mean)} per need met given up (${ciText}) — ${cost}, ${needs}`;
    default:
      return `no detectable difference in need met, so no cost per extra need met — ${cost}, ${needs}`;
  }
}

export function comparisonTables(c: Comparison): string {
  const designs = renderTable(
    ['metric', ...c.designs.map((d) => d.scenario)],
    METRICS.map((m) => [
      labelWithUnit(m.id),
      ...c.designs.map(
        (d) => `${formatValue(m.id, d.results.metrics[m.id].mean)} [${formatInterval(m.id, d.results.metrics[m.id].ci95, { joiner: ', ', bare: true })}]`,
      ),
    ]),
  );
  const parts = [designs];
  for (const d of c.differences) {
    parts.push(
      `\n${d.scenario} − ${d.versus} (paired over ${c.settings.replications} replications on common random numbers):\n` +
        renderTable(
          ['metric', 'difference', '95% CI', 'threshold', 'verdict'],
          METRICS.map((m) => [
            labelWithUnit(m.id),
            formatValue(m.id, d.metrics[m.id].mean, { difference: true, extraDecimals: thresholdDecimals(m.id, d.metrics[m.id].threshold) }),
            `[${formatInterval(m.id, d.metrics[m.id].ci95, { difference: true, joiner: ', ', bare: true, extraDecimals: thresholdDecimals(m.id, d.metrics[m.id].threshold) })}]`,
            formatThreshold(m.id, d.metrics[m.id].threshold),
            d.metrics[m.id].verdict,
          ]),
        ) +
        `\nCost and effect: ${costEffectSentence(d.costEffect)}.`,
    );
  }
  if (c.differences.length) parts.push(`\nVerdicts: ${VERDICT_KEY}`);
  return parts.join('\n');
}
