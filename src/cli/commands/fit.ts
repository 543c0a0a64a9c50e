import { Command } from 'commander';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ACTIVITY_LIMITS, parseIsoDate, readActivity } from '../../fit/activity.js';
import { fitActivity, type FitResult } from '../../fit/fit.js';
import { fittedScenarioText, scenarioNameFor, withInterval } from '../../fit/scenario-text.js';
import { backtest, backtestChart, type BacktestResult } from '../../fit/backtest.js';
import { toJson } from '../../experiment/csv.js';
import { InputError } from '../../scenario/errors.js';
import { DEFAULT_SCENARIO_FILE, loadScenarioFile, readInputText } from '../../scenario/load.js';
import { parseScenarioText } from '../../scenario/parse.js';
import { number } from '../options.js';
import { UsageError } from '../errors.js';

interface FitFlags {
  out?: string;
  base?: string;
  at?: string;
  replication?: string;
  json?: boolean;
  backtest?: boolean;
  reps?: number;
}

export function fitCommand(): Command {
  return new Command('fit')
    .description("fit a scenario to a service's activity data (one row per event: patient, event, date), with intervals, and back-test it")
    .argument('<activity>', 'activity CSV: columns patient, event, date (yyyy-mm-dd) or day; optional minutes, worker, detail (docs/fit.md)')
    .option('-o, --out <file>', 'write the fitted scenario here (and <name>.fit.json beside it); default: the scenario on stdout')
    .option('--base <file>', 'scenario the unfitted levers, rota and costs come from (default: the built-in default)')
    .option(
      '--at <date>',
      'start the fitted scenario on this date (yyyy-mm-dd; a day number for day-only data): initial caseload and waiting list as they were then',
    )
    .option('--replication <id>', 'for an event log of several replications: the one to fit (default: the first)')
    .option('--json', 'print fit.json (every estimate with its interval and records) instead of the scenario')
    .option('--backtest', 'simulate the fitted scenario over the same period and compare it with the data by month (writes backtest.json, .vl.json, .svg)')
    .option('-r, --reps <n>', 'replications of the back-test (default: the base scenario’s run.replications)', number)
    .addHelpText(
      'after',
      `
Examples:
  goldilocks fit examples/activity-synthetic.csv                       # the fitted scenario on stdout
  goldilocks fit examples/activity-synthetic.csv --out my-service.yaml --backtest
  goldilocks fit activity.csv --base scenarios/site-4.yaml --at 2024-04-01 --json

Each fitted value is written with its 95 % interval and the number of records behind it; what the
data cannot tell (hours, levers, costs) comes from --base and is listed as an assumption.`,
    )
    .action(async (file: string, opts: FitFlags) => {
      const baseFile = opts.base ?? DEFAULT_SCENARIO_FILE;
      const baseLabel = opts.base ?? 'the built-in default scenario';
      const base = loadScenarioFile(baseFile, [], opts.base ?? '<built-in default>').scenario;
      const baseText = readInputText(baseFile, baseLabel);
      const activity = readActivity(file, readActivityText(file), { replication: opts.replication });
      let at: number | undefined;
      if (opts.at !== undefined) {
        at = activity.dated ? parseIsoDate(opts.at) : Number(opts.at);
        if (!Number.isFinite(at)) {
          throw new UsageError(
            `--at ${JSON.stringify(opts.at)}: ${activity.dated ? 'give a date as yyyy-mm-dd, e.g. --at 2024-04-01' : 'this file has days, not dates: give a day number, e.g. --at 365'}`,
          );
        }
        if (at < activity.start || at >= activity.end) {
          throw new UsageError(
            `--at ${opts.at} is outside the data (${fmt(activity, activity.start)} to ${fmt(activity, activity.end)}); choose a date within it`,
          );
        }
      }
      const fit = fitActivity(activity, { base, at });
      const yaml = fittedScenarioText(fit, base, baseText, opts.base ?? 'the built-in default scenario');
      if (!opts.out && !opts.backtest) {
        process.stdout.write(opts.json ? toJson(fit) : yaml);
        process.stderr.write(summary(fit));
        return;
      }
      const out = opts.out ?? join('output', scenarioNameFor(file), 'scenario.yaml');
      const dir = dirname(out);
      const stem = out.replace(/\.ya?ml$/i, '');
      mkdirSync(dir, { recursive: true });
      writeFileSync(out, yaml);
      writeFileSync(`${stem}.fit.json`, toJson(fit));
      const written = [out, `${stem}.fit.json`];
      let bt: BacktestResult | undefined;
      if (opts.backtest) {
        const scenario = parseScenarioText(yaml, out);
        bt = backtest(fit, activity, scenario, { replications: opts.reps });
        writeFileSync(`${stem}.backtest.json`, toJson(bt));
        const spec = backtestChart(bt, fit.period.dated);
        writeFileSync(`${stem}.backtest.vl.json`, toJson(spec));
        written.push(`${stem}.backtest.json`, `${stem}.backtest.vl.json`);
        try {
          const { renderSvg } = await import('../../report/render.js');
          writeFileSync(`${stem}.backtest.svg`, await renderSvg(spec));
          written.push(`${stem}.backtest.svg`);
        } catch (err) {
          process.stderr.write(`goldilocks: the back-test chart could not be drawn (${(err as Error).message}); its spec is in ${stem}.backtest.vl.json\n`);
        }
      }
      if (opts.json) process.stdout.write(toJson(bt ? { fit, backtest: bt } : fit));
      else process.stdout.write(summary(fit) + (bt ? backtestText(bt) : '') + `Files:\n${written.map((f) => `  ${f}`).join('\n')}\n`);
    });
}

