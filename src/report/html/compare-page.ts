/** The report of `goldilocks compare` (pure): the designs, each one's numbers, the paired differences with verdicts, and what each design changes. */
import type { Scenario } from '../../scenario/schema.js';
import type { DifferenceSummary } from '../../experiment/compare.js';
import type { MetricSummary } from '../../experiment/summary.js';
import { esc, toNum } from '../html-text.js';
import { formatInterval, formatThreshold, formatValue } from '../format.js';
import { andList, assumptionsInForce, describeScenario } from '../assumptions.js';
import { costEffectWords, designFindings, designLine, differenceLine, headlineTable, summarySection } from '../summary.js';
import { ASSUMPTIONS_LEAD, assumptionsTable } from './assumptions-section.js';
import {
  asRun,
  definitions,
  type Estimate,
  hasTotalInterval,
  TOTAL_INTERVAL_NOTE,
  finiteThreshold,
  metricCell,
  metricIds,
  metricLabel,
  metricOf,
  missingScenario,
  orList,
  paragraphs,
  table,
  unitColumn,
  verdictPill,
  years,
} from './blocks.js';
import { figures } from './figures.js';
import type { CompareReportInput } from './input.js';
import { MANIFEST_LEAD, manifestTable, overridesSentence } from './manifest-table.js';
import type { Page } from './page-shell.js';

