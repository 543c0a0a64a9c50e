import { Command } from 'commander';
import { join } from 'node:path';
import { loadScenario } from '../../experiment/load.js';
import { runScenario, runSettings } from '../../experiment/replications.js';
import { runDocument, writeRunOutputs } from '../../experiment/run-output.js';
import { toJson } from '../../experiment/files.js';
import { metricsTable } from '../../report/table.js';
import { collect, nonNegativeInt, nonNegativeNumber, positiveInt, positiveNumber } from '../options.js';
import { checkWindow } from '../window.js';

export interface RunOptions {
  reps?: number;
  seed?: number;
  years?: number;
  warmupDays?: number;
  set?: string[];
  out?: string;
  json?: boolean;
}

export function runCommand(): Command {
  return new Command('run')
    .description('simulate a scenario and report caseload, waits and overload with 95 % intervals')
    .argument('[scenario]', 'scenario file (YAML or JSON); the built-in default when omitted')
    .option('-r, --reps <n>', 'replications (default: the scenario\'s run.replications)', positiveInt('--reps'))
    .option('-s, --seed <n>', 'random seed (default: the scenario\'s run.seed)', nonNegativeInt('--seed'))
    .option('-y, --years <y>', 'horizon in years, warm-up included', positiveNumber('--years'))
    .option('-w, --warmup-days <d>', 'warm-up excluded from statistics', nonNegativeNumber('--warmup-days'))
    .option('--set <path=value>', 'override a scenario field by dotted path (repeatable)', collect)
    .option('-o, --out <dir>', 'output folder (default: output/<scenario name>)')
    .option('--json', 'print one JSON document on stdout instead of the table')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks run                                   # the built-in default scenario
  goldilocks run scenarios/site-6.yaml --reps 50
  goldilocks run scenarios/default.yaml --set policy.sessionCap=open --set workers.0.count=3
  goldilocks run scenarios/site-2.yaml --json > site-2.json

Files written to the output folder: summary.json, replications.csv, timeseries.csv, manifest.json.`,
    )
    .action((file: string | undefined, opts: RunOptions) => {
      const started = performance.now();
      const loaded = loadScenario(file, opts.set);
      const settings = runSettings(loaded.scenario, { seed: opts.seed, replications: opts.reps, years: opts.years, warmupDays: opts.warmupDays });
      checkWindow(settings, loaded.file);
      const results = runScenario(loaded.scenario, settings);
      const name = loaded.scenario.name;
      const dir = opts.out ?? join('output', name);
      const written = writeRunOutputs(dir, name, results, loaded.hash, (performance.now() - started) / 1000);
      if (opts.json) {
        process.stdout.write(toJson(runDocument(name, results)));
      } else {
        const s = results.settings;
        process.stdout.write(
          `Scenario ${name} (${loaded.file}): ${s.replications} replications, ${(s.horizonDays / 365.25).toFixed(1)} years, warm-up ${s.warmupDays} days, seed ${s.seed}\n\n` +
            metricsTable(results.metrics) +
            `\n\nFiles in ${written.dir}/: summary.json, replications.csv, timeseries.csv, manifest.json\n`,
        );
      }
    });
}
