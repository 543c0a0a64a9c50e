import { Command } from 'commander';
import { collect, number } from '../options.js';
import { defaultCompareFolder, defaultFolder } from '../output.js';
import { runCliJob } from '../job.js';

export function chartCommand(): Command {
  return new Command('chart')
    .description('for planners: run scenario files and draw their charts (and a report) in one step')
    .argument('<scenarios...>', 'one scenario (run charts) or several (comparison charts, against the first)')
    .option('-r, --reps <n>', "replications (default: the first scenario's run.replications)", number)
    .option('--workers <n>', 'threads to run replications on (default: the cores available)', number)
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect)
    .option('-o, --out <dir>', 'output folder (default: output/<name> or output/compare/<a>-vs-<b>, +set-<hash> with --set)')
    .option('--no-report', 'skip report.html')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks chart scenarios/site-6.yaml
  goldilocks chart scenarios/compare-open.yaml scenarios/compare-capped.yaml

Writes the result files, charts/<name>.vl.json|.svg|.png and report.html, and lists them.`,
    )
    .action(async (files: string[], opts: { reps?: number; workers?: number; set?: string[]; out?: string; report: boolean }) => {
      const { delivered, dir } = await runCliJob({
        kind: files.length === 1 ? 'run' : 'compare',
        files,
        set: opts.set,
        options: { replications: opts.reps, workers: opts.workers },
        out: opts.out,
        folder: (job) =>
          job.designs.length === 1
            ? defaultFolder(job.designs[0].name, 'scenario', job.designs[0].label)
            : defaultCompareFolder(
                job.designs.map((d) => d.name),
                job.designs.map((d) => d.label),
              ),
        charts: true,
        report: opts.report,
      });
      process.stdout.write(`Files in ${dir}/:\n${delivered.files.map((f) => `  ${f}`).join('\n')}\n`);
    });
}
