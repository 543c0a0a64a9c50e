/**
 * The bound of `--uncertainty N` (CLI) / option `uncertainty` (library): one bound for every door,
 * checked with the run options' words (run-options.ts).
 */
import type { Door } from '../messages.js';
import { boundWords, type OptionBound } from './run-options.js';

export const UNCERTAINTY_BOUND: OptionBound = {
  integer: true,
  min: 2,
  max: 1_000,
  why: 'the decomposition and the shares settle long before; the ranges of the assumptions are not known that precisely',
  example: '32',
};

/** The option as the door's user knows it. */
export function uncertaintyName(door: Door): string {
  return door === 'cli' ? '--uncertainty' : door === 'library' ? 'option `uncertainty`' : 'the "Parameter draws" field';
}

/** The problem with a value of the option, or null. */
export function uncertaintyProblem(value: unknown, door: Door): string | null {
  const b = UNCERTAINTY_BOUND;
  const ok = typeof value === 'number' && Number.isInteger(value) && value >= b.min && value <= b.max;
  if (ok) return null;
  const shown =
    typeof value === 'number' ? String(value) : typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : value === null ? 'null' : typeof value;
  const over = typeof value === 'number' && value > b.max;
  return `${uncertaintyName(door)} must be ${boundWords(b)} (parameter draws)${over ? ` (${b.why})` : ''}, e.g. ${b.example}; got ${shown}.`;
}

/** With --uncertainty each draw needs at least two replications (the noise is the spread within a draw). */
export function uncertaintyReplicationsProblem(replications: number, door: Door): string | null {
  return replications >= 2
    ? null
    : `${uncertaintyName(door)} needs at least 2 replications per draw (the noise is measured within each draw); got ${replications}.`;
}
