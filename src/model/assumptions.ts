/**
 * Numbers in the model's mechanisms that are assumptions, not scenario fields: named here so
 * that each is listed (with its reason) in docs/model.md §"Fixed assumptions", and a test keeps
 * that list and this file in step.
 */

/** Confidence to decline an inappropriate referral: a novice team declines at this fraction of the lever… */
export const DECLINE_CONFIDENCE_NOVICE = 0.25;
/** …rising linearly to 1 at this many months in role (CMOC 8: confidence grows with experience). */
export const DECLINE_CONFIDENCE_FULL_MONTHS = 24;

/** A worker is a novice (slower sessions, hands-off stress) for this many months in role (Table 2 time in role). */
export const NOVICE_MONTHS = 12;

/** Community knowledge of a new worker, of an experienced one, and the months it takes to get there (CMOC 4). */
export const KNOWLEDGE_NOVICE = 0.3;
export const KNOWLEDGE_EXPERIENCED = 0.9;
export const KNOWLEDGE_EXPERIENCED_MONTHS = 30;

/** Stress and satisfaction of a neutral worker: the start values and the neutral point of the leaving hazard. */
export const NEUTRAL_STRESS = 0.3;
export const NEUTRAL_SATISFACTION = 0.6;

/** Weights of the weekly satisfaction target (CMOC 3, 9, 13): base, autonomy, need met, overload, failing. */
export const SATISFACTION_TARGET = { base: 0.5, autonomy: 0.3, needMet: 0.3, overload: 0.3, failing: 0.4 } as const;

/** The team's need-met rate assumed for a week in which no episode ended. */
export const NEUTRAL_NEED_MET_RATE = 0.5;

/** Maximum share of sessions held at home at full discretion (Table 5 "where patients were seen"). */
import { MAX_HOME_VISIT_SHARE } from '../scenario/lever-registry.js';
import type { ResolvedAssumptions } from '../scenario/assumption-registry.js';
export { MAX_HOME_VISIT_SHARE };

/** Weeks in the leave cycle (leave weeks repeat every 52 weeks). */
export const LEAVE_CYCLE = 52;

export const FIXED_ASSUMPTIONS = {
  DECLINE_CONFIDENCE_NOVICE,
  DECLINE_CONFIDENCE_FULL_MONTHS,
  NOVICE_MONTHS,
  KNOWLEDGE_NOVICE,
  KNOWLEDGE_EXPERIENCED,
  KNOWLEDGE_EXPERIENCED_MONTHS,
  NEUTRAL_STRESS,
  NEUTRAL_SATISFACTION,
  NEUTRAL_NEED_MET_RATE,
  MAX_HOME_VISIT_SHARE,
} as const;

/**
 * The fixed assumptions as the model reads them, resolved once per run (context.ts): today's
 * constants unless the scenario's optional `assumptions:` section (camelCase names) or a parameter
 * draw of `--uncertainty` (src/scenario/assumption-registry.ts) sets them.
 */
export type { ResolvedAssumptions };

export const DEFAULT_ASSUMPTIONS: Readonly<ResolvedAssumptions> = Object.freeze({
  declineConfidenceNovice: DECLINE_CONFIDENCE_NOVICE,
  declineConfidenceFullMonths: DECLINE_CONFIDENCE_FULL_MONTHS,
  noviceMonths: NOVICE_MONTHS,
  knowledgeNovice: KNOWLEDGE_NOVICE,
  knowledgeExperienced: KNOWLEDGE_EXPERIENCED,
  knowledgeExperiencedMonths: KNOWLEDGE_EXPERIENCED_MONTHS,
  neutralStress: NEUTRAL_STRESS,
  neutralSatisfaction: NEUTRAL_SATISFACTION,
  neutralNeedMetRate: NEUTRAL_NEED_MET_RATE,
  satisfactionTargetBase: SATISFACTION_TARGET.base,
  satisfactionTargetAutonomy: SATISFACTION_TARGET.autonomy,
  satisfactionTargetNeedMet: SATISFACTION_TARGET.needMet,
  satisfactionTargetOverload: SATISFACTION_TARGET.overload,
  satisfactionTargetFailing: SATISFACTION_TARGET.failing,
});

/** The scenario's `assumptions:` section over the defaults (the same object when it is absent or empty). */
export function resolveAssumptions(section: Partial<ResolvedAssumptions> | undefined): Readonly<ResolvedAssumptions> {
  if (section === undefined) return DEFAULT_ASSUMPTIONS;
  const keys = Object.keys(section).filter((k) => (section as Record<string, unknown>)[k] !== undefined);
  return keys.length === 0 ? DEFAULT_ASSUMPTIONS : { ...DEFAULT_ASSUMPTIONS, ...section };
}
