/**
 * Runners: replications give the same numbers whatever runs them and however many workers there
 * are, because replication r of a variant always draws from the same named streams and results
 * are put back in task order.
 */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/jobs/designs.js';
import { runSettings } from '../../src/experiment/replications.js';
import { inlineRunner, SharedProgress, tasksFor } from '../../src/jobs/runner.js';
import { straggler, threadRunner } from '../../src/jobs/node/thread-runner.js';

const scenario = parseScenario({
  name: 'runner',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
  workers: [{ count: 2 }],
  run: { years: 1, warmupDays: 60, replications: 5 },
});
const capped = { ...scenario, policy: { ...scenario.policy, sessionCap: 3 } };
const settings = runSettings(scenario);

describe('replication runners', () => {
  it('worker threads (2 and 3) return exactly what the inline runner returns, in task order', async () => {
    const tasks = tasksFor(2, 5);
    const inline = await inlineRunner.run([scenario, capped], settings, tasks);
    for (const workers of [2, 3]) {
      const runner = threadRunner(workers);
      try {
        const pooled = await runner.run([scenario, capped], settings, tasks);
        expect(JSON.stringify(pooled)).toBe(JSON.stringify(inline));
      } finally {
        await runner.close();
      }
    }
  }, 60_000);

  it('a pool is reused across runs of one job and gives the same numbers each time', async () => {
    const runner = threadRunner(2);
    try {
      const a = await runner.run([scenario], settings, tasksFor(1, 3));
      const b = await runner.run([capped, scenario], settings, tasksFor(2, 3));
      expect(JSON.stringify(b.slice(3))).toBe(JSON.stringify(a));
    } finally {
      await runner.close();
    }
  }, 60_000);

  it('progress ends at the task count and never goes back; within tasks it counts the running shares', async () => {
    const seen: number[] = [];
    await inlineRunner.run([scenario], settings, tasksFor(1, 3), (done) => seen.push(done));
    expect(seen.at(-1)).toBe(3);
    for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThanOrEqual(seen[i - 1]);
    const shared: number[] = [];
    const p = new SharedProgress(4, (done) => shared.push(done));
    p.share(0, 0.5);
    p.share(1, 0.25);
    p.finish(0);
    p.share(1, 0.75);
    expect(shared).toEqual([0.5, 0.75, 1, 1.75]);
  });
});

describe('stragglers: which task in flight on a thread this thread runs itself', () => {
  const none: unknown[] = new Array(10).fill(undefined);
  it('a cold thread (nothing back yet) whose head has run longer than 1.5 × our mean task: its queued task first, then its head', () => {
    const q = { ids: [3, 4], headSince: 0, done: 0, busy: 0 };
    // 100 ms into its first task, our tasks take 20 ms: head ≈ 100 ms to go, the queued one ≈ 300 ms.
    expect(straggler([q], none, new Set(), 20, 100)).toBe(4);
    expect(straggler([q], none, new Set([4]), 20, 100)).toBe(3);
    expect(straggler([q], none, new Set([3, 4]), 20, 100)).toBe(-1);
  });
  it('a thread as fast as this one, just started on its task, is left to finish it', () => {
    const q = { ids: [5], headSince: 95, done: 4, busy: 80 }; // 20 ms a task, 5 ms into this one
    expect(straggler([q], none, new Set(), 20, 100)).toBe(-1);
  });
  it('a task already back (run here, or by its thread) is never run again', () => {
    const q = { ids: [7], headSince: 0, done: 0, busy: 0 };
    const out = [...none];
    out[7] = {};
    expect(straggler([q], out, new Set(), 20, 100)).toBe(-1);
  });
  it('of two threads, the task expected back last', () => {
    const slow = { ids: [8], headSince: 0, done: 1, busy: 400 }; // 400 ms a task, 100 in: 300 to go
    const fast = { ids: [9], headSince: 0, done: 1, busy: 200 }; // 100 to go
    expect(straggler([fast, slow], none, new Set(), 20, 100)).toBe(8);
  });
});
