/**
 * Every assumed parameter of the model in one table: the effect sizes behind the levers, the
 * agent's rates (scenario fields with assumed defaults, docs/model.md §8) and the fixed
 * assumptions of src/model/assumptions.ts (the scenario's optional `assumptions:` section). Each
 * row gives its default, a plausible range [low, high] with the reason, the default distribution
 * over that range (uniform, or triangular with its mode at the default) and its source in the
 * paper. `--uncertainty N` draws parameter sets from these distributions (src/experiment/
 * uncertainty.ts); a scenario may override a row's range or distribution
 * (`uncertainty: { assumptions: [ { parameter, low, high, distribution } ] }`).
 *
 * Sourced parameters (demand, sessions needed, session lengths, caps, the team) are not here:
 * they describe the service and keep their sources. Dial levers are not here either: they are the
 * design being asked about, not assumptions about how it works.
 *
 * No zod here: the registry is read by the sampler in every door (and the explorer page).
 * tests/scenario/assumption-registry.test.ts checks that every constant of assumptions.ts and
 * every assumed schema field has a row, that each default is the schema's, and that low and high
 * are valid values of the field.
 */
import { MAX_HOME_VISIT_SHARE } from './lever-registry.js';

export type AssumptionDistribution = 'uniform' | 'triangular';

/**
 * The fixed assumptions as the model reads them (src/model/assumptions.ts resolves them once per
 * run: its constants unless the scenario's `assumptions:` section or a draw sets them).
 */
export interface ResolvedAssumptions {
  declineConfidenceNovice: number;
  declineConfidenceFullMonths: number;
  noviceMonths: number;
  knowledgeNovice: number;
  knowledgeExperienced: number;
  knowledgeExperiencedMonths: number;
  neutralStress: number;
  neutralSatisfaction: number;
  neutralNeedMetRate: number;
  satisfactionTargetBase: number;
  satisfactionTargetAutonomy: number;
  satisfactionTargetNeedMet: number;
  satisfactionTargetOverload: number;
  satisfactionTargetFailing: number;
}

export interface AssumptionRow {
  /** The scenario field path, or `assumptions.<name>` for a fixed assumption of the code. */
  id: string;
  default: number;
  /** Plausible range and why. */
  low: number;
  high: number;
  why: string;
  distribution: AssumptionDistribution;
  /** Where the parameter comes from in the paper (CMOC, table) or calibration.md. */
  paper: string;
  /** Values the field accepts (the schema's bounds): an override's low and high must lie within. */
  bounds: [number, number];
  /** Whole numbers only (a draw is rounded). */
  integer?: boolean;
  /** Not varied by `--uncertainty` (listed for the record), with the reason. */
  notVaried?: string;
}

type RowInput = Omit<AssumptionRow, 'id' | 'distribution'> & { distribution?: AssumptionDistribution };
const SHARE: [number, number] = [0, 1];

const LEVERS: Record<string, RowInput> = {
  capExtensionSessions: {
    default: 3,
    low: 1,
    high: 6,
    integer: true,
    bounds: [1, 52],
    why: 'a "few" extra sessions at Site 1; from one session to a second cap of about 6',
    paper: 'T5; Site 1 LW02',
  },
  reReferral: { default: 0.3, low: 0.1, high: 0.5, bounds: SHARE, why: 'the "revolving door" is named but not measured', paper: 'T5; cal.' },
  reReferralDelayDays: {
    default: 90,
    low: 30,
    high: 180,
    bounds: [0, 3650],
    why: 'a month to half a year before new difficulties bring a patient back',
    paper: 'assumption',
  },
  fixedSlotMinutes: {
    default: 30,
    low: 20,
    high: 45,
    bounds: [1e-9, 480],
    why: 'follow-ups of 10–60 min (T5): a fixed slot is a common half hour, give or take',
    paper: 'T5',
  },
  triageMinutes: {
    default: 15,
    low: 10,
    high: 30,
    bounds: [1e-9, 480],
    why: 'a short first contact, shorter than a first session (45–60 min)',
    paper: 'T5; assumption',
  },
  triageResolvedShare: {
    default: 0.2,
    low: 0.1,
    high: 0.35,
    bounds: SHARE,
    why: 'some needs are met quickly (T5); the share is not reported',
    paper: 'T5; assumption',
  },
  triageRedirectedShare: {
    default: 0.1,
    low: 0.05,
    high: 0.2,
    bounds: SHARE,
    why: 'some patients go to another professional (T5); the share is not reported',
    paper: 'T5; assumption',
  },
  homeVisitExtraMinutes: {
    default: 10,
    low: 0,
    high: 20,
    bounds: [0, 480],
    why: 'a home visit is a little longer than a session in the surgery',
    paper: 'T5; assumption',
  },
  travelMinutes: {
    default: 20,
    low: 10,
    high: 40,
    bounds: [0, 480],
    why: 'a round trip within a PCN: 10 minutes in town to 40 in the country',
    paper: 'T5; assumption',
  },
};

