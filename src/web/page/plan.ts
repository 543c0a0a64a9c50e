/**
 * The "What do we need?" tab (issue 21): a plan over the scenario in the editor, built from a
 * small form (which worker group's WTE to vary, from / to / step, monotone by default; session
 * caps to try; targets; least cost; confidence), checked here as the library checks it
 * (jobs/plan-source.ts, the CLI's messages with the page's hints), run on the page's workers,
 * and answered as `goldilocks plan` answers: in words, the margin to each target with its
 * interval, every candidate tried and why it lost, and plan.json / candidates.csv / chosen.yaml.
 */
import { METRIC_BY_ID } from '../../model/metrics.js';
import { formatInterval, formatValue, labelWithUnit } from '../../report/format.js';
import { formatProblems, InputError } from '../../scenario/errors.js';
import { checkPlanSource, confidenceProblem, type PlanSpec } from '../../jobs/plan-source.js';
import type { PlanTargetUncertainty } from '../../jobs/plan-uncertainty.js';
import { planHingeSentences, planMetSentence } from '../../report/uncertainty-words.js';
import type { JobResult } from '../protocol.js';
import { $, download, el } from './dom.js';
import { markStale, onTextChange, parseDoc, state, valueAt } from './state.js';
import { pageMessage } from './wording.js';
import { chartsBox } from './results.js';

/** The targets the form offers: metric, comparator, default value, and how the value is written. */
export const PLAN_TARGETS = [
  { id: 'seen28', metric: 'seenWithin28DaysShare', op: '>=', value: 90, unit: '%', label: 'Seen within 28 days of referral at least', on: true },
  { id: 'overload', metric: 'overloadIndex', op: '<=', value: 1, unit: '', label: 'Overload index at most', on: true },
  { id: 'p90', metric: 'waitP90Days', op: '<=', value: 28, unit: 'days', label: '90th percentile wait (days) at most', on: false },
  { id: 'turnover', metric: 'turnoverPerYear', op: '<=', value: 0.25, unit: 'per post-year', label: 'Turnover (leavers per post-year) at most', on: false },
] as const;

/** What to do about a problem with the plan's own fields, named by their paths in a plan file. */
export const PLAN_HINT =
  'Change the fields above and run again (factors.0 is the WTE range, factors.1 the session caps, targets the ticked targets in their order).';

/** The plan's name (the chosen design is named `<scenario>-<plan>`). */
export const PLAN_NAME = 'what-do-we-need';

const num = (id: string) => $<HTMLInputElement>(id).value.trim();

/** Numbers as typed (a blank or a word stays text, so the plan's checks say what is wrong with it). */
const asNumber = (s: string): number | string => (s !== '' && Number.isFinite(Number(s)) ? Number(s) : s);

/** The worker groups of the scenario in the editor, for the select ("0: Link worker, 2.5 WTE"). */
function refreshGroups(): void {
  const select = $<HTMLSelectElement>('plan-group');
  const doc = parseDoc(state.text);
  const workers = valueAt(doc, 'workers');
  const list = Array.isArray(workers) ? workers : [];
  const was = select.value;
  const options = list.map((w, i) => {
    const g = (w ?? {}) as { name?: unknown; count?: unknown };
    const name = typeof g.name === 'string' ? g.name : 'Link worker';
    return el('option', { value: String(i) }, `${i}: ${name}${g.count !== undefined ? `, ${String(g.count)} WTE now` : ''}`);
  });
  if (options.length === 0) options.push(el('option', { value: '0' }, '0 (the scenario has no worker groups yet)'));
  select.replaceChildren(...options);
  select.value = options.some((o) => o.value === was) ? was : '0';
}

/** The session caps typed ("6, 8, open"), or none. */
function capValues(): Array<number | string> {
  const text = num('plan-caps');
  if (text === '') return [];
  return text
    .split(/[,\s]+/)
    .filter((x) => x !== '')
    .map(asNumber);
}

/** The plan the form describes, over the scenario in the editor. */
export function planFromForm(): PlanSpec {
  const caps = capValues();
  const targets = PLAN_TARGETS.filter((t) => $<HTMLInputElement>(`plan-t-${t.id}`).checked).map((t) => {
    const v = num(`plan-v-${t.id}`);
    return `${t.metric} ${t.op} ${v}${t.unit === '%' ? ' %' : ''}`;
  });
  return {
    name: PLAN_NAME,
    description: 'From the explorer\'s "What do we need?" tab',
    base: state.text,
    factors: [
      {
        path: `workers.${$<HTMLSelectElement>('plan-group').value}.count`,
        range: { from: asNumber(num('plan-from')) as number, to: asNumber(num('plan-to')) as number, step: asNumber(num('plan-step')) as number },
        monotone: $<HTMLInputElement>('plan-monotone').checked,
      },
      ...(caps.length ? [{ path: 'policy.sessionCap', values: caps }] : []),
    ],
    targets,
    objective: { minimise: 'costPerYear' },
    confidence: asNumber(num('plan-confidence')) as number,
    replications: asNumber(num('plan-reps')) as number,
    maxReplications: asNumber(num('plan-max-reps')) as number,
  };
}

