/**
 * sensitivity.csv from a finished sweep, from the point means in points.csv (each point's mean
 * metric over its replications): Morris screening (elementary effects of each factor on each
 * kept metric) or Sobol indices (first-order and total, see sobol.ts). Effects are per unit of the factor scaled to
 * [0, 1] over its range (or its list of values): "the change in the metric when the factor
 * moves across its whole range", comparable between factors.
 */
import { closeSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { MetricId } from '../model/index.js';
import { createStream } from '../random/index.js';
import { InputError } from '../scenario/errors.js';
import { morrisIndices } from './designs.js';
import { sobolIndices } from './sobol.js';
import { csvRow } from './files.js';
import { openRegular } from './sweep-files.js';
import type { SweepPlan } from './sweep-points.js';

/**
 * Point means by metric, read back from points.csv, streamed in chunks (a sweep of a million
 * points has a points.csv larger than one JavaScript string may be). Each row is read from its
 * ends: the point id first, then metric, mean, ci_low, ci_high, sd and n last, so a factor value
 * holding a comma (quoted by the CSV writer) cannot shift the columns.
 */
export function pointMeans(pointsCsv: string, _factorCount: number, metrics: readonly MetricId[], count: number): Map<MetricId, number[]> {
  const out = new Map<MetricId, number[]>(metrics.map((m) => [m, new Array<number>(count).fill(NaN)]));
  const fail = (message: string) => new InputError(pointsCsv, [{ path: '', message }], 'Re-run the sweep (or the merge) into a new folder.');
  const { fd } = openRegular(pointsCsv, Infinity, fail);
  const take = (line: string) => {
    if (line === '') return;
    let end = line.length;
    const cells: string[] = [];
    for (let k = 0; k < 6; k++) {
      const comma = line.lastIndexOf(',', end - 1);
      if (comma < 0) throw fail('has a row with too few columns: not the file the sweep wrote');
      cells.unshift(line.slice(comma + 1, end));
      end = comma;
    }
    const id = Number(line.slice(0, line.indexOf(',')));
    const column = out.get(cells[0] as MetricId);
    if (!column || !Number.isInteger(id) || id < 0 || id >= count)
      throw fail(`has a row for point ${showId(line)} / metric ${cells[0].slice(0, 40)} that the plan does not have`);
    column[id] = cells[1] === '' ? NaN : Number(cells[1]);
  };
  try {
    const decoder = new StringDecoder('utf8');
    const chunk = Buffer.alloc(1 << 20);
    let rest = '';
    let header = true;
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      const text = rest + (n === 0 ? decoder.end() : decoder.write(chunk.subarray(0, n)));
      const lines = text.split('\n');
      rest = n === 0 ? '' : lines.pop()!;
      for (const line of lines) {
        if (header) header = false;
        else take(line);
      }
      if (n === 0) break;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

const showId = (line: string) => line.slice(0, Math.min(20, Math.max(0, line.indexOf(','))));

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

/**
 * Sobol indices of every factor on every kept metric: S1 and ST with bootstrap 95 % intervals,
 * on the point means (so the replications' noise is averaged before the variance is split; the
 * noise left in the means adds to no factor's S1 but to every factor's ST).
 */
export function sobolCsv(plan: SweepPlan, metrics: readonly MetricId[], pointsCsv: string): string {
  if (plan.design.type !== 'sobol') throw new Error('sobolCsv needs a sobol design');
  const means = pointMeans(pointsCsv, plan.factors.length, metrics, plan.count);
  let out = csvRow(['metric', 'factor', 'S1', 'S1_low', 'S1_high', 'ST', 'ST_low', 'ST_high']);
  for (const metric of metrics) {
    const rng = createStream(plan.design.seed, 0, `sweep.sobol.bootstrap.${metric}`);
    const r = sobolIndices(means.get(metric)!, plan.factors.length, { bootstrapSamples: plan.design.bootstrap, rng });
    for (const ix of r.indices) {
      out += csvRow([metric, plan.factors[ix.factor].path, ix.S1, ix.S1Ci95[0], ix.S1Ci95[1], ix.ST, ix.STCi95[0], ix.STCi95[1]]);
    }
  }
  return out;
}

/** sensitivity.csv for a morris or sobol design; null for designs that have none. */
export function sensitivityCsv(plan: SweepPlan, metrics: readonly MetricId[], pointsCsv: string): string | null {
  if (plan.design.type === 'morris') return morrisCsv(plan, metrics, pointsCsv);
  if (plan.design.type === 'sobol') return sobolCsv(plan, metrics, pointsCsv);
  return null;
}
