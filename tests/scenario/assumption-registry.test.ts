/**
 * The registry of assumed parameters (src/scenario/assumption-registry.ts) covers every fixed
 * constant of src/model/assumptions.ts and every assumed scenario field, with the schema's
 * default and a range whose ends the schema accepts; the `assumptions:` and `uncertainty:`
 * sections are validated with the file, the field path and the line.
 */
import { describe, expect, it } from 'vitest';
import * as constants from '../../src/model/assumptions.js';
import { DEFAULT_ASSUMPTIONS, resolveAssumptions } from '../../src/model/assumptions.js';
import { ASSUMPTION_REGISTRY, assumptionRow, FIXED_ASSUMPTION_NAMES, quantileOf, variedParameters } from '../../src/scenario/assumption-registry.js';
import { LEVER_IDS, LEVER_REGISTRY } from '../../src/scenario/lever-registry.js';
import { WorkforceSchema, WorkloadSchema } from '../../src/scenario/levers-schema.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { parseScenarioText } from '../../src/scenario/parse.js';
import { InputError } from '../../src/scenario/errors.js';
import { loadDefaultScenario } from '../../src/scenario/load.js';

/** UPPER_SNAKE constant → camelCase section name. */
const camel = (k: string) => k.toLowerCase().replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** Exports of assumptions.ts that are structure, not assumptions (with the reason). */
const NOT_ASSUMPTIONS: Record<string, string> = {
  LEAVE_CYCLE: 'the 52-week cycle of the leave calendar: a unit, not an assumption',
};

const base = loadDefaultScenario().scenario;
const shapeOf = (s: unknown) => (s as { shape: Record<string, unknown> }).shape;

describe('the registry of assumptions', () => {
  it('has a row for every numeric constant of src/model/assumptions.ts (the satisfaction weights one by one)', () => {
    const missing: string[] = [];
    for (const [k, v] of Object.entries(constants)) {
      if (Object.hasOwn(NOT_ASSUMPTIONS, k)) continue;
      if (typeof v === 'number' && !assumptionRow(`assumptions.${camel(k)}`)) missing.push(k);
    }
    for (const w of Object.keys(constants.SATISFACTION_TARGET)) {
      const id = `assumptions.satisfactionTarget${w[0].toUpperCase()}${w.slice(1)}`;
      if (!assumptionRow(id)) missing.push(id);
    }
    expect(missing).toEqual([]);
  });

  it("a fixed assumption's default is its constant, and the model's resolved defaults are the constants", () => {
    for (const name of FIXED_ASSUMPTION_NAMES) expect(assumptionRow(`assumptions.${name}`)!.default, name).toBe(DEFAULT_ASSUMPTIONS[name]);
    expect(DEFAULT_ASSUMPTIONS.neutralStress).toBe(constants.NEUTRAL_STRESS);
    expect(DEFAULT_ASSUMPTIONS.satisfactionTargetFailing).toBe(constants.SATISFACTION_TARGET.failing);
    expect(assumptionRow('assumptions.maxHomeVisitShare')!.default).toBe(constants.MAX_HOME_VISIT_SHARE);
    expect(resolveAssumptions(undefined)).toBe(DEFAULT_ASSUMPTIONS);
    expect(resolveAssumptions({})).toBe(DEFAULT_ASSUMPTIONS);
    expect(resolveAssumptions({ neutralStress: 0.35 }).neutralStress).toBe(0.35);
  });

  it('has a row for every workload and workforce field (all assumptions) and every lever not on the dial', () => {
    const fields = [
      ...Object.keys(shapeOf(WorkloadSchema)).map((k) => `workload.${k}`),
      ...Object.keys(shapeOf(WorkforceSchema))
        .filter((k) => k !== 'enabled')
        .map((k) => `workforce.${k}`),
      ...LEVER_IDS.filter((k) => !('dial' in LEVER_REGISTRY[k])).map((k) => `levers.${k}`),
      'patients.didNotAttend',
    ];
    expect(fields.filter((f) => !assumptionRow(f))).toEqual([]);
  });

  it("each scenario field's row has the schema's default, and its low and high are values the schema accepts", () => {
    for (const r of ASSUMPTION_REGISTRY) {
      const [section, field] = r.id.split('.');
      if (section === 'assumptions') continue;
      expect((base as unknown as Record<string, Record<string, number>>)[section][field], r.id).toBe(r.default);
      for (const v of [r.low, r.high]) {
        const input = JSON.parse(JSON.stringify(base));
        input[section][field] = v;
        expect(ScenarioSchema.safeParse(input).success, `${r.id} = ${v}`).toBe(true);
      }
    }
  });

  it('every range is ordered, inside its bounds, and holds the default (so a triangular has its mode there)', () => {
    for (const r of ASSUMPTION_REGISTRY) {
      expect(r.low < r.high, r.id).toBe(true);
      expect(r.low >= r.bounds[0] && r.high <= r.bounds[1], r.id).toBe(true);
      expect(r.default >= r.low && r.default <= r.high, r.id).toBe(true);
      expect(r.why.length > 10 && r.paper.length > 0, r.id).toBe(true);
    }
    expect(new Set(ASSUMPTION_REGISTRY.map((r) => r.id)).size).toBe(ASSUMPTION_REGISTRY.length);
  });

  it('the quantile function maps 0 to low, 1 to high, and a triangular puts its median on the side of the mode', () => {
    const p = { low: 0, high: 1, default: 0.2, distribution: 'triangular' as const, integer: false };
    expect(quantileOf(p, 0)).toBe(0);
    expect(quantileOf(p, 1)).toBeCloseTo(1, 12);
    // P(X ≤ mode) = (c − a) / (b − a) = 0.2.
    expect(quantileOf(p, 0.2)).toBeCloseTo(0.2, 12);
    expect(quantileOf({ ...p, distribution: 'uniform' }, 0.5)).toBe(0.5);
    expect(quantileOf({ low: 1, high: 6, default: 3, distribution: 'uniform', integer: true }, 0.99)).toBe(6);
  });
});

