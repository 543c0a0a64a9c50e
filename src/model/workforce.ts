/**
 * The link worker as an agent, updated once a week (CMOC 3, 9, 11, 12; Discussion):
 *   stress       rises with overload above 1, falls with slack and supervision, and rises for a
 *                novice under hands-off management;
 *   satisfaction moves towards a target that rises with autonomy (discretion in force) and
 *                needs met, and falls with overload and with "failing" (patients declined,
 *                redirected or discharged with unmet need);
 *   leaving      a weekly hazard that grows with stress and dissatisfaction.
 * Every coefficient is a labelled assumption (docs/model.md); the base rate is calibrated so
 * that a neutral worker leaves at `baseLeavingPerYear`.
 */
import type { Scenario } from '../scenario/schema.js';
import { DEFAULT_ASSUMPTIONS, type ResolvedAssumptions } from './assumptions.js';
import * as math from '../random/math.js'; // engine-independent last bits (see math.ts)

export interface WeekExperience {
  /** This worker's overload index for the week (NaN when on leave or vacant). */
  overload: number;
  /** Team-wide this week: share of ended episodes with need met, and share "failed". */
  needMetRate: number;
  failRate: number;
  autonomy: number;
  novice: boolean;
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

export interface AgentState {
  stress: number;
  satisfaction: number;
}

export function updateAgent(
  a: AgentState,
  week: WeekExperience,
  supervisionHours: number,
  handsOff: boolean,
  p: Scenario['workforce'],
  k: Readonly<ResolvedAssumptions> = DEFAULT_ASSUMPTIONS,
): void {
  const overload = Number.isFinite(week.overload) ? week.overload : 1;
  a.stress = clamp01(
    a.stress +
      p.stressPerOverload * (overload - 1) -
      p.stressReliefPerSupervisionHour * supervisionHours +
      (handsOff && week.novice ? p.handsOffNoviceStress : 0),
  );
  const target = clamp01(
    k.satisfactionTargetBase +
      k.satisfactionTargetAutonomy * week.autonomy +
      k.satisfactionTargetNeedMet * (week.needMetRate - k.neutralNeedMetRate) -
      k.satisfactionTargetOverload * Math.max(0, overload - 1) -
      k.satisfactionTargetFailing * week.failRate,
  );
  a.satisfaction += p.satisfactionAdjustment * (target - a.satisfaction);
}

/** Probability of leaving this week. */
export function weeklyLeavingProbability(a: AgentState, p: Scenario['workforce'], k: Readonly<ResolvedAssumptions> = DEFAULT_ASSUMPTIONS): number {
  const base = -math.log(1 - p.baseLeavingPerYear) / 52;
  const hazard =
    base * math.exp(p.stressLeavingEffect * (a.stress - k.neutralStress) + p.dissatisfactionLeavingEffect * (k.neutralSatisfaction - a.satisfaction));
  return 1 - math.exp(-hazard);
}
