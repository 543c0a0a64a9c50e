/**
 * Typed errors for bad input. Library code throws these and never exits; the CLI turns
 * them into a message and exit code 2. Messages are written for the person who wrote the
 * file: which file, which field (dotted path, as used by `--set`), which line, what to do.
 */

export interface InputProblem {
  /** Dotted field path, e.g. `workers.0.count`; empty for the whole document. */
  path: string;
  message: string;
  /** 1-based line in the file, when known. */
  line?: number;
  /** Where the value came from when not the file, e.g. `--set policy.sessionCap=0`. */
  origin?: string;
}

export class InputError extends Error {
  readonly exitCode = 2;
  constructor(
    readonly file: string,
    readonly problems: InputProblem[],
    readonly hint = 'Run `goldilocks schema` for every field and its default, or see docs/model.md.',
  ) {
    super(formatProblems(file, problems, hint));
    this.name = 'InputError';
  }
}

export function formatProblems(file: string, problems: InputProblem[], hint: string): string {
  const lines = problems.map((p) => {
    const where = p.origin ? `${file} (${p.origin})` : p.line ? `${file}:${p.line}` : file;
    return `${where}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
  });
  return [...lines, hint].join('\n');
}
