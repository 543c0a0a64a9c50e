/**
 * The report of `goldilocks plan` (pure): the answer in words first, the margin to each target
 * with its interval, the runner-up designs and why they lost, then (in collapsible sections) the
 * plan, every candidate tried, the frontier charts, the method and its assumptions, the base
 * scenario's assumptions in force and the manifest. Built from the plan document (plan.json), so
 * the explorer can build the same page from the results it holds.
 */
import type { PlanDocument } from '../../experiment/plan-output.js';
import type { MetricId } from '../../model/index.js';
import type { Scenario } from '../../scenario/schema.js';
import { assumptionsInForce, describeScenario, num } from '../assumptions.js';
import { frontierChartName } from '../charts/plan.js';
import { formatInterval, formatValue, labelWithUnit } from '../format.js';
import { esc } from '../html-text.js';
import { estimateWords, lostWords, nearestMiss, planAnswer, pointWords, targetWords } from '../plan-words.js';
import { designLine, summarySection } from '../summary.js';
import { type PlanTargetUncertaintyWords, planHingeSentences, planMetSentence } from '../uncertainty-words.js';
import { ASSUMPTIONS_LEAD, assumptionsTable } from './assumptions-section.js';
import { definitions, paragraphs, pathHtml, table, verdictPill } from './blocks.js';
import { figures } from './figures.js';
import type { Manifest, ReportChart } from './input.js';
import { MANIFEST_LEAD, manifestTable } from './manifest-table.js';
import { type Page, renderPage } from './page-shell.js';

export interface PlanReportInput {
  kind: 'plan';
  /** The output folder's name. */
  folder: string;
  doc: PlanDocument;
  manifest: Manifest;
  charts: readonly ReportChart[];
  /** The validated base scenario (for its description and assumptions), when there is one. */
  scenario: Scenario | null;
}

type Candidate = PlanDocument['candidates'][number];

const pct = (p: number) => `${Number((p * 100).toPrecision(4))} %`;

/** The statuses in words, for the candidates table and the findings. */
export const STATUS_WORDS: Record<Candidate['status'], string> = {
  chosen: 'chosen: meets every target at the best objective',
  feasible: 'meets every target, but loses on the objective',
  dominated: 'meets every target, but a lower value of the monotone factor does too',
  infeasible: 'shown to miss a target',
  undecided: 'not shown either way within the most replications allowed',
};

function statusPill(s: Candidate['status']): string {
  return verdictPill(s === 'chosen' ? 'better' : s === 'infeasible' ? 'worse' : s).replace(/✔ better|✖ worse/, s === 'chosen' ? '✔ chosen' : '✖ infeasible');
}

function marginTable(doc: PlanDocument): string {
  const c = doc.chosen;
  if (!c) return '';
  const rows = c.targets.map(
    (t) =>
      `<tr><th scope="row">${esc(targetWords(t))}<br><code>${esc(t.target)}</code></th><td class="num"><strong>${esc(formatValue(t.metric, t.mean))}</strong><br><span class="ci">${esc(formatInterval(t.metric, t.ci95, { joiner: ' – ' }))}</span></td><td class="num">${esc(formatValue(t.metric, t.bound))}</td><td class="num">${esc(formatValue(t.metric, t.margin, { difference: true }))}<br><span class="ci">${esc(formatInterval(t.metric, marginInterval(t), { joiner: ' – ', difference: true }))}</span></td></tr>`,
  );
  return table(
    [
      'Target',
      'Estimate<br><span class="unit">95 % CI</span>',
      `Bound used<br><span class="unit">one-sided</span>`,
      'Margin<br><span class="unit">room to spare, 95 % CI</span>',
    ],
    rows,
    { cls: 'headline', numeric: [false, true, true, true] },
  );
}

/** plan.json's `uncertainty` block (plan --uncertainty N), as the report reads it. */
interface PlanUncertaintyBlock {
  draws: number;
  replicationsPerDraw: number;
  parameters: readonly unknown[];
  targets: Array<
    PlanTargetUncertaintyWords & {
      metric: MetricId;
      mean: number | null;
      ci95: [number | null, number | null];
      ci95Total: [number | null, number | null];
      assumptionShare: number | null;
    }
  >;
}

function uncertaintyOf(doc: PlanDocument): PlanUncertaintyBlock | null {
  const u = (doc as { uncertainty?: PlanUncertaintyBlock | null }).uncertainty;
  if (!u || !Array.isArray(u.targets)) return null;
  // plan.json written before targets named what they hinge on has no hingesOn: none named.
  return {
    ...u,
    parameters: Array.isArray(u.parameters) ? u.parameters : [],
    targets: u.targets.map((t) => ({ ...t, hingesOn: Array.isArray(t.hingesOn) ? t.hingesOn : [] })),
  };
}

