/**
 * From a service's activity (activity.ts) to the numbers a scenario needs, each with its 95 %
 * interval and the records behind it (pure). docs/fit.md explains each estimate.
 */
import type { Scenario } from '../scenario/schema.js';
import { resolveLevers } from '../model/discretion.js';
import { isoDate, type Activity, type Episode } from './activity.js';
import { chiSquareUpper, type Estimate, fitCensoredNegBin, mean, meanEstimate, poissonRegression, quantileSorted, shareEstimate, Z95 } from './stats.js';

/** Days in the model's month (365.25 / 12): rates per month are per this many days. */
export const MONTH_DAYS = 365.25 / 12;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Months of the data: calendar months for dates, model months (30.44 days from day 0) for days. */
export interface MonthGrid {
  dated: boolean;
  /** Index of the month holding time t (days). */
  index(t: number): number;
  start(i: number): number;
  end(i: number): number;
  /** 0 = January (for days: day 0 is taken as 1 January, as the model does). */
  monthOfYear(i: number): number;
  label(i: number): string;
}

export function monthGrid(dated: boolean): MonthGrid {
  if (!dated) {
    return {
      dated,
      index: (t) => Math.floor(t / MONTH_DAYS + 1e-9),
      start: (i) => i * MONTH_DAYS,
      end: (i) => (i + 1) * MONTH_DAYS,
      monthOfYear: (i) => ((i % 12) + 12) % 12,
      label: (i) => `month ${i + 1}`,
    };
  }
  const startOf = (i: number) => Date.UTC(1970 + Math.floor(i / 12), ((i % 12) + 12) % 12, 1) / 86_400_000;
  return {
    dated,
    index: (t) => {
      const d = new Date(Math.floor(t + 1e-9) * 86_400_000);
      return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
    },
    start: startOf,
    end: (i) => startOf(i + 1),
    monthOfYear: (i) => ((i % 12) + 12) % 12,
    label: (i) => isoDate(startOf(i)).slice(0, 7),
  };
}

export interface FitOptions {
  /** The scenario the unfitted levers come from. */
  base: Scenario;
  /** Day (as the activity's times) the fitted scenario starts at; default the first event. */
  at?: number;
  /** Seed of the bootstrap (sessions per patient). */
  seed?: string;
}

/** A fitted distribution as a scenario writes it, with its mean's interval. */
export interface FittedDistribution {
  mean: Estimate;
  sd: number;
  spec: { type: 'empirical'; values: number[]; weights?: number[] } | number;
}

export interface FitResult {
  file: string;
  period: { start: string; end: string; startTime: number; endTime: number; days: number; months: number; dated: boolean; replication?: string };
  at: { time: number; label: string };
  records: { rows: number; episodes: number; leftTruncated: number; skipped: Record<string, number> };
  referrals: {
    perMonth: Estimate;
    /** Compound growth a year; kept only if its interval excludes 0. */
    annualGrowth: Estimate & { kept: boolean };
    /** Month-of-year multipliers (January first), kept only if a likelihood-ratio test at 5 % finds seasonality. */
    seasonality: { considered: boolean; kept: boolean; lrStatistic: number; critical: number; multipliers: Estimate[] };
    /** Divisor for routes the base's levers open (self, reception): the model multiplies the practices' rate by it. */
    routeMultiplier: number;
    reReferrals: number;
    monthly: { month: string; referrals: number; exposureMonths: number }[];
  };
  declinedShare: Estimate;
  sessions: { mean: Estimate; sd: Estimate; observedMean: Estimate; cap: number | 'open'; atCap: number; stillOpen: number };
  firstSessionMinutes: FittedDistribution | null;
  followUpMinutes: FittedDistribution | null;
  daysBetweenSessions: FittedDistribution | null;
  didNotAttend: Estimate;
  patience: { mean: Estimate; dropOuts: number; exposureDays: number; open: boolean };
  waitDays: Estimate;
  initialState: { caseload: number; waitingList: number; workers: number | null; wte: number; caseloadPerWorker: number };
  assumptions: { field: string; value: string; why: string }[];
  notes: string[];
}

