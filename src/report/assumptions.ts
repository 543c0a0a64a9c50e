/**
 * A scenario in words, for the HTML report: the parameters docs/model.md (§8 "Parameters")
 * documents as **assumptions**, with the value in force in this scenario and what it means,
 * and the scenario as plain sentences for a commissioner. Pure: reads the validated scenario
 * object only (all defaults filled), so the words always match what was simulated.
 */
import { groupThousands } from '../scenario/errors.js';
import { GROUPS_IN_TABLES } from './many-groups.js';
import { resolveLevers } from '../model/discretion.js';
import { LEVER_IDS, LEVER_REGISTRY } from '../scenario/lever-registry.js';
import type { DistributionInput, RotaInput, Scenario, WorkerGroup } from '../scenario/schema.js';
import { DEFAULT_ON_COST_RATE, DEFAULT_SALARY_PER_WTE_YEAR, fixedCostPerYear, groupCostPerWteYear } from '../scenario/costs-schema.js';
import { paidWte, rotaHoursPerWeek } from '../model/costs.js';
import { groupPostCount, groupWte } from '../model/posts.js';
import { leaveWords, wteDiffersFromPosts, wteWords } from './posts-words.js';
import { formatValue } from './format.js';

export interface AssumptionRow {
  /** Field path as in a scenario file or `--set` (`workers[0].adminMinutesPerSession`). */
  path: string;
  /** The value in force, in words with its unit. */
  value: string;
  /** What it means (short). */
  note: string;
}

// ---------------------------------------------------------------- small formatting helpers

