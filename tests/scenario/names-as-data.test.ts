/**
 * Names are data, never object keys: worker groups, practices and cost groups named like the
 * properties every JavaScript object has give exactly the numbers of ordinary names; the one name
 * an object key cannot hold (`__proto__`) is refused with a message naming the field and line,
 * never silently dropped; `--set` paths through the prototype are refused; nothing pollutes
 * Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import { compare, explore, type Scenario, simulate } from '../../src/api/pure.js';
import { defaultThreshold, resolveThresholds } from '../../src/experiment/compare.js';
import { parseScenario } from '../../src/jobs/designs.js';
import { InputError } from '../../src/scenario/errors.js';

const yaml = (a: string, b: string) => `name: names
referrals: { practices: [{ name: ${a}, referralsPerMonth: 20 }, { name: ${b}, referralsPerMonth: 10 }] }
workers:
  - { name: ${a}, count: 1 }
  - { name: ${b}, count: 1.5 }
costs:
  groups:
    ${a}: { salaryPerWteYear: 99 }
    ${b}: { salaryPerWteYear: 5, onCostRate: 0.1 }
run: { years: 1, warmupDays: 30, replications: 2 }
`;

/** Object.prototype as it was when this file loaded: every case must leave it so. */
const PROTOTYPE = Object.getOwnPropertyNames(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)]);
function expectPrototypeUntouched() {
  expect(Object.getOwnPropertyNames(Object.prototype).map((k) => [k, Object.getOwnPropertyDescriptor(Object.prototype, k)])).toEqual(PROTOTYPE);
  expect(Object.getPrototypeOf(Object.prototype)).toBeNull();
  for (const k of ['x', 'polluted', 'salaryPerWteYear', 'A', 'B', 'discretion']) expect(({} as Record<string, unknown>)[k], k).toBeUndefined();
}

/** The same file as `yaml`, named `scenario`, with cost group `a` paid `salary`. */
const design = (scenario: string, a: string, b: string, salary: number) =>
  yaml(a, b).replace('name: names', `name: ${scenario}`).replace('salaryPerWteYear: 99', `salaryPerWteYear: ${salary}`);

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message.split('\n')[0];
  }
  throw new Error('accepted');
}

describe('names are data', () => {
  for (const [a, b] of [
    ['constructor', 'toString'],
    ['hasOwnProperty', 'valueOf'],
  ]) {
    it(`workers, practices and cost groups named ${a} and ${b} give the numbers of A and B exactly`, async () => {
      const plain = await simulate(yaml('A', 'B'), { workers: 1 });
      const odd = await simulate(yaml(a, b), { workers: 1 });
      expect(odd.metrics).toEqual(plain.metrics);
      // 99 × 1.275 × 1 WTE + 5 × 1.1 × 1.5 WTE: the groups' own pay, not the default salary.
      expect(plain.metrics.costPerYear.mean).toBeCloseTo(99 * 1.275 + 5 * 1.1 * 1.5, 6);
      expectPrototypeUntouched();
    });
  }

  it('"__proto__" as a worker group, a practice or a cost group is refused with the field and line, never dropped', () => {
    expect(refusal(() => parseScenario(yaml('__proto__', 'B'), { file: 'n.yaml' }))).toMatch(
      /^n\.yaml:\d+: (workers\.0\.name|referrals\.practices\.0\.name|costs\.groups\.__proto__): "__proto__" cannot be a name/,
    );
    const costsOnly = yaml('proto', 'B').replace('    proto: {', '    __proto__: {');
    expect(refusal(() => parseScenario(costsOnly, { file: 'c.yaml' }))).toBe(
      'c.yaml:8: costs.groups.__proto__: "__proto__" cannot be a name (JavaScript reserves it); choose another, e.g. "proto"',
    );
  });

  it('--set through the prototype is refused, naming the path, and pollutes nothing', () => {
    for (const set of ['__proto__.x=1', 'constructor.prototype.x=1', 'workers.0.__proto__.polluted=1']) {
      expect(refusal(() => parseScenario(yaml('A', 'B'), { file: 's.yaml', set: [set] }))).toContain(
        set.split('=')[0].split('.')[0] === 'workers' ? 'workers.0.__proto__' : set.split('=')[0].split('.')[0],
      );
    }
    expectPrototypeUntouched();
  });

  it('a scenario object (JSON) with a cost group "__proto__" is refused too, never run on the default pay', async () => {
    const text = JSON.stringify(parseScenario(yaml('proto', 'B'))).replace('"proto":{"salaryPerWteYear"', '"__proto__":{"salaryPerWteYear"');
    const object = JSON.parse(text) as Scenario;
    expect(Object.hasOwn(object.costs.groups ?? {}, '__proto__')).toBe(true);
    await expect(simulate(object, { workers: 1 })).rejects.toThrow(/costs\.groups\.__proto__: "__proto__" cannot be a name/);
    expectPrototypeUntouched();
  });
});

