import { chartsForRun, writeReport } from '../lazy-report.js';
import { Command, InvalidArgumentError } from 'commander';
import { loadScenario } from '../../experiment/load.js';
import { runScenario, runSettings, type RunSettings, type ScenarioResults } from '../../experiment/replications.js';
import type { LoadedScenario } from '../../scenario/load.js';
import { runDocument, writeRunOutputs } from '../../experiment/run-output.js';
import { chooseWarmup, runToPrecision } from '../../experiment/auto.js';
import { toJson } from '../../experiment/files.js';
import { METRIC_IDS, type MetricId } from '../../model/index.js';
import { metricsTable } from '../../report/table.js';
import { collect, nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from '../options.js';
import { checkWindow } from '../window.js';
import { progressBar } from '../progress.js';
import { StagedOutput } from '../../experiment/output-dir.js';
import { defaultFolder } from '../output.js';

export interface RunOptions {
  reps?: number | 'auto';
  precision: number;
  precisionMetrics: MetricId[];
  maxReps: number;
  seed?: number;
  years?: number;
  warmupDays?: number | 'auto';
  warmup?: number | 'auto';
  set?: string[];
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
}

const orAuto = <T>(parse: (v: string) => T) => (v: string): T | 'auto' => (v === 'auto' ? 'auto' : parse(v));

function metricList(value: string): MetricId[] {
  const ids = value.split(',').map((s) => s.trim());
  const bad = ids.filter((id) => !(METRIC_IDS as readonly string[]).includes(id));
  if (bad.length > 0) throw new InvalidArgumentError(`unknown metric ${bad.join(', ')}; choose from ${METRIC_IDS.join(', ')}.`);
  return ids as MetricId[];
}

export function runCommand(): Command {
  return new Command('run')
    .description('simulate a scenario and report caseload, waits and overload with 95 % intervals')
    .argument('[scenario]', 'scenario file (YAML or JSON); the built-in default when omitted')
    .option('-r, --reps <n|auto>', 'replications, or "auto" to add them until --precision is reached (default: run.replications)', orAuto(positiveInt('--reps')))
    .option('--precision <p>', 'with --reps auto: target relative half-width of the 95 % CI', positiveNumber('--precision'), 0.05)
    .option('--precision-metrics <ids>', 'with --reps auto: comma-separated metrics that must reach it', metricList, ['waitingList', 'caseloadPerWorker', 'overloadIndex'] as MetricId[])
    .option('--max-reps <n>', 'with --reps auto: stop here even if not reached', positiveInt('--max-reps'), 200)
    .option('-s, --seed <n>', 'random seed (default: the scenario\'s run.seed)', nonNegativeInt('--seed'))
    .option('-y, --years <y>', 'horizon in years, warm-up included', positiveNumber('--years'))
    .option('-w, --warmup-days <d|auto>', 'warm-up excluded from statistics, or "auto" (MSER-5 on the weekly waiting list)', orAuto(nonNegativeNumber('--warmup-days')))
    .option('--warmup <d|auto>', 'the same as --warmup-days', orAuto(nonNegativeNumber('--warmup')))
    .option('--set <path=value>', 'override a scenario field by dotted path (repeatable)', collect)
    .option('-o, --out <dir>', 'output folder (default: output/<scenario name>)')
    .option('--json', 'print one JSON document on stdout instead of the table')
    .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
    .option('--report', 'also write a self-contained report.html')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks run                                   # the built-in default scenario
  goldilocks run scenarios/site-6.yaml --reps 50
  goldilocks run scenarios/default.yaml --set policy.sessionCap=open --set workers.0.count=3
  goldilocks run scenarios/site-2.yaml --json > site-2.json
  goldilocks run scenarios/site-4.yaml --reps auto --precision 0.02 --warmup-days auto

Files written to the output folder: summary.json, replications.csv, timeseries.csv, waits.csv,
week.csv, manifest.json, scenario.json, charts/ (unless --no-charts) and report.html (with --report).
Costs (costPerYear, costPerPatientSeen, costPerNeedMet) come from the scenario's costs: section
(default: Agenda for Change band 5 with 27.5 % on-costs, an assumption; see docs/model.md §8a).`,
    )
    .action(async (file: string | undefined, opts: RunOptions) => {
      const started = performance.now();
      opts.warmupDays ??= opts.warmup;
      const loaded = loadScenario(file, opts.set);
      const settings = runSettings(loaded.scenario, {
        seed: opts.seed,
        replications: typeof opts.reps === 'number' ? opts.reps : undefined,
        years: opts.years,
        warmupDays: typeof opts.warmupDays === 'number' ? opts.warmupDays : undefined,
      });
      if (opts.warmupDays !== 'auto') checkWindow(settings, loaded.file);
      const name = loaded.scenario.name;
      // The output location is checked before any simulation; the folder is swapped in whole at the end.
      const dir = opts.out ?? defaultFolder(name, 'scenario', loaded.file);
      const out = StagedOutput.begin(dir);
      try {
        const { results, extra } = simulate(loaded, settings, opts);
        writeRunOutputs(out.work, name, results, loaded.hash, (performance.now() - started) / 1000, extra, loaded.scenario);
        if (opts.charts) await chartsForRun(out.work, name, results);
        if (opts.report) await writeReport(out.work);
        out.commit();
        if (opts.json) {
          process.stdout.write(toJson(runDocument(name, results)));
          return;
        }
        const s = results.settings;
        const notes = [
          extra.warmupMethod ? `Warm-up chosen by ${extra.warmupMethod}: ${s.warmupDays} days.` : '',
          opts.reps === 'auto'
            ? `${s.replications} replications ${extra.precisionReached ? 'reached' : 'did NOT reach'} ±${opts.precision * 100} % on ${opts.precisionMetrics.join(', ')}.`
            : '',
        ].filter(Boolean);
        process.stdout.write(
          `Scenario ${name} (${loaded.file}): ${s.replications} replications, ${(s.horizonDays / 365.25).toFixed(1)} years, warm-up ${s.warmupDays} days, seed ${s.seed}\n` +
            (notes.length ? notes.join('\n') + '\n' : '') +
            '\n' +
            metricsTable(results.metrics) +
            `\n\nFiles in ${dir}/: summary.json, replications.csv, timeseries.csv, waits.csv, week.csv, manifest.json, scenario.json${opts.charts ? ', charts/' : ''}${opts.report ? ', report.html' : ''}\n`,
        );
      } finally {
        out.abandon();
      }
    });
}

/** The replications (and, with "auto", the warm-up and their number), with what was chosen. */
function simulate(loaded: LoadedScenario, settings: RunSettings, opts: RunOptions): { results: ScenarioResults; extra: Record<string, unknown> } {
  const extra: Record<string, unknown> = {};
  if (opts.warmupDays === 'auto') {
    const choice = chooseWarmup(loaded.scenario, settings);
    settings.warmupDays = choice.warmupDays;
    Object.assign(extra, { warmupMethod: choice.method, warmupWeeks: choice.warmupWeeks, warmupRunTooShort: choice.tooShort, warmupWeeksBySeries: choice.bySeries, stillTrending: choice.trending });
    if (choice.tooShort) process.stderr.write(`goldilocks: MSER-5 cut ${choice.warmupWeeks} weeks, close to half the run: the run may be too short for a steady state; try a longer --years.\n`);
    if (choice.trending.length > 0) process.stderr.write(`goldilocks: ${choice.trending.join(', ')} still trending at the end of the run (after a warm-up of ${choice.warmupWeeks} weeks): the service may not reach a steady state (demand above capacity?) or the run is too short; try a longer --years, and read means as averages over a changing service.\n`);
    checkWindow(settings, loaded.file);
  }
  if (opts.reps === 'auto') {
    const progress = progressBar(`${loaded.scenario.name} (until ±${opts.precision * 100} %)`, 'replications');
    const outcome = runToPrecision(loaded.scenario, settings, { precision: opts.precision, metrics: opts.precisionMetrics, minReplications: 5, maxReplications: opts.maxReps }, (d) => progress.update(d, opts.maxReps));
    progress.stop();
    Object.assign(extra, {
      replicationsMethod: `added until the 95 % CI half-width of ${opts.precisionMetrics.join(', ')} was within ${opts.precision * 100} % of the mean (max ${opts.maxReps})`,
      precisionReached: outcome.converged,
      relativeHalfWidths: outcome.achieved,
    });
    return { results: outcome.results, extra };
  }
  const progress = progressBar(loaded.scenario.name, 'replications');
  const results = runScenario(loaded.scenario, settings, (d) => progress.update(d, settings.replications));
  progress.stop();
  return { results, extra };
}
