import { relative } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { runManifest } from '../../experiment/manifest.js';
import { toJson } from '../../experiment/files.js';
import { loadPlan } from '../../experiment/plan-load.js';
import { rangeShortfalls } from '../../experiment/sweep-points.js';
import { candidatesCsv, planDocument, planSummaryLines } from '../../experiment/plan-output.js';
import { simulatePlan } from '../../jobs/plan.js';
import { planRunner } from '../../jobs/plan-source.js';
import { defaultWorkers, threadRunner } from '../../jobs/node/thread-runner.js';
import { diskSink } from '../../jobs/node/disk-sink.js';
import { HINTS } from '../../messages.js';
import { optionProblem, RUN_OPTION_BOUNDS } from '../../scenario/run-options.js';
import { UsageError } from '../errors.js';
import { onCtrlC } from '../interrupt.js';
import { number } from '../options.js';
import { defaultFolder } from '../output.js';
import { progressBar } from '../progress.js';
import { planAnswer } from '../../report/plan-words.js';

interface PlanFlags {
  confidence?: number;
  uncertainty?: number;
  workers?: number;
  out?: string;
  json?: boolean;
  charts: boolean;
  report?: boolean;
  xlsx?: boolean;
}

/** Exit code when the plan ran but no candidate meets every target (the reason is printed). */
export const NO_DESIGN_EXIT_CODE = 3;

/** The bounds of --confidence: the plan file's (src/experiment/plan-schema.ts). */
export const CONFIDENCE_BOUNDS = { min: 0.5, max: 0.999 } as const;

function confidence(value: string): number {
  const x = Number(value);
  if (value.trim() === '' || !(x >= CONFIDENCE_BOUNDS.min && x <= CONFIDENCE_BOUNDS.max))
    throw new InvalidArgumentError(
      `--confidence must be a number from ${CONFIDENCE_BOUNDS.min} to ${CONFIDENCE_BOUNDS.max}, e.g. 0.95 (one-sided, for each target; not a percentage).`,
    );
  return x;
}

