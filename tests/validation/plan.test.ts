// test-suite: slow (the planner runs four M/M/c services of half a year of up to 40,000 patients a year each: about 7 s)
/**
 * Validation of `goldilocks plan` against queueing theory: for an M/M/c service expressed as a
 * scenario (tests/helpers.ts, mmcScenario: one exponential session of mean 60 minutes, Poisson
 * referrals, always-available workers, every other mechanism off), the least number of servers
 * the planner chooses for a target P(wait > t) <= α must be Erlang C's answer c*.
 *
 * The target is written on the pooled 90th percentile of waits, `waitP90Days <= t`, which is
 * P(W > t) <= 0.1 for a continuous wait distribution. Erlang C: P(W > t) = C(c, a)·e^(−(cμ − λ)t),
 * so the 90th percentile is 0 when C(c, a) <= 0.1 and ln(10·C(c, a))/(cμ − λ) otherwise.
 *
 * With t = 60 minutes the loads below are chosen so that the answer is decidable with the
 * replications used: at c* the theoretical 90th percentile is at most 36 minutes (well below t)
 * and at c* − 1 it is at least 89 minutes (well above t); the test asserts these margins, so a
 * change of loads that made the case a knife edge would fail here, not flake.
 */
import { describe, expect, it } from 'vitest';
import { erlangCWait, mmcScenario } from '../helpers.js';
import { planContext } from '../../src/experiment/plan-context.js';
import { PlanSchema } from '../../src/experiment/plan-schema.js';
import { runSettings } from '../../src/experiment/replications.js';
import { simulatePlan } from '../../src/jobs/plan.js';
import { inlineRunner } from '../../src/jobs/runner.js';
import { DAY } from '../../src/model/index.js';

const SERVICE = 60; // minutes
const T = 60; // minutes: the wait that at most 10 % may exceed

/** Erlang C's 90th percentile of the wait (minutes; Infinity when the queue is unstable). */
function erlangP90(c: number, lambda: number): number {
  if (lambda * SERVICE >= c) return Infinity;
  const probWait = erlangCWait(c, lambda, SERVICE) * (c / SERVICE - lambda);
  return probWait <= 0.1 ? 0 : Math.log(probWait / 0.1) / (c / SERVICE - lambda);
}

/** The least number of servers with P(W > T) <= 0.1. */
function erlangAnswer(lambda: number): number {
  let c = 1;
  while (erlangP90(c, lambda) > T) c++;
  return c;
}

async function planServers(load: number, seed: number) {
  const lambda = load / SERVICE;
  const base = mmcScenario(1, lambda, SERVICE, 1);
  const plan = PlanSchema.parse({
    name: 'mmc-servers',
    base: 'mmc',
    factors: [{ path: 'workers.0.count', range: { from: 1, to: 10, step: 1 }, monotone: true }],
    targets: [`waitP90Days <= ${T / DAY}`],
    confidence: 0.95,
    replications: 8,
    maxReplications: 32,
    seed,
  });
  const settings = runSettings(base, { seed, replications: plan.replications, years: 0.5, warmupDays: 30 });
  const context = planContext(plan, { raw: base, label: 'mmc', text: JSON.stringify(base), hash: 'mmc' }, settings);
  return simulatePlan(plan, context, inlineRunner, 'library');
}

describe('plan: the number of servers for P(wait > 1 hour) <= 10 % in an M/M/c service is Erlang C’s', () => {
  // Offered loads a = λ/μ and Erlang C's answers: 1.2 → 3, 2 → 4, 3 → 5, 5 → 7 servers.
  for (const load of [1.2, 2, 3, 5]) {
    const lambda = load / SERVICE;
    const cStar = erlangAnswer(lambda);
    it(`offered load ${load}: c* = ${cStar} (90th percentile wait ${erlangP90(cStar, lambda).toFixed(0)} min at c*, ${erlangP90(cStar - 1, lambda).toFixed(0)} at c* − 1, target ${T})`, async () => {
      // Decidable: the answer is not on a knife edge.
      expect(erlangP90(cStar, lambda)).toBeLessThanOrEqual(0.6 * T);
      expect(erlangP90(cStar - 1, lambda)).toBeGreaterThanOrEqual(1.45 * T);
      const result = await planServers(load, 11);
      const { outcome } = result;
      expect(outcome.reason).toBeNull();
      expect(outcome.chosen?.values).toEqual([cStar]);
      // c* − 1 was tried (bisection ends between a failure and a pass) and shown to miss.
      const below = outcome.candidates.find((c) => c.values[0] === cStar - 1);
      expect(below?.status).toBe('infeasible');
      // Bisection simulated fewer designs than the 10 on the grid.
      expect(outcome.candidates.length).toBeLessThan(outcome.gridSize);
      expect(outcome.warnings).toEqual([]);
      console.log(
        `M/M/c load ${load}: Erlang C c* = ${cStar}; plan chose ${String(outcome.chosen?.values[0])} after ${outcome.replications} replications of ${outcome.candidates.length} of ${outcome.gridSize} designs (${result.seconds.toFixed(1)} s)`,
      );
    });
  }
});
