/**
 * A coverage study of the 95 % intervals (docs/model.md §9, issue 19): how often an interval made
 * from n replications contains the true value, over many trials, before and after the change to
 * skewness-corrected intervals for means and pooled quantiles for wait percentiles.
 *
 * Two cases with a known truth:
 * - the built-in default scenario, whose replication values are skewed by vacancies: a population
 *   of P replications is run once; a trial draws n of them at random (with replacement), so the
 *   truth is known exactly: the population's mean, or the quantile of its pooled waits;
 * - synthetic replications of exponential waits (mean 1 day) where a quarter of replications have
 *   half the rate (a vacancy), so the truth is analytic: mean 1.25 days, quantiles solved exactly.
 * "Before" is the previous method: the mean over replications (of each replication's own quantile
 * for the wait percentiles) with a t-interval on the log (or logit) scale; its truth is the
 * population mean of what it averages. "After" is the current method (summary.ts, pooled-waits.ts).
 * Everything is seeded: the study gives the same figures on every machine.
 */
import seedrandom from 'seedrandom';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { runReplication, WAIT_BIN_DAYS, type MetricId, type ReplicationResult, type WaitCounts } from '../model/index.js';
import { loadDefaultScenario } from '../scenario/load.js';
import { runSettings, summariseMetric } from '../experiment/replications.js';
import { pooledQuantileOf } from '../experiment/pooled-waits.js';
import { tQuantile95 } from '../experiment/summary.js';
import { metricRange, type Range } from '../experiment/ranges.js';

export interface CoverageRow {
  case: 'default scenario' | 'exponential mixture';
  metric: MetricId;
  replications: number;
  trials: number;
  /** Share of trials whose interval contained the truth, previous method and current. */
  before: number;
  after: number;
}

export interface CoverageOptions {
  population: number;
  trials: number;
  replications: readonly number[];
  metrics: readonly MetricId[];
}

export const COVERAGE_STUDY: CoverageOptions = {
  population: 600,
  trials: 400,
  replications: [10, 20],
  metrics: ['waitDays', 'waitMedianDays', 'waitP90Days', 'seenWithin28DaysShare', 'waitingList', 'overloadIndex'],
};

type Rep = Pick<ReplicationResult, 'metrics' | 'waitCounts' | 'exposure'>;

/** The previous interval: t on the log scale of the mean (≥ 0) or the logit scale (shares), by the delta method. */
export function previousInterval(xs: readonly number[], [lo, hi]: Range): [number, number] {
  const n = xs.length;
  const m = mean(xs);
  const se = sampleStandardDeviation(xs) / Math.sqrt(n);
  const t = tQuantile95(n - 1);
  if (!(se > 0)) return [m, m];
  if (Number.isFinite(hi)) {
    const p = (m - lo) / (hi - lo);
    if (p <= 0 || p >= 1) return [m, m];
    const h = (t * se) / ((hi - lo) * p * (1 - p));
    const logit = Math.log(p / (1 - p));
    const back = (z: number) => lo + (hi - lo) / (1 + Math.exp(-z));
    return [back(logit - h), back(logit + h)];
  }
  const g = m - lo;
  if (g <= 0) return [m, m];
  const h = (t * se) / g;
  return [lo + g * Math.exp(-h), lo + g * Math.exp(h)];
}

/** Trials of n replications drawn from `pool`, against the truths; counts of covering intervals. */
function study(caseName: CoverageRow['case'], pool: readonly Rep[], o: CoverageOptions, seed: string): CoverageRow[] {
  const rows: CoverageRow[] = [];
  for (const metric of o.metrics) {
    const truthAfter = summariseMetric(pool, metric).mean;
    const truthBefore = mean(pool.map((r) => r.metrics[metric] ?? NaN).filter(Number.isFinite));
    for (const n of o.replications) {
      const random = seedrandom.alea(`${seed}/${metric}/${n}`);
      let before = 0;
      let after = 0;
      for (let k = 0; k < o.trials; k++) {
        const sample = Array.from({ length: n }, () => pool[Math.floor(random() * pool.length)]);
        const xs = sample.map((r) => r.metrics[metric] ?? NaN).filter(Number.isFinite);
        const [a, b] = previousInterval(xs, metricRange(metric));
        if (a <= truthBefore && truthBefore <= b) before++;
        const s = summariseMetric(sample, metric);
        if (s.ci95[0] <= truthAfter && truthAfter <= s.ci95[1]) after++;
      }
      rows.push({ case: caseName, metric, replications: n, trials: o.trials, before: before / o.trials, after: after / o.trials });
    }
  }
  return rows;
}

