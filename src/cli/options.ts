/**
 * Parsers for command-line option values. They only turn text into numbers: the bounds of every
 * run option are checked once, by the job pipeline (jobs/check.ts, from scenario/run-options.ts),
 * with the same words for the CLI, the explorer and the library.
 */
import type { Command } from 'commander';

/** A number as typed; text that is not one becomes NaN, which the checking step refuses by name. */
export function number(value: string): number {
  return value.trim() === '' ? NaN : Number(value);
}

/** A number, or the word "auto". */
export function numberOrAuto(value: string): number | 'auto' {
  return value.trim().toLowerCase() === 'auto' ? 'auto' : number(value);
}

/** Repeatable `--set path=value`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The run-setting flags that run, compare and explore share. */
export interface RunSettingFlags {
  reps?: number;
  seed?: number;
  years?: number;
  warmupDays?: number;
  workers?: number;
  set?: string[];
}

export function addRunSettingOptions(cmd: Command, setHelp: string): Command {
  return cmd
    .option('-r, --reps <n>', "replications (default: the first scenario's run.replications)", number)
    .option('-s, --seed <n>', 'random seed, shared by every design or level (common random numbers)', number)
    .option('-y, --years <y>', 'horizon in years, warm-up included (at most 200)', number)
    .option('-w, --warmup-days <d>', 'warm-up excluded from statistics', number)
    .option('--workers <n>', 'threads to run replications on (default: the cores available); results are identical whatever the number', number)
    .option('--set <path=value>', setHelp, collect);
}

/** `--event-log` and `--event-log-sample` (run and compare). */
export interface EventLogFlags {
  eventLog?: boolean;
  eventLogSample?: number;
}

export function addEventLogOptions(cmd: Command): Command {
  return cmd
    .option('--event-log', 'also write events.csv (one row per patient and worker event) and events.json (its schema): docs/event-log.md')
    .option(
      '--event-log-sample <share>',
      'with --event-log: log this share of patients (by id, the same patients in every design); worker events always',
      number,
    );
}

/** The event log asked for by the flags (a sample alone asks for it too), or undefined. */
export function eventLogRequest(o: EventLogFlags): { sample?: number } | undefined {
  return o.eventLog || o.eventLogSample !== undefined ? { sample: o.eventLogSample } : undefined;
}

/** `--uncertainty N` (run, compare, explore): N parameter draws of the assumptions (docs/model.md §11b). */
export interface UncertaintyFlags {
  uncertainty?: number;
}

export function addUncertaintyOption(cmd: Command): Command {
  return cmd.option(
    '--uncertainty <n>',
    "also run N draws of the assumed parameters (Latin hypercube, the run's replications each, common random numbers): each metric's interval with the assumptions' uncertainty (ci95Total) and the share from them (assumptionShare); docs/model.md §11b",
    number,
  );
}
