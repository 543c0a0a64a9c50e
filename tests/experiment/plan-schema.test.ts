/**
 * The plan file's schema (src/experiment/plan-schema.ts): targets are "<metric> >= <value>" or
 * "<metric> <= <value>" on a known metric, with shares in 0..1 (or per cent); strict
 * inequalities are refused (an estimate can only be shown to stay within a bound); factors give
 * values or a range, at most one is monotone, and a monotone factor takes numbers and a
 * minimised objective; the grid's size is bounded.
 */
import { describe, expect, it } from 'vitest';
import { factorValues, MAX_PLAN_CANDIDATES, objectiveOf, parseTarget, PlanSchema, type PlanInput } from '../../src/experiment/plan-schema.js';

function problems(input: Partial<PlanInput>): string[] {
  const r = PlanSchema.safeParse({ ...base, ...input });
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const base: PlanInput = {
  name: 'p',
  base: 'default.yaml',
  factors: [{ path: 'workers.0.count', range: { from: 1, to: 4, step: 0.5 }, monotone: true }],
  targets: ['seenWithin28DaysShare >= 0.9'],
};

describe('plan targets', () => {
  it('reads >= and <= (and ≥, ≤, =>, =<) with any spacing', () => {
    expect(parseTarget('seenWithin28DaysShare >= 0.9')).toEqual({
      metric: 'seenWithin28DaysShare',
      comparator: '>=',
      value: 0.9,
      text: 'seenWithin28DaysShare >= 0.9',
    });
    expect(parseTarget('  overloadIndex<=1 ')).toMatchObject({ metric: 'overloadIndex', comparator: '<=', value: 1, text: 'overloadIndex<=1' });
    expect(parseTarget('waitP90Days ≤ 28')).toMatchObject({ comparator: '<=', value: 28 });
    expect(parseTarget('needMetShare ≥ .5')).toMatchObject({ comparator: '>=', value: 0.5 });
    expect(parseTarget('turnoverPerYear =< 2.5e-1')).toMatchObject({ comparator: '<=', value: 0.25 });
    expect(parseTarget('needsMetPerYear => 100')).toMatchObject({ comparator: '>=', value: 100 });
  });

  it('a share may be written in per cent; other units may not', () => {
    expect(parseTarget('seenWithin28DaysShare >= 90%')).toMatchObject({ value: 0.9 });
    expect(parseTarget('seenWithin28DaysShare >= 90 %')).toMatchObject({ value: 0.9 });
    expect(parseTarget('waitDays <= 20%')).toEqual({ problem: expect.stringContaining('"%" is for shares; waitDays is in days') });
  });

  it('a share outside 0..1 is refused with the fix', () => {
    expect(parseTarget('seenWithin28DaysShare >= 90')).toEqual({ problem: expect.stringContaining('write 0.9 (or 90 %), not 90') });
  });

  it('an unknown metric is named, with the nearest known one', () => {
    expect(parseTarget('seenWithin28DayShare >= 0.9')).toEqual({
      problem: expect.stringContaining('unknown metric "seenWithin28DayShare" (did you mean seenWithin28DaysShare?)'),
    });
  });

  it('strict and equality comparisons are refused, saying which to use', () => {
    expect(parseTarget('overloadIndex < 1')).toEqual({ problem: expect.stringContaining('use <= in "overloadIndex < 1"') });
    expect(parseTarget('needMetShare > 0.5')).toEqual({ problem: expect.stringContaining('use >= in') });
    expect(parseTarget('waitDays = 5')).toEqual({ problem: expect.stringContaining('use <= or >= in') });
  });

  it('text that is not a target says what a target looks like', () => {
    expect(parseTarget('at least 90 % seen')).toEqual({ problem: expect.stringContaining('write "<metric> >= <value>"') });
    expect(parseTarget('seenWithin28DaysShare >= ninety')).toEqual({ problem: expect.stringContaining('is not a target') });
  });

  it('a bad target in a plan is reported at its index', () => {
    expect(problems({ targets: ['seenWithin28DaysShare >= 0.9', 'overload <= 1'] })).toEqual([expect.stringMatching(/^targets\.1: unknown metric "overload"/)]);
  });
});

describe('plan factors and settings', () => {
  it('a range with a step gives every value, without floating-point residue', () => {
    const p = PlanSchema.parse(base);
    expect(factorValues(p.factors[0])).toEqual([1, 1.5, 2, 2.5, 3, 3.5, 4]);
    const tenth = PlanSchema.parse({ ...base, factors: [{ path: 'workers.0.count', range: { from: 0.1, to: 0.7, step: 0.1 } }] });
    expect(factorValues(tenth.factors[0])).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]);
  });

  it('a range in steps, rounded to whole numbers when integer (duplicates dropped)', () => {
    const p = PlanSchema.parse({ ...base, factors: [{ path: 'workers.0.count', range: { from: 1, to: 3, steps: 5 }, integer: true }] });
    expect(factorValues(p.factors[0])).toEqual([1, 2, 3]);
    const q = PlanSchema.parse({ ...base, factors: [{ path: 'workers.0.count', range: { from: 0, to: 1 } }] });
    expect(factorValues(q.factors[0])).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });

  it("a monotone factor's values are searched in ascending order", () => {
    const p = PlanSchema.parse({ ...base, factors: [{ path: 'workers.0.count', values: [3, 1, 2], monotone: true }] });
    expect(factorValues(p.factors[0])).toEqual([1, 2, 3]);
  });

  it('defaults: least costPerYear, 95 % confidence, at most 80 replications', () => {
    const p = PlanSchema.parse(base);
    expect(objectiveOf(p)).toEqual({ metric: 'costPerYear', sense: 'minimise' });
    expect(p.confidence).toBe(0.95);
    expect(p.maxReplications).toBe(80);
    expect(
      objectiveOf(PlanSchema.parse({ ...base, factors: [{ path: 'workers.0.count', values: [1, 2] }], objective: { maximise: 'needsMetPerYear' } })),
    ).toEqual({
      metric: 'needsMetPerYear',
      sense: 'maximise',
    });
  });

  it('refuses two monotone factors, a monotone factor with text values, and monotone with a maximised objective', () => {
    expect(
      problems({
        factors: [
          { path: 'workers.0.count', values: [1, 2], monotone: true },
          { path: 'workers.0.networkingHoursPerWeek', values: [0, 3], monotone: true },
        ],
      }),
    ).toEqual([expect.stringMatching(/^factors\.1\.monotone: at most one factor may be monotone/)]);
    expect(problems({ factors: [{ path: 'policy.sessionCap', values: [4, 'open'], monotone: true }] })).toEqual([
      expect.stringMatching(/^factors\.0\.values: a monotone factor takes numbers only/),
    ]);
    expect(problems({ objective: { maximise: 'needsMetPerYear' } })).toEqual([
      expect.stringMatching(/^factors\.0\.monotone: monotone .* is for objective \{ minimise/),
    ]);
  });

  it('refuses values and range together, a repeated path, maxReplications below replications, and an unknown objective', () => {
    expect(problems({ factors: [{ path: 'workers.0.count', values: [1], range: { from: 1, to: 2 } }] })).toEqual([
      expect.stringMatching(/^factors\.0\.values: give either values or range/),
    ]);
    expect(
      problems({
        factors: [
          { path: 'workers.0.count', values: [1] },
          { path: 'workers.0.count', values: [2] },
        ],
      }),
    ).toEqual([expect.stringMatching(/^factors\.1\.path: workers\.0\.count is already a factor/)]);
    expect(problems({ replications: 20, maxReplications: 10 })).toEqual([expect.stringMatching(/^maxReplications: must be at least replications \(20\)/)]);
    expect(problems({ objective: { minimise: 'costPerYer' } })).toEqual([expect.stringMatching(/unknown metric "costPerYer" \(did you mean costPerYear\?\)/)]);
  });

  it('bounds the grid: too many candidate designs, or a step that gives too many values', () => {
    const many = problems({
      factors: [
        { path: 'workers.0.count', range: { from: 1, to: 200, step: 1 } },
        { path: 'workers.0.networkingHoursPerWeek', range: { from: 0, to: 100, step: 1 } },
      ],
    });
    expect(many).toEqual([expect.stringContaining(`at most ${MAX_PLAN_CANDIDATES.toLocaleString('en-GB')}`)]);
    expect(problems({ factors: [{ path: 'workers.0.count', range: { from: 0, to: 10, step: 0.001 } }] })).toEqual([
      expect.stringMatching(/^factors\.0\.range\.step: the step gives more than 1000 values/),
    ]);
  });
});

describe('plan objective', () => {
  it('one of minimise or maximise, on a known metric', () => {
    expect(problems({ factors: [{ path: 'workers.0.count', values: [1, 2] }], objective: { maximise: 'needsMetPerYer' } as never })).toEqual([
      expect.stringMatching(/^objective\.maximise: unknown metric "needsMetPerYer" \(did you mean needsMetPerYear\?\)/),
    ]);
    expect(problems({ objective: {} as never })).toEqual([
      expect.stringMatching(/^objective: give one of \{ minimise: <metric> \} or \{ maximise: <metric> \}/),
    ]);
    expect(
      problems({ factors: [{ path: 'workers.0.count', values: [1, 2] }], objective: { minimise: 'costPerYear', maximise: 'needsMetPerYear' } as never }),
    ).toEqual([expect.stringMatching(/^objective: give one of \{ minimise: <metric> \} or \{ maximise: <metric> \}/)]);
    expect(problems({ objective: { cheapest: 'costPerYear' } as never })).toEqual([expect.stringMatching(/^objective: give one of/)]);
  });
});