/** The plan's problems in the page's words, or null when it may run. */
export function planProblems(spec: PlanSpec): string | null {
  if (spec.targets.length === 0) return 'Tick at least one target: the plan looks for the least-cost design that meets them.';
  const c = confidenceProblem(spec.confidence, 'page');
  if (c) return c;
  try {
    checkPlanSource(spec, { label: 'the plan', baseLabel: state.label });
    return null;
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    // Problems with the base are the scenario's (the editor shows them); the plan's own are the form's fields.
    if (err.file !== 'the plan') return pageMessage(err);
    return formatProblems(err.file, err.problems, PLAN_HINT);
  }
}

export function showPlanProblems(message: string | null): void {
  const box = $('plan-problems');
  box.hidden = message === null;
  box.textContent = message ?? '';
}

/** The form's fields (once, at start-up); the worker groups follow the scenario. */
export function setUpPlanForm(): void {
  const form = $('plan-form');
  const field = (id: string, label: string, attrs: Record<string, string>) =>
    el('div', { class: 'field' }, el('label', { for: id }, label), el('input', { id, ...attrs }));
  form.append(
    el(
      'fieldset',
      {},
      el('legend', {}, 'What to vary'),
      el('div', { class: 'field' }, el('label', { for: 'plan-group' }, 'WTE of the worker group'), el('select', { id: 'plan-group' })),
      field('plan-from', 'From (WTE)', { type: 'number', step: 'any', value: '1' }),
      field('plan-to', 'To (WTE)', { type: 'number', step: 'any', value: '4' }),
      field('plan-step', 'In steps of (WTE)', { type: 'number', step: 'any', value: '0.5' }),
      el(
        'div',
        { class: 'field' },
        el('label', { for: 'plan-monotone' }, 'More WTE never makes a target worse (search by bisection; checked on the values tried)'),
        el('input', { id: 'plan-monotone', type: 'checkbox', checked: '' }),
      ),
      field('plan-caps', 'Session caps to try too (optional, e.g. 6, 8, open)', { type: 'text', placeholder: 'the scenario’s cap' }),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Targets (each must hold with the stated confidence)'),
      ...PLAN_TARGETS.map((t) =>
        el(
          'div',
          { class: 'field target' },
          el(
            'label',
            { for: `plan-v-${t.id}` },
            el('input', { id: `plan-t-${t.id}`, type: 'checkbox', ...(t.on ? { checked: '' } : {}), 'aria-label': `Use the target: ${t.label}` }),
            ` ${t.label}${t.unit === '%' ? ' (%)' : ''}`,
          ),
          el('input', { id: `plan-v-${t.id}`, type: 'number', step: 'any', value: String(t.value), 'data-metric': t.metric }),
        ),
      ),
    ),
    el(
      'fieldset',
      {},
      el('legend', {}, 'Objective and confidence'),
      el(
        'div',
        { class: 'field' },
        el('label', { for: 'plan-objective' }, 'Among the designs that meet every target'),
        el('select', { id: 'plan-objective' }, el('option', { value: 'costPerYear' }, 'least cost per year')),
      ),
      field('plan-confidence', 'Confidence (one-sided, each target; also the probability of choosing the best)', {
        type: 'number',
        step: 'any',
        min: '0.5',
        max: '0.999',
        value: '0.95',
      }),
      field('plan-reps', 'Replications of each design to start with', { type: 'number', step: '1', min: '1', value: '10' }),
      field('plan-max-reps', 'At most (replications of one design)', { type: 'number', step: '1', min: '2', value: '80' }),
      field('plan-draws', 'Parameter draws: then test the chosen design under this many draws of the assumed parameters (0 is off; 32 is a good start)', {
        type: 'number',
        step: '1',
        min: '0',
        max: '1000',
        value: '0',
      }),
    ),
  );
  refreshGroups();
  onTextChange(() => refreshGroups());
}

// ---------------------------------------------------------------- the answer