/** A number for prose: whole numbers as they are, others to at most 3 decimals. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (Number.isInteger(x)) return String(x);
  return String(Math.round(x * 1000) / 1000);
}

/** A probability or share as a percentage for prose ("15 %"). */
export function pct(x: number): string {
  return `${num(Math.round(x * 1000) / 10)} %`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${num(n)} ${n === 1 ? one : many}`;
}

function withUnit(x: number, unit: string): string {
  return unit ? `${num(x)} ${unit}` : num(x);
}

/** A list in prose: "a, b and c". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** A distribution (or fixed number) in words, e.g. "exponential, mean 60 days". */
export function describeDistribution(d: DistributionInput, unit = ''): string {
  const u = (x: number) => withUnit(x, unit);
  if (typeof d === 'number') return `fixed at ${u(d)}`;
  switch (d.type) {
    case 'fixed':
      return `fixed at ${u(d.value)}`;
    case 'exponential':
      return `exponential, mean ${u(d.mean)}`;
    case 'uniform':
      return `uniform between ${num(d.min)} and ${u(d.max)}`;
    case 'triangular':
      return `triangular from ${num(d.min)} to ${u(d.max)}, most often ${num(d.mode)}`;
    case 'normal': {
      const bounds =
        d.min !== undefined || d.max !== undefined ? `, truncated to ${d.min !== undefined ? num(d.min) : '−∞'}…${d.max !== undefined ? num(d.max) : '∞'}` : '';
      return `normal, mean ${u(d.mean)}, SD ${num(d.sd)}${bounds}`;
    }
    case 'lognormal':
      return `lognormal, mean ${u(d.mean)}, SD ${num(d.sd)}`;
    case 'gamma':
      return `gamma, shape ${num(d.shape)}, scale ${num(d.scale)} (mean ${u(d.shape * d.scale)})`;
    case 'poisson':
      return `Poisson, mean ${u(d.mean)}`;
    case 'negativeBinomial':
      return `negative binomial, mean ${u(d.mean)}, SD ${num(d.sd)}, at least ${num(d.min)}`;
    case 'empirical': {
      const shown = d.values.slice(0, 8).map(num).join(', ') + (d.values.length > 8 ? ', …' : '');
      return `empirical: ${shown}${unit ? ` ${unit}` : ''}${d.weights ? ' (weighted)' : ' (equally likely)'}`;
    }
  }
}

/**
 * A distribution as an amount in a sentence: "14 days", "between 45 and 60 minutes (uniform)",
 * "on average 60 days (exponential)".
 */
export function proseDistribution(d: DistributionInput, unit = ''): string {
  const u = (x: number) => withUnit(x, unit);
  if (typeof d === 'number') return u(d);
  switch (d.type) {
    case 'fixed':
      return u(d.value);
    case 'uniform':
      return `between ${num(d.min)} and ${u(d.max)} (uniform)`;
    case 'triangular':
      return `between ${num(d.min)} and ${u(d.max)}, most often ${num(d.mode)} (triangular)`;
    case 'exponential':
      return `on average ${u(d.mean)} (exponential)`;
    case 'normal':
      return `on average ${u(d.mean)} (${describeDistribution(d).replace(/, mean [^,]+/, '')})`;
    case 'lognormal':
      return `on average ${u(d.mean)} (lognormal, SD ${num(d.sd)})`;
    case 'gamma':
      return `on average ${u(d.shape * d.scale)} (gamma, shape ${num(d.shape)}, scale ${num(d.scale)})`;
    case 'poisson':
      return `on average ${u(d.mean)} (Poisson)`;
    case 'negativeBinomial':
      return `on average ${u(d.mean)} (negative binomial, SD ${num(d.sd)}, at least ${num(d.min)})`;
    case 'empirical':
      return describeDistribution(d, unit);
  }
}

const DAY_NAMES: Record<string, string> = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' };

/** Contracted hours a week of a rota (null for "always"). */
export function rotaHours(rota: RotaInput): number | null {
  return rota === 'always' ? null : rotaHoursPerWeek(rota);
}

/** A rota in words. */
export function describeRota(rota: RotaInput): string {
  if (rota === 'standard') return 'the standard rota (Monday–Friday 09:00–12:30 and 13:00–17:00, 37.5 hours a week)';
  if (rota === 'always') return 'an always-available rota (24/7, no leave: for validation against queueing theory)';
  const blocks = rota.map((b) => `${b.days.map((d) => DAY_NAMES[d] ?? d).join(', ')} ${b.from}–${b.to}${b.activity === 'patients' ? '' : ` (${b.activity})`}`);
  return `a custom rota of ${num(rotaHours(rota) ?? 0)} hours a week (${blocks.join('; ')})`;
}

function openOr(v: number | 'open', unit: string, openText: string): string {
  return v === 'open' ? openText : withUnit(v, unit);
}

// ---------------------------------------------------------------- assumptions in force

/**
 * The parameters docs/model.md documents as assumptions (and the levers in force, whether set
 * or following the dial), with this scenario's value and a short note. Worker fields appear
 * once per worker group (`workers[0].…`, `workers[1].…`).
 */
export function assumptionsInForce(scenario: Scenario): AssumptionRow[] {
  const s = scenario;
  const rows: AssumptionRow[] = [];
  const add = (path: string, value: string, note: string) => rows.push({ path, value, note });
  const L = resolveLevers(s);
  const explicit = s.levers as Record<string, unknown>;
  const dialText = s.discretion === undefined ? 'no dial: middle value' : `from the dial at ${num(s.discretion)}`;
  const origin = (key: string) =>
    explicit[key] !== undefined
      ? 'set in the scenario'
      : s.discretion === undefined && (LEVER_REGISTRY[key as keyof typeof LEVER_REGISTRY] as { noDial?: unknown }).noDial
        ? 'no dial: off until discretion is turned on'
        : dialText;

  // Run
  add('run.years', plural(s.run.years, 'year'), 'simulated horizon per replication, warm-up included');
  add('run.warmupDays', `${num(s.run.warmupDays)} days`, 'start-up period left out of every statistic while caseloads build up');

  // Referrals
  const practiceMultipliers = s.referrals.practices.some((p) => p.monthMultipliers);
  add(
    'referrals.monthMultipliers',
    s.referrals.monthMultipliers
      ? s.referrals.monthMultipliers.map(num).join(', ')
      : practiceMultipliers
        ? 'none (some practices have their own)'
        : 'none (flat through the year)',
    'seasonality of referrals, January to December',
  );
  add(
    'referrals.annualGrowth',
    s.referrals.annualGrowth === 0 ? 'none' : `${pct(s.referrals.annualGrowth)} a year`,
    'compound growth of referral rates over the run',
  );

  // Workers (the first GROUPS_IN_TABLES groups; a row says where the others are)
  const moreRow = (what: string) => {
    if (s.workers.length > GROUPS_IN_TABLES)
      add(
        `${what}[${GROUPS_IN_TABLES}…${s.workers.length - 1}]`,
        `${groupThousands(s.workers.length - GROUPS_IN_TABLES)} more groups`,
        "not listed here: every group's fields are in scenario.json",
      );
  };
  s.workers.slice(0, GROUPS_IN_TABLES).forEach((w: WorkerGroup, i: number) => {
    const p = `workers[${i}]`;
    const who = s.workers.length > 1 ? ` (${w.name})` : '';
    add(
      `${p}.count`,
      `${plural(groupPostCount(w), 'post')}${wteDiffersFromPosts(w) ? `, ${wteWords(groupWte(w))}` : ''}`,
      `posts in this group${who}: ${num(w.count)} posts of the rota${w.fte < 1 ? `, each working ${num(w.fte)} of it` : ''}; 1 WTE = 37.5 contracted hours a week`,
    );
    add(
      `${p}.rota`,
      w.rota === 'standard' ? 'standard, 37.5 h a week' : w.rota === 'always' ? 'always available' : `custom, ${num(rotaHours(w.rota) ?? 0)} h a week`,
      'contracted working week',
    );
    add(
      `${p}.networkingHoursPerWeek`,
      `${num(w.networkingHoursPerWeek)} h a week`,
      'protected time networking with community (VCSE) groups; builds knowledge of local support',
    );
    add(`${p}.otherDutiesHoursPerWeek`, `${num(w.otherDutiesHoursPerWeek)} h a week`, 'meetings and other fixed duties, taken from patient time');
    add(`${p}.supervisionHoursPerWeek`, `${num(w.supervisionHoursPerWeek)} h a week`, 'supervision received: relieves stress, costs patient time');
    add(`${p}.teamLeadHoursPerWeek`, `${num(w.teamLeadHoursPerWeek)} h a week`, 'time leading a team, taken from patient time');
    add(
      `${p}.management`,
      w.management,
      w.management === 'hands-off'
        ? 'hands-off management adds stress while a worker is a novice (< 12 months)'
        : 'supportive management: no extra stress for novices',
    );
    add(`${p}.adminMinutesPerSession`, `${num(w.adminMinutesPerSession)} min`, 'recording and onward referral after every session');
    add(`${p}.annualLeaveDays`, `${num(w.annualLeaveDays)} days a year`, `${leaveWords(w)}; taken as whole weeks, staggered across the team; no cover`);
    add(`${p}.monthsInRole`, `${num(w.monthsInRole)} months`, 'experience at the start: novices take longer and decline less');
  });
  moreRow('workers');

  // Patients
  add(
    'patients.followUpMinutes',
    describeDistribution(s.patients.followUpMinutes, 'min'),
    'length of a follow-up session (the mode of the default is assumed)',
  );
  add('patients.daysBetweenSessions', describeDistribution(s.patients.daysBetweenSessions, 'days'), 'gap after a session before the next one falls due');
  add('patients.didNotAttend', pct(s.patients.didNotAttend), 'chance a booked session is missed (the slot and admin are still used)');
  add(
    'patients.patienceDays',
    s.patients.patienceDays === 'open' ? 'open (nobody drops out)' : describeDistribution(s.patients.patienceDays, 'days'),
    'how long a patient waits for a first appointment before dropping out',
  );

  // Policy and start
  add(
    'policy.maxCaseload',
    openOr(s.policy.maxCaseload, 'patients', 'open (no limit)'),
    'no new patients for a full-time post holding this many; pro rata to WTE (contracted hours / 37.5)',
  );
  add('initialState.caseloadPerWorker', plural(s.initialState.caseloadPerWorker, 'patient'), 'caseload of each full-time post at the start; pro rata to WTE');
  add('initialState.waitingList', plural(s.initialState.waitingList, 'patient'), 'waiting list at the start');

  // Levers
  add(
    'discretion',
    s.discretion === undefined ? 'not set (unset levers take their middle values; the cap extension stays off)' : num(s.discretion),
    'one dial for every lever not set: 0 = all boundaries, 1 = all discretion',
  );
  for (const k of LEVER_IDS) {
    const row = LEVER_REGISTRY[k] as { dial?: unknown; show: (v: unknown) => string; note: string };
    add(`levers.${k}`, row.dial ? `${row.show(L[k])} (${origin(k)})` : row.show(L[k]), row.note);
  }

  // Workload effect sizes
  const w = s.workload;
  add('workload.inappropriateShare', pct(w.inappropriateShare), 'share of referrals that are inappropriate or beyond the role');
  add('workload.inappropriateNeedMultiplier', `× ${num(w.inappropriateNeedMultiplier)}`, 'sessions needed by an accepted inappropriate referral');
  add('workload.inappropriateNeedMetProbability', pct(w.inappropriateNeedMetProbability), 'chance the need of an accepted inappropriate referral is met');
  add('workload.receptionRateMultiplier', `× ${num(w.receptionRateMultiplier)}`, 'referrals when reception may refer');
  add('workload.selfRateMultiplier', `× ${num(w.selfRateMultiplier)}`, 'referrals when self-referral is open');
  add('workload.vulnerableShare', pct(w.vulnerableShare), 'share of patients considered vulnerable (check-in candidates)');
  add('workload.checkInMinutes', `${num(w.checkInMinutes)} min`, 'length of a check-in call');
  add('workload.checkInIntervalDays', `${num(w.checkInIntervalDays)} days`, 'gap between check-in calls');
  add('workload.checkInCount', plural(w.checkInCount, 'call'), 'check-in calls per patient kept on');
  add(
    'workload.outOfRemitRequestsPerWorkerWeek',
    `${num(w.outOfRemitRequestsPerWorkerWeek)} a week (Poisson mean)`,
    'out-of-remit requests per full-time post; pro rata to WTE',
  );
  add('workload.outOfRemitHoursPerRequest', `${num(w.outOfRemitHoursPerRequest)} h`, 'work per accepted out-of-remit request');
  add(
    'workload.knowledgeGainPerNetworkingHour',
    num(w.knowledgeGainPerNetworkingHour),
    'community knowledge gained per networking hour (share of the gap to 1)',
  );
  add('workload.knowledgeDecayPerWeek', `${pct(w.knowledgeDecayPerWeek)} a week`, 'community knowledge lost each week');
  add('workload.knowledgeNeedEffect', num(w.knowledgeNeedEffect), 'sessions needed × (1 + this × (1 − knowledge))');
  add('workload.knowledgeMatchFloor', pct(w.knowledgeMatchFloor), 'chance support matches the need when knowledge is 0 (certain at full knowledge)');
  add('workload.noviceExtraTime', `+${pct(w.noviceExtraTime)}`, 'longer sessions at 0 months in role, falling to none at 12 months');

  // Workforce
  const f = s.workforce;
  const off = f.enabled ? '' : ' (not used: workforce off)';
  add('workforce.enabled', f.enabled ? 'on' : 'off', 'weekly stress, job satisfaction and leaving of each worker');
  add('workforce.stressPerOverload', `${num(f.stressPerOverload)}${off}`, 'stress change per unit of weekly overload above (or below) 1');
  add('workforce.stressReliefPerSupervisionHour', `${num(f.stressReliefPerSupervisionHour)}${off}`, 'weekly stress relief per hour of supervision');
  add('workforce.handsOffNoviceStress', `${num(f.handsOffNoviceStress)}${off}`, 'weekly stress added for a novice under hands-off management');
  add('workforce.satisfactionAdjustment', `${pct(f.satisfactionAdjustment)} a week${off}`, 'speed at which satisfaction moves towards its target');
  add(
    'workforce.baseLeavingPerYear',
    `${pct(f.baseLeavingPerYear)} a year${off}`,
    "chance of leaving at neutral stress and satisfaction (the survey's 29 % is intention, not turnover)",
  );
  add('workforce.stressLeavingEffect', `${num(f.stressLeavingEffect)}${off}`, 'log hazard of leaving per unit of stress');
  add('workforce.dissatisfactionLeavingEffect', `${num(f.dissatisfactionLeavingEffect)}${off}`, 'log hazard of leaving per unit of dissatisfaction');
  add('workforce.recruitmentDelayDays', `${num(f.recruitmentDelayDays)} days${off}`, 'a post stays vacant this long; a novice replaces the leaver');

  // "Just right" limits
  const g = s.goldilocks;
  add('goldilocks.maxOverloadIndex', num(g.maxOverloadIndex), '"just right" needs the mean overload index at or below this');
  add('goldilocks.maxTurnoverPerYear', `${num(g.maxTurnoverPerYear)} a year`, '…and turnover at or below this');
  add('goldilocks.objective', g.objective, 'what "just right" maximises within the limits');
  add('goldilocks.tolerance', num(g.tolerance), 'levels within this of the best objective count as just right');

  // Costs (docs/model.md §8a)
  const c = s.costs;
  const gbp = (x: number) => formatValue('costPerYear', x);
  add(
    'costs.salaryPerWteYear',
    `${gbp(c.salaryPerWteYear)} a year`,
    c.salaryPerWteYear === DEFAULT_SALARY_PER_WTE_YEAR
      ? "salary of a full-time post: Agenda for Change band 5, 2–4 years' point (April 2024), the PCN reimbursement scheme's grade"
      : 'salary of a full-time post (set in the scenario)',
  );
  add(
    'costs.onCostRate',
    pct(c.onCostRate),
    c.onCostRate === DEFAULT_ON_COST_RATE
      ? 'assumption: employer National Insurance and pension, the middle of the 25–30 % commonly quoted'
      : 'employer National Insurance and pension, share of salary (set in the scenario)',
  );
  s.workers.slice(0, GROUPS_IN_TABLES).forEach((w: WorkerGroup, i: number) => {
    const hours = rotaHoursPerWeek(w.rota);
    const wte = paidWte(w);
    const own = c.groups && Object.hasOwn(c.groups, w.name) ? ' (its own pay, costs.groups)' : '';
    add(
      `costs: workers[${i}]`,
      `${gbp(wte * groupCostPerWteYear(c, w.name))} a year`,
      `${wteWords(wte)} (${num(Math.round(wte * 37.5 * 100) / 100)} contracted hours a week / 37.5; a ${num(hours)}-hour rota) × salary with on-costs${own}`,
    );
  });
  moreRow('costs: workers');
  const fx = c.fixedPerYear;
  add(
    'costs.fixedPerYear',
    `${gbp(fixedCostPerYear(c))} a year`,
    fixedCostPerYear(c) > 0
      ? `management ${gbp(fx.management)}, premises ${gbp(fx.premises)}, training ${gbp(fx.training)}, other ${gbp(fx.other)}`
      : 'no fixed costs counted (management, premises, training)',
  );
  add('costs.recruitmentPerVacancy', gbp(c.recruitmentPerVacancy), c.recruitmentPerVacancy > 0 ? 'per leaver replaced' : 'recruitment not counted');
  add('(code) vacant posts', 'paid for the whole year', 'assumption: the budget holds a vacant post; vacancy savings and agency cover are not counted');

  // Constants in the code (docs/model.md §8)
  add('(code) decline confidence', '0.25 + 0.75 × months/24, at most 1', 'how confident a team is to decline, by mean months in role');
  add('(code) initial knowledge', '0.3 + 0.6 × months/30, at most 0.9', 'community knowledge at the start, by months in role');
  add(
    '(code) satisfaction target',
    'weights 0.5, 0.3, 0.3, 0.3, 0.4; neutral S = 0.3, J = 0.6',
    'how autonomy, need met, overload and failures set satisfaction',
  );
  add('(code) novice', 'under 12 months in role', 'when novice effects apply');
  return rows;
}

export { describeScenario } from './scenario-words.js';
