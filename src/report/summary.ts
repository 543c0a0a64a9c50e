/**
 * The one-page summary that opens every report.html: the designs in one line each (a second
 * design says only what differs from the first), 4–6 headline figures in plain units with 95 %
 * intervals, and plain-English findings with their verdicts. Pure: reads the documents the
 * commands write (JSON turns NaN into null) and the validated scenarios; numbers as
 * src/report/format.ts shows them.
 */
import { METRIC_BY_ID, type MetricId } from '../model/metrics.js';
import type { Scenario, WorkerGroup } from '../scenario/schema.js';
import { num, andList } from './assumptions.js';
import { rotaHoursPerWeek } from '../model/costs.js';
import { formatEstimate, formatInterval, formatValue, labelWithUnit } from './format.js';
import { esc, toNum, type Num } from './html-text.js';
import { noIcerReason } from './compare-table.js';
import { shownTotal } from './html/blocks.js';

export interface SummaryEstimate {
  mean: Num;
  ci95: [Num, Num];
  /** With --uncertainty: the interval with the assumptions' uncertainty added. */
  ci95Total?: [Num, Num];
}
export interface SummaryDifference extends SummaryEstimate {
  verdict: string;
}
export interface SummaryCostEffect {
  costDifference: SummaryEstimate;
  needsMetDifference: SummaryEstimate;
  incrementalCostPerNeedMet: SummaryEstimate;
  verdict: string;
  effectThreshold?: Num;
}
type Metrics = Partial<Record<string, SummaryEstimate>>;

/** The headline figures, in this order: days, people, %, ratio, £. */
export const HEADLINE_METRICS: MetricId[] = ['waitDays', 'needsMetPerYear', 'unmetNeedShare', 'overloadIndex', 'costPerYear', 'costPerNeedMet'];

const est = (s: SummaryEstimate | undefined) => ({ mean: toNum(s?.mean), ci95: [toNum(s?.ci95?.[0]), toNum(s?.ci95?.[1])] as [number, number] });

/** "+ assumptions 55 to 67 %" under an estimate that has its interval with the assumptions' uncertainty (--uncertainty), else '' (also when it has no width: a fixed cost). */
function totalText(id: MetricId, s: SummaryEstimate | undefined): string {
  const t = shownTotal(s);
  return t ? `+ assumptions ${formatInterval(id, t)}` : '';
}

/** Said under headline figures that show "+ assumptions" intervals. */
const TOTAL_NOTE =
  '<p class="note">“+ assumptions”: the 95 % interval with the uncertainty of the assumed parameters added (--uncertainty: the same replications under draws of the assumptions; docs/model.md §11b). Where it is much wider than the first, better evidence on the assumptions would narrow it, more replications would not.</p>';

import { groupsToName, moreGroupsWords } from './many-groups.js';
import { postsHeads, shareAndWte } from './posts-words.js';
import { resolveLevers } from '../model/discretion.js';
import { capInForceWords, referralsEnteredWords, referralsReceivedSplit, storyLeverWords } from './design-words.js';

// ---------------------------------------------------------------- designs in one line

function groupWords(g: WorkerGroup): string {
  const name = g.name && g.name !== 'Link worker' ? ` (${g.name})` : '';
  return `${postsHeads(g)}${name} on ${num(rotaHoursPerWeek(g.rota))} h a week${shareAndWte(g)}`;
}

/** The session cap as it is in force in `s`, with any extension (src/report/design-words.ts). */
function capWords(s: Scenario): string {
  return capInForceWords(s.policy.sessionCap, resolveLevers(s));
}

/**
 * One design in one line: team, referrals entered (and what is added on top), the cap in force,
 * the levers that change the story (routes, declining, out-of-remit), dial. With `dial: false`
 * (explore: the dial moves) the levers that follow it are left out.
 */
export function designLine(s: Scenario, opts: { dial?: boolean } = {}): string {
  const L = resolveLevers(s);
  const dial =
    opts.dial === false
      ? ''
      : s.discretion === undefined
        ? `; no discretion dial (${s.policy.sessionCap === 'open' ? '' : 'the cap is not extended unless set; other '}levers at middle values)`
        : `; discretion dial at ${num(s.discretion)}`;
  const { named, rest, restPosts } = groupsToName(s.workers);
  const team = [...named.map(groupWords), ...(rest ? [moreGroupsWords(rest, restPosts)] : [])];
  const story = opts.dial === false ? '' : `; ${storyLeverWords(L).join('; ')}`;
  return `${andList(team)}; ${referralsEnteredWords(s, L)}; ${opts.dial === false && s.policy.sessionCap !== 'open' ? `at most ${num(s.policy.sessionCap)} sessions per patient before any extension` : capWords(s)}${story}${dial}.`;
}