interface TargetDoc {
  target: string;
  mean: number | null;
  ci95: [number | null, number | null];
  bound: number | null;
  margin: number | null;
  verdict: string;
}
interface CandidateDoc {
  point: Record<string, unknown>;
  status: string;
  reason: string;
  replications: number;
  targets: TargetDoc[];
  objective: { mean: number | null; ci95: [number | null, number | null] };
}
export interface PlanDoc {
  plan: string;
  base: string;
  chosen: null | {
    point: Record<string, unknown>;
    metrics: Record<string, { mean: number | null; ci95: [number | null, number | null] }>;
    targets: TargetDoc[];
    replications: number;
    scenario: string | null;
  };
  reason: string | null;
  candidates: CandidateDoc[];
  objective: { metric: string; sense: string };
  confidence: number;
  replications: number;
  candidatesInPlan: number;
  candidatesSimulated: number;
  method: string[];
  /** With parameter draws (plan --uncertainty N): the chosen design's targets under the assumptions' uncertainty. */
  uncertainty?: {
    draws: number;
    replicationsPerDraw: number;
    parameters: unknown[];
    targets: PlanTargetUncertainty[];
  } | null;
  warnings: string[];
}

const pct = (p: number) => `${Number((p * 100).toPrecision(4))} %`;
const metricOf = (target: string) => target.trim().split(/\s/)[0];
const fmt = (id: string, x: number | null, difference = false) => (x === null ? '–' : formatValue(id, x, { difference }));
/** A 95 % interval in the report's format; none for one of no width (e.g. a salary bill, the same in every replication). */
const fmtCi = (id: string, ci: [number | null, number | null]) => (ci[0] !== null && ci[0] === ci[1] ? '' : formatInterval(id, ci));
const pointText = (p: Record<string, unknown>) =>
  Object.entries(p)
    .map(([k, v]) => `${k} = ${String(v)}`)
    .join(', ');

