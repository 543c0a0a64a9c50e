/**
 * The one checking step of every job, whichever door it came through: option bounds (the one
 * table in scenario/run-options.ts), the observation window, the number of designs, dial steps,
 * thresholds and names. Messages name options as the door's user knows them (messages.ts), so the
 * library refuses exactly what the CLI refuses, with the same words.
 */
import { HINTS, optionName, commandPrefix, type Door, type RunOptionKey } from '../messages.js';
import { InputError } from '../scenario/errors.js';
import { optionProblem } from '../scenario/run-options.js';
import { runSettings, type RunSettings } from '../experiment/replications.js';
import { uniqueNames } from '../experiment/compare.js';
import { METRIC_BY_ID } from '../model/index.js';
import type { CheckedJob, JobKind, JobOptions, JobRequest } from './types.js';

/** Bad options (not a file's fields): one line each, then what to do. */
export class OptionError extends InputError {
  constructor(messages: string[], hint: string) {
    super(
      '',
      messages.map((message) => ({ path: '', message })),
      hint,
    );
    this.message = [...messages, hint].join('\n');
  }
}

export const DEFAULT_STEPS = 11;

/** MSER-5 (experiment/mser.ts) needs at least this many weekly values. */
export const MSER_MIN_WEEKS = 10;

/** The warm-up must leave an observation window; the message names the scenario and the door's options. */
export function checkWindow(settings: RunSettings, label: string, door: Door): void {
  if (settings.warmupDays >= settings.horizonDays) {
    throw new InputError(
      label,
      [{ path: 'run.warmupDays', message: `warm-up (${settings.warmupDays} days) must be shorter than the horizon (${settings.horizonDays.toFixed(0)} days)` }],
      HINTS.window(door),
    );
  }
}

/**
 * The options alone (no scenario needed): doors call it before reading any file, so a bad option
 * is reported first and at once. checkJob calls it too.
 */
export function checkOptions(kind: JobKind, o: JobOptions, door: Door, designCount?: number): void {
  const problems: string[] = [];
  const check = (key: RunOptionKey, value: unknown) => {
    if (value === undefined) return;
    const p = optionProblem(key, value, door);
    if (p) problems.push(p);
  };
  if (o.replications !== 'auto') check('replications', o.replications);
  else if (kind !== 'run') problems.push(`${optionName(door, 'replications')} "auto" is for run only; give a number for ${kind}.`);
  check('seed', o.seed);
  check('years', o.years);
  if (o.warmupDays !== 'auto') check('warmupDays', o.warmupDays);
  else if (kind !== 'run') problems.push(`${optionName(door, 'warmupDays')} "auto" is for run only; give a number of days for ${kind}.`);
  if (kind === 'explore') check('steps', o.steps);
  if (o.thresholds !== undefined) problems.push(...thresholdProblems(o.thresholds, door));
  check('workers', o.workers);
  if (o.precision) {
    if (!(o.precision.precision > 0 && o.precision.precision <= 1))
      problems.push(`the target precision must be a number above 0 and at most 1 (a relative half-width, e.g. 0.05); got ${String(o.precision.precision)}.`);
    const maxReps = optionProblem('replications', o.precision.maxReplications, door);
    if (maxReps) problems.push(`the most replications (${door === 'cli' ? '--max-reps' : 'maxReplications'}): ${maxReps.replace(/^.*? must/, 'must')}`);
    const unknown = o.precision.metrics.filter((id) => !Object.hasOwn(METRIC_BY_ID, id));
    if (unknown.length) problems.push(`unknown metric ${unknown.join(', ')} for the precision target.`);
  }
  if (designCount !== undefined && kind === 'compare' && designCount < 2) {
    problems.push(
      door === 'cli'
        ? `compare needs at least two scenario files, e.g. \`${commandPrefix()} compare a.yaml b.yaml\`.`
        : 'compare needs at least two scenarios (the first is the baseline).',
    );
  }
  if (designCount !== undefined && kind !== 'compare' && designCount !== 1) problems.push(`${kind} takes one scenario; got ${designCount}.`);
  if (problems.length) throw new OptionError(problems, HINTS.runOptions(door, kind));
}

/**
 * Thresholds as the library and the page give them (the CLI's --threshold text is parsed into the
 * same shape): own keys only, known metrics, { absolute: x } or { relative: x } with x ≥ 0.
 */
