/**
 * The explorer bundles the pure API for the browser: nothing in src/web's import graph may use a
 * Node module (scripts/build-web.mjs fails the build naming the importer). Shown to fail on a
 * module that imports node:fs.
 *
 * Nor may the page use the CLI (src/cli): its messages name flags and commands the page's users do
 * not have (issue #18). Checked on every import of every file under src/web (type-only imports
 * too, which the bundle would not show) and on the bundle's inputs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const { goldilocksModules } = (await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href)) as { goldilocksModules: Plugin };

const bundle = (entry: { entryPoints: string[] } | { stdin: { contents: string; resolveDir: string; loader: 'ts' } }) =>
  build({
    absWorkingDir: root,
    ...entry,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [goldilocksModules],
    metafile: true,
  });

/** Every module specifier a TypeScript file imports or re-exports (static and dynamic). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  for (const m of source.matchAll(/\b(?:import|export)\b[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]/g)) found.push(m[1] ?? m[2]);
  return found;
}

/** The imports of `file` (a path under the repository) that reach into src/cli, as "file → specifier". */
function cliImports(file: string, source: string): string[] {
  return specifiers(source)
    .filter((s) => s.startsWith('.') && relative(join(root, 'src/cli'), resolve(dirname(join(root, file)), s)).split(/[\\/]/)[0] !== '..')
    .map((s) => `${file} → ${s}`);
}

const webFiles = (readdirSync(join(root, 'src/web'), { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join('src/web', f));

describe('the explorer does not use the CLI', () => {
  it('no file under src/web imports from src/cli', () => {
    expect(webFiles.length).toBeGreaterThan(10);
    expect(webFiles).toContain(join('src/web/page/state.ts'));
    expect(webFiles.flatMap((f) => cliImports(f, readFileSync(join(root, f), 'utf8')))).toEqual([]);
  });

  it('the check finds such imports (static, type-only, re-exports, dynamic) and passes others', () => {
    const src = [
      "import { checkWindow } from '../../cli/window.js';",
      "import type { Options } from '../../cli/options.js';",
      "export { x } from '../../cli/x.js';",
      "import { y } from '../cli/y.js'; // src/web/cli, not the CLI",
      "const m = await import('../../cli/main.js');",
      "import {\n  a,\n  b,\n} from '../../cli/multi-line.js';",
      "import { HINTS } from '../../messages.js';",
      "import { client } from '../../client/x.js';",
      "import { parse } from 'yaml';",
    ].join('\n');
    expect(cliImports('src/web/page/x.ts', src)).toEqual([
      'src/web/page/x.ts → ../../cli/window.js',
      'src/web/page/x.ts → ../../cli/options.js',
      'src/web/page/x.ts → ../../cli/x.js',
      'src/web/page/x.ts → ../../cli/main.js',
      'src/web/page/x.ts → ../../cli/multi-line.js',
    ]);
  });

  it('the bundle holds no module of src/cli', async () => {
    const result = await bundle({ entryPoints: ['src/web/entry.ts'] });
    expect(Object.keys(result.metafile!.inputs).filter((f) => f.startsWith('src/cli/'))).toEqual([]);
  });
});

describe('explorer bundle purity', () => {
  it('src/web/entry.ts bundles for the browser with no node: module', async () => {
    const result = await bundle({ entryPoints: ['src/web/entry.ts'] });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((f) => f.startsWith('node:'))).toBe(false);
    for (const f of [
      'src/jobs/designs.ts',
      'src/jobs/simulate.ts',
      'src/scenario/parse.ts',
      'src/model/replication.ts',
      'src/experiment/run-files.ts',
      'src/report/html.ts',
    ])
      expect(inputs, f).toContain(f);
    for (const f of ['src/scenario/load.ts', 'src/experiment/files.ts', 'src/experiment/manifest.ts', 'src/report/report-folder.ts', 'src/report/render.ts'])
      expect(inputs, f).not.toContain(f);
  });

  it('fails, naming the importer, when a module imports node:fs', async () => {
    await expect(
      bundle({
        stdin: {
          contents: "import { readFileSync } from 'node:fs'; import { simulate } from './src/api/pure.js'; console.log(readFileSync, simulate);",
          resolveDir: root,
          loader: 'ts',
        },
      }),
    ).rejects.toThrow(/node:fs imported by .*the explorer bundle must not use Node modules/s);
    await expect(
      bundle({ stdin: { contents: "import { loadScenario } from './src/experiment/load.js'; console.log(loadScenario);", resolveDir: root, loader: 'ts' } }),
    ).rejects.toThrow(/src\/scenario\/load\.ts/);
  });
});
