/**
 * The `costs:` section of a scenario: what the service costs a year, for the cost metrics
 * (`costPerYear`, `costPerPatientSeen`, `costPerNeedMet`, src/model/costs.ts) and the incremental
 * cost per extra need met in `goldilocks compare`. Money is in pounds sterling (GBP) a year, at
 * 2024/25 prices. Defaults and sources are documented in docs/model.md (§8a "Costs").
 *
 * Default salary: Agenda for Change band 5, the middle pay point (2–4 years' service), England,
 * from April 2024: £32,324 per WTE-year (NHS Health Careers, "Agenda for Change – pay rates",
 * April 2024); band 5 is the grade of the PCN reimbursement scheme (ARRS) for link workers, as
 * reported (../shared/domain/calibration.md, "Costs"). The on-cost rate (employer National
 * Insurance and pension) of 27.5 % is an **assumption**: the middle of the 25–30 % commonly quoted;
 * no primary source was found. Fixed costs and recruitment default to 0 (not counted unless given).
 */
import { z } from 'zod';
import { DEFAULT_ON_COST_RATE, DEFAULT_SALARY_PER_WTE_YEAR } from './costs-values.js';
import { atMost } from './errors.js';

// The defaults and the arithmetic on a parsed `costs:` live in costs-values.ts, which has no zod, so
// the model (src/model/costs.ts) does not load zod in a worker thread; they are re-exported here.
export { DEFAULT_ON_COST_RATE, DEFAULT_SALARY_PER_WTE_YEAR, fixedCostPerYear, groupCostPerWteYear } from './costs-values.js';

const POUNDS_WHY = 'a year of a whole PCN service costs a few hundred thousand pounds';
const pounds = (max: number, why: string) =>
  z
    .number()
    .nonnegative()
    .max(max, atMost(max, 'pounds', why));

const salary = pounds(1_000_000, 'more than any NHS salary: Agenda for Change tops out near £130,000').describe(
  'Salary per WTE-year, pounds (basic pay of a full-time post)',
);
const onCosts = z
  .number()
  .min(0)
  .max(1, { message: 'must be at most 1 (on-costs are a share of salary: 0.275 = 27.5 %)' })
  .describe('On-costs as a share of salary (employer National Insurance and pension; 0.275 = 27.5 %)');

export const GroupCostSchema = z
  .strictObject({
    salaryPerWteYear: salary.optional(),
    onCostRate: onCosts.optional(),
  })
  .describe("salary and on-costs of one worker group, where they differ from the costs section's own");

export const FixedCostsSchema = z
  .strictObject({
    management: pounds(100_000_000, POUNDS_WHY).default(0).describe('Management cost a year, pounds'),
    premises: pounds(100_000_000, POUNDS_WHY).default(0).describe('Premises cost a year, pounds'),
    training: pounds(100_000_000, POUNDS_WHY).default(0).describe('Training cost a year, pounds'),
    other: pounds(100_000_000, POUNDS_WHY).default(0).describe('Other fixed cost a year, pounds'),
  })
  .describe('fixed costs a year that do not depend on how many patients are seen (default 0: not counted)');

/** The one name a JavaScript object key cannot hold (see schema.ts RESERVED_NAME). */
const RESERVED_KEY = '__proto__';
const RESERVED_KEY_MESSAGE = '"__proto__" cannot be a name (JavaScript reserves it); choose another, e.g. "proto"';

export const CostsSchema = z
  .strictObject({
    salaryPerWteYear: salary.default(DEFAULT_SALARY_PER_WTE_YEAR),
    onCostRate: onCosts.default(DEFAULT_ON_COST_RATE),
    groups: z
      .preprocess((raw, ctx) => {
        // zod builds a record as a plain object, where a "__proto__" key becomes the prototype and its
        // entry vanishes without a word: refuse it here, on the input (JSON and YAML keep it as an own key).
        if (raw && typeof raw === 'object' && Object.hasOwn(raw, RESERVED_KEY))
          ctx.addIssue({ code: 'custom', message: RESERVED_KEY_MESSAGE, path: [RESERVED_KEY] });
        return raw;
      }, z.record(z.string().min(1).max(100), GroupCostSchema).optional())
      .describe('per worker group, by its name (workers[].name): salary or on-costs where they differ from the defaults above'),
    fixedPerYear: FixedCostsSchema.prefault({}),
    recruitmentPerVacancy: pounds(1_000_000, 'recruiting one link worker costs a few thousand pounds')
      .default(0)
      .describe('Recruitment cost per vacancy filled, pounds (advertising, interviews, induction; default 0: not counted)'),
  })
  .describe('what the service costs a year, in pounds (2024/25 prices): salaries with on-costs per WTE-year, fixed costs, recruitment per vacancy');

export type CostsInput = z.input<typeof CostsSchema>;
export type Costs = z.output<typeof CostsSchema>;

/** Names in `costs.groups` that match no worker group (each one an input error). */
export function unknownCostGroups(costs: Costs, groupNames: readonly string[]): string[] {
  const known = new Set(groupNames);
  return Object.keys(costs.groups ?? {}).filter((n) => !known.has(n));
}
