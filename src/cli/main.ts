/**
 * The `goldilocks` command: commander wiring only. Commands live in ./commands; library code
 * throws typed errors and this file alone maps them to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { PACKAGE_VERSION } from '../experiment/manifest.js';
import { runCommand } from './commands/run.js';
import { validateCommand } from './commands/validate.js';
import { schemaCommand } from './commands/schema.js';
import { compareCommand } from './commands/compare.js';
import { sweepCommand } from './commands/sweep.js';
import { mergeCommand } from './commands/merge.js';
import { exploreCommand } from './commands/explore.js';
import { chartCommand } from './commands/chart.js';
import { reportCommand } from './commands/report.js';
import { reportError } from './errors.js';

export function buildProgram(): Command {
  const program = new Command('goldilocks')
    .description('Simulate social-prescribing link worker services: caseloads, waits and overload under discretion and boundaries.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText('after', `
Examples:
  goldilocks run                              # built-in default scenario, table on stdout, files in output/default/
  goldilocks run scenarios/site-4.yaml --reps 50 --json
  goldilocks compare scenarios/compare-open.yaml scenarios/compare-capped.yaml
  goldilocks explore scenarios/site-6.yaml          # the Goldilocks question: how much discretion?
  goldilocks sweep scenarios/sweep-caps.yaml --workers 2
  goldilocks chart scenarios/site-6.yaml            # run, charts and report.html in one step
  goldilocks report output/default                  # report.html for any output folder
  goldilocks validate scenarios/*.yaml
  goldilocks schema > goldilocks.schema.json

Exit codes: 0 ok, 2 bad input or usage, 1 unexpected failure.`);
  for (const cmd of [runCommand(), compareCommand(), exploreCommand(), sweepCommand(), mergeCommand(), chartCommand(), reportCommand(), validateCommand(), schemaCommand()]) program.addCommand(cmd);
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit with 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    return reportError(err);
  }
}

// A reader that closes early (`goldilocks run --json | head -1`) is not an error.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
