/**
 * The scenario's optional `assumptions:` section (the fixed assumptions of src/model/assumptions.ts,
 * by camelCase name; defaults: today's constants) and `uncertainty:` section (overrides of the
 * ranges and distributions that `--uncertainty N` draws from). Both come from the one registry,
 * src/scenario/assumption-registry.ts.
 */
import { z } from 'zod';
import {
  type AssumptionOverride,
  type ResolvedAssumptions,
  assumptionRow,
  FIXED_ASSUMPTION_NAMES,
  FIXED_PREFIX,
  overrideProblem,
} from './assumption-registry.js';

function fixedShape(): Record<string, z.ZodType> {
  const shape: Record<string, z.ZodType> = {};
  for (const name of FIXED_ASSUMPTION_NAMES) {
    const row = assumptionRow(`${FIXED_PREFIX}.${name}`)!;
    const [min, max] = row.bounds;
    shape[name] = z.number().min(min).max(max).optional().describe(`${row.why} (default ${row.default}; ${row.paper}; docs/model.md §11b)`);
  }
  return shape;
}

export const AssumptionsSchema = z
  .strictObject(fixedShape())
  .describe('fixed assumptions of the model (src/model/assumptions.ts), by name; unset ones keep their defaults') as unknown as z.ZodType<
  Partial<ResolvedAssumptions>,
  Partial<ResolvedAssumptions>
>;

const MAX_OVERRIDES = 200;

export const UncertaintySchema = z
  .strictObject({
    assumptions: z
      .array(
        z.strictObject({
          parameter: z.string().max(200).describe('an assumed parameter: a field path (e.g. workforce.baseLeavingPerYear) or assumptions.<name>'),
          low: z.number().optional().describe("lowest plausible value (default: the registry's)"),
          high: z.number().optional().describe("highest plausible value (default: the registry's)"),
          distribution: z
            .enum(['uniform', 'triangular', 'fixed'])
            .optional()
            .describe('uniform over [low, high], triangular with its mode at the default, or fixed (not varied)'),
        }),
      )
      .max(MAX_OVERRIDES, { message: `must list at most ${MAX_OVERRIDES} parameters (the registry has fewer)` })
      .default([])
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((o, i) => {
          if (seen.has(o.parameter)) {
            ctx.addIssue({ code: 'custom', path: [i, 'parameter'], message: `${o.parameter} is listed twice; list each parameter once` });
            return;
          }
          seen.add(o.parameter);
          const p = overrideProblem(o as AssumptionOverride);
          if (p) ctx.addIssue({ code: 'custom', path: [i, p.field], message: p.message });
        });
      })
      .describe('ranges and distributions of assumed parameters, overriding the registry (docs/model.md §11b)'),
  })
  .describe('how `--uncertainty N` draws the assumptions');
