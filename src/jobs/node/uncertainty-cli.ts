/**
 * The CLI commands' `--uncertainty N` step, after the plain job: check the option (before the
 * job: `checkUncertaintyFlag`), run the draws with a progress bar, write the files, and hand back
 * the document with the uncertainty fields for `--json`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { jobDocument } from '../outputs.js';
import { writeFileAtomic } from '../../experiment/files.js';
import { checkUncertainty, documentWithUncertainty, type UncertaintyOutcome } from '../uncertainty.js';
import type { JobProgress, JobResult } from '../types.js';
import { uncertaintyStage, writeUncertaintyFiles } from './uncertainty-stage.js';
import { uncertaintyChartSpecs } from '../uncertainty-files.js';

/** Refuse a bad --uncertainty before anything runs. */
export function checkUncertaintyFlag(value: number | undefined, kind: string, argv: readonly string[] = process.argv): void {
  // The option's parser turns text that is not a number into NaN: echo what the user typed instead.
  checkUncertainty(typeof value === 'number' && Number.isNaN(value) ? (typedValue(argv) ?? value) : value, 'cli', kind);
}

/** The text given to --uncertainty on the command line (the last one, as commander keeps), or undefined. */
export function typedValue(argv: readonly string[]): string | undefined {
  let typed: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--uncertainty' && i + 1 < argv.length) typed = argv[i + 1];
    else if (a.startsWith('--uncertainty=')) typed = a.slice('--uncertainty='.length);
  });
  return typed;
}

export interface UncertaintyStep {
  outcome: UncertaintyOutcome;
  /** The job's document (as --json prints it) with ci95Total, assumptionShare, … and the `uncertainty` block. */
  document: Record<string, unknown>;
  /** Files added to the folder (charts as `charts/`). */
  files: string[];
  /** Charts that could not be drawn (already said on stderr). */
  warnings: string[];
}

export async function uncertaintyStep(
  result: JobResult,
  draws: number,
  dir: string,
  workers: number | undefined,
  decorate: (doc: Record<string, unknown>) => Record<string, unknown>,
  onProgress?: JobProgress,
  charts = false,
  also: { report?: boolean; xlsx?: boolean } = {},
): Promise<UncertaintyStep> {
  const outcome = await uncertaintyStage(result, draws, workers, onProgress);
  const document = documentWithUncertainty(decorate(jobDocument(result) as unknown as Record<string, unknown>), outcome);
  const files = writeUncertaintyFiles(dir, document, outcome);
  const warnings: string[] = [];
  if (charts) {
    const specs = uncertaintyChartSpecs(result, outcome);
    if (specs.length) {
      // vega is loaded only when charts are drawn.
      const { writeChartsSafely } = await import('../../report/write-charts.js');
      const drawn = await writeChartsSafely(dir, specs);
      if (drawn.files.length) files.push('charts/');
      warnings.push(...drawn.warnings);
      for (const w of drawn.warnings) process.stderr.write(`goldilocks: ${w}\n`);
    }
  }
  // report.html and results.xlsx were written with the plain job: rebuilt from the folder, they gain the uncertainty.
  if (also.report) {
    try {
      const { writeReport } = await import('../../report/report-folder.js');
      await writeReport(dir);
    } catch (err) {
      const w = `report.html could not be rebuilt with the uncertainty (${err instanceof Error ? err.message : String(err)}); the other files are written.`;
      warnings.push(w);
      process.stderr.write(`goldilocks: ${w}\n`);
    }
  }
  if (also.xlsx) {
    const { folderXlsx, commandLine } = await import('../../report/xlsx.js');
    const texts = readdirSync(dir)
      .filter((f) => /\.(csv|json)$/i.test(f))
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8')] as const);
    writeFileAtomic(join(dir, 'results.xlsx'), await folderXlsx(texts, { command: commandLine(process.argv.slice(2)), written: new Date() }, basename(dir)));
  }
  return { outcome, document, files, warnings };
}
