/**
 * Small pieces of the report's HTML that every kind of page uses (pure): tables, metric cells with
 * their intervals, metric names and units, definitions, verdicts and a few phrases. Numbers as
 * src/report/format.ts shows them; every non-finite number (NaN in memory, null in a JSON file)
 * shows as "–".
 */
import { METRICS } from '../../model/metrics.js';
import type { Scenario } from '../../scenario/schema.js';
import { formatInterval, formatValue, thresholdDecimals } from '../format.js';
import { esc, toNum, type Num } from '../html-text.js';
import { num } from '../assumptions.js';
import type { FactorValue } from '../sweep-tables.js';

/** A mean with its 95 % interval; a difference may carry the verdict's practical threshold. */
export interface Estimate {
  mean: Num;
  ci95: readonly [Num, Num];
  threshold?: Num;
  /** Every replication at a bound: the interval runs from it to a one-sided limit. */
  oneSided?: boolean;
  /** With --uncertainty: the interval with the assumptions' uncertainty added (src/experiment/uncertainty.ts). */
  ci95Total?: readonly [Num, Num];
}

/** The interval with the assumptions' uncertainty (--uncertainty) when it has two finite ends and some width, else null. */
export function shownTotal(s: { ci95Total?: readonly [Num, Num] } | undefined): [number, number] | null {
  const t = s?.ci95Total;
  if (!Array.isArray(t)) return null;
  const [lo, hi] = t;
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) && lo !== hi ? [lo, hi] : null;
}

/** Whether any of these estimates shows an interval with the assumptions' uncertainty (--uncertainty). */
export function hasTotalInterval(estimates: ReadonlyArray<Estimate | undefined>): boolean {
  return estimates.some((s) => shownTotal(s) !== null);
}

/** What a table with both intervals says of them, after its own lead. */
export const TOTAL_INTERVAL_NOTE =
  ' Under it, marked “+ assumptions”, the 95 % interval with the uncertainty of the assumed parameters added (--uncertainty; docs/model.md §11b).';

export const METRIC_INFO = new Map<string, { label: string; unit: string; definition: string; better: string | null }>(
  METRICS.map((m) => [m.id, { label: m.label, unit: m.unit, definition: m.definition, better: m.better }]),
);

/** Metric ids present in metrics objects, in the order of METRICS (unknown ids last). */
export function metricIds(...docs: ReadonlyArray<object>): string[] {
  const present = new Set(docs.flatMap((d) => Object.keys(d)));
  const known = METRICS.map((m) => m.id as string).filter((id) => present.has(id));
  return [...known, ...[...present].filter((id) => !METRIC_INFO.has(id)).sort()];
}

/** A metrics object looked up by any id (unknown ids of a newer version give undefined). */
export const metricOf = <T>(metrics: object, id: string): T | undefined =>
  Object.hasOwn(metrics, id) ? (metrics as Record<string, T | undefined>)[id] : undefined;

export function metricLabel(id: string): string {
  return METRIC_INFO.get(id)?.label ?? id;
}

function metricUnit(id: string): string {
  return METRIC_INFO.get(id)?.unit ?? '';
}

/** A unit for a table's unit column: "%" and "£" where the values are shares and pounds. */
export function unitColumn(id: string): string {
  const u = metricUnit(id);
  return u === 'share' ? '%' : u === 'GBP' ? '£' : u;
}

/** A practical threshold, when there is one (non-finite ones were written as null, or absent in older folders). */
export const finiteThreshold = (t: Num | undefined): number | null => (typeof t === 'number' && Number.isFinite(t) ? t : null);

/** A mean with its 95 % interval below, in the metric's display format (src/report/format.ts). */
export function metricCell(id: string, s: Estimate | undefined, sign = false): string {
  if (!s) return '<td class="num">–</td>';
  const mean = toNum(s.mean);
  const threshold = sign ? finiteThreshold(s.threshold) : null;
  const opts = { difference: sign, extraDecimals: threshold !== null ? thresholdDecimals(id, threshold) : 0 };
  // A design's or level's own estimate gains its interval with the assumptions (differences have their own table of them).
  const t = sign ? null : shownTotal(s);
  const total = t ? `<br><span class="ci total">+ assumptions ${esc(formatInterval(id, t, { ...opts, joiner: ' – ' }))}</span>` : '';
  return `<td class="num">${esc(formatValue(id, mean, opts))}<br><span class="ci">${esc(formatInterval(id, s.ci95, { ...opts, joiner: ' – ', oneSided: s.oneSided === true }))}</span>${total}</td>`;
}