export function thresholdProblems(t: unknown, door: Door): string[] {
  const name = door === 'cli' ? '--threshold' : 'option `thresholds`';
  if (t === null || typeof t !== 'object' || Array.isArray(t))
    return [`${name} must be an object of metric → { absolute: x } or { relative: x }, e.g. { waitDays: { absolute: 2 } }.`];
  const out: string[] = [];
  for (const key of Object.keys(t)) {
    if (!Object.hasOwn(METRIC_BY_ID, key)) {
      out.push(`${name}: no metric ${JSON.stringify(key.slice(0, 60))}; the metrics are listed by \`metrics\` (e.g. waitDays, overloadIndex).`);
      continue;
    }
    const v = (t as Record<string, unknown>)[key];
    const ok =
      v !== null &&
      typeof v === 'object' &&
      Object.keys(v).length === 1 &&
      (['absolute', 'relative'] as const).some(
        (k) =>
          Object.hasOwn(v, k) &&
          typeof (v as Record<string, unknown>)[k] === 'number' &&
          Number.isFinite((v as Record<string, number>)[k]) &&
          (v as Record<string, number>)[k] >= 0,
      );
    if (!ok)
      out.push(
        `${name}: ${key} must be { absolute: x } (in the metric's unit) or { relative: x } (a share of the baseline mean), with x a number of at least 0.`,
      );
  }
  return out;
}

const OPTION_KEYS: Record<JobKind, readonly string[]> = {
  run: ['replications', 'seed', 'years', 'warmupDays', 'workers', 'onProgress', 'eventLog'],
  compare: ['replications', 'seed', 'years', 'warmupDays', 'workers', 'onProgress', 'thresholds', 'eventLog'],
  explore: ['replications', 'seed', 'years', 'warmupDays', 'workers', 'onProgress', 'steps'],
};

/** Unknown options are refused, as the CLI refuses unknown flags (a typo must not be ignored). */
export function checkOptionKeys(kind: JobKind, options: object): void {
  if (options === null || typeof options !== 'object')
    throw new OptionError([`the options of ${kind} must be an object, e.g. { replications: 20 }.`], HINTS.runOptions('library'));
  const unknown = Object.keys(options).filter((k) => !OPTION_KEYS[kind].includes(k));
  if (unknown.length)
    throw new OptionError(
      unknown.map((k) => `unknown option \`${k}\` for ${kind}; the options are ${OPTION_KEYS[kind].join(', ')}.`),
      HINTS.runOptions('library'),
    );
  const p = (options as { onProgress?: unknown }).onProgress;
  if (p !== undefined && typeof p !== 'function')
    throw new OptionError(['option `onProgress` must be a function (done, total) => void.'], HINTS.runOptions('library'));
}

/** Check a job before anything runs; throws InputError (or its OptionError) with every problem found. */
export function checkJob(request: JobRequest): CheckedJob {
  const { kind, door, options: o } = request;
  checkOptions(kind, o, door, request.designs.length);

  const first = request.designs[0];
  const settings = runSettings(first.scenario, {
    seed: o.seed,
    replications: typeof o.replications === 'number' ? o.replications : undefined,
    years: o.years,
    warmupDays: typeof o.warmupDays === 'number' ? o.warmupDays : undefined,
  });
  const autoWarmup = o.warmupDays === 'auto';
  if (!autoWarmup) checkWindow(settings, first.label, door);
  else if (settings.horizonDays / 7 < MSER_MIN_WEEKS) {
    throw new OptionError(
      [
        `${optionName(door, 'warmupDays')} "auto" needs a run of at least ${MSER_MIN_WEEKS} weeks (MSER-5 looks at weekly values); this run has ${Math.floor(settings.horizonDays / 7)}.`,
      ],
      `Raise ${optionName(door, 'years')}, or give the warm-up in days.`,
    );
  }
  const names = uniqueNames(request.designs.map((d) => d.scenario.name || d.label.split(/[\\/]/).pop() || d.label));
  return {
    kind,
    door,
    designs: request.designs.map((d, i) => ({ ...d, name: names[i] })),
    settings,
    autoWarmup,
    precision:
      o.replications === 'auto'
        ? (o.precision ?? { precision: 0.05, metrics: ['waitingList', 'caseloadPerWorker', 'overloadIndex'], maxReplications: 200 })
        : null,
    steps: o.steps ?? DEFAULT_STEPS,
    thresholds: o.thresholds ?? {},
  };
}
