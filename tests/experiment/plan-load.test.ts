/**
 * Reading a plan file (src/experiment/plan-load.ts) and a sweep file: a base scenario that is not
 * there is a mistake in the file's own `base:` field, reported at its line with where it was
 * looked for, not as a missing file without the plan's name.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlan } from '../../src/experiment/plan-load.js';
import { loadSweep } from '../../src/experiment/sweep-load.js';
import { InputError } from '../../src/scenario/errors.js';
import { tempDir } from '../setup/temp.js';

function problemOf(load: () => unknown): InputError {
  try {
    load();
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('a base scenario that is not there', () => {
  const dir = tempDir('goldilocks-plan-load-');
  const body = 'base: nothere.yaml\nfactors:\n  - path: workers.0.count\n    values: [1, 2]\n';

  it('is reported in the plan file, at the base field and its line', () => {
    const file = join(dir, 'p.yaml');
    writeFileSync(file, `name: p\n${body}targets: ["overloadIndex <= 1"]\n`);
    const err = problemOf(() => loadPlan(file));
    expect(err.file).toBe(file);
    expect(err.problems).toEqual([expect.objectContaining({ path: 'base', line: 2 })]);
    expect(err.problems[0].message).toContain(`nothere.yaml not found (resolved against the folder of this file: ${join(dir, 'nothere.yaml')})`);
  });

  it('is reported the same way in a sweep file', () => {
    const file = join(dir, 's.yaml');
    writeFileSync(file, `name: s\n${body}`);
    const err = problemOf(() => loadSweep(file));
    expect(err.file).toBe(file);
    expect(err.problems).toEqual([expect.objectContaining({ path: 'base', line: 2 })]);
  });
});
