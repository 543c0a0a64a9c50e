/**
 * The explorer bundles the pure API for the browser: nothing in src/web's import graph may use a
 * Node module (scripts/build-web.mjs fails the build naming the importer). Shown to fail on a
 * module that imports node:fs.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const { goldilocksModules } = (await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href)) as { goldilocksModules: Plugin };

const bundle = (entry: { entryPoints: string[] } | { stdin: { contents: string; resolveDir: string; loader: 'ts' } }) =>
  build({ absWorkingDir: root, ...entry, bundle: true, format: 'iife', platform: 'browser', write: false, logLevel: 'silent', plugins: [goldilocksModules], metafile: true });

describe('explorer bundle purity', () => {
  it('src/web/entry.ts bundles for the browser with no node: module', async () => {
    const result = await bundle({ entryPoints: ['src/web/entry.ts'] });
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((f) => f.startsWith('node:'))).toBe(false);
    for (const f of ['src/jobs/designs.ts', 'src/jobs/simulate.ts', 'src/scenario/parse.ts', 'src/model/replication.ts', 'src/experiment/run-files.ts', 'src/report/html.ts']) expect(inputs, f).toContain(f);
    for (const f of ['src/scenario/load.ts', 'src/experiment/files.ts', 'src/experiment/manifest.ts', 'src/report/report-folder.ts', 'src/report/render.ts']) expect(inputs, f).not.toContain(f);
  });

  it('fails, naming the importer, when a module imports node:fs', async () => {
    await expect(bundle({ stdin: { contents: "import { readFileSync } from 'node:fs'; import { simulate } from './src/api/pure.js'; console.log(readFileSync, simulate);", resolveDir: root, loader: 'ts' } })).rejects.toThrow(/node:fs imported by .*the explorer bundle must not use Node modules/s);
    await expect(bundle({ stdin: { contents: "import { loadScenario } from './src/experiment/load.js'; console.log(loadScenario);", resolveDir: root, loader: 'ts' } })).rejects.toThrow(/src\/scenario\/load\.ts/);
  });
});
