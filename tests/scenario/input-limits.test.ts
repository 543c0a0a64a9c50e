/**
 * One test per input rule of issue 10 (hardening), for values: every distribution the schema
 * accepts builds and draws finite numbers, a distribution follows the rules of the plain number
 * it stands for, and numbers have upper bounds (with the reason) where no real service can go.
 * Each test is named for the rule it protects.
 */
import { describe, it, expect } from 'vitest';
import { parseScenarioText } from '../../src/scenario/load.js';
import { LIMITS } from '../../src/scenario/schema.js';
import { makeDistribution } from '../../src/random/index.js';
import { problemsOf, minimal } from './fixtures.js';

/** The minimal scenario with one more top-level block (replacing referrals or workers). */
function withBlock(block: string): string {
  const text = block.endsWith('\n') ? block : `${block}\n`;
  if (block.startsWith('referrals:')) {
    const rest = minimal.replace('referrals:\n  practices:\n    - name: A\n      referralsPerMonth: 10\n', '');
    return `${rest}${text}`;
  }
  if (block.startsWith('workers:')) return `${minimal.replace('workers:\n  - count: 2\n', '')}${text}`;
  return `${minimal}${text}`;
}

const problems = (text: string) => problemsOf(() => parseScenarioText(text, 'f.yaml'));
const accepts = (text: string) => parseScenarioText(text, 'f.yaml');

describe('every distribution the schema accepts builds and draws finite values', () => {
  const at = (spec: string) => problems(`${minimal}patients:\n  followUpMinutes: ${spec}\n`)[0];

  it('a normal with sd 0 is refused (write the number for a constant)', () => {
    const p = at('{type: normal, mean: 30, sd: 0}');
    expect(p.path).toBe('patients.followUpMinutes.sd');
    expect(p.message).toMatch(/above 0.*write the number/);
  });

  it('a normal with min above max is refused', () => {
    expect(at('{type: normal, mean: 30, sd: 5, min: 40, max: 20}').path).toBe('patients.followUpMinutes.max');
  });

  it('a normal truncated in the far tail is refused', () => {
    const p = at('{type: normal, mean: 30, sd: 1, min: 40, max: 60}');
    expect(p.message).toMatch(/far tail/);
    expect(p.line).toBe(9);
  });

  it('a triangular with min = mode = max is refused', () => {
    expect(at('{type: triangular, min: 30, mode: 30, max: 30}').message).toMatch(/max must be above min/);
  });

  it('empirical weights that would sum to Infinity are refused', () => {
    expect(at('{type: empirical, values: [1, 2], weights: [1e308, 1e308]}').message).toMatch(/at most 1,000,000,000/);
  });

  it('a lognormal whose parameters would overflow is refused', () => {
    expect(at('{type: lognormal, mean: 1e300, sd: 1e300}').message).toMatch(/at most/);
    expect(at('{type: lognormal, mean: 1e-300, sd: 1}').message).toMatch(/at least 0.000001/);
  });

  it('a distribution the factory accepts is accepted, and samples finitely', () => {
    const s = accepts(`${minimal}patients:\n  followUpMinutes: {type: normal, mean: 30, sd: 10, min: 5, max: 60}\n`);
    const d = makeDistribution(s.patients.followUpMinutes);
    expect(Number.isFinite(d.sample({ next: () => 0.5 }))).toBe(true);
  });
});

describe('a distribution follows the rules of the plain number it stands for', () => {
  const at = (field: string, spec: string) => problems(`${minimal}patients:\n  ${field}: ${spec}\n`)[0];

  it('{type: fixed, value: -30} is refused where -30 is', () => {
    expect(at('followUpMinutes', '-30').message).toMatch(/must not be negative/);
    const p = at('followUpMinutes', '{type: fixed, value: -30}');
    expect(p.path).toBe('patients.followUpMinutes.value');
    expect(p.message).toMatch(/must not be negative/);
  });

  it('a uniform or triangular that can draw below 0 is refused', () => {
    expect(at('daysBetweenSessions', '{type: uniform, min: -5, max: 20}').path).toBe('patients.daysBetweenSessions.min');
    expect(at('firstSessionMinutes', '{type: triangular, min: -5, mode: 20, max: 30}').message).toMatch(/min must not be negative/);
  });

  it('a normal without min >= 0 is refused for a duration, saying to add min: 0', () => {
    expect(at('followUpMinutes', '{type: normal, mean: 30, sd: 5}').message).toMatch(/add min: 0/);
    expect(at('followUpMinutes', '{type: normal, mean: 30, sd: 5, min: -1}').message).toMatch(/must not be negative/);
  });

  it('empirical values below 0 are refused, unless their weight is 0', () => {
    expect(at('sessionsNeeded', '{type: empirical, values: [-1, 3]}').message).toMatch(/values must not be negative/);
    accepts(`${minimal}patients:\n  sessionsNeeded: {type: empirical, values: [-1, 3], weights: [0, 1]}\n`);
  });

  it('patience, gaps, session lengths and needs have upper bounds by mean or largest value', () => {
    expect(at('followUpMinutes', '{type: exponential, mean: 600}').message).toMatch(/mean \(600\).*at most 480 minutes/);
    expect(at('followUpMinutes', '{type: uniform, min: 10, max: 600}').message).toMatch(/largest value must be at most 480/);
    expect(at('daysBetweenSessions', '400').message).toMatch(/at most 365 days/);
    expect(at('patienceDays', '{type: exponential, mean: 5000}').message).toMatch(/write "open"/);
    expect(at('sessionsNeeded', '{type: poisson, mean: 500}').message).toMatch(/at most 100 sessions/);
  });
});

