/**
 * The chosen design as a scenario file (src/experiment/plan-scenario.ts): it reproduces what the
 * plan simulated (its run settings), marks every value the plan changed with the base's value
 * (replacing the base's comment, which described the old value), keeps the rest of the base's
 * text and comments, and carries no editor modeline relative to another folder.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { chosenScenarioText } from '../../src/experiment/plan-scenario.js';

const base = `# yaml-language-server: $schema=./goldilocks.schema.json
# A service.
name: svc
description: Two full-time link workers.
run:
  years: 3 # horizon
  warmupDays: 182
workers:
  - name: Link worker
    count: 2 # two posts
policy:
  sessionCap: 6 # Table 2
`;

describe('the chosen design as a scenario file', () => {
  const text = chosenScenarioText({
    baseText: base,
    name: 'svc-plan',
    paths: ['workers.0.count', 'policy.sessionCap'],
    values: [1.5, 6],
    run: { years: 2, warmupDays: 182, seed: 4 },
    header: ['Chosen by goldilocks plan'],
    note: 'Chosen by goldilocks plan p: workers.0.count = 1.5.',
  });
  const doc = parse(text);

  it('has the chosen values and the run settings the plan simulated', () => {
    expect(doc.workers[0].count).toBe(1.5);
    expect(doc.policy.sessionCap).toBe(6);
    expect(doc.run).toEqual({ years: 2, warmupDays: 182, seed: 4 });
    expect(doc.name).toBe('svc-plan');
  });

  it('marks changed values with the base value and leaves unchanged ones and their comments alone', () => {
    expect(text).toContain('count: 1.5 # chosen by goldilocks plan (the base had 2)');
    expect(text).not.toContain('# two posts');
    expect(text).toContain('sessionCap: 6 # Table 2');
    expect(text).toContain('years: 2 # as the plan simulated (the base had 3)');
    expect(text).toContain('# A service.');
  });

  it('says where it came from before the base description, and drops the modeline', () => {
    expect(doc.description).toMatch(
      /^Chosen by goldilocks plan p: workers\.0\.count = 1\.5\. The base scenario's description .*: Two full-time link workers\.$/,
    );
    expect(text.startsWith('# Chosen by goldilocks plan')).toBe(true);
    expect(text).not.toContain('yaml-language-server');
  });
});
