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
import { GoldilocksLimitsSchema, LeversSchema, WorkforceSchema, WorkloadSchema } from './levers-schema.js';

const positive = (what: string) => z.number().positive().describe(what);
const nonNegative = (what: string) => z.number().nonnegative().describe(what);

// ---------------------------------------------------------------- distributions

const Fixed = z.strictObject({ type: z.literal('fixed'), value: z.number() });
const Exponential = z.strictObject({ type: z.literal('exponential'), mean: z.number().positive() });
const Uniform = z
  .strictObject({ type: z.literal('uniform'), min: z.number(), max: z.number() })
  .refine((d) => d.max >= d.min, { message: 'max must be at least min', path: ['max'] });
const Triangular = z
  .strictObject({ type: z.literal('triangular'), min: z.number(), mode: z.number(), max: z.number() })
  .refine((d) => d.min <= d.mode && d.mode <= d.max, { message: 'need min <= mode <= max', path: ['mode'] });
const Normal = z.strictObject({
  type: z.literal('normal'),
  mean: z.number(),
  sd: z.number().nonnegative(),
  min: z.number().optional().describe('truncate below (resampled, not clamped)'),
  max: z.number().optional().describe('truncate above (resampled, not clamped)'),
});
const LogNormal = z.strictObject({
  type: z.literal('lognormal'),
  mean: z.number().positive().describe('mean of the lognormal itself'),
  sd: z.number().positive().describe('standard deviation of the lognormal itself'),
});
const Gamma = z.strictObject({ type: z.literal('gamma'), shape: z.number().positive(), scale: z.number().positive() });
const Poisson = z.strictObject({ type: z.literal('poisson'), mean: z.number().nonnegative() });
const NegativeBinomial = z
  .strictObject({
    type: z.literal('negativeBinomial'),
    mean: z.number().describe('mean of the result, including the minimum'),
    sd: z.number().nonnegative().describe('standard deviation of the result'),
    min: z.number().int().nonnegative().default(0).describe('smallest value (the count is shifted up by this)'),
  })
  .refine((d) => d.mean >= d.min, { message: 'mean must be at least min', path: ['mean'] })
  .refine((d) => d.mean === d.min || d.sd * d.sd > d.mean - d.min, {
    message: 'sd² must exceed mean − min for a negative binomial (use type: poisson for less spread)',
    path: ['sd'],
  });
const Empirical = z
  .strictObject({
    type: z.literal('empirical'),
    values: z.array(z.number()).min(1),
    weights: z.array(z.number().nonnegative()).optional().describe('relative weights, one per value (default equal)'),
  })
  .refine((d) => !d.weights || d.weights.length === d.values.length, {
    message: 'weights must have one entry per value',
    path: ['weights'],
  })
  .refine((d) => !d.weights || d.weights.some((w) => w > 0), { message: 'weights must not all be zero', path: ['weights'] });

/** A stochastic parameter: a plain number (fixed) or a distribution object. */
export const DistributionSchema = z
  .union([
    z.number(),
    Fixed, Exponential, Uniform, Triangular, Normal, LogNormal, Gamma, Poisson, NegativeBinomial, Empirical,
  ])
  .describe('A number (fixed value) or a distribution: {type: fixed|exponential|uniform|triangular|normal|lognormal|gamma|poisson|negativeBinomial|empirical, ...}');

/** A distribution whose draws must be non-negative (durations, counts, gaps). */
const NonNegativeDistribution = DistributionSchema.refine(
  (d) => (typeof d === 'number' ? d >= 0 : true),
  { message: 'must not be negative' },
);

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
    days: z.array(DaySchema).min(1).describe('days of the week this block repeats on'),
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
    z.array(RotaBlockSchema).min(1),
  ])
  .describe('weekly rota: "standard", "always", or a list of working blocks');

// ---------------------------------------------------------------- parts of a scenario

const MonthMultipliers = z
  .array(z.number().nonnegative())
  .length(12)
  .describe('referral-rate multipliers for Jan..Dec (simulation starts on 1 January)');

export const PracticeSchema = z.strictObject({
  name: z.string().min(1),
  referralsPerMonth: nonNegative('mean referrals per month (Poisson)'),
  monthMultipliers: MonthMultipliers.optional(),
});

export const SOURCES = ['gp', 'nurse', 'reception', 'self', 'other'] as const;
export type ReferralSource = (typeof SOURCES)[number];

export const ReferralsSchema = z
  .strictObject({
    practices: z.array(PracticeSchema).min(1).describe('practices that refer to the service'),
    monthMultipliers: MonthMultipliers.optional().describe('seasonality applied to every practice without its own'),
    annualGrowth: z
      .number()
      .gt(-1)
      .default(0)
      .describe('compound growth of referral rates per year, e.g. 0.05 = +5 % a year'),
    sourceMix: z
      .strictObject({
        gp: nonNegative('weight of GP referrals').default(60),
        nurse: nonNegative('weight of nurse referrals').default(5),
        reception: nonNegative('weight of reception-staff referrals').default(1),
        self: nonNegative('weight of self-referrals').default(2),
        other: nonNegative('weight of other referrers (pharmacist, mental health, ...)').default(11),
      })
      .prefault({})
      .refine((m) => m.gp + m.nurse + m.reception + m.self + m.other > 0, { message: 'weights must not all be zero' })
      .describe('relative weights of referral sources (default: paper Table 4 referrers)'),
  });

