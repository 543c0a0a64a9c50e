/**
 * The only place that turns errors into exit codes: 0 ok, 2 bad input or usage, 1 anything
 * else. Bad input never shows a stack trace; an unexpected failure does (it is a bug).
 */
import { InputError } from '../scenario/errors.js';

export class UsageError extends Error {
  readonly exitCode = 2;
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof InputError || err instanceof UsageError) return 2;
  return 1;
}

export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const code = exitCodeFor(err);
  if (code === 2) stderr.write(`goldilocks: ${(err as Error).message}\n`);
  else stderr.write(`goldilocks: unexpected error (please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
  return code;
}
