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
import { csvRow } from '../experiment/csv.js';
import { finiteOrNull, type Hinge, type MetricUncertainty, type UncertaintyOutcome } from '../experiment/uncertainty.js';
import { planHingeSentences, planMetSentence } from '../report/uncertainty-words.js';
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
  /**
   * The assumptions the target metric's draw means follow most clearly (squared Spearman correlation,
   * clear at the 5 % level with Bonferroni's correction; at most three; the same rule as run's).
   */
  hingesOn: Hinge[];
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
        hingesOn: m.hingesOn.filter((h) => h.clear).slice(0, 3),
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

/** The met shares in one sentence, then what each target hinges on (the report says the same). */
export function planUncertaintyText(u: PlanUncertainty | null): string {
  if (!u) return 'No design was chosen, so there is nothing to test under the assumptions’ uncertainty.';
  return [planMetSentence(u.draws, u.replicationsPerDraw, u.targets), ...planHingeSentences(u.draws, u.outcome.parameters.length, u.targets)].join('\n');
}

/**
 * plan's uncertainty.csv, tidy and snake_case like run's: one row per target of the chosen design,
 * with the share of draws in which it is met, the estimate and its intervals (noise; noise and
 * assumptions) and the share of the variance from the assumptions. Empty but for its header when
 * no design was chosen.
 */
export function planUncertaintyCsv(u: PlanUncertainty | null): string {
  const n = (x: number | null) => (x === null ? '' : x);
  const rows = [csvRow(['target', 'metric', 'met_share', 'mean', 'ci_low', 'ci_high', 'ci_total_low', 'ci_total_high', 'assumption_share'])];
  for (const t of u?.targets ?? [])
    rows.push(csvRow([t.target, t.metric, n(t.metShare), n(t.mean), n(t.ci95[0]), n(t.ci95[1]), n(t.ci95Total[0]), n(t.ci95Total[1]), n(t.assumptionShare)]));
  return rows.join('');
}