/** With plan --uncertainty: per target, the share of draws in which the chosen design meets it, and its interval with the assumptions. */
function uncertaintyTable(doc: PlanDocument): string {
  const u = uncertaintyOf(doc);
  if (!u || !doc.chosen) return '';
  const share = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)} %`);
  const chosen = doc.chosen.targets;
  const rows = u.targets.map(
    (t) =>
      `<tr><th scope="row">${esc(targetWords(chosen.find((c) => c.target === t.target) ?? { metric: t.metric, comparator: '', value: NaN }))}<br><code>${esc(t.target)}</code></th><td class="num"><strong>${esc(share(t.metShare))}</strong></td><td class="num">${esc(formatValue(t.metric, t.mean ?? NaN))}</td><td class="num">${esc(formatInterval(t.metric, t.ci95 as never, { joiner: ' – ' }))}</td><td class="num">${esc(formatInterval(t.metric, t.ci95Total as never, { joiner: ' – ' }))}</td><td class="num">${esc(share(t.assumptionShare))}</td></tr>`,
  );
  return (
    `<h3>With the assumptions’ uncertainty</h3><p>${esc(planMetSentence(u.draws, u.replicationsPerDraw, u.targets))} The search above decided on the replications’ noise, with the assumed parameters at the scenario’s values; here the chosen design runs under ${esc(u.draws)} draws of them (Latin hypercube, docs/model.md §11b), the plan’s factors held; the estimates and noise intervals here are over the chosen design’s first ${esc(u.replicationsPerDraw)} replications, the draws’ base. A design chosen at the edge of a target meets it in about half of the draws.</p>` +
    table(
      ['Target', 'Met in<br><span class="unit">share of draws</span>', 'Estimate', '95 % CI (noise)', '95 % CI (noise + assumptions)', 'From assumptions'],
      rows,
      {
        cls: 'headline',
        numeric: [false, true, true, true, true, true],
      },
    ) +
    paragraphs(planHingeSentences(u.draws, u.parameters.length, u.targets))
  );
}

/** The margin's interval: the estimate's interval moved to the target (positive is room to spare). */
function marginInterval(t: { comparator: string; value: number; ci95: readonly [number, number] }): [number, number] {
  return t.comparator === '>=' ? [t.ci95[0] - t.value, t.ci95[1] - t.value] : [t.value - t.ci95[1], t.value - t.ci95[0]];
}

function runnerUps(doc: PlanDocument): string {
  const others = doc.candidates.filter((c) => c.status !== 'chosen');
  if (others.length === 0) return '<p>No other design was tried.</p>';
  const miss = nearestMiss(doc);
  // The nearest miss first, then the other designs that lost on a target, then those that met them all.
  const order: Candidate['status'][] = ['feasible', 'infeasible', 'undecided', 'dominated'];
  const sorted = [...others].sort((a, b) => (a === miss ? -1 : b === miss ? 1 : order.indexOf(a.status) - order.indexOf(b.status)));
  const items = sorted.slice(0, 4).map((c) => {
    const why = c.status === 'infeasible' || c.status === 'undecided' ? lostWords(c) : feasibleWhy(doc, c);
    return `<li><strong>${esc(pointWords(c.point))}</strong> ${statusPill(c.status)}: ${esc(why)} (${esc(c.replications)} replications).</li>`;
  });
  const more = sorted.length > 4 ? `<li>… and ${sorted.length - 4} more in “Every design tried” below and in candidates.csv.</li>` : '';
  return `<h3>The runner-ups and why they lost</h3><ul class="findings">${items.join('')}${more}</ul>`;
}

/** Why a design that met every target lost: on the objective, or tied with the chosen one within the indifference zone. */
function feasibleWhy(doc: PlanDocument, c: Candidate): string {
  const chosen = doc.candidates.find((x) => x.status === 'chosen');
  const obj = doc.objective.metric;
  const label = labelWithUnit(obj).toLowerCase();
  if (c.status !== 'feasible' || !chosen) return c.reason;
  if (Math.abs(c.objective.mean - chosen.objective.mean) < doc.indifference)
    return `meets every target, at the same ${label} as the chosen design within the indifference zone (${formatValue(obj, doc.indifference)}): either would do; the chosen one came first`;
  return `meets every target, at ${estimateWords(obj, c.objective)} (${formatValue(obj, c.objective.mean - chosen.objective.mean, { difference: true })} against the chosen design)`;
}

function candidatesTable(doc: PlanDocument): string {
  const targetsOf = doc.chosen?.targets ?? doc.candidates[0]?.targets ?? [];
  const obj = doc.objective.metric;
  const rows = doc.candidates.map((c) => {
    const cells = targetsOf.map((t0) => {
      const t = c.targets.find((x) => x.target === t0.target);
      if (!t) return '<td class="num">–</td>';
      return `<td class="num">${esc(formatValue(t.metric, t.mean))}<br><span class="ci">${esc(formatInterval(t.metric, t.ci95, { joiner: ' – ' }))}</span></td>`;
    });
    return `<tr><td>${esc(pointWords(c.point))}</td><td>${statusPill(c.status)}</td><td class="num">${esc(c.replications)}</td>${cells.join('')}<td class="num">${esc(estimateWords(obj, c.objective))}</td><td>${esc(c.status === 'feasible' ? feasibleWhy(doc, c) : c.reason)}</td></tr>`;
  });
  return table(['Design', 'Status', 'Replications', ...targetsOf.map((t) => `<code>${esc(t.target)}</code>`), esc(labelWithUnit(obj)), 'Why'], rows, {
    cls: 'points long',
    numeric: [false, false, true, ...targetsOf.map(() => true), true, false],
  });
}

function factorsTable(doc: PlanDocument): string {
  return table(
    ['Decision variable (scenario field)', 'Values', 'Searched'],
    doc.factors.map(
      (f) =>
        `<tr><td><code>${pathHtml(f.path)}</code></td><td>${esc(f.values.map((v) => (typeof v === 'number' ? num(v) : String(v))).join(', '))}</td><td>${f.monotone ? 'by bisection (assumed monotone)' : 'every value'}</td></tr>`,
    ),
    { cls: 'factors' },
  );
}

/** The planner's own assumptions, labelled, as docs/model.md (“Planning capacity”) states them. */
export function planAssumptions(doc: PlanDocument): string[] {
  const monotone = doc.factors.filter((f) => f.monotone).map((f) => f.path);
  return [
    `Assumption P1 (common random numbers): replication r of every design draws from the same random streams (seed ${doc.settings.seed}), so designs are compared on the same simulated referrals and lives.`,
    `Assumption P2 (independent replications, near-normal means): each target's one-sided bound is the report's interval method (Hall's skewness-corrected t for means, the bootstrap for pooled wait percentiles) at level ${pct(1 - (1 - doc.confidence) / looksCount(doc))}; with few replications and skewed metrics the stated confidence is approximate.`,
    `Assumption P3 (Bonferroni over looks): a design is tested at up to ${looksCount(doc)} looks (${doc.settings.startReplications} replications doubling to ${doc.settings.maxReplications}); splitting 1 − ${pct(doc.confidence)} over the looks keeps the chance of wrongly calling a design feasible at most ${pct(1 - doc.confidence)} per target, conservatively.`,
    monotone.length > 0
      ? `Assumption P4 (monotone ${monotone.join(', ')}): a higher value never makes a target worse and never costs less, so the lowest value that meets the targets is found by bisection and higher values are not all simulated. It is checked on the values tried (a pass below a failure, or a target significantly worse at a higher value, is reported as a warning)${doc.warnings.length ? `: ${doc.warnings.length} warning(s) below` : ': no warning was raised'}.`
      : 'No factor is assumed monotone: every candidate design is tested.',
    `Assumption P5 (indifference zone): differences in ${doc.objective.metric} smaller than ${formatValue(doc.objective.metric, doc.indifference)} do not matter; KN selection then picks the best with probability at least ${pct(doc.probabilityOfCorrectSelection)} (Kim & Nelson 2001).`,
    'Assumption P6 (the model): the targets are met in the model under the base scenario’s assumptions (listed below), not in the world; a design that is just feasible here has no margin for what the model leaves out.',
  ];
}

