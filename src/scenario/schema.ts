/**
 * The scenario schema: the single source of truth for what a scenario file may contain.
 * From it come the TypeScript types (`ScenarioInput` as written, `Scenario` after defaults),
 * validation with defaults (`parseScenario`), and the exported JSON Schema that editors use
 * for completion (`goldilocks schema`).
 *
 * Units are in the field names: minutes for work, days for calendar gaps, per month for rates.
 * Every default below is documented, with its source or the label "assumption", in docs/model.md.
 */
import { z } from 'zod';
import { atMost, groupThousands } from './errors.js';
import { GoldilocksLimitsSchema, LeversSchema, WorkforceSchema, WorkloadSchema } from './levers-schema.js';
import { CostsSchema, unknownCostGroups } from './costs-schema.js';
import { LIMITS } from './limits.js';
import { boundedDistribution, type DistributionSchema, ONLY_IF_VALID } from './distribution-schema.js';
import { AssumptionsSchema, UncertaintySchema } from './assumptions-schema.js';

export { LIMITS } from './limits.js';
export { DistributionSchema, supportOf } from './distribution-schema.js';

const positive = (what: string) => z.number().positive().describe(what);
const nonNegative = (what: string) => z.number().nonnegative().describe(what);

export { atMost };
const upTo = (max: number, unit: string, why: string) =>
  z
    .number()
    .nonnegative()
    .max(max, atMost(max, unit, why));

// ---------------------------------------------------------------- time and rotas

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const DaySchema = z.enum(DAYS);
export type Day = z.infer<typeof DaySchema>;

const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'use 24-hour HH:MM, e.g. "09:00"')
  .describe('24-hour clock time, "HH:MM"');

export const RotaBlockSchema = z
  .strictObject({
    days: z.array(DaySchema).min(1).max(7, { message: 'a week has 7 days: list each day once' }).describe('days of the week this block repeats on'),
    from: ClockTime,
    to: ClockTime,
    activity: z
      .enum(['patients', 'networking', 'other'])
      .default('patients')
      .describe('patients: sessions and admin; networking: protected time with VCSE groups; other: other duties'),
  })
  .refine((b) => b.to > b.from, { message: '"to" must be later than "from" on the same day', path: ['to'] });

export const RotaSchema = z
  .union([
    z.literal('standard').describe('Mon–Fri 09:00–12:30 and 13:00–17:00 (37.5 h)'),
    z.literal('always').describe('available 24/7, for validation against queueing theory'),
    z
      .array(RotaBlockSchema)
      .min(1)
      .max(LIMITS.rotaBlocks, atMost(LIMITS.rotaBlocks, 'blocks', 'a week of 5-minute blocks is about 2,000; real rotas have a handful')),
  ])
  .describe('weekly rota: "standard", "always", or a list of working blocks');

// ---------------------------------------------------------------- parts of a scenario

const MonthMultipliers = z
  .array(upTo(LIMITS.monthMultiplier, '', 'a multiplier of 12 puts a whole year of referrals into one month'))
  .length(12)
  .describe('referral-rate multipliers for Jan..Dec (simulation starts on 1 January)');

const NAME_LIMIT = atMost(LIMITS.nameChars, 'characters', 'names label folders, tables and charts');
const TEXT_LIMIT = atMost(LIMITS.textChars, 'characters', 'longer notes belong in a separate document');
/**
 * Names are data, looked up with own-property checks or Maps. One name cannot be: `__proto__`,
 * which a JavaScript object key silently turns into its prototype (a cost group so named would be
 * dropped without a word), so it is refused with a message instead.
 */
export const RESERVED_NAME = '__proto__';
export const RESERVED_NAME_MESSAGE = '"__proto__" cannot be a name (JavaScript reserves it); choose another, e.g. "proto"';
const Name = z
  .string()
  .min(1)
  .max(LIMITS.nameChars, NAME_LIMIT)
  .refine((n) => n !== RESERVED_NAME, RESERVED_NAME_MESSAGE);
const Text = z.string().max(LIMITS.textChars, TEXT_LIMIT);
const REFERRALS_WHY = 'more than any service receives: a whole PCN refers a few hundred a month';

export const PracticeSchema = z.strictObject({
  name: Name,
  referralsPerMonth: upTo(LIMITS.referralsPerMonth, 'a month', REFERRALS_WHY).describe('mean referrals per month (Poisson)'),
  monthMultipliers: MonthMultipliers.optional(),
});

