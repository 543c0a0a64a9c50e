// test-suite: slow (an exhaustive sweep of 15 designs × 60 replications of the default service, 10 to 25 s on 2 cores)
/**
 * `goldilocks plan` against brute force on a small grid of the default scenario: the session cap
 * (4, 6, open) × WTE on the standard rota (1 to 3 in steps of 0.5), 15 designs. The exhaustive
 * evaluation simulates every design 60 times and calls a design feasible when every target's
 * two-sided 95 % interval lies on the target's side; the plan (WTE monotone, by bisection) must
 * choose the same least-cost design with a fraction of the replications, with bisection and
 * without it (every design tested sequentially).
 *
 * Targets: needMetShare >= 0.7, overloadIndex <= 1, seenWithin28DaysShare >= 0.8. Only the open
 * cap reaches 70 % of needs met (a cap ends courses early), and it needs 2 WTE to keep overload
 * below 1 (1.5 WTE overloads the workers by about 40 %). The answer is not on a knife edge: the
 * test asserts that every design's verdict in the exhaustive evaluation is clear (each target's
 * interval entirely on one side of it), and that the cheapest feasible design is unique at its
 * cost (caps cost nothing, so designs with equal WTE tie on cost unless feasibility separates
 * them).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { defaultWorkers, threadRunner } from '../../src/jobs/node/thread-runner.js';
import { loadScenario } from '../../src/experiment/load.js';
import { planContext } from '../../src/experiment/plan-context.js';
import { type PlanInput, PlanSchema } from '../../src/experiment/plan-schema.js';
import { scenarioForPoint } from '../../src/experiment/point-runner.js';
import { runSettings, summariseMetric } from '../../src/experiment/replications.js';
import { parseYamlFile, readInputText } from '../../src/scenario/load.js';
import { simulatePlan } from '../../src/jobs/plan.js';
import { tasksFor } from '../../src/jobs/runner.js';
import type { SweepValue } from '../../src/experiment/sweep-schema.js';

const FILE = new URL('../../scenarios/default.yaml', import.meta.url).pathname;
const BRUTE_REPLICATIONS = 60;
const CAPS: SweepValue[] = [4, 6, 'open'];
const WTE = [1, 1.5, 2, 2.5, 3];
const TARGETS = ['needMetShare >= 0.7', 'overloadIndex <= 1', 'seenWithin28DaysShare >= 0.8'];

describe('plan agrees with an exhaustive evaluation of a small grid of the default service', () => {
  const runner = threadRunner(defaultWorkers());
  afterAll(() => runner.close());

  it('the same least-cost design (open cap, 2 WTE), with under half the replications', async () => {
    const loaded = loadScenario(FILE);
    const raw = parseYamlFile(FILE);
    const input: PlanInput = {
      name: 'brute',
      base: 'default.yaml',
      factors: [
        { path: 'policy.sessionCap', values: CAPS },
        { path: 'workers.0.count', range: { from: 1, to: 3, step: 0.5 }, monotone: true },
      ],
      targets: TARGETS,
      replications: 10,
      maxReplications: 80,
      years: 2,
    };
    const plan = PlanSchema.parse(input);
    const settings = runSettings(loaded.scenario, { seed: plan.seed, replications: plan.replications, years: plan.years });

    // Exhaustive: every design, 60 replications each.
    const point = { baseRaw: raw, baseLabel: FILE, paths: ['policy.sessionCap', 'workers.0.count'], settings, metrics: [] };
    const designs = CAPS.flatMap((cap) => WTE.map((w) => [cap, w] as SweepValue[]));
    const variants = designs.map((d) => scenarioForPoint(point, d));
    const results = await runner.run(variants, settings, tasksFor(designs.length, BRUTE_REPLICATIONS));
    const feasible: Array<{ design: SweepValue[]; cost: number }> = [];
    designs.forEach((design, v) => {
      const reps = results.slice(v * BRUTE_REPLICATIONS, (v + 1) * BRUTE_REPLICATIONS);
      const verdicts = TARGETS.map((text) => {
        const [metric, op, value] = text.split(' ') as [Parameters<typeof summariseMetric>[1], string, string];
        const s = summariseMetric(reps, metric);
        const [lo, hi] = op === '>=' ? [s.ci95[0] - Number(value), s.ci95[1] - Number(value)] : [Number(value) - s.ci95[1], Number(value) - s.ci95[0]];
        // Clear: the interval of the margin excludes 0.
        expect(lo > 0 || hi < 0, `${design.join(', ')}: ${text} is on a knife edge (${s.mean} [${s.ci95[0]}, ${s.ci95[1]}])`).toBe(true);
        return lo > 0;
      });
      if (verdicts.every(Boolean)) feasible.push({ design, cost: summariseMetric(reps, 'costPerYear').mean });
    });
    feasible.sort((a, b) => a.cost - b.cost);
    expect(feasible.length).toBeGreaterThan(1);
    expect(feasible[1].cost).toBeGreaterThan(feasible[0].cost);
    const best = feasible[0].design;
    expect(best).toEqual(['open', 2]);

    // The plan.
    const context = planContext(plan, { raw, label: FILE, text: readInputText(FILE), hash: loaded.hash }, settings);
    const { outcome } = await simulatePlan(plan, context, runner, 'library');
    expect(outcome.chosen?.values).toEqual(best);
    const brute = designs.length * BRUTE_REPLICATIONS;
    console.log(
      `brute force: ${brute} replications (${designs.length} designs × ${BRUTE_REPLICATIONS}); plan: ${outcome.replications} replications of ${outcome.candidates.length} designs (${((100 * outcome.replications) / brute).toFixed(1)} %)`,
    );
    expect(outcome.replications).toBeLessThan(0.5 * brute);

    // Without bisection (WTE not declared monotone) every design is tested, sequentially: the
    // same answer, still with a fraction of the replications.
    const flat = PlanSchema.parse({ ...input, factors: input.factors.map((f) => ({ ...f, monotone: false })) });
    const flatOutcome = (await simulatePlan(flat, planContext(flat, context.base, settings), runner, 'library')).outcome;
    expect(flatOutcome.chosen?.values).toEqual(best);
    expect(flatOutcome.candidates).toHaveLength(designs.length);
    console.log(
      `plan without bisection: ${flatOutcome.replications} replications of ${designs.length} designs (${((100 * flatOutcome.replications) / brute).toFixed(1)} %)`,
    );
    expect(flatOutcome.replications).toBeLessThan(0.5 * brute);
    console.log(outcome.candidates.map((c) => `${c.values.join(', ')}: ${c.status} after ${c.replications}`).join('; '));
  });
});
