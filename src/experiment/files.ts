/**
 * Writing result files safely: each file is written to a temporary name in the same folder
 * and renamed into place, so a crash or Ctrl-C never leaves a half-written file and an
 * earlier complete file stays until the new one is complete.
 */
import { mkdirSync, renameSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, content);
    renameSync(temp, path);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

export { csvField, csvRow, toJson } from './csv.js';
