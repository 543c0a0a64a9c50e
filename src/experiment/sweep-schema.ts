/**
 * The sweep file: a base scenario, the factors to vary (dotted scenario paths, as `--set`
 * uses), the design that picks the points, replications per point and the metrics to keep.
 * Validated with the same error quality as scenarios (file, field path, line).
 */
import { z } from 'zod';
import { optionName, type RunOptionKey } from '../messages.js';
import { METRIC_IDS, type MetricId } from '../model/index.js';
import { groupThousands } from '../scenario/errors.js';
import { optionProblem, RUN_OPTION_BOUNDS } from '../scenario/run-options.js';
import { LIMITS } from '../scenario/schema.js';

/**
 * A run option as a field of the sweep file: the bounds of the one table every door uses
 * (RUN_OPTION_BOUNDS, as a scenario's `run:` section), with its words (optionProblem) but
 * without the option's name, which the file's field path and line already give.
 */
function runOption(key: RunOptionKey) {
  const b = RUN_OPTION_BOUNDS[key];
  const error = (issue: { input?: unknown }) => {
    const message = optionProblem(key, issue.input, 'library') ?? `must be within its bounds`;
    const name = optionName('library', key);
    return message.startsWith(`${name} `) ? message.slice(name.length + 1) : message;
  };
  // Each check stops the rest (abort), so one value gets one message.
  let n = z.number({ error });
  if (b.integer) n = n.int({ error, abort: true });
  n = b.minExclusive ? n.gt(b.min, { error, abort: true }) : n.min(b.min, { error, abort: true });
  return n.max(b.max, { error, abort: true });
}

/** Line breaks and other control characters would break the line-per-row CSV files. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** One value of a factor: a number, a word (e.g. open) or a flag. */
export const FactorValueSchema = z.union([
  z.number(),
  z
    .string()
    .max(LIMITS.textChars, { message: `must be at most ${groupThousands(LIMITS.textChars)} characters (every results.csv row repeats the value)` })
    .refine((v) => !CONTROL.test(v), {
      message: 'must not contain a line break or other control character (each value is written into the rows of results.csv)',
    }),
  z.boolean(),
]);

/** Most Morris bootstrap resamples: percentile intervals settle within a few thousand. */
export const MAX_BOOTSTRAP = 10_000;
/** Most Morris grid levels p. */
export const MAX_MORRIS_LEVELS = 1_000;

export const FactorSchema = z
  .strictObject({
    path: z.string().min(1).describe('dotted scenario path, e.g. policy.sessionCap or workers.0.count'),
    values: z.array(FactorValueSchema).min(1).optional().describe('the values to try (any scenario value, e.g. 4, 6, open)'),
    range: z
      .strictObject({
        from: z.number(),
        to: z.number(),
        step: z.number().positive().optional().describe('spacing of the grid values from "from" up to "to", e.g. 0.5 WTE (grid design only)'),
        steps: z
          .number()
          .int()
          .min(2)
          .optional()
          .describe('grid points from..to inclusive, evenly spaced, when no step is given (default 5; grid design only)'),
      })
      .refine((r) => r.step === undefined || r.steps === undefined, { message: 'give step or steps, not both', path: ['steps'] })
      .optional()
      .describe('a numeric interval: evenly spaced for a grid, continuous for lhs, morris and sobol'),
    integer: z.boolean().default(false).describe('round range values to whole numbers'),
  })
  .refine((f) => (f.values === undefined) !== (f.range === undefined), { message: 'give either values or range, not both', path: ['values'] })
  .refine((f) => !f.range || f.range.to >= f.range.from, { message: '"to" must be at least "from"', path: ['range', 'to'] })
  .refine((f) => !f.range || Number.isFinite(f.range.to - f.range.from), {
    message: 'the range from "from" to "to" is too wide to compute with (over 1.8e308)',
    path: ['range', 'to'],
  });

/** Bootstrap resamples of a sensitivity design (each resample goes through all its `units`). */
function bootstrapResamples(units: string, description: string) {
  return z
    .number()
    .int()
    .min(0)
    .max(MAX_BOOTSTRAP, {
      message: `must be at most ${groupThousands(MAX_BOOTSTRAP)} (percentile intervals settle within a few thousand resamples, and every resample goes through all ${units})`,
    })
    .default(1000)
    .describe(description);
}

