/**
 * The discretion/boundary levers of the paper (Tierney et al. 2024, Table 5 and the CMOCs of
 * Table 6), the out-of-remit workload, the link worker as an agent (stress, satisfaction,
 * leaving) and the limits that define a "just right" design. Every lever is optional: a
 * lever left out takes its value from the `discretion` dial (0 = all boundaries, 1 = all
 * discretion) through the mapping in src/model/discretion.ts, or, with no dial, from the
 * default given here. Defaults and sources are documented in docs/model.md.
 */
import { z } from 'zod';
import { atMost } from './errors.js';
import { LEVER_IDS, LEVER_REGISTRY, type DIAL_LEVER_IDS, type LeverId, type LeverValues } from './lever-registry.js';

const share = (what: string) => z.number().min(0).max(1).describe(what);

/** An upper bound with its reason in the message (as in schema.ts). */
const bounded = (max: number, unit: string, why: string) =>
  z
    .number()
    .nonnegative()
    .max(max, atMost(max, unit, why));
const minutes = bounded(480, 'minutes', 'a working day');
const effect = bounded(100, '', 'an effect size far beyond any measured one');
const logHazard = bounded(20, '', 'a log hazard of 20 multiplies the leaving rate by 500 million');
const multiplier = bounded(10, '', 'an open route adds a share of referrals, it does not multiply them tenfold');

/** Dial levers are optional (the dial fills them); the others default to their fallback. */
function leverShape(): Record<LeverId, z.ZodType> {
  const shape = {} as Record<LeverId, z.ZodType>;
  for (const k of LEVER_IDS) {
    const r = LEVER_REGISTRY[k] as { schema: (zod: typeof z) => z.ZodType; dial?: unknown; fallback?: unknown };
    const schema = r.schema(z);
    shape[k] = r.dial ? schema.optional() : schema.default(r.fallback as never);
  }
  return shape;
}

type DialLever = (typeof DIAL_LEVER_IDS)[number];
/** Levers as validated: dial levers may be unset (the dial fills them), the others have defaults. */
export type LeversOutput = Partial<Pick<LeverValues, DialLever>> & Omit<LeverValues, DialLever>;

export const LeversSchema = z
  .strictObject(leverShape())
  .describe('discretion and boundary levers; unset ones follow the `discretion` dial (the table: src/scenario/lever-registry.ts)') as unknown as z.ZodType<
  LeversOutput,
  Partial<LeverValues>
>;

export const WorkloadSchema = z
  .strictObject({
    inappropriateShare: share('share of referrals that are inappropriate or beyond the role').default(0.15),
    inappropriateNeedMultiplier: effect.min(1).default(1.5).describe('an inappropriate referral accepted needs this many times the sessions'),
    inappropriateNeedMetProbability: share('chance the need of an accepted inappropriate referral is met').default(0.5),
    receptionRateMultiplier: multiplier.min(1).default(1.15).describe('total referrals × this when reception may refer'),
    selfRateMultiplier: multiplier.min(1).default(1.05).describe('total referrals × this when self-referral is open'),
    vulnerableShare: share('share of patients considered vulnerable (candidates for check-ins)').default(0.2),
    checkInMinutes: minutes.positive().default(10),
    checkInIntervalDays: bounded(365, 'days', 'a year').positive().default(28),
    checkInCount: z
      .number()
      .int()
      .min(1)
      .max(1_000, { message: 'must be at most 1,000 (check-ins are a handful of calls)' })
      .default(6)
      .describe('check-in calls per vulnerable patient'),
    outOfRemitRequestsPerWorkerWeek: bounded(100, 'a week', 'more requests than a working week has hours').default(1),
    outOfRemitHoursPerRequest: bounded(168, 'hours', 'the hours in a week').default(1.5),
    knowledgeGainPerNetworkingHour: bounded(1, '', 'a share of the gap to full knowledge')
      .default(0.03)
      .describe('community knowledge gained per networking hour (of the gap to 1)'),
    knowledgeDecayPerWeek: share('weekly decay of community knowledge').default(0.02),
    knowledgeNeedEffect: effect.default(0.5).describe('sessions needed × (1 + this × (1 − knowledge))'),
    knowledgeMatchFloor: share('chance a completed episode met the need when knowledge is 0 (1 at full knowledge)').default(0.6),
    noviceExtraTime: bounded(10, '', "10 makes a novice's sessions eleven times as long")
      .default(0.2)
      .describe('sessions take this much longer at 0 months in role, falling to 0 at 12 months'),
  })
  .describe('workload and effect sizes behind the levers (assumptions unless sourced)');

export const WorkforceSchema = z
  .strictObject({
    enabled: z.boolean().default(true).describe('weekly stress, satisfaction and leaving'),
    stressPerOverload: effect.default(0.15).describe('stress change per unit of weekly overload above (or below) 1'),
    stressReliefPerSupervisionHour: effect.default(0.02),
    handsOffNoviceStress: effect.default(0.03).describe('weekly stress added for a novice (< 12 months) with hands-off management (CMOC 12)'),
    satisfactionAdjustment: share('weekly speed at which satisfaction moves towards its target').default(0.1),
    baseLeavingPerYear: share('annual leaving probability at neutral stress and satisfaction').default(0.12),
    stressLeavingEffect: logHazard.default(2).describe('log hazard per unit of stress'),
    dissatisfactionLeavingEffect: logHazard.default(2).describe('log hazard per unit of dissatisfaction'),
    recruitmentDelayDays: bounded(3_650, 'days', 'ten years without recruiting is a post left empty').default(90),
  })
  .describe(
    'the link worker as an agent (CMOC 3, 9, 11, 12); every parameter is an assumption (29 % of link workers consider leaving within a year: intention, not turnover)',
  );

export const GoldilocksLimitsSchema = z
  .strictObject({
    maxOverloadIndex: bounded(1_000, '', 'an overload index of 1 is a full week')
      .positive()
      .default(1)
      .describe('"just right" needs the mean overload index at or below this'),
    maxTurnoverPerYear: bounded(100, 'a year', 'turnover is a share of the posts a year')
      .default(0.25)
      .describe('…and worker turnover per year at or below this'),
    objective: z
      .enum(['needMetShare', 'satisfaction', 'newPatientsPerWorkerYear'])
      .default('needMetShare')
      .describe('what "just right" maximises within the limits'),
    tolerance: z
      .number()
      .nonnegative()
      .default(0.01)
      .describe('a level stays just right unless its objective is detectably worse than the best (paired interval) and worse by more than this'),
  })
  .describe('limits and objective for `goldilocks explore`');
