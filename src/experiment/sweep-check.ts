/**
 * Checking a sweep's factor values against its base scenario, in time and memory proportional
 * to the sweep file (not to the number of values times the scenario).
 *
 * A factor value can be wrong in two ways:
 *
 *  1. On its own: a session cap of -1, a count of "x", a clock time of "25:00". These are the
 *     checks of the scenario schema at the factor's path, and of the closest enclosing part
 *     that has checks of its own (a distribution, whose parameters must make a distribution
 *     the model can draw from; a rota block, whose "to" must follow its "from"). Each DISTINCT
 *     value is checked once against that part only: the schema node at the path, or a copy of
 *     the base's (small) part with the value set in it. Microseconds per value.
 *  2. With the rest of the scenario: the team's total posts, referrals after years of growth,
 *     the warm-up against the run, a rota with room for its protected hours. These need the
 *     whole scenario, so they are checked, as a whole scenario with the model's own checks, for
 *     a bounded sample of each factor's values that passed (1): all of them when there are at
 *     most {@link WHOLE_SAMPLE}, otherwise the smallest and largest numbers, numbers evenly
 *     spaced between them and the first few others. These checks grow with their inputs (more
 *     posts, more referrals, a longer run), so the extremes are the values that fail first. A
 *     point whose value passes here and still fails with the whole scenario is refused by
 *     name when it runs (exit 2), as a combination of factors is.
 *
 * The path itself (a field that does not exist, an index past the end of a list, a path through
 * a number) is checked once per factor, not once per value. Problems are counted all the way,
 * but only the first `limit` are described, so a file of 100,000 bad values costs no more than
 * one of good ones.
 *
 * The checks of parts stand in for the whole scenario's, so they are held to it: each problem
 * described (at most `limit`) and each wrong path is confirmed by the whole scenario, and if the
 * whole scenario accepts what a part refused, that factor's values are all checked whole (the
 * old, slow way) rather than refused wrongly.
 */
import type { ZodType } from 'zod';
import { describeIssues, SetPathError, setPath } from '../scenario/parse.js';
import { ScenarioSchema } from '../scenario/schema.js';
import { type PointContext, scenarioForPoint } from './point-runner.js';
import type { SweepFactor, SweepValue } from './sweep-schema.js';

/** Whole-scenario checks per factor (all of its values when it has no more). */
export const WHOLE_SAMPLE = 32;

export interface FactorProblem {
  path: (string | number)[];
  message: string;
}

export interface FactorCheckResult {
  /** The first `limit` problems, in factor and value order. */
  problems: FactorProblem[];
  /** Problems found beyond those. */
  omitted: number;
  /** Values checked as a whole scenario (at most WHOLE_SAMPLE per factor). */
  wholeChecks: number;
}

// ------------------------------------------------------------------ the schema at a path

interface ZodDef {
  type: string;
  shape?: Record<string, ZodType>;
  catchall?: ZodType;
  element?: ZodType;
  valueType?: ZodType;
  innerType?: ZodType;
  options?: ZodType[];
  checks?: Array<{ _zod: { def: { check: string } } }>;
}
const defOf = (s: ZodType): ZodDef => (s as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Wrappers that only matter when the value is missing (a factor always gives one). */
const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'nonoptional', 'catch']);

function unwrap(s: ZodType): ZodType {
  let node = s;
  for (let d = defOf(node); WRAPPERS.has(d.type) && d.innerType; d = defOf(node)) node = d.innerType;
  return node;
}

/** A refine / superRefine: a check that may look at the values inside (length checks do not). */
const hasValueChecks = (s: ZodType): boolean => (defOf(unwrap(s)).checks ?? []).some((c) => c._zod.def.check === 'custom');

const CONTAINERS = new Set(['object', 'record', 'array', 'tuple']);
const LEAVES = new Set(['number', 'string', 'boolean', 'enum', 'literal', 'bigint', 'date', 'null', 'undefined', 'nan', 'never']);

/** Whether a value of this schema can hold fields (a union: if any option can; an unforeseen kind: maybe). */
function canHoldFields(s: ZodType): boolean {
  const d = defOf(unwrap(s));
  if (d.type === 'union') return (d.options ?? []).some(canHoldFields);
  return !LEAVES.has(d.type);
}

export type Resolution =
  /** Check each value against `schema`, applied to the part at `keys.slice(0, depth)` with the value set at the rest. */
  | { kind: 'part'; schema: ZodType; depth: number }
  /** The path itself is wrong, whatever the value. */
  | { kind: 'path'; message: string };

