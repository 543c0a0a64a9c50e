/**
 * One place to extend the model: the lever registry drives the schema, the resolved levers, the
 * report's assumptions and the docs; named assumptions and generated doc blocks stay in step; and
 * monitoring is passive.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIAL_LEVER_IDS, LEVER_IDS, leversOff } from '../../src/scenario/lever-registry.js';
import { LeversSchema } from '../../src/scenario/levers-schema.js';
import { resolveLevers } from '../../src/model/discretion.js';
import { fillGeneratedBlocks, generatedModelDocBlocks } from '../../src/model/generated-docs.js';
import { FIXED_ASSUMPTIONS } from '../../src/model/assumptions.js';
import { assumptionsInForce } from '../../src/report/assumptions.js';
import { runReplication, TraceMonitor } from '../../src/model/index.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { scenario } from '../helpers.js';

const docs = readFileSync(new URL('../../docs/model.md', import.meta.url), 'utf8');

describe('the lever registry', () => {
  it('is the schema: every lever and nothing else is accepted under `levers`', () => {
    const props = (scenarioJsonSchema() as { properties: { levers: { properties: object } } }).properties.levers.properties;
    expect(Object.keys(props).sort()).toEqual([...LEVER_IDS].sort());
    expect(LeversSchema.safeParse({ notALever: 1 }).success).toBe(false);
  });

  it('resolves every lever, with the dial filling only the dial levers', () => {
    const at = (d: number) => resolveLevers(scenario({ discretion: d }, true));
    expect(Object.keys(at(0)).sort()).toEqual([...LEVER_IDS, 'autonomy'].sort());
    expect(at(0).autonomy).toBe(0);
    expect(at(1).autonomy).toBe(1);
    for (const k of LEVER_IDS.filter((k) => !(DIAL_LEVER_IDS as readonly string[]).includes(k))) expect(at(0)[k]).toEqual(at(1)[k]);
  });

  it("lists every lever in the report's assumptions and in docs/model.md", () => {
    const rows = assumptionsInForce(scenario({}, true)).map((r) => r.path);
    for (const k of LEVER_IDS) {
      expect(rows).toContain(`levers.${k}`);
      expect(docs).toContain(`levers.${k}`);
    }
  });

  it("switches every mechanism off for the tests' version-1 service", () => {
    const off = resolveLevers(scenario({ levers: leversOff() }, true));
    expect(off.capExtension).toBe(0);
    expect(off.reReferral).toBe(0);
    expect(off.protectNetworking).toBe(1);
    expect(off.triage).toBe(false);
  });
});

describe('generated documentation', () => {
  it('docs/model.md holds the dial table and fixed assumptions the code generates (npm run docs:model)', () => {
    expect(fillGeneratedBlocks(docs, generatedModelDocBlocks())).toBe(docs);
  });

  it('names every fixed assumption of src/model/assumptions.ts', () => {
    for (const k of Object.keys(FIXED_ASSUMPTIONS)) expect(docs).toContain(`\`${k}\``);
  });
});

describe('monitoring is passive', () => {
  it('a run observed by a trace gives the same numbers as one without', () => {
    const s = scenario({}, true);
    const plain = runReplication(s, 0);
    const traced = runReplication(s, 0, { monitor: new TraceMonitor() });
    expect(traced.metrics).toEqual(plain.metrics);
    expect(traced.weekly).toEqual(plain.weekly);
  });
});