// The referral routes (no zod: the model reads them in every worker thread), re-exported here.
export { SOURCES, type ReferralSource } from './sources.js';

const weight = (what: string) => upTo(1e9, '', 'weights are relative: scale them down').describe(what);

export const ReferralsSchema = z.strictObject({
  practices: z
    .array(PracticeSchema)
    .min(1)
    .max(LIMITS.practices, atMost(LIMITS.practices, 'practices', 'a service covers a few practices; the largest federations a few hundred'))
    .describe('practices that refer to the service'),
  monthMultipliers: MonthMultipliers.optional().describe('seasonality applied to every practice without its own'),
  annualGrowth: z
    .number()
    .gt(-1)
    .max(LIMITS.annualGrowth, atMost(LIMITS.annualGrowth, '', '1 doubles the referrals every year'))
    .default(0)
    .describe('compound growth of referral rates per year, e.g. 0.05 = +5 % a year'),
  sourceMix: z
    .strictObject({
      gp: weight('weight of GP referrals').default(60),
      nurse: weight('weight of nurse referrals').default(5),
      reception: weight('weight of reception-staff referrals').default(1),
      self: weight('weight of self-referrals').default(2),
      other: weight('weight of other referrers (pharmacist, mental health, ...)').default(11),
    })
    .prefault({})
    .refine((m) => m.gp + m.nurse + m.reception + m.self + m.other > 0, { message: 'weights must not all be zero' })
    .describe('relative weights of referral sources (default: paper Table 4 referrers)'),
});

const weekHours = upTo(LIMITS.hoursPerWeek, 'hours', 'the hours in a week');

export const WorkerGroupSchema = z.strictObject({
  name: Name.default('Link worker'),
  count: z
    .number()
    .positive()
    .max(LIMITS.posts, atMost(LIMITS.posts, 'WTE', 'a federation of PCNs has hundreds of posts, not thousands'))
    .default(1)
    .describe(
      'posts on this rota: 2.5 = three posts, two working the whole rota and one half of it; the group holds count × fte × rota hours / 37.5 whole-time equivalents (WTE = contracted hours / 37.5)',
    ),
  fte: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe('share of the rota each post works (0.6 of the standard rota = 22.5 h, three days a week); WTE = contracted hours / 37.5'),
  rota: RotaSchema.default('standard'),
  networkingHoursPerWeek: weekHours.describe("protected networking hours per week, carved from the end of the week's patient blocks").default(3.5),
  otherDutiesHoursPerWeek: weekHours.describe('other fixed duties per week (meetings, ...), carved like networking').default(0),
  adminMinutesPerSession: upTo(LIMITS.minutesPerSession, 'minutes', 'a working day')
    .describe('recording and onward-referral time after each session')
    .default(15),
  annualLeaveDays: upTo(LIMITS.annualLeaveDays, 'days', 'the working days of a year: 52 weeks of 5 days')
    .describe(
      'days of leave a year of a full-time post (5 days a week), incl. bank holidays; a post working fewer days gets them pro rata (3 days a week: 3/5 of them), i.e. the same weeks off',
    )
    .default(35),
  monthsInRole: upTo(LIMITS.monthsInRole, 'months', 'a 50-year career').describe('experience at the start of the run').default(12),
  supervisionHoursPerWeek: weekHours.describe('supervision received, carved like other duties (CMOC 11)').default(1),
  teamLeadHoursPerWeek: weekHours.describe('hours leading a team, carved like other duties (Table 2 sites 5–7)').default(0),
  management: z.enum(['supportive', 'hands-off']).default('supportive').describe("hands-off management raises a novice's uncertainty (CMOC 12)"),
});

const sessionMinutes = boundedDistribution(LIMITS.minutesPerSession, 'minutes', 'a session cannot be longer than a working day');

