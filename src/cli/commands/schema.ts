import { Command } from 'commander';
import { scenarioJsonSchema } from '../../scenario/schema.js';
import { toJson, writeFileAtomic } from '../../experiment/files.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario files (for editor completion and validation)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .addHelpText('after', `
Examples:
  goldilocks schema > goldilocks.schema.json
  goldilocks schema --out output/goldilocks.schema.json

Then point your editor at it, e.g. first line of a scenario file:
  # yaml-language-server: $schema=../output/goldilocks.schema.json`)
    .action((opts: { out?: string }) => {
      const text = toJson({ $id: 'https://goldilocks-sim/scenario.schema.json', title: 'Goldilocks scenario', ...scenarioJsonSchema() });
      if (opts.out) writeFileAtomic(opts.out, text);
      else process.stdout.write(text);
    });
}
