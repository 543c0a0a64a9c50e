/** Parsers for command-line option values, with messages that say what to type instead. */
import { InvalidArgumentError, type Command } from 'commander';

export function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1, e.g. 20.`);
    return n;
  };
}

export function nonNegativeInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number of at least 0.`);
    return n;
  };
}

export function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive number.`);
    return n;
  };
}

export function nonNegativeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of at least 0.`);
    return n;
  };
}

/** Repeatable `--set path=value`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The run-setting flags that compare and explore share (run has its own, with "auto"). */
export interface RunSettingFlags {
  reps?: number;
  seed?: number;
  years?: number;
  warmupDays?: number;
  set?: string[];
}

export function addRunSettingOptions(cmd: Command, setHelp: string): Command {
  return cmd
    .option('-r, --reps <n>', 'replications (default: the first scenario\'s run.replications)', positiveInt('--reps'))
    .option('-s, --seed <n>', 'random seed, shared by every design or level (common random numbers)', nonNegativeInt('--seed'))
    .option('-y, --years <y>', 'horizon in years, warm-up included', positiveNumber('--years'))
    .option('-w, --warmup-days <d>', 'warm-up excluded from statistics', nonNegativeNumber('--warmup-days'))
    .option('--set <path=value>', setHelp, collect);
}
