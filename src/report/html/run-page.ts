/** The report of `goldilocks run` (pure): one scenario, its key numbers, charts, assumptions and manifest. */
import type { Scenario } from '../../scenario/schema.js';
import { groupPosts } from '../../model/posts.js';
import { WEEK_MAX_GROUPS } from '../charts/run-week.js';
import { esc, toNum } from '../html-text.js';
import { assumptionsInForce, describeScenario, num } from '../assumptions.js';
import { runFindings, headlineCards, summarySection, designLine } from '../summary.js';
import { ASSUMPTIONS_LEAD, assumptionsTable } from './assumptions-section.js';
import { asRun, definitions, metricIds, metricLabel, metricOf, metricsTable, missingScenario, paragraphs, table, unitColumn, years } from './blocks.js';
import { formatInterval, formatValue } from '../format.js';
import { figures } from './figures.js';
import type { RunReportInput } from './input.js';
import { MANIFEST_LEAD, manifestTable, overridesSentence } from './manifest-table.js';
import type { Page } from './page-shell.js';

/** The week chart's caption says when it pools groups (charts/run-week.ts: more than WEEK_MAX_GROUPS groups with posts). */
function pooledGroups(scenario: Scenario | null): string {
  if (!scenario) return '';
  const groups = groupPosts(scenario.workers).filter((g) => g.wte > 0).length;
  if (groups <= WEEK_MAX_GROUPS) return '';
  return ` Of the ${groups.toLocaleString('en-GB')} worker groups, the ${WEEK_MAX_GROUPS - 1} largest by WTE have a bar each and the other ${(groups - WEEK_MAX_GROUPS + 1).toLocaleString('en-GB')} share the last one (every group’s week is in week.csv).`;
}

/** With --uncertainty (ci95Total in summary.json): each metric's noise-only interval beside its interval with the assumptions' uncertainty. */
function uncertaintyTable(metrics: object): string {
  const ids = metricIds(metrics).filter((id) => Array.isArray(metricOf<{ ci95Total?: unknown }>(metrics, id)?.ci95Total));
  if (ids.length === 0) return '';
  const rows = ids.map((id) => {
    const s = metricOf<{ mean?: number | null; ci95?: Array<number | null>; ci95Total: Array<number | null>; assumptionShare?: number | null }>(metrics, id)!;
    const share = typeof s.assumptionShare === 'number' ? `${Math.round(100 * s.assumptionShare)} %` : '–';
    return `<tr><th scope="row">${esc(metricLabel(id))}</th><td class="unit">${esc(unitColumn(id))}</td><td class="num">${esc(formatValue(id, toNum(s.mean)))}</td><td class="num">${esc(formatInterval(id, s.ci95 as never, { joiner: ' – ' }))}</td><td class="num">${esc(formatInterval(id, s.ci95Total as never, { joiner: ' – ' }))}</td><td class="num">${esc(share)}</td></tr>`;
  });
  return (
    `<h3>With the assumptions’ uncertainty</h3><p>The same estimates with their 95 % interval from the replications’ noise alone and with the uncertainty of the assumed parameters added (second-order Monte Carlo: uncertainty.json), and the share of each estimate’s variance that comes from the assumptions.</p>` +
    table(['Metric', 'Unit', 'Estimate', '95 % CI (noise)', '95 % CI (noise + assumptions)', 'From assumptions'], rows, {
      cls: 'metrics long',
      numeric: [false, false, true, true, true, true],
    })
  );
}

export function runPage(input: RunReportInput): Page {
  const { doc, manifest, scenario, scenarioProblem: problem } = input;
  const name = doc.scenario;
  const sections: Page['sections'] = [];
  sections.push({
    id: 'scenario',
    title: 'The service simulated',
    body: scenario ? paragraphs(describeScenario(asRun(scenario, doc))) : missingScenario('scenario.json', problem),
  });
  sections.push({
    id: 'numbers',
    title: 'Key numbers',
    body:
      `<p>Means over ${esc(doc.replications)} replications with 95 % confidence intervals (Student t), measured after the ${esc(num(doc.warmupDays))}-day warm-up. <em>n</em> is the number of replications that could measure the metric.</p>` +
      metricsTable(doc.metrics) +
      uncertaintyTable(doc.metrics),
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    body: figures(input.charts, [
      {
        file: 'run-timeseries.svg',
        caption: 'Week by week over the run: mean over replications with a 95 % band. The warm-up weeks are shown but left out of the key numbers.',
      },
      {
        file: 'run-waits.svg',
        caption:
          'How long patients waited for a first appointment: the share seen within each wait (cumulative, pooled over replications; the days axis stretched so that short and long waits both show), with the median, the 90th percentile and the shares seen within 14 and 28 days marked.',
      },
      {
        file: 'run-week.svg',
        caption: `A link worker’s average week per worker group, in hours per whole-time equivalent: sessions, admin, travel, out-of-remit work, networking, other duties, unused time, and leave and vacancies (each bar adds up to the contracted week).${pooledGroups(scenario)}`,
      },
      {
        file: 'run-overload.svg',
        caption: 'Overload: work that fell due in a worker-week over contracted hours; above 1 means more work was due than there was time for.',
      },
    ]),
  });
  sections.push({
    id: 'assumptions',
    title: 'Assumptions in force',
    body: scenario ? ASSUMPTIONS_LEAD + assumptionsTable(assumptionsInForce(asRun(scenario, doc))) : missingScenario('scenario.json', problem),
  });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(metricIds(doc.metrics)) });
  return {
    kind: 'run',
    summary: summarySection({
      designs: `<p><strong>${esc(name)}</strong>: ${esc(scenario ? designLine(asRun(scenario, doc)) : 'the scenario file is not in this folder')}</p>`,
      figures: `<h3>Headline figures (95 % confidence intervals)</h3>${headlineCards(doc.metrics)}`,
      findings: runFindings(doc.metrics, scenario?.goldilocks, scenario ? asRun(scenario, doc) : undefined),
      note: esc(
        `Means over ${doc.replications} replications of ${years(doc.horizonDays)} (seed ${doc.seed}), measured after a ${num(doc.warmupDays)}-day warm-up. Costs: the costs section of the scenario (pounds a year). Model outputs under the assumptions listed below, not forecasts.${overridesSentence(manifest)}`,
      ),
    }),
    title: `Goldilocks run report: ${name}`,
    question: `What does the service “${name}” look like as it is designed?`,
    lead: `<p class="lead">Goldilocks simulated this service ${esc(doc.replications)} times, each for ${esc(years(doc.horizonDays))} (seed ${esc(doc.seed)}), and reports waits, caseloads, overload, need met and the link workers’ stress and turnover. The wider question — <em>how much discretion is just right for this service?</em> — is answered by <code>goldilocks explore</code>.</p>`,
    sections,
  };
}
