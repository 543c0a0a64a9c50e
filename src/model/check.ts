/**
 * Checks of a scenario that need the model's own rules (the schema cannot see them): a rota
 * must have room for the protected hours carved from it, and its blocks must not overlap.
 * Returned as field paths so the loader can point at the line.
 */
import type { Scenario } from '../scenario/schema.js';
import { groupPlans } from './posts.js';
import { RotaError } from './rota.js';

export interface ModelProblem {
  path: (string | number)[];
  message: string;
}

export function scenarioProblems(s: Scenario): ModelProblem[] {
  const problems: ModelProblem[] = [];
  s.workers.forEach((g, i) => {
    try {
      groupPlans(g);
    } catch (err) {
      if (!(err instanceof RotaError)) throw err;
      problems.push({ path: ['workers', i, 'rota'], message: err.message });
    }
  });
  return problems;
}
