/**
 * `plan --uncertainty N`: the plan chooses its design as before (the search is unchanged); then
 * the chosen design runs under N draws of the assumptions (src/jobs/uncertainty.ts), its start
 * replications in each draw, and each target says in what share of the draws the chosen design
 * meets it (on the draw's mean), with the targets' metrics' intervals split into noise and
 * assumptions. Read from the plan's document, so the CLI and the library share it.
 */
import type { MetricId } from '../model/index.js';
import type { PlanDocument } from '../experiment/plan-output.js';
import { parseTarget } from '../experiment/plan-schema.js';
import { finiteOrNull, type MetricUncertainty, type UncertaintyOutcome } from '../experiment/uncertainty.js';
import { parseScenarioText } from '../scenario/parse.js';
import { checkJob } from './check.js';
import { designOf } from './designs.js';
import type { ReplicationRunner } from './runner.js';
import { simulateJob } from './simulate.js';
import type { JobProgress } from './types.js';
import { simulateUncertainty } from './uncertainty.js';

export interface PlanTargetUncertainty {
  target: string;
  metric: MetricId;
  /** Share of the draws in which the chosen design's mean meets the target. */
  metShare: number | null;
  mean: number | null;
  ci95: [number | null, number | null];
  ci95Total: [number | null, number | null];
  assumptionShare: number | null;
}

export interface PlanUncertainty {
  draws: number;
  replicationsPerDraw: number;
  targets: PlanTargetUncertainty[];
  outcome: UncertaintyOutcome;
}

/** The chosen design of a plan document under N draws (null when the plan chose none). */
export async function planUncertainty(doc: PlanDocument, draws: number, runner: ReplicationRunner, onProgress?: JobProgress): Promise<PlanUncertainty | null> {
  if (!doc.chosen?.scenario) return null;
  const scenario = parseScenarioText(doc.chosen.scenario, 'chosen.yaml');
  const s = doc.settings;
  const job = checkJob({
    kind: 'run',
    designs: [designOf(scenario, 'chosen.yaml')],
    options: { replications: Math.max(2, s.startReplications), seed: s.seed, years: s.years, warmupDays: s.warmupDays },
    door: 'library',
  });
  const result = await simulateJob(job, runner);
  if (result.kind !== 'run') return null;
  // The plan's factors are its decisions: held at the chosen design's values, never drawn.
  const outcome = await simulateUncertainty(
    result,
    draws,
    runner,
    onProgress,
    doc.factors.map((f) => f.path),
  );
  const u = outcome.groups[0].metrics as Record<MetricId, MetricUncertainty>;
  const targets = doc.targets.flatMap((text) => {
    const t = parseTarget(text);
    if ('problem' in t) return [];
    const m = u[t.metric];
    const means = m.drawMeans.filter(Number.isFinite);
    const met = means.filter((x) => (t.comparator === '>=' ? x >= t.value : x <= t.value)).length;
    const plain = result.results.metrics[t.metric];
    return [
      {
        target: text,
        metric: t.metric,
        metShare: means.length ? met / means.length : null,
        mean: finiteOrNull(plain.mean),
        ci95: [finiteOrNull(plain.ci95[0]), finiteOrNull(plain.ci95[1])] as [number | null, number | null],
        ci95Total: [finiteOrNull(m.ci95Total[0]), finiteOrNull(m.ci95Total[1])] as [number | null, number | null],
        assumptionShare: finiteOrNull(m.assumptionShare),
      },
    ];
  });
  return { draws, replicationsPerDraw: outcome.replicationsPerDraw, targets, outcome };
}

/** The plan document with its `uncertainty` block (the plain fields unchanged). */
export function planDocumentWithUncertainty<D extends object>(doc: D, u: PlanUncertainty | null): D & { uncertainty: unknown } {
  return {
    ...doc,
    uncertainty: u
      ? {
          draws: u.draws,
          replicationsPerDraw: u.replicationsPerDraw,
          design: `the chosen design under a Latin hypercube of ${u.draws} draws of the assumptions, ${u.replicationsPerDraw} replications each (docs/model.md §11b); the search itself is unchanged`,
          targets: u.targets,
          parameters: u.outcome.parameters,
          held: u.outcome.held,
        }
      : null,
  };
}

/** "Under the assumptions' uncertainty (32 draws): seenWithin28DaysShare >= 0.9 met in 81 % of the draws; …". */
export function planUncertaintyText(u: PlanUncertainty | null): string {
  if (!u) return 'No design was chosen, so there is nothing to test under the assumptions’ uncertainty.';
  const pct = (x: number | null) => (x === null ? '–' : `${Math.round(100 * x)} %`);
  return `Under the assumptions' uncertainty (${u.draws} draws, ${u.replicationsPerDraw} replications each), the chosen design meets ${u.targets
    .map((t) => `${t.target} in ${pct(t.metShare)} of the draws`)
    .join('; ')} (on each draw's mean).`;
}