const WORKLOAD: Record<string, RowInput> = {
  inappropriateShare: {
    default: 0.15,
    low: 0.11,
    high: 0.22,
    distribution: 'uniform',
    bounds: SHARE,
    why: 'the share of referrals declined fell from 22 % (2019) to 11 % (2023)',
    paper: 'CMOC 8, 9; cal. (CPRD)',
  },
  inappropriateNeedMultiplier: {
    default: 1.5,
    low: 1,
    high: 2,
    bounds: [1, 100],
    why: 'from no extra need to twice the sessions',
    paper: 'CMOC 8; assumption',
  },
  inappropriateNeedMetProbability: {
    default: 0.5,
    low: 0.3,
    high: 0.7,
    bounds: SHARE,
    why: 'a coin toss, give or take: the paper reports no outcome',
    paper: 'CMOC 9; assumption',
  },
  receptionRateMultiplier: {
    default: 1.15,
    low: 1.05,
    high: 1.3,
    bounds: [1, 10],
    why: 'demand was "overwhelming" where reception referred (T5): more than a trickle, less than a third more',
    paper: 'T5 "Referral routes"',
  },
  selfRateMultiplier: {
    default: 1.05,
    low: 1,
    high: 1.1,
    bounds: [1, 10],
    why: 'self-referral is "uncommon" (T5; 2 of 79 referrers in T4)',
    paper: 'T5; T4 referrers',
  },
  vulnerableShare: {
    default: 0.2,
    low: 0.1,
    high: 0.3,
    bounds: SHARE,
    why: 'a minority of patients are vulnerable enough for check-in calls',
    paper: 'T5 check-in calls; assumption',
  },
  checkInMinutes: { default: 10, low: 5, high: 20, bounds: [1e-9, 480], why: 'check-in calls are "relatively short" (T5)', paper: 'T5' },
  checkInIntervalDays: { default: 28, low: 14, high: 42, bounds: [1e-9, 365], why: 'fortnightly to six-weekly calls', paper: 'T5; assumption' },
  checkInCount: { default: 6, low: 3, high: 12, integer: true, bounds: [1, 1000], why: 'a few months to a year of calls', paper: 'T5; assumption' },
  outOfRemitRequestsPerWorkerWeek: {
    default: 1,
    low: 0.5,
    high: 2,
    bounds: [0, 100],
    why: 'one request a fortnight to two a week',
    paper: 'Site 2 VCSE01; CMOC 10, 13',
  },
  outOfRemitHoursPerRequest: {
    default: 1.5,
    low: 0.5,
    high: 3,
    bounds: [0, 168],
    why: 'half an hour (a form) to half a morning (a benefits appeal)',
    paper: 'Site 2 VCSE01',
  },
  knowledgeGainPerNetworkingHour: {
    default: 0.03,
    low: 0.015,
    high: 0.05,
    bounds: SHARE,
    why: 'half to nearly twice the default pace of learning',
    paper: 'CMOC 4',
  },
  knowledgeDecayPerWeek: { default: 0.02, low: 0.01, high: 0.03, bounds: SHARE, why: 'knowledge halves in 23 to 69 weeks without networking', paper: 'CMOC 4' },
  knowledgeNeedEffect: {
    default: 0.5,
    low: 0.25,
    high: 0.75,
    bounds: [0, 100],
    why: 'a worker with no local knowledge needs a quarter to three quarters more sessions',
    paper: 'CMOC 4',
  },
  knowledgeMatchFloor: {
    default: 0.6,
    low: 0.45,
    high: 0.75,
    bounds: SHARE,
    why: 'without local knowledge, support matches the need about half to three quarters of the time',
    paper: 'CMOC 4',
  },
  noviceExtraTime: {
    default: 0.2,
    low: 0.1,
    high: 0.3,
    bounds: [0, 10],
    why: "a novice's sessions take a tenth to a third longer",
    paper: 'T2 time in role; assumption',
  },
};

