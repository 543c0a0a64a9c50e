/**
 * The pure core of `fitActivityText` (index.ts): activity text and a base scenario's text in, the
 * fitted scenario, every estimate and optionally the back-test out. No `node:` imports, so the
 * explorer (src/web/fit.ts) fits a dropped file with the same code, byte for byte.
 */
import type { TopLevelSpec } from 'vega-lite';
import { parseScenarioText } from '../scenario/parse.js';
import { OptionError } from '../jobs/check.js';
import { parseIsoDate, readActivity } from './activity.js';
import { backtest, backtestChart, type BacktestResult } from './backtest.js';
import { fitActivity, type FitResult } from './fit.js';
import { fittedScenarioText } from './scenario-text.js';

export interface FitTextOptions {
  /** Name of the activity file, for messages (default "activity.csv"). */
  file?: string;
  /** Start date (yyyy-mm-dd; a day number for day-only data). */
  at?: string | number;
  /** For an event log of several replications: the one to fit. */
  replication?: string;
  /** Run the back-test with this many replications (true: the base's run.replications). */
  backtest?: boolean | number;
  /** The back-test's progress, after each replication. */
  onReplication?: (done: number, total: number) => void;
}

export interface FitDocument {
  fit: FitResult;
  /** The fitted scenario, commented YAML (valid against the schema). */
  scenario: string;
  backtest?: BacktestResult;
  /** The back-test chart as a vega-lite spec. */
  chart?: TopLevelSpec;
}

/** The base scenario: its text, the name its messages use, and the words the fitted file's header uses. */
export interface FitBase {
  text: string;
  /** For messages about the base ("<built-in default>", "base"). */
  file: string;
  /** For the fitted scenario's header ("the built-in default scenario"). */
  label: string;
}

/** Fit a scenario to activity records (CSV text in the format of docs/fit.md). Throws InputError on bad input. */
export function fitActivityWithBase(activity: string, baseIn: FitBase, options: FitTextOptions = {}): FitDocument {
  const file = options.file ?? 'activity.csv';
  const base = parseScenarioText(baseIn.text, baseIn.file);
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
  const scenario = fittedScenarioText(fit, base, baseIn.text, baseIn.label);
  if (!options.backtest) return { fit, scenario };
  const bt = backtest(fit, data, parseScenarioText(scenario, 'fitted scenario'), {
    replications: typeof options.backtest === 'number' ? options.backtest : undefined,
    onReplication: options.onReplication,
  });
  return { fit, scenario, backtest: bt, chart: backtestChart(bt, fit.period.dated) };
}
