import { Command, InvalidArgumentError } from 'commander';
import { toJson } from '../../experiment/files.js';
import { loadPlan } from '../../experiment/plan-load.js';
import { candidatesCsv, planDocument, planSummaryLines } from '../../experiment/plan-output.js';
import { simulatePlan } from '../../jobs/plan.js';
import { defaultWorkers, threadRunner } from '../../jobs/node/thread-runner.js';
import { diskSink } from '../../jobs/node/disk-sink.js';
import { HINTS } from '../../messages.js';
import { optionProblem, RUN_OPTION_BOUNDS } from '../../scenario/run-options.js';
import { UsageError } from '../errors.js';
import { onCtrlC } from '../interrupt.js';
import { number } from '../options.js';
import { defaultFolder } from '../output.js';
import { progressBar } from '../progress.js';

interface PlanFlags {
  confidence?: number;
  workers?: number;
  out?: string;
  json?: boolean;
}

/** Exit code when the plan ran but no candidate meets every target (the reason is printed). */
export const NO_DESIGN_EXIT_CODE = 3;

function confidence(value: string): number {
  const x = Number(value);
  if (!(x >= 0.5 && x <= 0.999)) throw new InvalidArgumentError('--confidence must be a number from 0.5 to 0.999, e.g. 0.95 (one-sided, for each target).');
  return x;
}

export function planCommand(): Command {
  return new Command('plan')
    .description('find the least-cost design that meets your targets (e.g. 90 % seen within 28 days), with a stated confidence')
    .argument('<plan>', 'plan file (YAML or JSON), see scenarios/plan-*.yaml')
    .option('--confidence <p>', "one-sided confidence for each target and the probability of choosing the best (default: the plan's, 0.95)", confidence)
    .option(
      '--workers <n>',
      `threads to run replications on, at most ${RUN_OPTION_BOUNDS.workers.max} (default: the cores available); results are identical whatever the number`,
      number,
    )
    .option('-o, --out <dir>', 'output folder (default: output/plan/<plan name>)')
    .option('--json', 'print the JSON document on stdout instead of the summary')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks plan scenarios/plan-wte.yaml            # what WTE for 90 % seen within 28 days?
  goldilocks plan scenarios/plan-wte.yaml --json > plan.json
  goldilocks plan scenarios/plan-wte.yaml --confidence 0.9 --workers 2
  goldilocks validate scenarios/plan-wte.yaml        # check a plan file without running it

A plan file is a sweep file's sibling: name, base, factors (values, or range with step or steps;
monotone: true on e.g. WTE to search it by bisection), targets ("<metric> >= <value>"), objective
({ minimise: costPerYear } by default), replications (to start with) and maxReplications.

Files written to the output folder: plan.json, candidates.csv (one row per candidate and metric)
and chosen.yaml (the chosen design as a scenario file, ready for goldilocks run).

Exit codes: 0 a design was chosen, ${NO_DESIGN_EXIT_CODE} no design meets every target (the reason is printed;
--json still prints the document, with chosen: null), 2 bad input, 1 unexpected failure.`,
    )
    .action(async (file: string, opts: PlanFlags) => {
      if (opts.workers !== undefined) {
        const problem = optionProblem('workers', opts.workers, 'cli');
        if (problem) throw new UsageError(`${problem}\n${HINTS.runOptions('cli', 'plan')}`);
      }
      const loaded = loadPlan(file);
      const plan = opts.confidence === undefined ? loaded.plan : { ...loaded.plan, confidence: opts.confidence };
      const context = opts.confidence === undefined ? loaded.context : { ...loaded.context, search: { ...loaded.context.search, confidence: plan.confidence } };
      const dir = opts.out ?? defaultFolder(plan.name, 'plan', file, 'plan');
      const sink = diskSink(dir);
      const ctrlC = onCtrlC(dir);
      const runner = ctrlC.runner(threadRunner(opts.workers ?? defaultWorkers()));
      const bar = progressBar(plan.name, 'replications');
      try {
        const result = await simulatePlan(plan, context, runner, 'cli', (done, total, stage) => {
          ctrlC.progress(done, total, stage);
          bar.update(done, total, stage);
        });
        bar.stop();
        const output = { plan, context, outcome: result.outcome, chosenScenario: result.chosenScenario };
        const doc = planDocument(output);
        sink.put('plan.json', toJson(doc));
        sink.put('candidates.csv', candidatesCsv(output));
        if (result.chosenScenario) sink.put('chosen.yaml', result.chosenScenario);
        ctrlC.check();
        sink.commit();
        if (opts.json) process.stdout.write(toJson(doc));
        else
          process.stdout.write(
            `Plan ${plan.name} (${file}, base ${context.base.label}): targets ${plan.targets.map((t) => t.text).join(', ')}\n\n` +
              planSummaryLines(output).join('\n') +
              `\n\nFiles in ${dir}/: plan.json, candidates.csv${result.chosenScenario ? ', chosen.yaml' : ''} (${result.seconds.toFixed(1)} s)\n`,
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