function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value !== undefined) out.set(prefix, value);
  return out;
}

const show = (v: unknown): string => (v === undefined ? 'not set' : typeof v === 'number' ? num(v) : typeof v === 'string' ? v : JSON.stringify(v));

/** What a field's change means in words (known fields), else "path a → b". */
function changeWords(path: string, a: unknown, b: unknown): string {
  if (path === 'policy.maxCaseload') return b === 'open' ? 'no caseload limit' : `no new patients for a worker holding ${show(b)} (instead of ${show(a)})`;
  if (path === 'discretion') return b === undefined ? 'no discretion dial' : `discretion dial at ${show(b)} (instead of ${show(a)})`;
  if (path.startsWith('referrals.practices[') && path.endsWith('referralsPerMonth'))
    return `${show(b)} referrals a month at practice ${path.slice(20, path.indexOf(']'))} (instead of ${show(a)})`;
  return `${path} ${show(b)} (instead of ${show(a)})`;
}

const SKIP = /^(name|description|\$schema|site\.|run\.)/;

/** Fields whose change is said once, as the cap in force (with its extension). */
const CAP_PATHS = new Set(['policy.sessionCap', 'levers.capExtension', 'levers.capExtensionSessions']);

/** What a design changes from the baseline, in words (one line); '' when nothing differs. */
export function differenceLine(base: Scenario, other: Scenario): string {
  const parts: string[] = [];
  const capA = capWords(base);
  const capB = capWords(other);
  let capSaid = capA === capB;
  const sayCap = () => {
    if (capSaid) return;
    capSaid = true;
    parts.push(`${capB} (instead of ${capA.replace(/ per patient$/, '')})`);
  };
  const n = Math.max(base.workers.length, other.workers.length);
  for (let i = 0; i < n; i++) {
    const a = base.workers[i];
    const b = other.workers[i];
    if (!a && b) parts.push(`adds ${groupWords(b)}`);
    else if (a && !b) parts.push(`without ${groupWords(a)}`);
    else if (a && b) {
      const fa = flatten(a);
      const fb = flatten(b);
      const changed = [...new Set([...fa.keys(), ...fb.keys()])].filter((k) => JSON.stringify(fa.get(k)) !== JSON.stringify(fb.get(k)));
      if (changed.length) parts.push(`${a.name}: ${changed.map((k) => `${k} ${show(fb.get(k))} (instead of ${show(fa.get(k))})`).join(', ')}`);
    }
  }
  const { workers: _wa, ...restA } = base;
  const { workers: _wb, ...restB } = other;
  const fa = flatten(restA);
  const fb = flatten(restB);
  const keys = [...new Set([...fa.keys(), ...fb.keys()])].filter((k) => !SKIP.test(k)).sort();
  for (const k of keys) {
    if (JSON.stringify(fa.get(k)) === JSON.stringify(fb.get(k))) continue;
    if (CAP_PATHS.has(k)) sayCap();
    else parts.push(changeWords(k, fa.get(k), fb.get(k)));
    if (k === 'discretion') sayCap(); // the dial moves the cap extension too
  }
  sayCap();
  return parts.join('; ');
}

// ---------------------------------------------------------------- figures

function card(id: MetricId, s: SummaryEstimate | undefined): string {
  const m = METRIC_BY_ID[id];
  const e = est(s);
  const ci = e.ci95[0] === e.ci95[1] ? '–' : formatInterval(id, e.ci95);
  const total = totalText(id, s);
  return `<div class="card"><div class="card-label">${esc(labelWithUnit(id))}</div><div class="card-value">${esc(formatValue(id, e.mean))}</div><div class="ci">${ci === '–' ? '' : `95 % CI ${esc(ci)}`}</div>${total ? `<div class="ci total">${esc(total)}</div>` : ''}<div class="card-note">${esc(m.better ? `${m.better} is better` : '')}</div></div>`;
}

