/** Text helpers shared by the report's builders (html.ts, summary.ts): pure, no I/O. */

/** A number from a JSON document, where a missing or non-finite value was written as null. */
export type Num = number | null;

/** Escape text for HTML element content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** null (or a missing value) as NaN, so formatting shows "–". */
export const toNum = (x: Num | undefined): number => (typeof x === 'number' ? x : NaN);
