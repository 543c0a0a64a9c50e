/**
 * The distribution of waits for a first appointment in one replication, for the planners' wait
 * metrics beside the mean: median, 90th percentile, and the share seen within 14 and 28 days.
 * Memory is fixed (a quarter-hour histogram up to two years), whatever the number of patients.
 *
 * Who counts: patients referred after warm-up. For the quantiles, those seen before the horizon
 * with their wait, and those still waiting at the horizon with their wait so far (right-censored,
 * so a quantile is a lower bound when many are still waiting; patients who dropped out are not in
 * it). For "seen within N days", patients referred at least N days before the horizon, so the
 * outcome is known: dropping out or still waiting counts as not seen within N days.
 */
import { DAY } from './time.js';

const BIN_DAYS = 1 / 96; // quarter-hour bins
const BINS = 2 * 366 * 96;
export const WITHIN_DAYS = [14, 28] as const;

/** A bin of waits [fromDays, toDays) and the patients in it. */
export interface WaitBin {
  fromDays: number;
  toDays: number;
  patients: number;
}

/**
 * Bins for export (an ECDF of waits whatever their scale, in at most about 1,100 rows a
 * replication): quarter hours up to 2 days, hours to 7 days, 6 hours to 28 days, days beyond;
 * the last bin holds waits of two years or more (its upper edge is its lower edge).
 */
const EXPORT_STEPS: ReadonlyArray<[upToDays: number, stepBins: number]> = [
  [2, 1],
  [7, 4],
  [28, 24],
  [BINS / 96, 96],
];

export class WaitDistribution {
  private readonly counts = new Uint32Array(BINS + 1);
  private count = 0;
  private readonly cohort = new Float64Array(WITHIN_DAYS.length);
  private readonly seen = new Float64Array(WITHIN_DAYS.length);

  constructor(private readonly horizon: number) {}

  /** A patient referred at `referredAt` was seen after `waitDays`, dropped out (null), or is still waiting at the horizon (Infinity). */
  record(referredAt: number, waitDays: number | null): void {
    if (waitDays !== null) {
      const days = waitDays === Infinity ? (this.horizon - referredAt) / DAY : waitDays;
      this.counts[Math.min(BINS, Math.floor(days / BIN_DAYS))]++;
      this.count++;
    }
    for (let k = 0; k < WITHIN_DAYS.length; k++) {
      if (referredAt > this.horizon - WITHIN_DAYS[k] * DAY) continue;
      this.cohort[k]++;
      if (waitDays !== null && waitDays <= WITHIN_DAYS[k]) this.seen[k]++;
    }
  }

  /** The q-quantile (linear within the quarter hour); two years when it lies beyond. */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const target = q * this.count;
    let cum = 0;
    for (let i = 0; i < BINS; i++) {
      const c = this.counts[i];
      if (c > 0 && cum + c >= target) return (i + (target - cum) / c) * BIN_DAYS;
      cum += c;
    }
    return BINS * BIN_DAYS;
  }

  /** The non-empty export bins (see EXPORT_STEPS), in order. */
  bins(): WaitBin[] {
    const out: WaitBin[] = [];
    let i = 0;
    for (const [upTo, step] of EXPORT_STEPS) {
      const end = Math.round(upTo / BIN_DAYS);
      for (; i < end; i += step) {
        let c = 0;
        for (let j = i; j < i + step; j++) c += this.counts[j];
        if (c > 0) out.push({ fromDays: i / 96, toDays: (i + step) / 96, patients: c });
      }
    }
    if (this.counts[BINS] > 0) out.push({ fromDays: BINS / 96, toDays: BINS / 96, patients: this.counts[BINS] });
    return out;
  }

  /** Share seen within WITHIN_DAYS[k] days (NaN when nobody qualifies). */
  seenWithin(k: number): number {
    return this.cohort[k] > 0 ? this.seen[k] / this.cohort[k] : NaN;
  }
}
