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

/** One CSV field: numbers at full precision, NaN/Infinity as empty (NA), text quoted when needed. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(fields: readonly (string | number)[]): string {
  return fields.map(csvField).join(',') + '\n';
}

/** Stable JSON: NaN and infinities become null (JSON has no NaN), two-space indent. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}
