/**
 * Docs generated from the registries cannot drift: every generated block of docs/model.md and
 * README.md (the metric table from METRICS, the dial and lever tables from LEVER_REGISTRY, the
 * stream / draw-key table from draw-keys.ts, the fixed assumptions) must equal what the code
 * produces now. When this fails, run `npm run docs:model` and review the diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYED_STREAMS } from '../../src/model/draw-keys.js';
import { fillGeneratedBlocks, generatedDocBlocks, metricTableMarkdown, SEQUENTIAL_STREAM_DOCS } from '../../src/model/generated-docs.js';
import { METRICS } from '../../src/model/metrics.js';
import { LEVER_IDS } from '../../src/scenario/lever-registry.js';

const root = new URL('../../', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, root), 'utf8');

/** The body between a block's markers, or undefined when the markers are missing. */
function committedBlock(text: string, name: string): string | undefined {
  const m = text.match(new RegExp(`<!-- ${name}:begin[^>]*-->\\n([\\s\\S]*?)<!-- ${name}:end -->`));
  return m?.[1];
}

describe('generated blocks in the docs', () => {
  for (const [file, blocks] of Object.entries(generatedDocBlocks())) {
    for (const [name, body] of Object.entries(blocks)) {
      it(`${file} block "${name}" equals what the registries produce now (npm run docs:model)`, () => {
        const committed = committedBlock(read(file), name);
        expect(committed, `${file} has no <!-- ${name}:begin --> … <!-- ${name}:end --> block`).toBeDefined();
        expect(committed).toBe(body);
      });
    }
    it(`${file} is a fixed point of the generator`, () => {
      const text = read(file);
      expect(fillGeneratedBlocks(text, blocks)).toBe(text);
    });
  }

  it('the README metric table has one row per metric, and the lever and stream tables one per lever and stream', () => {
    const rows = (body: string) => body.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows(metricTableMarkdown()).map((l) => l.split('`')[1])).toEqual(METRICS.map((m) => m.id));
    const model = generatedDocBlocks()['docs/model.md'];
    expect(rows(model['lever-table']).map((l) => l.split('`')[1])).toEqual(LEVER_IDS.map((k) => `levers.${k}`));
    expect(rows(model['draw-keys']).map((l) => l.split('`')[1])).toEqual([...KEYED_STREAMS, ...Object.keys(SEQUENTIAL_STREAM_DOCS)]);
  });

  it('docs/model.md §9 defines every metric of METRICS', () => {
    const model = read('docs/model.md');
    const section = model.slice(model.indexOf('## 9. Metrics'), model.indexOf('## 10. Validation'));
    expect(section.length).toBeGreaterThan(0);
    expect(METRICS.map((m) => m.id).filter((id) => !section.includes(`\`${id}\``))).toEqual([]);
  });

  it('the stream table names exactly the sequential streams src/model/ creates', () => {
    const dir = new URL('src/model/', root);
    const created = new Set<string>();
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      for (const m of readFileSync(join(dir.pathname, f), 'utf8').matchAll(/createStream\([^)]*?,\s*(['`])([^'`]+)\1\s*\)/g)) {
        created.add(m[2].replace(/\$\{[^}]*\}/g, '{i}'));
      }
    }
    expect([...created].sort()).toEqual(Object.keys(SEQUENTIAL_STREAM_DOCS).sort());
  });

  it('a block whose markers are missing is an error, not silently skipped', () => {
    expect(() => fillGeneratedBlocks('no markers here', { metrics: 'x\n' })).toThrow(/metrics/);
  });
});
