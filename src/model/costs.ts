/**
 * The cost metrics of one replication, from the scenario's `costs:` section and the outcomes the
 * statistics observed (docs/model.md §9, "Costs"). Pure arithmetic after the run: nothing here
 * touches the simulation, so costs never change a wait, a caseload or a random draw.
 *
 *   cost a year            = Σ over posts (WTE × salary × (1 + on-cost rate) of its group)
 *                            + fixed costs a year + recruitment per vacancy × leavers a year
 *   cost per patient seen  = cost a year / first appointments held a year
 *   cost per need met      = cost a year / needs met a year
 *
 * Pay is pro rata to contracted hours: a post's paid WTE is its WTE as every metric counts it
 * (posts.ts, `postWte`: contracted hours a week / 37.5, the Agenda for Change full-time week; the
 * `standard` rota is 37.5 h, an `always` rota counts as one full-time post). So a 20-hour rota
 * costs 20/37.5 of a full-time salary, and per-WTE metrics count it as 0.533 WTE too.
 * Every post is paid for the whole year, filled or vacant (an assumption: the budget holds the
 * post; vacancy savings and agency cover are not counted). Each leaver's post is refilled, so
 * vacancies filled a year = leavers a year (turnoverPerYear × posts).
 */
import type { Scenario } from '../scenario/schema.js';
import { fixedCostPerYear, groupCostPerWteYear } from '../scenario/costs-values.js';
import type { MetricValues, OutcomeValues } from './metrics.js';
import { FULL_TIME_HOURS_PER_WEEK, groupPostCount, postFractions, postWte, rotaHoursPerWeek } from './posts.js';

/** What a scenario's costs come to before any run: the parts that do not depend on the outcomes. */
export interface CostPlan {
  /** Salaries with on-costs of every post, pro rata to contracted hours, a year (GBP). */
  staffPerYear: number;
  /** Fixed costs a year (GBP). */
  fixedPerYear: number;
  recruitmentPerVacancy: number;
  /** Posts (turnover is per post) and whole-time equivalents (new patients are per WTE; posts.ts). */
  posts: number;
  wte: number;
}

/** Hours of a full-time Agenda for Change week (posts.ts holds the one definition). */
export const FULL_TIME_HOURS = FULL_TIME_HOURS_PER_WEEK;
export { rotaHoursPerWeek };

/** A group's paid whole-time equivalents: the sum of its posts' WTE (posts.ts, `postWte`). */
export function paidWte(g: Scenario['workers'][number]): number {
  return postFractions(g).reduce((a, f) => a + postWte(g, f), 0);
}

export function costPlan(s: Pick<Scenario, 'workers' | 'costs'>): CostPlan {
  let staff = 0;
  let posts = 0;
  let wte = 0;
  for (const g of s.workers) {
    const gWte = paidWte(g);
    staff += gWte * groupCostPerWteYear(s.costs, g.name);
    posts += groupPostCount(g);
    wte += gWte;
  }
  return { staffPerYear: staff, fixedPerYear: fixedCostPerYear(s.costs), recruitmentPerVacancy: s.costs.recruitmentPerVacancy, posts, wte };
}

/** The replication's metrics with the cost metrics added (NaN where a denominator is 0). */
export function withCosts(m: OutcomeValues, plan: CostPlan): MetricValues {
  const leaversPerYear = m.turnoverPerYear * plan.posts;
  const recruitment = plan.recruitmentPerVacancy > 0 ? plan.recruitmentPerVacancy * leaversPerYear : 0;
  const costPerYear = plan.staffPerYear + plan.fixedPerYear + recruitment;
  const seenPerYear = m.newPatientsPerWteYear * plan.wte;
  const per = (n: number) => (n > 0 ? costPerYear / n : NaN);
  return { ...m, costPerYear, costPerPatientSeen: per(seenPerYear), costPerNeedMet: per(m.needsMetPerYear) };
}
