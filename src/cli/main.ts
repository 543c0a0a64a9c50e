/**
 * The `goldilocks` command: commander wiring only. Commands live in ./commands; library code
 * throws typed errors and this file alone maps them to exit codes.
 */
import { Command, CommanderError } from 'commander';
import { PACKAGE_VERSION } from '../experiment/manifest.js';
import { reportError } from './errors.js';

/**
 * Each command's module, loaded on demand: `goldilocks validate` loads the scenario schema but not
 * the model's statistics or the sweep pool, and no command loads another's libraries. Help and
 * unknown commands load them all (commander lists them and suggests the nearest name).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.js')).runCommand(),
  compare: async () => (await import('./commands/compare.js')).compareCommand(),
  explore: async () => (await import('./commands/explore.js')).exploreCommand(),
  sweep: async () => (await import('./commands/sweep.js')).sweepCommand(),
  plan: async () => (await import('./commands/plan.js')).planCommand(),
  fit: async () => (await import('./commands/fit.js')).fitCommand(),
  merge: async () => (await import('./commands/merge.js')).mergeCommand(),
  chart: async () => (await import('./commands/chart.js')).chartCommand(),
  report: async () => (await import('./commands/report.js')).reportCommand(),
  validate: async () => (await import('./commands/validate.js')).validateCommand(),
  schema: async () => (await import('./commands/schema.js')).schemaCommand(),
  web: async () => (await import('./commands/web.js')).webCommand(),
};

/** The commands a command line needs: the one it names (before any option), or all of them. */
export function commandsFor(argv: readonly string[]): string[] {
  // Program options come before the command name; only a known name first narrows the load.
  const first = argv[2];
  return first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
}

export async function buildProgram(names: readonly string[] = Object.keys(COMMANDS)): Promise<Command> {
  const program = new Command('goldilocks')
    .description('Simulate social-prescribing link worker services: caseloads, waits and overload under discretion and boundaries.')
    .version(PACKAGE_VERSION)
    .showHelpAfterError('(run with --help for usage and examples)')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks run                              # built-in default scenario, table on stdout, files in output/default/
  goldilocks run scenarios/site-4.yaml --reps 50 --json
  goldilocks compare scenarios/compare-open.yaml scenarios/compare-capped.yaml
  goldilocks explore scenarios/site-6.yaml          # the Goldilocks question: how much discretion?
  goldilocks run scenarios/site-6.yaml --uncertainty 64   # how sure: noise vs the assumptions' uncertainty
  goldilocks sweep scenarios/sweep-caps.yaml --workers 2
  goldilocks plan scenarios/plan-wte.yaml           # what WTE for 90 % seen within 28 days, at least cost?
  goldilocks chart scenarios/site-6.yaml            # run, charts and report.html in one step
  goldilocks report output/default                  # report.html for any output folder
  goldilocks validate scenarios/*.yaml
  goldilocks schema > goldilocks.schema.json

Exit codes: 0 ok, 2 bad input or usage, 1 unexpected failure (plan: 3 when no design meets the targets).`,
    );
  for (const cmd of await Promise.all(names.map((n) => COMMANDS[n]()))) program.addCommand(cmd);
  program.exitOverride();
  for (const cmd of program.commands) cmd.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await (await buildProgram(commandsFor(argv))).parseAsync(argv);
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
  // A command may have set its own code for a result that is not an error (plan: no design found).
  process.exitCode = code !== 0 ? code : (process.exitCode ?? 0);
});
