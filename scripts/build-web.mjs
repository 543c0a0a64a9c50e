#!/usr/bin/env node
/**
 * Build the explorer: ONE self-contained HTML file (dist/web/explorer.html, copied to
 * output/explorer.html), which `goldilocks web` copies. The page's code is one esbuild bundle of
 * src/web/entry.ts (the same src/engine, src/random, src/model, src/scenario and pure
 * src/experiment code as the CLI, vega and vega-lite for the charts), inlined in a <script>; the
 * page starts its Web Worker from the same text through a blob URL, so it works from file://.
 * The build fails if anything in the bundle still imports a `node:` module.
 *
 *   node scripts/build-web.mjs [--out FILE]
 */
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Shipped scenarios: every scenarios/*.yaml that is a scenario (not a sweep), default first. */
function shipped() {
  const files = readdirSync(join(root, 'scenarios'))
    .filter((f) => f.endsWith('.yaml') && !f.startsWith('sweep-') && !f.startsWith('plan-'))
    .sort((a, b) => (a === 'default.yaml' ? -1 : b === 'default.yaml' ? 1 : a.localeCompare(b, 'en', { numeric: true })));
  return files.map((file) => ({ file, text: readFileSync(join(root, 'scenarios', file), 'utf8') }));
}

export const goldilocksModules = {
  name: 'goldilocks-virtual',
  setup(b) {
    b.onResolve({ filter: /^goldilocks:shipped$/ }, () => ({ path: 'shipped', namespace: 'goldilocks' }));
    b.onLoad({ filter: /.*/, namespace: 'goldilocks' }, () => ({
      contents: `export const SHIPPED = ${JSON.stringify(shipped())};\nexport const PACKAGE = ${JSON.stringify({ name: pkg.name, version: pkg.version })};\n`,
      loader: 'js',
    }));
    // Every bundled copy of vega-scenegraph registers its text metrics, so the page can give
    // them DejaVu Sans's widths as render.ts does in Node (npm may install several copies).
    b.onLoad({ filter: /[\\/]vega-scenegraph[\\/]build[\\/]vega-scenegraph\.js$/ }, (args) => ({
      contents: `${readFileSync(args.path, 'utf8')}\n;(globalThis.__goldilocksTextMetrics ??= []).push(textMetrics);\n`,
      loader: 'js',
    }));
    // csv-parse's Node build (the fit's reader, src/fit/activity.ts) uses Node's Buffer when it
    // loads; the page takes the package's own browser build of the same parser.
    b.onResolve({ filter: /^csv-parse\/sync$/ }, (args) => b.resolve('csv-parse/browser/esm/sync', { kind: args.kind, resolveDir: args.resolveDir }));
    // Node modules have no place in the browser: fail the build, naming who imports them.
    // (Packages' own optional `require('crypto')` are left to their package.json "browser" field.)
    b.onResolve({ filter: /^node:|^(fs|path|crypto|url|module|worker_threads|os)$/ }, (args) =>
      args.path.startsWith('node:') || !/[\\/]node_modules[\\/]/.test(args.importer)
        ? { errors: [{ text: `${args.path} imported by ${args.importer}: the explorer bundle must not use Node modules (split the module into a pure part)` }] }
        : undefined,
    );
  },
};

export async function buildExplorer() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/web/entry.ts'],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome109',
    minify: true,
    legalComments: 'none',
    write: false,
    charset: 'utf8',
    plugins: [goldilocksModules],
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
  const css = readFileSync(join(root, 'src/web/explorer.css'), 'utf8');
  const template = readFileSync(join(root, 'src/web/explorer.html'), 'utf8');
  const html = template
    .replace('/*GOLDILOCKS_CSS*/', () => css)
    .replace('/*GOLDILOCKS_CODE*/', () => code)
    .replaceAll('GOLDILOCKS_VERSION', pkg.version);
  return html;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const i = process.argv.indexOf('--out');
  const html = await buildExplorer();
  const dist = join(root, 'dist/web/explorer.html');
  mkdirSync(dirname(dist), { recursive: true });
  writeFileSync(dist, html);
  const out = i > 0 ? process.argv[i + 1] : join(root, 'output/explorer.html');
  mkdirSync(dirname(out), { recursive: true });
  copyFileSync(dist, out);
  process.stdout.write(`explorer: ${dist} (${(html.length / 1024 / 1024).toFixed(2)} MB), copied to ${out}\n`);
}