/** Waits of `patients` patients, exponential with mean `meanDays`, as quarter-hour counts. */
function exponentialWaits(random: () => number, patients: number, meanDays: number): WaitCounts {
  const bins = new Map<number, number>();
  for (let i = 0; i < patients; i++) {
    const days = -meanDays * Math.log(1 - random());
    const bin = Math.floor(days / WAIT_BIN_DAYS);
    bins.set(bin, (bins.get(bin) ?? 0) + 1);
  }
  const keys = [...bins.keys()].sort((a, b) => a - b);
  return { zeros: 0, bins: Uint32Array.from(keys), counts: Uint32Array.from(keys.map((k) => bins.get(k)!)), total: patients };
}

/** The exact q-quantile of the mixture ¾ Exp(mean 1) + ¼ Exp(mean 2), by bisection. */
export function mixtureQuantile(q: number): number {
  const cdf = (x: number) => 0.75 * (1 - Math.exp(-x)) + 0.25 * (1 - Math.exp(-x / 2));
  let lo = 0;
  let hi = 100;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Synthetic replications for the exponential case: each draws its own vacancy (p = ¼) and 100 waits. */
function exponentialTrials(o: CoverageOptions): CoverageRow[] {
  const random = seedrandom.alea('coverage/exponential');
  const metrics: MetricId[] = ['waitDays', 'waitMedianDays', 'waitP90Days'];
  const truth: Partial<Record<MetricId, number>> = { waitDays: 1.25, waitMedianDays: mixtureQuantile(0.5), waitP90Days: mixtureQuantile(0.9) };
  const rows: CoverageRow[] = [];
  for (const metric of metrics) {
    for (const n of o.replications) {
      let after = 0;
      let before = 0;
      for (let k = 0; k < o.trials; k++) {
        const sample = Array.from({ length: n }, () => {
          const waitCounts = exponentialWaits(random, 100, random() < 0.25 ? 2 : 1);
          let sum = 0;
          for (let j = 0; j < waitCounts.bins.length; j++) sum += (waitCounts.bins[j] + 0.5) * WAIT_BIN_DAYS * waitCounts.counts[j];
          return { metrics: { waitDays: sum / waitCounts.total } as Rep['metrics'], waitCounts, exposure: {} };
        });
        const s = summariseMetric(sample, metric);
        const t = truth[metric]!;
        if (s.ci95[0] <= t && t <= s.ci95[1]) after++;
        if (metric === 'waitDays') {
          const [a, b] = previousInterval(
            sample.map((r) => r.metrics.waitDays!),
            metricRange(metric),
          );
          if (a <= t && t <= b) before++;
        }
      }
      rows.push({
        case: 'exponential mixture',
        metric,
        replications: n,
        trials: o.trials,
        before: metric === 'waitDays' ? before / o.trials : NaN,
        after: after / o.trials,
      });
    }
  }
  return rows;
}

let cached: CoverageRow[] | undefined;

/** The study with the published options (run once per process). */
export function coverageStudy(o: CoverageOptions = COVERAGE_STUDY): CoverageRow[] {
  if (o === COVERAGE_STUDY && cached) return cached;
  const { scenario } = loadDefaultScenario();
  const settings = { ...runSettings(scenario, {}), replications: o.population };
  const pool: Rep[] = [];
  for (let r = 0; r < o.population; r++) {
    const { metrics, waitCounts, exposure } = runReplication(scenario, r, settings);
    pool.push({ metrics, waitCounts, exposure });
  }
  const rows = [...study('default scenario', pool, o, 'coverage/default'), ...exponentialTrials(o)];
  if (o === COVERAGE_STUDY) cached = rows;
  return rows;
}

/** The study as a markdown table for docs/model.md. */
export function coverageBlock(): string {
  const rows = coverageStudy();
  const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)} %` : '—');
  const o = COVERAGE_STUDY;
  const out = [
    `Coverage of the 95 % intervals: share of ${o.trials} trials whose interval contains the truth (default scenario: a population of ${o.population} replications, trials drawn from it; exponential mixture: analytic truth). The binomial standard error of each figure is about ${(100 * Math.sqrt((0.95 * 0.05) / o.trials)).toFixed(1)} points.`,
    '',
    '| case | metric | replications | before (mean, log/logit t) | now |',
    '|---|---|---|---|---|',
  ];
  for (const r of rows)
    out.push(
      `| ${r.case} | ${r.metric}${pooledQuantileOf(r.metric) !== undefined ? ' (pooled)' : ''} | ${r.replications} | ${pct(r.before)} | ${pct(r.after)} |`,
    );
  return out.join('\n') + '\n';
}
