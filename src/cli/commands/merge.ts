import { chartsForSweep, writeReport } from '../lazy-report.js';
import { Command } from 'commander';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { StagedOutput } from '../../experiment/output-dir.js';
import { UsageError } from '../errors.js';
import { mergeShards } from '../../experiment/merge.js';
import { toJson } from '../../experiment/files.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description('combine the output folders of all shards of a sweep into the unsharded result')
    .argument('<dirs...>', 'one output folder per shard (from `goldilocks sweep --shard k/n`)')
    .requiredOption('-o, --out <dir>', 'folder for the merged result')
    .option('--json', 'print a JSON summary on stdout')
    .option('--no-charts', 'skip the sweep charts')
    .option('--report', 'also write a self-contained report.html')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks merge output/sweep-caps/shard-*-of-4 --out output/sweep-caps/merged
  goldilocks merge shard-1 shard-2 shard-3 --out merged --json

The merged results.csv, points.csv, manifest.json (and sensitivity.csv) are byte-identical to
an unsharded run of the same sweep file; charts/ and report.html (--report) follow. Every shard
is checked against the length, rows and sha256 its manifest records: a truncated or edited
shard is refused (exit 2). --out is written whole: a new folder, or one merge replaces another.`,
    )
    .action(async (dirs: string[], opts: { out: string; json?: boolean; charts: boolean; report?: boolean }) => {
      // Checked before anything is read; the merged folder is swapped in whole at the end.
      const out = StagedOutput.begin(opts.out);
      for (const d of dirs) {
        const shard = existsSync(d) ? realpathSync(d) : resolve(d);
        if (shard === out.target || shard.startsWith(out.target + sep)) {
          throw new UsageError(
            `--out ${opts.out} is (or holds) the shard folder ${d}; the merged folder replaces --out as a whole. Choose another --out, e.g. ${join(dirname(opts.out), 'merged')}.`,
          );
        }
      }
      let points: number;
      let files: string[];
      try {
        ({ points, files } = mergeShards(dirs, out.work));
        if (opts.charts) files.push(...(await chartsForSweep(out.work)));
        if (opts.report) {
          await writeReport(out.work);
          files.push('report.html');
        }
        out.commit();
      } finally {
        out.abandon();
      }
      if (opts.json) process.stdout.write(toJson({ dir: opts.out, shards: dirs.length, points, files }));
      else process.stdout.write(`Merged ${dirs.length} shards (${points} points) into ${opts.out}/: ${files.join(', ')}\n`);
    });
}
