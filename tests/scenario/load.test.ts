import { describe, it, expect } from 'vitest';
import { parseScenarioText, loadScenarioFile, loadDefaultScenario } from '../../src/scenario/load.js';
import { scenarioJsonSchema, scenarioJsonSchemaText } from '../../src/scenario/schema.js';
import { problemsOf, minimal } from './fixtures.js';

describe('scenario loading', () => {
  it('fills every default into a minimal scenario', () => {
    const s = parseScenarioText(minimal);
    expect(s.policy.sessionCap).toBe(6);
    expect(s.patients.sessionsNeeded).toEqual({ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 });
    expect(s.workers[0].rota).toBe('standard');
    expect(s.referrals.sourceMix.gp).toBe(60);
    expect(s.run.replications).toBe(20);
    expect(Object.isFrozen(s.workers[0])).toBe(true);
  });

  it('reports an unknown key with its path and line', () => {
    const text = minimal.replace('  - count: 2', '  - count: 2\n    netwerkingHours: 3');
    const [p] = problemsOf(() => parseScenarioText(text, 'x.yaml'));
    expect(p.path).toBe('workers.0');
    expect(p.line).toBe(8);
    expect(p.message).toMatch(/unknown field "netwerkingHours"/);
  });

  it('reports a wrong type with the field path and the line of the value', () => {
    const text = minimal.replace('referralsPerMonth: 10', 'referralsPerMonth: lots');
    const [p] = problemsOf(() => parseScenarioText(text, 'x.yaml'));
    expect(p.path).toBe('referrals.practices.0.referralsPerMonth');
    expect(p.line).toBe(5);
  });

  it('rejects a negative referral rate', () => {
    const [p] = problemsOf(() => parseScenarioText(minimal.replace('10', '-3')));
    expect(p.path).toBe('referrals.practices.0.referralsPerMonth');
    expect(p.message).toMatch(/>=\s*0|too small/i);
  });

  it('explains a bad distribution by the branch the author meant', () => {
    const text = minimal + 'patients:\n  followUpMinutes: { type: triangular, min: 10, mode: 70, max: 60 }\n';
    const [p] = problemsOf(() => parseScenarioText(text));
    expect(p.path).toBe('patients.followUpMinutes.mode');
    expect(p.message).toMatch(/min <= mode <= max/);
    expect(p.line).toBe(9);
  });

  it('rejects a negative binomial that is not over-dispersed, saying what to use instead', () => {
    const text = minimal + 'patients:\n  sessionsNeeded: { type: negativeBinomial, mean: 4, sd: 1, min: 1 }\n';
    const [p] = problemsOf(() => parseScenarioText(text));
    expect(p.message).toMatch(/poisson/);
  });

  it('reports YAML syntax errors with a line', () => {
    const [p] = problemsOf(() => parseScenarioText('name: t\nreferrals: [\n', 'bad.yaml'));
    expect(p.message).toMatch(/YAML syntax/);
    expect(p.line).toBeGreaterThan(0);
  });

  it('reports a missing file as input error', () => {
    const [p] = problemsOf(() => loadScenarioFile('does/not/exist.yaml'));
    expect(p.message).toMatch(/file not found/);
  });

  it('applies --set overrides by dotted path, validated like the file', () => {
    const s = parseScenarioText(minimal, 't.yaml', [
      'policy.sessionCap=open',
      'workers.0.count=3',
      'patients.daysBetweenSessions={type: uniform, min: 7, max: 21}',
    ]);
    expect(s.policy.sessionCap).toBe('open');
    expect(s.workers[0].count).toBe(3);
    expect(s.patients.daysBetweenSessions).toEqual({ type: 'uniform', min: 7, max: 21 });
    const [p] = problemsOf(() => parseScenarioText(minimal, 't.yaml', ['policy.sessionCap=0']));
    expect(p.origin).toBe('--set policy.sessionCap=0');
    const [q] = problemsOf(() => parseScenarioText(minimal, 't.yaml', ['policy.sesionCap=3']));
    expect(q.message).toMatch(/unknown field "sesionCap"/);
  });

  it('accepts JSON as well as YAML', () => {
    const s = parseScenarioText(JSON.stringify({ name: 'j', referrals: { practices: [{ name: 'A', referralsPerMonth: 1 }] }, workers: [{}] }));
    expect(s.name).toBe('j');
  });

  it('has a built-in default scenario', () => {
    const { scenario, file } = loadDefaultScenario();
    expect(scenario.name).toBe('default');
    expect(file).toBe('<built-in default>');
  });
});

describe('JSON Schema export', () => {
  it('scenarios/goldilocks.schema.json is current (regenerate with `goldilocks schema --out scenarios/goldilocks.schema.json`)', async () => {
    const { readFileSync } = await import('node:fs');
    const committed = readFileSync(new URL('../../scenarios/goldilocks.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(scenarioJsonSchemaText());
  });

  it('describes every top-level field, forbids unknown keys and keeps defaulted fields optional', () => {
    const schema = scenarioJsonSchema() as { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['name', 'run', 'referrals', 'workers', 'patients', 'policy', 'initialState']));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'referrals', 'workers']));
    expect(schema.required).not.toContain('policy');
  });
});

describe('the README', () => {
  it('shows an annotated scenario example that validates', async () => {
    const { readFileSync } = await import('node:fs');
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    const example = blocks.find((b) => b.includes('name: my-pcn'));
    expect(example).toBeDefined();
    const s = parseScenarioText(example!, 'README.md');
    expect(s.workers[0].count).toBe(2);
    expect(s.levers.capExtension).toBe(0.3);
  });
});
