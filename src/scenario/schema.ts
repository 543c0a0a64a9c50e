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
import { makeDistribution, TruncatedNormal, type DistributionSpec } from '../random/index.js';
import { atMost, groupThousands } from './errors.js';
import { GoldilocksLimitsSchema, LeversSchema, WorkforceSchema, WorkloadSchema } from './levers-schema.js';
import { CostsSchema, unknownCostGroups } from './costs-schema.js';

const positive = (what: string) => z.number().positive().describe(what);
const nonNegative = (what: string) => z.number().nonnegative().describe(what);

export { atMost };
const upTo = (max: number, unit: string, why: string) => z.number().nonnegative().max(max, atMost(max, unit, why));

// ---------------------------------------------------------------- input limits
// Upper bounds where no real service can go; each is listed in README ("Input limits").

export const LIMITS = {
  /** Longest text: names are folder and chart labels. */
  nameChars: 100,
  textChars: 10_000,
  referralsPerMonth: 100_000,
  annualGrowth: 1,
  monthMultiplier: 12,
  practices: 1_000,
  posts: 5_000,
  caseloadPerWorker: 1_000,
  initialPatients: 100_000,
  waitingList: 100_000,
  annualLeaveDays: 260,
  minutesPerSession: 480,
  hoursPerWeek: 168,
  monthsInRole: 600,
  sessionsNeeded: 100,
  daysBetweenSessions: 365,
  patienceDays: 3_650,
  sessionCap: 1_000,
  maxCaseload: 100_000,
  years: 200,
  replications: 10_000,
  rotaBlocks: 1_000,
  /** Every number inside a distribution: keeps every draw, mean and variance finite. */
  distributionParameter: 1e9,
  /** Smallest lognormal mean (with sd up to 1e9 its underlying σ stays finite). */
  lognormalMinMean: 1e-6,
  empiricalValues: 10_000,
  /** A truncated normal must keep at least this much of its parent's probability. */
  truncatedNormalMinMass: 1e-6,
} as const;

// ---------------------------------------------------------------- distributions

/** Cross-field checks run only on values that passed every simpler check (one message per mistake). */
const ONLY_IF_VALID = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

const PARAMETER_LIMIT = atMost(LIMITS.distributionParameter, '', 'distribution parameters are limited to ±1e9 so that every draw is a finite number');
const param = z.number().min(-LIMITS.distributionParameter, { message: 'must be at least -1e9 (distribution parameters are limited to ±1e9 so that every draw is a finite number)' }).max(LIMITS.distributionParameter, PARAMETER_LIMIT);
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
    values: z.array(param).min(1).max(LIMITS.empiricalValues, atMost(LIMITS.empiricalValues, 'values', 'an empirical distribution is a table, not a data set')),
    weights: z.array(param.nonnegative()).optional().describe('relative weights, one per value (default equal)'),
  })
  .refine((d) => !d.weights || d.weights.length === d.values.length, {
    message: 'weights must have one entry per value',
    path: ['weights'],
  })
  .refine((d) => !d.weights || d.weights.some((w) => w > 0), { message: 'weights must not all be zero', path: ['weights'] });

/**
 * A stochastic parameter: a plain number (fixed) or a distribution object. "One source of
 * truth": after the checks above, the model's own factory (`makeDistribution`) must build it
 * and its mean and variance must be finite; whatever the factory refuses is reported here,
 * with its reason, and never reaches a run.
 */
export const DistributionSchema = z
  .union([
    param,
    Fixed, Exponential, Uniform, Triangular, Normal, LogNormal, Gamma, Poisson, NegativeBinomial, Empirical,
  ])
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
  .describe('A number (fixed value) or a distribution: {type: fixed|exponential|uniform|triangular|normal|lognormal|gamma|poisson|negativeBinomial|empirical, ...}');