function looksCount(doc: PlanDocument): number {
  let n = 0;
  for (let r = doc.settings.startReplications; r < doc.settings.maxReplications; r *= 2) n++;
  return n + 1;
}

export function planPage(input: PlanReportInput): Page {
  const { doc, manifest, scenario } = input;
  const sections: Page['sections'] = [];
  const metrics = [...new Set((doc.chosen?.targets ?? doc.candidates[0]?.targets ?? []).map((t) => t.metric))];
  const frontier = figures(
    input.charts,
    metrics.map((m) => ({
      file: `${frontierChartName(m)}.svg`,
      caption: `The frontier: ${labelWithUnit(doc.objective.metric).toLowerCase()} of each design tried against its ${labelWithUnit(m).toLowerCase()}, with 95 % intervals both ways; the dashed line is the target. A design's colour and shape say what became of it on every target, not on this one alone.`,
    })),
  );
  const baseName = doc.base.split(/[\\/]/).pop() ?? doc.base;
  sections.push({
    id: 'plan',
    title: 'The plan',
    body:
      `<p>Base scenario <strong>${esc(baseName)}</strong>${scenario ? `: ${esc(designLine(scenario))}` : '.'} ${doc.candidatesInPlan} candidate designs, every combination of:</p>` +
      factorsTable(doc) +
      `<p>Targets, each to be shown with ${esc(pct(doc.confidence))} one-sided confidence: ${doc.targets.map((t) => `<code>${esc(t)}</code>`).join(', ')}. Objective: ${esc(doc.objective.sense)} ${esc(doc.objective.metric)}. Replications: ${esc(doc.settings.startReplications)} per design to start with, at most ${esc(doc.settings.maxReplications)}; ${esc(num(doc.settings.years))} years each after a ${esc(num(doc.settings.warmupDays))}-day warm-up, seed ${esc(doc.settings.seed)}.</p>` +
      (scenario ? `<h3>The base scenario</h3>${paragraphs(describeScenario(scenario))}` : ''),
  });
  sections.push({
    id: 'candidates',
    title: 'Every design tried',
    body: `<p>${doc.candidatesSimulated} of ${doc.candidatesInPlan} designs simulated, ${doc.replications} replications in all. Means with 95 % confidence intervals; the decisions used one-sided bounds (plan.json, candidates.csv).</p>${candidatesTable(doc)}<dl class="definitions">${Object.entries(
      STATUS_WORDS,
    )
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}.</dd>`)
      .join('')}</dl>`,
  });
  sections.push({
    id: 'method',
    title: 'Method',
    body:
      paragraphs(doc.method.map((m) => `${m.charAt(0).toUpperCase()}${m.slice(1)}.`)) +
      '<p>In short (docs/model.md, “Planning capacity”): each design is tested target by target with one-sided bounds, adding replications in looks only while the answer is open; a monotone factor is searched by bisection; among the designs that meet every target, Kim &amp; Nelson’s (2001) fully sequential procedure picks the best on the objective, on common random numbers. A design still open at the most replications allowed is <em>undecided</em> and is never chosen.</p>' +
      (doc.warnings.length ? `<h3>Warnings</h3>${paragraphs(doc.warnings)}` : ''),
  });
  sections.push({
    id: 'assumptions',
    title: 'Assumptions',
    body:
      `<h3>The planner’s</h3>${paragraphs(planAssumptions(doc))}` +
      (scenario ? `<h3>The base scenario’s</h3>${ASSUMPTIONS_LEAD}${assumptionsTable(assumptionsInForce(scenario))}` : ''),
  });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions([...metrics, doc.objective.metric]) });

  const answer = planAnswer(doc);
  const chosen = doc.candidates.find((c) => c.status === 'chosen');
  return {
    kind: 'plan',
    summary: summarySection({
      designs: `<p class="answer"><strong>${esc(answer)}</strong></p>${
        doc.chosen
          ? `<p>Chosen: ${doc.factors.map((f) => `<code>${pathHtml(f.path)}</code> = ${esc(String(doc.chosen?.point[f.path]))}`).join(', ')} (${esc(pointWords(doc.chosen.point))}); the ready scenario file is <code>chosen.yaml</code>.</p>`
          : ''
      }`,
      figures: doc.chosen
        ? `<h3>Margin to each target (shown with ${esc(pct(doc.confidence))} one-sided confidence over ${esc(doc.chosen.replications)} replications)</h3>${marginTable(doc)}${uncertaintyTable(doc)}`
        : '',
      findings: `${runnerUps(doc)}<h3>The frontier</h3>${frontier}`,
      note: esc(
        `${doc.candidatesSimulated} of ${doc.candidatesInPlan} candidate designs simulated, ${doc.replications} replications in all (seed ${doc.settings.seed}).${chosen ? ` ${labelWithUnit(doc.objective.metric)}: ${estimateWords(doc.objective.metric, chosen.objective)}.` : ''} Model outputs under the assumptions listed below, not forecasts.`,
      ),
    }),
    title: `Goldilocks plan report: ${doc.plan}`,
    question: `What is the ${doc.objective.sense === 'minimise' ? 'least-cost' : 'best'} design that meets ${doc.targets.join(' and ')}?`,
    lead: `<p class="lead">Goldilocks searched ${esc(doc.candidatesInPlan)} candidate designs of “${esc(baseName)}” for the one that meets every target with ${esc(pct(doc.confidence))} confidence at the ${esc(doc.objective.sense === 'minimise' ? 'lowest' : 'highest')} ${esc(doc.objective.metric)}, simulating replications only where they decided something.</p>`,
    sections,
  };
}

/** report.html of a plan, as one HTML string. */
export function buildPlanReport(input: PlanReportInput): string {
  return renderPage(planPage(input));
}
