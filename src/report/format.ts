/**
 * The one number format of every table people read: the CLI's tables, report.html and the
 * summary page (JSON and CSV files keep full precision). Driven by the metric's unit in
 * METRICS (src/model/metrics.ts):
 *
 *   unit                    shown as           e.g.
 *   share                   whole per cent     "21 %"      (differences in percentage points, 1 decimal: "−4.2 pp")
 *   GBP                     nearest pound      "£41,213"
 *   days, patients, per month, h per post-week, days per post-year    1 decimal
 *   sessions, ratio, 0–1, leavers per post-year                          2 decimals
 *   people per year, per year                                            whole numbers
 *
 * Anything else falls back to three significant figures. Not a number prints as "–". Negative
 * numbers use the minus sign (−); differences carry an explicit sign (+/−).
 */
import { metricRange } from '../experiment/ranges.js';
import { METRIC_BY_ID, type MetricId } from '../model/metrics.js';
import { groupThousands } from '../scenario/errors.js';

interface UnitFormat {
  /** Decimals of a value (and of a difference, unless `differenceDecimals`). */
  decimals: number;
  differenceDecimals?: number;
  /** Multiply by 100 and show "%" (values) or "pp" (differences). */
  percent?: boolean;
  /** Prefix "£". */
  pounds?: boolean;
}

const UNIT_FORMATS: Record<string, UnitFormat> = {
  share: { decimals: 0, differenceDecimals: 1, percent: true },
  GBP: { decimals: 0, pounds: true },
  days: { decimals: 1 },
  patients: { decimals: 1 },
  'per month': { decimals: 1 },
  'h per post-week': { decimals: 1 },
  'days per post-year': { decimals: 1 },
  sessions: { decimals: 2 },
  ratio: { decimals: 2 },
  '0–1': { decimals: 2 },
  'leavers per post-year': { decimals: 2 },
  'people per year': { decimals: 0 },
  'per year': { decimals: 0 },
};

const MINUS = '−';

export { groupThousands };

/** A number with a fixed number of decimals, minus sign, thousands grouped ("1,234.5"). */
function fixed(x: number, decimals: number, sign: boolean): string {
  let text = Math.abs(x).toFixed(decimals);
  if (Math.abs(x) >= 1_000) text = groupThousands(text);
  const zero = Number(text.replace(/,/g, '')) === 0;
  const s = zero ? '' : x < 0 ? MINUS : sign ? '+' : '';
  return `${s}${text}`;
}

/** Three significant figures, for units without a rule (and plain numbers). */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  const decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  return fixed(x, decimals, false);
}

function unitFormat(id: MetricId | string): UnitFormat | undefined {
  const unit = METRIC_BY_ID[id as MetricId]?.unit;
  return unit === undefined ? undefined : UNIT_FORMATS[unit];
}

export interface FormatOptions {
  /** The interval is one-sided (every replication at a bound, docs/model.md §9): printed "≤ x" or "≥ x". */
  oneSided?: boolean;
  /** A difference: explicit sign, percentage points for shares. */
  difference?: boolean;
  /** Leave out the "%"/"pp" after a share (a column already says it). */
  bare?: boolean;
  /** Decimals beyond the unit's (a difference shown beside a threshold finer than the unit's). */
  extraDecimals?: number;
}

/**
 * Extra decimals so that a practical threshold shows at least two digits (±0.067, not ±0.1), and the
 * differences and intervals beside it the same decimals: a verdict then never contradicts the
 * digits shown (a "+0.1 [0.0, +0.1]" that is "higher" than a "±0.1" threshold).
 */
export function thresholdDecimals(id: MetricId | string, threshold: number): number {
  const f = unitFormat(id);
  if (!f || !Number.isFinite(threshold) || threshold === 0) return 0;
  const decimals = f.differenceDecimals ?? f.decimals;
  const shown = Math.abs(threshold) * (f.percent ? 100 : 1);
  let extra = 0;
  while (extra < 4 && Math.round(shown * 10 ** (decimals + extra)) < 10) extra++;
  return extra;
}

