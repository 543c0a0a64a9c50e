import { chartsForExploration, writeReport } from '../lazy-report.js';
import { Command } from 'commander';
import { StagedOutput } from '../../experiment/output-dir.js';
import { defaultFolder } from '../output.js';
import { loadScenario } from '../../experiment/load.js';
import { runSettings } from '../../experiment/replications.js';
import { explore, explorationDocument } from '../../experiment/explore.js';
import { writeExploration } from '../../experiment/explore-output.js';
import { toJson } from '../../experiment/files.js';
import { explorationTable } from '../../report/explore-table.js';
import { addRunSettingOptions, positiveInt, type RunSettingFlags } from '../options.js';
import { checkWindow } from '../window.js';
import { progressBar } from '../progress.js';
import { UsageError } from '../errors.js';

interface ExploreOptions extends RunSettingFlags {
  steps: number;
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
}

export function exploreCommand(): Command {
  return addRunSettingOptions(
    new Command('explore')
      .description('run a scenario across the discretion dial (0 = all boundaries, 1 = all discretion) and find the "just right" zone')
      .argument('[scenario]', 'scenario file; the built-in default when omitted')
      .option('--steps <n>', 'dial levels from 0 to 1', positiveInt('--steps'), 11),
    'override a scenario field (repeatable), e.g. goldilocks.maxOverloadIndex=0.9',
  )
    .option('-o, --out <dir>', 'output folder (default: output/explore/<scenario name>)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
    .option('--report', 'also write a self-contained report.html')
    .addHelpText('after', `
Examples:
  goldilocks explore                                 # the default scenario, 11 levels
  goldilocks explore scenarios/site-6.yaml --steps 6 --reps 30
  goldilocks explore scenarios/site-2.yaml --set goldilocks.objective=satisfaction --json

Levers set explicitly in the scenario stay fixed; the dial moves the others. "Just right":
levels whose mean overload index ≤ goldilocks.maxOverloadIndex (default 1) and turnover ≤
goldilocks.maxTurnoverPerYear (default 0.25), whose objective (default needMetShare) is not
detectably worse than the best level's on paired differences by more than goldilocks.tolerance;
levels resting on overlapping intervals are named. Files: explore.json, levels.csv, results.csv, manifest.json,
scenario.json, charts/ (the Goldilocks curve; unless --no-charts) and report.html (with --report).`)
    .action(async (file: string | undefined, opts: ExploreOptions) => {
      if (opts.steps < 2) throw new UsageError('--steps must be at least 2 (the two ends of the dial).');
      const started = performance.now();
      const loaded = loadScenario(file, opts.set);
      const settings = runSettings(loaded.scenario, { seed: opts.seed, replications: opts.reps, years: opts.years, warmupDays: opts.warmupDays });
      checkWindow(settings, loaded.file);
      const name = loaded.scenario.name;
      // Checked before any simulation; the folder is swapped in whole at the end.
      const dir = opts.out ?? defaultFolder(name, 'scenario', loaded.file, 'explore');
      const out = StagedOutput.begin(dir);
      let e;
      try {
        const progress = progressBar(`explore ${loaded.scenario.name}`, 'dial levels');
        e = explore(loaded.scenario, settings, opts.steps, (d, t) => progress.update(d, t));
        progress.stop();
        writeExploration(out.work, name, e, loaded.hash, (performance.now() - started) / 1000, loaded.scenario);
        if (opts.charts) await chartsForExploration(out.work, name, e);
        if (opts.report) await writeReport(out.work);
        out.commit();
      } finally {
        out.abandon();
      }
      if (opts.json) {
        process.stdout.write(toJson(explorationDocument(name, e)));
        return;
      }
      process.stdout.write(
        `Scenario ${name}: ${settings.replications} replications per level on common random numbers\n\n` +
          explorationTable(e) +
          `\n\nJust right: ${e.justRight.label} — ${e.justRight.reason}\nFiles in ${dir}/: explore.json, levels.csv, results.csv, manifest.json\n`,
      );
    });
}
