/**
 * Reading a plan: the plan file (or a library caller's object) validated, its base scenario read,
 * and every factor value checked against the base before anything runs, as sweeps do
 * (./sweep-load.ts), so that a bad value is reported with the plan file's line.
 */
import { existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { METRIC_IDS } from '../model/metrics.js';
import { InputError, MAX_PROBLEMS_SHOWN } from '../scenario/errors.js';
import { hashOf, loadAndValidate, parseYamlFile, readInputText } from '../scenario/load.js';
import { wrongKindMessage } from './file-kind.js';
import { loadScenario } from './load.js';
import { type PlanContext, planContext } from './plan-context.js';
import { asSweepFactors, type Plan, PlanSchema } from './plan-schema.js';
import { runSettings } from './replications.js';
import { checkFactorValues } from './sweep-check.js';

export interface LoadedPlan {
  plan: Plan;
  file: string;
  /** sha256 of the plan and its base scenario as validated (changes when either does). */
  hash: string;
  /** sha256 of the plan file's text as written. */
  fileHash: string;
  context: PlanContext;
}

/** A plan file: validated, its base scenario loaded and its factor values checked. */
export function loadPlan(file: string): LoadedPlan {
  try {
    return readPlan(file);
  } catch (err) {
    const wrong = err instanceof InputError ? wrongKindMessage(file, 'plan') : null;
    if (wrong) throw new InputError(file, [{ path: '', message: wrong }], PLAN_HINT);
    // The plan file's own problems point at the plan's schema, not the scenario's.
    if (err instanceof InputError && err.file === file && err.problems.some((p) => p.line !== undefined || p.path !== ''))
      throw new InputError(err.file, err.problems, PLAN_HINT);
    throw err;
  }
}

/** What to do next after a problem in a plan file. */
export const PLAN_HINT = 'Run `goldilocks schema --plan` for every field of a plan file, or see scenarios/plan-wte.yaml and README.md, "Planning capacity".';

function readPlan(file: string): LoadedPlan {
  let context: PlanContext | null = null;
  const plan = loadAndValidate(
    file,
    PlanSchema,
    [],
    (p) => p,
    file,
    (p) => {
      const baseFile = resolve(dirname(file), p.base);
      // A base that is not there is a mistake in this file's `base:` field, reported at its line.
      if (!existsSync(baseFile))
        return [
          {
            path: ['base'],
            message: `${p.base} not found (resolved against the folder of this file: ${baseFile}); base names the scenario file to start from, e.g. base: default.yaml`,
          },
        ];
      const base = loadScenario(baseFile);
      const baseRaw = parseYamlFile(baseFile);
      const settings = runSettings(base.scenario, { seed: p.seed, replications: p.replications, years: p.years, warmupDays: p.warmupDays });
      const problems: Array<{ path: (string | number)[]; message: string }> = [];
      if (settings.warmupDays >= settings.horizonDays)
        problems.push({
          path: [p.warmupDays !== undefined || p.years === undefined ? 'warmupDays' : 'years'],
          message: `warm-up (${settings.warmupDays} days) must be shorter than the horizon (${Math.round(settings.horizonDays * 100) / 100} days); lower warmupDays or raise years (here or in the base scenario's run: section)`,
        });
      const ctx = planContext(p, { raw: baseRaw, label: baseFile, text: readInputText(baseFile), hash: base.hash, scenario: base.scenario }, settings);
      context = ctx;
      const factors = checkFactorValues(asSweepFactors(p), { ...ctx.point, metrics: [...METRIC_IDS] }, MAX_PROBLEMS_SHOWN);
      return [...problems, ...factors.problems];
    },
  );
  if (!context) throw new InputError(file, [{ path: '', message: 'the plan could not be read' }]);
  const ctx = context as PlanContext;
  return { plan, file, hash: hashOf({ plan, base: ctx.base.hash }), fileHash: createHash('sha256').update(readInputText(file)).digest('hex'), context: ctx };
}
