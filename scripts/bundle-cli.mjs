#!/usr/bin/env node
/**
 * Bundle the compiled CLI (dist/cli/main.js) and the sweep's worker thread into dist/bundle/.
 *
 * Why: Node's ESM loader resolves, stats and reads every module file; zod, yaml and our own ~80
 * modules made that most of a short command's start-up. One bundle per entry (with shared chunks
 * for what the commands load lazily) is read in a few reads. vega, vega-lite and resvg stay
 * external: they are loaded only when a chart is drawn, and resvg is a native addon.
 *
 * dist/bundle/ sits at the same depth as dist/<folder>/, so the modules' `import.meta.url`
 * paths (../../package.json, ../../scenarios/default.yaml, ./pool-worker.js) resolve the same.
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/bundle`;
rmSync(outdir, { recursive: true, force: true });
/**
 * zod re-exports its ~60 message locales as a namespace (`z.locales`), so a bundler keeps them
 * all (about a third of zod's code, compiled at every start-up). Goldilocks writes its messages in
 * English and never calls `z.locales`: the bundle gets the English locale alone.
 */
const englishOnlyZod = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${'node_modules'}/zod/`) ? { path: 'zod-locales-en', namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, () => ({
      contents: `export { default as en } from ${JSON.stringify(`${root}node_modules/zod/v4/locales/en.js`)};`,
      resolveDir: root,
    }));
  },
};

await build({
  plugins: [englishOnlyZod],
  absWorkingDir: root,
  entryPoints: { main: 'dist/cli/main.js', 'pool-worker': 'dist/experiment/pool-worker.js', 'replication-worker': 'dist/jobs/node/replication-worker.js' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['vega', 'vega-lite', '@resvg/resvg-js'],
  // CommonJS dependencies (seedrandom, cli-progress, stdlib) call require(); give the bundle one.
  banner: { js: "import { createRequire as __goldilocksRequire } from 'node:module'; const require = __goldilocksRequire(import.meta.url);" },
  chunkNames: 'chunk-[hash]',
  legalComments: 'none',
  // Less source to compile at start-up; identifiers are kept, so stack traces still name functions.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
