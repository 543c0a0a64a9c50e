/**
 * Weekly rotas as data. A rota becomes a `WeekPlan`: non-overlapping blocks within one week
 * (minutes from Monday 00:00), each for patients, networking or other duties. Protected hours
 * given per week (networking, other duties) are carved from the *end* of the week's patient
 * blocks (Friday afternoon first), a deterministic rule documented in docs/model.md.
 */
import { WEEK, weekMinute, type DayName } from './time.js';

/** Working days of a full-time week: `annualLeaveDays` is the leave of a post working these. */
export const FULL_TIME_DAYS_PER_WEEK = 5;

export type Activity = 'patients' | 'networking' | 'other';

export interface PlanBlock {
  start: number;
  end: number;
  activity: Activity;
}

export interface WeekPlan {
  /** Blocks sorted by start; empty when `always`. */
  blocks: PlanBlock[];
  /** Available for patients around the clock, with no blocks at all (validation rota). */
  always: boolean;
  /** Contracted minutes per week, all activities. */
  contractedMinutes: number;
  /** Minutes per week by activity. */
  minutes: Record<Activity, number>;
}

export interface RotaBlockSpec {
  days: readonly DayName[];
  from: string;
  to: string;
  activity: Activity;
}

export type RotaSpec = 'standard' | 'always' | readonly RotaBlockSpec[];

const STANDARD: RotaBlockSpec[] = [
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '12:30', activity: 'patients' },
  { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '13:00', to: '17:00', activity: 'patients' },
];

export class RotaError extends Error {}

/**
 * The week of a rota. A part-time post (`fraction` < 1) works the first `fraction` of the
 * rota's weekly minutes (Monday first; the last block kept is cut short), and the protected
 * hours passed in are already pro rata.
 */
export function buildWeekPlan(rota: RotaSpec, networkingHours: number, otherHours: number, fraction = 1): WeekPlan {
  if (rota === 'always') {
    if (fraction < 1) throw new RotaError('the "always" rota is for validation against queueing theory and has no part-time form; use whole posts (fte 1)');
    if (networkingHours > 0 || otherHours > 0) {
      throw new RotaError('the "always" rota has no blocks to carve networking or other duties from; set them to 0');
    }
    return { blocks: [], always: true, contractedMinutes: WEEK, minutes: { patients: WEEK, networking: 0, other: 0 } };
  }
  const specs = rota === 'standard' ? STANDARD : rota;
  let blocks: PlanBlock[] = [];
  for (const spec of specs) {
    for (const day of spec.days) {
      blocks.push({ start: weekMinute(day, spec.from), end: weekMinute(day, spec.to), activity: spec.activity });
    }
  }
  blocks.sort((a, b) => a.start - b.start);
  for (let i = 1; i < blocks.length; i++) {
    if (blocks[i].start < blocks[i - 1].end) throw new RotaError('rota blocks overlap');
  }
  if (fraction < 1) blocks = firstPartOfWeek(blocks, fraction);
  blocks = carve(blocks, 'networking', networkingHours * 60);
  blocks = carve(blocks, 'other', otherHours * 60);
  const minutes = { patients: 0, networking: 0, other: 0 };
  for (const b of blocks) minutes[b.activity] += b.end - b.start;
  return { blocks, always: false, contractedMinutes: minutes.patients + minutes.networking + minutes.other, minutes };
}

/** The blocks covering the first `fraction` of the week's minutes (the last one cut short). */
function firstPartOfWeek(blocks: PlanBlock[], fraction: number): PlanBlock[] {
  let left = fraction * blocks.reduce((n, b) => n + b.end - b.start, 0);
  const out: PlanBlock[] = [];
  for (const b of blocks) {
    if (left <= 1e-9) break;
    const len = Math.min(b.end - b.start, left);
    out.push({ start: b.start, end: b.start + len, activity: b.activity });
    left -= len;
  }
  return out;
}

