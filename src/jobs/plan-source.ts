/**
 * A plan without files, for the library and the explorer page: the plan as an object or its
 * YAML/JSON text, with `base` the base scenario itself (an object, or its YAML/JSON text) instead
 * of a file name. Validated with the plan file's rules (PlanSchema, through the same text pipeline
 * as every input, so problems name the field path and line), the base with the scenario's rules,
 * and every factor value checked against the base before anything runs, with the messages of
 * `goldilocks plan` (experiment/plan-load.ts). Pure: imports nothing from `node:`.
 */
import { stringify } from 'yaml';
import { type PlanContext, planContext } from '../experiment/plan-context.js';
import { asSweepFactors, type Plan, type PlanInput, PlanSchema } from '../experiment/plan-schema.js';
import { runSettings } from '../experiment/replications.js';
import { checkFactorValues } from '../experiment/sweep-check.js';
import { type Door, HINTS } from '../messages.js';
import { METRIC_IDS } from '../model/metrics.js';
import { InputError, MAX_PROBLEMS_SHOWN } from '../scenario/errors.js';
import { canonicalJson, parseYamlText, validateText } from '../scenario/parse.js';
import { optionProblem } from '../scenario/run-options.js';
import type { Scenario } from '../scenario/schema.js';
import { OptionError } from './check.js';
import { parseScenario, type ScenarioSource } from './designs.js';
import { estimateJob, PARALLEL_MIN_SECONDS } from './estimate.js';
import { sha256Hex } from './hash.js';
import { inlineRunner, type ReplicationRunner } from './runner.js';

/** A plan as a plan file has it, but with `base` the scenario itself (object or YAML/JSON text). */
/** What to read when a plan given to the library or the page is refused (the file reader's hint names files). */
const LIBRARY_PLAN_HINT =
  'A plan has the fields of a plan file (README, "Planning capacity"; `goldilocks schema --plan` prints their JSON Schema), with base the scenario itself.';

export type PlanSpec = Omit<PlanInput, 'base'> & { base: ScenarioSource };
/** A plan object, or a plan's YAML/JSON text (its `base:` a mapping or a block of scenario text). */
export type PlanSource = PlanSpec | string;

export interface PlanSourceOptions {
  /** The plan's name in messages (default `<plan text>` / `<plan object>`). */
  label?: string;
  /** The base scenario's name in the document's `base` field and the chosen design's header (default `<text>` / `<object>`). */
  baseLabel?: string;
}

export interface CheckedPlan {
  plan: Plan;
  context: PlanContext;
  label: string;
}

/** Stands in for the base while the plan's own fields are validated (the base is checked as a scenario). */
const PLACEHOLDER = '<base>';

const BASE_HINT = 'Give `base` as the base scenario itself: an object (as in a scenario file) or its YAML/JSON text; the library and the page read no files.';

/** A single line with no ":" or "{": a file name, not scenario text. */
const looksLikeFileName = (s: string) => !/[\n:{]/.test(s.trim());

/** Validate a plan given as an object or text; throws InputError with every problem found. */
export function checkPlanSource(source: PlanSource, options: PlanSourceOptions = {}): CheckedPlan {
  const label = options.label ?? (typeof source === 'string' ? '<plan text>' : '<plan object>');
  if (source === null || (typeof source !== 'string' && typeof source !== 'object') || Array.isArray(source)) {
    throw new InputError(
      label,
      [
        {
          path: '',
          message: `a plan is an object (as in a plan file) or its YAML/JSON text; got ${source === null ? 'null' : Array.isArray(source) ? 'a list' : typeof source}`,
        },
      ],
      'Pass a plan object, e.g. { name, base, factors, targets }, or the text of a plan file (see scenarios/plan-wte.yaml).',
    );
  }
  const text = typeof source === 'string' ? source : JSON.stringify(source);
  const { value } = parseYamlText(text, label);
  const given =
    value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, 'base') ? (value as { base: unknown }).base : undefined;
  const baseLabel = options.baseLabel ?? (typeof given === 'string' ? '<text>' : '<object>');

  let context: PlanContext | null = null;
  let plan: Plan;
  try {
    plan = validateText(text, label, PlanSchema, [`base=${PLACEHOLDER}`], check);
  } catch (err) {
    // The placeholder is ours, not the caller's: problems inside a base written in the plan are
    // placed by their lines, not said to come from it. An object has no lines (its JSON is one).
    const ours = (q: InputError['problems'][number]) => q.origin === `--set base=${PLACEHOLDER}`;
    if (err instanceof InputError && (typeof source !== 'string' || err.problems.some(ours)) && err.file === label)
      throw new InputError(
        err.file,
        err.problems.map(({ origin, line, ...q }) => ({
          ...q,
          ...(ours({ ...q, origin }) ? {} : { origin }),
          ...(typeof source === 'string' ? { line } : {}),
        })),
        LIBRARY_PLAN_HINT,
      );
    if (err instanceof InputError && err.file === label) throw new InputError(err.file, err.problems, LIBRARY_PLAN_HINT);
    throw err;
  }
  function check(p: Plan) {
    const problem = (message: string) => [{ path: ['base'] as (string | number)[], message }];
    if (given === undefined) return problem(`is missing: ${BASE_HINT.charAt(0).toLowerCase()}${BASE_HINT.slice(1)}`);
    if (given === null || (typeof given !== 'string' && typeof given !== 'object') || Array.isArray(given))
      return problem(
        `must be the base scenario, an object or its YAML/JSON text; got ${given === null ? 'null' : Array.isArray(given) ? 'a list' : typeof given}`,
      );
    if (typeof given === 'string' && looksLikeFileName(given))
      return problem(
        `"${given.trim().slice(0, 80)}" names a file; the library and the page read no files: give the base scenario itself (its YAML/JSON text, or an object)`,
      );
    let scenario: Scenario;
    try {
      scenario = parseScenario(given as ScenarioSource, { file: typeof given === 'string' ? `${label}: base` : label });
    } catch (err) {
      // A base written in the plan (a mapping): its problems at base.<field>, with the plan's lines.
      if (err instanceof InputError && typeof given !== 'string')
        return err.problems.map((q) => ({ path: ['base', ...(q.path ? q.path.split('.') : [])], message: q.message }));
      throw err;
    }
    const raw = typeof given === 'string' ? parseYamlText(given, `${label}: base`).value : given;
    const baseText = typeof given === 'string' ? given : stringify(given, { lineWidth: 0 });
    const settings = runSettings(scenario, { seed: p.seed, replications: p.replications, years: p.years, warmupDays: p.warmupDays });
    const problems: Array<{ path: (string | number)[]; message: string }> = [];
    // As experiment/plan-load.ts words it, so every door says the same.
    if (settings.warmupDays >= settings.horizonDays)
      problems.push({
        path: [p.warmupDays !== undefined || p.years === undefined ? 'warmupDays' : 'years'],
        message: `warm-up (${settings.warmupDays} days) must be shorter than the horizon (${Math.round(settings.horizonDays * 100) / 100} days); lower warmupDays or raise years (here or in the base scenario's run: section)`,
      });
    const ctx = planContext(p, { raw, label: baseLabel, text: baseText, hash: sha256Hex(canonicalJson(scenario)), scenario }, settings);
    context = ctx;
    const factors = checkFactorValues(asSweepFactors(p), { ...ctx.point, metrics: [...METRIC_IDS] }, MAX_PROBLEMS_SHOWN);
    return [...problems, ...factors.problems];
  }
  if (!context) throw new InputError(label, [{ path: 'base', message: 'the base scenario could not be read' }], BASE_HINT);
  const ctx = context as PlanContext;
  // The plan as written, with its base's label where the file name would be.
  return { plan: { ...plan, base: baseLabel }, context: ctx, label };
}

