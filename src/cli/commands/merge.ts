import { Command } from 'commander';
import { mergeShards } from '../../experiment/merge.js';
import { toJson } from '../../experiment/files.js';
import { chartsForSweep } from '../../report/produce.js';
import { writeReport } from '../../report/html.js';

export function mergeCommand(): Command {
  return new Command('merge')
    .description('combine the output folders of all shards of a sweep into the unsharded result')
    .argument('<dirs...>', 'one output folder per shard (from `goldilocks sweep --shard k/n`)')
    .requiredOption('-o, --out <dir>', 'folder for the merged result')
    .option('--json', 'print a JSON summary on stdout')
    .option('--no-charts', 'skip the sweep charts')
    .option('--report', 'also write a self-contained report.html')
    .addHelpText('after', `
Examples:
  goldilocks merge output/sweep-caps/shard-*-of-4 --out output/sweep-caps/merged
  goldilocks merge shard-1 shard-2 shard-3 --out merged --json

The merged results.csv, points.csv, manifest.json (and sensitivity.csv) are byte-identical to
an unsharded run of the same sweep file; charts/ and report.html (--report) follow.`)
    .action(async (dirs: string[], opts: { out: string; json?: boolean; charts: boolean; report?: boolean }) => {
      const { points, files } = mergeShards(dirs, opts.out);
      if (opts.charts) files.push(...(await chartsForSweep(opts.out)));
      if (opts.report) {
        writeReport(opts.out);
        files.push('report.html');
      }
      if (opts.json) process.stdout.write(toJson({ dir: opts.out, shards: dirs.length, points, files }));
      else process.stdout.write(`Merged ${dirs.length} shards (${points} points) into ${opts.out}/: ${files.join(', ')}\n`);
    });
}
