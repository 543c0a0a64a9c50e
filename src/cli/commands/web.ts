import { existsSync } from 'node:fs';
import { Command } from 'commander';

/**
 * The explorer page is built by `npm run build` (scripts/build-web.mjs) into dist/web/; this
 * copies it. Found from dist/cli/commands/ (tsc output) or from one level up (a bundled CLI).
 */
export function explorerFile(): URL {
  const candidates = ['../../web/explorer.html', '../web/explorer.html', '../dist/web/explorer.html'].map((p) => new URL(p, import.meta.url));
  return candidates.find((u) => existsSync(u)) ?? candidates[0];
}

export function webCommand(): Command {
  return new Command('web')
    .description('write the explorer: one self-contained HTML page that runs Goldilocks in any browser (no install, no server, nothing sent)')
    .option('-o, --out <file>', 'where to write the page', 'output/explorer.html')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks web                           # writes output/explorer.html; open it in a browser
  goldilocks web --out ~/explorer.html     # e.g. to e-mail it or put it on any static web host

The page works opened straight from disk (file://): edit a scenario in a form or as YAML, run,
compare designs and explore the discretion dial; the simulation runs in the browser on the same
model code as this command line, and the page offers the same CSVs and report.html for download.`,
    )
    .action(async (opts: { out: string }) => {
      const { readFileSync } = await import('node:fs');
      const { fileURLToPath } = await import('node:url');
      const { checkOutputFile } = await import('../../experiment/output-dir.js');
      const { writeFileAtomic } = await import('../../experiment/files.js');
      const { InputError } = await import('../../scenario/errors.js');
      const source = fileURLToPath(explorerFile());
      if (!existsSync(source)) {
        throw new InputError(
          source,
          [{ path: '', message: 'the explorer page has not been built' }],
          'Run `npm run build` (it builds dist/web/explorer.html), then try again.',
        );
      }
      checkOutputFile(opts.out);
      writeFileAtomic(opts.out, readFileSync(source));
      process.stdout.write(`${opts.out}\n`);
    });
}
