/**
 * The bounds of the run options, one table for every door: a scenario's `run:` section, a sweep
 * or plan file's own `replications`/`years`/…, the command-line options and the library's
 * options are all checked against RUN_OPTION_BOUNDS, with the same wording (adapted to the door
 * by messages.ts), before anything runs.
 */
import { optionName, type Door, type RunOptionKey } from '../messages.js';
import { groupThousands } from './errors.js';
import { LIMITS } from './schema.js';

export interface OptionBound {
  /** Whole numbers only. */
  integer: boolean;
  min: number;
  /** The smallest value is excluded (years > 0). */
  minExclusive?: boolean;
  max: number;
  /** Why the upper bound is where it is (said with the message). */
  why: string;
  /** An example of a good value. */
  example: string;
}

export const RUN_OPTION_BOUNDS: Record<RunOptionKey, OptionBound> = {
  replications: { integer: true, min: 1, max: LIMITS.replications, why: 'confidence intervals stop narrowing usefully long before', example: '20' },
  seed: { integer: true, min: 0, max: Number.MAX_SAFE_INTEGER, why: 'larger whole numbers cannot be told apart in JavaScript', example: '1' },
  years: { integer: false, min: 0, minExclusive: true, max: LIMITS.years, why: 'no service plan looks further ahead', example: '3' },
  warmupDays: { integer: false, min: 0, max: LIMITS.years * 365.25, why: 'it must also be shorter than the run', example: '182' },
  steps: { integer: true, min: 2, max: 101, why: 'a level every 0.01 of the dial is finer than any lever can tell apart', example: '11' },
  workers: { integer: true, min: 1, max: 256, why: 'more threads than cores only adds overhead', example: '2' },
};

/** What a value must be, in words: "a whole number from 1 to 10,000". */
export function boundWords(b: OptionBound): string {
  const max = groupThousands(b.max);
  if (b.integer) return `a whole number from ${groupThousands(b.min)} to ${max}`;
  return b.minExclusive ? `a number above ${b.min} and at most ${max}` : `a number from ${b.min} to ${max}`;
}

/** The problem with one option's value, or null when it is within its bounds. */
export function optionProblem(key: RunOptionKey, value: unknown, door: Door): string | null {
  const b = RUN_OPTION_BOUNDS[key];
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (!b.integer || Number.isInteger(value)) &&
    (b.minExclusive ? value > b.min : value >= b.min) &&
    value <= b.max;
  if (ok) return null;
  const shown =
    typeof value === 'number' || typeof value === 'boolean' ? String(value) : typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
  const over = typeof value === 'number' && value > b.max;
  return `${optionName(door, key)} must be ${boundWords(b)}${over ? ` (${b.why})` : ''}, e.g. ${b.example}; got ${shown}.`;
}

/** Problems with every option given (undefined means "not given": the scenario's value is used). */
export function runOptionProblems(options: Partial<Record<RunOptionKey, unknown>>, door: Door): Array<{ key: RunOptionKey; message: string }> {
  const out: Array<{ key: RunOptionKey; message: string }> = [];
  for (const key of Object.keys(RUN_OPTION_BOUNDS) as RunOptionKey[]) {
    if (!Object.hasOwn(options, key) || options[key] === undefined) continue;
    const message = optionProblem(key, options[key], door);
    if (message) out.push({ key, message });
  }
  return out;
}
