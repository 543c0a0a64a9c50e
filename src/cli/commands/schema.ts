import { Command } from 'commander';
import { z } from 'zod';
import { scenarioJsonSchemaText } from '../../scenario/schema.js';
import { writeFileAtomic } from '../../experiment/files.js';
import { checkOutputFile } from '../../experiment/output-dir.js';
import { PlanSchema } from '../../experiment/plan-schema.js';
import { SweepSchema } from '../../experiment/sweep-schema.js';
import { UsageError } from '../errors.js';

/** The JSON Schema of plan files (`goldilocks plan`), as scenarios/goldilocks.plan.schema.json holds it. */
export function planJsonSchemaText(): string {
  const schema = z.toJSONSchema(PlanSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ $id: 'https://goldilocks-sim/plan.schema.json', title: 'Goldilocks plan', ...schema }, null, 2)}\n`;
}

/** The JSON Schema of sweep files (`goldilocks sweep`), as scenarios/goldilocks.sweep.schema.json holds it. */
export function sweepJsonSchemaText(): string {
  const schema = z.toJSONSchema(SweepSchema, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ $id: 'https://goldilocks-sim/sweep.schema.json', title: 'Goldilocks sweep', ...schema }, null, 2)}\n`;
}

export function schemaCommand(): Command {
  return new Command('schema')
    .description('print the JSON Schema of scenario files, or of plan or sweep files (for editor completion and validation)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .option('--plan', 'the schema of plan files (goldilocks plan) instead')
    .option('--sweep', 'the schema of sweep files (goldilocks sweep) instead')
    .addHelpText(
      'after',
      `
Examples:
  goldilocks schema > goldilocks.schema.json
  goldilocks schema --out my-scenarios/goldilocks.schema.json
  goldilocks schema --plan --out my-scenarios/goldilocks.plan.schema.json
  goldilocks schema --sweep --out my-scenarios/goldilocks.sweep.schema.json

scenarios/goldilocks.schema.json, goldilocks.plan.schema.json and goldilocks.sweep.schema.json
are these schemas, kept in the repository (a test checks they are current); the shipped files
point editors at them on their first line:
  # yaml-language-server: $schema=./goldilocks.schema.json
  # yaml-language-server: $schema=./goldilocks.plan.schema.json`,
    )
    .action((opts: { out?: string; plan?: boolean; sweep?: boolean }) => {
      if (opts.plan && opts.sweep) throw new UsageError('give --plan or --sweep, not both (one schema at a time).');
      const text = opts.plan ? planJsonSchemaText() : opts.sweep ? sweepJsonSchemaText() : scenarioJsonSchemaText();
      if (opts.out !== undefined) {
        checkOutputFile(opts.out);
        writeFileAtomic(opts.out, text);
      } else process.stdout.write(text);
    });
}
