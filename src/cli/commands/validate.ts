import { Command } from 'commander';
import { loadScenarioFile } from '../../scenario/load.js';
import { InputError } from '../../scenario/errors.js';

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
      const failures: InputError[] = [];
      for (const file of files) {
        try {
          const { scenario } = loadScenarioFile(file);
          process.stdout.write(`ok   ${file} (${scenario.name})\n`);
        } catch (err) {
          if (!(err instanceof InputError)) throw err;
          failures.push(err);
          process.stdout.write(`FAIL ${file}\n`);
        }
      }
      if (failures.length > 0) {
        throw new InputError(failures.length === 1 ? failures[0].file : `${failures.length} files`, failures.flatMap((f) => f.problems.map((p) => ({ ...p, path: `${f.file}${p.line ? `:${p.line}` : ''}: ${p.path}` }))));
      }
    });
}