/** Headline figures of one design as cards. */
export function headlineCards(metrics: Metrics, ids: readonly MetricId[] = HEADLINE_METRICS): string {
  const shown = ids.filter((id) => metrics[id]);
  const cards = shown.map((id) => card(id, metrics[id]));
  const note = shown.some((id) => totalText(id, metrics[id])) ? TOTAL_NOTE : '';
  return cards.length ? `<div class="cards">${cards.join('')}</div>${note}` : '';
}

/** Headline figures of several designs (or dial levels) side by side. */
export function headlineTable(columns: Array<{ title: string; metrics: Metrics }>, ids: readonly MetricId[] = HEADLINE_METRICS): string {
  const head = `<tr><th scope="col">Headline figure</th>${columns.map((c) => `<th scope="col" class="num">${esc(c.title)}</th>`).join('')}</tr>`;
  const rows = ids
    .filter((id) => columns.some((c) => c.metrics[id]))
    .map((id) => {
      const cells = columns.map((c) => {
        const e = est(c.metrics[id]);
        const ci = e.ci95[0] === e.ci95[1] ? '–' : formatInterval(id, e.ci95);
        const total = totalText(id, c.metrics[id]);
        return `<td class="num"><strong>${esc(formatValue(id, e.mean))}</strong>${ci === '–' ? '' : ` <span class="ci">(${esc(ci)})</span>`}${total ? `<br><span class="ci total">${esc(total)}</span>` : ''}</td>`;
      });
      return `<tr><th scope="row">${esc(labelWithUnit(id))}</th>${cells.join('')}</tr>`;
    });
  const note = ids.some((id) => columns.some((c) => totalText(id, c.metrics[id]))) ? TOTAL_NOTE : '';
  return `<div class="table-wrap"><table class="headline"><thead>${head}</thead><tbody>${rows.join('')}</tbody></table></div>${note}`;
}

// ---------------------------------------------------------------- findings in words

const VERDICT_WORD: Record<string, string> = {
  better: 'better',
  worse: 'worse',
  higher: 'higher',
  lower: 'lower',
  'no meaningful difference': 'no meaningful difference',
  'no detectable difference': 'no detectable difference',
};

function verdictTag(v: string): string {
  const cls = v === 'better' ? 'better' : v === 'worse' ? 'worse' : v === 'higher' || v === 'lower' ? 'neutral' : 'none';
  const mark = v === 'better' ? '✔ ' : v === 'worse' ? '✖ ' : '';
  return `<span class="verdict ${cls}">${esc(mark + ((Object.hasOwn(VERDICT_WORD, v) ? VERDICT_WORD[v] : undefined) ?? v))}</span>`;
}

/** "by 14.2 days (11.7 to 16.8)": the size of a difference without its sign. */
function bySize(id: MetricId, d: { mean: number; ci95: [number, number] }): string {
  const flip = d.mean < 0 ? -1 : 1;
  const lo = Math.min(d.ci95[0] * flip, d.ci95[1] * flip);
  const hi = Math.max(d.ci95[0] * flip, d.ci95[1] * flip);
  const unit = METRIC_BY_ID[id].unit;
  const size = unit === 'share' ? formatValue(id, Math.abs(d.mean), { difference: true }).replace(/^\+/, '') : formatValue(id, Math.abs(d.mean));
  const ci = unit === 'share' ? formatInterval(id, [lo, hi], { difference: true }).replace(/\+/g, '') : formatInterval(id, [lo, hi]);
  const unitWords = unit === 'days' ? ' days' : '';
  return `by ${size}${unitWords}${ci === '–' ? '' : ` (${ci.replace(/ days$/, '')})`}`;
}

