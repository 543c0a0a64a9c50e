/**
 * The library's event log: simulate/compare with `eventLog` return the rows (docs/event-log.md)
 * beside the same document as without it, the same rows on one thread or two.
 */
import { describe, expect, it } from 'vitest';
import { compare, simulate } from '../../src/index.js';
import { EVENT_LOG_COLUMNS } from '../../src/model/index.js';

const small = {
  name: 'api',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
  workers: [{ count: 2 }],
  run: { years: 1, warmupDays: 60, replications: 3, startDate: '2025-01-06' },
};

describe('simulate({ eventLog })', () => {
  it('returns the rows beside the unchanged document, the same on 1 and 2 workers', async () => {
    const plain = await simulate(small, { workers: 1 });
    const one = await simulate(small, { workers: 1, eventLog: true });
    const two = await simulate(small, { workers: 2, eventLog: true });
    const { eventLog, ...doc } = one;
    expect(doc).toEqual(plain);
    expect(eventLog!.columns).toEqual([...EVENT_LOG_COLUMNS]);
    expect(eventLog!.warmupDays).toBe(60);
    expect(two.eventLog!.rows).toEqual(eventLog!.rows);
    expect(new Set(eventLog!.rows.map((r) => r.replication))).toEqual(new Set([0, 1, 2]));
    const first = eventLog!.rows[0];
    expect(first.date).toBe(new Date(Date.parse('2025-01-06') + Math.floor(first.day) * 86_400_000).toISOString().slice(0, 10));
    const some = await simulate(small, { workers: 1, eventLog: { sample: 0.2 } });
    expect(some.eventLog!.rows.length).toBeLessThan(eventLog!.rows.length);
  });

  it('compare puts the design on every row; a bad sample is refused', async () => {
    const b = { ...small, name: 'b', workers: [{ count: 3 }] };
    const doc = await compare([small, b], { workers: 1, replications: 2, eventLog: true });
    expect(new Set(doc.eventLog!.rows.map((r) => r.design))).toEqual(new Set(['api', 'b']));
    await expect(simulate(small, { eventLog: { sample: 2 } })).rejects.toThrow(/eventLog.sample must be a share/);
  });
});
