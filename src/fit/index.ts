/**
 * `goldilocks fit` as a library: activity text in, the fitted scenario (YAML text), every estimate
 * with its interval, and optionally the back-test out. The CLI (src/cli/commands/fit.ts) does the same
 * with files.
 */
import { readFileSync } from 'node:fs';
import { DEFAULT_SCENARIO_FILE } from '../scenario/load.js';
import { fitActivityWithBase, type FitDocument } from './fit-text.js';

export type { FitResult } from './fit.js';
export type { BacktestResult } from './backtest.js';
export { readActivity, ActivityError, FIT_EVENTS } from './activity.js';

export type { FitDocument } from './fit-text.js';

export interface FitLibraryOptions {
  /** Name of the activity file, for messages (default "activity.csv"). */
  file?: string;
  /** The base scenario's YAML or JSON text (default: the built-in default scenario). */
  base?: string;
  /** Start date (yyyy-mm-dd; a day number for day-only data). */
  at?: string | number;
  /** For an event log of several replications: the one to fit. */
  replication?: string;
  /** Run the back-test with this many replications (true: the base's run.replications). */
  backtest?: boolean | number;
}

/** Fit a scenario to activity records (CSV text in the format of docs/fit.md). Throws InputError on bad input. */
export function fitActivityText(activity: string, options: FitLibraryOptions = {}): FitDocument {
  const { base, ...rest } = options;
  return fitActivityWithBase(
    activity,
    base === undefined
      ? { text: readFileSync(DEFAULT_SCENARIO_FILE, 'utf8'), file: '<built-in default>', label: 'the built-in default scenario' }
      : { text: base, file: 'base', label: 'the base scenario' },
    rest,
  );
}
