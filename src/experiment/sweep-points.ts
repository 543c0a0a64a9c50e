/**
 * The points of a sweep. A point is one value per factor; point ids are 0, 1, 2, … in a fixed
 * order (grid: last factor fastest; lhs and morris: design row order), so every run, shard and
 * worker count agrees on what point 17 is.
 */
import { createStream } from '../random/index.js';
import { latinHypercube, morrisDesign } from './designs.js';
import { designOf, type DesignSpec, type Sweep, type SweepFactor, type SweepValue } from './sweep-schema.js';

export interface SweepPlan {
  factors: SweepFactor[];
  design: DesignSpec;
  count: number;
  /** Grid: the values each factor takes. */
  levels: SweepValue[][];
  /** lhs / morris: design rows in the unit cube. */
  unit: number[][] | null;
}

function gridLevels(f: SweepFactor): SweepValue[] {
  if (f.values) return f.values;
  const { from, to, steps } = f.range!;
  return Array.from({ length: steps }, (_, i) => roundIf(f, from + ((to - from) * i) / (steps - 1)));
}

function roundIf(f: SweepFactor, x: number): number {
  return f.integer ? Math.round(x) : x;
}

/** Map a unit-cube coordinate to the factor's value. */
export function unitToValue(f: SweepFactor, u: number): SweepValue {
  if (f.values) return f.values[Math.min(f.values.length - 1, Math.floor(u * f.values.length))];
  const { from, to } = f.range!;
  return roundIf(f, from + u * (to - from));
}

export function planSweep(sweep: Sweep): SweepPlan {
  const design = designOf(sweep);
  const factors = sweep.factors;
  const levels = factors.map(gridLevels);
  if (design.type === 'grid') {
    return { factors, design, levels, unit: null, count: levels.reduce((n, l) => n * l.length, 1) };
  }
  const rng = createStream(design.seed, 0, `sweep.design.${design.type}`);
  const unit = design.type === 'lhs' ? latinHypercube(design.samples, factors.length, rng) : morrisDesign(factors.length, design.trajectories, design.levels, rng);
  return { factors, design, levels, unit, count: unit.length };
}

/** The factor values of point `id`. */
export function pointValues(plan: SweepPlan, id: number): SweepValue[] {
  if (plan.unit) return plan.unit[id].map((u, j) => unitToValue(plan.factors[j], u));
  const out = new Array<SweepValue>(plan.levels.length);
  let rest = id;
  for (let j = plan.levels.length - 1; j >= 0; j--) {
    const n = plan.levels[j].length;
    out[j] = plan.levels[j][rest % n];
    rest = Math.floor(rest / n);
  }
  return out;
}

/** Point ids of shard k of n (1-based k): every n-th point, so shards get similar mixes of work. */
export function shardPoints(count: number, shard: { k: number; n: number } | null): number[] {
  const ids: number[] = [];
  for (let id = 0; id < count; id++) if (!shard || id % shard.n === shard.k - 1) ids.push(id);
  return ids;
}
