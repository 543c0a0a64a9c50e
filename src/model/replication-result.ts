/**
 * What one replication returns (ReplicationResult) and the per-worker time use it reports: the
 * types the statistics fill in and every later layer reads (experiment, report, jobs).
 */
import type { MetricId, MetricValues, SeriesId } from './metrics.js';
import type { WorkerView } from './monitor.js';
import type { WaitBin, WaitCounts } from './wait-distribution.js';

/** Bins of the wait histogram: whole days 0 … WAIT_BINS − 2, and a last bin for longer waits. */
export const WAIT_BINS = 121;

export type MinutesBy = Record<'busy' | 'admin' | 'travel' | 'remit' | 'networking' | 'other' | 'contracted', number>;

/** Hours a week by activity from minutes over `weeks` weeks of the window, per one of `workers`. */
export function timeUseOf(m: MinutesBy, workers: number, weeks: number): TimeUse {
  const week = (minutes: number) => minutes / 60 / workers / weeks;
  return {
    sessions: week(m.busy - m.admin - m.travel),
    admin: week(m.admin),
    travel: week(m.travel),
    outOfRemit: week(m.remit),
    networking: week(m.networking),
    otherDuties: week(m.other),
    idle: week(Math.max(0, m.contracted - m.busy - m.remit - m.networking - m.other)),
  };
}

/** Hours per worker-week by activity, over the window (for "a worker's week"). */
export interface TimeUse {
  sessions: number;
  admin: number;
  travel: number;
  outOfRemit: number;
  networking: number;
  otherDuties: number;
  idle: number;
}

export interface ReplicationResult {
  metrics: MetricValues;
  /** Patients whose first appointment came after a wait of d whole days (d < WAIT_BINS − 1), and longer. */
  waitHistogram: number[];
  timeUse: TimeUse;
  /** Hours a week by activity for each post (in post order: group by group, as buildPosts), over the window; `idle` includes no leave or vacancy. */
  postTimeUse: TimeUse[];
  /** The wait distribution's non-empty bins (seen, and still waiting with the wait so far), for an ECDF. */
  waitBins: WaitBin[];
  /** The same waits at full resolution, for the pooled quantiles over replications. */
  waitCounts: WaitCounts;
  /**
   * For metrics that are a count over a denominator (shares, rates): the denominator in
   * independent units (patients, post-years, replications), for a one-sided 95 % bound when
   * every replication sits at the metric's bound (see src/experiment/summary.ts).
   */
  exposure: Partial<Record<MetricId, number>>;
  /** Weekly series, one entry per completed week from week 0 (warm-up weeks included; `week` is 0-based). */
  weekly: { week: number[]; series: Record<SeriesId, number[]> };
  /** Raw counts behind the metrics, for validation (Little's law, conservation). */
  diagnostics: {
    windowDays: number;
    referrals: number;
    waitingArrivals: number;
    waitingTimeDaysSum: number;
    waitingLeavers: number;
    allocations: number;
    caseloadTimeDaysSum: number;
    caseloadLeavers: number;
    discharges: number;
    events: number;
    /** Conservation over the whole run: created = released + live (see the conservation test). */
    created: number;
    released: number;
    live: number;
    droppedOutTotal: number;
    waitingAtEnd: number;
    activeAtEnd: number;
  };
}

export interface StatisticsOptions {
  warmup: number;
  horizon: number;
  workers: readonly WorkerView[];
}
