/**
 * The sweep file: a base scenario, the factors to vary (dotted scenario paths, as `--set`
 * uses), the design that picks the points, replications per point and the metrics to keep.
 * Validated with the same error quality as scenarios (file, field path, line).
 */
import { z } from 'zod';
import { METRIC_IDS, type MetricId } from '../model/index.js';

const Value = z.union([z.number(), z.string(), z.boolean()]);

const Factor = z
  .strictObject({
    path: z.string().min(1).describe('dotted scenario path, e.g. policy.sessionCap or workers.0.count'),
    values: z.array(Value).min(1).optional().describe('the values to try (any scenario value, e.g. 4, 6, open)'),
    range: z
      .strictObject({
        from: z.number(),
        to: z.number(),
        steps: z.number().int().min(2).default(5).describe('grid points from..to inclusive (grid design only)'),
      })
      .optional()
      .describe('a numeric interval: evenly spaced for a grid, continuous for lhs and morris'),
    integer: z.boolean().default(false).describe('round range values to whole numbers'),
  })
  .refine((f) => (f.values === undefined) !== (f.range === undefined), { message: 'give either values or range, not both', path: ['values'] })
  .refine((f) => !f.range || f.range.to >= f.range.from, { message: '"to" must be at least "from"', path: ['range', 'to'] });

const Design = z
  .union([
    z.literal('grid'),
    z.strictObject({ type: z.literal('grid') }),
    z.strictObject({
      type: z.literal('lhs'),
      samples: z.number().int().min(1),
      seed: z.number().int().nonnegative().default(1),
    }),
    z.strictObject({
      type: z.literal('morris'),
      trajectories: z.number().int().min(2).default(10),
      levels: z.number().int().min(2).multipleOf(2).default(4).describe('grid levels p (even)'),
      seed: z.number().int().nonnegative().default(1),
      bootstrap: z.number().int().min(0).default(1000).describe('bootstrap resamples for the 95 % intervals of μ* and σ'),
    }),
  ])
  .default('grid')
  .describe('grid (all combinations), lhs (Latin hypercube sample) or morris (elementary effects)');

const MetricIdSchema = z.enum(METRIC_IDS as [MetricId, ...MetricId[]]);

export const SweepSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only (used as a folder name)'),
  description: z.string().default(''),
  base: z.string().min(1).describe('base scenario file, relative to the sweep file'),
  factors: z.array(Factor).min(1).max(100, 'at most 100 factors (each factor value is checked against the scenario, and no design over more factors can be run in reasonable time)'),
  design: Design,
  replications: z.number().int().min(1).default(10),
  seed: z.number().int().nonnegative().optional().describe('default: the base scenario\'s run.seed'),
  years: z.number().positive().optional().describe('default: the base scenario\'s run.years'),
  warmupDays: z.number().nonnegative().optional().describe('default: the base scenario\'s run.warmupDays'),
  metrics: z.array(MetricIdSchema).min(1).optional().describe('metrics to keep (default: all)'),
});

export type SweepInput = z.input<typeof SweepSchema>;
export type Sweep = z.output<typeof SweepSchema>;
export type SweepFactor = Sweep['factors'][number];
export type SweepValue = z.output<typeof Value>;

export type DesignSpec =
  | { type: 'grid' }
  | { type: 'lhs'; samples: number; seed: number }
  | { type: 'morris'; trajectories: number; levels: number; seed: number; bootstrap: number };

export function designOf(s: Sweep): DesignSpec {
  return typeof s.design === 'string' ? { type: 'grid' } : (s.design as DesignSpec);
}