const WORKFORCE: Record<string, RowInput> = {
  stressPerOverload: {
    default: 0.15,
    low: 0.075,
    high: 0.25,
    bounds: [0, 100],
    why: 'half to one and two-thirds of the default response to overload',
    paper: 'CMOC 13; Figure 1',
  },
  stressReliefPerSupervisionHour: { default: 0.02, low: 0.01, high: 0.04, bounds: [0, 100], why: 'half to twice the default relief', paper: 'CMOC 11' },
  handsOffNoviceStress: { default: 0.03, low: 0.015, high: 0.05, bounds: [0, 100], why: 'half to one and two-thirds of the default', paper: 'CMOC 12' },
  satisfactionAdjustment: { default: 0.1, low: 0.05, high: 0.2, bounds: SHARE, why: 'satisfaction settles within 5 to 20 weeks', paper: 'CMOC 3; assumption' },
  baseLeavingPerYear: {
    default: 0.12,
    low: 0.06,
    high: 0.2,
    bounds: SHARE,
    why: 'below the 29 % who consider leaving within a year (an intention, not turnover; §7.4)',
    paper: 'cal. NALW survey (upper bound)',
  },
  stressLeavingEffect: {
    default: 2,
    low: 1,
    high: 3,
    bounds: [0, 20],
    why: 'full stress multiplies the leaving rate by e^1.4 to e^2.1',
    paper: 'cal. "Drivers of leaving" (direction only)',
  },
  dissatisfactionLeavingEffect: {
    default: 2,
    low: 1,
    high: 3,
    bounds: [0, 20],
    why: 'the same span as for stress',
    paper: 'cal. "Drivers of leaving" (direction only)',
  },
  recruitmentDelayDays: {
    default: 90,
    low: 60,
    high: 180,
    bounds: [0, 3650],
    why: 'two to six months to fill a post (vacancy duration not found in cal.)',
    paper: 'assumption',
  },
};

const PATIENTS: Record<string, RowInput> = {
  didNotAttend: { default: 0.1, low: 0.05, high: 0.2, bounds: [0, 0.95], why: 'one missed appointment in twenty to one in five', paper: 'assumption' },
};

/**
 * The fixed assumptions of src/model/assumptions.ts (scenario section `assumptions:`), by their
 * camelCase names; the defaults are that file's constants (the scenario layer cannot import the
 * model: tests/scenario/assumption-registry.test.ts checks they agree).
 */
