/**
 * Cost and effect of one design against the baseline, on common random numbers: the paired
 * difference in cost a year (ΔC, `costPerYear`) and in people with need met a year (ΔE,
 * `needsMetPerYear`, a count: not `needMetShare`, the share of episodes), and the incremental cost
 * per extra person with need met, ICER = mean ΔC / mean ΔE, with a 95 % interval by
 * Fieller's theorem on the paired per-replication differences (docs/model.md §9, "Costs"):
 *
 *   (ē² − t²·v_E)·R² − 2(c̄ē − t²·v_CE)·R + (c̄² − t²·v_C) = 0,
 *
 * v the variances and covariance of the mean differences, t the Student-t quantile with n − 1
 * degrees of freedom. The interval is the two roots when ē² > t²·v_E (the effect's interval
 * excludes 0); otherwise it is unbounded and given as [NaN, NaN].
 *
 * The verdict, once the effect is detectable (its paired 95 % interval excludes 0) and meaningful
 * (its mean reaches the practical threshold of `needsMetPerYear`, the one its row of the comparison
 * uses):
 * - `dominates`: meets more need at no more cost (mean ΔC ≤ 0);
 * - `dominated`: meets less need at no less cost (mean ΔC ≥ 0);
 * - `costs more, meets more need`: the ICER is the cost of each extra need met;
 * - `costs less, meets less need`: the ICER is the saving per need met given up;
 * `no detectable difference in people with need met` while the effect's interval contains 0, and
 * `no meaningful difference in people with need met` while its mean is below the threshold. In those
 * two cases there is no ICER: its mean and interval are NaN (null in JSON, empty in CSV), and the
 * texts say why there is none instead of printing a number.
 */
import type { ReplicationResult } from '../model/index.js';
import { summarise, tQuantile95 } from './summary.js';

export type CostEffectVerdict =
  | 'dominates'
  | 'dominated'
  | 'costs more, meets more need'
  | 'costs less, meets less need'
  | 'no detectable difference in people with need met'
  | 'no meaningful difference in people with need met';

export interface CostEffect {
  /** Paired difference in cost a year (GBP), design − baseline. */
  costDifference: { mean: number; ci95: [number, number] };
  /** Paired difference in people with need met a year (`needsMetPerYear`). */
  needsMetDifference: { mean: number; ci95: [number, number] };
  /** Incremental cost per extra person with need met (GBP): mean ΔC / mean ΔE, Fieller 95 % interval ([NaN, NaN] when unbounded); NaN without a detectable, meaningful effect. */
  incrementalCostPerNeedMet: { mean: number; ci95: [number, number] };
  verdict: CostEffectVerdict;
  /** The practical threshold (people a year) the effect had to reach to be meaningful. */
  effectThreshold: number;
}

/** Fieller's 95 % interval for the ratio of two paired means (NaN ends when it is unbounded). */
export function fiellerInterval(costs: readonly number[], effects: readonly number[]): [number, number] {
  const n = costs.length;
  if (n < 2 || effects.length !== n) return [NaN, NaN];
  const c = costs.reduce((a, x) => a + x, 0) / n;
  const e = effects.reduce((a, x) => a + x, 0) / n;
  let scc = 0;
  let see = 0;
  let sce = 0;
  for (let i = 0; i < n; i++) {
    const dc = costs[i] - c;
    const de = effects[i] - e;
    scc += dc * dc;
    see += de * de;
    sce += dc * de;
  }
  const vc = scc / (n - 1) / n;
  const ve = see / (n - 1) / n;
  const vce = sce / (n - 1) / n;
  const t2 = tQuantile95(n - 1) ** 2;
  const a = e * e - t2 * ve;
  if (!(a > 0)) return [NaN, NaN];
  const b = c * e - t2 * vce;
  const k = c * c - t2 * vc;
  const root = Math.sqrt(Math.max(0, b * b - a * k));
  return [(b - root) / a, (b + root) / a];
}

/** Whether a verdict carries a cost per extra person with need met (the effect is detectable and meaningful). */
export function hasIcer(v: CostEffectVerdict): boolean {
  return v === 'costs more, meets more need' || v === 'costs less, meets less need';
}

export function costEffectVerdict(costMean: number, effect: { mean: number; ci95: [number, number] }, threshold = 0): CostEffectVerdict {
  const [lo, hi] = effect.ci95;
  if (!(lo > 0 || hi < 0)) return 'no detectable difference in people with need met';
  if (threshold > 0 && !(Math.abs(effect.mean) >= threshold)) return 'no meaningful difference in people with need met';
  if (lo > 0) return costMean <= 0 ? 'dominates' : 'costs more, meets more need';
  return costMean >= 0 ? 'dominated' : 'costs less, meets less need';
}

/**
 * The cost-effect summary of design `b` against baseline `a` (replications paired by index);
 * `threshold`: the practical threshold of `needsMetPerYear` (people a year) below which a
 * detectable effect is not meaningful (0: any detectable effect is).
 */
export function costEffect(a: readonly ReplicationResult[], b: readonly ReplicationResult[], threshold = 0): CostEffect {
  const dc: number[] = [];
  const de: number[] = [];
  b.forEach((r, i) => {
    const c = r.metrics.costPerYear - a[i].metrics.costPerYear;
    const e = r.metrics.needsMetPerYear - a[i].metrics.needsMetPerYear;
    if (Number.isFinite(c) && Number.isFinite(e)) {
      dc.push(c);
      de.push(e);
    }
  });
  const cost = summarise(dc);
  const effect = summarise(de);
  const verdict = costEffectVerdict(cost.mean, effect, threshold);
  const effective = verdict !== 'no detectable difference in people with need met' && verdict !== 'no meaningful difference in people with need met';
  const ratio = effective && effect.mean !== 0 && Number.isFinite(effect.mean) ? cost.mean / effect.mean : NaN;
  return {
    costDifference: { mean: cost.mean, ci95: cost.ci95 },
    needsMetDifference: { mean: effect.mean, ci95: effect.ci95 },
    incrementalCostPerNeedMet: { mean: ratio, ci95: effective ? fiellerInterval(dc, de) : [NaN, NaN] },
    verdict,
    effectThreshold: threshold,
  };
}