type DistributionValue = z.output<typeof DistributionSchema>;

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
function boundedDistribution(max: number, unit: string, why: string) {
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
      if (hi > max) ctx.addIssue({ code: 'custom', path: boundPath(d, 'hi'), message: typeof d === 'number' || d.type === 'fixed' ? limit : `its largest value ${limit}` });
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
    z.array(RotaBlockSchema).min(1).max(LIMITS.rotaBlocks, atMost(LIMITS.rotaBlocks, 'blocks', 'a week of 5-minute blocks is about 2,000; real rotas have a handful')),
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
const Name = z.string().min(1).max(LIMITS.nameChars, NAME_LIMIT).refine((n) => n !== RESERVED_NAME, RESERVED_NAME_MESSAGE);
const Text = z.string().max(LIMITS.textChars, TEXT_LIMIT);
const REFERRALS_WHY = 'more than any service receives: a whole PCN refers a few hundred a month';

export const PracticeSchema = z.strictObject({
  name: Name,
  referralsPerMonth: upTo(LIMITS.referralsPerMonth, 'a month', REFERRALS_WHY).describe('mean referrals per month (Poisson)'),
  monthMultipliers: MonthMultipliers.optional(),
});

export const SOURCES = ['gp', 'nurse', 'reception', 'self', 'other'] as const;
export type ReferralSource = (typeof SOURCES)[number];

const weight = (what: string) => upTo(1e9, '', 'weights are relative: scale them down').describe(what);

export const ReferralsSchema = z
  .strictObject({
    practices: z.array(PracticeSchema).min(1).max(LIMITS.practices, atMost(LIMITS.practices, 'practices', 'a service covers a few practices; the largest federations a few hundred')).describe('practices that refer to the service'),
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
    .describe('whole-time equivalents (WTE) in this group: 2.5 = two full-time posts and one half-time post'),
  fte: z
    .number()
    .gt(0)
    .max(1)
    .default(1)
    .describe('working fraction of each post (0.6 = three days a week); the group holds count × fte WTE'),
  rota: RotaSchema.default('standard'),
  networkingHoursPerWeek: weekHours.describe(
    'protected networking hours per week, carved from the end of the week\'s patient blocks',
  ).default(3.5),
  otherDutiesHoursPerWeek: weekHours.describe('other fixed duties per week (meetings, ...), carved like networking').default(0),
  adminMinutesPerSession: upTo(LIMITS.minutesPerSession, 'minutes', 'a working day').describe('recording and onward-referral time after each session').default(15),
  annualLeaveDays: upTo(LIMITS.annualLeaveDays, 'days', 'the working days of a year: 52 weeks of 5 days').describe('working days of leave a year, incl. bank holidays').default(35),
  monthsInRole: upTo(LIMITS.monthsInRole, 'months', 'a 50-year career').describe('experience at the start of the run').default(12),
  supervisionHoursPerWeek: weekHours.describe('supervision received, carved like other duties (CMOC 11)').default(1),
  teamLeadHoursPerWeek: weekHours.describe('hours leading a team, carved like other duties (Table 2 sites 5–7)').default(0),
  management: z.enum(['supportive', 'hands-off']).default('supportive').describe('hands-off management raises a novice\'s uncertainty (CMOC 12)'),
});

const sessionMinutes = boundedDistribution(LIMITS.minutesPerSession, 'minutes', 'a session cannot be longer than a working day');

export const PatientsSchema = z.strictObject({
  sessionsNeeded: boundedDistribution(LIMITS.sessionsNeeded, 'sessions', 'courses run 1–12 sessions; 100 is far beyond any').default({ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 }).describe(
    'sessions a patient needs (rounded, at least 1)',
  ),
  firstSessionMinutes: sessionMinutes.default({ type: 'uniform', min: 45, max: 60 }),
  followUpMinutes: sessionMinutes.default({ type: 'triangular', min: 10, mode: 30, max: 60 }),
  daysBetweenSessions: boundedDistribution(LIMITS.daysBetweenSessions, 'days', 'sessions more than a year apart are not one course').default(14).describe('gap from one session to the next becoming due'),
  didNotAttend: z.number().min(0).max(0.95).default(0.1).describe('probability a booked session is missed'),
  intervalFrom: z
    .enum(['end', 'start'])
    .default('end')
    .describe('the next session falls due daysBetweenSessions after the previous one ended (end) or started (start: "the same slot in two weeks")'),
  patienceDays: z
    .union([z.literal('open'), boundedDistribution(LIMITS.patienceDays, 'days', 'ten years; write "open" for no limit')], { error: 'expected "open" (no limit) or a distribution in days, e.g. { type: exponential, mean: 60 }' })
    .default({ type: 'exponential', mean: 60 })
    .describe('time a patient will wait for a first appointment before dropping out, or "open"'),
});

const OpenOr = (what: string, max: number, why: string) =>
  z
    .union([z.literal('open'), z.number().int().min(1).max(max, atMost(max, '', why))], { error: 'expected a whole number of at least 1 (e.g. 6), or "open" for no limit' })
    .describe(`${what}, or "open" for no limit`);

export const PolicySchema = z.strictObject({
  sessionCap: OpenOr('maximum attended sessions per patient', LIMITS.sessionCap, 'caps are 6–12 sessions; write "open" for no cap').default(6),
  maxCaseload: OpenOr('no new patients offered to a worker holding this many (pro rata for part-time posts)', LIMITS.maxCaseload, 'write "open" for no limit').default('open'),
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
    .describe('patients already on each worker\'s caseload'),
  waitingList: z
    .number()
    .int()
    .nonnegative()
    .max(LIMITS.waitingList, atMost(LIMITS.waitingList, 'patients', 'more than any service\'s whole yearly intake'))
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
    $schema: z.string().max(1_000, atMost(1_000, 'characters', 'a path or URL')).optional().describe('path or URL of the JSON Schema, for editors'),
    name: z.string().max(LIMITS.nameChars, NAME_LIMIT).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, ".", "_" and "-" only (used as a folder name)'),
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
  })
  .refine((s) => s.run.warmupDays < s.run.years * 365.25, {
    message: 'warm-up must be shorter than the run',
    path: ['run', 'warmupDays'],
  })
  .superRefine((s, ctx) => {
    // Limits on the whole team and the whole demand, over the whole run.
    const posts = s.workers.reduce((n, g) => n + Math.ceil(g.count - 1e-9), 0);
    if (posts > LIMITS.posts) {
      ctx.addIssue({ code: 'custom', path: ['workers'], message: `the groups hold ${groupThousands(posts)} posts in total; ${atMost(LIMITS.posts, 'posts', 'a federation of PCNs has hundreds of posts, not thousands').message}` });
    }
    const initial = posts * s.initialState.caseloadPerWorker;
    if (initial > LIMITS.initialPatients) {
      ctx.addIssue({ code: 'custom', path: ['initialState', 'caseloadPerWorker'], message: `${posts} posts × ${s.initialState.caseloadPerWorker} patients = ${groupThousands(initial)} patients at the start; the total ${atMost(LIMITS.initialPatients, 'patients', 'more than any service holds').message}` });
    }
    const groupNames = s.workers.map((g) => g.name);
    for (const name of unknownCostGroups(s.costs, groupNames)) {
      ctx.addIssue({ code: 'custom', path: ['costs', 'groups', name], message: `no worker group is named ${JSON.stringify(name)}; the groups are ${groupNames.map((n) => JSON.stringify(n)).join(', ')} (workers[].name)` });
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
