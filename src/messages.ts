/**
 * User-facing wording shared by every door (the CLI, the explorer page and the library).
 *
 * A message names an option the way the person reading it would type or see it: `--reps` on
 * the command line, option `replications` in a library call, the "Replications" field in the
 * explorer. Code that checks input never writes a flag name itself: it asks `optionName` for the
 * door it is answering, so one rule is worded once and adapted in one place.
 *
 * Imports nothing: every layer may use it.
 */

/** Who asked: the command line, a library call, or the explorer page. */
export type Door = 'cli' | 'library' | 'page';

/** The run options every job takes, by their library (and JSON) names. */
export type RunOptionKey = 'replications' | 'seed' | 'years' | 'warmupDays' | 'steps' | 'workers';

const CLI_FLAG: Record<RunOptionKey, string> = {
  replications: '--reps',
  seed: '--seed',
  years: '--years',
  warmupDays: '--warmup-days',
  steps: '--steps',
  workers: '--workers',
};

const PAGE_FIELD: Record<RunOptionKey, string> = {
  replications: 'Replications',
  seed: 'Seed',
  years: 'Years',
  warmupDays: 'Warm-up (days)',
  steps: 'Dial levels',
  workers: 'Workers',
};

/** The option as the door's user knows it: `--reps`, option `replications`, the "Replications" field. */
export function optionName(door: Door, key: RunOptionKey): string {
  if (door === 'cli') return CLI_FLAG[key];
  if (door === 'page') return `the "${PAGE_FIELD[key]}" field`;
  return `option \`${key}\``;
}

/** The same name where it starts a sentence. */
export function optionNameCapital(door: Door, key: RunOptionKey): string {
  const n = optionName(door, key);
  return n.charAt(0).toUpperCase() + n.slice(1);
}

/**
 * How a person runs the CLI from where they are, so every hint can be pasted as it is:
 * `npx goldilocks` when npm ran it (npx or `npm exec` set npm_command=exec), `goldilocks` for an
 * installed command.
 */
export function commandPrefix(): string {
  const env = typeof process !== 'undefined' ? process.env : undefined;
  if (env?.npm_command === 'exec') return 'npx goldilocks';
  return 'goldilocks';
}

export const HINTS = {
  /** Where every scenario field, its bounds and its default are listed. */
  scenarioFields: (door: Door) =>
    door === 'cli'
      ? `Run \`${commandPrefix()} schema\` for every field and its default, or see docs/model.md.`
      : 'See docs/model.md (or the JSON Schema, scenarios/goldilocks.schema.json) for every field and its default.',
  /** The warm-up leaves no observation window. */
  window: (door: Door) => `Lower ${optionName(door, 'warmupDays')} or raise ${optionName(door, 'years')} (or run.warmupDays / run.years in the scenario).`,
  runOptions: (door: Door, command = '<command>') =>
    door === 'cli'
      ? `Run \`${commandPrefix()} ${command} --help\` for the options and their bounds.`
      : door === 'page'
        ? 'Change the field and run again.'
        : 'See the README\'s "Use as a library" section for the options and their bounds.',
  /** An output folder whose files are not as Goldilocks wrote them. */
  damagedFolder: 'Re-run the command that wrote the folder (see --out), or pass another folder.',
  /** A folder that is not an output folder at all. */
  notOutputFolder: 'Pass the folder that run, compare, explore or sweep wrote (see --out).',
  /** A sweep point whose factor values make an invalid scenario. */
  sweepFactors: 'Check the factor values in the sweep file.',
} as const;