/**
 * Where a factor's values are checked: the deepest node on the path whose own checks may look
 * at the value (a refine of an object or a union), or the leaf itself. Unions are walked into
 * only when they hold exactly one kind of container the path can go into and have no checks of
 * their own; otherwise the union is where the value is checked.
 */
export function resolvePath(root: ZodType, keys: readonly string[]): Resolution {
  let node = root;
  let checkAt: { schema: ZodType; depth: number } | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const here = keys.slice(0, i).join('.') || 'the scenario';
    if (i > 0 && hasValueChecks(node)) checkAt = { schema: node, depth: i };
    let inner = unwrap(node);
    let def = defOf(inner);
    if (def.type === 'union') {
      const containers = (def.options ?? []).filter(canHoldFields);
      if (containers.length === 0) return { kind: 'path', message: `${here} is a single value, not a group of fields: it has no "${key}"` };
      // Walked into only when the path can go one way and nothing here looks at the value.
      const only = containers.length === 1 ? unwrap(containers[0]) : null;
      if (!only || !CONTAINERS.has(defOf(only).type) || hasValueChecks(node) || hasValueChecks(only)) return { kind: 'part', schema: node, depth: i };
      inner = only;
      def = defOf(inner);
    }
    if (def.type === 'object') {
      if (def.shape && Object.hasOwn(def.shape, key)) node = def.shape[key];
      else if (def.catchall && defOf(def.catchall).type !== 'never') node = def.catchall;
      else {
        const fields = Object.keys(def.shape ?? {});
        const shown = fields.slice(0, 15).join(', ') + (fields.length > 15 ? ', …' : '');
        return { kind: 'path', message: `${here} has no field "${key}" (its fields: ${shown})` };
      }
    } else if (def.type === 'record' && def.valueType) {
      node = def.valueType;
    } else if (def.type === 'array' && def.element) {
      node = def.element; // the index itself was checked against the base by setPath
    } else if (LEAVES.has(def.type)) {
      return { kind: 'path', message: `${here} is a single value, not a group of fields: it has no "${key}"` };
    } else {
      // A transform, lazy schema or anything unforeseen: check the value where it stands.
      return { kind: 'part', schema: node, depth: i };
    }
  }
  return checkAt ? { kind: 'part', ...checkAt } : { kind: 'part', schema: node, depth: keys.length };
}

// ------------------------------------------------------------------ one factor