/** One value of a metric in its display format: "29.2", "21 %", "£41,213", "+4.2 pp". */
export function formatValue(id: MetricId | string, x: number, opts: FormatOptions = {}): string {
  if (!Number.isFinite(x)) return '–';
  const f = unitFormat(id);
  const sign = opts.difference === true;
  if (!f) return sign && x > 0 ? `+${formatNumber(x)}` : formatNumber(x);
  const decimals = (sign && f.differenceDecimals !== undefined ? f.differenceDecimals : f.decimals) + (opts.extraDecimals ?? 0);
  if (f.percent) {
    const body = fixed(x * 100, decimals, sign);
    return opts.bare ? body : `${body} ${sign ? 'pp' : '%'}`;
  }
  if (f.pounds) {
    const body = fixed(x, decimals, sign);
    return body.replace(/^([+−]?)/, '$1£');
  }
  return fixed(x, decimals, sign);
}

/** A practical threshold (a difference either way): "±1.0", "±2.0 pp", "±£2,061". */
export function formatThreshold(id: MetricId | string, x: number): string {
  if (!Number.isFinite(x)) return '–';
  return `±${formatValue(id, Math.abs(x), { difference: true, extraDecimals: thresholdDecimals(id, x) }).replace(/^\+/, '')}`;
}

/** A 95 % interval: "25.5 to 33.5", "20 to 23 %", "£480 to £720"; "–" when either end is missing. */
export function formatInterval(
  id: MetricId | string,
  ci: readonly [number, number] | readonly (number | null)[] | undefined,
  opts: FormatOptions & { joiner?: string } = {},
): string {
  if (!ci) return '–';
  const lo = typeof ci[0] === 'number' ? ci[0] : NaN;
  const hi = typeof ci[1] === 'number' ? ci[1] : NaN;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return '–';
  const joiner = opts.joiner ?? ' to ';
  const f = unitFormat(id);
  if (opts.oneSided) {
    // From a bound to a limit: a share at 1 has a lower limit, everything else at 0 an upper one.
    const lower = hi === metricRange(id)[1];
    const [bound, limit] = lower ? [hi, lo] : [lo, hi];
    // Decimals enough that the limit does not print as the bound ("≤ 0.04 %", not "≤ 0 %").
    let extra = opts.extraDecimals ?? 0;
    const shown = (x: number) => formatValue(id, x, { ...opts, extraDecimals: extra });
    while (shown(limit) === shown(bound) && extra < (opts.extraDecimals ?? 0) + 4) extra++;
    return `${lower ? '≥' : '≤'} ${shown(limit)}`;
  }
  // An interval of some width never prints as one of none ("0 to 0 %" for a one-sided bound of
  // 0.04 %, docs/model.md §9): more decimals until its ends differ, at most four more.
  let more = opts.extraDecimals ?? 0;
  const end = (x: number) => formatValue(id, x, { ...opts, extraDecimals: more, bare: f?.percent ? true : opts.bare });
  while (lo !== hi && end(lo) === end(hi) && more < (opts.extraDecimals ?? 0) + 4) more++;
  if (f?.percent && !opts.bare) {
    const unit = opts.difference ? 'pp' : '%';
    return `${end(lo)}${joiner}${end(hi)} ${unit}`;
  }
  return `${end(lo)}${joiner}${end(hi)}`;
}

/** A value with its interval: "29.2 (25.5 to 33.5)", "21 % (20 to 23 %)". */
export function formatEstimate(
  id: MetricId | string,
  s: { mean: number | null; ci95?: readonly [number, number] | readonly (number | null)[] },
  opts: FormatOptions = {},
): string {
  const mean = typeof s.mean === 'number' ? s.mean : NaN;
  // An interval of no width (every replication the same, e.g. a salary bill) says nothing more.
  if (s.ci95 && s.ci95[0] === s.ci95[1]) return formatValue(id, mean, opts);
  const ci = formatInterval(id, s.ci95, opts);
  return ci === '–' ? formatValue(id, mean, opts) : `${formatValue(id, mean, opts)} (${ci})`;
}

/**
 * The unit to print beside a metric's label, or '' when its values carry it ("%", "£"):
 * "Wait for first appointment (days)" but "Seen within 14 days", "Cost a year".
 */
export function displayUnit(id: MetricId | string): string {
  const unit = METRIC_BY_ID[id as MetricId]?.unit ?? '';
  if (unit === 'share' || unit === 'GBP') return '';
  return unit;
}

/** A metric's label with its display unit: "Waiting list (patients)", "Need met". */
export function labelWithUnit(id: MetricId | string): string {
  const m = METRIC_BY_ID[id as MetricId];
  if (!m) return String(id);
  const u = displayUnit(id);
  return u ? `${m.label} (${u})` : m.label;
}
