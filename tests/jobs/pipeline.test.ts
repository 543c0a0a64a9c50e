/**
 * The job pipeline: one checking step for every door, simulation on any runner with the same
 * bytes, and delivery that never loses the results to a chart that cannot be drawn.
 */
import { describe, expect, it } from 'vitest';
import { designOf } from '../../src/jobs/designs.js';
import { checkJob } from '../../src/jobs/check.js';
import { simulateJob } from '../../src/jobs/simulate.js';
import { deliver, jobDocument } from '../../src/jobs/outputs.js';
import { inlineRunner } from '../../src/jobs/runner.js';
import { threadRunner } from '../../src/jobs/node/thread-runner.js';
import { estimateJob, estimateLine } from '../../src/jobs/estimate.js';
import { toJson } from '../../src/experiment/csv.js';
import { runScenario } from '../../src/experiment/replications.js';
import { InputError } from '../../src/scenario/errors.js';
import type { JobKind } from '../../src/jobs/types.js';

const base = {
  name: 'pipe',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
  workers: [{ count: 2 }],
  run: { years: 1, warmupDays: 60, replications: 4 },
};
const design = designOf(base, 'pipe.yaml');
const other = designOf({ ...base, name: 'pipe-capped', policy: { sessionCap: 3 } }, 'capped.yaml');
const manifest = (m: unknown) => ({ m: JSON.parse(JSON.stringify(m, (k, v) => (k === 'wallSeconds' ? 0 : v))) });

async function documentOn(kind: JobKind, workers: number): Promise<string> {
  const job = checkJob({ kind, designs: kind === 'compare' ? [design, other] : [design], options: { steps: 3, workers }, door: 'library' });
  const runner = workers > 1 ? threadRunner(workers) : inlineRunner;
  try {
    return toJson(jobDocument(await simulateJob(job, runner)));
  } finally {
    await runner.close();
  }
}

describe('the job pipeline', () => {
  for (const kind of ['run', 'compare', 'explore'] as const) {
    it(`${kind}: the same document, byte for byte, on 1 and 2 workers`, async () => {
      expect(await documentOn(kind, 2)).toBe(await documentOn(kind, 1));
    }, 60_000);
  }

  it('checks options by the door: "--steps" for the CLI, option `steps` for the library, the field for the page', () => {
    const msg = (door: 'cli' | 'library' | 'page') => {
      try {
        checkJob({ kind: 'explore', designs: [design], options: { steps: 1 }, door });
      } catch (err) {
        expect(err).toBeInstanceOf(InputError);
        return (err as Error).message.split('\n')[0];
      }
      return 'accepted';
    };
    expect(msg('cli')).toBe('--steps must be a whole number from 2 to 101, e.g. 11; got 1.');
    expect(msg('library')).toBe('option `steps` must be a whole number from 2 to 101, e.g. 11; got 1.');
    expect(msg('page')).toBe('the "Dial levels" field must be a whole number from 2 to 101, e.g. 11; got 1.');
  });

  it('a chart that cannot be drawn is a warning; every result file is still delivered', async () => {
    const job = checkJob({ kind: 'run', designs: [design], options: {}, door: 'library' });
    const result = await simulateJob(job, inlineRunner);
    const put: string[] = [];
    const delivered = await deliver(
      result,
      { put: (f) => void put.push(f) },
      {
        manifest,
        wallSeconds: () => 0,
        renderer: {
          svg: async () => {
            throw new RangeError('Maximum call stack size exceeded');
          },
        },
      },
    );
    expect(put).toEqual(
      expect.arrayContaining(['summary.json', 'replications.csv', 'timeseries.csv', 'waits.csv', 'week.csv', 'manifest.json', 'scenario.json']),
    );
    expect(put.some((f) => f.startsWith('charts/'))).toBe(false);
    expect(delivered.warnings.length).toBeGreaterThan(0);
    expect(delivered.warnings[0]).toMatch(/^chart \S+ could not be drawn \(RangeError: Maximum call stack size exceeded\); the other results are written\.$/);
  });

  it('estimates a big job before it runs and says nothing of a small one', () => {
    const big = designOf({ ...base, referrals: { practices: [{ name: 'A', referralsPerMonth: 20_000 }] }, workers: [{ count: 5000 }] }).scenario;
    const settings = { seed: 1, replications: 2, horizonDays: 3652.5, warmupDays: 182 };
    const e = estimateJob(big, settings, 1, 2);
    // 20,000 a month × 120 months × 5.5 events, plus 5,000 posts × 522 weeks × 1 wake-up, plus the week ticks, per replication.
    expect(e.events).toBeCloseTo(2 * (20_000 * 120 * 5.5 + 5000 * 10 * 52.18 + 10 * 52.18), -3);
    expect(estimateLine(e, 2)).toMatch(
      /^about \d+ million events \(2 replications, 5,000 posts, 20,000 referrals a month\): roughly \d+ (s|minutes) on 2 workers\.$/,
    );
    expect(estimateLine(estimateJob(design.scenario, { seed: 1, replications: 4, horizonDays: 365.25, warmupDays: 60 }, 1, 2), 2)).toBeNull();
  });

  it('estimates the events a run simulates within a factor of 1.5, for a small and a larger team', () => {
    for (const count of [2, 20]) {
      const scenario = designOf({ ...base, workers: [{ count }] }).scenario;
      const settings = { seed: 1, replications: 2, horizonDays: 3 * 365.25, warmupDays: 60 };
      const measured = runScenario(scenario, settings).replications.reduce((n, r) => n + r.diagnostics.events, 0);
      const ratio = measured / estimateJob(scenario, settings, 1, 1).events;
      expect(ratio).toBeGreaterThan(1 / 1.5);
      expect(ratio).toBeLessThan(1.5);
    }
  });
});
