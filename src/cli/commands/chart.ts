import { chartsForComparison, chartsForRun, writeReport } from '../lazy-report.js';
import { Command } from 'commander';
import { StagedOutput } from '../../experiment/output-dir.js';
import { defaultCompareFolder, defaultFolder } from '../output.js';
import { loadScenario } from '../../experiment/load.js';
import { runScenario, runSettings } from '../../experiment/replications.js';
import { writeRunOutputs } from '../../experiment/run-output.js';
import { compareDesigns } from '../../experiment/compare.js';
import { writeComparison } from '../../experiment/compare-output.js';
import { collect, positiveInt } from '../options.js';
import { checkWindow } from '../window.js';

export function chartCommand(): Command {
  return new Command('chart')
    .description('for planners: run scenario files and draw their charts (and a report) in one step')
    .argument('<scenarios...>', 'one scenario (run charts) or several (comparison charts, against the first)')
    .option('-r, --reps <n>', 'replications (default: the first scenario\'s run.replications)', positiveInt('--reps'))
    .option('--set <path=value>', 'override a scenario field (repeatable)', collect)
    .option('-o, --out <dir>', 'output folder (default: output/<name> or output/compare/<a>-vs-<b>)')
    .option('--no-report', 'skip report.html')
    .addHelpText('after', `
Examples:
  goldilocks chart scenarios/site-6.yaml
  goldilocks chart scenarios/compare-open.yaml scenarios/compare-capped.yaml

Writes the result files, charts/<name>.vl.json|.svg|.png and report.html, and lists them.`)
    .action(async (files: string[], opts: { reps?: number; set?: string[]; out?: string; report: boolean }) => {
      const started = performance.now();
      const loaded = files.map((f) => loadScenario(f, opts.set));
      const settings = runSettings(loaded[0].scenario, { replications: opts.reps });
      checkWindow(settings, files[0]);
      // Checked before any simulation; the folder is swapped in whole at the end.
      const dir = opts.out ?? (loaded.length === 1 ? defaultFolder(loaded[0].scenario.name, 'scenario', loaded[0].file) : defaultCompareFolder(loaded.map((l) => l.scenario.name), loaded.map((l) => l.file)));
      const out = StagedOutput.begin(dir);
      let written: string[];
      try {
        if (loaded.length === 1) {
          const { scenario, hash } = loaded[0];
          const results = runScenario(scenario, settings);
          written = writeRunOutputs(out.work, scenario.name, results, hash, (performance.now() - started) / 1000, {}, scenario).files.map((f) => f.slice(out.work.length + 1));
          written.push(...(await chartsForRun(out.work, scenario.name, results)));
        } else {
          const c = compareDesigns(loaded.map((l) => ({ name: l.scenario.name, scenario: l.scenario })), settings);
          written = writeComparison(out.work, c, loaded.map((l) => l.hash), (performance.now() - started) / 1000, {}, loaded.map((l) => ({ name: l.scenario.name, scenario: l.scenario })));
          written.push(...(await chartsForComparison(out.work, c)));
        }
        if (opts.report) {
          await writeReport(out.work);
          written.push('report.html');
        }
        out.commit();
      } finally {
        out.abandon();
      }
      process.stdout.write(`Files in ${dir}/:\n${written.map((f) => `  ${f}`).join('\n')}\n`);
    });
}
