/**
 * From worker groups to posts. A group's `count` is in whole-time equivalents: 2.5 is two
 * full-time posts and one half-time post; `fte` is the working fraction of each post. A part
 * post works the first part of the rota's week, with networking, other duties, supervision,
 * team leading, annual leave and out-of-remit requests pro rata (docs/model.md §2).
 */
import type { Scenario } from '../scenario/schema.js';
import { Worker } from './entities.js';
import { groupWeekPlan, leaveWeeks, type WeekPlan } from './rota.js';

type Group = Scenario['workers'][number];

/** Working fraction of each post of a group (posts = ⌈count⌉; the last one may be partial). */
export function postFractions(g: Pick<Group, 'count' | 'fte'>): number[] {
  const posts = Math.ceil(g.count - 1e-9);
  const out: number[] = [];
  for (let k = 0; k < posts; k++) out.push(g.fte * Math.min(1, g.count - k));
  return out;
}

/** The plans a group's posts need, one per distinct fraction (validation uses the same). */
export function groupPlans(g: Group): Map<number, WeekPlan> {
  const plans = new Map<number, WeekPlan>();
  for (const f of postFractions(g)) if (!plans.has(f)) plans.set(f, groupWeekPlan(g, f));
  return plans;
}

export function buildPosts(groups: readonly Group[]): Worker[] {
  const teamSize = groups.reduce((n, g) => n + postFractions(g).length, 0);
  const workers: Worker[] = [];
  for (const g of groups) {
    const plans = groupPlans(g);
    for (const fte of postFractions(g)) {
      const plan = plans.get(fte)!;
      const index = workers.length;
      const leave = leaveWeeks(plan, g.annualLeaveDays * fte, index, teamSize);
      workers.push(
        new Worker(index, fte, plan, leave, g.adminMinutesPerSession, g.monthsInRole, g.supervisionHoursPerWeek * fte, g.management === 'hands-off'),
      );
    }
  }
  return workers;
}

/** Whole-time equivalents of a team. */
export function teamWte(groups: readonly Pick<Group, 'count' | 'fte'>[]): number {
  return groups.reduce((n, g) => n + g.count * g.fte, 0);
}

/**
 * Each group's posts (their indices in buildPosts' order: group by group), WTE, and contracted
 * hours a week at full time (a part post works its fraction of them), for time use per group.
 */
export function groupPosts(groups: readonly Group[]): Array<{ group: number; name: string; wte: number; posts: number[]; contractedHoursPerWte: number }> {
  let next = 0;
  return groups.map((g, group) => {
    const fractions = postFractions(g);
    const posts = fractions.map((_, k) => next + k);
    next += fractions.length;
    const wte = Math.round(fractions.reduce((a, b) => a + b, 0) * 1e9) / 1e9; // 0.6 + 0.3 prints as 0.9
    const plans = groupPlans(g);
    const contracted = fractions.reduce((sum, f) => sum + plans.get(f)!.contractedMinutes / 60, 0);
    return { group, name: g.name, wte, posts, contractedHoursPerWte: wte > 0 ? contracted / wte : 0 };
  });
}