/** One headline finding of a design against the baseline, in words with its verdict. */
export function findingWords(
  id: MetricId,
  baseline: SummaryEstimate | undefined,
  design: SummaryEstimate | undefined,
  diff: SummaryDifference | undefined,
): string | null {
  if (!diff) return null;
  const d = est(diff);
  const b = est(design);
  const a = est(baseline);
  if (!Number.isFinite(d.mean)) return null;
  const up = d.mean > 0;
  const none = diff.verdict === 'no detectable difference';
  const level = formatEstimate(id, b);
  const was = formatValue(id, a.mean);
  let text: string;
  switch (id) {
    case 'waitDays':
      text = none
        ? `the wait for a first appointment is ${level} days against ${was}`
        : `${up ? 'lengthens' : 'cuts'} the wait for a first appointment ${bySize(id, d)}, to ${formatValue(id, b.mean)} days`;
      break;
    case 'needsMetPerYear':
      text = none
        ? `about as many people a year have their need met: ${level} against ${was}`
        : `${formatValue(id, Math.abs(d.mean))} ${up ? 'more' : 'fewer'} people a year have their need met (${formatInterval(id, [Math.min(Math.abs(d.ci95[0]), Math.abs(d.ci95[1])), Math.max(Math.abs(d.ci95[0]), Math.abs(d.ci95[1]))])}), ${formatValue(id, b.mean)} in all`;
      break;
    case 'unmetNeedShare':
      text = `${level} leave with unmet need (against ${was})`;
      break;
    case 'overloadIndex':
      text = none
        ? `the overload index is ${level}, against ${was}`
        : `${up ? 'raises' : 'lowers'} the overload index ${bySize(id, d)}, to ${formatValue(id, b.mean)}${b.mean > 1 ? ' (more work due than time)' : ''}`;
      break;
    case 'costPerYear':
      text =
        d.mean === 0 && d.ci95[0] === 0 && d.ci95[1] === 0
          ? `costs the same, ${formatValue(id, b.mean)} a year`
          : `costs ${formatValue(id, Math.abs(d.mean))} ${up ? 'more' : 'less'} a year, ${formatValue(id, b.mean)} in all`;
      break;
    case 'costPerNeedMet':
      text = `${level} per person with need met (against ${was})`;
      break;
    default:
      text = `${METRIC_BY_ID[id].label.toLowerCase()} ${level} against ${was}`;
  }
  const identical = d.mean === 0 && d.ci95[0] === 0 && d.ci95[1] === 0;
  return identical ? esc(text) : `${esc(text)} ${verdictTag(diff.verdict)}`;
}

/**
 * The cost-effect finding in words: dominates / dominated / the cost of each extra person with need
 * met; where the effect is not detectable or not meaningful, why there is no such cost (never a
 * number then, nor a NaN).
 */
export function costEffectWords(ce: SummaryCostEffect | undefined): string | null {
  if (!ce) return null;
  const icer = est(ce.incrementalCostPerNeedMet);
  const ci = formatInterval('costPerNeedMet', icer.ci95);
  const ciText = ci === '–' ? 'interval unbounded' : ci;
  const why = noIcerReason({ ...ce, effectThreshold: toNum(ce.effectThreshold) });
  if (why) return `${esc(why.charAt(0).toUpperCase() + why.slice(1))}.`;
  const priced = ce.verdict === 'costs more, meets more need' || ce.verdict === 'costs less, meets less need';
  if (priced && !Number.isFinite(icer.mean)) return 'No cost per extra person with need met (it cannot be computed from these results).';
  switch (ce.verdict) {
    case 'dominates':
      return `<strong>Dominates</strong>: it meets more need at no more cost.`;
    case 'dominated':
      return `<strong>Dominated</strong>: it meets less need at no less cost.`;
    case 'costs more, meets more need':
      return `Each extra person with need met costs <strong>${esc(formatValue('costPerNeedMet', icer.mean))}</strong> (${esc(ciText)}).`;
    case 'costs less, meets less need':
      return `It saves <strong>${esc(formatValue('costPerNeedMet', icer.mean))}</strong> (${esc(ciText)}) for each person with need met given up.`;
    default:
      return 'No cost per extra person with need met.';
  }
}

/** A design's findings against the baseline: headline metrics and the cost-effect, one sentence. */
export function designFindings(
  name: string,
  versus: string,
  baseline: Metrics,
  design: Metrics,
  diffs: Partial<Record<string, SummaryDifference>>,
  ce: SummaryCostEffect | undefined,
  ids: readonly MetricId[] = HEADLINE_METRICS,
): string {
  // Say in full what changed (and the cost a year, always); name the rest in one clause.
  const quiet = (id: MetricId) => id !== 'costPerYear' && /^no (detectable|meaningful) difference$/.test(diffs[id]?.verdict ?? '');
  const parts = ids
    .filter((id) => !quiet(id))
    .map((id) => findingWords(id, baseline[id], design[id], diffs[id]))
    .filter((x): x is string => x !== null);
  const same = ids.filter((id) => diffs[id] && quiet(id)).map((id) => METRIC_BY_ID[id].label.toLowerCase());
  const rest = same.length ? `${parts.length ? '; ' : ''}no meaningful or detectable difference in ${esc(andList(same))}` : '';
  const cost = costEffectWords(ce);
  return `<li><strong>${esc(name)}</strong> against ${esc(versus)}: ${parts.join('; ')}${rest}.${cost ? ` ${cost}` : ''}</li>`;
}

