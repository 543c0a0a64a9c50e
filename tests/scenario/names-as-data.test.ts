/**
 * Names are data, never object keys: worker groups, practices and cost groups named like the
 * properties every JavaScript object has give exactly the numbers of ordinary names; the one name
 * an object key cannot hold (`__proto__`) is refused with a message naming the field and line,
 * never silently dropped; `--set` paths through the prototype are refused; nothing pollutes
 * Object.prototype.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/api/pure.js';
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
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(Object.getOwnPropertyNames(Object.getPrototypeOf({})).sort());
      expect(({} as Record<string, unknown>).salaryPerWteYear).toBeUndefined();
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
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
