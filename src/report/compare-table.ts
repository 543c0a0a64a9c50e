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

/**
 * Why a comparison gives no cost per extra person with need met, or '' when it gives one: the
 * effect (people with need met a year) is not detectable (its interval contains 0) or not
 * meaningful (below its practical threshold). A price per unit of an effect that may be nothing is
 * not a number to quote.
 */
export function noIcerReason(ce: { verdict: string; needsMetDifference: { mean: unknown; ci95: readonly unknown[] }; effectThreshold?: unknown }): string {
  if (/^no detectable difference/.test(ce.verdict))
    return 'no cost per extra person with need met: the difference in people with need met a year is not detectable (its 95 % interval contains 0)';
  if (/^no meaningful difference/.test(ce.verdict)) {
    const t =
      typeof ce.effectThreshold === 'number' && Number.isFinite(ce.effectThreshold)
        ? ` (${formatThreshold('needsMetPerYear', ce.effectThreshold)} a year)`
        : '';
    return `no cost per extra person with need met: the difference in people with need met a year is below the practical threshold${t}, too small to price`;
  }
  return '';
}

/** The cost-effect of a design in one sentence (CLI table, report). */
export function costEffectSentence(ce: CostEffect): string {
  const withCi = (id: 'costPerYear' | 'needsMetPerYear', d: { mean: number; ci95: [number, number] }, what: string) =>
    d.ci95[0] === d.ci95[1]
      ? `${formatValue(id, d.mean, { difference: true })}${what}`
      : `${formatValue(id, d.mean, { difference: true })}${what} (${formatInterval(id, d.ci95, { difference: true })})`;
  const d = ce.costDifference;
  // A difference of exactly £0 reads as "the service costs nothing" when written as "cost £0".
  const cost = d.mean === 0 && d.ci95[0] === 0 && d.ci95[1] === 0 ? 'the same cost a year' : `cost ${withCi('costPerYear', d, ' a year')}`;
  const same = ce.needsMetDifference.mean === 0 && ce.needsMetDifference.ci95[0] === 0 && ce.needsMetDifference.ci95[1] === 0;
  const needs = same ? 'the same people with need met a year' : withCi('needsMetPerYear', ce.needsMetDifference, ' people with need met a year');
  const icer = ce.incrementalCostPerNeedMet;
  const ci = formatInterval('costPerNeedMet', icer.ci95);
  const ciText = ci === '–' ? '95 % CI unbounded' : `95 % CI ${ci}`;
  const price = (x: number) => (Number.isFinite(x) ? formatValue('costPerNeedMet', x) : 'an amount that cannot be computed');
  switch (ce.verdict) {
    case 'dominates':
      return `dominates: meets more need at no more cost — ${cost}, ${needs}`;
    case 'dominated':
      return `dominated: meets less need at no less cost — ${cost}, ${needs}`;
    case 'costs more, meets more need':
      return `${price(icer.mean)} per extra person with need met (${ciText}) — ${cost}, ${needs}`;
    case 'costs less, meets less need':
      return `saves ${price(icer.mean)} per person with need met given up (${ciText}) — ${cost}, ${needs}`;
    default:
      return `${noIcerReason(ce) || 'no cost per extra person with need met'} — ${cost}, ${needs}`;
  }
}

export function comparisonTables(c: Comparison): string {
  const designs = renderTable(
    ['metric', ...c.designs.map((d) => d.scenario)],
    METRICS.map((m) => [
      labelWithUnit(m.id),
      ...c.designs.map(
        (d) =>
          `${formatValue(m.id, d.results.metrics[m.id].mean)} [${formatInterval(m.id, d.results.metrics[m.id].ci95, { joiner: ', ', bare: true, oneSided: d.results.metrics[m.id].oneSided })}]`,
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
