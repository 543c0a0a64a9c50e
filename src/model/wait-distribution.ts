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

/**
 * One replication's waits at full resolution, sparse (only non-empty quarter-hour bins), so that
 * replications can be pooled exactly for the pooled quantiles (src/experiment/pooled-waits.ts).
 * Waits of exactly zero (seen the moment they were referred) are counted apart, so a quantile that
 * falls among them is 0, not smeared over the first quarter hour.
 */
export interface WaitCounts {
  /** Patients with a wait of exactly zero. */
  zeros: number;
  /** Indices of the non-empty bins, ascending: bin i holds waits in (i, i + 1] × BIN_DAYS days (bin BINS: two years or more). */
  bins: Uint32Array;
  /** Patients in each of those bins. */
  counts: Uint32Array;
  /** All patients counted: zeros plus the bins. */
  total: number;
}

/** Width of a bin in days (a quarter hour) and the index of the open last bin. */
export const WAIT_BIN_DAYS = BIN_DAYS;
export const WAIT_LAST_BIN = BINS;

/**
 * The q-quantile of sparse counts (bins ascending): 0 when it falls among the zero waits, else
 * linear within its quarter hour; two years when it falls in the open last bin.
 */
export function quantileOfCounts(zeros: number, total: number, q: number, bins: ArrayLike<number>, counts: ArrayLike<number>): number {
  if (total === 0) return NaN;
  const target = q * total;
  if (target <= zeros) return 0;
  let cum = zeros;
  for (let k = 0; k < bins.length; k++) {
    const c = counts[k];
    if (c > 0 && cum + c >= target) return bins[k] >= BINS ? BINS * BIN_DAYS : (bins[k] + (target - cum) / c) * BIN_DAYS;
    cum += c;
  }
  return BINS * BIN_DAYS;
}

/**
 * Histograms handed back by finished replications (`release`), already zeroed: a run of many
 * short replications would otherwise allocate and zero 280 kB for each.
 * A few are kept, enough for replications whose lives overlap in one thread.
 */
const spare: Uint32Array[] = [];
const MAX_SPARE = 4;

const RELEASED = new Uint32Array(0);

export class WaitDistribution {
  private counts: Uint32Array = spare.pop() ?? new Uint32Array(BINS + 1);
  private count = 0;
  private zeros = 0;
  /** The highest bin holding a patient: the exports scan only up to it, not all two years of quarter hours. */
  private top = -1;
  private readonly cohort = new Float64Array(WITHIN_DAYS.length);
  private readonly seen = new Float64Array(WITHIN_DAYS.length);

  constructor(private readonly horizon: number) {}

  /** A patient referred at `referredAt` was seen after `waitDays`, dropped out (null), or is still waiting at the horizon (Infinity). */
  record(referredAt: number, waitDays: number | null): void {
    if (waitDays !== null) {
      const days = waitDays === Infinity ? (this.horizon - referredAt) / DAY : waitDays;
      if (days <= 0) this.zeros++;
      else {
        const bin = Math.min(BINS, Math.floor(days / BIN_DAYS));
        this.counts[bin]++;
        if (bin > this.top) this.top = bin;
      }
      this.count++;
    }
    for (let k = 0; k < WITHIN_DAYS.length; k++) {
      if (referredAt > this.horizon - WITHIN_DAYS[k] * DAY) continue;
      this.cohort[k]++;
      if (waitDays !== null && waitDays <= WITHIN_DAYS[k]) this.seen[k]++;
    }
  }

  /** The q-quantile of this replication (quantileOfCounts: 0 among the zero waits, linear within the quarter hour). */
  quantile(q: number): number {
    const s = this.sparse();
    return quantileOfCounts(s.zeros, s.total, q, s.bins, s.counts);
  }

  /** The waits as sparse counts, for pooling replications. */
  sparse(): WaitCounts {
    let nonEmpty = 0;
    for (let i = 0; i <= this.top; i++) if (this.counts[i] > 0) nonEmpty++;
    const bins = new Uint32Array(nonEmpty);
    const counts = new Uint32Array(nonEmpty);
    for (let i = 0, k = 0; i <= this.top; i++) {
      if (this.counts[i] === 0) continue;
      bins[k] = i;
      counts[k++] = this.counts[i];
    }
    return { zeros: this.zeros, bins, counts, total: this.count };
  }

  /** The non-empty export bins (see EXPORT_STEPS), in order. */
  bins(): WaitBin[] {
    // Zero waits are a bin of their own, [0, 0]: the ECDF jumps at 0 instead of rising over the first quarter hour.
    const out: WaitBin[] = this.zeros > 0 ? [{ fromDays: 0, toDays: 0, patients: this.zeros }] : [];
    let i = 0;
    for (const [upTo, step] of EXPORT_STEPS) {
      const end = Math.min(Math.round(upTo / BIN_DAYS), this.top + 1);
      for (; i < end; i += step) {
        let c = 0;
        for (let j = i; j < i + step; j++) c += this.counts[j];
        if (c > 0) out.push({ fromDays: i / 96, toDays: (i + step) / 96, patients: c });
      }
    }
    if (this.counts[BINS] > 0) out.push({ fromDays: BINS / 96, toDays: BINS / 96, patients: this.counts[BINS] });
    return out;
  }

  /**
   * Done with this replication: the histogram is zeroed (only up to the highest bin used) and kept
   * for the next one. The quantiles, bins and sparse counts must have been read before.
   */
  release(): void {
    const c = this.counts;
    if (c.length === 0) return;
    c.fill(0, 0, this.top + 1);
    c[BINS] = 0;
    this.counts = RELEASED;
    if (spare.length < MAX_SPARE) spare.push(c);
  }

  /** Patients whose outcome at WITHIN_DAYS[k] days is known (the share's denominator). */
  cohortSize(k: number): number {
    return this.cohort[k];
  }

  /** Share seen within WITHIN_DAYS[k] days (NaN when nobody qualifies). */
  seenWithin(k: number): number {
    return this.cohort[k] > 0 ? this.seen[k] / this.cohort[k] : NaN;
  }
}