export function table(head: string[], rows: string[], opts: { cls?: string; caption?: string; numeric?: boolean[] } = {}): string {
  const ths = head.map((h, i) => `<th scope="col"${opts.numeric?.[i] ? ' class="num"' : ''}>${h}</th>`).join('');
  const caption = opts.caption ? `<caption>${opts.caption}</caption>` : '';
  return `<div class="table-wrap"><table${opts.cls ? ` class="${opts.cls}"` : ''}>${caption}<thead><tr>${ths}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}

export function paragraphs(lines: readonly string[]): string {
  return `<ul class="words">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
}

/** A run length in years for prose: "1 year", "2.5 years". */
export function years(days: number): string {
  const y = Math.round((days / 365.25) * 100) / 100;
  return `${num(y)} ${y === 1 ? 'year' : 'years'}`;
}

/** A factor value for a table: numbers as the report writes them, text as it is. */
export function valueText(v: FactorValue): string {
  return typeof v === 'number' ? num(v) : v;
}

/** A size of effect (Morris μ*, σ) in the metric's unit, without a sign. */
export const effect = (id: string, x: number): string => formatValue(id, x, { difference: true }).replace(/^\+/, '');

/** First letter upper-case: a clause printed as a sentence of its own. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b or c": the designs a question chooses between. */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** A field path that may wrap only after its dots and brackets. */
export function pathHtml(path: string): string {
  return esc(path).replace(/([.\]])(?=.)/g, '$1<wbr>');
}

/** The run settings a document records. */
export interface Settings {
  seed: number;
  replications: number;
  horizonDays: number;
  warmupDays: number;
}

/** The scenario with its run section as actually run (command-line overrides win). */
export function asRun(s: Scenario, settings: Settings): Scenario {
  return {
    ...s,
    run: { ...s.run, years: settings.horizonDays / 365.25, warmupDays: settings.warmupDays, replications: settings.replications, seed: settings.seed },
  };
}

export function missingScenario(file: string, problem: string | null | undefined): string {
  return problem
    ? `<p class="note">${esc(file)} could not be read as a scenario (${esc(problem)}), so the scenario cannot be described here.</p>`
    : `<p class="note">${esc(file)} is not in this folder, so the scenario cannot be described here; see the scenario file that was run.</p>`;
}

export function definitions(ids: readonly string[]): string {
  const items = ids
    .filter((id) => METRIC_INFO.has(id))
    .map((id) => {
      const m = METRIC_INFO.get(id)!;
      const better = m.better ? ` <span class="better-dir">(${m.better} is better)</span>` : '';
      return `<dt>${esc(m.label)} <span class="unit">(${esc(m.unit)})</span></dt><dd>${esc(m.definition)}.${better}</dd>`;
    });
  return `<dl class="definitions">${items.join('')}</dl>`;
}

export function verdictPill(v: string): string {
  const cls = v === 'better' ? 'better' : v === 'worse' ? 'worse' : v === 'higher' || v === 'lower' ? 'neutral' : 'none';
  const mark = v === 'better' ? '✔ ' : v === 'worse' ? '✖ ' : '';
  return `<span class="verdict ${cls}">${esc(mark + v)}</span>`;
}

/** Every metric of one design: mean, interval and n. */
export function metricsTable(metrics: object): string {
  const ids = metricIds(metrics);
  const rows = ids.map((id) => {
    const s = metricOf<Estimate & { n?: number }>(metrics, id);
    return `<tr><th scope="row" title="${esc(METRIC_INFO.get(id)?.definition ?? '')}">${esc(metricLabel(id))}</th><td class="unit">${esc(unitColumn(id))}</td><td class="num">${esc(formatValue(id, toNum(s?.mean)))}</td><td class="num">${esc(formatInterval(id, s?.ci95, { joiner: ' – ', oneSided: s?.oneSided === true }))}</td><td class="num n">${esc(s?.n ?? '–')}</td></tr>`;
  });
  return table(['Metric', 'Unit', 'Estimate', '95 % CI', 'n'], rows, { cls: 'metrics long', numeric: [false, false, true, true, true] });
}
