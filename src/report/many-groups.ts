/**
 * Teams of hundreds or thousands of worker groups (a federation of PCNs scenario, or a sweep of
 * team shapes) must not make a report of megabytes of repeated lines: sentences name the largest
 * groups and count the rest, and per-group tables list the first groups and say where the others
 * are (scenario.json holds every group).
 */
import type { WorkerGroup } from '../scenario/schema.js';
import { groupThousands } from '../scenario/errors.js';
import { groupPostCount } from '../model/posts.js';

/** Sentences name at most this many groups. */
export const GROUPS_IN_WORDS = 5;
/** Per-group tables list at most this many groups. */
export const GROUPS_IN_TABLES = 20;

/** The groups a sentence names (the largest by posts, in file order) and how many it leaves out. */
export function groupsToName(groups: readonly WorkerGroup[]): { named: WorkerGroup[]; rest: number; restPosts: number } {
  if (groups.length <= GROUPS_IN_WORDS) return { named: [...groups], rest: 0, restPosts: 0 };
  const largest = new Set(
    groups
      .map((g, i) => ({ g, i }))
      .sort((a, b) => b.g.count - a.g.count || a.i - b.i)
      .slice(0, GROUPS_IN_WORDS - 1)
      .map((x) => x.i),
  );
  const named = groups.filter((_, i) => largest.has(i));
  const restPosts = groups.reduce((n, g, i) => (largest.has(i) ? n : n + groupPostCount(g)), 0);
  return { named, rest: groups.length - named.length, restPosts };
}

/** "… and 4,996 more groups (5,000 link workers)": the tail of a sentence that names some groups. */
export function moreGroupsWords(rest: number, restPosts: number): string {
  return `${groupThousands(rest)} more groups (${groupThousands(restPosts)} link worker${restPosts === 1 ? '' : 's'}; every group is in scenario.json)`;
}