/** The summary section around its parts. */
export function summarySection(parts: { designs: string; figures: string; findings: string; note?: string }): string {
  return (
    `<section id="summary" class="summary" aria-label="Summary">\n` +
    `<h2 class="visually-hidden">Summary</h2>\n` +
    `<div class="designs">${parts.designs}</div>\n${parts.figures}\n${parts.findings}\n` +
    (parts.note ? `<p class="summary-note">${parts.note}</p>\n` : '') +
    `</section>`
  );
}

/** Plain-English findings of one design (run): each headline figure in a sentence, judged against the limits. */
export function runFindings(
  metrics: Metrics,
  limits: { maxOverloadIndex: number; maxTurnoverPerYear: number } = { maxOverloadIndex: 1, maxTurnoverPerYear: 0.25 },
  /** The scenario run: with it, the referrals received are split into entered, routes and re-referrals. */
  scenario?: Scenario,
): string {
  const m = (id: MetricId) => est(metrics[id]);
  const items: string[] = [];
  const wait = m('waitDays');
  const seen = m('seenWithin28DaysShare');
  if (Number.isFinite(wait.mean))
    items.push(
      `A patient waits ${esc(formatEstimate('waitDays', wait))} days on average for a first appointment${Number.isFinite(seen.mean) ? `; ${esc(formatValue('seenWithin28DaysShare', seen.mean))} are seen within 28 days` : ''}.`,
    );
  const needs = m('needsMetPerYear');
  const share = m('needMetShare');
  if (Number.isFinite(needs.mean))
    items.push(
      `${esc(formatEstimate('needsMetPerYear', needs))} people a year end their episode with the need met${Number.isFinite(share.mean) ? ` (${esc(formatValue('needMetShare', share.mean))} of episodes ending)` : ''}; ${esc(formatEstimate('unmetNeedShare', m('unmetNeedShare')))} of those discharged leave with unmet need.`,
    );
  if (scenario) {
    const split = referralsReceivedSplit(scenario, resolveLevers(scenario), m('referralsPerMonth').mean, m('reReferralShare').mean);
    const entered = scenario.referrals.practices.reduce((a, p) => a + p.referralsPerMonth, 0);
    if (split) items.push(`${esc(split.words)} (${esc(num(entered))} a month entered).`);
  }
  const over = m('overloadIndex');
  if (Number.isFinite(over.mean)) {
    const within = over.ci95[1] <= limits.maxOverloadIndex;
    const beyond = over.ci95[0] > limits.maxOverloadIndex;
    const tag = within
      ? '<span class="verdict better">✔ within capacity</span>'
      : beyond
        ? '<span class="verdict worse">✖ overloaded</span>'
        : '<span class="verdict none">at the limit</span>';
    items.push(
      `The overload index is ${esc(formatEstimate('overloadIndex', over))}: ${over.mean > 1 ? 'more work falls due than the workers have time for' : 'the work that falls due fits in the time contracted'} ${tag}`,
    );
  }
  const turnover = m('turnoverPerYear');
  if (Number.isFinite(turnover.mean)) {
    const tag =
      turnover.ci95[1] <= limits.maxTurnoverPerYear
        ? '<span class="verdict better">✔ within the limit</span>'
        : turnover.ci95[0] > limits.maxTurnoverPerYear
          ? '<span class="verdict worse">✖ above the limit</span>'
          : '<span class="verdict none">limit inside the interval</span>';
    items.push(`Turnover is ${esc(formatEstimate('turnoverPerYear', turnover))} leavers per post a year (limit ${esc(num(limits.maxTurnoverPerYear))}) ${tag}`);
  }
  const cost = m('costPerYear');
  if (Number.isFinite(cost.mean))
    items.push(
      `The service costs ${esc(formatValue('costPerYear', cost.mean))} a year: ${esc(formatEstimate('costPerPatientSeen', m('costPerPatientSeen')))} per patient seen and ${esc(formatEstimate('costPerNeedMet', m('costPerNeedMet')))} per person with need met.`,
    );
  return `<h3>Findings</h3><ul class="findings">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}
