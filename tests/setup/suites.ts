/**
 * Which test files are in the fast suite (`npm run test:fast`, vitest.fast.config.ts): every test
 * file that starts no process and drives no browser. The rule is read from the code, so it stays
 * true as tests change. A file is slow when it, or a helper it imports from tests/, has a string
 * literal that:
 *   - imports child_process (spawns or execs anything: the CLI, npm, bash, tsc);
 *   - names bin/goldilocks (the CLI);
 *   - imports playwright / playwright-core or names /usr/bin/chromium (a browser);
 *   - names a generator in scripts/ or bench/run.mjs, or imports src/docs/ (rebuilds pages, docs
 *     numbers or bench tables);
 * or when it says so in a comment: `// test-suite: slow (why)`.
 * `npm test` runs every file, fast and slow. tests/setup/suites.test.ts checks the fast config
 * against this rule.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export const root = resolve(import.meta.dirname, '../..');

/** What makes a string literal slow, with the reason shown by the check. */
const RULES: Array<[RegExp, string]> = [
  [/^(node:)?child_process$/, 'starts processes (child_process)'],
  [/(^|\/)bin\/goldilocks$/, 'runs the CLI (bin/goldilocks)'],
  [/^playwright(-core)?$/, 'drives a browser (playwright)'],
  [/\/usr\/bin\/chromium/, 'drives a browser (chromium)'],
  [/(^|\/)scripts\/[\w.-]+\.m?[jt]s$/, 'runs a generator in scripts/'],
  [/(^|\/)bench\/run\.mjs$/, 'runs the bench'],
  [/(^|\/)src\/docs\//, 'regenerates the docs (src/docs/)'],
];
const MARKER = /\/\/\s*test-suite:\s*slow\b/;

/** Every test file, relative to the root, sorted. */
export function testFiles(dir = join(root, 'tests')): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...testFiles(path));
    else if (e.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out.sort();
}

function stringLiterals(source: ts.SourceFile): string[] {
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) out.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Why a file (relative to the root) is slow, following its imports of helpers in tests/; [] when fast. */
export function slowReasons(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(join(root, file), 'utf8');
  const reasons: string[] = [];
  if (MARKER.test(text)) reasons.push(`${file} is marked "test-suite: slow"`);
  const literals = stringLiterals(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS));
  for (const literal of literals) {
    for (const [pattern, why] of RULES) if (pattern.test(literal)) reasons.push(`${file} ${why}: '${literal}'`);
    // A helper of the tests (not the suite machinery in tests/setup/) counts as part of the file.
    if (/^\.\.?\//.test(literal)) {
      const helper = relative(root, resolve(dirname(join(root, file)), literal.replace(/\.js$/, '.ts')));
      if (helper.startsWith('tests/') && !helper.startsWith('tests/setup/') && helper.endsWith('.ts') && existsSync(join(root, helper)))
        reasons.push(...slowReasons(helper, seen));
    }
  }
  return [...new Set(reasons)];
}

/** The test files of the fast suite. */
export function fastFiles(): string[] {
  return testFiles().filter((f) => slowReasons(f).length === 0);
}

/** The test files that drive a browser: `npm test` runs them last, one at a time (vitest.config.ts). */
export function browserFiles(): string[] {
  return testFiles().filter((f) => slowReasons(f).some((r) => /drives a browser/.test(r)));
}
