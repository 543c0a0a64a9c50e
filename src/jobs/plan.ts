/**
 * Running a plan on the job pipeline: the planner's search (experiment/plan-search.ts) asks for
 * replications of candidate designs round by round, and a runner (this thread, worker threads or
 * the page's Web Workers) simulates them. Replication r of every candidate draws from the same
 * streams (common random numbers), so the outcome is the same whatever runs it.
 */
import type { Door } from '../messages.js';
import type { ReplicationResult } from '../model/index.js';
import type { PlanContext } from '../experiment/plan-context.js';
import { chosenScenarioText } from '../experiment/plan-scenario.js';
import type { Plan } from '../experiment/plan-schema.js';
import { type SearchOutcome, searchPlan, type SimulationRequest } from '../experiment/plan-search.js';
import { scenarioForPoint } from '../experiment/point-runner.js';
import type { Scenario } from '../scenario/schema.js';
import type { ReplicationRunner, ReplicationTask } from './runner.js';
import type { JobProgress } from './types.js';

export interface PlanResult {
  kind: 'plan';
  plan: Plan;
  context: PlanContext;
  outcome: SearchOutcome;
  /** The chosen design as a scenario file's text, or null. */
  chosenScenario: string | null;
  door: Door;
  /** Wall-clock seconds the search took. */
  seconds: number;
}

export async function simulatePlan(plan: Plan, context: PlanContext, runner: ReplicationRunner, door: Door, onProgress?: JobProgress): Promise<PlanResult> {
  const started = performance.now();
  const scenarios = new Map<number, Scenario>();
  const scenarioOf = (r: SimulationRequest) => {
    let s = scenarios.get(r.candidate);
    if (!s) {
      s = scenarioForPoint({ ...context.point, metrics: [] }, r.values);
      scenarios.set(r.candidate, s);
    }
    return s;
  };
  let simulated = 0;
  const outcome = await searchPlan(context.search, async (requests, stage) => {
    const variants = requests.map(scenarioOf);
    const tasks: ReplicationTask[] = [];
    requests.forEach((r, v) => {
      for (let rep = r.from; rep < r.to; rep++) tasks.push({ variant: v, replication: rep });
    });
    const before = simulated;
    const results = await runner.run(variants, context.settings, tasks, (done, total) => onProgress?.(done, total, `${stage} (${before} replications so far)`));
    simulated += results.length;
    // Only what the planner reads is kept: memory is the waits' counts, not whole results.
    const out: Array<Array<Pick<ReplicationResult, 'metrics' | 'waitCounts' | 'exposure'>>> = requests.map(() => []);
    tasks.forEach((t, i) => {
      const { metrics, waitCounts, exposure } = results[i];
      out[t.variant].push({ metrics, waitCounts, exposure });
    });
    return out;
  });
  let chosenScenario: string | null = null;
  if (outcome.chosen) {
    const c = outcome.chosen;
    const baseName = (context.base.raw as { name?: unknown })?.name;
    const name = `${typeof baseName === 'string' ? baseName : 'scenario'}-${plan.name}`;
    const settings = context.settings;
    chosenScenario = chosenScenarioText({
      baseText: context.base.text,
      name,
      paths: context.point.paths,
      values: c.values,
      run: { years: Number((settings.horizonDays / 365.25).toPrecision(12)), warmupDays: settings.warmupDays, seed: settings.seed },
      header: [
        `Chosen by \`goldilocks plan\` (plan ${plan.name}) from its base scenario ${plan.base}:`,
        ...context.point.paths.map((p, j) => `  ${p}: ${String(c.values[j])}`),
        `Shown to meet, each with ${plan.confidence * 100} % one-sided confidence, over ${c.replications} replications:`,
        ...c.targets.map((t) => `  ${t.target}: ${fmt(t.mean)} [${fmt(t.ci95[0])}, ${fmt(t.ci95[1])}]`),
        ...outcome.method.filter((m) => m.startsWith('selection')),
      ],
      note: `Chosen by goldilocks plan ${plan.name}: ${context.point.paths.map((p, j) => `${p} = ${String(c.values[j])}`).join(', ')}.`,
    });
  }
  return { kind: 'plan', plan, context, outcome, chosenScenario, door, seconds: (performance.now() - started) / 1000 };
}

function fmt(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : '–';
}
