/**
 * Distributions in scenario files: a number or {type: …} with its parameters, each parameter
 * within LIMITS, cross-checked (a support that fits the field's bound, a truncated normal that keeps
 * enough of its mass) by building the very distribution the model will sample.
 */
import { z } from 'zod';
import { DISTRIBUTION_TYPES, makeDistribution, TruncatedNormal, type DistributionSpec } from '../random/index.js';
import { atMost } from './errors.js';
import { LIMITS } from './limits.js';

/** Cross-field checks run only on values that passed every simpler check (one message per mistake). */
export const ONLY_IF_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

const PARAMETER_LIMIT = atMost(LIMITS.distributionParameter, '', 'distribution parameters are limited to ±1e9 so that every draw is a finite number');
const param = z
  .number()
  .min(-LIMITS.distributionParameter, { message: 'must be at least -1e9 (distribution parameters are limited to ±1e9 so that every draw is a finite number)' })
  .max(LIMITS.distributionParameter, PARAMETER_LIMIT);
const positiveParam = param.positive();

const Fixed = z.strictObject({ type: z.literal('fixed'), value: param });
const Exponential = z.strictObject({ type: z.literal('exponential'), mean: positiveParam });
const Uniform = z
  .strictObject({ type: z.literal('uniform'), min: param, max: param })
  .refine((d) => d.max >= d.min, { message: 'max must be at least min', path: ['max'] });
const Triangular = z
  .strictObject({ type: z.literal('triangular'), min: param, mode: param, max: param })
  .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: 'need min <= mode <= max', path: ['mode'] })
  .refine((d) => d.min < d.max, { message: 'max must be above min (for a constant, write the number itself)', path: ['max'] });
const Normal = z
  .strictObject({
    type: z.literal('normal'),
    mean: param,
    sd: param.positive({ message: 'must be above 0 (for a constant, write the number itself)' }).describe('standard deviation, above 0'),
    min: param.optional().describe('truncate below (resampled, not clamped)'),
    max: param.optional().describe('truncate above (resampled, not clamped)'),
  })
  .refine((d) => d.min === undefined || d.max === undefined || d.min < d.max, { message: 'max must be above min', path: ['max'] });
const LogNormal = z.strictObject({
  type: z.literal('lognormal'),
  mean: positiveParam
    .min(LIMITS.lognormalMinMean, { message: 'must be at least 0.000001 (a smaller lognormal mean makes its draws overflow)' })
    .describe('mean of the lognormal itself'),
  sd: positiveParam.describe('standard deviation of the lognormal itself'),
});
const Gamma = z.strictObject({ type: z.literal('gamma'), shape: positiveParam, scale: positiveParam });
const Poisson = z.strictObject({ type: z.literal('poisson'), mean: param.nonnegative() });
const NegativeBinomial = z
  .strictObject({
    type: z.literal('negativeBinomial'),
    mean: param.describe('mean of the result, including the minimum'),
    sd: param.nonnegative().describe('standard deviation of the result'),
    min: param.int().nonnegative().default(0).describe('smallest value (the count is shifted up by this)'),
  })
  .refine((d) => d.mean >= d.min, { message: 'mean must be at least min', path: ['mean'] })
  .refine((d) => d.mean === d.min || d.sd * d.sd > d.mean - d.min, {
    message: 'sd² must exceed mean − min for a negative binomial (use type: poisson for less spread)',
    path: ['sd'],
  })
  .refine((d) => d.mean !== d.min || d.sd === 0, { message: 'sd must be 0 when mean equals min (the count is then fixed at min)', path: ['sd'] });
const Empirical = z
  .strictObject({
    type: z.literal('empirical'),
    values: z
      .array(param)
      .min(1)
      .max(LIMITS.empiricalValues, atMost(LIMITS.empiricalValues, 'values', 'an empirical distribution is a table, not a data set')),
    weights: z.array(param.nonnegative()).optional().describe('relative weights, one per value (default equal)'),
  })
  .refine((d) => !d.weights || d.weights.length === d.values.length, {
    message: 'weights must have one entry per value',
    path: ['weights'],
  })
  .refine((d) => !d.weights || d.weights.some((w) => w > 0), { message: 'weights must not all be zero', path: ['weights'] });

/** The distribution types a scenario may write (`type:`): the model's own list (random/spec.ts). */
export { DISTRIBUTION_TYPES };

/**
 * A stochastic parameter: a plain number (fixed) or a distribution object. "One source of
 * truth": after the checks above, the model's own factory (`makeDistribution`) must build it
 * and its mean and variance must be finite; whatever the factory refuses is reported here,
 * with its reason, and never reaches a run.
 */