export const PatientsSchema = z.strictObject({
  sessionsNeeded: boundedDistribution(LIMITS.sessionsNeeded, 'sessions', 'courses run 1–12 sessions; 100 is far beyond any')
    .default({ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 })
    .describe('sessions a patient needs (rounded, at least 1)'),
  firstSessionMinutes: sessionMinutes.default({ type: 'uniform', min: 45, max: 60 }),
  followUpMinutes: sessionMinutes.default({ type: 'triangular', min: 10, mode: 30, max: 60 }),
  daysBetweenSessions: boundedDistribution(LIMITS.daysBetweenSessions, 'days', 'sessions more than a year apart are not one course')
    .default(14)
    .describe('gap from one session to the next becoming due'),
  didNotAttend: z.number().min(0).max(0.95).default(0.1).describe('probability a booked session is missed'),
  intervalFrom: z
    .enum(['end', 'start'])
    .default('end')
    .describe('the next session falls due daysBetweenSessions after the previous one ended (end) or started (start: "the same slot in two weeks")'),
  patienceDays: z
    .union([z.literal('open'), boundedDistribution(LIMITS.patienceDays, 'days', 'ten years; write "open" for no limit')], {
      error: 'expected "open" (no limit) or a distribution in days, e.g. { type: exponential, mean: 60 }',
    })
    .default({ type: 'exponential', mean: 60 })
    .describe('time a patient will wait for a first appointment before dropping out, or "open"'),
});

const OpenOr = (what: string, max: number, why: string) =>
  z
    .union(
      [
        z.literal('open'),
        z
          .number()
          .int()
          .min(1)
          .max(max, atMost(max, '', why)),
      ],
      { error: 'expected a whole number of at least 1 (e.g. 6), or "open" for no limit' },
    )
    .describe(`${what}, or "open" for no limit`);

export const PolicySchema = z.strictObject({
  sessionCap: OpenOr('maximum attended sessions per patient', LIMITS.sessionCap, 'caps are 6–12 sessions; write "open" for no cap').default(6),
  maxCaseload: OpenOr(
    'no new patients offered to a full-time post holding this many (pro rata to WTE: a 20-hour post stops at 20/37.5 of it)',
    LIMITS.maxCaseload,
    'write "open" for no limit',
  ).default('open'),
  allocation: z
    .enum(['smallestCaseload', 'longestIdle', 'roundRobin'])
    .default('smallestCaseload')
    .describe('who gets a new patient: the free worker with the smallest caseload per WTE, the one idle longest, or the next in turn'),
  followUpOrder: z
    .enum(['oldestFirst', 'firstThatFits'])
    .default('oldestFirst')
    .describe('oldestFirst: if the oldest due follow-up does not fit in the block, nothing else is seen; firstThatFits: a shorter due follow-up may go first'),
});

export const InitialStateSchema = z.strictObject({
  caseloadPerWorker: z
    .number()
    .int()
    .nonnegative()
    .max(LIMITS.caseloadPerWorker, atMost(LIMITS.caseloadPerWorker, 'patients', 'real caseloads are 20–250 patients'))
    .default(0)
    .describe("patients already on each full-time post's caseload (pro rata to WTE)"),
  waitingList: z
    .number()
    .int()
    .nonnegative()
    .max(LIMITS.waitingList, atMost(LIMITS.waitingList, 'patients', "more than any service's whole yearly intake"))
    .default(0)
    .describe('patients already waiting for a first appointment'),
});

export const RunSchema = z.strictObject({
  years: positive('simulated horizon in years (365.25 days), including warm-up')
    .max(LIMITS.years, atMost(LIMITS.years, 'years', 'no service plan looks further ahead'))
    .default(3),
  warmupDays: nonNegative('initial period excluded from statistics').default(182),
  replications: z
    .number()
    .int()
    .min(1)
    .max(LIMITS.replications, atMost(LIMITS.replications, '', 'confidence intervals stop narrowing usefully long before'))
    .default(20),
  seed: z.number().int().nonnegative().default(1),
  startDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as yyyy-mm-dd (e.g. 2025-04-01)')
    .refine(
      (d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) === d,
      'not a calendar date (yyyy-mm-dd)',
    )
    .optional()
    .describe(
      'calendar date of day 0, for the date column of the event log (docs/event-log.md); it moves nothing in the model (month-of-year seasonality still counts day 0 as 1 January)',
    ),
});

export const SiteSchema = z
  .strictObject({
    deprivation: z.enum(['low', 'medium', 'high']).optional(),
    employer: z.enum(['vcse', 'primary-care']).optional().describe('who manages the link workers'),
    teamLead: z.enum(['no', 'official', 'informal']).optional(),
    supervision: Text.optional(),
    notes: Text.optional(),
  })
  .describe('descriptive facts about the site (paper Table 2); documentation only in this version');

