/**
 * A command given the wrong kind of file (a plan to `run`, a scenario to `plan`, a plan to
 * `sweep` …) says in one line which command reads it, instead of listing every field that does
 * not fit (src/experiment/file-kind.ts).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kindOfDocument } from '../../src/experiment/file-kind.js';
import { loadScenario } from '../../src/experiment/load.js';
import { loadPlan } from '../../src/experiment/plan-load.js';
import { loadSweep } from '../../src/experiment/sweep-load.js';
import { commandPrefix } from '../../src/messages.js';
import { InputError } from '../../src/scenario/errors.js';

const scenarios = join(import.meta.dirname, '../../scenarios');
const file = (name: string) => join(scenarios, name);

function problems(load: () => unknown): string[] {
  try {
    load();
  } catch (err) {
    if (err instanceof InputError) return err.problems.map((p) => p.message);
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('the wrong kind of file', () => {
  it('is told apart by its top-level fields', () => {
    expect(kindOfDocument({ base: 'a.yaml', targets: [], factors: [] })).toBe('plan');
    expect(kindOfDocument({ base: 'a.yaml', factors: [] })).toBe('sweep');
    expect(kindOfDocument({ name: 'x', workers: [] })).toBe('scenario');
    expect(kindOfDocument([1, 2])).toBe('scenario');
  });

  it.each([
    ['a plan file to run', () => loadScenario(file('plan-wte.yaml')), `goldilocks plan ${file('plan-wte.yaml')}`],
    ['a sweep file to run', () => loadScenario(file('sweep-caps.yaml')), `goldilocks sweep ${file('sweep-caps.yaml')}`],
    ['a scenario file to plan', () => loadPlan(file('default.yaml')), `goldilocks run ${file('default.yaml')}`],
    ['a sweep file to plan', () => loadPlan(file('sweep-caps.yaml')), `goldilocks sweep ${file('sweep-caps.yaml')}`],
    ['a plan file to sweep', () => loadSweep(file('plan-wte.yaml')), `goldilocks plan ${file('plan-wte.yaml')}`],
  ])('%s: one problem naming the command that reads it', (_what, load, command) => {
    const messages = problems(load);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`use \`${command.replace('goldilocks', commandPrefix())}\``);
  });
});