export const DesignSchema = z
  .union([
    z.literal('grid'),
    // By its type, so a mistake in an lhs or morris design is reported at its field.
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('grid') }),
      z.strictObject({
        type: z.literal('lhs'),
        samples: z.number().int().min(1),
        seed: runOption('seed').default(1),
      }),
      z.strictObject({
        type: z.literal('morris'),
        trajectories: z.number().int().min(2).default(10),
        levels: z
          .number()
          .int()
          .min(2)
          .multipleOf(2)
          .max(MAX_MORRIS_LEVELS, { message: `must be at most ${MAX_MORRIS_LEVELS} (elementary effects use 4 to 10 levels)` })
          .default(4)
          .describe('grid levels p (even)'),
        seed: runOption('seed').default(1),
        bootstrap: bootstrapResamples('trajectories', 'bootstrap resamples for the 95 % intervals of μ* and σ'),
      }),
      z.strictObject({
        type: z.literal('sobol'),
        samples: z.number().int().min(2).describe('base rows N of the Saltelli design: the sweep runs N·(factors + 2) points'),
        seed: runOption('seed').default(1),
        bootstrap: bootstrapResamples('base rows', 'bootstrap resamples (of the base rows) for the 95 % intervals of S1 and ST'),
      }),
    ]),
  ])
  .default('grid')
  .describe('grid (all combinations), lhs (Latin hypercube sample), morris (elementary effects) or sobol (variance-based indices)');

export const MetricIdSchema = z.enum(METRIC_IDS as [MetricId, ...MetricId[]]);

/** The index of the first repeat in `xs` (by `key`), or -1. */
function firstRepeat<T>(xs: readonly T[], key: (x: T) => unknown): number {
  const seen = new Set<unknown>();
  for (let i = 0; i < xs.length; i++) {
    const k = key(xs[i]);
    if (seen.has(k)) return i;
    seen.add(k);
  }
  return -1;
}

export const SweepSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only (used as a folder name)'),
  description: z.string().default(''),
  base: z.string().min(1).describe('base scenario file, relative to the sweep file'),
  factors: z
    .array(FactorSchema)
    .min(1)
    .max(100, 'at most 100 factors (each factor value is checked against the scenario, and no design over more factors can be run in reasonable time)')
    .superRefine((fs, ctx) => {
      const i = firstRepeat(fs, (f) => f.path);
      if (i >= 0)
        ctx.addIssue({ code: 'custom', path: [i, 'path'], message: `${fs[i].path} is already a factor: each scenario path may be varied by one factor only` });
    }),
  design: DesignSchema,
  // The run options: the bounds of a scenario's run: section and of every other door.
  replications: runOption('replications').default(10),
  seed: runOption('seed').optional().describe("default: the base scenario's run.seed"),
  years: runOption('years').optional().describe("default: the base scenario's run.years"),
  warmupDays: runOption('warmupDays').optional().describe("default: the base scenario's run.warmupDays"),
  metrics: z
    .array(MetricIdSchema)
    .min(1)
    .superRefine((ms, ctx) => {
      const i = firstRepeat(ms, (m) => m);
      if (i >= 0) ctx.addIssue({ code: 'custom', path: [i], message: `${ms[i]} is listed twice` });
    })
    .optional()
    .describe('metrics to keep (default: all)'),
});

export type SweepInput = z.input<typeof SweepSchema>;
export type Sweep = z.output<typeof SweepSchema>;
export type SweepFactor = Sweep['factors'][number];
export type SweepValue = z.output<typeof FactorValueSchema>;

export type DesignSpec =
  | { type: 'grid' }
  | { type: 'lhs'; samples: number; seed: number }
  | { type: 'morris'; trajectories: number; levels: number; seed: number; bootstrap: number }
  | { type: 'sobol'; samples: number; seed: number; bootstrap: number };

export function designOf(s: Sweep): DesignSpec {
  return typeof s.design === 'string' ? { type: 'grid' } : (s.design as DesignSpec);
}
