import { Command } from 'commander';
import { parseYamlFile } from '../../scenario/load.js';
import { loadScenario } from '../../experiment/load.js';
import { loadSweep } from '../../experiment/sweep-load.js';
import { InputError, formatProblems } from '../../scenario/errors.js';
import { UsageError } from '../errors.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check scenario and sweep files against their schemas without running them')
    .argument('<files...>', 'scenario or sweep files (YAML or JSON); a file with `factors` is a sweep')
    .addHelpText('after', `
Examples:
  goldilocks validate scenarios/*.yaml
  goldilocks validate my-service.yaml

Exit code 0 when every file is valid, 2 when any is not (each problem is listed with its line).`)
    .action((files: string[]) => {
      let failures = 0;
      for (const file of files) {
        try {
          if (isSweepFile(file)) {
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
          process.stderr.write(`${formatProblems(err.file, err.problems, '').trim()}\n`);
        }
      }
      if (failures > 0) {
        throw new UsageError(`${failures} of ${files.length} file(s) not valid (problems listed above). Run \`goldilocks schema\` for every field and its default.`);
      }
    });
}

/** A sweep file names factors to vary; anything else is checked as a scenario. */
function isSweepFile(file: string): boolean {
  try {
    const doc = parseYamlFile(file); // the loader's reader: no YAML warnings printed
    return doc !== null && typeof doc === 'object' && 'factors' in doc;
  } catch {
    return false; // unreadable or bad YAML: the scenario loader reports it properly
  }
}
