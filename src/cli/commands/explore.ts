import { Command } from 'commander';
import { explorationDocument } from '../../experiment/explore.js';
import { toJson } from '../../experiment/files.js';
import { explorationTable } from '../../report/explore-table.js';
import { addRunSettingOptions, addUncertaintyOption, number, type RunSettingFlags, type UncertaintyFlags } from '../options.js';
import { exploreUncertaintyText } from '../../report/uncertainty-words.js';
import { defaultFolder, overridesText, withOverrides } from '../output.js';
import { runCliJob } from '../job.js';
import { uncertaintyIfAsked } from '../uncertainty.js';

interface ExploreOptions extends RunSettingFlags, UncertaintyFlags {
  steps: number;
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
  xlsx?: boolean;
}

export function exploreCommand(): Command {
  return addUncertaintyOption(
    addRunSettingOptions(
      new Command('explore')
        .description('run a scenario across the discretion dial (0 = all boundaries, 1 = all discretion) and find the "just right" zone')
        .argument('[scenario]', 'scenario file; the built-in default when omitted')
        .option('--steps <n>', 'dial levels from 0 to 1', number, 11),
      'override a scenario field (repeatable), e.g. goldilocks.maxOverloadIndex=0.9',
    ),
  )
    .option('-o, --out <dir>', 'output folder (default: output/explore/<scenario name>, or …+set-<hash> with --set)')
    .option('--json', 'print one JSON document on stdout')
    .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
    .option('--report', 'also write a self-contained report.html')
    .option('--xlsx', "also write results.xlsx for the board: a Summary sheet in the report's words, the tidy tables, a Provenance sheet")
    .addHelpText(
      'after',
      `
Examples:
  goldilocks explore                                 # the default scenario, 11 levels
  goldilocks explore scenarios/site-6.yaml --steps 6 --reps 30
  goldilocks explore scenarios/site-2.yaml --set goldilocks.objective=satisfaction --json
  goldilocks explore scenarios/site-6.yaml --xlsx      # and results.xlsx for the board
  goldilocks explore --steps 6 --reps 10 --uncertainty 24   # how robust the zone is

Levers set explicitly in the scenario stay fixed; the dial moves the others. "Just right":
levels whose mean overload index ≤ goldilocks.maxOverloadIndex (default 1) and turnover ≤
goldilocks.maxTurnoverPerYear (default 0.25), whose objective (default needMetShare) is not
detectably worse than the best level's on paired differences by more than goldilocks.tolerance;
levels resting on overlapping intervals are named. Files: explore.json, levels.csv, results.csv, manifest.json,
scenario.json, charts/ (the Goldilocks curve; unless --no-charts), report.html (with --report) and results.xlsx (with --xlsx).`,
    )
    .action(async (file: string | undefined, opts: ExploreOptions) => {
      const { checkUncertaintyFlag } = await import('../../jobs/node/uncertainty-cli.js');
      checkUncertaintyFlag(opts.uncertainty, 'explore');
      const { result, dir, delivered } = await runCliJob({
        kind: 'explore',
        uncertainty: opts.uncertainty,
        files: file === undefined ? [] : [file],
        set: opts.set,
        options: { replications: opts.reps, seed: opts.seed, years: opts.years, warmupDays: opts.warmupDays, workers: opts.workers, steps: opts.steps },
        out: opts.out,
        folder: (job) => defaultFolder(job.designs[0].name, 'scenario', job.designs[0].label, 'explore'),
        charts: opts.charts,
        report: Boolean(opts.report),
        xlsx: Boolean(opts.xlsx),
        json: Boolean(opts.json),
      });
      if (result.kind !== 'explore') return;
      const name = result.job.designs[0].name;
      const e = result.exploration;
      const uncertain = await uncertaintyIfAsked(result, opts, dir);
      if (opts.json) {
        process.stdout.write(toJson(uncertain ? uncertain.document : withOverrides(explorationDocument(name, e), opts.set)));
        return;
      }
      const robust = uncertain
        ? `\n${exploreUncertaintyText(
            e.justRight.levels,
            e.levels.map((l) => l.discretion),
            uncertain.outcome,
          )}`
        : '';
      process.stdout.write(
        `Scenario ${name}${overridesText(opts.set)}: ${e.settings.replications} replications per level on common random numbers\n\n` +
          explorationTable(e) +
          `\n\nJust right: ${e.justRight.label} — ${e.justRight.reason}\n${robust}Files in ${dir}/: ${[...new Set([...topLevel(delivered.files), ...(uncertain?.files ?? [])])].join(', ')}\n`,
      );
    });
}

/** The files and folders written, as the folder's top level ("charts/" once for every chart). */
function topLevel(files: readonly string[]): string[] {
  return [...new Set(files.map((f) => (f.includes('/') ? `${f.slice(0, f.indexOf('/'))}/` : f)))];
}
