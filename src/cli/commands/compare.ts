import { chartsForComparison, writeReport } from '../lazy-report.js';
import { Command } from 'commander';
import { basename } from 'node:path';
import { StagedOutput } from '../../experiment/output-dir.js';
import { defaultCompareFolder } from '../output.js';
import { loadScenario } from '../../experiment/load.js';
import { runSettings } from '../../experiment/replications.js';
import { compareDesigns, comparisonDocument, parseThresholds, uniqueNames } from '../../experiment/compare.js';
import { writeComparison } from '../../experiment/compare-output.js';
import { toJson } from '../../experiment/files.js';
import { comparisonTables } from '../../report/compare-table.js';
import { addRunSettingOptions, collect, type RunSettingFlags } from '../options.js';
import { checkWindow } from '../window.js';
import { UsageError } from '../errors.js';

interface CompareOptions extends RunSettingFlags {
  threshold?: string[];
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
}

export function compareCommand(): Command {
  return addRunSettingOptions(
    new Command('compare')
      .description('compare service designs on common random numbers: each design against the first, paired')
      .argument('<scenarios...>', 'two or more scenario files; the first is the baseline'),
    'override a field in every design (repeatable)',
  )
    .option('-o, --out <dir>', 'output folder (default: output/compare/<first>-vs-<second>...)')
    .option('--json', 'print one JSON document on stdout instead of the tables')
    .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
    .option('--report', 'also write a self-contained report.html')
    .option('--threshold <metric=value>', 'smallest difference that counts for a verdict (repeatable), e.g. waitDays=2, or turnoverPerYear=10% of the baseline', collect)
    .addHelpText('after', `
Examples:
  goldilocks compare scenarios/compare-open.yaml scenarios/compare-capped.yaml scenarios/compare-two-workers.yaml
  goldilocks compare scenarios/site-4.yaml scenarios/site-6.yaml --reps 50 --json
  goldilocks compare a.yaml b.yaml --set run.years=5

All designs use the run settings (seed, replications, horizon, warm-up) of the first file unless
given here. Verdicts: better / worse (for metrics with a preferred direction) or higher / lower
(for the others) when the 95 % paired interval excludes 0 and the difference reaches the metric's
threshold (default 1 day of wait, 1 patient, 0.05 of overload index, 0.02 of a share or 0–1 score,
5 % of the baseline for the rest; --threshold overrides); "no meaningful difference" when the
interval excludes 0 but the difference is smaller; "no detectable difference" when it contains 0.
Cost and effect: the paired cost difference and the incremental cost per extra need met with its
95 % interval (Fieller), or "dominates" / "dominated" when the signs say so (costEffect in --json).
Files: compare.json, designs.csv, differences.csv, replications.csv, manifest.json, scenarios.json,
charts/ (unless --no-charts) and report.html (with --report).`)
    .action(async (files: string[], opts: CompareOptions) => {
      if (files.length < 2) throw new UsageError('compare needs at least two scenario files, e.g. `goldilocks compare a.yaml b.yaml`.');
      const { thresholds, problems } = parseThresholds(opts.threshold ?? []);
      if (problems.length) throw new UsageError(problems.join('\n'));
      const started = performance.now();
      const loaded = files.map((f) => loadScenario(f, opts.set));
      const names = uniqueNames(loaded.map((l, i) => l.scenario.name || basename(files[i])));
      const settings = runSettings(loaded[0].scenario, { seed: opts.seed, replications: opts.reps, years: opts.years, warmupDays: opts.warmupDays });
      checkWindow(settings, files[0]);
      // Checked before any simulation; the folder is swapped in whole at the end.
      const dir = opts.out ?? defaultCompareFolder(names, loaded.map((l) => l.file));
      const out = StagedOutput.begin(dir);
      let comparison;
      try {
        comparison = compareDesigns(loaded.map((l, i) => ({ name: names[i], scenario: l.scenario })), settings, thresholds);
        writeComparison(out.work, comparison, loaded.map((l) => l.hash), (performance.now() - started) / 1000, {}, loaded.map((l, i) => ({ name: names[i], scenario: l.scenario })));
        if (opts.charts) await chartsForComparison(out.work, comparison);
        if (opts.report) await writeReport(out.work);
        out.commit();
      } finally {
        out.abandon();
      }
      if (opts.json) process.stdout.write(toJson(comparisonDocument(comparison)));
      else process.stdout.write(`${comparisonTables(comparison)}\n\nFiles in ${dir}/: compare.json, designs.csv, differences.csv, replications.csv, manifest.json, scenarios.json${opts.charts ? ', charts/' : ''}${opts.report ? ', report.html' : ''}\n`);
    });
}