const FIXED: Record<keyof ResolvedAssumptions, RowInput> = {
  declineConfidenceNovice: {
    default: 0.25,
    low: 0.1,
    high: 0.5,
    bounds: SHARE,
    why: 'a novice team declines a tenth to half as often as an experienced one',
    paper: 'CMOC 8',
  },
  declineConfidenceFullMonths: {
    default: 24,
    low: 12,
    high: 36,
    bounds: [1e-9, 600],
    why: 'one to three years to full confidence',
    paper: 'CMOC 8; Site 3 LW01',
  },
  noviceMonths: {
    default: 12,
    low: 6,
    high: 18,
    bounds: [1e-9, 600],
    why: 'half a year to a year and a half as a novice (T2 time in role 2–38 months)',
    paper: 'T2 time in role',
  },
  knowledgeNovice: { default: 0.3, low: 0.15, high: 0.45, bounds: SHARE, why: 'a new worker knows a little of the local offer', paper: 'CMOC 4' },
  knowledgeExperienced: { default: 0.9, low: 0.75, high: 1, bounds: SHARE, why: 'an experienced worker knows most of it', paper: 'CMOC 4' },
  knowledgeExperiencedMonths: {
    default: 30,
    low: 18,
    high: 42,
    bounds: [1e-9, 600],
    why: 'one and a half to three and a half years to learn it',
    paper: 'CMOC 4; T2',
  },
  neutralStress: { default: 0.3, low: 0.2, high: 0.4, bounds: SHARE, why: 'a neutral worker is somewhat, not very, stressed', paper: 'CMOC 13; assumption' },
  neutralSatisfaction: { default: 0.6, low: 0.5, high: 0.7, bounds: SHARE, why: 'a neutral worker is moderately satisfied', paper: 'CMOC 3; assumption' },
  neutralNeedMetRate: {
    default: 0.5,
    low: 0.4,
    high: 0.6,
    bounds: SHARE,
    why: 'the need-met rate that neither raises nor lowers satisfaction',
    paper: 'CMOC 9; assumption',
  },
  satisfactionTargetBase: {
    default: 0.5,
    low: 0.4,
    high: 0.6,
    bounds: SHARE,
    why: 'the target with no autonomy, at the neutral need-met rate',
    paper: 'CMOC 3',
  },
  satisfactionTargetAutonomy: {
    default: 0.3,
    low: 0.15,
    high: 0.45,
    bounds: SHARE,
    why: 'half to one and a half times the default weight of autonomy',
    paper: 'CMOC 3, 14',
  },
  satisfactionTargetNeedMet: {
    default: 0.3,
    low: 0.15,
    high: 0.45,
    bounds: SHARE,
    why: 'half to one and a half times the default weight of needs met',
    paper: 'CMOC 9',
  },
  satisfactionTargetOverload: {
    default: 0.3,
    low: 0.15,
    high: 0.45,
    bounds: SHARE,
    why: 'half to one and a half times the default weight of overload',
    paper: 'CMOC 13; Figure 1',
  },
  satisfactionTargetFailing: {
    default: 0.4,
    low: 0.2,
    high: 0.6,
    bounds: SHARE,
    why: 'half to one and a half times the default weight of failing patients',
    paper: 'CMOC 9',
  },
};

function rows(prefix: string, table: Record<string, RowInput>): AssumptionRow[] {
  return Object.entries(table).map(([k, r]) => ({ ...r, id: `${prefix}.${k}`, distribution: r.distribution ?? 'triangular' }));
}

/** The prefix of the fixed assumptions' ids (the scenario section). */
export const FIXED_PREFIX = 'assumptions';

/** Every assumed parameter, in the docs' order. */
export const ASSUMPTION_REGISTRY: readonly AssumptionRow[] = [
  ...rows('levers', LEVERS),
  ...rows('workload', WORKLOAD),
  ...rows('workforce', WORKFORCE),
  ...rows('patients', PATIENTS),
  ...rows(FIXED_PREFIX, FIXED),
  {
    id: `${FIXED_PREFIX}.maxHomeVisitShare`,
    default: MAX_HOME_VISIT_SHARE,
    low: 0.1,
    high: 0.3,
    distribution: 'triangular',
    bounds: SHARE,
    why: 'a tenth to nearly a third of sessions at home at full discretion',
    paper: 'T5 "Where patients were seen"',
    notVaried:
      "it is the dial's scale (lever-registry.ts, resolved in discretion.ts before the run's assumptions are known); to vary home visits, set `levers.homeVisitShare` or sweep it",
  },
];

export const ASSUMPTION_IDS: readonly string[] = ASSUMPTION_REGISTRY.map((r) => r.id);
export const ASSUMPTION_BY_ID: ReadonlyMap<string, AssumptionRow> = new Map(ASSUMPTION_REGISTRY.map((r) => [r.id, r]));

/** The camelCase names of the scenario's `assumptions:` section (the fixed assumptions a scenario may set). */
export const FIXED_ASSUMPTION_NAMES = Object.keys(FIXED) as Array<keyof ResolvedAssumptions>;

/** A row of the registry by id, or undefined (own entries only: ids are data). */
export function assumptionRow(id: string): AssumptionRow | undefined {
  return ASSUMPTION_BY_ID.get(id);
}

