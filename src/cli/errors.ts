/**
 * The only place that turns errors into exit codes: 0 ok, 2 bad input or usage, 1 anything
 * else. Bad input never shows a stack trace; an unexpected failure does (it is a bug).
 */
import { InputError } from '../scenario/errors.js';

export class UsageError extends Error {
  readonly exitCode = 2;
}

/** A long command stopped by Ctrl-C: exit 130 (128 + SIGINT), with how to continue. */
export class InterruptedError extends Error {
  readonly exitCode = 130;
}

export function exitCodeFor(err: unknown): number {
  if (err instanceof InputError || err instanceof UsageError) return 2;
  if (err instanceof InterruptedError) return 130;
  return 1;
}

export function reportError(err: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  const code = exitCodeFor(err);
  if (code !== 1) stderr.write(`goldilocks: ${(err as Error).message}\n`);
  else stderr.write(`goldilocks: unexpected error (please report it):\n${(err as Error)?.stack ?? String(err)}\n`);
  return code;
}
