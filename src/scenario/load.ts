/**
 * Scenario files: read an input file as UTF-8 text (refusing what is not one) and validate it
 * with the text pipeline of parse.ts (YAML with line positions, `--set` overrides, schema), which
 * is re-exported from here. The node:fs side; parse.ts runs in a browser too.
 */
import { readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { ZodType } from 'zod';
import { ScenarioSchema, type Scenario } from './schema.js';
import { InputError } from './errors.js';
import { MAX_FILE_BYTES, canonicalJson, firstLine, parseYamlText, validateText, type SemanticCheck } from './parse.js';

export * from './parse.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** File path, or `<built-in default>`. */
  file: string;
  /** sha256 of the validated scenario (canonical JSON), for the run manifest. */
  hash: string;
}

export const DEFAULT_SCENARIO_FILE = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));

/** Read and validate a scenario file, applying `--set path=value` overrides. */
export function loadScenarioFile(file: string, overrides: string[] = [], label = file, check?: SemanticCheck<Scenario>): LoadedScenario {
  return loadAndValidate(file, ScenarioSchema, overrides, (scenario) => ({ scenario, file: label, hash: hashOf(scenario) }), label, check);
}

/** The built-in default scenario (shipped as scenarios/default.yaml). */
export function loadDefaultScenario(overrides: string[] = [], check?: SemanticCheck<Scenario>): LoadedScenario {
  return loadScenarioFile(DEFAULT_SCENARIO_FILE, overrides, '<built-in default>', check);
}

/** Generic: read a YAML/JSON file and validate it against any schema, with the same error quality. */
export function loadAndValidate<T, R>(file: string, schema: ZodType<T>, overrides: string[], wrap: (value: T) => R, label = file, check?: SemanticCheck<T>): R {
  return wrap(validateText(readInputText(file, label), label, schema, overrides, check));
}

/**
 * Read an input file as UTF-8 text, refusing what is not one: a missing file or a folder,
 * a file over {@link MAX_FILE_BYTES}, UTF-16 (saved by some Windows editors), invalid UTF-8
 * or binary content. Throws InputError naming the file.
 */
export function readInputText(file: string, label = file): string {
  const fail = (message: string, hint: string, line?: number): never => {
    throw new InputError(label, [{ path: '', message, line }], hint);
  };
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      fail(
        `file is ${(size / 1024 / 1024).toFixed(1)} MB; scenario and sweep files are limited to ${MAX_FILE_BYTES / 1024 / 1024} MB (they are normally a few KB)`,
        'Check that this is the scenario file you meant.',
      );
    }
    bytes = readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'file not found'
        : code === 'EISDIR'
          ? 'is a folder, not a file'
          : code === 'EACCES' || code === 'EPERM'
            ? 'cannot be read (permission denied)'
            : code === 'ENOTDIR'
              ? 'file not found (a part of the path is a file, not a folder)'
              : code === 'ENAMETOOLONG'
                ? 'the file name is too long'
                : code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE'
                  ? 'not a usable file name (it contains a NUL character)'
                  : `cannot be read (${firstLine(String((err as Error).message))})`;
    return fail(why, 'Check the path; example scenarios are in scenarios/.');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    fail('file is UTF-16 text; scenario files must be UTF-8', 'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).', 1);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    fail('file contains a NUL byte: it is binary, not a YAML or JSON text file', 'Check that this is the scenario file you meant.', lineAtByte(bytes, nul));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return fail(
      'file is not valid UTF-8 text',
      'Save the file as UTF-8 (in most editors: "Save with encoding" → UTF-8).',
      lineAtByte(bytes, firstInvalidUtf8(bytes)),
    );
  }
}

function lineAtByte(bytes: Buffer, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

function firstInvalidUtf8(bytes: Buffer): number {
  // The longest prefix that decodes (a prefix may end inside a character: `stream` allows that).
  const decodes = (n: number) => {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, n), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (decodes(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Read and parse a YAML/JSON file with the checks of {@link readInputText} and {@link parseYamlText}. */
export function parseYamlFile(file: string, label = file): unknown {
  return parseYamlText(readInputText(file, label), label).value;
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
