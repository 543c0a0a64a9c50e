import { Command } from 'commander';
import { scenarioJsonSchemaText } from '../../scenario/schema.js';
import { writeFileAtomic } from '../../experiment/files.js';
import { checkOutputFile } from '../../experiment/output-dir.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario files (for editor completion and validation)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks schema > goldilocks.schema.json
  goldilocks schema --out my-scenarios/goldilocks.schema.json

scenarios/goldilocks.schema.json is this schema, kept in the repository (a test checks it is
current); the shipped scenarios point editors at it on their first line:
  # yaml-language-server: $schema=./goldilocks.schema.json`,
    )
    .action((opts: { out?: string }) => {
      const text = scenarioJsonSchemaText();
      if (opts.out !== undefined) {
        checkOutputFile(opts.out);
        writeFileAtomic(opts.out, text);
      } else process.stdout.write(text);
    });
}