export const WorkerGroupSchema = z.strictObject({
  name: z.string().min(1).default('Link worker'),
  count: z
    .number()
    .positive()
    .default(1)
    .describe('whole-time equivalents (WTE) in this group: 2.5 = two full-time posts and one half-time post'),
  fte: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe('working fraction of each post (0.6 = three days a week); the group holds count × fte WTE'),
  rota: RotaSchema.default('standard'),
  networkingHoursPerWeek: nonNegative(
    'protected networking hours per week, carved from the end of the week\'s patient blocks',
  ).default(3.5),
  otherDutiesHoursPerWeek: nonNegative('other fixed duties per week (meetings, ...), carved like networking').default(0),
  adminMinutesPerSession: nonNegative('recording and onward-referral time after each session').default(15),
  annualLeaveDays: nonNegative('working days of leave a year, incl. bank holidays').default(35),
  monthsInRole: nonNegative('experience at the start of the run').default(12),
  supervisionHoursPerWeek: nonNegative('supervision received, carved like other duties (CMOC 11)').default(1),
  teamLeadHoursPerWeek: nonNegative('hours leading a team, carved like other duties (Table 2 sites 5–7)').default(0),
  management: z.enum(['supportive', 'hands-off']).default('supportive').describe('hands-off management raises a novice\'s uncertainty (CMOC 12)'),
});

export const PatientsSchema = z.strictObject({
  sessionsNeeded: NonNegativeDistribution.default({ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 }).describe(
    'sessions a patient needs (rounded, at least 1)',
  ),
  firstSessionMinutes: NonNegativeDistribution.default({ type: 'uniform', min: 45, max: 60 }),
  followUpMinutes: NonNegativeDistribution.default({ type: 'triangular', min: 10, mode: 30, max: 60 }),
  daysBetweenSessions: NonNegativeDistribution.default(14).describe('gap from one session to the next becoming due'),
  didNotAttend: z.number().min(0).max(0.95).default(0.1).describe('probability a booked session is missed'),
  intervalFrom: z
    .enum(['end', 'start'])
    .default('end')
    .describe('the next session falls due daysBetweenSessions after the previous one ended (end) or started (start: "the same slot in two weeks")'),
  patienceDays: z
    .union([z.literal('open'), NonNegativeDistribution])
    .default({ type: 'exponential', mean: 60 })
    .describe('time a patient will wait for a first appointment before dropping out, or "open"'),
});

const OpenOr = (what: string) =>
  z.union([z.literal('open'), z.number().int().min(1)]).describe(`${what}, or "open" for no limit`);

export const PolicySchema = z.strictObject({
  sessionCap: OpenOr('maximum attended sessions per patient').default(6),
  maxCaseload: OpenOr('no new patients offered to a worker holding this many (pro rata for part-time posts)').default('open'),
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
  caseloadPerWorker: z.number().int().nonnegative().default(0).describe('patients already on each worker\'s caseload'),
  waitingList: z.number().int().nonnegative().default(0).describe('patients already waiting for a first appointment'),
});

export const RunSchema = z.strictObject({
  years: positive('simulated horizon in years (365.25 days), including warm-up').default(3),
  warmupDays: nonNegative('initial period excluded from statistics').default(182),
  replications: z.number().int().min(1).default(20),
  seed: z.number().int().nonnegative().default(1),
});

export const SiteSchema = z
  .strictObject({
    deprivation: z.enum(['low', 'medium', 'high']).optional(),
    employer: z.enum(['vcse', 'primary-care']).optional().describe('who manages the link workers'),
    teamLead: z.enum(['no', 'official', 'informal']).optional(),
    supervision: z.string().optional(),
    notes: z.string().optional(),
  })
  .describe('descriptive facts about the site (paper Table 2); documentation only in this version');

export const ScenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('path or URL of the JSON Schema, for editors'),
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only (used as a folder name)'),
    description: z.string().default(''),
    site: SiteSchema.optional(),
    run: RunSchema.prefault({}),
    referrals: ReferralsSchema,
    workers: z.array(WorkerGroupSchema).min(1).describe('the link-worker team, as groups of alike workers'),
    patients: PatientsSchema.prefault({}),
    policy: PolicySchema.prefault({}),
    initialState: InitialStateSchema.prefault({}),
    discretion: z.number().min(0).max(1).optional().describe('one dial for every lever not set explicitly: 0 = all boundaries, 1 = all discretion'),
    levers: LeversSchema.prefault({}),
    workload: WorkloadSchema.prefault({}),
    workforce: WorkforceSchema.prefault({}),
    goldilocks: GoldilocksLimitsSchema.prefault({}),
  })
  .refine((s) => s.run.warmupDays < s.run.years * 365.25, {
    message: 'warm-up must be shorter than the run',
    path: ['run', 'warmupDays'],
  });

/** A scenario as written in a file (optional fields may be missing). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario with every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
export type DistributionInput = z.output<typeof DistributionSchema>;
export type RotaInput = z.output<typeof RotaSchema>;
export type WorkerGroup = z.output<typeof WorkerGroupSchema>;

/** The JSON Schema people write scenario files against (defaulted fields are optional). */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(ScenarioSchema, { io: 'input', unrepresentable: 'any' });
}

/** The JSON Schema as the text `goldilocks schema` prints (and scenarios/goldilocks.schema.json holds). */
export function scenarioJsonSchemaText(): string {
  return JSON.stringify({ $id: 'https://goldilocks-sim/scenario.schema.json', title: 'Goldilocks scenario', ...scenarioJsonSchema() }, null, 2) + '\n';
}
