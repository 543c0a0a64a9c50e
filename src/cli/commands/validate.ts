import { Command } from 'commander';
import { loadScenario } from '../../experiment/load.js';
import { loadSweep, omittedLine } from '../../experiment/sweep-load.js';
import { loadPlan } from '../../experiment/plan-load.js';
import { formatProblems, InputError } from '../../scenario/errors.js';
import { parseYamlText, readInputText } from '../../scenario/load.js';
import { commandPrefix } from '../../messages.js';
import { UsageError } from '../errors.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check scenario, sweep and plan files against their schemas without running them')
    .argument('<files...>', 'scenario, sweep or plan files (YAML or JSON); a file with `targets` is a plan, one with `factors` a sweep')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks validate scenarios/*.yaml
  goldilocks validate my-service.yaml
  goldilocks validate scenarios/plan-wte.yaml       # plan files too

Exit code 0 when every file is valid, 2 when any is not (each problem is listed with its line).`,
    )
    .action((files: string[]) => {
      let failures = 0;
      for (const file of files) {
        try {
          if (isPlanFile(file)) {
            const { plan, context } = loadPlan(file);
            const count = context.search.factors.reduce((n, f) => n * f.values.length, 1);
            process.stdout.write(
              `ok   ${file} (plan ${plan.name}: ${count} candidate designs, ${plan.targets.length} target${plan.targets.length > 1 ? 's' : ''})\n`,
            );
          } else if (isSweepFile(file)) {
            const { sweep, plan } = loadSweep(file);
            process.stdout.write(`ok   ${file} (sweep ${sweep.name}: ${plan.count} points)\n`);
          } else {
            const { scenario } = loadScenario(file);
            process.stdout.write(`ok   ${file} (${scenario.name})\n`);
          }
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          failures++;
          process.stdout.write(`FAIL ${file}\n`);
          const omitted = (err as { omittedProblems?: number }).omittedProblems;
          process.stderr.write(`${formatProblems(err.file, err.problems, '').trim()}\n${omitted ? `${omittedLine(omitted)}\n` : ''}`);
        }
      }
      if (failures > 0) {
        throw new UsageError(
          `${failures} of ${files.length} file(s) not valid (problems listed above). Run \`${commandPrefix()} schema\` (scenarios), \`schema --sweep\` or \`schema --plan\` for every field and its default.`,
        );
      }
    });
}

/** A top-level `targets:` key (block style), or a JSON/flow document with one: a plan file. */
function isPlanFile(file: string): boolean {
  return hasTopLevelKey(file, 'targets', /^(targets|"targets"|'targets')[ \t]*:/m);
}

/** A top-level `factors:` key of a YAML file written in block style (the usual way). */
const BLOCK_FACTORS_KEY = /^(factors|"factors"|'factors')[ \t]*:/m;

/**
 * A sweep file names factors to vary; anything else is checked as a scenario. Decided without
 * parsing the file twice where possible (a large sweep file's YAML parse is most of its
 * validation): no "factors" anywhere means a scenario, a top-level block key or a JSON object
 * with the key means a sweep; only other layouts (a flow mapping) are parsed here.
 */
function isSweepFile(file: string): boolean {
  return hasTopLevelKey(file, 'factors', BLOCK_FACTORS_KEY);
}

function hasTopLevelKey(file: string, key: string, block: RegExp): boolean {
  let text: string;
  try {
    text = readInputText(file); // the loader's reader: the loader reports an unreadable file properly
  } catch {
    return false;
  }
  if (!text.includes(key)) return false;
  if (block.test(text)) return true;
  const hasFactors = (doc: unknown) => doc !== null && typeof doc === 'object' && !Array.isArray(doc) && Object.hasOwn(doc, key);
  if (text.trimStart().startsWith('{')) {
    try {
      return hasFactors(JSON.parse(text));
    } catch {
      /* not JSON: YAML below */
    }
  }
  try {
    return hasFactors(parseYamlText(text, file).value); // no YAML warnings printed
  } catch {
    return false; // bad YAML: the scenario loader reports it properly
  }
}
