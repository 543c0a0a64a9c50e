/**
 * The plan file: a sweep file's sibling for `goldilocks plan`. A base scenario, the decision
 * variables (factors, as in sweeps: a dotted scenario path with `values` or a `range`), the
 * targets the service must meet ("seenWithin28DaysShare >= 0.9") and the objective (least
 * `costPerYear` by default). Validated with the same error quality as scenarios and sweeps.
 */
import { z } from 'zod';
import { METRIC_BY_ID, METRIC_IDS, type MetricId } from '../model/metrics.js';
import { closest } from '../scenario/parse.js';
import { FactorValueSchema, SweepSchema, type SweepFactor, type SweepValue } from './sweep-schema.js';

/** Most candidate designs in one plan: each is simulated at least `replications` times. */
export const MAX_PLAN_CANDIDATES = 10_000;
/** Most values one range with a step may give (the grid of candidates is built from them). */
export const MAX_FACTOR_LEVELS = 1_000;

export type Comparator = '>=' | '<=';

export interface Target {
  metric: MetricId;
  comparator: Comparator;
  value: number;
  /** As written in the plan file, for messages. */
  text: string;
}

const TARGET = /^\s*([A-Za-z0-9_]+)\s*(<=|>=|≤|≥|<|>|=<|=>|==|=)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(%?)\s*$/;

/** A target string ("<metric> <= <value>" or ">="), or the problem with it. */
export function parseTarget(text: string): Target | { problem: string } {
  const m = TARGET.exec(text);
  if (!m) return { problem: `"${text}" is not a target: write "<metric> >= <value>" or "<metric> <= <value>", e.g. "seenWithin28DaysShare >= 0.9"` };
  const [, name, op, number, percent] = m;
  if (!Object.hasOwn(METRIC_BY_ID, name)) {
    const guess = closest(name, METRIC_IDS);
    return {
      problem: `unknown metric "${name}"${guess ? ` (did you mean ${guess}?)` : ''}; targets may name any metric of \`goldilocks run --json\` (README, "Metrics")`,
    };
  }
  const metric = name as MetricId;
  if (op === '<' || op === '>' || op === '=' || op === '==') {
    return {
      problem: `use ${op.startsWith('<') ? '<=' : op.startsWith('>') ? '>=' : '<= or >='} in "${text}": a simulated metric is estimated, so a target is a bound it must stay within`,
    };
  }
  const comparator: Comparator = op === '<=' || op === '≤' || op === '=<' ? '<=' : '>=';
  let value = Number(number);
  if (percent) {
    if (METRIC_BY_ID[metric].unit !== 'share') return { problem: `"%" is for shares; ${metric} is in ${METRIC_BY_ID[metric].unit}` };
    value /= 100;
  }
  if (METRIC_BY_ID[metric].unit === 'share' && (value < 0 || value > 1))
    return { problem: `${metric} is a share between 0 and 1; write 0.9 (or 90 %), not ${number}` };
  return { metric, comparator, value, text: text.trim() };
}

const TargetSchema = z
  .string()
  .transform((text, ctx) => {
    const t = parseTarget(text);
    if ('problem' in t) {
      ctx.addIssue({ code: 'custom', message: t.problem });
      return z.NEVER;
    }
    return t;
  })
  .describe('a constraint "<metric> >= <value>" or "<metric> <= <value>", e.g. "seenWithin28DaysShare >= 0.9" or "overloadIndex <= 1"');

// A union of two objects (so that the JSON Schema says "one of"), with the metric checked after
// it: inside a union a misspelt metric would be reported as "Invalid input" instead of by name.
const ObjectiveSchema = z
  .union([z.strictObject({ minimise: z.string() }), z.strictObject({ maximise: z.string() })], {
    error: 'give one of { minimise: <metric> } or { maximise: <metric> }, e.g. { minimise: costPerYear } or { maximise: needsMetPerYear }',
  })
  .transform((o, ctx): { minimise: MetricId } | { maximise: MetricId } => {
    const key = 'minimise' in o ? 'minimise' : 'maximise';
    const name = 'minimise' in o ? o.minimise : o.maximise;
    if (Object.hasOwn(METRIC_BY_ID, name)) return o as { minimise: MetricId } | { maximise: MetricId };
    const guess = closest(name, METRIC_IDS);
    ctx.addIssue({ code: 'custom', path: [key], message: `unknown metric "${name}"${guess ? ` (did you mean ${guess}?)` : ''}` });
    return z.NEVER;
  })
  .default({ minimise: 'costPerYear' })
  .describe('what to optimise among the designs that meet every target: { minimise: costPerYear } (default) or e.g. { maximise: needsMetPerYear }');

export const PlanFactorSchema = z
  .strictObject({
    path: z.string().min(1).describe('dotted scenario path, e.g. workers.0.count or policy.sessionCap'),
    values: z.array(FactorValueSchema).min(1).optional().describe('the values to try (any scenario value, e.g. 4, 6, open)'),
    range: z
      .strictObject({
        from: z.number(),
        to: z.number(),
        step: z.number().positive().optional().describe('spacing of the values, e.g. 0.5 WTE'),
        steps: z.number().int().min(2).optional().describe('number of evenly spaced values from..to inclusive (when no step is given; default 5)'),
      })
      .refine((r) => r.to >= r.from, { message: '"to" must be at least "from"', path: ['to'] })
      .refine((r) => r.step === undefined || r.steps === undefined, { message: 'give step or steps, not both', path: ['steps'] })
      .refine((r) => r.step === undefined || (r.to - r.from) / r.step < MAX_FACTOR_LEVELS, {
        message: `the step gives more than ${MAX_FACTOR_LEVELS} values; use a larger step (a plan tries few, well-chosen values)`,
        path: ['step'],
      })
      .optional()
      .describe('evenly spaced numbers from..to inclusive, by step or in steps'),
    integer: z.boolean().default(false).describe('round range values to whole numbers'),
    monotone: z
      .boolean()
      .default(false)
      .describe(
        'assume a higher value never makes a target worse and never costs less (e.g. more WTE): the lowest value that meets the targets is found by bisection instead of trying every value; checked on the values tried',
      ),
  })
  .refine((f) => (f.values === undefined) !== (f.range === undefined), { message: 'give either values or range, not both', path: ['values'] });

