/**
 * From worker groups to posts, and the one meaning of a whole-time equivalent (docs/model.md §5.2a).
 *
 *   WTE of a post = its contracted hours a week / 37.5 (the Agenda for Change full-time week)
 *
 * A group's `count` is in posts of its rota: 2.5 is three posts, two working the whole rota and
 * the last half of it; `fte` is the share of the rota every post works. So a post's contracted
 * hours are its fraction × the rota's hours, and on the 37.5-hour `standard` rota `count: 2.5` is
 * 3 posts and 2.5 WTE, while one post on a 20-hour rota is 20/37.5 = 0.533 WTE. The always-open
 * validation rota counts as one full-time post. Every per-WTE metric, the costs, the tables and the
 * words use `postWte` (through `Worker.fte`, `groupWte`, `teamWte`); "per post" means per head.
 *
 * A part post works the first part of the rota's week, with networking, other duties and
 * supervision pro rata to its share of the rota; its caseload limit, initial caseload and
 * out-of-remit requests are pro rata to its WTE; its annual leave is pro rata to its working days
 * (`leaveWeeks`, rota.ts).
 */
import type { Scenario } from '../scenario/schema.js';
import { Worker } from './entities.js';
import { DEFAULT_ASSUMPTIONS, type ResolvedAssumptions } from './assumptions.js';
import { groupWeekPlan, leaveWeeks, type WeekPlan } from './rota.js';

export { FULL_TIME_DAYS_PER_WEEK } from './rota.js';

type Group = Scenario['workers'][number];

/** Contracted hours of a full-time week (Agenda for Change): 1 WTE. */
export const FULL_TIME_HOURS_PER_WEEK = 37.5;

/** Contracted hours a week of a rota (every block, whatever its activity); `always` counts as full time. */
export function rotaHoursPerWeek(rota: Group['rota']): number {
  if (rota === 'standard' || rota === 'always') return FULL_TIME_HOURS_PER_WEEK;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  return rota.reduce((h, b) => h + ((minutes(b.to) - minutes(b.from)) / 60) * b.days.length, 0);
}

/** The WTE of a post that works `fraction` of its group's rota: contracted hours / 37.5. */
export function postWte(g: Pick<Group, 'rota'>, fraction: number): number {
  return (fraction * rotaHoursPerWeek(g.rota)) / FULL_TIME_HOURS_PER_WEEK;
}

/** Share of the rota each post of a group works (posts = ⌈count⌉; the last one may be partial). */
export function postFractions(g: Pick<Group, 'count' | 'fte'>): number[] {
  const posts = Math.ceil(g.count - 1e-9);
  const out: number[] = [];
  for (let k = 0; k < posts; k++) out.push(g.fte * Math.min(1, g.count - k));
  return out;
}

/** Posts (heads) of a group: ⌈count⌉. */
export function groupPostCount(g: Pick<Group, 'count'>): number {
  return Math.ceil(g.count - 1e-9);
}

/** WTE of a group: the sum of its posts' WTE (rounded to 1e-9, so 0.6 + 0.3 prints as 0.9). */
export function groupWte(g: Pick<Group, 'count' | 'fte' | 'rota'>): number {
  const wte = postFractions(g).reduce((n, f) => n + postWte(g, f), 0);
  return Math.round(wte * 1e9) / 1e9;
}

/** WTE of a team. */
export function teamWte(groups: readonly Pick<Group, 'count' | 'fte' | 'rota'>[]): number {
  return groups.reduce((n, g) => n + groupWte(g), 0);
}

/** Posts (heads) of a team. */
export function teamPosts(groups: readonly Pick<Group, 'count'>[]): number {
  return groups.reduce((n, g) => n + groupPostCount(g), 0);
}

/** The plans a group's posts need, one per distinct fraction (validation uses the same). */
export function groupPlans(g: Group): Map<number, WeekPlan> {
  const plans = new Map<number, WeekPlan>();
  for (const f of postFractions(g)) if (!plans.has(f)) plans.set(f, groupWeekPlan(g, f));
  return plans;
}

export function buildPosts(groups: readonly Group[], assumptions: Readonly<ResolvedAssumptions> = DEFAULT_ASSUMPTIONS): Worker[] {
  const teamSize = teamPosts(groups);
  const workers: Worker[] = [];
  for (const g of groups) {
    const plans = groupPlans(g);
    for (const fraction of postFractions(g)) {
      const plan = plans.get(fraction)!;
      const index = workers.length;
      const leave = leaveWeeks(plan, g.annualLeaveDays, index, teamSize);
      const supervision = g.supervisionHoursPerWeek * fraction;
      workers.push(
        new Worker(index, postWte(g, fraction), plan, leave, g.adminMinutesPerSession, g.monthsInRole, supervision, g.management === 'hands-off', assumptions),
      );
    }
  }
  return workers;
}

/**
 * Each group's posts (their indices in buildPosts' order: group by group), WTE, and contracted
 * hours a week per WTE (37.5 but on the always-open rota), for time use per group.
 */
export function groupPosts(groups: readonly Group[]): Array<{ group: number; name: string; wte: number; posts: number[]; contractedHoursPerWte: number }> {
  let next = 0;
  return groups.map((g, group) => {
    const fractions = postFractions(g);
    const posts = fractions.map((_, k) => next + k);
    next += fractions.length;
    const wte = groupWte(g);
    const plans = groupPlans(g);
    const contracted = fractions.reduce((sum, f) => sum + plans.get(f)!.contractedMinutes / 60, 0);
    return { group, name: g.name, wte, posts, contractedHoursPerWte: wte > 0 ? contracted / wte : 0 };
  });
}
