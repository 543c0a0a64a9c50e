/**
 * Typed errors for bad input. Library code throws these and never exits; the CLI turns
 * them into a message and exit code 2. Messages are written for the person who wrote the
 * file: which file, which field (dotted path, as used by `--set`), which line, what to do.
 *
 * Everything that may echo the user's own text (file names, field names, `--set` specs) is
 * passed through {@link showText}, so control characters and terminal escape sequences are
 * shown as `\x1b` and never reach the terminal, and a huge value cannot flood it.
 */

import { HINTS } from '../messages.js';

export interface InputProblem {
  /** Dotted field path, e.g. `workers.0.count`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Where the value came from when not the file, e.g. `--set policy.sessionCap=0`. */
  origin?: string;
}

/** At most this many problems are listed; the rest are counted ("… and 12 more"). */
export const MAX_PROBLEMS_SHOWN = 20;

/** "at most N (why)": the message of every upper bound, so the reason is always given. */
export function atMost(max: number, unit: string, why: string): { message: string } {
  return { message: `must be at most ${groupThousands(max)}${unit ? ` ${unit}` : ''} (${why})` };
}

/**
 * 12,345,678: thousands separated as en-GB writes them. Not `toLocaleString`, whose first call
 * loads ICU's locale data (tens of milliseconds at start-up, where the schema's messages are built).
 */
export function groupThousands(n: number | string): string {
  const [whole, fraction] = String(n).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly problems: InputProblem[],
    readonly hint = HINTS.scenarioFields('cli'),
  ) {
    super(formatProblems(file, problems, hint));
    this.name = 'InputError';
  }
}

export function formatProblems(file: string, problems: InputProblem[], hint: string): string {
  const name = showText(file, 300);
  const lines = problems.slice(0, MAX_PROBLEMS_SHOWN).map((p) => {
    const where = p.origin ? `${name} (${showText(p.origin)})` : p.line ? `${name}:${p.line}` : name;
    return `${where}: ${p.path ? `${showText(p.path)}: ` : ''}${showText(p.message, 1000)}`;
  });
  if (problems.length > MAX_PROBLEMS_SHOWN) {
    lines.push(`… and ${problems.length - MAX_PROBLEMS_SHOWN} more problem${problems.length - MAX_PROBLEMS_SHOWN > 1 ? 's' : ''} (fix the ones above first)`);
  }
  return [...lines, hint].join('\n');
}

/**
 * User text made safe to print: control characters (C0, DEL, C1, and the Unicode line and
 * bidirectional-override controls) are shown as escapes, and text longer than `max`
 * characters is cut with "… (N characters)".
 */
export function showText(text: string, max = 200): string {
  const s = String(text);
  const cut = s.length > max ? s.slice(0, max) : s;
  // eslint-disable-next-line no-control-regex
  const safe = cut.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
  return s.length > max ? `${safe}… (${s.length} characters)` : safe;
}
