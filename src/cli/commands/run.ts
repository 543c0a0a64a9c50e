import { Command, InvalidArgumentError } from 'commander';
import { toJson } from '../../experiment/files.js';
import { METRIC_IDS, type MetricId } from '../../model/index.js';
import { metricsTable } from '../../report/table.js';
import { referralsReceivedLine } from '../../report/design-words.js';
import { jobDocument } from '../../jobs/outputs.js';
import {
  addEventLogOptions,
  addUncertaintyOption,
  collect,
  type EventLogFlags,
  eventLogRequest,
  number,
  numberOrAuto,
  type RunSettingFlags,
  type UncertaintyFlags,
} from '../options.js';
import { defaultFolder, overridesText, withOverrides } from '../output.js';
import { runCliJob } from '../job.js';
import { uncertaintyIfAsked } from '../uncertainty.js';
import { runUncertaintyText } from '../../report/uncertainty-words.js';

interface RunFlags extends Omit<RunSettingFlags, 'reps' | 'warmupDays'>, EventLogFlags, UncertaintyFlags {
  reps?: number | 'auto';
  precision: number;
  precisionMetrics: MetricId[];
  maxReps: number;
  warmupDays?: number | 'auto';
  warmup?: number | 'auto';
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
  xlsx?: boolean;
}

function metricList(value: string): MetricId[] {
  const ids = value.split(',').map((s) => s.trim());
  const bad = ids.filter((id) => !(METRIC_IDS as readonly string[]).includes(id));
  if (bad.length > 0) throw new InvalidArgumentError(`unknown metric ${bad.join(', ')}; choose from ${METRIC_IDS.join(', ')}.`);
  return ids as MetricId[];
}

