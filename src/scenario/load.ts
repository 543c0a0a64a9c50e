/**
 * Scenario pipeline: text → YAML document (with line positions) → `--set` overrides →
 * schema validation with defaults → frozen, typed Scenario. JSON is valid YAML, so one
 * parser serves both and JSON files get line numbers too.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { LineCounter, parse as parseYamlValue, parseDocument, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { ZodType } from 'zod';
import { ScenarioSchema, type Scenario } from './schema.js';
import { InputError, type InputProblem } from './errors.js';

export interface LoadedScenario {
  scenario: Scenario;
  /** File path, or `<built-in default>`. */
  file: string;
  /** sha256 of the validated scenario (canonical JSON), for the run manifest. */
  hash: string;
}

export const DEFAULT_SCENARIO_FILE = fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url));

/** Read and validate a scenario file, applying `--set path=value` overrides. */
/** Checks beyond the schema, supplied by a higher layer (e.g. the model's rota rules). */
export type SemanticCheck<T> = (value: T) => Array<{ path: (string | number)[]; message: string }>;

export function loadScenarioFile(file: string, overrides: string[] = [], label = file, check?: SemanticCheck<Scenario>): LoadedScenario {
  return loadAndValidate(file, ScenarioSchema, overrides, (scenario) => ({ scenario, file: label, hash: hashOf(scenario) }), label, check);
}

/** The built-in default scenario (shipped as scenarios/default.yaml). */
export function loadDefaultScenario(overrides: string[] = [], check?: SemanticCheck<Scenario>): LoadedScenario {
  return loadScenarioFile(DEFAULT_SCENARIO_FILE, overrides, '<built-in default>', check);
}

/** Validate scenario text (for tests and programmatic use). */
export function parseScenarioText(text: string, file = '<text>', overrides: string[] = []): Scenario {
  return validateText(text, file, ScenarioSchema, overrides);
}

/** Generic: read a YAML/JSON file and validate it against any schema, with the same error quality. */
export function loadAndValidate<T, R>(
  file: string,
  schema: ZodType<T>,
  overrides: string[],
  wrap: (value: T) => R,
  label = file,
  check?: SemanticCheck<T>,
): R {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a folder, not a file' : String((err as Error).message);
    throw new InputError(label, [{ path: '', message: why }], 'Check the path; example scenarios are in scenarios/.');
  }
  return wrap(validateText(text, label, schema, overrides, check));
}

export function validateText<T>(text: string, file: string, schema: ZodType<T>, overrides: string[], check?: SemanticCheck<T>): T {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new InputError(
      file,
      doc.errors.map((e) => ({ path: '', line: lineCounter.linePos(e.pos[0]).line, message: `YAML syntax: ${firstLine(e.message)}` })),
      'Fix the YAML syntax (indentation with spaces, "key: value").',
    );
  }
  const raw = doc.toJS() as unknown;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(file, [{ path: '', line: 1, message: 'expected a mapping of fields (key: value) at the top level' }]);
  }
  const origins = applyOverrides(raw as Record<string, unknown>, overrides, file);
  const result = schema.safeParse(raw);
  const issues: readonly unknown[] = result.success
    ? (check?.(result.data) ?? []).map((p) => ({ code: 'custom', path: p.path, message: p.message }))
    : result.error.issues;
  if (result.success && issues.length === 0) return deepFreeze(result.data);
  const problems: InputProblem[] = flattenIssues(issues).map((issue) => {
    const path = issue.path.map(String);
    const dotted = path.join('.');
    const origin = [...origins.entries()].find(([p]) => dotted === p || dotted.startsWith(`${p}.`))?.[1];
    let message = issue.message;
    let line: number | undefined;
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling; unknown fields are not allowed)`;
      line = lineOfKey(doc, path, issue.keys[0], lineCounter);
    }
    line ??= lineOfPath(doc, path, lineCounter);
    return { path: dotted, message, line, origin };
  });
  throw new InputError(file, problems);
}

interface FlatIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * Zod reports a failed union as one issue holding every branch's issues. Show the branch
 * that got furthest (the deepest path), which is the one the author most likely meant.
 */
function flattenIssues(issues: readonly unknown[], prefix: PropertyKey[] = []): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const raw of issues) {
    const issue = raw as FlatIssue & { errors?: unknown[][] };
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      const depth = (branch: unknown[]) => Math.max(...branch.map((i) => (i as FlatIssue).path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
      if (best.length > 0 && depth(best) > 0) {
        out.push(...flattenIssues(best, path));
        continue;
      }
    }
    out.push({ code: issue.code, path, message: issue.message, keys: issue.keys });
  }
  return out;
}

/** Apply `path=value` overrides in place; returns path → origin text for error messages. */
function applyOverrides(target: Record<string, unknown>, overrides: string[], file: string): Map<string, string> {
  const origins = new Map<string, string>();
  for (const spec of overrides) {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new InputError(file, [{ path: '', message: `--set "${spec}" must look like path=value`, origin: `--set ${spec}` }], 'Example: --set policy.sessionCap=8 --set workers.0.count=3');
    }
    const path = spec.slice(0, eq).trim();
    const valueText = spec.slice(eq + 1);
    let value: unknown;
    try {
      value = parseYamlValue(valueText);
    } catch {
      value = valueText;
    }
    setPath(target, path.split('.'), value);
    origins.set(path, `--set ${spec}`);
  }
  return origins;
}

/** Set a dotted path in a plain object, creating arrays for numeric keys. */
export function setPath(target: Record<string, unknown>, keys: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = node[keys[i]];
    if (next === null || typeof next !== 'object') {
      const created: Record<string, unknown> | unknown[] = /^\d+$/.test(keys[i + 1]) ? [] : {};
      node[keys[i]] = created;
      node = created as Record<string, unknown>;
    } else {
      node = next as Record<string, unknown>;
    }
  }
  node[keys[keys.length - 1]] = value;
}

function lineOfPath(doc: Document, path: string[], lc: LineCounter): number | undefined {
  // Walk down as far as the document goes: a missing field is reported at its parent.
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node && node.range) return lc.linePos(node.range[0]).line;
  }
  return undefined;
}

function lineOfKey(doc: Document, parentPath: string[], key: string, lc: LineCounter): number | undefined {
  const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
  if (isMap(parent)) {
    for (const pair of parent.items) {
      if (isPair(pair) && isScalar(pair.key) && String(pair.key.value) === key && pair.key.range) {
        return lc.linePos(pair.key.range[0]).line;
      }
    }
  }
  return lineOfPath(doc, parentPath, lc);
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Canonical JSON (sorted keys) so the hash does not depend on key order in the file. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