/** Turn the last `amount` minutes of patient time in the week into `activity` time. */
function carve(blocks: PlanBlock[], activity: Activity, amount: number): PlanBlock[] {
  if (amount <= 0) return blocks;
  const out = blocks.slice();
  let left = amount;
  for (let i = out.length - 1; i >= 0 && left > 0; i--) {
    const b = out[i];
    if (b.activity !== 'patients') continue;
    const len = b.end - b.start;
    if (len <= left) {
      out[i] = { ...b, activity };
      left -= len;
    } else {
      const cut = b.end - left;
      out.splice(i, 1, { start: b.start, end: cut, activity: 'patients' }, { start: cut, end: b.end, activity });
      left = 0;
    }
  }
  if (left > 1e-9) {
    throw new RotaError(`not enough patient time in the rota to carve ${amount / 60} hours of ${activity} a week`);
  }
  return out;
}

/** The fields of a worker group that shape its week. */
export interface WorkerWeekSpec {
  rota: RotaSpec;
  networkingHoursPerWeek: number;
  otherDutiesHoursPerWeek: number;
  supervisionHoursPerWeek: number;
  teamLeadHoursPerWeek: number;
}

/**
 * A worker group's week (of a post working `fraction` of full time, its protected hours pro
 * rata): networking carved first, then other duties, supervision and team
 * leading together as "other" time. The validation rota ("always") has no blocks to carve, so
 * only networking is checked there (it must be 0).
 */
export function groupWeekPlan(g: WorkerWeekSpec, fraction = 1): WeekPlan {
  const other = g.rota === 'always' ? 0 : g.otherDutiesHoursPerWeek + g.supervisionHoursPerWeek + g.teamLeadHoursPerWeek;
  return buildWeekPlan(g.rota, g.networkingHoursPerWeek * fraction, other * fraction, fraction);
}

/** Days of the week on which a plan has blocks (the post's working days). */
export function workingDaysPerWeek(plan: WeekPlan): number {
  return new Set(plan.blocks.map((b) => Math.floor(b.start / (24 * 60)))).size;
}

/**
 * Whole weeks of leave a year of a post working `workingDays` days a week: its leave is
 * fullTimeLeaveDays × workingDays / 5 days, taken as weeks of its own working days, so
 * round(fullTimeLeaveDays / 5) weeks whatever its days (the quotient rounded to 1e-9 first, so
 * float error never turns 6.5 into 6.4999…).
 */
export function postLeaveWeeks(fullTimeLeaveDays: number, workingDays: number): number {
  if (fullTimeLeaveDays <= 0 || workingDays <= 0) return 0;
  const postLeaveDays = (fullTimeLeaveDays * workingDays) / FULL_TIME_DAYS_PER_WEEK;
  return Math.round(Math.round((postLeaveDays / workingDays) * 1e9) / 1e9);
}

/**
 * Weeks of the 52-week leave cycle a post spends on leave. `fullTimeLeaveDays` is the leave of a
 * full-time post (5 working days a week); a post's leave is pro rata to its working days,
 * fullTimeLeaveDays × d / 5 days for a post working d days a week, and is taken in whole weeks of
 * its own working days: n = round(fullTimeLeaveDays / 5) weeks (35 days: 7 weeks, whether the post
 * works 5 days, 3 days or 2½). The n weeks are spread evenly through the year and staggered
 * between posts so that a team is not all away at once (docs/model.md §5.3).
 */
export function leaveWeeks(plan: WeekPlan, fullTimeLeaveDays: number, workerIndex: number, teamSize: number, cycle = 52): Uint8Array {
  const weeks = new Uint8Array(cycle);
  if (plan.always || fullTimeLeaveDays <= 0) return weeks;
  const days = workingDaysPerWeek(plan);
  if (days === 0) return weeks;
  const n = Math.min(cycle, postLeaveWeeks(fullTimeLeaveDays, days));
  if (n === 0) return weeks;
  const spacing = cycle / n;
  const offset = Math.floor((workerIndex * spacing) / Math.max(1, teamSize));
  for (let k = 0; k < n; k++) weeks[(Math.floor(k * spacing + spacing / 2) + offset) % cycle] = 1;
  return weeks;
}
