/**
 * Reading a sweep file: the sweep, its base scenario and its plan, every factor value checked
 * against the base before any point runs. Apart from the runner (sweep.ts), so that `validate`
 * loads the schemas, not the pool and the writers.
 *
 * Validation costs what the file costs: the factor values are checked by sweep-check.ts (each
 * distinct value once against its part of the scenario, a bounded sample against the whole),
 * and at most MAX_PROBLEMS_SHOWN problems are described, the rest counted.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { METRIC_IDS, type MetricId } from '../model/metrics.js';
import { formatProblems, groupThousands, InputError, MAX_PROBLEMS_SHOWN } from '../scenario/errors.js';
import { hashOf, type LoadedScenario, loadAndValidate, parseYamlFile } from '../scenario/load.js';
import { wrongKindMessage } from './file-kind.js';
import { loadScenario } from './load.js';
import type { PointContext } from './point-runner.js';
import { type RunSettings, runSettings } from './replications.js';
import { checkFactorValues } from './sweep-check.js';
import { planProblems, planSweep, type SweepPlan } from './sweep-points.js';
import { type Sweep, SweepSchema } from './sweep-schema.js';

export interface LoadedSweep {
  sweep: Sweep;
  file: string;
  hash: string;
  base: LoadedScenario;
  context: PointContext;
  plan: SweepPlan;
}

/** An InputError whose problems stop at MAX_PROBLEMS_SHOWN, with the count of those not described. */
export interface TruncatedInputError extends InputError {
  omittedProblems: number;
}

/** The line that says how many problems were found but not described. */
export function omittedLine(n: number): string {
  return `… and ${groupThousands(n)} more problem${n > 1 ? 's' : ''} (fix the ones above first)`;
}

function withOmitted(err: InputError, omitted: number): TruncatedInputError {
  const e = new InputError(err.file, err.problems, err.hint) as TruncatedInputError;
  e.message = `${formatProblems(err.file, err.problems, '')}${omittedLine(omitted)}\n${err.hint}`;
  e.omittedProblems = omitted;
  return e;
}

export function loadSweep(file: string): LoadedSweep {
  let base: LoadedScenario | null = null;
  let context: PointContext | null = null;
  let omitted = 0;
  // Factor values are checked against the base scenario here, so that a bad value is reported
  // with the sweep file's line before any point runs.
  let sweep: Sweep;
  try {
    sweep = loadAndValidate(
      file,
      SweepSchema,
      [],
      (s) => s,
      file,
      (s) => {
        const baseFile = resolve(dirname(file), s.base);
        // A base that is not there is a mistake in this file's `base:` field, reported at its line.
        if (!existsSync(baseFile))
          return [
            {
              path: ['base'],
              message: `${s.base} not found (resolved against the folder of this file: ${baseFile}); base names the scenario file to start from, e.g. base: default.yaml`,
            },
          ];
        base = loadScenario(baseFile);
        const baseRaw = parseYamlFile(baseFile); // the scenario loader's reader: same alias limits and errors
        const settings = runSettings(base.scenario, { seed: s.seed, replications: s.replications, years: s.years, warmupDays: s.warmupDays });
        // Plans too big to finish or to hold in memory are refused before anything is drawn.
        const problems: Array<{ path: (string | number)[]; message: string }> = planProblems(s);
        if (settings.warmupDays >= settings.horizonDays) {
          const field = s.warmupDays !== undefined || s.years === undefined ? 'warmupDays' : 'years';
          problems.push({
            path: [field],
            message: `warm-up (${settings.warmupDays} days) must be shorter than the horizon (${Math.round(settings.horizonDays * 100) / 100} days); lower warmupDays or raise years (here or in the base scenario's run: section)`,
          });
        }
        const ctx = contextOf(s, baseRaw, baseFile, settings);
        context = ctx;
        const factors = checkFactorValues(s.factors, ctx, Math.max(0, MAX_PROBLEMS_SHOWN - problems.length));
        omitted = factors.omitted;
        return [...problems, ...factors.problems];
      },
    );
  } catch (err) {
    const wrong = err instanceof InputError ? wrongKindMessage(file, 'sweep') : null;
    if (wrong) throw new InputError(file, [{ path: '', message: wrong }], err instanceof InputError ? err.hint : undefined);
    if (err instanceof InputError && omitted > 0) throw withOmitted(err, omitted);
    throw err;
  }
  const loadedBase = base as unknown as LoadedScenario;
  return { sweep, file, hash: hashOf({ sweep, base: loadedBase.hash }), base: loadedBase, context: context!, plan: planSweep(sweep) };
}

function contextOf(s: Sweep, baseRaw: unknown, baseFile: string, settings: RunSettings): PointContext {
  const metrics: MetricId[] = s.metrics ?? [...METRIC_IDS];
  return { baseRaw, baseLabel: baseFile, paths: s.factors.map((f) => f.path), settings, metrics };
}
