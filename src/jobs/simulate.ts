/**
 * Simulating a checked job: its replications (of each design, or of each dial level) are listed
 * as tasks and handed to a runner, then assembled into the one typed result. The assembly is the
 * experiment layer's (summaries, paired differences, the just-right zone); this file only decides
 * which replications a job needs.
 */
import type { ReplicationResult } from '../model/index.js';
import { summariseMetrics, type RunSettings, type ScenarioResults } from '../experiment/replications.js';
import { compareResults } from '../experiment/compare.js';
import { atDiscretion, dialLevels, explorationOf } from '../experiment/explore.js';
import { pilotCount, pilotSettings, precisionCheck, warmupFromPilots, type PrecisionOutcome } from '../experiment/auto.js';
import { checkWindow } from './check.js';
import { tasksFor, type ReplicationRunner } from './runner.js';
import type { CheckedJob, JobProgress, JobResult, RunChoices } from './types.js';

function results(settings: RunSettings, replications: ReplicationResult[]): ScenarioResults {
  return { settings, replications, metrics: summariseMetrics(replications) };
}

/** Run a checked job's replications on `runner` and assemble its result. */
export async function simulateJob(job: CheckedJob, runner: ReplicationRunner, onProgress?: JobProgress): Promise<JobResult> {
  const settings: RunSettings = { ...job.settings };
  const progress = (stage: string) => (done: number, total: number) => onProgress?.(done, total, stage);
  const choices: RunChoices = {};
  const warnings: string[] = [];

  if (job.kind === 'run') {
    const scenario = job.designs[0].scenario;
    if (job.autoWarmup) {
      const pilots = await runner.run(
        [scenario],
        settings,
        tasksFor(1, pilotCount(settings), pilotSettings(settings)),
        progress('pilot replications (MSER-5 warm-up)'),
      );
      const choice = warmupFromPilots(pilots);
      settings.warmupDays = choice.warmupDays;
      Object.assign(choices, {
        warmupMethod: choice.method,
        warmupWeeks: choice.warmupWeeks,
        warmupRunTooShort: choice.tooShort,
        warmupWeeksBySeries: choice.bySeries,
        stillTrending: choice.trending,
      });
      if (choice.tooShort)
        warnings.push(`MSER-5 cut ${choice.warmupWeeks} weeks, close to half the run: the run may be too short for a steady state; try a longer run.`);
      if (choice.trending.length > 0)
        warnings.push(
          `${choice.trending.join(', ')} still trending at the end of the run (after a warm-up of ${choice.warmupWeeks} weeks): the service may not reach a steady state (demand above capacity?) or the run is too short; try a longer run, and read means as averages over a changing service.`,
        );
      checkWindow(settings, job.designs[0].label, job.door);
    }
    if (job.precision) {
      const outcome = await untilPrecise(job, settings, runner, onProgress);
      const p = job.precision;
      Object.assign(choices, {
        replicationsMethod: `added until the 95 % CI half-width of ${p.metrics.join(', ')} was within ${p.precision * 100} % of the mean (max ${p.maxReplications})`,
        precisionReached: outcome.converged,
        relativeHalfWidths: outcome.achieved,
      });
      return { kind: 'run', job, results: outcome.results, choices, warnings };
    }
    const reps = await runner.run([scenario], settings, tasksFor(1, settings.replications), progress('replications'));
    return { kind: 'run', job, results: results(settings, reps), choices, warnings };
  }

  if (job.kind === 'compare') {
    const n = settings.replications;
    const reps = await runner.run(
      job.designs.map((d) => d.scenario),
      settings,
      tasksFor(job.designs.length, n),
      progress(`replications of ${job.designs.length} designs`),
    );
    const runs = job.designs.map((d, i) => ({ scenario: d.name, results: results(settings, reps.slice(i * n, (i + 1) * n)) }));
    return { kind: 'compare', job, comparison: compareResults(runs, settings, job.thresholds), choices, warnings };
  }

  const scenario = job.designs[0].scenario;
  const dial = dialLevels(job.steps);
  const n = settings.replications;
  const reps = await runner.run(
    dial.map((discretion) => atDiscretion(scenario, discretion)),
    settings,
    tasksFor(dial.length, n),
    progress(`replications of ${dial.length} dial levels`),
  );
  const levels = dial.map((discretion, i) => ({ discretion, results: results(settings, reps.slice(i * n, (i + 1) * n)) }));
  return { kind: 'explore', job, exploration: explorationOf(scenario, settings, levels), choices, warnings };
}

/** Replications in batches of the runner's width until the precision target is met: the same count and numbers as one at a time. */
async function untilPrecise(job: CheckedJob, settings: RunSettings, runner: ReplicationRunner, onProgress?: JobProgress): Promise<PrecisionOutcome> {
  const p = job.precision!;
  const target = { precision: p.precision, metrics: p.metrics, minReplications: 5, maxReplications: p.maxReplications };
  const scenario = job.designs[0].scenario;
  const reps: ReplicationResult[] = [];
  for (;;) {
    const batch = Math.max(1, Math.min(runner.workers, p.maxReplications - reps.length));
    const tasks = Array.from({ length: batch }, (_, k) => ({ variant: 0, replication: reps.length + k }));
    const done = reps.length;
    reps.push(...(await runner.run([scenario], settings, tasks, (d) => onProgress?.(done + d, p.maxReplications, 'replications (until precision)'))));
    for (let k = done + 1; k <= reps.length; k++) {
      const outcome = precisionCheck(reps.slice(0, k), settings, target);
      if (outcome) return outcome;
    }
  }
}
