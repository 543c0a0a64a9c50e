/**
 * Reading a sweep file: the sweep, its base scenario and its plan, every factor value checked
 * against the base before any point runs. Apart from the runner (sweep.ts), so that `validate`
 * loads the schemas, not the pool and the writers.
 */
import { dirname, resolve } from 'node:path';
import { METRIC_IDS, type MetricId } from '../model/metrics.js';
import { loadAndValidate, hashOf, parseYamlFile, type LoadedScenario } from '../scenario/load.js';
import { loadScenario } from './load.js';
import { runSettings, type RunSettings } from './replications.js';
import { scenarioForPoint, type PointContext } from './point-runner.js';
import { SweepSchema, type Sweep, type SweepValue } from './sweep-schema.js';
import { planProblems, planSweep, type SweepPlan } from './sweep-points.js';

export interface LoadedSweep {
  sweep: Sweep;
  file: string;
  hash: string;
  base: LoadedScenario;
  context: PointContext;
  plan: SweepPlan;
}

export function loadSweep(file: string): LoadedSweep {
  let base: LoadedScenario | null = null;
  let context: PointContext | null = null;
  // Factor values are checked against the base scenario here, so that a bad value is reported
  // with the sweep file's line before any point runs.
  const sweep = loadAndValidate(file, SweepSchema, [], (s) => s, file, (s) => {
    const baseFile = resolve(dirname(file), s.base);
    base = loadScenario(baseFile);
    const baseRaw = parseYamlFile(baseFile); // the scenario loader's reader: same alias limits and errors
    const settings = runSettings(base.scenario, { seed: s.seed, replications: s.replications, years: s.years, warmupDays: s.warmupDays });
    // Plans too big to finish or to hold in memory are refused before anything is drawn.
    const problems: Array<{ path: (string | number)[]; message: string }> = planProblems(s);
    if (settings.warmupDays >= settings.horizonDays) problems.push({ path: ['warmupDays'], message: 'warm-up must be shorter than the horizon' });
    const ctx = contextOf(s, baseRaw, baseFile, settings);
    context = ctx;
    s.factors.forEach((f, j) => {
      const probes: Array<[(string | number)[], SweepValue]> = f.values
        ? f.values.map((v, i) => [['factors', j, 'values', i], v])
        : [[['factors', j, 'range', 'from'], f.integer ? Math.round(f.range!.from) : f.range!.from], [['factors', j, 'range', 'to'], f.integer ? Math.round(f.range!.to) : f.range!.to]];
      for (const [path, value] of probes) {
        try {
          scenarioForPoint({ ...ctx, paths: [f.path] }, [value]);
        } catch (err) {
          const detail = (err as { problems?: Array<{ path: string; message: string }> }).problems?.map((p) => `${p.path}: ${p.message}`).join('; ') ?? String(err);
          problems.push({ path, message: `${f.path}=${String(value)} is not a valid scenario value (${detail})` });
        }
      }
    });
    return problems;
  });
  const loadedBase = base as unknown as LoadedScenario;
  return { sweep, file, hash: hashOf({ sweep, base: loadedBase.hash }), base: loadedBase, context: context!, plan: planSweep(sweep) };
}

function contextOf(s: Sweep, baseRaw: unknown, baseFile: string, settings: RunSettings): PointContext {
  const metrics: MetricId[] = s.metrics ?? [...METRIC_IDS];
  return { baseRaw, baseLabel: baseFile, paths: s.factors.map((f) => f.path), settings, metrics };
}

