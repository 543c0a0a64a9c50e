/**
 * Which kind of Goldilocks file a document is, by its top-level fields: a plan names a base and
 * targets, a sweep a base and factors, anything else is read as a scenario. A command given the
 * wrong kind says which command it is for, instead of a list of every field that does not fit.
 */
import { commandPrefix } from '../messages.js';
import { parseYamlText, readInputText } from '../scenario/load.js';

export type FileKind = 'scenario' | 'sweep' | 'plan';

export function kindOfDocument(doc: unknown): FileKind {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return 'scenario';
  const has = (k: string) => Object.hasOwn(doc, k);
  if (has('base') && has('targets')) return 'plan';
  if (has('base') && has('factors')) return 'sweep';
  return 'scenario';
}

/** The kind of the file, or null when it cannot be read or parsed (its reader reports that). */
export function kindOfFile(file: string): FileKind | null {
  try {
    return kindOfDocument(parseYamlText(readInputText(file), file).value);
  } catch {
    return null;
  }
}

const COMMAND: Record<FileKind, string> = { scenario: 'run', sweep: 'sweep', plan: 'plan' };

/** "this is a plan file: run it with `goldilocks plan FILE`", or null when it is of the kind expected. */
export function wrongKindMessage(file: string, expected: FileKind, prefix = commandPrefix()): string | null {
  const kind = kindOfFile(file);
  if (kind === null || kind === expected) return null;
  const what = kind === 'scenario' ? 'a scenario file (it names no base)' : `a ${kind} file (it has base and ${kind === 'plan' ? 'targets' : 'factors'})`;
  return `this is ${what}, not a ${expected} file: use \`${prefix} ${COMMAND[kind]} ${file}\``;
}
