/**
 * The output folder as a sink: files are written into a staging folder next to the target and
 * swapped in whole by `commit()`, so an interrupted or failed job never leaves a half-written
 * folder and never replaces a good one (experiment/output-dir.ts).
 */
import { join } from 'node:path';
import { StagedOutput } from '../../experiment/output-dir.js';
import { writeFileAtomic } from '../../experiment/files.js';
import type { OutputSink } from '../outputs.js';

export interface DiskSink extends OutputSink {
  readonly dir: string;
  /** Where `file` goes in the staging folder (for files written in pieces, such as events.csv). */
  path(file: string): string;
  commit(): void;
  abandon(): void;
}

/** Checks the location now (before any simulation); writes nothing until the first file. */
export function diskSink(dir: string, flag = '--out'): DiskSink {
  const out = StagedOutput.begin(dir, flag);
  return {
    dir,
    put(file, content) {
      const path = join(out.work, file);
      writeFileAtomic(path, content);
    },
    path: (file) => join(out.work, file),
    commit: () => out.commit(),
    abandon: () => out.abandon(),
  };
}