describe('names are data through compare and explore', () => {
  for (const [scenarioA, scenarioB, a, b] of [
    ['__proto__', 'constructor', 'constructor', 'toString'],
    ['toString', 'valueOf', 'hasOwnProperty', 'valueOf'],
  ]) {
    it(`designs named ${scenarioA} and ${scenarioB} with groups ${a} and ${b} compare exactly as a/b with A/B`, async () => {
      const odd = await compare([design(scenarioA, a, b, 99), design(scenarioB, a, b, 500)], { workers: 1 });
      const plain = await compare([design('a', 'A', 'B', 99), design('b', 'A', 'B', 500)], { workers: 1 });
      expect(odd.designs.map((d) => d.scenario)).toEqual([scenarioA, scenarioB]);
      expect(odd.differences.map((d) => [d.scenario, d.versus])).toEqual([[scenarioB, scenarioA]]);
      expect(odd.designs.map((d) => d.metrics)).toEqual(plain.designs.map((d) => d.metrics));
      expect(odd.differences.map((d) => [d.metrics, d.costEffect])).toEqual(plain.differences.map((d) => [d.metrics, d.costEffect]));
      // The pay of the first group only differs: (500 − 99) × 1.275 a year, exactly.
      expect(odd.differences[0].metrics.costPerYear.mean).toBeCloseTo((500 - 99) * 1.275, 6);
      expectPrototypeUntouched();
    });
  }

  it('explore with groups and practices named constructor and toString gives the dial of A and B exactly', async () => {
    const odd = await explore(design('constructor', 'constructor', 'toString', 99), { workers: 1, steps: 3 });
    const plain = await explore(design('names', 'A', 'B', 99), { workers: 1, steps: 3 });
    expect(odd.scenario).toBe('constructor');
    expect({ ...odd, scenario: 'names' }).toEqual(plain);
    expectPrototypeUntouched();
  });

  it('thresholds named after Object.prototype members are "no metric", naming them, whatever the door', async () => {
    const designs = [design('a', 'A', 'B', 99), design('b', 'A', 'B', 500)];
    for (const thresholds of [
      JSON.parse('{"__proto__": {"absolute": 1}}'),
      { constructor: { absolute: 1 } },
      { toString: { relative: 0.1 } },
      { hasOwnProperty: { absolute: 0 } },
    ]) {
      const name = Object.keys(thresholds)[0];
      await expect(compare(designs, { workers: 1, thresholds }), name).rejects.toThrow(`no metric "${name}"`);
    }
    expectPrototypeUntouched();
  });

  it('thresholds are read from own entries only (an inherited one is not a threshold)', () => {
    const inherited = Object.create({ waitDays: { absolute: 99 } }) as Record<string, { absolute: number }>;
    expect(resolveThresholds(inherited).waitDays).toEqual(defaultThreshold('waitDays'));
    expect(resolveThresholds({ waitDays: { absolute: 3 } }).waitDays).toEqual({ absolute: 3 });
  });
});