export const ScenarioSchema = z
  .strictObject({
    $schema: z
      .string()
      .max(1_000, atMost(1_000, 'characters', 'a path or URL'))
      .optional()
      .describe('path or URL of the JSON Schema, for editors'),
    name: z
      .string()
      .max(LIMITS.nameChars, NAME_LIMIT)
      .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only (used as a folder name)'),
    description: Text.default(''),
    site: SiteSchema.optional(),
    run: RunSchema.prefault({}),
    referrals: ReferralsSchema,
    workers: z
      .array(WorkerGroupSchema)
      .min(1)
      .max(LIMITS.posts, atMost(LIMITS.posts, 'groups', 'a federation of PCNs has hundreds of posts, not thousands'))
      .describe('the link-worker team, as groups of alike workers'),
    patients: PatientsSchema.prefault({}),
    policy: PolicySchema.prefault({}),
    initialState: InitialStateSchema.prefault({}),
    discretion: z.number().min(0).max(1).optional().describe('one dial for every lever not set explicitly: 0 = all boundaries, 1 = all discretion'),
    levers: LeversSchema.prefault({}),
    workload: WorkloadSchema.prefault({}),
    workforce: WorkforceSchema.prefault({}),
    goldilocks: GoldilocksLimitsSchema.prefault({}),
    costs: CostsSchema.prefault({}),
    assumptions: AssumptionsSchema.optional(),
    uncertainty: UncertaintySchema.optional(),
  })
  .refine((s) => s.run.warmupDays < s.run.years * 365.25, {
    message: 'warm-up must be shorter than the run',
    path: ['run', 'warmupDays'],
  })
  .superRefine((s, ctx) => {
    // Limits on the whole team and the whole demand, over the whole run.
    const posts = s.workers.reduce((n, g) => n + Math.ceil(g.count - 1e-9), 0);
    if (posts > LIMITS.posts) {
      ctx.addIssue({
        code: 'custom',
        path: ['workers'],
        message: `the groups hold ${groupThousands(posts)} posts in total; ${atMost(LIMITS.posts, 'posts', 'a federation of PCNs has hundreds of posts, not thousands').message}`,
      });
    }
    const initial = posts * s.initialState.caseloadPerWorker;
    if (initial > LIMITS.initialPatients) {
      ctx.addIssue({
        code: 'custom',
        path: ['initialState', 'caseloadPerWorker'],
        message: `${posts} posts × ${s.initialState.caseloadPerWorker} patients = ${groupThousands(initial)} patients at the start; the total ${atMost(LIMITS.initialPatients, 'patients', 'more than any service holds').message}`,
      });
    }
    const groupNames = s.workers.map((g) => g.name);
    for (const name of unknownCostGroups(s.costs, groupNames)) {
      ctx.addIssue({
        code: 'custom',
        path: ['costs', 'groups', name],
        message: `no worker group is named ${JSON.stringify(name)}; the groups are ${groupNames.map((n) => JSON.stringify(n)).join(', ')} (workers[].name)`,
      });
    }
    const r = s.referrals;
    const peakMonth = r.practices.reduce((sum, p) => sum + p.referralsPerMonth * Math.max(...(p.monthMultipliers ?? r.monthMultipliers ?? [1])), 0);
    const peak = peakMonth * Math.pow(1 + r.annualGrowth, Math.max(0, s.run.years));
    if (!(peak <= LIMITS.referralsPerMonth)) {
      ctx.addIssue({
        code: 'custom',
        path: r.annualGrowth > 0 ? ['referrals', 'annualGrowth'] : ['referrals', 'practices'],
        message: `referrals would reach ${Number.isFinite(peak) ? groupThousands(Math.round(peak)) : 'an unbounded number'} a month in the busiest month${r.annualGrowth > 0 ? ` after ${s.run.years} years of growth` : ''} across all practices; the total ${atMost(LIMITS.referralsPerMonth, 'a month', REFERRALS_WHY).message}`,
      });
    }
  }, ONLY_IF_VALID);

/** A scenario as written in a file (optional fields may be missing). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
export type DistributionInput = z.output<typeof DistributionSchema>;
export type RotaInput = z.output<typeof RotaSchema>;
export type WorkerGroup = z.output<typeof WorkerGroupSchema>;
export type { Costs, CostsInput } from './costs-schema.js';

/** The JSON Schema people write scenario files against (defaulted fields are optional). */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
}

/** The JSON Schema as the text `goldilocks schema` prints (and scenarios/goldilocks.schema.json holds). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify({ $id: 'https://goldilocks-sim/scenario.schema.json', title: 'Goldilocks scenario', ...scenarioJsonSchema() }, null, 2) + '\n';
}
