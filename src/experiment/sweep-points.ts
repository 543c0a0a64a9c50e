/**
 * The points of a sweep. A point is one value per factor; point ids are 0, 1, 2, … in a fixed
 * order (grid: last factor fastest; lhs, morris and sobol: design row order), so every run, shard and
 * worker count agrees on what point 17 is.
 *
 * Plans are lazy: a grid is an index → point function (no list of points or levels is ever
 * built), and an lhs, morris or sobol design is drawn only when its first point is asked for, into
 * compact columns. Counting the points (what `validate` does) costs nothing. Plan sizes are
 * bounded ({@link planProblems}) where a sweep could never finish or its design would not fit
 * in memory.
 */
import { createStream } from '../random/index.js';
import { latinHypercubeColumns, morrisDesign } from './designs.js';
import { sobolDesignColumns, sobolPointCount } from './sobol.js';
import { designOf, type DesignSpec, type Sweep, type SweepFactor, type SweepValue } from './sweep-schema.js';

/**
 * Most points in one sweep. A sweep of more could not finish: at 10 replications of 10 ms each,
 * 10^7 points are already over 11 days of computing.
 */
export const MAX_SWEEP_POINTS = 10_000_000;
/** Most values (points × factors) of an lhs, morris or sobol design, which is held in memory (8 bytes each). */
export const MAX_DESIGN_VALUES = 10_000_000;
/**
 * Most Morris trajectories: elementary effects settle within tens of trajectories (Campolongo
 * et al. 2007 use 10–50), and sensitivity.csv bootstraps over all of them in memory.
 */
export const MAX_MORRIS_TRAJECTORIES = 10_000;
/**
 * Most Sobol base rows N: indices settle within thousands of rows (Saltelli et al. 2010 use
 * up to 2^14 ≈ 16 000), and sensitivity.csv bootstraps over all of them in memory.
 */
export const MAX_SOBOL_SAMPLES = 100_000;

export interface SweepPlan {
  factors: SweepFactor[];
  design: DesignSpec;
  count: number;
  /** lhs / morris / sobol: design rows in the unit cube (drawn on first use); null for a grid. */
  readonly unit: number[][] | null;
}

interface PlanInternals extends SweepPlan {
  /** Grid: number of levels of each factor. */
  levelCounts: number[];
  /** lhs / morris / sobol: one column per factor (drawn on first use). */
  columns(): Float64Array[];
}

/** What the grid reads of a factor (a sweep's, or a plan's with the same fields). */
type GridFactor = Pick<SweepFactor, 'values' | 'range'> & { integer?: boolean };

/** Grid points of a range with no `step` or `steps`. */
export const DEFAULT_RANGE_STEPS = 5;

function levelCount(f: GridFactor): number {
  if (f.values) return f.values.length;
  const { from, to, step, steps } = f.range!;
  // from, from + step, … up to `to` (a value within round-off of `to` counts); capped like any grid.
  if (step !== undefined) return Math.min(Math.floor((to - from) / step + 1e-9) + 1, MAX_SWEEP_POINTS + 1);
  return steps ?? DEFAULT_RANGE_STEPS;
}

/**
 * Notes for ranges whose step does not land on `to` (from 1 to 4 in steps of 2 gives 1 and 3): the
 * grid stops short of `to`, as a step says, but a reader of the file may expect `to` to be tried.
 * Said, not refused: a step that stops short is a common and valid choice.
 */
export function rangeShortfalls(factors: ReadonlyArray<GridFactor & { path: string }>): string[] {
  const notes: string[] = [];
  for (const f of factors) {
    const r = f.range;
    if (r?.step === undefined || !(r.to > r.from)) continue;
    // The grid's own last level and the one after it (rounded like the grid for an integer factor, whose `to` is rounded too).
    const k = levelCount(f) - 1;
    const last = gridLevel(f, k) as number;
    const to = roundIf(f, r.to);
    if (Math.abs(last - to) > r.step * 1e-9)
      notes.push(
        `${f.path}: from ${r.from} to ${r.to} in steps of ${r.step} stops at ${last}, short of ${to}; set to: ${gridLevel(f, k + 1)} to go one step further, or pick a step that lands on ${to}`,
      );
  }
  return notes;
}

/** Level `i` of a grid factor, computed (never a list of all levels). */
function gridLevel(f: GridFactor, i: number): SweepValue {
  if (f.values) return f.values[i];
  const { from, to, step, steps } = f.range!;
  // 12 significant digits: 0.1 + 2 × 0.1 is the 0.3 a person wrote, not 0.30000000000000004.
  if (step !== undefined) return roundIf(f, Number((from + i * step).toPrecision(12)));
  const n = steps ?? DEFAULT_RANGE_STEPS;
  return roundIf(f, from + ((to - from) * i) / (n - 1));
}

function roundIf(f: Pick<GridFactor, 'integer'>, x: number): number {
  return f.integer ? Math.round(x) : x;
}

/** Map a unit-cube coordinate to the factor's value. */
export function unitToValue(f: SweepFactor, u: number): SweepValue {
  if (f.values) return f.values[Math.min(f.values.length - 1, Math.floor(u * f.values.length))];
  const { from, to } = f.range!;
  return roundIf(f, from + u * (to - from));
}

/** Number of points of a sweep's plan, without building it (capped just above the bound). */
export function planCount(sweep: Pick<Sweep, 'factors' | 'design'>): number {
  const design = designOf(sweep as Sweep);
  if (design.type === 'lhs') return design.samples;
  if (design.type === 'morris') return design.trajectories * (sweep.factors.length + 1);
  if (design.type === 'sobol') return sobolPointCount(design.samples, sweep.factors.length);
  let n = 1;
  for (const f of sweep.factors) {
    n *= levelCount(f);
    if (n > MAX_SWEEP_POINTS) return n; // no overflow past 2^53 with many factors
  }
  return n;
}

