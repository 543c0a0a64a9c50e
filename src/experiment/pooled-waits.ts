/**
 * Quantiles of the waits themselves, pooled over replications.
 *
 * "Half of patients wait less than X days" is a statement about the pooled distribution of all
 * patients' waits, not about the mean over replications of each replication's own median: with a
 * vacancy in a quarter of the replications, the mean of the replications' 90th percentiles is a
 * wait that far more than 90 % of patients are seen within (docs/model.md §9). So the median and
 * 90th-percentile metrics are the quantiles of the pooled waits of every replication (each
 * replication's patients counted once, exactly, from its quarter-hour counts), and their 95 %
 * interval comes from resampling replications (the independent units), not patients:
 * the expanded percentile interval of B = 999 bootstrap resamples of the replications, each pooled again.
 * Resampling uses one fixed seed, so the interval is the same whatever the threads or shards, and
 * two designs compared with the same number of replications share the resamples (a paired
 * difference resamples the pairs). Per-replication quantiles are still in replications.csv.
 */
import seedrandom from 'seedrandom';
import { WAIT_BIN_DAYS, WAIT_LAST_BIN, type MetricId, type ReplicationResult, type WaitCounts } from '../model/index.js';
import { tQuantile95, type MetricSummary } from './summary.js';
import * as math from '../random/math.js';

/** The wait metrics that are quantiles of the pooled waits, and their q. */
export const POOLED_QUANTILES: Readonly<Partial<Record<MetricId, number>>> = Object.freeze({ waitMedianDays: 0.5, waitP90Days: 0.9 });

/** The q of a pooled-quantile metric, or undefined for any other metric. */
export function pooledQuantileOf(id: MetricId | string): number | undefined {
  return Object.hasOwn(POOLED_QUANTILES, id) ? POOLED_QUANTILES[id as MetricId] : undefined;
}

/** Bootstrap resamples of the replications. */
export const BOOTSTRAP_RESAMPLES = 999;
const SEED = 'goldilocks:pooled-waits';

/** One replication's counts with running totals, for its CDF at any bin by binary search. */
interface Prepared {
  zeros: number;
  total: number;
  bins: Uint32Array;
  /** cum[k]: zeros plus the patients in bins[0..k]. */
  cum: Float64Array;
}

function prepare(w: WaitCounts): Prepared {
  const cum = new Float64Array(w.bins.length);
  let c = w.zeros;
  for (let k = 0; k < w.bins.length; k++) cum[k] = c += w.counts[k];
  return { zeros: w.zeros, total: w.total, bins: w.bins, cum };
}

/** Patients of one replication with a wait in bin ≤ j (zeros included). */
function upTo(p: Prepared, j: number): number {
  // Last k with bins[k] ≤ j.
  let lo = 0;
  let hi = p.bins.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (p.bins[mid] <= j) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? p.zeros : p.cum[lo - 1];
}

/** The first bin where a replication's running count reaches q of its patients (−1 among the zero waits). */
function quantileBin(p: Prepared, q: number): number {
  const target = q * p.total;
  if (target <= p.zeros) return -1;
  for (let k = 0; k < p.bins.length; k++) if (p.cum[k] >= target) return p.bins[k];
  return WAIT_LAST_BIN;
}

/** Largest table of running counts kept for the bootstrap (replications × bins): 8 MB. */
const TABLE_CELLS = 1 << 20;

/**
 * The q-quantile of the pooled waits of a set of replications, each taken `weight[i]` times.
 * The pooled running count at bin j is the weighted sum of each replication's, and the pooled
 * quantile's bin lies between the smallest and the largest replication's own quantile bin
 * (below all of them every replication is under q, above all of them every one is over), so the
 * search and, when small enough, a table of running counts cover only that window.
 */
export class PooledWaits {
  private readonly reps: Prepared[];
  private readonly from: number;
  private readonly to: number;
  /** Running counts per replication over bins from − 1 … to, row-major, or null when too large. */
  private readonly table: Float64Array | null;
  private readonly width: number;

  constructor(
    counts: readonly WaitCounts[],
    private readonly q: number,
  ) {
    this.reps = counts.map(prepare);
    let from = WAIT_LAST_BIN;
    let to = 0;
    for (const p of this.reps) {
      const b = Math.max(0, quantileBin(p, q));
      from = Math.min(from, b);
      to = Math.max(to, b);
    }
    this.from = Math.min(from, to);
    this.to = to;
    this.width = this.to - this.from + 2;
    if (this.reps.length * this.width <= TABLE_CELLS) {
      const t = new Float64Array(this.reps.length * this.width);
      this.reps.forEach((p, i) => {
        for (let j = this.from - 1; j <= this.to; j++) t[i * this.width + (j - this.from + 1)] = j < 0 ? p.zeros : upTo(p, j);
      });
      this.table = t;
    } else this.table = null;
  }

  get size(): number {
    return this.reps.length;
  }

  /** Pooled patients with a wait in bin ≤ j (from − 1 ≤ j ≤ to). */
  private cdf(weight: ArrayLike<number>, j: number): number {
    let c = 0;
    const t = this.table;
    for (let i = 0; i < this.reps.length; i++) {
      const w = weight[i];
      if (w === 0) continue;
      c += w * (t ? t[i * this.width + (j - this.from + 1)] : j < 0 ? this.reps[i].zeros : upTo(this.reps[i], j));
    }
    return c;
  }

