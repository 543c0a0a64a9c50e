import { Command } from 'commander';
import { loadScenario } from '../../experiment/load.js';
import { InputError, formatProblems } from '../../scenario/errors.js';
import { UsageError } from '../errors.js';

export function validateCommand(): Command {
  return new Command('validate')
    .description('check scenario files against the schema without running them')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .addHelpText('after', `
Examples:
  goldilocks validate scenarios/*.yaml
  goldilocks validate my-service.yaml

Exit code 0 when every file is valid, 2 when any is not (each problem is listed with its line).`)
    .action((files: string[]) => {
      let failures = 0;
      for (const file of files) {
        try {
          const { scenario } = loadScenario(file);
          process.stdout.write(`ok   ${file} (${scenario.name})\n`);
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
