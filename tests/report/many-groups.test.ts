/**
 * A team of thousands of worker groups gives a report of the same size as a team of a few: the
 * design line names the largest groups and counts the rest, per-group tables stop after
 * GROUPS_IN_TABLES rows and say that scenario.json holds the others.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/jobs/designs.js';
import { designLine } from '../../src/report/summary.js';
import { groupsToName, GROUPS_IN_TABLES, GROUPS_IN_WORDS } from '../../src/report/many-groups.js';
import { assumptionsInForce as assumptionRows } from '../../src/report/assumptions.js';

const team = (n: number) =>
  parseScenario({
    name: 'big',
    referrals: { practices: [{ name: 'A', referralsPerMonth: 20 * n }] },
    workers: Array.from({ length: n }, (_, i) => ({ name: `W${i}`, count: i === 7 && n < 5000 ? 3 : 1 })),
  });

describe('many worker groups', () => {
  it('a sentence names the largest groups (by posts, in file order) and counts the rest with their posts', () => {
    const { named, rest, restPosts } = groupsToName(team(1000).workers);
    expect(named.length).toBe(GROUPS_IN_WORDS - 1);
    expect(named[0].name).toBe('W0');
    expect(named.map((g) => g.name)).toContain('W7');
    expect(rest).toBe(1000 - (GROUPS_IN_WORDS - 1));
    expect(restPosts).toBe(1002 - named.reduce((n, g) => n + g.count, 0));
  });

  it('the design line is as short for 5,000 groups as for 10', () => {
    const small = designLine(team(10));
    const big = designLine(team(5000));
    expect(big.length).toBeLessThan(2 * small.length);
    expect(big).toMatch(/4,996 more groups \(4,996 link workers; every group is in scenario\.json\)/);
    expect(designLine(team(3))).not.toMatch(/more groups/);
  });

  it('the assumptions table lists the first groups and says where the others are', () => {
    const rows = assumptionRows(team(5000));
    const perGroup = rows.filter((r) => /^workers\[\d+\]\.count$/.test(r.path));
    expect(perGroup.length).toBe(GROUPS_IN_TABLES);
    expect(rows.some((r) => r.path === `workers[${GROUPS_IN_TABLES}…4999]` && /4,980 more groups/.test(r.value))).toBe(true);
  });
});