  /**
   * The pooled q-quantile: 0 when it falls among the zero waits, else linear within its quarter
   * hour (as one replication's quantile is), two years in the open last bin; NaN when nobody counted.
   */
  quantile(weight: ArrayLike<number>): number {
    let total = 0;
    let zeros = 0;
    for (let i = 0; i < this.reps.length; i++) {
      total += weight[i] * this.reps[i].total;
      zeros += weight[i] * this.reps[i].zeros;
    }
    if (total === 0) return NaN;
    const target = this.q * total;
    if (target <= zeros) return 0;
    // Smallest bin j in [from, to] with cdf(j) ≥ target.
    let lo = this.from;
    let hi = this.to;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cdf(weight, mid) >= target) hi = mid;
      else lo = mid + 1;
    }
    if (lo >= WAIT_LAST_BIN) return WAIT_LAST_BIN * WAIT_BIN_DAYS;
    const below = this.cdf(weight, lo - 1);
    return (lo + (target - below) / (this.cdf(weight, lo) - below)) * WAIT_BIN_DAYS;
  }
}

/** The pooled quantile of replications' waits, with the 95 % bootstrap interval over replications. */
export function pooledQuantileSummary(replications: ReadonlyArray<Pick<ReplicationResult, 'waitCounts'>>, q: number): MetricSummary {
  const pooled = new PooledWaits(
    replications.filter((r) => r.waitCounts.total > 0).map((r) => r.waitCounts),
    q,
  );
  return bootstrapSummary(pooled.size, (w) => pooled.quantile(w));
}

/**
 * The paired difference design − baseline of pooled quantiles (replication i of one paired with
 * replication i of the other, common random numbers), with its 95 % interval from resampling pairs.
 */
export function pooledQuantileDifference(
  baseline: ReadonlyArray<Pick<ReplicationResult, 'waitCounts'>>,
  design: ReadonlyArray<Pick<ReplicationResult, 'waitCounts'>>,
  q: number,
): MetricSummary {
  const pairs = Math.min(baseline.length, design.length);
  const a = new PooledWaits(
    baseline.slice(0, pairs).map((r) => r.waitCounts),
    q,
  );
  const b = new PooledWaits(
    design.slice(0, pairs).map((r) => r.waitCounts),
    q,
  );
  return bootstrapSummary(pairs, (w) => b.quantile(w) - a.quantile(w));
}

/**
 * The estimate at weights 1, and the SD and the expanded-percentile 95 % interval of B resamples
 * of the n units. A plain percentile interval is too narrow with few units (it covered 88–94 % in
 * the coverage study at 10–20 replications): Hesterberg's expanded percentile interval (Am Stat
 * 2015, 69:371) takes the percentiles at α′/2 = Φ(−√(n/(n − 1))·t₀.₉₇₅,ₙ₋₁) instead of 2.5 %,
 * which widens it by the factors a t-interval has over a z-interval with the divisor n.
 */
function bootstrapSummary(n: number, estimate: (weight: ArrayLike<number>) => number, tailFor: (n: number) => number = expandedTail): MetricSummary {
  if (n === 0) return { mean: NaN, ci95: [NaN, NaN], sd: NaN, n: 0 };
  const value = estimate(new Float64Array(n).fill(1));
  if (n === 1 || !Number.isFinite(value)) return { mean: value, ci95: [NaN, NaN], sd: NaN, n };
  const random = seedrandom.alea(SEED);
  const weight = new Float64Array(n);
  const draws: number[] = [];
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    weight.fill(0);
    for (let k = 0; k < n; k++) weight[Math.floor(random() * n)]++;
    const x = estimate(weight);
    if (Number.isFinite(x)) draws.push(x);
  }
  if (draws.length < 2) return { mean: value, ci95: [NaN, NaN], sd: NaN, n };
  draws.sort((x, y) => x - y);
  let m = 0;
  for (const x of draws) m += x;
  m /= draws.length;
  let ss = 0;
  for (const x of draws) ss += (x - m) ** 2;
  const tail = tailFor(n);
  // The (B + 1)·p-th order statistic, the usual percentile rule (25th and 975th of 999 at p = 2.5 %).
  const at = (p: number) => draws[Math.min(draws.length - 1, Math.max(0, Math.round((draws.length + 1) * p) - 1))];
  return { mean: value, ci95: [Math.min(value, at(tail)), Math.max(value, at(1 - tail))], sd: Math.sqrt(ss / (draws.length - 1)), n };
}

/** α′/2 of the expanded percentile interval for n units (2.5 % as n grows). */
export function expandedTail(n: number, t = tQuantile95(n - 1)): number {
  return math.normalCdf(-Math.sqrt(n / (n - 1)) * t);
}

/**
 * The pooled quantile with one-sided bounds at level 1 − `alpha` each (the expanded percentile
 * rule with the t-quantile t₁₋α,ₙ₋₁): `ci95` holds [lower, upper] of a two-sided 1 − 2α interval.
 */
export function pooledQuantileBounds(replications: ReadonlyArray<Pick<ReplicationResult, 'waitCounts'>>, q: number, alpha: number): MetricSummary {
  const pooled = new PooledWaits(
    replications.filter((r) => r.waitCounts.total > 0).map((r) => r.waitCounts),
    q,
  );
  return bootstrapSummary(
    pooled.size,
    (w) => pooled.quantile(w),
    (n) => expandedTail(n, math.tQuantile(1 - alpha, n - 1)),
  );
}
