/**
 * The CLI commands' `--uncertainty N` step, after the plain job: check the option (before the
 * job: `checkUncertaintyFlag`), run the draws with a progress bar, write the files, and hand back
 * the document with the uncertainty fields for `--json`.
 */
import { jobDocument } from '../outputs.js';
import { checkUncertainty, documentWithUncertainty, type UncertaintyOutcome } from '../uncertainty.js';
import type { JobProgress, JobResult } from '../types.js';
import { uncertaintyStage, writeUncertaintyFiles } from './uncertainty-stage.js';

/** Refuse a bad --uncertainty before anything runs. */
export function checkUncertaintyFlag(value: number | undefined, kind: string): void {
  checkUncertainty(value, 'cli', kind);
}

export interface UncertaintyStep {
  outcome: UncertaintyOutcome;
  /** The job's document (as --json prints it) with ci95Total, assumptionShare, … and the `uncertainty` block. */
  document: Record<string, unknown>;
  files: string[];
}

export async function uncertaintyStep(
  result: JobResult,
  draws: number,
  dir: string,
  workers: number | undefined,
  decorate: (doc: Record<string, unknown>) => Record<string, unknown>,
  onProgress?: JobProgress,
): Promise<UncertaintyStep> {
  checkUncertainty(draws, 'cli', result.kind, result.kind === 'run' ? result.results.settings.replications : result.job.settings.replications);
  const outcome = await uncertaintyStage(result, draws, workers, onProgress);
  const document = documentWithUncertainty(decorate(jobDocument(result) as unknown as Record<string, unknown>), outcome);
  const files = writeUncertaintyFiles(dir, document, outcome);
  return { outcome, document, files };
}