describe('upper bounds where no real service can go, with the reason', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['referralsPerMonth', 'referrals:\n  practices:\n    - {name: A, referralsPerMonth: 1e308}', /at most 100,000 a month \(more than any service/],
    [
      'total referrals across practices',
      `referrals:\n  practices:\n${Array.from({ length: 3 }, (_, i) => `    - {name: P${i}, referralsPerMonth: 50000}`).join('\n')}`,
      /would reach 150,000 a month/,
    ],
    ['annualGrowth', 'referrals:\n  practices: [{name: A, referralsPerMonth: 10}]\n  annualGrowth: 1e308', /at most 1 \(1 doubles/],
    [
      'growth over the run',
      'referrals:\n  practices: [{name: A, referralsPerMonth: 1000}]\n  annualGrowth: 1\nrun: {years: 20, warmupDays: 0}',
      /after 20 years of growth/,
    ],
    ['caseloadPerWorker', 'initialState: {caseloadPerWorker: 1000000}', /at most 1,000 patients/],
    ['initial caseload of the whole team', 'workers: [{count: 200}]\ninitialState: {caseloadPerWorker: 1000}', /200,000 patients at the start/],
    ['waitingList', 'initialState: {waitingList: 10000000}', /at most 100,000 patients/],
    ['worker count per group', 'workers: [{count: 1e6}]', /at most 5,000 WTE/],
    ['worker count in total', `workers:\n${Array.from({ length: 3 }, () => '  - {count: 2000}').join('\n')}`, /6,000 posts in total/],
    ['annualLeaveDays', 'workers: [{count: 1, annualLeaveDays: 300}]', /at most 260 days \(the working days of a year/],
    ['adminMinutesPerSession', 'workers: [{count: 1, adminMinutesPerSession: 1e9}]', /at most 480 minutes/],
    ['hours per week', 'workers: [{count: 1, networkingHoursPerWeek: 200}]', /at most 168 hours/],
    ['years', 'run: {years: 1e6}', /at most 200 years/],
    ['replications', 'run: {replications: 1e6}', /at most 10,000/],
    ['sessionCap', 'policy: {sessionCap: 1e9}', /at most 1,000/],
    [
      'month multipliers',
      'referrals:\n  practices: [{name: A, referralsPerMonth: 10}]\n  monthMultipliers: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 100]',
      /at most 12/,
    ],
    ['workload effects', 'workload: {checkInCount: 1e9}', /at most 1,000/],
    ['workforce effects', 'workforce: {stressLeavingEffect: 1e6}', /at most 20/],
  ];
  for (const [rule, block, message] of cases) {
    it(`${rule} has an upper bound, with its reason`, () => {
      const found = problems(withBlock(block));
      expect(found.map((p) => p.message).join('\n')).toMatch(message);
      expect(found.every((p) => p.line !== undefined)).toBe(true);
    });
  }

  it('a name of millions of characters is refused, not a crash', () => {
    const [p] = problems(minimal.replace('name: t', `name: ${'a'.repeat(3_000_000)}`));
    expect(p.path).toBe('name');
    expect(p.message).toMatch(/at most 100 characters/);
  });

  it('a description over 10,000 characters is refused', () => {
    expect(problems(`${minimal}description: ${'x'.repeat(10_001)}\n`)[0].message).toMatch(/at most 10,000 characters/);
  });

  it('every number must be finite (.inf and .nan are refused)', () => {
    expect(problems(minimal.replace('referralsPerMonth: 10', 'referralsPerMonth: .inf'))[0].path).toBe('referrals.practices.0.referralsPerMonth');
    expect(problems(minimal.replace('count: 2', 'count: .nan'))[0].path).toBe('workers.0.count');
  });

  it('values at the limits are accepted', () => {
    accepts(withBlock(`referrals:\n  practices: [{name: A, referralsPerMonth: ${LIMITS.referralsPerMonth}}]`));
    accepts(withBlock(`workers: [{count: ${LIMITS.posts}, annualLeaveDays: ${LIMITS.annualLeaveDays}, adminMinutesPerSession: ${LIMITS.minutesPerSession}}]`));
  });
});
