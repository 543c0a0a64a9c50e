/**
 * `--set` reaches a cost group by its name, whatever the name (#26 §2): `constructor` and
 * `prototype` are names like any other under costs.groups, set as own entries, giving the numbers
 * of the same value written in the file; elsewhere (and `__proto__` everywhere) they are refused,
 * naming the path, and nothing reaches Object.prototype.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioForPoint } from '../../src/experiment/point-runner.js';
import { loadSweep } from '../../src/experiment/sweep-load.js';
import { parseScenario } from '../../src/jobs/designs.js';
import { costPlan } from '../../src/model/costs.js';
import { InputError } from '../../src/scenario/errors.js';
import { setPath } from '../../src/scenario/parse.js';

const yaml = (a: string, salary?: number) => `name: names
referrals: { practices: [{ name: P, referralsPerMonth: 20 }] }
workers:
  - { name: ${a}, count: 1 }
  - { name: B, count: 1 }
${salary === undefined ? '' : `costs:\n  groups:\n    ${a}: { salaryPerWteYear: ${salary} }\n`}`;

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message.split('\n')[0];
  }
  throw new Error('accepted');
}

describe('--set and names under costs.groups', () => {
  for (const name of ['constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
    it(`--set costs.groups.${name}.salaryPerWteYear gives the cost of the same value in the file`, () => {
      const set = parseScenario(yaml(name), { set: [`costs.groups.${name}.salaryPerWteYear=99`] });
      const file = parseScenario(yaml(name, 99));
      expect(Object.keys(set.costs.groups ?? {})).toEqual([name]);
      expect(costPlan(set)).toEqual(costPlan(file));
      expect(costPlan(set).staffPerYear).toBeCloseTo(99 * 1.275 + 32_324 * 1.275, 6);
      expect(({} as Record<string, unknown>).salaryPerWteYear).toBeUndefined();
    });
  }

  it('constructor and prototype anywhere else, and __proto__ everywhere, are refused naming the path', () => {
    for (const path of [
      'constructor.prototype.x',
      'costs.groups.constructor.prototype.x',
      'costs.groups.__proto__.salaryPerWteYear',
      'costs.constructor.x',
      'workers.0.constructor.x',
    ]) {
      expect(refusal(() => parseScenario(yaml('A'), { file: 's.yaml', set: [`${path}=1`] }))).toContain(path);
      expect(() => setPath({}, path.split('.'), 1)).toThrow(/is not a scenario field/);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getOwnPropertyNames(Object.prototype)).not.toContain('x');
  });

  for (const name of ['constructor', 'prototype']) {
    it(`a sweep factor costs.groups.${name}.salaryPerWteYear is checked and run like the same --set (no unexpected error)`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'names-sweep-'));
      try {
        writeFileSync(join(dir, 'base.yaml'), yaml(name, 50));
        const factor = `costs.groups.${name}.salaryPerWteYear`;
        writeFileSync(
          join(dir, 'sweep.yaml'),
          `name: s\nbase: base.yaml\nfactors:\n  - path: ${factor}\n    values: [99, 200]\ndesign: grid\nreplications: 1\nyears: 1\nwarmupDays: 0\nmetrics: [costPerYear]\n`,
        );
        const ls = loadSweep(join(dir, 'sweep.yaml'));
        const point = scenarioForPoint(ls.context, [99]);
        expect(costPlan(point)).toEqual(costPlan(parseScenario(yaml(name), { set: [`${factor}=99`] })));
        expect(Object.hasOwn(point.costs.groups ?? {}, name)).toBe(true);
        expect(({} as Record<string, unknown>).salaryPerWteYear).toBeUndefined();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