/** The closest known id to a mistyped one (edit distance), for "did you mean". */
export function closestAssumptionId(id: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const known of ASSUMPTION_IDS) {
    const d = editDistance(id.toLowerCase(), known.toLowerCase());
    const tail = editDistance(id.toLowerCase(), known.split('.').pop()!.toLowerCase());
    const score = Math.min(d, tail);
    if (score < bestD) {
      bestD = score;
      best = known;
    }
  }
  return bestD <= Math.max(3, Math.floor(id.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** One override of a row's range or distribution, as a scenario's `uncertainty.assumptions` lists it. */
export interface AssumptionOverride {
  parameter: string;
  low?: number;
  high?: number;
  distribution?: AssumptionDistribution | 'fixed';
}

/** The parameters a set of draws varies: the registry with the scenario's overrides (rows made `fixed` are left out). */
export interface VariedParameter {
  id: string;
  default: number;
  low: number;
  high: number;
  distribution: AssumptionDistribution;
  integer: boolean;
}

/** The problem with one override, or null (checked by the schema, with the field path and line). */
export function overrideProblem(o: AssumptionOverride): { field: 'parameter' | 'low' | 'high' | 'distribution'; message: string } | null {
  const row = assumptionRow(o.parameter);
  if (!row) {
    const near = closestAssumptionId(o.parameter);
    return {
      field: 'parameter',
      message: `no assumed parameter ${JSON.stringify(o.parameter.slice(0, 80))}${near ? `; did you mean "${near}"?` : ''} (the list: docs/model.md §11b)`,
    };
  }
  if (row.notVaried && o.distribution !== 'fixed') return { field: 'parameter', message: `${row.id} is not varied: ${row.notVaried}` };
  const low = o.low ?? row.low;
  const high = o.high ?? row.high;
  const [min, max] = row.bounds;
  if (o.low !== undefined && !(o.low >= min && o.low <= max))
    return { field: 'low', message: `must be from ${min} to ${max} (the values ${row.id} accepts); got ${o.low}` };
  if (o.high !== undefined && !(o.high >= min && o.high <= max))
    return { field: 'high', message: `must be from ${min} to ${max} (the values ${row.id} accepts); got ${o.high}` };
  if (!(low < high)) return { field: o.high !== undefined ? 'high' : 'low', message: `low (${low}) must be below high (${high})` };
  const dist = o.distribution ?? row.distribution;
  if (dist === 'triangular' && !(row.default >= low && row.default <= high))
    return {
      field: 'distribution',
      message: `a triangular distribution has its mode at the default (${row.default}), which lies outside [${low}, ${high}]; widen the range or use distribution: uniform`,
    };
  return null;
}

/** The varied parameters, after the scenario's overrides (assumed valid: the schema checked them). */
export function variedParameters(overrides: readonly AssumptionOverride[] = []): VariedParameter[] {
  const byId = new Map<string, AssumptionOverride>();
  for (const o of overrides) byId.set(o.parameter, o);
  const out: VariedParameter[] = [];
  for (const row of ASSUMPTION_REGISTRY) {
    const o = byId.get(row.id);
    if (o?.distribution === 'fixed' || (row.notVaried && !o)) continue;
    if (row.notVaried) continue;
    out.push({
      id: row.id,
      default: row.default,
      low: o?.low ?? row.low,
      high: o?.high ?? row.high,
      distribution: o?.distribution ?? row.distribution,
      integer: row.integer === true,
    });
  }
  return out;
}

/** The value at quantile u ∈ [0, 1) of a parameter's distribution (uniform, or triangular with mode at the default). */
export function quantileOf(p: Pick<VariedParameter, 'low' | 'high' | 'default' | 'distribution' | 'integer'>, u: number): number {
  const { low: a, high: b } = p;
  let x: number;
  if (p.distribution === 'uniform') x = a + u * (b - a);
  else {
    const c = Math.min(b, Math.max(a, p.default));
    const fc = (c - a) / (b - a);
    x = u < fc ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  }
  return p.integer ? Math.min(Math.round(b), Math.max(Math.round(a), Math.round(x))) : x;
}

/** The registry as the docs' table (docs/model.md §11b, generated by `npm run docs:model`). */
export function assumptionTableMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| Parameter | Default | Range | Distribution | Why this range | Paper |', '|---|---|---|---|---|---|'];
  for (const r of ASSUMPTION_REGISTRY) {
    const dist = r.notVaried ? `not varied: ${r.notVaried}` : r.distribution === 'triangular' ? 'triangular, mode at the default' : 'uniform';
    lines.push(`| \`${r.id}\` | ${r.default} | ${r.low}–${r.high}${r.integer ? ' (whole)' : ''} | ${cell(dist)} | ${cell(r.why)} | ${cell(r.paper)} |`);
  }
  return lines.join('\n') + '\n';
}
