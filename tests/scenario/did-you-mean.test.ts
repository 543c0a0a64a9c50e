/**
 * Messages for misspellings (issue #19, part 5): a misspelt distribution type is one problem that
 * names the type meant ("did you mean 'triangular'?") and the types there are, never a problem per
 * type ("expected fixed", "expected exponential", …); a distribution of a known type gets the
 * problems of that type only; an unknown field gets the known field it most looks like; a missing
 * field says it is missing; problems come in the order of the file's lines. Sweep files go through
 * the same path (loadSweep), so they get the same messages.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSweep } from '../../src/experiment/sweep-load.js';
import { InputError, type InputProblem } from '../../src/scenario/errors.js';
import { closest, editDistance, parseScenarioText } from '../../src/scenario/parse.js';
import { tempDir } from '../setup/temp.js';

const BASE = 'name: x\nworkers: [{ name: w, count: 1 }]\nreferrals:\n  practices: [{ name: A, referralsPerMonth: 5 }]\n';

function problemsOf(text: string): InputProblem[] {
  try {
    parseScenarioText(text, 'bad.yaml');
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as InputError).problems;
  }
  throw new Error('expected an InputError');
}

describe('a misspelt word in a field that also takes another form is one problem, with the word meant', () => {
  it("rota: standrad gives one problem: did you mean 'standard'? (one of standard, always, or another form)", () => {
    const problems = problemsOf('name: x\nworkers: [{ name: w, count: 1, rota: standrad }]\nreferrals:\n  practices: [{ name: A, referralsPerMonth: 5 }]\n');
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('workers.0.rota');
    expect(problems[0].message).toBe(
      "'standrad' is not a value this field takes; did you mean 'standard'? (one of standard, always, or another form (see the schema))",
    );
  });

  it('a number where a word was meant names the words, not "Invalid input"', () => {
    const [p] = problemsOf('name: x\nworkers: [{ name: w, count: 1, rota: 7 }]\nreferrals:\n  practices: [{ name: A, referralsPerMonth: 5 }]\n');
    expect(p.message).toBe("'7' is not a value this field takes; write one of standard, always, or another form (see the schema)");
  });
});

describe('a misspelt distribution type is one problem, with the type meant', () => {
  it("type: triangle gives one problem: 'triangle' is not a distribution type; did you mean 'triangular'?", () => {
    const problems = problemsOf(`${BASE}patients:\n  sessionsNeeded: { type: triangle, min: 1, mode: 3, max: 6 }\n`);
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p.path).toBe('patients.sessionsNeeded.type');
    expect(p.line).toBe(6);
    expect(p.message).toBe(
      "'triangle' is not a distribution type; did you mean 'triangular'? (one of fixed, exponential, uniform, triangular, normal, lognormal, gamma, poisson, negativeBinomial, empirical)",
    );
    expect(p.message).not.toMatch(/expected "?fixed/);
  });

  it('a type in the wrong case is suggested in its own case (Normal → normal)', () => {
    const [p] = problemsOf(`${BASE}patients:\n  daysBetweenSessions: { type: Normal, mean: 7, sd: 2, min: 0 }\n`);
    expect(p.message).toMatch(/^'Normal' is not a distribution type; did you mean 'normal'\?/);
  });

  it('a type like none of them lists them all, with no guess', () => {
    const problems = problemsOf(`${BASE}patients:\n  sessionsNeeded: { type: banana, value: 3 }\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^'banana' is not a distribution type; write one of fixed, exponential, .*empirical$/);
  });

  it('a distribution with no type says it needs one', () => {
    const problems = problemsOf(`${BASE}patients:\n  sessionsNeeded: { min: 1, max: 3 }\n`);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/^needs a type \(type: fixed, exponential, uniform, triangular, /);
  });

  it('a known type gets its own problems only (a triangular without max: max is missing, not "expected fixed")', () => {
    const problems = problemsOf(`${BASE}patients:\n  sessionsNeeded: { type: triangular, min: 1, mode: 3 }\n`);
    expect(problems).toEqual([{ path: 'patients.sessionsNeeded.max', message: 'is missing (expected number)', line: 6, origin: undefined }]);
  });
});

describe('an unknown field gets the known field it most looks like', () => {
  it('did you mean: sesionCap → sessionCap, nmae → name, netwrkingHoursPerWeek → networkingHoursPerWeek, maxx → max', () => {
    const problems = problemsOf(
      'name: x\npolicy:\n  sesionCap: 4\nreferrals:\n  practices: [{ name: A, referralsPerMonth: 5, nmae: B }]\n' +
        'workers: [{ name: w, count: 1, netwrkingHoursPerWeek: 2 }]\npatients:\n  sessionsNeeded: { type: uniform, min: 1, max: 3, maxx: 4 }\n',
    );
    const messages = problems.map((p) => `${p.line}: ${p.path}: ${p.message}`);
    expect(messages).toEqual([
      '3: policy: unknown field "sesionCap": did you mean "sessionCap"? (unknown fields are not allowed)',
      '5: referrals.practices.0: unknown field "nmae": did you mean "name"? (unknown fields are not allowed)',
      '6: workers.0: unknown field "netwrkingHoursPerWeek": did you mean "networkingHoursPerWeek"? (unknown fields are not allowed)',
      '8: patients.sessionsNeeded: unknown field "maxx": did you mean "max"? (unknown fields are not allowed)',
    ]);
  });

  it('a field like no known one says to check the spelling, with no guess; each unknown field at its own line', () => {
    const problems = problemsOf(`${BASE}colour: blue\nflavour: mint\n`);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [5, 'unknown field "colour" (check the spelling; unknown fields are not allowed)'],
      [6, 'unknown field "flavour" (check the spelling; unknown fields are not allowed)'],
    ]);
  });

  it('closest: a slip of the keyboard is suggested, a different word is not', () => {
    expect(editDistance('triangle', 'triangular')).toBe(3);
    expect(closest('triangle', ['fixed', 'triangular'])).toBe('triangular');
    expect(closest('SessionCap', ['sessionCap', 'maxCaseload'])).toBe('sessionCap');
    expect(closest('neg', ['negativeBinomial', 'normal'])).toBe('negativeBinomial');
    expect(closest('banana', ['fixed', 'normal', 'gamma'])).toBeNull();
    expect(closest('ab', ['xy'])).toBeNull();
  });
});

describe('problems come in the order of the lines', () => {
  it('sorted by line, whatever order the checks found them in', () => {
    const problems = problemsOf(
      'name: x\nzzz: 1\nreferrals:\n  practices: [{ name: A, referralsPerMonth: -5 }]\npolicy:\n  sesionCap: 4\nworkers: [{ name: w, count: -1 }]\n',
    );
    const lines = problems.map((p) => p.line ?? 0);
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('a missing field says it is missing (not "expected array, received undefined")', () => {
    const [p] = problemsOf('name: x\nreferrals:\n  practices: [{ name: A, referralsPerMonth: 5 }]\n');
    expect(p).toMatchObject({ path: 'workers', message: 'is missing (expected array)' });
  });
});

describe('sweep files get the same messages', () => {
  it('a misspelt field in a sweep file: did you mean, at its line, after the problems of earlier lines', () => {
    const dir = tempDir('goldilocks-dym-');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'base.yaml'), BASE);
    const file = join(dir, 'sweep.yaml');
    writeFileSync(file, 'name: s\nbase: base.yaml\nreplicatoins: 3\nfactors:\n  - path: policy.sessionCap\n    valuez: [1]\n');
    let problems: InputProblem[] = [];
    try {
      loadSweep(file);
    } catch (err) {
      problems = (err as InputError).problems;
    }
    const lines = problems.map((p) => p.line ?? 0);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(problems.find((p) => p.line === 3)?.message).toBe('unknown field "replicatoins": did you mean "replications"? (unknown fields are not allowed)');
    expect(problems.find((p) => p.line === 6)?.message).toBe('unknown field "valuez": did you mean "values"? (unknown fields are not allowed)');
  });

  it("a sweep factor's value with a misspelt distribution type: the same one problem, with the type meant", () => {
    const dir = tempDir('goldilocks-dym-');
    writeFileSync(join(dir, 'base.yaml'), `${BASE}patients:\n  sessionsNeeded: { type: uniform, min: 1, max: 6 }\n`);
    const file = join(dir, 'sweep.yaml');
    writeFileSync(file, 'name: s\nbase: base.yaml\nfactors:\n  - path: patients.sessionsNeeded.type\n    values: [triangle]\n');
    let problems: InputProblem[] = [];
    try {
      loadSweep(file);
    } catch (err) {
      problems = (err as InputError).problems;
    }
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBe(5);
    expect(problems[0].message).toMatch(
      /^patients\.sessionsNeeded\.type=triangle is not a valid scenario value \(patients\.sessionsNeeded\.type: 'triangle' is not a distribution type; did you mean 'triangular'\? \(one of fixed, /,
    );
    expect(problems[0].message).not.toMatch(/expected "?fixed|Invalid input/);
  });
});