function fmt(activity: { dated: boolean }, t: number): string {
  return activity.dated ? new Date(Math.floor(t) * 86_400_000).toISOString().slice(0, 10) : `day ${t}`;
}

/** The activity file's text, refused before reading when it is missing, a folder or too big. */
function readActivityText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new InputError(file, [{ path: '', message: 'is a folder, not an activity file' }], 'Give the CSV file of events (docs/fit.md).');
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, [{ path: '', message: 'file not found' }], 'Give the path of an activity CSV file, e.g. examples/activity-synthetic.csv.');
  }
  if (size > ACTIVITY_LIMITS.bytes) {
    throw new InputError(
      file,
      [{ path: '', message: `the file is ${(size / 1024 / 1024).toFixed(0)} MB; the fit reads at most ${ACTIVITY_LIMITS.bytes / 1024 / 1024} MB` }],
      'Extract a few years of one service (filter by date or service).',
    );
  }
  return readFileSync(file, 'utf8');
}

/** The headline estimates, one a line. */
export function summary(fit: FitResult): string {
  const r = fit.referrals;
  const lines = [
    `Fitted ${fit.file}: ${fit.period.start} to ${fit.period.end}, ${fit.records.episodes.toLocaleString('en-GB')} episodes${fit.period.replication !== undefined ? ` (replication ${fit.period.replication})` : ''}`,
    `  referrals a month        ${withInterval(r.perMonth, 'referrals', 1)}${r.annualGrowth.kept ? `; growth ${(r.annualGrowth.value * 100).toFixed(1)} % a year` : ''}${r.seasonality.kept ? '; with month effects' : ''}`,
    `  sessions needed (mean)   ${withInterval(fit.sessions.mean, 'finished episodes', 2)}; ${fit.sessions.atCap} at the cap`,
    `  did not attend           ${withInterval(fit.didNotAttend, 'booked sessions', 1, 100, ' %')}`,
    fit.firstSessionMinutes ? `  first session (minutes)  ${withInterval(fit.firstSessionMinutes.mean, 'sessions', 1)}` : '',
    fit.followUpMinutes ? `  follow-up (minutes)      ${withInterval(fit.followUpMinutes.mean, 'sessions', 1)}` : '',
    fit.daysBetweenSessions ? `  days between sessions    ${withInterval(fit.daysBetweenSessions.mean, 'gaps', 1)}` : '',
    `  patience (mean days)     ${withInterval(fit.patience.mean, 'drop-outs', 1)}`,
    `  on ${fit.at.label}: ${fit.initialState.caseload} on caseloads, ${fit.initialState.waitingList} waiting`,
  ];
  return `${lines.filter(Boolean).join('\n')}\n`;
}

function backtestText(bt: BacktestResult): string {
  const rows = bt.measures.map(
    (m) =>
      `  ${m.label.padEnd(36)} ${String(Math.round(m.shareInside * 100)).padStart(3)} % of ${m.months} months in band; total z ${m.totalZ.toFixed(1)}; data ${m.relativeError >= 0 ? '+' : ''}${(m.relativeError * 100).toFixed(1)} % vs model`,
  );
  return `Back-test (${bt.replications} replications, ${bt.from} to ${bt.to}):\n${rows.join('\n')}\n${bt.words.map((w) => `  ${w}`).join('\n')}\n`;
}
