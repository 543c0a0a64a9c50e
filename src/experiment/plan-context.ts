/**
 * What the planner needs of a plan besides the plan itself: the base scenario (as written, to
 * build each candidate from it and to write the chosen design as a scenario file), the run
 * settings, and the search's settings. Pure (no file access): the CLI, the library and the page
 * build it from their own inputs.
 */
import type { Scenario } from '../scenario/schema.js';
import type { PointContext } from './point-runner.js';
import { factorValues, objectiveOf, type Plan } from './plan-schema.js';
import type { SearchSettings } from './plan-search.js';
import type { RunSettings } from './replications.js';

export interface PlanBase {
  /** The base scenario as parsed, before validation. */
  raw: unknown;
  /** The file, or `<object>` / `<text>`. */
  label: string;
  /** Its YAML or JSON text, for the chosen design's scenario file (comments kept). */
  text: string;
  /** sha256 of the validated scenario. */
  hash: string;
  /** The validated base (library and page; the file reader validates it itself). */
  scenario?: Scenario;
}

export interface PlanContext {
  base: PlanBase;
  settings: RunSettings;
  /** How a candidate's scenario is built (the sweep's point builder). */
  point: Omit<PointContext, 'metrics'>;
  search: SearchSettings;
}

export function planContext(plan: Plan, base: PlanBase, settings: RunSettings): PlanContext {
  return {
    base,
    settings,
    point: { baseRaw: base.raw, baseLabel: base.label, paths: plan.factors.map((f) => f.path), settings },
    search: {
      factors: plan.factors.map((f) => ({ path: f.path, values: factorValues(f), monotone: f.monotone })),
      targets: plan.targets,
      objective: objectiveOf(plan),
      confidence: plan.confidence,
      indifference: plan.indifference,
      replications: plan.replications,
      maxReplications: plan.maxReplications,
    },
  };
}