/** The base's own value at `keys` (undefined where it has none). */
function partAt(raw: unknown, keys: readonly string[]): unknown {
  let node = raw;
  for (const key of keys) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Up to `n` values to check with the whole scenario: extremes and evenly spaced numbers, and the first others. */
export function sampleValues(values: readonly SweepValue[], n = WHOLE_SAMPLE): SweepValue[] {
  if (values.length <= n) return [...values];
  const others = values.filter((v) => typeof v !== 'number').slice(0, Math.floor(n / 4));
  const numbers = (values.filter((v) => typeof v === 'number') as number[]).sort((a, b) => a - b);
  const m = Math.min(numbers.length, n - others.length);
  const picked = new Set<number>();
  for (let i = 0; i < m; i++) picked.add(numbers[m === 1 ? 0 : Math.round((i * (numbers.length - 1)) / (m - 1))]);
  return [...picked, ...others];
}

interface Issue {
  path: PropertyKey[];
  message: string;
}

/** The value's problems in the scenario's words (a misspelt type or field with the one meant: parse.ts describeIssues). */
const detailOf = (prefix: readonly string[], schema: ZodType, input: unknown, issues: readonly Issue[]) =>
  describeIssues(schema, input, issues)
    .map((i) => `${[...prefix, ...i.path].join('.')}: ${i.message}`)
    .join('; ');
const invalid = (f: SweepFactor, value: SweepValue, detail: string) => `${f.path}=${String(value)} is not a valid scenario value (${detail})`;

/** Problems with one factor's values, in value order: every one counted, the first `room` described. */
function checkFactor(
  f: SweepFactor,
  j: number,
  ctx: PointContext,
  room: number,
  resolve: (keys: readonly string[]) => Resolution,
): { problems: Array<FactorProblem & { at: number }>; count: number; whole: number } {
  const probes: Array<[(string | number)[], SweepValue]> = f.values
    ? f.values.map((v, i) => [['factors', j, 'values', i], v])
    : [
        [['factors', j, 'range', 'from'], f.integer ? Math.round(f.range!.from) : f.range!.from],
        [['factors', j, 'range', 'to'], f.integer ? Math.round(f.range!.to) : f.range!.to],
      ];
  const keys = f.path.split('.');
  const first = new Map<SweepValue, number>(); // each distinct value → the index of its first probe
  probes.forEach(([, v], i) => {
    if (!first.has(v)) first.set(v, i);
  });
  /** The value as a whole scenario, with the model's checks: null when valid, else what is wrong. */
  const wholeProblem = (value: SweepValue): string | null => {
    try {
      scenarioForPoint({ ...ctx, paths: [f.path] }, [value]);
      return null;
    } catch (err) {
      return (err as { problems?: Array<{ path: string; message: string }> }).problems?.map((p) => `${p.path}: ${p.message}`).join('; ') ?? String(err);
    }
  };
  /**
   * Every distinct value as a whole scenario: what the checks of parts stand in for. Used only
   * where they cannot be trusted for this factor (see below), so it is never the usual cost.
   */
  const everyValueWhole = () => {
    const problems: Array<FactorProblem & { at: number }> = [];
    let count = 0;
    for (const [value, at] of first) {
      const detail = wholeProblem(value);
      if (detail === null) continue;
      count++;
      if (problems.length < room) problems.push({ path: probes[at][0], message: invalid(f, value, detail), at });
    }
    return { problems, count, whole: first.size };
  };
  const pathProblem = (message: string) => {
    // Confirmed by the whole scenario: a path wrong whatever the value fails for the first value too.
    if (wholeProblem(probes[0][1]) === null) return everyValueWhole();
    return { problems: [{ path: ['factors', j, 'path'], message, at: 0 }].slice(0, room), count: 1, whole: 1 };
  };

  // The path, once: setPath refuses empty segments, __proto__, names in lists and indexes past the end.
  try {
    setPath(structuredClone(ctx.baseRaw) as Record<string, unknown>, keys, probes[0][1]);
  } catch (err) {
    if (!(err instanceof SetPathError)) throw err;
    return pathProblem(`${f.path}: ${err.problems[0].message}`);
  }
  const where = resolve(keys);
  if (where.kind === 'path') return pathProblem(`${f.path} is not a scenario field: ${where.message}`);

  // Each distinct value once, against its part of the scenario.
  const prefix = keys.slice(0, where.depth);
  const rest = keys.slice(where.depth);
  const part = partAt(ctx.baseRaw, prefix);
  const problems: Array<FactorProblem & { at: number }> = [];
  let count = 0;
  const passed: SweepValue[] = [];
  for (const [value, at] of first) {
    let input: unknown = value;
    let detail: string | null = null;
    if (rest.length > 0) {
      const holder: Record<string, unknown> = { part: part === undefined ? undefined : structuredClone(part) };
      try {
        setPath(holder, ['part', ...rest], value, prefix);
        input = holder.part;
      } catch (err) {
        if (!(err instanceof SetPathError)) throw err;
        detail = `${f.path}: ${err.problems[0].message}`;
      }
    }
    if (detail === null) {
      const r = where.schema.safeParse(input);
      if (r.success) {
        passed.push(value);
        continue;
      }
      detail = detailOf(prefix, where.schema, input, r.error.issues as Issue[]);
    }
    count++;
    if (problems.length < room) problems.push({ path: probes[at][0], message: invalid(f, value, detail), at });
  }
  // Each value described as wrong is wrong as a whole scenario too; if not, the part's checks are
  // not the scenario's for this path, and every value is checked whole instead.
  const whole = problems.length;
  if (problems.some((p) => wholeProblem(probes[p.at][1]) === null)) return everyValueWhole();

  // The whole scenario, with the model's checks, for a sample of the values that passed.
  const sample = sampleValues(passed);
  for (const value of sample) {
    const detail = wholeProblem(value);
    if (detail === null) continue;
    const at = first.get(value)!;
    count++;
    problems.push({ path: probes[at][0], message: invalid(f, value, detail), at });
  }
  problems.sort((a, b) => a.at - b.at);
  return { problems: problems.slice(0, room), count, whole: whole + sample.length };
}

/** Problems with the factor values of a sweep (see the top of this file), the first `limit` described. */
export function checkFactorValues(
  factors: readonly SweepFactor[],
  ctx: PointContext,
  limit: number,
  /** Where each factor's values are checked (a parameter for tests). */
  resolve: (keys: readonly string[]) => Resolution = (keys) => resolvePath(ScenarioSchema, keys),
): FactorCheckResult {
  const problems: FactorProblem[] = [];
  let total = 0;
  let wholeChecks = 0;
  factors.forEach((f, j) => {
    const r = checkFactor(f, j, ctx, Math.max(0, limit - problems.length), resolve);
    total += r.count;
    wholeChecks += r.whole;
    for (const { path, message } of r.problems) problems.push({ path, message });
  });
  return { problems, omitted: total - problems.length, wholeChecks };
}