/** Flattened scenario fields (`a.b[0].c` → JSON value), for listing what differs between designs. */
function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function scenarioDifferences(base: Scenario, other: Scenario): string[] {
  const a = flatten(base);
  const b = flatten(other);
  const skip = /^(name|description|\$schema|site\.)/;
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !skip.test(k)).sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? 'not set'} → ${b.get(k) ?? 'not set'}`);
}

export function comparePage(input: CompareReportInput): Page {
  const { doc, manifest } = input;
  const names = doc.designs.map((d) => d.scenario);
  const base = names[0];
  const parsed = new Map<string, Scenario>(input.scenarios.map((s) => [s.name, s.scenario]));
  const problems = [...(input.scenarioProblems ?? [])];
  const sections: Page['sections'] = [];

  // Findings in words, from the verdicts.
  const findings = doc.differences.map((d) => {
    const by = new Map<string, string[]>();
    for (const id of metricIds(d.metrics)) {
      const v = metricOf<DifferenceSummary>(d.metrics, id)?.verdict ?? 'no detectable difference';
      by.set(v, [...(by.get(v) ?? []), metricLabel(id).toLowerCase()]);
    }
    const part = (v: string, words: string) => (by.get(v)?.length ? `${words} ${andList(by.get(v)!)}` : '');
    const parts = [part('better', 'better on'), part('worse', 'worse on'), part('higher', 'higher'), part('lower', 'lower')].filter(Boolean);
    const small = by.get('no meaningful difference') ?? [];
    const smallText = small.length ? `${parts.length ? '; ' : ''}different by less than the threshold (no meaningful difference) on ${andList(small)}` : '';
    const none = parts.length || small.length ? (by.get('no detectable difference')?.length ? '; no detectable difference on the rest' : '') : '';
    return `Against ${d.versus}, ${d.scenario} is ${parts.length || small.length ? andList(parts) + smallText : 'not detectably different on any metric'}${none}.`;
  });

  const designsBody = names
    .map((n, i) => {
      const s = parsed.get(n);
      if (!s) return `<h3>${esc(n)}${i === 0 ? ' (baseline)' : ''}</h3>${missingScenario('scenarios.json', null)}`;
      const diffs = i > 0 && parsed.get(base) ? scenarioDifferences(parsed.get(base)!, s) : [];
      const diffHtml =
        i > 0 && parsed.get(base)
          ? `<p><strong>Differs from ${esc(base)} in:</strong></p>${diffs.length ? `<ul class="diffs">${diffs.map((d) => `<li><code>${esc(d)}</code></li>`).join('')}</ul>` : '<p class="note">no field (same scenario under another name).</p>'}`
          : '';
      return `<h3>${esc(n)}${i === 0 ? ' (baseline)' : ''}</h3>${diffHtml}${paragraphs(describeScenario(asRun(s, doc)))}`;
    })
    .join('\n');
  sections.push({
    id: 'scenario',
    title: 'The designs compared',
    body: designsBody + (problems.length ? `<p class="note">${esc(problems.join('; '))}</p>` : ''),
  });

  const ids = metricIds(...doc.designs.map((d) => d.metrics));
  const designRows = ids.map(
    (id) =>
      `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span></th>${doc.designs.map((d) => metricCell(id, metricOf<MetricSummary>(d.metrics, id))).join('')}</tr>`,
  );
  const thresholdOf = (id: string) => {
    // The first design's threshold that is a number (non-finite ones are written as null).
    const t = doc.differences.map((d) => finiteThreshold(metricOf<DifferenceSummary>(d.metrics, id)?.threshold)).find((x) => x !== null);
    return t !== undefined && t !== null ? `<br><span class="unit">threshold ${esc(formatThreshold(id, t))}</span>` : '';
  };
  const diffRows = ids.map(
    (id) =>
      `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span>${thresholdOf(id)}</th>${doc.differences
        .map((d) => {
          const m = metricOf<DifferenceSummary>(d.metrics, id);
          return m ? metricCell(id, m, true).replace(/<\/td>$/, `<br>${verdictPill(m.verdict)}</td>`) : '<td class="num">–</td>';
        })
        .join('')}</tr>`,
  );
  sections.push({
    id: 'numbers',
    title: 'Key numbers',
    body:
      `<ul class="words findings">${findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` +
      `<h3>Each design</h3><p>Means over ${esc(doc.replications)} replications with 95 % confidence intervals (below each mean).${hasTotalInterval(doc.designs.flatMap((d) => ids.map((id) => metricOf<Estimate>(d.metrics, id)))) ? TOTAL_INTERVAL_NOTE : ''}</p>` +
      table(['Metric', ...names.map((n, i) => `${esc(n)}${i === 0 ? ' (baseline)' : ''}`)], designRows, {
        cls: 'metrics long',
        numeric: [false, ...names.map(() => true)],
      }) +
      `<h3>Paired differences from the baseline</h3><p>Every design saw the same patients (common random numbers), so each difference is the mean of per-replication differences with a 95 % paired interval (skewness-corrected; for the wait percentiles, the difference of the pooled quantiles with a paired bootstrap interval). A verdict needs the interval to exclude 0 <em>and</em> the difference to reach the metric’s practical threshold (shown under each metric): then <strong>better</strong> / <strong>worse</strong> for metrics with a preferred direction, <strong>higher</strong> / <strong>lower</strong> for the others. <em>No meaningful difference</em>: the interval excludes 0 but the difference is below the threshold. <em>No detectable difference</em>: the interval contains 0.</p>` +
      table(['Metric', ...doc.differences.map((d) => `${esc(d.scenario)} − ${esc(d.versus)}`)], diffRows, {
        cls: 'differences long',
        numeric: [false, ...doc.differences.map(() => true)],
      }) +
      differencesWithAssumptions(doc.differences, ids) +
      (doc.differences.some((d) => d.costEffect)
        ? `<h3>Cost and effect</h3><p>The paired difference in cost a year and in people with need met a year (a count, not the share of episodes), and the incremental cost per extra person with need met (difference in cost over difference in people with need met, with a 95 % Fieller interval), given only when that difference is detectable and reaches its practical threshold: otherwise the reason is given instead. <strong>Dominates</strong>: meets more need at no more cost; <strong>dominated</strong>: meets less need at no less cost.</p><ul class="words">` +
          doc.differences
            .filter((d) => d.costEffect)
            .map((d) => {
              const ce = d.costEffect!;
              return `<li><strong>${esc(d.scenario)} − ${esc(d.versus)}</strong>: cost ${esc(formatValue('costPerYear', toNum(ce.costDifference.mean), { difference: true }))} a year (${esc(formatInterval('costPerYear', ce.costDifference.ci95, { difference: true }))}), people with need met ${esc(formatValue('needsMetPerYear', toNum(ce.needsMetDifference.mean), { difference: true }))} a year (${esc(formatInterval('needsMetPerYear', ce.needsMetDifference.ci95, { difference: true }))}). ${costEffectWords(ce) ?? ''}</li>`;
            })
            .join('') +
          '</ul>'
        : ''),
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    body: figures(input.charts, [
      { file: 'compare-designs.svg', caption: 'Key metrics for each design: mean with 95 % confidence interval.' },
      {
        file: 'compare-differences.svg',
        caption: `Paired differences from the baseline (${base}) with 95 % intervals; an interval that crosses 0 means no detectable difference, one that excludes 0 with a difference below the metric’s threshold means no meaningful difference.`,
      },
    ]),
  });
  const baseScenario = parsed.get(base);
  let assumptions = '';
  if (baseScenario) {
    const baseRows = assumptionsInForce(asRun(baseScenario, doc));
    assumptions += ASSUMPTIONS_LEAD + `<h3>${esc(base)} (baseline)</h3>` + assumptionsTable(baseRows);
    const baseByPath = new Map(baseRows.map((r) => [r.path, r.value]));
    for (const n of names.slice(1)) {
      const s = parsed.get(n);
      if (!s) continue;
      const changed = assumptionsInForce(asRun(s, doc)).filter((r) => baseByPath.get(r.path) !== r.value);
      assumptions +=
        `<h3>${esc(n)}: where it differs from ${esc(base)}</h3>` +
        (changed.length ? assumptionsTable(changed) : '<p class="note">The same assumptions as the baseline.</p>');
    }
  } else assumptions = missingScenario('scenarios.json', problems[0] ?? null);
  sections.push({ id: 'assumptions', title: 'Assumptions in force', body: assumptions });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(ids) });
  return {
    kind: 'compare',
    summary: summarySection({
      designs:
        `<ul>` +
        names
          .map((n, i) => {
            const sc = parsed.get(n);
            const b = parsed.get(base);
            if (!sc) return `<li><strong>${esc(n)}</strong>${i === 0 ? ' (baseline)' : ''}</li>`;
            if (i === 0 || !b) return `<li><strong>${esc(n)}</strong>${i === 0 ? ' (baseline)' : ''}: ${esc(designLine(asRun(sc, doc)))}</li>`;
            const diff = differenceLine(b, sc);
            return `<li><strong>${esc(n)}</strong>: as ${esc(base)}, but ${esc(diff || 'nothing differs (the same scenario under another name)')}.</li>`;
          })
          .join('') +
        `</ul>`,
      figures:
        `<h3>Headline figures (95 % confidence intervals)</h3>` +
        headlineTable(doc.designs.map((d, i) => ({ title: `${d.scenario}${i === 0 ? ' (baseline)' : ''}`, metrics: d.metrics }))),
      findings:
        `<h3>Findings (paired on common random numbers)</h3><ul class="findings">` +
        doc.differences
          .map((d) => {
            const baseDoc = doc.designs.find((x) => x.scenario === d.versus) ?? doc.designs[0];
            const design = doc.designs.find((x) => x.scenario === d.scenario);
            return designFindings(d.scenario, d.versus, baseDoc.metrics, design?.metrics ?? {}, d.metrics, d.costEffect);
          })
          .join('') +
        `</ul>`,
      note: esc(
        `Means over the same ${doc.replications} replications of ${years(doc.horizonDays)} for every design (seed ${doc.seed}). A verdict needs the paired 95 % interval to exclude 0 and the difference to reach the metric's practical threshold; costs from the scenarios' costs sections (pounds a year).${overridesSentence(manifest)}`,
      ),
    }),
    title: `Goldilocks comparison: ${names.join(' vs ')}`,
    question: `Which service design works better: ${orList(names)}?`,
    lead: `<p class="lead">Goldilocks ran ${esc(names.length)} designs on the same ${esc(doc.replications)} replications of ${esc(years(doc.horizonDays))} (seed ${esc(doc.seed)}) and compares each with ${esc(base)}. It is one step towards the Goldilocks question: <em>how much discretion is just right for this service?</em></p>`,
    sections,
  };
}

/** With --uncertainty (ci95Total in compare.json): each paired difference's interval with the assumptions, their share, and in what share of the draws the design is better. */
function differencesWithAssumptions(differences: ReadonlyArray<{ scenario: string; versus: string; metrics: object }>, ids: readonly string[]): string {
  type U = { ci95Total?: Array<number | null>; assumptionShare?: number | null; beatsShare?: number | null; worseShare?: number | null };
  const has = differences.some((d) => ids.some((id) => Array.isArray(metricOf<U>(d.metrics, id)?.ci95Total)));
  if (!has) return '';
  const pct = (x: number | null | undefined) => (typeof x === 'number' ? `${Math.round(100 * x)} %` : '–');
  const rows = ids.map(
    (id) =>
      `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span></th>${differences
        .map((d) => {
          const u = metricOf<U>(d.metrics, id);
          if (!u?.ci95Total) return '<td class="num">–</td>';
          const better =
            typeof u.beatsShare === 'number'
              ? `; better in ${pct(u.beatsShare)} of the draws${typeof u.worseShare === 'number' ? `, worse in ${pct(u.worseShare)}` : ''}`
              : '';
          return `<td class="num">${esc(formatInterval(id, u.ci95Total as never, { joiner: ' – ', difference: true }))}<br><span class="unit">${esc(`${pct(u.assumptionShare)} from the assumptions${better}`)}</span></td>`;
        })
        .join('')}</tr>`,
  );
  return (
    `<h3>The differences with the assumptions’ uncertainty</h3><p>Each paired difference’s 95 % interval with the uncertainty of the assumed parameters added (uncertainty.json), the share of its variance from the assumptions, and, for metrics with a better direction, the share of the parameter draws in which the design beats the baseline.</p>` +
    table(['Metric', ...differences.map((d) => `${esc(d.scenario)} − ${esc(d.versus)}`)], rows, {
      cls: 'differences long',
      numeric: [false, ...differences.map(() => true)],
    })
  );
}