/** The options of `plan` (besides the plan): what each door may give. */
export interface PlanRunOptions {
  /** Threads (or the page's workers) to run replications on; the numbers are the same whatever the count. */
  workers?: number;
  /** One-sided confidence for each target and the probability of choosing the best, instead of the plan's. */
  confidence?: number;
}

const PLAN_OPTION_KEYS = ['workers', 'onProgress', 'confidence'];

/** The confidence option's problem, in the door's words (the CLI's --confidence says the same). */
export function confidenceProblem(value: unknown, door: Door): string | null {
  if (typeof value === 'number' && value >= 0.5 && value <= 0.999) return null;
  const name = door === 'cli' ? '--confidence' : door === 'page' ? 'the "Confidence" field' : 'option `confidence`';
  const shown =
    typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value;
  return `${name} must be a number from 0.5 to 0.999, e.g. 0.95 (one-sided, for each target); got ${shown}.`;
}

/** A plan's options checked as every other job's (unknown keys refused, bounds from run-options.ts). */
export function checkPlanOptions(options: unknown, door: Door): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options))
    throw new OptionError(['the options of plan must be an object, e.g. { workers: 2 }.'], HINTS.runOptions(door, 'plan'));
  const o = options as Record<string, unknown>;
  const problems: string[] = [];
  if (door === 'library')
    for (const k of Object.keys(o))
      if (!PLAN_OPTION_KEYS.includes(k)) problems.push(`unknown option \`${k}\` for plan; the options are ${PLAN_OPTION_KEYS.join(', ')}.`);
  if (o.workers !== undefined) {
    const p = optionProblem('workers', o.workers, door);
    if (p) problems.push(p);
  }
  if (o.confidence !== undefined) {
    const p = confidenceProblem(o.confidence, door);
    if (p) problems.push(p);
  }
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') problems.push('option `onProgress` must be a function (done, total, stage) => void.');
  if (problems.length) throw new OptionError(problems, HINTS.runOptions(door, 'plan'));
}

/** The plan with the confidence override applied (the search's too), as the CLI applies --confidence. */
export function withConfidence(checked: CheckedPlan, confidence: number | undefined): CheckedPlan {
  if (confidence === undefined) return checked;
  return {
    ...checked,
    plan: { ...checked.plan, confidence },
    context: { ...checked.context, search: { ...checked.context.search, confidence } },
  };
}

/**
 * The runner for a plan when no number of workers was asked for: each round of the search on
 * `parallel`, but a round too small to gain from more threads (estimated under
 * PARALLEL_MIN_SECONDS on one core, as autoWorkers decides for the other jobs) in this thread.
 * A plan runs many small rounds (10 replications of one design, then of another), where handing
 * tasks to workers costs more than it saves. The results are the same whichever runs a round.
 */
export function planRunner(parallel: ReplicationRunner): ReplicationRunner {
  if (parallel.workers <= 1) return parallel;
  return {
    workers: parallel.workers,
    run(variants, settings, tasks, onProgress) {
      const perReplication = variants.map((v) => estimateJob(v, { ...settings, replications: 1 }, 1, 1).seconds);
      let seconds = 0;
      for (const t of tasks) seconds += perReplication[t.variant];
      return (seconds < PARALLEL_MIN_SECONDS ? inlineRunner : parallel).run(variants, settings, tasks, onProgress);
    },
    close: () => parallel.close(),
  };
}
