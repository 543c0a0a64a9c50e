/**
 * Morris screening from a finished sweep: elementary effects of each factor on each kept
 * metric, from the point means in points.csv. Effects are per unit of the factor scaled to
 * [0, 1] over its range (or its list of values): "the change in the metric when the factor
 * moves across its whole range", comparable between factors.
 */
import { readFileSync } from 'node:fs';
import { createStream } from '../random/index.js';
import type { MetricId } from '../model/index.js';
import { morrisIndices } from './designs.js';
import { csvRow } from './files.js';
import type { SweepPlan } from './sweep-points.js';

/** Point means by metric, read back from points.csv (the file's own format, no quoting needed). */
export function pointMeans(pointsCsv: string, factorCount: number, metrics: readonly MetricId[], count: number): Map<MetricId, number[]> {
  const out = new Map<MetricId, number[]>(metrics.map((m) => [m, new Array<number>(count).fill(NaN)]));
  const lines = readFileSync(pointsCsv, 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const cells = lines[i].split(',');
    const id = Number(cells[0]);
    const metric = cells[1 + factorCount] as MetricId;
    const mean = cells[2 + factorCount];
    out.get(metric)![id] = mean === '' ? NaN : Number(mean);
  }
  return out;
}

export function morrisCsv(plan: SweepPlan, metrics: readonly MetricId[], pointsCsv: string): string {
  if (plan.design.type !== 'morris' || !plan.unit) throw new Error('morrisCsv needs a morris design');
  const means = pointMeans(pointsCsv, plan.factors.length, metrics, plan.count);
  let out = csvRow(['metric', 'factor', 'mu', 'mu_star', 'mu_star_ci_low', 'mu_star_ci_high', 'sigma', 'sigma_ci_low', 'sigma_ci_high']);
  for (const metric of metrics) {
    const rng = createStream(plan.design.seed, 0, `sweep.morris.bootstrap.${metric}`);
    const indices = morrisIndices(plan.unit, means.get(metric)!, plan.factors.length, { bootstrapSamples: plan.design.bootstrap, rng });
    for (const ix of indices) {
      out += csvRow([metric, plan.factors[ix.factor].path, ix.mu, ix.muStar, ix.muStarCi95[0], ix.muStarCi95[1], ix.sigma, ix.sigmaCi95[0], ix.sigmaCi95[1]]);
    }
  }
  return out;
}
