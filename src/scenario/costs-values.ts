/**
 * The cost defaults and the arithmetic on a parsed `costs:` section (costs-schema.ts has the schema
 * and the sources of the defaults). Kept apart from the schema so that the model, which needs only
 * this, does not load zod: src/model/costs.ts runs in every replication's worker thread.
 */
import type { Costs } from './costs-schema.js';

/** Agenda for Change band 5, middle pay point (2–4 years), England, April 2024 (calibration.md "Costs"). */
export const DEFAULT_SALARY_PER_WTE_YEAR = 32_324;
/** Assumption: employer National Insurance and pension as a share of salary (middle of 25–30 %). */
export const DEFAULT_ON_COST_RATE = 0.275;

/** Cost per WTE-year (salary with on-costs) of a worker group, by its name. */
export function groupCostPerWteYear(costs: Costs, groupName: string): number {
  const g = costs.groups && Object.hasOwn(costs.groups, groupName) ? costs.groups[groupName] : undefined;
  const salaryPerWte = g?.salaryPerWteYear ?? costs.salaryPerWteYear;
  const rate = g?.onCostRate ?? costs.onCostRate;
  return salaryPerWte * (1 + rate);
}

/** The fixed costs a year, summed. */
export function fixedCostPerYear(costs: Costs): number {
  const f = costs.fixedPerYear;
  return f.management + f.premises + f.training + f.other;
}