export function runCommand(): Command {
  return addUncertaintyOption(
    addEventLogOptions(
      new Command('run')
        .description('simulate a scenario and report caseload, waits and overload with 95 % intervals')
        .argument('[scenario]', 'scenario file (YAML or JSON); the built-in default when omitted')
        .option('-r, --reps <n|auto>', 'replications (1–10,000), or "auto" to add them until --precision is reached (default: run.replications)', numberOrAuto)
        .option('--precision <p>', 'with --reps auto: target relative half-width of the 95 % CI', number, 0.05)
        .option('--precision-metrics <ids>', 'with --reps auto: comma-separated metrics that must reach it', metricList, [
          'waitingList',
          'caseloadPerWorker',
          'overloadIndex',
        ] as MetricId[])
        .option('--max-reps <n>', 'with --reps auto: stop here even if not reached', number, 200)
        .option('-s, --seed <n>', "random seed (default: the scenario's run.seed)", number)
        .option('-y, --years <y>', 'horizon in years, warm-up included (at most 200)', number)
        .option('-w, --warmup-days <d|auto>', 'warm-up excluded from statistics, or "auto" (MSER-5 on the weekly waiting list)', numberOrAuto)
        .option('--warmup <d|auto>', 'the same as --warmup-days', numberOrAuto)
        .option('--workers <n>', 'threads to run replications on (default: the cores available); results are identical whatever the number', number)
        .option('--set <path=value>', 'override a scenario field by dotted path (repeatable)', collect)
        .option('-o, --out <dir>', 'output folder (default: output/<scenario name>, or output/<scenario name>+set-<hash> with --set)')
        .option('--json', 'print one JSON document on stdout instead of the table')
        .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
        .option('--report', 'also write a self-contained report.html'),
    ),
  )
    .option('--xlsx', "also write results.xlsx for the board: a Summary sheet in the report's words, the tidy tables, a Provenance sheet")
    .addHelpText(
      'after',
      `
Examples:
  goldilocks run                                   # the built-in default scenario
  goldilocks run scenarios/site-6.yaml --reps 50
  goldilocks run scenarios/default.yaml --set policy.sessionCap=open --set workers.0.count=3
  goldilocks run scenarios/site-2.yaml --json > site-2.json
  goldilocks run scenarios/site-4.yaml --reps auto --precision 0.02 --warmup-days auto
  goldilocks run scenarios/site-6.yaml --workers 1   # one thread: the same numbers, more slowly
  goldilocks run scenarios/site-6.yaml --xlsx        # and results.xlsx for the board
  goldilocks run --uncertainty 32                    # how sure: noise vs the assumptions' uncertainty

Files written to the output folder: summary.json, replications.csv, timeseries.csv, waits.csv,
week.csv, manifest.json, scenario.json, charts/ (unless --no-charts), report.html (with --report), results.xlsx (with --xlsx) and events.csv with events.json (with --event-log: docs/event-log.md).
Costs (costPerYear, costPerPatientSeen, costPerNeedMet) come from the scenario's costs: section
(default: Agenda for Change band 5 with 27.5 % on-costs, an assumption; see docs/model.md §8a).`,
    )
    .action(async (file: string | undefined, opts: RunFlags) => {
      const warmupDays = opts.warmupDays ?? opts.warmup;
      const { checkUncertaintyFlag } = await import('../../jobs/node/uncertainty-cli.js');
      checkUncertaintyFlag(opts.uncertainty, 'run');
      const { result, dir } = await runCliJob({
        kind: 'run',
        uncertainty: opts.uncertainty,
        files: file === undefined ? [] : [file],
        set: opts.set,
        options: {
          replications: opts.reps,
          seed: opts.seed,
          years: opts.years,
          warmupDays,
          workers: opts.workers,
          precision: opts.reps === 'auto' ? { precision: opts.precision, metrics: opts.precisionMetrics, maxReplications: opts.maxReps } : undefined,
        },
        out: opts.out,
        folder: (job) => defaultFolder(job.designs[0].name, 'scenario', job.designs[0].label),
        charts: opts.charts,
        report: Boolean(opts.report),
        eventLog: eventLogRequest(opts),
        xlsx: Boolean(opts.xlsx),
        json: Boolean(opts.json),
      });
      if (result.kind !== 'run') return;
      const uncertain = await uncertaintyIfAsked(result, opts, dir);
      if (opts.json) {
        process.stdout.write(toJson(uncertain ? uncertain.document : withOverrides(jobDocument(result), opts.set)));
        return;
      }
      const s = result.results.settings;
      const c = result.choices;
      const notes = [
        c.warmupMethod ? `Warm-up chosen by ${c.warmupMethod}: ${s.warmupDays} days.` : '',
        opts.reps === 'auto'
          ? `${s.replications} replications ${c.precisionReached ? 'reached' : 'did NOT reach'} ±${opts.precision * 100} % on ${opts.precisionMetrics.join(', ')}.`
          : '',
      ].filter(Boolean);
      const d = result.job.designs[0];
      process.stdout.write(
        `Scenario ${d.name} (${d.label}${overridesText(opts.set)}): ${s.replications} replications, ${(s.horizonDays / 365.25).toFixed(1)} years, warm-up ${s.warmupDays} days, seed ${s.seed}\n` +
          (notes.length ? notes.join('\n') + '\n' : '') +
          '\n' +
          metricsTable(result.results.metrics) +
          referralsLine(d.scenario, result.results.metrics) +
          (uncertain ? `\n\n${runUncertaintyText(result.results.metrics, uncertain.outcome)}` : '') +
          `\n\nFiles in ${dir}/: summary.json, replications.csv, timeseries.csv, waits.csv, week.csv, manifest.json, scenario.json${opts.charts ? ', charts/' : ''}${opts.report ? ', report.html' : ''}${opts.xlsx ? ', results.xlsx' : ''}${eventLogRequest(opts) ? ', events.csv, events.json' : ''}${uncertain ? `, ${uncertain.files.filter((f) => !(opts.charts && f === 'charts/')).join(', ')}` : ''}\n`,
      );
    });
}

function referralsLine(scenario: Parameters<typeof referralsReceivedLine>[0], metrics: Parameters<typeof referralsReceivedLine>[1]): string {
  const line = referralsReceivedLine(scenario, metrics);
  return line ? `\n\n${line}` : '';
}
