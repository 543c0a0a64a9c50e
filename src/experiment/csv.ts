/** CSV and JSON text of result files (pure: the writers in files.ts and the explorer page share it). */

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