export const PlanSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: SweepSchema.shape.name,
    description: z.string().default(''),
    base: z.string().min(1).describe('base scenario file, relative to the plan file'),
    factors: z.array(PlanFactorSchema).min(1).max(20, 'at most 20 decision variables (the candidates are every combination of their values)'),
    targets: z.array(TargetSchema).min(1).max(20).describe('constraints every chosen design must meet with the stated confidence'),
    objective: ObjectiveSchema,
    confidence: z
      .number()
      .min(0.5)
      .max(0.999)
      .default(0.95)
      .describe('one-sided confidence with which each target must be shown to hold, and the probability of choosing the best (0.5 to 0.999)'),
    indifference: z
      .number()
      .positive()
      .optional()
      .describe("differences in the objective smaller than this do not matter (its unit, e.g. pounds a year); default: 1 % of the first candidate's estimate"),
    replications: SweepSchema.shape.replications.describe('replications of each candidate to start with (more are added only where they decide something)'),
    maxReplications: z
      .number()
      .int()
      .min(2)
      .max(10_000)
      .default(80)
      .describe('most replications of one candidate: a target still undecided then counts as not shown to hold'),
    design: z
      .literal('grid', { error: "a plan tries the grid of its factors' values (a monotone factor by bisection); lhs and morris designs are for sweeps" })
      .optional()
      .describe('grid (the only design of a plan; accepted so that a sweep file can become a plan)'),
    metrics: SweepSchema.shape.metrics.describe(
      "accepted so that a sweep file can become a plan; a plan reports each candidate's targets and objective, and every metric of the chosen design",
    ),
    seed: SweepSchema.shape.seed,
    years: SweepSchema.shape.years,
    warmupDays: SweepSchema.shape.warmupDays,
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.factors.forEach((f, i) => {
      if (seen.has(f.path)) ctx.addIssue({ code: 'custom', path: ['factors', i, 'path'], message: `${f.path} is already a factor` });
      seen.add(f.path);
    });
    const monotone = p.factors.flatMap((f, i) => (f.monotone ? [i] : []));
    if (monotone.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['factors', monotone[1], 'monotone'],
        message: 'at most one factor may be monotone (bisection runs along one variable)',
      });
    for (const i of monotone) {
      const f = p.factors[i];
      if (f.values && !f.values.every((v) => typeof v === 'number'))
        ctx.addIssue({ code: 'custom', path: ['factors', i, 'values'], message: 'a monotone factor takes numbers only (bisection orders its values)' });
      if ('maximise' in p.objective)
        ctx.addIssue({
          code: 'custom',
          path: ['factors', i, 'monotone'],
          message:
            'monotone (bisection for the lowest value that meets the targets) is for objective { minimise: ... }: when the objective is maximised, a higher value may be better',
        });
    }
    if (p.maxReplications < p.replications)
      ctx.addIssue({ code: 'custom', path: ['maxReplications'], message: `must be at least replications (${p.replications})` });
    const count = p.factors.reduce((n, f) => n * factorValues(f).length, 1);
    if (count > MAX_PLAN_CANDIDATES)
      ctx.addIssue({
        code: 'custom',
        path: ['factors'],
        message: `the factors give ${count.toLocaleString('en-GB')} candidate designs; at most ${MAX_PLAN_CANDIDATES.toLocaleString('en-GB')} (use fewer values or a larger step)`,
      });
  });

export type PlanInput = z.input<typeof PlanSchema>;
export type Plan = z.output<typeof PlanSchema>;
export type PlanFactor = Plan['factors'][number];

/** The values a factor tries, in order (a monotone factor's ascending). */
export function factorValues(f: PlanFactor): SweepValue[] {
  if (f.values) return f.monotone ? [...(f.values as number[])].sort((a, b) => a - b) : f.values;
  const { from, to, step, steps } = f.range!;
  const out: number[] = [];
  const round = (x: number) => (f.integer ? Math.round(x) : Number(x.toPrecision(12)));
  if (step !== undefined) {
    for (let i = 0; from + i * step <= to + step * 1e-9 && i <= MAX_FACTOR_LEVELS; i++) out.push(round(from + i * step));
  } else {
    const n = steps ?? 5;
    for (let i = 0; i < n; i++) out.push(round(from + ((to - from) * i) / (n - 1)));
  }
  return [...new Set(out)];
}

/** The plan's factors as sweep factors with explicit values (for the sweep's value checks and point builder). */
export function asSweepFactors(p: Plan): SweepFactor[] {
  return p.factors.map((f) => ({ path: f.path, values: factorValues(f), integer: false }));
}

/** The objective as a metric and a direction. */
export function objectiveOf(p: Pick<Plan, 'objective'>): { metric: MetricId; sense: 'minimise' | 'maximise' } {
  return 'minimise' in p.objective ? { metric: p.objective.minimise, sense: 'minimise' } : { metric: p.objective.maximise, sense: 'maximise' };
}