export function planCommand(): Command {
  return new Command('plan')
    .option(
      '--uncertainty <n>',
      "after the search, run the chosen design under N draws of the assumed parameters (Latin hypercube, the plan's start replications per draw, its factors held): per target, the share of draws in which it is met, and the target metrics' intervals with the assumptions' uncertainty; docs/model.md §11b",
      number,
    )
    .description('find the least-cost design that meets your targets (e.g. 90 % seen within 28 days), with a stated confidence')
    .argument('<plan>', 'plan file (YAML or JSON), see scenarios/plan-*.yaml')
    .option(
      '--confidence <p>',
      `one-sided confidence for each target and the probability of choosing the best, ${CONFIDENCE_BOUNDS.min} to ${CONFIDENCE_BOUNDS.max} (default: the plan's, else 0.95)`,
      confidence,
    )
    .option(
      '-j, --workers <n>',
      `threads to run replications on, at most ${RUN_OPTION_BOUNDS.workers.max} (default: the cores available); results are identical whatever the number`,
      number,
    )
    .option('-o, --out <dir>', 'output folder (default: output/plan/<plan name>)')
    .option('--json', 'print the JSON document (plan.json) on stdout instead of the summary')
    .option('--no-charts', 'skip the frontier charts (vega-lite specs, SVG and PNG in <out>/charts/)')
    .option('--report', 'also write a self-contained report.html (the answer, the margins, the runner-ups, the frontier)')
    .option('--xlsx', "also write results.xlsx for the board: a Summary sheet in the report's words, candidates, a Provenance sheet")
    .addHelpText(
      'after',
      `
Examples:
  goldilocks plan scenarios/plan-wte.yaml            # what WTE for 90 % seen within 28 days?
  goldilocks plan scenarios/plan-wte.yaml --report   # and report.html with the frontier chart
  goldilocks plan scenarios/plan-wte.yaml --json > plan.json
  goldilocks plan scenarios/plan-wte.yaml --xlsx     # and results.xlsx for the board
  goldilocks plan scenarios/plan-cap-networking.yaml --confidence 0.9 --workers 2
  goldilocks plan scenarios/plan-wte.yaml --uncertainty 32   # does the chosen design hold under the assumptions' uncertainty?
  goldilocks validate scenarios/plan-wte.yaml        # check a plan file without running it
  goldilocks schema --plan > goldilocks.plan.schema.json

A plan file is a sweep file's sibling: name, base, factors (values, or range with step or steps;
monotone: true on e.g. WTE to search it by bisection), targets ("<metric> >= <value>"), objective
({ minimise: costPerYear } by default), replications (to start with) and maxReplications.

Files written to the output folder: plan.json (what --json prints), candidates.csv (one row per
candidate and metric), chosen.yaml (the chosen design as a scenario file, ready for goldilocks
run), scenario.json (the base, validated), manifest.json, charts/frontier-<metric>.{vl.json,svg,png}, with --report
report.html (goldilocks report DIR rebuilds it) and with --xlsx results.xlsx.

With --uncertainty N the search is unchanged; then the chosen design runs under N draws of the
assumptions (Latin hypercube), the plan's start replications in each draw, its factors held at the
chosen values. plan.json (and uncertainty.json) gain an uncertainty block: for each target, the share
of the draws in which the chosen design's mean meets it, and the target metric's interval with the
assumptions' uncertainty (ci95Total) beside the noise-only one, and what it hinges on;
uncertainty.csv has a row per target, and report.html (with --report) a table of them.

Exit codes: 0 a design was chosen, ${NO_DESIGN_EXIT_CODE} no design meets every target (the reason is printed;
--json still prints the document, with chosen: null), 2 bad input, 1 unexpected failure, 130 Ctrl-C.`,
    )
    .action(async (file: string, opts: PlanFlags) => {
      const started = performance.now();
      const { checkUncertaintyFlag } = await import('../../jobs/node/uncertainty-cli.js');
      checkUncertaintyFlag(opts.uncertainty, 'plan');
      if (opts.workers !== undefined) {
        const problem = optionProblem('workers', opts.workers, 'cli');
        if (problem) throw new UsageError(`${problem}\n${HINTS.runOptions('cli', 'plan')}`);
      }
      const loaded = loadPlan(file);
      for (const note of rangeShortfalls(loaded.plan.factors)) process.stderr.write(`goldilocks: note: ${note}\n`);
      const plan = opts.confidence === undefined ? loaded.plan : { ...loaded.plan, confidence: opts.confidence };
      const context = opts.confidence === undefined ? loaded.context : { ...loaded.context, search: { ...loaded.context.search, confidence: plan.confidence } };
      const dir = opts.out ?? defaultFolder(plan.name, 'plan', file, 'plan');
      const sink = diskSink(dir);
      const ctrlC = onCtrlC(dir);
      const workers = opts.workers ?? defaultWorkers();
      // Without --workers, a round of the search too small to gain from threads runs in this one (as the library and page do).
      const runner = ctrlC.runner(opts.workers === undefined ? planRunner(threadRunner(workers)) : threadRunner(workers));
      const bar = progressBar(plan.name, 'replications');
      const files: string[] = [];
      const warnings: string[] = [];
      const texts: Array<[string, string]> = [];
      const put = (name: string, content: string | Uint8Array) => {
        sink.put(name, content);
        files.push(name);
        if (typeof content === 'string') texts.push([name, content]);
      };
      try {
        // The planner asks for replications round by round, each round's progress from 0: the bar
        // counts every replication so far, and its total grows with each round.
        let before = 0;
        let round = { stage: '', total: 0 };
        const result = await simulatePlan(plan, context, runner, 'cli', (done, total, stage) => {
          if (stage !== round.stage) {
            before += round.total;
            round = { stage, total };
          }
          ctrlC.progress(before + done, before + total, stage);
          bar.update(before + done, before + total, stage.replace(/ \(\d+ replications so far\)$/, ''));
        });
        bar.stop();
        await runner.close();
        const output = { plan, context, outcome: result.outcome, chosenScenario: result.chosenScenario };
        const doc = planDocument(output);
        const searchSeconds = (performance.now() - started) / 1000;
        // --uncertainty N: the chosen design under N draws of the assumptions (the search above is unchanged).
        // plan.json holds what --json prints; the draws' wall time goes to manifest.json only.
        let uncertain: { text: string; doc: unknown; wallSeconds: number } | undefined;
        if (opts.uncertainty !== undefined) {
          const { planUncertainty, planDocumentWithUncertainty, planUncertaintyCsv, planUncertaintyText } = await import('../../jobs/plan-uncertainty.js');
          const uRunner = ctrlC.runner(threadRunner(workers));
          try {
            const u = await planUncertainty(doc, opts.uncertainty, uRunner, (done, total, stage) => bar.update(done, total, stage));
            bar.stop();
            const withU = planDocumentWithUncertainty(doc, u);
            put('uncertainty.json', toJson(withU));
            put('uncertainty.csv', planUncertaintyCsv(u));
            uncertain = { text: planUncertaintyText(u), doc: withU, wallSeconds: u?.outcome.wallSeconds ?? 0 };
          } finally {
            await uRunner.close();
          }
        }
        put('plan.json', toJson(uncertain ? uncertain.doc : doc));
        put('candidates.csv', candidatesCsv(output));
        if (result.chosenScenario) put('chosen.yaml', result.chosenScenario);
        // The validated base, as a run folder holds its scenario: `goldilocks report` rebuilds the plan's report from the folder.
        if (context.base.scenario) put('scenario.json', toJson(context.base.scenario));
        const manifest = runManifest({
          scenario: relative(process.cwd(), context.base.label) || context.base.label,
          scenarioHash: context.base.hash,
          settings: { ...context.settings, replications: result.outcome.replications },
          wallSeconds: searchSeconds,
          extra: {
            ...(uncertain ? { uncertainty: { draws: opts.uncertainty, wallSeconds: uncertain.wallSeconds } } : {}),
            plan: plan.name,
            planFile: file,
            planFileSha256: loaded.fileHash,
            planSha256: loaded.hash,
            confidence: plan.confidence,
            commonRandomNumbers: true,
            replicationsMethod: `sequential: ${plan.replications} per candidate to start with, at most ${plan.maxReplications}; ${result.outcome.replications} simulated in all over ${result.outcome.candidates.length} of ${result.outcome.gridSize} candidates`,
            workers,
          },
        });
        put('manifest.json', toJson(manifest));
        const charts: Array<{ name: string; title: string; svg: string }> = [];
        if (opts.charts || opts.report) {
          const { planCharts } = await import('../../report/charts/plan.js');
          const { renderChartsSafely } = await import('../../report/render-safely.js');
          if (opts.charts) {
            const { renderSvg, svgToPng } = await import('../../report/render.js');
            const drawn = await renderChartsSafely(() => planCharts(doc), renderSvg);
            warnings.push(...drawn.warnings);
            for (const c of drawn.charts) {
              put(`charts/${c.name}.vl.json`, toJson(c.spec));
              put(`charts/${c.name}.svg`, c.svg);
              put(`charts/${c.name}.png`, svgToPng(c.svg));
              charts.push(c);
            }
          }
          if (opts.report) {
            const { buildPlanReport } = await import('../../report/html/plan-page.js');
            try {
              put(
                'report.html',
                buildPlanReport({
                  kind: 'plan',
                  folder: plan.name,
                  doc: JSON.parse(toJson(uncertain ? uncertain.doc : doc)),
                  manifest,
                  charts,
                  scenario: context.base.scenario ?? null,
                }),
              );
            } catch (err) {
              warnings.push(`report.html could not be built (${err instanceof Error ? err.message : String(err)}); the other results are written.`);
            }
          }
        }
        if (opts.xlsx) {
          const { folderXlsx, commandLine } = await import('../../report/xlsx.js');
          put('results.xlsx', await folderXlsx(texts, { command: commandLine(process.argv.slice(2)), written: new Date() }, plan.name));
        }
        ctrlC.check();
        sink.commit();
        for (const w of warnings) process.stderr.write(`goldilocks: ${w}\n`);
        if (opts.json) process.stdout.write(toJson(uncertain ? uncertain.doc : doc));
        else
          process.stdout.write(
            `Plan ${plan.name} (${file}, base ${relative(process.cwd(), context.base.label)}): targets ${plan.targets.map((t) => t.text).join(', ')}\n\n` +
              `${planAnswer(doc)}\n\n` +
              planSummaryLines(output).join('\n') +
              (uncertain ? `\n\n${uncertain.text}` : '') +
              `\n\nFiles in ${dir}/: ${summariseFiles(files)} (${result.seconds.toFixed(1)} s on ${workers} thread${workers === 1 ? '' : 's'})\n`,
          );
        if (!result.outcome.chosen) {
          if (opts.json) process.stderr.write(`goldilocks: ${result.outcome.reason}\n`);
          process.exitCode = NO_DESIGN_EXIT_CODE;
        }
      } catch (err) {
        throw ctrlC.error(err);
      } finally {
        ctrlC.dispose();
        bar.stop();
        await runner.close();
        sink.abandon();
      }
    });
}

/** "plan.json, candidates.csv, …, charts/ (6 files)": the files written, the charts counted. */
function summariseFiles(files: readonly string[]): string {
  const top = files.filter((f) => !f.startsWith('charts/'));
  const charts = files.length - top.length;
  return [...top, ...(charts > 0 ? [`charts/ (${charts} files)`] : [])].join(', ');
}
