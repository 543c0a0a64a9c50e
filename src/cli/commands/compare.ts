import { Command } from 'commander';
import { comparisonDocument, parseThresholds } from '../../experiment/compare.js';
import { toJson } from '../../experiment/files.js';
import { comparisonTables } from '../../report/compare-table.js';
import {
  addEventLogOptions,
  addRunSettingOptions,
  addUncertaintyOption,
  collect,
  type EventLogFlags,
  eventLogRequest,
  type RunSettingFlags,
  type UncertaintyFlags,
} from '../options.js';
import { compareUncertaintyText } from '../../report/uncertainty-words.js';
import { defaultCompareFolder, overridesText, withOverrides } from '../output.js';
import { UsageError } from '../errors.js';
import { runCliJob } from '../job.js';
import { uncertaintyIfAsked } from '../uncertainty.js';

interface CompareOptions extends RunSettingFlags, EventLogFlags, UncertaintyFlags {
  threshold?: string[];
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
  xlsx?: boolean;
}

export function compareCommand(): Command {
  return addUncertaintyOption(
    addEventLogOptions(
      addRunSettingOptions(
        new Command('compare')
          .description('compare service designs on common random numbers: each design against the first, paired')
          .argument('<scenarios...>', 'two or more scenario files; the first is the baseline'),
        'override a field in every design (repeatable)',
      )
        .option('-o, --out <dir>', 'output folder (default: output/compare/<first>-vs-<second>..., or …+set-<hash> with --set)')
        .option('--json', 'print one JSON document on stdout instead of the tables')
        .option('--no-charts', 'skip the charts (vega-lite specs, SVG and PNG in <out>/charts/)')
        .option('--report', 'also write a self-contained report.html'),
    ),
  )
    .option('--xlsx', "also write results.xlsx for the board: a Summary sheet in the report's words, the tidy tables, a Provenance sheet")
    .option(
      '--threshold <metric=value>',
      'smallest difference that counts for a verdict (repeatable), e.g. waitDays=2, or turnoverPerYear=10% of the baseline',
      collect,
    )
    .addHelpText(
      'after',
      `
Examples:
  goldilocks compare scenarios/compare-open.yaml scenarios/compare-capped.yaml scenarios/compare-two-workers.yaml
  goldilocks compare scenarios/site-4.yaml scenarios/site-6.yaml --reps 50 --json
  goldilocks compare a.yaml b.yaml --set run.years=5
  goldilocks compare scenarios/site-4.yaml scenarios/site-6.yaml --xlsx   # and results.xlsx for the board
  goldilocks compare scenarios/compare-open.yaml scenarios/compare-capped.yaml --uncertainty 32   # is the better design better in most draws of the assumptions?

All designs use the run settings (seed, replications, horizon, warm-up) of the first file unless
given here. Verdicts: better / worse (for metrics with a preferred direction) or higher / lower
(for the others) when the 95 % paired interval excludes 0 and the difference reaches the metric's
threshold (default 1 day of wait, 1 patient, 0.05 of overload index, 0.02 of a share or 0–1 score,
5 % of the baseline for the rest; --threshold overrides); "no meaningful difference" when the
interval excludes 0 but the difference is smaller; "no detectable difference" when it contains 0.
Cost and effect: the paired cost difference and the incremental cost per extra person with need met
(people a year, not the share of episodes) with its 95 % interval (Fieller), or "dominates" /
"dominated" when the signs say so; no cost per person, and the reason, when the difference in people
with need met is not detectable or below its threshold (costEffect in --json).
Files: compare.json, designs.csv, differences.csv, replications.csv, manifest.json, scenarios.json,
charts/ (unless --no-charts), report.html (with --report), results.xlsx (with --xlsx) and events.csv with events.json (with --event-log: docs/event-log.md).
With --uncertainty N every design runs on the same N draws of the assumptions; a parameter that differs
between the designs (the decision compared) keeps each design's own value in every draw, and the designs'
uncertainty: sections must be the same. Adds uncertainty.json and uncertainty.csv; compare.json gains
ci95Total, assumptionShare, beatsShare and worseShare (the shares of draws in which a design beats the first, or falls behind it; the rest are ties).`,
    )
    .action(async (files: string[], opts: CompareOptions) => {
      const { thresholds, problems } = parseThresholds(opts.threshold ?? []);
      if (problems.length) throw new UsageError(problems.join('\n'));
      const { checkUncertaintyFlag } = await import('../../jobs/node/uncertainty-cli.js');
      checkUncertaintyFlag(opts.uncertainty, 'compare');
      // Differing uncertainty: sections (one set of draws serves every design) are refused by runCliJob before anything runs.
      const { result, dir } = await runCliJob({
        kind: 'compare',
        uncertainty: opts.uncertainty,
        files,
        set: opts.set,
        options: { replications: opts.reps, seed: opts.seed, years: opts.years, warmupDays: opts.warmupDays, workers: opts.workers, thresholds },
        out: opts.out,
        folder: (job) =>
          defaultCompareFolder(
            job.designs.map((d) => d.name),
            job.designs.map((d) => d.label),
          ),
        charts: opts.charts,
        report: Boolean(opts.report),
        eventLog: eventLogRequest(opts),
        xlsx: Boolean(opts.xlsx),
        json: Boolean(opts.json),
      });
      if (result.kind !== 'compare') return;
      const uncertain = await uncertaintyIfAsked(result, opts, dir);
      if (opts.json) process.stdout.write(toJson(uncertain ? uncertain.document : withOverrides(comparisonDocument(result.comparison), opts.set)));
      else
        process.stdout.write(
          `${opts.set?.length ? `Every design${overridesText(opts.set)}\n\n` : ''}${comparisonTables(result.comparison)}${uncertain ? `\n\n${compareUncertaintyText(uncertain.outcome)}` : ''}\n\nFiles in ${dir}/: compare.json, designs.csv, differences.csv, replications.csv, manifest.json, scenarios.json${opts.charts ? ', charts/' : ''}${opts.report ? ', report.html' : ''}${opts.xlsx ? ', results.xlsx' : ''}${eventLogRequest(opts) ? ', events.csv, events.json' : ''}${uncertain ? `, ${uncertain.files.filter((f) => !(opts.charts && f === 'charts/')).join(', ')}` : ''}\n`,
        );
    });
}
