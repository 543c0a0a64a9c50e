/**
 * The natural range of every metric, for intervals that stay inside it (./summary.ts).
 *
 * Derived from the metric's unit in src/model/metrics.ts: a `share` or a `0–1` score lies in
 * [0, 1]; everything else the model reports (days, patients, rates, ratios, hours) is a count,
 * a time or a ratio of non-negative quantities, so it is ≥ 0 with no upper bound. No metric can
 * be negative. Exceptions by id go in RANGE_BY_ID (none today: `utilisation`, a share, stays
 * ≤ 1 because sessions are only started where they fit in a block). A metric added to METRICS
 * gets its range from its unit automatically; tests/experiment/summary.test.ts checks that every
 * replication value of every scenario file lies inside its metric's range.
 */
import { METRIC_BY_ID, type MetricId, type SeriesId } from '../model/index.js';

/** [low, high]; an end may be infinite. */
export type Range = readonly [number, number];

export const UNBOUNDED: Range = [-Infinity, Infinity];
export const NON_NEGATIVE: Range = [0, Infinity];
export const UNIT_INTERVAL: Range = [0, 1];

/** Units whose values are shares or scores in [0, 1]. */
const UNIT_INTERVAL_UNITS = new Set(['share', '0–1']);

/** Ranges that the unit alone would get wrong. */
const RANGE_BY_ID: Partial<Record<MetricId, Range>> = {};

export function rangeOfUnit(unit: string): Range {
  return UNIT_INTERVAL_UNITS.has(unit) ? UNIT_INTERVAL : NON_NEGATIVE;
}

/** The natural range of a metric (by id; unknown ids are taken as ≥ 0). */
export function metricRange(id: MetricId | string): Range {
  // Own entries only: an id read back from a file may be any text, e.g. "constructor".
  const override = Object.hasOwn(RANGE_BY_ID, id) ? RANGE_BY_ID[id as MetricId] : undefined;
  if (override) return override;
  const m = Object.hasOwn(METRIC_BY_ID, id) ? METRIC_BY_ID[id as MetricId] : undefined;
  return m ? rangeOfUnit(m.unit) : NON_NEGATIVE;
}

/** Weekly series (waiting list, caseload, overload index, referrals) are all ≥ 0. */
export function seriesRange(_id: SeriesId): Range {
  return NON_NEGATIVE;
}
