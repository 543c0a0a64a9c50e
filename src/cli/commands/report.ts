import { sweepChartsSafely, writeReport } from '../lazy-report.js';
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../scenario/errors.js';
import { HINTS } from '../../messages.js';
import { checkOutputDir } from '../../experiment/output-dir.js';

export function reportCommand(): Command {
  return new Command('report')
    .description('write a self-contained report.html (charts, key numbers with CIs, assumptions, manifest) for an output folder')
    .argument('<dir>', 'an output folder of run, compare, explore, sweep, merge or plan')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks report output/default
  goldilocks report output/explore/site-6
  goldilocks merge out/shard-* --out out/merged && goldilocks report out/merged
  goldilocks plan scenarios/plan-wte.yaml --out output/plan && goldilocks report output/plan

The report is one HTML file with inline SVG and CSS (no network requests); it prints on A4.`,
    )
    .action(async (dir: string) => {
      if (!existsSync(join(dir, 'manifest.json'))) {
        throw new InputError(dir, [{ path: '', message: 'has no manifest.json: not a Goldilocks output folder' }], HINTS.notOutputFolder);
      }
      checkOutputDir(dir, { replace: false, flag: 'the report folder' });
      // A merged sweep has no charts yet: draw them now.
      if (existsSync(join(dir, 'points.csv')) && !existsSync(join(dir, 'charts'))) {
        for (const w of (await sweepChartsSafely(dir)).warnings) process.stderr.write(`goldilocks: ${w}\n`);
      }
      process.stdout.write(`${await writeReport(dir)}\n`);
    });
}