describe('the scenario sections assumptions: and uncertainty:', () => {
  const yaml = (extra: string) => `name: t\nreferrals:\n  practices:\n    - name: a\n      referralsPerMonth: 10\nworkers:\n  - count: 1\n${extra}`;
  const problem = (text: string): InputError => {
    try {
      parseScenarioText(text, 'file.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('no error');
  };

  it('accepts the fixed assumptions by name and leaves a scenario without them as it was', () => {
    const s = ScenarioSchema.parse({ name: 't', referrals: { practices: [{ name: 'a', referralsPerMonth: 10 }] }, workers: [{}] });
    expect('assumptions' in s).toBe(false);
    expect('uncertainty' in s).toBe(false);
    const t = parseScenarioText(yaml('assumptions:\n  neutralStress: 0.35\n'), 'f.yaml');
    expect(t.assumptions).toEqual({ neutralStress: 0.35 });
  });

  it('refuses an unknown fixed assumption and a value out of bounds, naming the file, the path and the line', () => {
    const e = problem(yaml('assumptions:\n  neutralStres: 0.35\n'));
    expect(e.message).toContain('file.yaml:9');
    expect(e.message).toContain('neutralStres');
    const f = problem(yaml('assumptions:\n  knowledgeNovice: 1.5\n'));
    expect(f.message).toContain('assumptions.knowledgeNovice');
    expect(f.message).toContain('file.yaml:9');
  });

  it('an unknown parameter in uncertainty.assumptions gets a did-you-mean with the line', () => {
    const e = problem(yaml('uncertainty:\n  assumptions:\n    - parameter: workforce.baseLeavingPerYr\n      low: 0.05\n'));
    expect(e.message).toMatch(/file\.yaml:10: uncertainty\.assumptions\.0\.parameter: .*did you mean "workforce\.baseLeavingPerYear"/);
  });

  it('refuses a range out of the bounds, an empty range, a triangular whose mode is outside, and a parameter twice', () => {
    const m = (o: string) => problem(yaml(`uncertainty:\n  assumptions:\n${o}`)).message;
    expect(m('    - { parameter: workforce.baseLeavingPerYear, high: 1.5 }\n')).toContain('uncertainty.assumptions.0.high');
    expect(m('    - { parameter: workforce.baseLeavingPerYear, low: 0.2, high: 0.1 }\n')).toContain('must be below');
    expect(m('    - { parameter: workforce.baseLeavingPerYear, low: 0.15, high: 0.2 }\n')).toContain('distribution: uniform');
    expect(m('    - { parameter: patients.didNotAttend }\n    - { parameter: patients.didNotAttend }\n')).toContain('listed twice');
    expect(() =>
      parseScenarioText(
        yaml('uncertainty:\n  assumptions:\n    - { parameter: workforce.baseLeavingPerYear, low: 0.15, high: 0.2, distribution: uniform }\n'),
        'f.yaml',
      ),
    ).not.toThrow();
  });

  it('an override changes the varied range; fixed leaves the parameter out of the draws', () => {
    const all = variedParameters();
    expect(all.some((p) => p.id === 'assumptions.maxHomeVisitShare')).toBe(false);
    const v = variedParameters([{ parameter: 'patients.didNotAttend', low: 0.02, high: 0.3, distribution: 'uniform' }]);
    expect(v.find((p) => p.id === 'patients.didNotAttend')).toMatchObject({ low: 0.02, high: 0.3, distribution: 'uniform' });
    expect(variedParameters([{ parameter: 'patients.didNotAttend', distribution: 'fixed' }]).length).toBe(all.length - 1);
  });
});
