/**
 * Every source file the docs cite exists: in docs/model.md and README.md, each path under src/,
 * tests/, scripts/ or bench/ must exist, and each file name ending in .ts or .mjs must name a file
 * of the repository (top level, or anywhere under those folders). The whole text is scanned: prose,
 * backticked spans, fenced code blocks (such as the architecture diagram) and HTML comments. A file renamed or removed (as service.ts was, for replication.ts and its parts)
 * fails here until the docs are fixed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = ['docs/model.md', 'README.md'];
const CODE_DIRS = ['src', 'tests', 'scripts', 'bench'];

function names(dir: string, out = new Set<string>()): Set<string> {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    if (e.isDirectory()) names(join(dir, e.name), out);
    else out.add(e.name);
  }
  return out;
}
const topLevel = readdirSync(root, { withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => e.name);
const fileNames = new Set([...topLevel, ...CODE_DIRS.flatMap((d) => [...names(join(root, d))])]);

const PATH = /^(?:src|tests|scripts|bench)\/[\w./-]*$/;
const NAME = /^[\w-]+(?:\.[\w-]+)*\.(?:ts|mjs)$/;

/**
 * The citations of a markdown text: every token of the whole text (prose, backticked spans, fenced
 * code blocks, HTML comments) that is a path under src/, tests/, scripts/ or bench/, or a file name
 * ending in .ts or .mjs.
 */
function citations(text: string): { paths: string[]; names: string[] } {
  const paths: string[] = [];
  const found: string[] = [];
  for (const raw of text.split(/[\s,()'"`[\]<>=:;|*]+/)) {
    const tok = raw.replace(/[.]+$/, '');
    if (/[{}]/.test(tok) || tok.includes('...') || tok.includes('…')) continue; // a pattern (site-{n}), not a file
    if (PATH.test(tok)) paths.push(tok);
    else if (NAME.test(tok)) found.push(tok);
  }
  return { paths, names: found };
}

describe('source files cited in the docs exist', () => {
  it('finds citations (the scan works)', () => {
    const c = citations(
      'see `src/model/replication.ts` and `service.ts`, scripts/calibrate-sites.mjs.\n```\n  model   draw-keys.ts, assumptions.ts\n```\n<!-- x:begin (from src/model/metrics.ts) -->\n',
    );
    expect(c.paths).toEqual(['src/model/replication.ts', 'scripts/calibrate-sites.mjs', 'src/model/metrics.ts']);
    expect(c.names.sort()).toEqual(['assumptions.ts', 'draw-keys.ts', 'service.ts']);
    expect(fileNames.has('service.ts')).toBe(false);
  });

  for (const doc of DOCS) {
    const c = citations(readFileSync(join(root, doc), 'utf8'));
    it(`${doc}: every cited src/, tests/, scripts/ or bench/ path exists`, () => {
      expect(c.paths.length).toBeGreaterThan(0);
      expect(c.paths.filter((p) => !existsSync(join(root, p)))).toEqual([]);
    });
    it(`${doc}: every cited .ts / .mjs file name is a file of the repository (top level, src/, tests/, scripts/, bench/)`, () => {
      expect(c.names.filter((n) => !fileNames.has(n))).toEqual([]);
    });
  }
});