export const DistributionSchema = z
  .union([param, Fixed, Exponential, Uniform, Triangular, Normal, LogNormal, Gamma, Poisson, NegativeBinomial, Empirical])
  .superRefine((d, ctx) => {
    try {
      const dist = makeDistribution(d as DistributionSpec);
      if (dist instanceof TruncatedNormal && dist.mass < LIMITS.truncatedNormalMinMass) {
        ctx.addIssue({
          code: 'custom',
          path: [(d as { min?: number }).min === undefined ? 'max' : 'min'],
          message: `min and max keep only ${dist.mass.toExponential(1)} of this normal's probability (a truncation in the far tail); move them nearer the mean or widen sd`,
        });
      } else if (!Number.isFinite(dist.mean) || !Number.isFinite(dist.variance)) {
        ctx.addIssue({ code: 'custom', message: 'these parameters give no finite mean and variance; use smaller numbers' });
      }
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
    }
  }, ONLY_IF_VALID)
  .describe(
    'A number (fixed value) or a distribution: {type: fixed|exponential|uniform|triangular|normal|lognormal|gamma|poisson|negativeBinomial|empirical, ...}',
  );

export type DistributionValue = z.output<typeof DistributionSchema>;

/** Smallest and largest value a distribution can draw (values of zero weight never are). */
export function supportOf(d: DistributionValue): { lo: number; hi: number } {
  if (typeof d === 'number') return { lo: d, hi: d };
  switch (d.type) {
    case 'fixed':
      return { lo: d.value, hi: d.value };
    case 'uniform':
    case 'triangular':
      return { lo: d.min, hi: d.max };
    case 'normal':
      return { lo: d.min ?? -Infinity, hi: d.max ?? Infinity };
    case 'negativeBinomial':
      return { lo: d.min, hi: d.mean === d.min ? d.min : Infinity };
    case 'empirical': {
      const drawn = d.values.filter((_, i) => !d.weights || d.weights[i] > 0);
      return { lo: Math.min(...drawn), hi: Math.max(...drawn) };
    }
    default:
      return { lo: 0, hi: d.type === 'poisson' && d.mean === 0 ? 0 : Infinity };
  }
}

/** Where in a distribution object to point at for a bound that its `lo` or `hi` breaks. */
function boundPath(d: DistributionValue, side: 'lo' | 'hi'): (string | number)[] {
  if (typeof d === 'number') return [];
  switch (d.type) {
    case 'fixed':
      return ['value'];
    case 'uniform':
    case 'triangular':
    case 'normal':
      return [side === 'lo' ? 'min' : d.type === 'normal' && d.max === undefined ? 'mean' : 'max'];
    case 'empirical':
      return ['values'];
    case 'negativeBinomial':
      return [side === 'lo' ? 'min' : 'mean'];
    default:
      return ['mean' in d ? 'mean' : 'shape'];
  }
}

/**
 * A distribution of durations, gaps or counts, with the same rules as the plain number: it
 * must not be able to draw a negative value (fixed value, uniform/triangular min, empirical
 * values ≥ 0; a normal needs `min: 0` or higher), and it must stay within `max` — its largest
 * value when it has one, otherwise its mean.
 */
export function boundedDistribution(max: number, unit: string, why: string) {
  return DistributionSchema.superRefine((d, ctx) => {
    const { lo, hi } = supportOf(d);
    if (lo < 0) {
      const message =
        typeof d === 'number' || d.type === 'fixed'
          ? 'must not be negative'
          : d.type === 'normal' && d.min === undefined
            ? 'a normal distribution can draw negative values here: add min: 0 (or higher) to truncate it'
            : d.type === 'empirical'
              ? 'values must not be negative (durations, gaps and counts cannot be)'
              : 'min must not be negative (durations, gaps and counts cannot be)';
      ctx.addIssue({ code: 'custom', path: boundPath(d, 'lo'), message });
    }
    const limit = atMost(max, unit, why).message;
    if (Number.isFinite(hi)) {
      if (hi > max)
        ctx.addIssue({ code: 'custom', path: boundPath(d, 'hi'), message: typeof d === 'number' || d.type === 'fixed' ? limit : `its largest value ${limit}` });
    } else {
      let mean: number;
      try {
        mean = makeDistribution(d as DistributionSpec).mean;
      } catch {
        return; // reported by DistributionSchema itself
      }
      if (mean > max) ctx.addIssue({ code: 'custom', path: boundPath(d, 'hi'), message: `its mean (${mean}) ${limit}` });
    }
  }, ONLY_IF_VALID);
}
