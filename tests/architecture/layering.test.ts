/**
 * The one-way layering of src/, as a specification: each folder may import its own files and the
 * layers below it, never a layer above, and the three doors (cli, api, web) never import each
 * other. The event kernel knows nothing of link workers; the model knows nothing of the CLI.
 *
 *   messages.ts ← engine, random ← scenario ← model ← experiment ← report ← jobs, fit ← docs
 *     ← doors: cli | api | web ← index.ts
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Rank of each top-level part of src/: imports may only go to an equal or lower rank (doors: only lower). */
const LAYERS: Record<string, number> = {
  'messages.ts': 0,
  types: 0,
  engine: 1,
  random: 1,
  scenario: 2,
  model: 3,
  experiment: 4,
  report: 5,
  jobs: 6,
  fit: 6,
  docs: 7,
  cli: 8,
  api: 8,
  web: 8,
  'index.ts': 9,
};
const DOORS = new Set(['cli', 'api', 'web']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative imports of a source file (static, dynamic and type-only), as paths under src/. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) =>
    relative(SRC, resolve(dirname(file), s))
      .split('\\')
      .join('/'),
  );
}

const partOf = (path: string) => path.split('/')[0].replace(/\.js$/, '.ts');

function violations(): string[] {
  const out: string[] = [];
  for (const file of files(SRC)) {
    const from = partOf(relative(SRC, file).split('\\').join('/'));
    for (const target of importsOf(file)) {
      const to = partOf(target);
      if (to === from) continue;
      const a = LAYERS[from];
      const b = LAYERS[to];
      const where = `${relative(SRC, file)} imports ${target}`;
      if (a === undefined || b === undefined) out.push(`${where}: ${a === undefined ? from : to} has no layer (add it to LAYERS)`);
      else if (DOORS.has(from) && DOORS.has(to)) out.push(`${where}: sideways between doors (${from} → ${to})`);
      else if (b > a) out.push(`${where}: upwards (${from} is below ${to})`);
    }
  }
  return out;
}

describe('the layering of src/', () => {
  it('no import runs upwards or sideways between the doors', () => {
    expect(violations()).toEqual([]);
  });

  it('the rule notices an upward import and a sideways one (checked on made-up files)', () => {
    const model = join(SRC, 'model/x.ts');
    expect(importsOf(model, "import { a } from '../cli/main.js';\nconst b = await import('../report/html.js');")).toEqual(['cli/main.js', 'report/html.js']);
    expect(LAYERS[partOf('cli/main.js')]).toBeGreaterThan(LAYERS.model);
    expect(DOORS.has(partOf('web/page.ts')) && DOORS.has(partOf('cli/window.js'))).toBe(true);
  });

  it('every part of src/ has a layer', () => {
    const parts = readdirSync(SRC)
      .map((p) => (p.endsWith('.ts') || statSync(join(SRC, p)).isDirectory() ? p : null))
      .filter((p): p is string => p !== null);
    expect(parts.filter((p) => LAYERS[p] === undefined)).toEqual([]);
  });

  it('the engine imports nothing of the model, and the model nothing of the doors or the report', () => {
    const bad = files(SRC).flatMap((f) => {
      const part = partOf(relative(SRC, f));
      return importsOf(f)
        .map(partOf)
        .filter((to) => (part === 'engine' && to !== 'engine') || (part === 'model' && ['cli', 'api', 'web', 'report', 'jobs', 'experiment'].includes(to)))
        .map((to) => `${relative(SRC, f)} → ${to}`);
    });
    expect(bad).toEqual([]);
  });
});