function marginsTable(targets: TargetDoc[]): HTMLElement {
  const head = el(
    'tr',
    {},
    el('th', {}, 'Target'),
    el('th', {}, 'Estimate'),
    el('th', {}, '95 % CI'),
    el('th', {}, 'Margin'),
    el('th', {}, 'One-sided bound used'),
    el('th', {}, 'Verdict'),
  );
  const rows = targets.map((t) => {
    const id = metricOf(t.target);
    return el(
      'tr',
      { 'data-target': t.target, 'data-margin': String(t.margin) },
      el('th', { scope: 'row', title: METRIC_BY_ID[id as keyof typeof METRIC_BY_ID]?.definition ?? '' }, t.target),
      el('td', { class: 'num' }, fmt(id, t.mean)),
      el('td', { class: 'num' }, fmtCi(id, t.ci95)),
      el('td', { class: 'num' }, fmt(id, t.margin, true)),
      el('td', { class: 'num' }, fmt(id, t.bound)),
      el('td', {}, t.verdict),
    );
  });
  return el('table', { id: 'plan-margins' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function candidatesTable(d: PlanDoc): HTMLElement {
  const id = d.objective.metric;
  const head = el(
    'tr',
    {},
    el('th', {}, 'Design'),
    el('th', {}, 'Outcome'),
    el('th', {}, 'Replications'),
    el('th', {}, labelWithUnit(id)),
    el('th', {}, 'Why'),
  );
  const rows = d.candidates.map((c) =>
    el(
      'tr',
      { class: c.status === 'chosen' ? 'zone' : '', 'data-status': c.status, 'data-point': JSON.stringify(c.point) },
      el('th', { scope: 'row' }, pointText(c.point)),
      el('td', {}, c.status),
      el('td', { class: 'num' }, String(c.replications)),
      el('td', { class: 'num' }, fmt(id, c.objective.mean), el('br'), el('span', { class: 'ci' }, fmtCi(id, c.objective.ci95))),
      el('td', {}, c.reason),
    ),
  );
  return el('table', { id: 'plan-candidates' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The "Parameter draws" option: per target, in what share of the draws the chosen design meets it, its two intervals, and what it hinges on (as plan's report.html). */
function uncertaintyBox(u: NonNullable<PlanDoc['uncertainty']>): HTMLElement[] {
  const share = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)} %`);
  const head = el(
    'tr',
    {},
    ...['Target', 'Met in (share of draws)', 'Estimate', '95 % CI (noise)', '95 % CI (noise + assumptions)', 'From assumptions'].map((h) => el('th', {}, h)),
  );
  const rows = u.targets.map((t) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, t.target),
      el('td', { class: 'num' }, share(t.metShare)),
      el('td', { class: 'num' }, fmt(t.metric, t.mean)),
      el('td', { class: 'num' }, fmtCi(t.metric, t.ci95)),
      el('td', { class: 'num' }, fmtCi(t.metric, t.ci95Total)),
      el('td', { class: 'num' }, share(t.assumptionShare)),
    ),
  );
  return [
    el('h3', {}, 'With the assumptions’ uncertainty'),
    el('p', { id: 'plan-uncertainty' }, planMetSentence(u.draws, u.replicationsPerDraw, u.targets)),
    el('table', { id: 'plan-uncertainty-table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
    el(
      'ul',
      { class: 'findings' },
      ...planHingeSentences(u.draws, u.parameters.length, u.targets, 'set Parameter draws to 64 or more').map((x) => el('li', {}, x)),
    ),
  ];
}

/** The answer in one sentence: the chosen design and its cost, or why there is none. */
function answer(d: PlanDoc): HTMLElement {
  if (!d.chosen)
    return el(
      'div',
      { class: 'callout none', id: 'plan-answer' },
      el('p', { class: 'big' }, `No design meets every target with ${pct(d.confidence)} confidence`),
      el('p', {}, d.reason ?? ''),
    );
  const id = d.objective.metric;
  const m = d.chosen.metrics[id];
  return el(
    'div',
    { class: 'callout', id: 'plan-answer', 'data-point': JSON.stringify(d.chosen.point) },
    el('p', { class: 'big' }, `You need: ${pointText(d.chosen.point)}`),
    el(
      'p',
      {},
      `${labelWithUnit(id)}: ${m ? fmt(id, m.mean) : '–'}${m && fmtCi(id, m.ci95) ? ` (95 % CI ${fmtCi(id, m.ci95)})` : ''}, the ${d.objective.sense === 'minimise' ? 'least' : 'most'} of the designs shown to meet every target with ${pct(d.confidence)} one-sided confidence, over ${d.chosen.replications} replications.`,
    ),
  );
}

export function showPlanResult(result: JobResult, text: string, openChosen: (yaml: string) => void): void {
  const d = result.doc as PlanDoc;
  state.last = { result, name: d.plan };
  state.resultText = text;
  const out = $('results');
  out.replaceChildren();
  out.append(
    el('h2', {}, 'What do we need?'),
    el('p', { class: 'note' }, `Targets: ${d.candidates[0]?.targets.map((t) => t.target).join('; ') ?? ''}. Base: ${d.base}.`),
    answer(d),
  );
  if (d.chosen) out.append(el('h3', {}, 'Margin to each target'), marginsTable(d.chosen.targets));
  if (d.chosen && d.uncertainty) out.append(...uncertaintyBox(d.uncertainty));
  if (result.charts.length > 0) out.append(el('h3', {}, 'The frontier: cost against each target, every design tried'), chartsBox(result));
  for (const w of result.warnings ?? []) out.append(el('p', { class: 'note err' }, `Warning: ${w}`));
  out.append(
    el('h3', {}, 'Candidates tried, and why each lost'),
    candidatesTable(d),
    el(
      'p',
      { class: 'note' },
      `${d.candidatesSimulated} of ${d.candidatesInPlan} candidate designs simulated, ${d.replications} replications in all; ${result.seconds.toFixed(1)} s in this browser.`,
    ),
    el(
      'ul',
      { class: 'findings', id: 'plan-method' },
      ...d.method.map((m) => el('li', {}, `Method: ${m}.`)),
      ...d.warnings.map((w) => el('li', { class: 'err' }, `Warning: ${w}.`)),
    ),
    el('details', {}, el('summary', {}, 'As the command line prints it'), el('pre', { id: 'plan-words' }, (result.words ?? []).join('\n'))),
  );
  const box = el('div', { class: 'downloads', id: 'downloads' }, el('h3', {}, 'Download'));
  for (const [f, content] of result.files) {
    if (f.startsWith('charts/')) continue; // drawn above; the CLI's folder has them as files
    const b = el('button', { type: 'button', class: 'small', 'data-file': f }, f);
    b.addEventListener('click', () => download(f, content, f.endsWith('.json') ? 'application/json' : f.endsWith('.csv') ? 'text/csv' : 'text/yaml'));
    box.append(b);
  }
  const chosen = d.chosen?.scenario;
  if (chosen) {
    const b = el('button', { type: 'button', class: 'small', id: 'plan-open-chosen' }, 'Open the chosen design in the editor');
    b.addEventListener('click', () => openChosen(chosen));
    box.append(b);
  }
  out.append(box);
  markStale();
  out.focus({ preventScroll: true });
}
