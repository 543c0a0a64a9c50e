/**
 * The `--uncertainty N` step of run, compare and explore, after the plain job: a progress bar on
 * a terminal (none with --json), the draws, their files, and the document with the uncertainty
 * fields. One place for the three commands; the step itself is jobs/node/uncertainty-cli.ts.
 */
import type { JobResult } from '../jobs/types.js';
import type { UncertaintyStep } from '../jobs/node/uncertainty-cli.js';
import type { RunSettingFlags, UncertaintyFlags } from './options.js';
import { withOverrides } from './output.js';
import { progressBar } from './progress.js';

/** What the step reads of a command's flags. */
export interface UncertaintyStepFlags extends UncertaintyFlags, Pick<RunSettingFlags, 'workers' | 'set'> {
  json?: boolean;
  charts: boolean;
  report?: boolean;
  xlsx?: boolean;
}

/** The draws and their files when --uncertainty was given, else undefined. */
export async function uncertaintyIfAsked(result: JobResult, opts: UncertaintyStepFlags, dir: string): Promise<UncertaintyStep | undefined> {
  if (opts.uncertainty === undefined) return undefined;
  const { uncertaintyStep } = await import('../jobs/node/uncertainty-cli.js');
  const bar = opts.json ? undefined : progressBar(result.job.designs[0].name, 'replications');
  return uncertaintyStep(
    result,
    opts.uncertainty,
    dir,
    opts.workers,
    (doc) => withOverrides(doc, opts.set),
    (done, total, stage) => bar?.update(done, total, stage),
    opts.charts,
    { report: Boolean(opts.report), xlsx: Boolean(opts.xlsx) },
  ).finally(() => bar?.stop());
}
