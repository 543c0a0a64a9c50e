/**
 * A worker group's posts and whole-time equivalents in words, one wording for every sentence and
 * table (docs/model.md §5.2a): heads are posts ("3 link workers"), and the WTE (contracted hours /
 * 37.5, src/model/posts.ts) is said wherever it differs from the posts, so "2.5" is never put
 * where three posts are meant, nor three where 2.5 WTE are.
 */
import { FULL_TIME_DAYS_PER_WEEK, groupPostCount, groupWte, postFractions } from '../model/posts.js';
import { postLeaveWeeks } from '../model/rota.js';
import type { WorkerGroup } from '../scenario/schema.js';
import { groupThousands } from '../scenario/errors.js';

/** As assumptions.ts's num (imported there, so not imported from it). */
const num = (x: number): string => (Number.isInteger(x) ? String(x) : String(Math.round(x * 1000) / 1000));

type Group = Pick<WorkerGroup, 'count' | 'fte' | 'rota'>;

/** WTE to two decimals, as tables and sentences print it ("0.53 WTE"). */
export function wteWords(wte: number): string {
  return `${num(Math.round(wte * 100) / 100)} WTE`;
}

/** "1 link worker", "3 link workers": the posts (heads) of a group. */
export function postsHeads(g: Pick<WorkerGroup, 'count'>): string {
  const n = groupPostCount(g);
  return `${groupThousands(n)} link worker${n === 1 ? '' : 's'}`;
}

/** True when a group's WTE differs from its number of posts (part-time posts, or a rota other than 37.5 h). */
export function wteDiffersFromPosts(g: Group): boolean {
  return Math.abs(groupWte(g) - groupPostCount(g)) > 1e-9;
}

/**
 * What share of the rota the posts work and the group's WTE, to follow the rota in a sentence:
 * "" (whole posts on a 37.5-hour rota), " (0.53 WTE)" (a 20-hour rota), ", the last working 0.5 of
 * it (2.5 WTE)" (count 2.5), ", each working 0.6 of it (1.8 WTE)" (fte 0.6).
 */
export function shareAndWte(g: Group): string {
  const fractions = postFractions(g);
  const first = fractions[0] ?? 1;
  const last = fractions[fractions.length - 1] ?? 1;
  const share =
    first === last
      ? first === 1
        ? ''
        : `, ${fractions.length === 1 ? '' : 'each '}working ${num(first)} of it`
      : first === 1
        ? `, the last working ${num(last)} of it`
        : `, each working ${num(first)} of it and the last ${num(last)}`;
  return wteDiffersFromPosts(g) ? `${share} (${wteWords(groupWte(g))})` : share;
}

/** "35 days of leave a year per full-time post (7 weeks of each post's working days)". */
export function leaveWords(g: Pick<WorkerGroup, 'annualLeaveDays' | 'rota'>): string {
  const days = `${num(g.annualLeaveDays)} days of leave a year`;
  if (g.rota === 'always' || g.annualLeaveDays <= 0) return days;
  const weeks = Math.min(52, postLeaveWeeks(g.annualLeaveDays, FULL_TIME_DAYS_PER_WEEK));
  return `${days} per full-time post (${weeks} week${weeks === 1 ? '' : 's'} of each post’s working days, pro rata for part time)`;
}
