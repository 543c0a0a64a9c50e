/**
 * The CLI's `--uncertainty N` stage (Node): after the plain job is written, its N parameter draws
 * run on worker threads (src/jobs/uncertainty.ts) and uncertainty.json and uncertainty.csv join
 * the output folder. The library (src/index.ts) runs the same stage without files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJson } from '../../experiment/csv.js';
import { writeFileAtomic } from '../../experiment/files.js';
import { simulateUncertainty, type UncertaintyOutcome } from '../uncertainty.js';
import type { JobProgress, JobResult } from '../types.js';
import { DOCUMENT_FILE, uncertaintyManifestFields, uncertaintyTextFiles } from '../uncertainty-files.js';
import { defaultWorkers, threadRunner } from './thread-runner.js';

export { DOCUMENT_FILE, uncertaintyCsv, uncertaintyLevelsCsv } from '../uncertainty-files.js';

/** Run the draws of a finished job on `workers` threads (default: the cores available: the draws are N times the plain job). */
export async function uncertaintyStage(result: JobResult, draws: number, workers: number | undefined, onProgress?: JobProgress): Promise<UncertaintyOutcome> {
  const runner = threadRunner(workers ?? defaultWorkers());
  try {
    return await simulateUncertainty(result, draws, runner, onProgress);
  } finally {
    await runner.close();
  }
}

/**
 * Write uncertainty.json (the document with the uncertainty fields) and uncertainty.csv into the
 * output folder, rewrite the job's document file (summary.json, compare.json, explore.json) as
 * `--json` prints it, and record the draws' wall time in manifest.json (the only file with times:
 * the documents are byte-identical for the same scenario and seed).
 */
export function writeUncertaintyFiles(dir: string, document: unknown, o: UncertaintyOutcome): string[] {
  const files = uncertaintyTextFiles(document, o);
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  addToManifest(dir, uncertaintyManifestFields(o));
  return files.map(([name]) => name).filter((name) => name !== DOCUMENT_FILE[o.kind]);
}

/** Add fields to the folder's manifest.json (nothing when it is missing). */
export function addToManifest(dir: string, fields: Record<string, unknown>): void {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return;
  writeFileAtomic(path, toJson({ ...(JSON.parse(readFileSync(path, 'utf8')) as object), ...fields }));
}