/** Plans too big to run or to hold, with the field to change and the reason. */
export function planProblems(sweep: Pick<Sweep, 'factors' | 'design'>): Array<{ path: (string | number)[]; message: string }> {
  const design = designOf(sweep as Sweep);
  const k = sweep.factors.length;
  const count = planCount(sweep);
  const problems: Array<{ path: (string | number)[]; message: string }> = [];
  const fmt = (n: number) => n.toLocaleString('en-GB');
  const tooManyTrajectories = design.type === 'morris' && design.trajectories > MAX_MORRIS_TRAJECTORIES;
  if (tooManyTrajectories) {
    problems.push({
      path: ['design', 'trajectories'],
      message: `at most ${fmt(MAX_MORRIS_TRAJECTORIES)} Morris trajectories: elementary effects settle within tens of trajectories, and sensitivity.csv is computed from all of them in memory`,
    });
  } else if (design.type === 'sobol' && design.samples > MAX_SOBOL_SAMPLES) {
    problems.push({
      path: ['design', 'samples'],
      message: `at most ${fmt(MAX_SOBOL_SAMPLES)} Sobol base rows: indices settle within thousands of rows, and sensitivity.csv is computed from all of them in memory`,
    });
  } else if (count > MAX_SWEEP_POINTS) {
    const field = design.type === 'morris' ? 'trajectories' : 'samples';
    problems.push({
      path: design.type === 'grid' ? ['factors'] : ['design', field],
      message: `the sweep has ${design.type === 'grid' ? 'at least ' : ''}${fmt(count)} points; a sweep may have at most ${fmt(MAX_SWEEP_POINTS)}, because a bigger one could never finish (10^7 points at 10 replications of 10 ms each are already over 11 days of computing). ${design.type === 'grid' ? 'Use fewer values or steps, a larger step, or an lhs design.' : `Use fewer ${field}.`}`,
    });
  } else if (design.type !== 'grid' && count * k > MAX_DESIGN_VALUES) {
    problems.push({
      path: ['design', design.type === 'morris' ? 'trajectories' : 'samples'],
      message: `the design has ${fmt(count)} points × ${k} factors = ${fmt(count * k)} values; at most ${fmt(MAX_DESIGN_VALUES)}, because the design is held in memory`,
    });
  }
  // A step spaces grid values; an lhs, morris or sobol design draws from the whole range, so a step would be ignored.
  if (design.type !== 'grid')
    sweep.factors.forEach((f, i) => {
      if (f.range?.step !== undefined)
        problems.push({
          path: ['factors', i, 'range', 'step'],
          message: `a step spaces the values of a grid; a ${design.type} design draws values from the whole range ${f.range.from} to ${f.range.to}, so it would be ignored. Remove step, or use design: grid`,
        });
    });
  return problems;
}

export function planSweep(sweep: Pick<Sweep, 'factors' | 'design'>): SweepPlan {
  const design = designOf(sweep as Sweep);
  const factors = sweep.factors;
  const count = planCount(sweep);
  const problems = planProblems(sweep);
  if (problems.length > 0) throw new RangeError(problems.map((p) => p.message).join('; '));
  if (design.type === 'grid') {
    const plan: PlanInternals = { factors, design, count, unit: null, levelCounts: factors.map(levelCount), columns: () => [] };
    return plan;
  }
  let columns: Float64Array[] | null = null;
  let unit: number[][] | null = null;
  const draw = (): Float64Array[] => {
    if (columns) return columns;
    const rng = createStream(design.seed, 0, `sweep.design.${design.type}`);
    if (design.type === 'lhs') {
      columns = latinHypercubeColumns(design.samples, factors.length, rng);
    } else if (design.type === 'sobol') {
      columns = sobolDesignColumns(design.samples, factors.length, rng);
    } else {
      unit = morrisDesign(factors.length, design.trajectories, design.levels, rng);
      const rows = unit;
      columns = factors.map((_, j) => Float64Array.from(rows, (r) => r[j]));
    }
    return columns;
  };
  const plan: PlanInternals = {
    factors,
    design,
    count,
    get unit(): number[][] {
      const cols = draw();
      unit ??= Array.from({ length: count }, (_, i) => cols.map((c) => c[i]));
      return unit;
    },
    levelCounts: [],
    columns: draw,
  };
  return plan;
}

/** The factor values of point `id`. */
export function pointValues(plan: SweepPlan, id: number): SweepValue[] {
  const p = plan as PlanInternals;
  if (p.design.type !== 'grid') {
    const cols = p.columns();
    return p.factors.map((f, j) => unitToValue(f, cols[j][id]));
  }
  const out = new Array<SweepValue>(p.factors.length);
  let rest = id;
  for (let j = p.factors.length - 1; j >= 0; j--) {
    const n = p.levelCounts[j];
    out[j] = gridLevel(p.factors[j], rest % n);
    rest = Math.floor(rest / n);
  }
  return out;
}

/** Number of points in shard k of n (all points without a shard). */
export function shardSize(count: number, shard: { k: number; n: number } | null): number {
  if (!shard) return count;
  return count >= shard.k ? Math.floor((count - shard.k) / shard.n) + 1 : 0;
}

/** Id of the i-th point of shard k of n: every n-th point, so shards get similar mixes of work. */
export function shardPointId(i: number, shard: { k: number; n: number } | null): number {
  return shard ? shard.k - 1 + i * shard.n : i;
}

/** Point ids of shard k of n (1-based k), as a list (for small plans and tests). */
export function shardPoints(count: number, shard: { k: number; n: number } | null): number[] {
  return Array.from({ length: shardSize(count, shard) }, (_, i) => shardPointId(i, shard));
}