/** When the attended sessions of an episode began to be seen: its first booked session (attended or missed). */
export function firstSeen(e: Episode): number | undefined {
  const a = e.attended[0];
  const m = e.missed.length > 0 ? Math.min(...e.missed) : undefined;
  if (a === undefined) return m;
  return m === undefined ? a : Math.min(a, m);
}

export function fitActivity(activity: Activity, options: FitOptions): FitResult {
  const { base } = options;
  const seed = options.seed ?? 'goldilocks-fit';
  const grid = monthGrid(activity.dated);
  const start = activity.start;
  const end = activity.end;
  const at = options.at ?? start;
  const notes: string[] = [];
  const episodes = activity.episodes;
  const complete = episodes.filter((e) => e.referred !== undefined);
  const leftTruncated = episodes.length - complete.length;
  if (leftTruncated > 0)
    notes.push(
      `${leftTruncated} patients were already in the service when the file starts (no referral row): counted in the caseload, not in referrals, waits or sessions per patient.`,
    );

  // ---- referrals: a Poisson regression on monthly counts (trend and month of year when the data span allow)
  const first = grid.index(start);
  const last = grid.index(end);
  const monthly: FitResult['referrals']['monthly'] = [];
  const y: number[] = [];
  const exposure: number[] = [];
  const mid: number[] = [];
  const moy: number[] = [];
  const counts = new Map<number, number>();
  let reReferrals = 0;
  for (const e of complete) {
    if (e.reReferral) {
      reReferrals++;
      continue;
    }
    const i = grid.index(e.referred!);
    counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  for (let i = first; i <= last; i++) {
    const a = Math.max(start, grid.start(i));
    const b = Math.min(end, grid.end(i));
    const exp = Math.max(0, b - a) / MONTH_DAYS;
    const n = counts.get(i) ?? 0;
    monthly.push({ month: grid.label(i), referrals: n, exposureMonths: exp });
    if (exp <= 0.05) continue; // a sliver of a month says nothing about its rate
    y.push(n);
    exposure.push(exp);
    mid.push(((a + b) / 2 - at) / 365.25);
    moy.push(grid.monthOfYear(i));
  }
  const span = end - start;
  const m0 = poissonRegression(
    y,
    exposure,
    y.map(() => [1]),
  );
  const considerTrend = span >= 365;
  const considerSeason = span >= 730;
  const m1 = considerTrend
    ? poissonRegression(
        y,
        exposure,
        mid.map((t) => [1, t]),
      )
    : null;
  const trendKept = m1 !== null && Math.abs(m1.beta[1]) > Z95 * Math.sqrt(m1.cov[1][1]);
  const design = (i: number) => {
    const row = [1];
    if (trendKept) row.push(mid[i]);
    for (let m = 1; m < 12; m++) row.push(moy[i] === m ? 1 : 0);
    return row;
  };
  const m2 = considerSeason
    ? poissonRegression(
        y,
        exposure,
        y.map((_, i) => design(i)),
      )
    : null;
  const reduced = trendKept ? m1! : m0;
  const lr = m2 ? 2 * (m2.logLik - reduced.logLik) : NaN;
  // Twelve numbers for a seasonal pattern are written only on strong evidence: a likelihood-ratio test at 1 %.
  const critical = chiSquareUpper(11, 0.99);
  const seasonKept = m2 !== null && lr > critical;
  const model = seasonKept ? m2! : reduced;
  const p = model.beta.length;
  // Log rate at `at`, averaged over the year: a + log(mean_j exp(s_j)); multipliers exp(s_j) / mean.
  const s = new Array(12).fill(0);
  const sIndex = (m: number) => (m === 0 ? -1 : (trendKept ? 2 : 1) + m - 1);
  if (seasonKept) for (let m = 1; m < 12; m++) s[m] = model.beta[sIndex(m)];
  const es = s.map(Math.exp);
  const meanEs = mean(es);
  const deltaSe = (grad: number[]) => {
    let v = 0;
    for (let j = 0; j < p; j++) for (let k = 0; k < p; k++) v += grad[j] * grad[k] * model.cov[j][k];
    return Math.sqrt(Math.max(0, v));
  };
  const routeMultiplier = routeMultiplierOf(base);
  const logRate = model.beta[0] + Math.log(meanEs);
  const gRate = new Array(p).fill(0);
  gRate[0] = 1;
  if (seasonKept) for (let m = 1; m < 12; m++) gRate[sIndex(m)] = es[m] / (12 * meanEs);
  const seRate = deltaSe(gRate);
  const nReferrals = y.reduce((a, b) => a + b, 0);
  const perMonth: Estimate = { value: Math.exp(logRate), lo: Math.exp(logRate - Z95 * seRate), hi: Math.exp(logRate + Z95 * seRate), n: nReferrals };
  const growthModel = trendKept ? model : m1;
  const b = growthModel ? growthModel.beta[1] : 0;
  const seB = growthModel ? Math.sqrt(growthModel.cov[1][1]) : NaN;
  const annualGrowth = { value: Math.exp(b) - 1, lo: Math.exp(b - Z95 * seB) - 1, hi: Math.exp(b + Z95 * seB) - 1, n: nReferrals, kept: trendKept };
  const multipliers: Estimate[] = s.map((sj, m) => {
    if (!seasonKept) return { value: 1, lo: NaN, hi: NaN, n: nReferrals };
    const g = new Array(p).fill(0);
    for (let k = 1; k < 12; k++) g[sIndex(k)] = (k === m ? 1 : 0) - es[k] / (12 * meanEs);
    const se = deltaSe(g);
    const v = sj - Math.log(meanEs);
    return { value: Math.exp(v), lo: Math.exp(v - Z95 * se), hi: Math.exp(v + Z95 * se), n: nReferrals };
  });
  if (!considerTrend) notes.push('The data span less than a year: the referral rate is taken as constant (no trend or seasonality can be told from it).');
  else if (!considerSeason) notes.push('The data span less than two years: no seasonality fitted (a trend only, if the data show one).');

  // ---- decline, sessions, minutes, gaps, did-not-attend
  const referredFresh = complete.filter((e) => !e.reReferral);
  const declinedShare = shareEstimate(complete.filter((e) => e.declined !== undefined).length, complete.length);
  const cap = base.policy.sessionCap;
  const capN = cap === 'open' ? Infinity : cap;
  const finished = complete.filter((e) => e.discharged !== undefined && e.attended.length > 0);
  // Need known exactly: discharged below the cap. At least the cap: discharged at it (or extended).
  // At least one more than attended so far: still open when the data end (long courses would be missed otherwise).
  const exact: number[] = [];
  const atLeast: number[] = [];
  const add = (h: number[], k: number) => {
    h[k] = (h[k] ?? 0) + 1;
  };
  let atCap = 0;
  let stillOpen = 0;
  for (const e of complete) {
    const k = e.attended.length;
    if (e.declined !== undefined || e.droppedOut !== undefined || firstSeen(e) === undefined) continue;
    if (e.discharged !== undefined) {
      if (k === 0) continue;
      if (k >= capN) {
        atCap++;
        add(atLeast, capN);
      } else add(exact, k);
    } else {
      stillOpen++;
      add(atLeast, Math.min(capN, k + 1));
    }
  }
  for (const h of [exact, atLeast]) for (let k = 0; k < h.length; k++) h[k] ??= 0;
  const nb = exact.length + atLeast.length > 2 ? fitCensoredNegBin(exact, atLeast, `${seed}:sessions`) : null;
  const observedMean = meanEstimate(finished.map((e) => e.attended.length));
  const nan: Estimate = { value: NaN, lo: NaN, hi: NaN, n: 0 };
  notes.push(
    `Sessions needed: ${finished.length - atCap} courses finished below the cap${cap === 'open' ? '' : ` (${cap})`}, ${atCap} at it and ${stillOpen} still open when the data end; the last two only say "at least", so the negative binomial is fitted with them censored (observed mean of finished courses ${observedMean.value.toFixed(2)}, fitted need ${nb?.mean.value.toFixed(2)}).`,
  );
  // The first attended session is the first session (a missed first appointment makes the next one the first, as in the model).
  const firstMinutes: number[] = [];
  const followMinutes: number[] = [];
  for (const e of episodes) {
    e.attendedMinutes.forEach((m, i) => {
      if (m === m) (i === 0 && e.referred !== undefined ? firstMinutes : followMinutes).push(m);
    });
  }
  const gaps: number[] = [];
  for (const e of complete) {
    const booked = [...e.attended, ...e.missed].sort((a, c) => a - c);
    for (let i = 1; i < booked.length; i++) gaps.push(booked[i] - booked[i - 1]);
  }
  let attended = 0;
  let missed = 0;
  for (const e of episodes) {
    attended += e.attended.length;
    missed += e.missed.length;
  }
  const didNotAttend = shareEstimate(missed, attended + missed);

  // ---- waiting: drop-outs over the time at risk (exponential patience, maximum likelihood), and waits
  let exposureDays = 0;
  let dropOuts = 0;
  const waits: number[] = [];
  for (const e of complete) {
    if (e.declined !== undefined) continue;
    const from = e.joinedWaitingList ?? e.referred!;
    const seen = firstSeen(e);
    const to = seen ?? e.droppedOut ?? e.discharged ?? end;
    exposureDays += Math.max(0, to - from);
    if (seen === undefined && e.droppedOut !== undefined) dropOuts++;
    if (seen !== undefined) waits.push(seen - e.referred!);
  }
  const rate = dropOuts / exposureDays;
  const patienceOpen = dropOuts === 0;
  const patience: FitResult['patience'] = {
    mean: patienceOpen
      ? { value: Infinity, lo: exposureDays / 3.689, hi: Infinity, n: dropOuts }
      : {
          value: 1 / rate,
          lo: 1 / (rate * Math.exp(Z95 / Math.sqrt(dropOuts))),
          hi: 1 / (rate * Math.exp(-Z95 / Math.sqrt(dropOuts))),
          n: dropOuts,
        },
    dropOuts,
    exposureDays,
    open: patienceOpen,
  };

  // ---- who was there at `at`
  let caseload = 0;
  let waitingList = 0;
  for (const e of episodes) {
    const began = e.referred ?? -Infinity;
    if (began >= at) continue;
    const ended = e.discharged ?? e.droppedOut ?? e.declined ?? Infinity;
    if (ended < at) continue;
    const seen = firstSeen(e);
    // A patient already in the service when the file starts, with no session or list row yet, is on a caseload.
    const onCaseloadAlready = e.referred === undefined && e.joinedWaitingList === undefined;
    if ((seen !== undefined && seen < at) || onCaseloadAlready) caseload++;
    else waitingList++;
  }
  const workerIds = new Set<string>();
  for (const e of episodes) {
    for (const w of e.workers) workerIds.add(w);
  }
  // Workers with sessions in the quarter after `at` (the team the back-test starts with).
  const recent = new Set<string>();
  for (const e of episodes) if (e.attended.some((t) => t >= at && t < at + 91)) for (const w of e.workers) recent.add(w);
  const workers = workerIds.size > 0 ? Math.max(1, recent.size || workerIds.size) : null;
  const baseWte = base.workers.reduce((a, g) => a + g.count * g.fte, 0);
  const wte = workers !== null && base.workers.length === 1 ? workers * base.workers[0].fte : baseWte;

  const assumptions: FitResult['assumptions'] = [
    {
      field: 'workers',
      value:
        workers === null
          ? `${baseWte} WTE as the base`
          : `${workers} posts (distinct workers with sessions in the 13 weeks from ${labelOf(at, grid)}), hours and rota as the base`,
      why: 'hours, rotas, leave and networking time are not in activity data',
    },
    {
      field: 'levers / discretion',
      value: 'as the base',
      why: 'discretion levers change how the same referrals are handled; one activity file cannot tell them apart from need',
    },
    { field: 'workload, workforce', value: 'as the base', why: 'out-of-remit work, stress and turnover are not in activity data' },
    { field: 'policy.sessionCap', value: String(cap), why: 'a policy, read from the base, not fitted (it censors the sessions per patient)' },
    { field: 'referrals.sourceMix', value: 'as the base', why: 'the activity file has no referral source' },
    {
      field: 'declined share',
      value: `observed ${(declinedShare.value * 100).toFixed(1)} %, not fitted`,
      why: 'declines come from the levers (declineInappropriate) and the share of inappropriate referrals',
    },
  ];
  if (routeMultiplier !== 1) {
    assumptions.push({
      field: 'referrals.practices',
      value: `the fitted rate divided by ${routeMultiplier.toFixed(3)}`,
      why: "the base's levers open self- or reception referral, which the model adds on top of the practices' rate",
    });
  }
  if (firstMinutes.length === 0)
    assumptions.push({ field: 'patients.firstSessionMinutes', value: 'as the base', why: 'no minutes column for first appointments' });
  if (followMinutes.length === 0) assumptions.push({ field: 'patients.followUpMinutes', value: 'as the base', why: 'no minutes column for follow-ups' });
  notes.push(
    'Days between sessions are measured from one booked session to the next: they include any wait for a free slot, which the model adds again on top of daysBetweenSessions, so the fitted gaps are an upper bound (the back-test shows the effect).',
  );

  return {
    file: activity.file,
    period: {
      start: labelOf(start, grid),
      end: labelOf(end, grid),
      startTime: start,
      endTime: end,
      days: span,
      months: span / MONTH_DAYS,
      dated: activity.dated,
      replication: activity.replication,
    },
    at: { time: at, label: labelOf(at, grid) },
    records: { rows: activity.rows, episodes: episodes.length, leftTruncated, skipped: activity.skipped },
    referrals: {
      perMonth,
      annualGrowth,
      seasonality: { considered: considerSeason, kept: seasonKept, lrStatistic: lr, critical, multipliers },
      routeMultiplier,
      reReferrals,
      monthly,
    },
    declinedShare,
    sessions: { mean: nb?.mean ?? nan, sd: nb?.sd ?? nan, observedMean, cap, atCap, stillOpen },
    firstSessionMinutes: fitDistribution(firstMinutes),
    followUpMinutes: fitDistribution(followMinutes),
    daysBetweenSessions: fitDistribution(gaps),
    didNotAttend,
    patience,
    waitDays: meanEstimate(waits),
    initialState: { caseload, waitingList, workers, wte, caseloadPerWorker: wte > 0 ? Math.round(caseload / wte) : 0 },
    assumptions,
    notes: referredFresh.length < 30 ? [...notes, `Only ${referredFresh.length} referrals: every interval is wide.`] : notes,
  };
}

export function labelOf(t: number, grid: MonthGrid): string {
  return grid.dated ? isoDate(t) : `day ${Math.round(t * 100) / 100}`;
}

/** The model multiplies the practices' rate by the open routes' factors (intake.ts); the fit divides by it. */
export function routeMultiplierOf(s: Scenario): number {
  const levers = resolveLevers(s);
  return (levers.receptionReferrals ? s.workload.receptionRateMultiplier : 1) * (levers.selfReferrals ? s.workload.selfRateMultiplier : 1);
}

/**
 * A distribution as the data show it: the observed values when they are few (whole minutes or days
 * booked in slots), otherwise 20 equally likely quantiles (2.5 %, 7.5 %, …, 97.5 %).
 */
export function fitDistribution(xs: readonly number[]): FittedDistribution | null {
  if (xs.length === 0) return null;
  const m = meanEstimate(xs);
  const sorted = [...xs].sort((a, b) => a - b);
  const sdv = Math.sqrt(xs.reduce((s, x) => s + (x - m.value) ** 2, 0) / Math.max(1, xs.length - 1));
  const distinct = new Map<number, number>();
  for (const x of sorted) distinct.set(x, (distinct.get(x) ?? 0) + 1);
  if (distinct.size === 1) return { mean: m, sd: 0, spec: sorted[0] };
  if (distinct.size <= 24) {
    return { mean: m, sd: sdv, spec: { type: 'empirical', values: [...distinct.keys()], weights: [...distinct.values()] } };
  }
  const values = Array.from({ length: 20 }, (_, i) => round3(quantileSorted(sorted, (i + 0.5) / 20)));
  return { mean: m, sd: sdv, spec: { type: 'empirical', values } };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export { MONTH_NAMES };
