/**
 * `goldilocks fit` as a library: activity text in, the fitted scenario (YAML text), every estimate
 * with its interval, and optionally the back-test out. The CLI (src/cli/commands/fit.ts) does the same
 * with files.
 */
import { readFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { DEFAULT_SCENARIO_FILE } from '../scenario/load.js';
import { parseScenarioText } from '../scenario/parse.js';
import { OptionError } from '../jobs/check.js';
import { parseIsoDate, readActivity } from './activity.js';
import { backtest, backtestChart, type BacktestResult } from './backtest.js';
import { fitActivity, type FitResult } from './fit.js';
import { fittedScenarioText } from './scenario-text.js';

export type { FitResult } from './fit.js';
export type { BacktestResult } from './backtest.js';
export { readActivity, ActivityError, FIT_EVENTS } from './activity.js';

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

export interface FitDocument {
  fit: FitResult;
  /** The fitted scenario, commented YAML (valid against the schema). */
  scenario: string;
  backtest?: BacktestResult;
  /** The back-test chart as a vega-lite spec. */
  chart?: TopLevelSpec;
}

/** Fit a scenario to activity records (CSV text in the format of docs/fit.md). Throws InputError on bad input. */
export function fitActivityText(activity: string, options: FitLibraryOptions = {}): FitDocument {
  const file = options.file ?? 'activity.csv';
  const baseText = options.base ?? readFileSync(DEFAULT_SCENARIO_FILE, 'utf8');
  const baseLabel = options.base === undefined ? 'the built-in default scenario' : 'the base scenario';
  const base = parseScenarioText(baseText, options.base === undefined ? '<built-in default>' : 'base');
  const data = readActivity(file, activity, { replication: options.replication });
  let at: number | undefined;
  if (options.at !== undefined) {
    at = typeof options.at === 'number' ? options.at : data.dated ? parseIsoDate(options.at) : Number(options.at);
    if (!Number.isFinite(at) || at < data.start || at >= data.end) {
      throw new OptionError(
        [`option at: ${JSON.stringify(options.at)} is not a date within the data`],
        'Give a date (yyyy-mm-dd) between the first and the last event.',
      );
    }
  }
  const fit = fitActivity(data, { base, at });
  const scenario = fittedScenarioText(fit, base, baseText, baseLabel);
  if (!options.backtest) return { fit, scenario };
  const bt = backtest(fit, data, parseScenarioText(scenario, 'fitted scenario'), {
    replications: typeof options.backtest === 'number' ? options.backtest : undefined,
  });
  return { fit, scenario, backtest: bt, chart: backtestChart(bt, fit.period.dated) };
}
