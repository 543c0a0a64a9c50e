/** Shared by the scenario-input tests: the smallest valid scenario, and the problems an input error lists. */
import { expect } from 'vitest';
import { InputError } from '../../src/scenario/errors.js';

export const minimal = `name: t
referrals:
  practices:
    - name: A
      referralsPerMonth: 10
workers:
  - count: 2
`;

export function problemsOf(fn: () => unknown) {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error('expected an InputError');
}
