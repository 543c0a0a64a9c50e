/**
 * The scenario text pipeline, without files: text → YAML document (with line positions) →
 * `--set` overrides → schema validation with defaults → frozen, typed value, every problem an
 * InputError naming the file, field path and line. JSON is valid YAML, so one parser serves both.
 * This module imports nothing from `node:`, so the explorer page validates exactly as the CLI does;
 * reading files (size, encoding, binary checks) is in load.ts, which re-exports all of this.
 */
import { LineCounter, parseDocument, visit, isAlias, isCollection, isMap, isPair, isScalar, type Document, type Node } from 'yaml';
import type { ZodType } from 'zod';
import { ScenarioSchema, type Scenario } from './schema.js';
import { InputError, groupThousands, showText, type InputProblem } from './errors.js';
import { DISTRIBUTION_TYPES } from './distribution-schema.js';

/** Input files larger than this are refused before parsing (scenario and sweep files are a few KB). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * Aliases (`*rota`) may expand a document to at most this many reused nodes: enough to reuse
 * a rota block in thousands of worker groups, far too few for an "alias bomb" to exhaust memory.
 * (The yaml package's default of 100 refuses ordinary files.)
 */
export const MAX_ALIAS_COUNT = 10_000;
/** A document (after aliases are expanded) may hold at most this many values. */
export const MAX_DOCUMENT_VALUES = 1_000_000;
/** …nested at most this deep (a scenario is about 5 levels deep). */
export const MAX_DOCUMENT_DEPTH = 64;

/** Checks beyond the schema, supplied by a higher layer (e.g. the model's rota rules). */
export type SemanticCheck<T> = (value: T) => Array<{ path: (string | number)[]; message: string }>;

/** Validate scenario text (for tests and programmatic use). */
export function parseScenarioText(text: string, file = '<text>', overrides: string[] = []): Scenario {
  return validateText(text, file, ScenarioSchema, overrides);
}

/** A parsed YAML/JSON document: the plain value, and the document for line numbers. */
export interface ParsedYaml {
  value: unknown;
  doc: Document;
  lineCounter: LineCounter;
}

/**
 * Parse YAML (or JSON) text into plain data, turning everything the yaml package would throw
 * or print into an InputError with the line: syntax errors, warnings (unknown tags such as
 * `!foo`), unresolved aliases (`*nope`), alias bombs, cycles, collection keys and documents
 * nested or expanded beyond the limits above. The result is a tree: every alias is copied,
 * so changing one place (`--set`) never changes another. Nothing is printed.
 */
export function parseYamlText(text: string, file: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  let doc: Document;
  try {
    doc = parseDocument(text.startsWith('\uFEFF') ? text.slice(1) : text, {
      lineCounter,
      prettyErrors: false,
      uniqueKeys: true,
      merge: true,
      logLevel: 'error', // warnings are collected in doc.warnings (below), never printed
    });
  } catch (err) {
    throw yamlFailure(file, err, undefined);
  }
  const syntax = [...doc.errors, ...doc.warnings];
  if (syntax.length > 0) {
    throw new InputError(
      file,
      syntax.map((e) => ({ path: '', line: lineAt(e.pos[0]), message: yamlMessage(e.code, e.message) })),
      'Fix the YAML syntax (indentation with spaces, "key: value"); scenario files use no tags (!name).',
    );
  }
  // Keys must be names: a list or mapping as a key would be silently turned into text.
  const problems: InputProblem[] = [];
  const aliases: Array<{ source: string; line?: number }> = [];
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key) || isAlias(pair.key)) {
        const key = pair.key as Node;
        problems.push({ path: '', line: lineAt(key.range?.[0]), message: 'a key must be a plain name, not a list, mapping or alias' });
      }
    },
    Alias(_, alias) {
      aliases.push({ source: alias.source, line: lineAt(alias.range?.[0]) });
    },
  });
  if (problems.length > 0) throw new InputError(file, problems, 'Write keys as plain names ("key: value").');
  let shared: unknown;
  try {
    shared = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    throw yamlFailure(file, err, aliases);
  }
  let budget = MAX_DOCUMENT_VALUES;
  const onStack = new Set<object>();
  const firstAliasLine = aliases[0]?.line;
  const copy = (v: unknown, depth: number): unknown => {
    if (--budget < 0) {
      throw new InputError(
        file,
        [
          {
            path: '',
            line: firstAliasLine,
            message: `the document holds more than ${groupThousands(MAX_DOCUMENT_VALUES)} values${aliases.length > 0 ? ' once its aliases are expanded' : ''}`,
          },
        ],
        'Scenario files are small; reuse blocks fewer times.',
      );
    }
    if (v === null || typeof v !== 'object') return v;
    if (depth > MAX_DOCUMENT_DEPTH) {
      throw new InputError(file, [{ path: '', message: `the document is nested more than ${MAX_DOCUMENT_DEPTH} levels deep (a scenario needs about 5)` }]);
    }
    if (onStack.has(v)) {
      throw new InputError(
        file,
        [{ path: '', line: firstAliasLine, message: 'an alias refers to a block that contains it (a cycle)' }],
        'An alias (*name) must refer to an anchor (&name) outside itself.',
      );
    }
    if (Array.isArray(v)) {
      onStack.add(v);
      const out = v.map((x) => copy(x, depth + 1));
      onStack.delete(v);
      return out;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return v; // Date, Set, Map, bytes (YAML 1.1 tags): the schema rejects them
    onStack.add(v);
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(out, k, { value: copy((v as Record<string, unknown>)[k], depth + 1), writable: true, enumerable: true, configurable: true });
    }
    onStack.delete(v);
    return out;
  };
  return { value: copy(shared, 0), doc, lineCounter };
}

function yamlMessage(code: string, message: string): string {
  const first = firstLine(message).replace(/ at line \d+, column \d+:?$/, '');
  if (/call stack/i.test(first)) return `the document is nested too deeply (a scenario needs about 5 levels)`;
  if (code === 'MULTIPLE_DOCS') return `YAML: the file holds more than one document (a second "---" line); a scenario file is one document`;
  if (code === 'TAG_RESOLVE_FAILED') return `YAML: ${first} (tags such as !name are not used in scenario files; remove it)`;
  return `YAML syntax: ${first}`;
}

function yamlFailure(file: string, err: unknown, aliases: Array<{ source: string; line?: number }> | undefined): InputError {
  const message = err instanceof Error ? err.message : String(err);
  const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(firstLine(message));
  if (unresolved) {
    const source = unresolved[1];
    const line = aliases?.find((a) => a.source === source)?.line;
    return new InputError(
      file,
      [{ path: '', line, message: `alias *${source} has no anchor &${source} before it` }],
      'Define the block once with &name, then reuse it with *name further down.',
    );
  }
  if (/Excessive alias count/.test(message)) {
    return new InputError(
      file,
      [
        {
          path: '',
          line: aliases?.[0]?.line,
          message: `aliases expand to more than ${groupThousands(MAX_ALIAS_COUNT)} reused values (aliases of aliases multiply)`,
        },
      ],
      'Reuse blocks fewer times, or write the repeated parts out.',
    );
  }
  if (err instanceof RangeError && /call stack/i.test(message)) {
    return new InputError(file, [{ path: '', message: `the document is nested too deeply (a scenario needs about 5 levels)` }]);
  }
  return new InputError(
    file,
    [{ path: '', line: aliases?.[0]?.line, message: `YAML: ${firstLine(message)}` }],
    'Fix the YAML syntax (indentation with spaces, "key: value").',
  );
}

export function validateText<T>(text: string, file: string, schema: ZodType<T>, overrides: string[], check?: SemanticCheck<T>): T {
  const { value: raw, doc, lineCounter } = parseYamlText(text, file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new InputError(file, [{ path: '', line: 1, message: 'expected a mapping of fields (key: value) at the top level' }]);
  }
  const origins = applyOverrides(raw as Record<string, unknown>, overrides, file);
  // jitless: zod would compile a fast path per object schema on the first parse, which costs more
  // than it saves for the one document a command reads (sweep points parse through their own path).
  const result = schema.safeParse(raw, { jitless: true });
  const issues: readonly unknown[] = result.success
    ? (check?.(result.data) ?? []).map((p) => ({ code: 'custom', path: p.path, message: p.message }))
    : result.error.issues;
  if (result.success && issues.length === 0) return deepFreeze(result.data);
  const originOf = (full: string) => [...origins.entries()].find(([p]) => full === p || full.startsWith(`${p}.`))?.[1];
  const problems: InputProblem[] = describeIssues(schema, raw, issues).map((p) => {
    const dotted = p.path.join('.');
    return p.key === undefined
      ? { path: dotted, message: p.message, line: lineOfPath(doc, p.path, lineCounter), origin: originOf(dotted) }
      : { path: dotted, message: p.message, line: lineOfKey(doc, p.path, p.key, lineCounter), origin: originOf([...p.path, p.key].join('.')) };
  });
  throw new InputError(file, byLine(problems));
}

/**
 * Zod's issues for `value` against `schema`, in the words of the scenario's messages: a union read
 * by its `type` (one problem for a misspelt type, with the type meant), an unknown field with the
 * known one it most looks like (one problem per field; `key` is the unknown field), a missing field
 * said to be missing. Paths are those of the problems, without lines (validateText adds them).
 */
export function describeIssues(schema: ZodType<unknown>, value: unknown, issues: readonly unknown[]): Array<{ path: string[]; message: string; key?: string }> {
  const valueAtPath = (path: readonly PropertyKey[]) => valueIn(value, path);
  return flattenIssues(issues, [], valueAtPath).flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys' && issue.keys?.length) {
      const known = knownKeysAt(schema, path, valueAtPath);
      return issue.keys.map((key) => {
        const near = closest(key, known);
        const message = near
          ? `unknown field "${showText(key, 60)}": did you mean "${near}"? (unknown fields are not allowed)`
          : `unknown field "${showText(key, 60)}" (check the spelling; unknown fields are not allowed)`;
        return { path, message, key };
      });
    }
    // A field left out: say so, rather than "expected number, received undefined".
    const missing = issue.code === 'invalid_type' && issue.path.length > 0 && valueAtPath(issue.path) === undefined;
    const message = missing ? `is missing (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})` : issue.message;
    return [{ path, message }];
  });
}

/** Problems in the order of the file's lines (those of no line, about the whole file, first; ties keep their order). */
export function byLine<T extends { line?: number }>(problems: readonly T[]): T[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map((x) => x.p);
}

/** The value at a path in plain data (own properties only); undefined when the path leaves the data. */
function valueIn(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

interface FlatIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

/**
 * Zod reports a failed union as one issue holding every branch's issues. A union of objects told
 * apart by their `type` (the distributions, a sweep's design) is read by that type: the branch of
 * the type written, or, for a type no branch has, one problem that names the types (with the one
 * most like it). Otherwise show the branch that got furthest (the deepest path), which is the one
 * the author most likely meant.
 */
function flattenIssues(issues: readonly unknown[], prefix: PropertyKey[], valueAt: (path: readonly PropertyKey[]) => unknown): FlatIssue[] {
  const out: FlatIssue[] = [];
  for (const raw of issues) {
    const issue = raw as FlatIssue & { errors?: unknown[][] };
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors && issue.errors.length > 0) {
      const byType = byTypeField(issue.errors as FlatIssue[][], path, valueAt);
      if (byType) {
        out.push(...(byType.kind === 'branch' ? flattenIssues(byType.branch, path, valueAt) : [byType.issue]));
        continue;
      }
      const words = byWord(issue.errors as FlatIssue[][], path, valueAt);
      if (words) {
        out.push(words);
        continue;
      }
      const depth = (branch: unknown[]) => Math.max(...branch.map((i) => (i as FlatIssue).path.length));
      const best = [...issue.errors].sort((a, b) => depth(b) - depth(a))[0];
      if (best.length > 0 && depth(best) > 0) {
        out.push(...flattenIssues(best, path, valueAt));
        continue;
      }
      // No branch got deeper: prefer one whose type matched but whose value did not (e.g. a
      // number above its limit) over "Invalid input".
      const matched = issue.errors.find(
        (b) => b.length > 0 && b.every((i) => (i as FlatIssue).code !== 'invalid_type' && (i as FlatIssue).code !== 'invalid_value'),
      );
      if (matched) {
        out.push(...flattenIssues(matched, path, valueAt));
        continue;
      }
    }
    out.push({ code: issue.code, path, message: issue.message, keys: issue.keys });
  }
  return out;
}

/**
 * A union with words among its branches (`rota: standard | always | [blocks]`) given a word it
 * does not have: one problem naming the words, with the one most like it ("standrad").
 */
function byWord(branches: readonly FlatIssue[][], path: PropertyKey[], valueAt: (path: readonly PropertyKey[]) => unknown): FlatIssue | null {
  const raw = valueAt(path);
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') return null;
  const given = String(raw);
  const words: string[] = [];
  for (const b of branches)
    for (const i of b as Array<FlatIssue & { values?: unknown[] }>)
      if (i.code === 'invalid_value' && i.path.length === 0) for (const v of i.values ?? []) if (typeof v === 'string') words.push(v);
  if (words.length === 0) return null;
  const others = branches.length > words.length ? ', or another form (see the schema)' : '';
  const near = typeof raw === 'string' ? closest(given, words) : null;
  // One word beside a number ("open" or a count) has its own message already, unless this is a misspelling of it.
  if (words.length < 2 && near === null) return null;
  const list = `one of ${words.join(', ')}${others}`;
  return {
    code: 'unknown_word',
    path,
    message: `'${showText(given, 60)}' is not a value this field takes; ${near ? `did you mean '${near}'? (${list})` : `write ${list}`}`,
  };
}

/** The distributions' types (distribution-schema.ts): a union of exactly these is "a distribution". */
const DISTRIBUTION_TYPE_SET = new Set<string>(DISTRIBUTION_TYPES);

/**
 * A union whose object branches each want their own `type` (`{type: triangular, …}`), given a
 * mapping: the branch of the type written, or one problem for a type none of them has.
 */
function byTypeField(
  branches: readonly FlatIssue[][],
  path: PropertyKey[],
  valueAt: (path: readonly PropertyKey[]) => unknown,
): { kind: 'branch'; branch: FlatIssue[] } | { kind: 'issue'; issue: FlatIssue } | null {
  const wanted = branches.map((b) => {
    const i = b.find((x) => x.code === 'invalid_value' && x.path.length === 1 && x.path[0] === 'type') as (FlatIssue & { values?: unknown[] }) | undefined;
    return i?.values?.length === 1 && typeof i.values[0] === 'string' ? i.values[0] : null;
  });
  const types = [...new Set(wanted.filter((t): t is string => t !== null))];
  if (types.length < 2) return null;
  const value = valueAt(path);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const given = (value as Record<string, unknown>).type;
  const kind = types.every((t) => DISTRIBUTION_TYPE_SET.has(t)) ? 'a distribution type' : 'a type this field takes';
  const list = `one of ${types.join(', ')}`;
  // The type is one of the union's: the problems are those of its branch (the one object branch
  // that did not want another type), not the scalar branch's, if any.
  const own = branches.filter((b, i) => wanted[i] === null && !b.every((x) => x.code === 'invalid_type' && x.path.length === 0));
  if (own.length === 1) return { kind: 'branch', branch: own[0] };
  if (given === undefined || given === null) {
    return { kind: 'issue', issue: { code: 'missing_type', path, message: `needs a type (type: ${types.join(', ')})` } };
  }
  if (typeof given !== 'string' || !types.includes(given)) {
    const shown = showText(String(given), 60);
    const near = typeof given === 'string' ? closest(given, types) : null;
    return {
      kind: 'issue',
      issue: {
        code: 'unknown_type',
        path: [...path, 'type'],
        message: `'${shown}' is not ${kind}; ${near ? `did you mean '${near}'? (${list})` : `write ${list}`}`,
      },
    };
  }
  return null;
}

/** Edit distance between two short strings: insertions, deletions, substitutions and swaps of two neighbours ("nmae"), one each. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/**
 * The known name most like `given`, when one is close enough to be a slip of the keyboard: the
 * same but for case, one a prefix of the other (3 letters at least), or a third of its letters
 * wrong at most (1 at least); null when none is.
 */
export function closest(given: string, known: readonly string[]): string | null {
  const g = given.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const k of known) {
    const kl = k.toLowerCase();
    const d = kl === g ? 0 : g.length >= 3 && (kl.startsWith(g) || g.startsWith(kl)) ? 1 : editDistance(g, kl);
    const limit = Math.max(1, Math.floor(Math.max(g.length, kl.length) / 3));
    if (d <= limit && d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

/** The fields a (strict) object in the schema takes at `path`, read from the schema itself; [] when unknown. */
function knownKeysAt(schema: ZodType<unknown>, path: readonly string[], valueAt: (path: readonly PropertyKey[]) => unknown): string[] {
  type Def = {
    type: string;
    shape?: Record<string, unknown>;
    innerType?: unknown;
    in?: unknown;
    element?: unknown;
    valueType?: unknown;
    options?: unknown[];
    getter?: () => unknown;
    left?: unknown;
    right?: unknown;
  };
  const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } })?._zod?.def;
  /** Every object schema `s` may be (wrappers and unions opened). */
  const objects = (s: unknown, seen = 0): Def[] => {
    const d = defOf(s);
    if (!d || seen > 20) return [];
    if (d.type === 'object') return [d];
    if (d.innerType) return objects(d.innerType, seen + 1);
    if (d.type === 'pipe') return objects(d.in, seen + 1);
    if (d.type === 'lazy' && d.getter) return objects(d.getter(), seen + 1);
    if (d.type === 'union') return (d.options ?? []).flatMap((o) => objects(o, seen + 1));
    if (d.type === 'intersection') return [...objects(d.left, seen + 1), ...objects(d.right, seen + 1)];
    return [];
  };
  /** What `s` holds at `key` (into objects, lists and records). */
  const child = (s: unknown, key: string, seen = 0): unknown[] => {
    const d = defOf(s);
    if (!d || seen > 20) return [];
    if (d.type === 'object') return d.shape && Object.hasOwn(d.shape, key) ? [d.shape[key]] : [];
    if (d.type === 'array') return [d.element];
    if (d.type === 'record') return [d.valueType];
    if (d.innerType) return child(d.innerType, key, seen + 1);
    if (d.type === 'pipe') return child(d.in, key, seen + 1);
    if (d.type === 'lazy' && d.getter) return child(d.getter(), key, seen + 1);
    if (d.type === 'union') return (d.options ?? []).flatMap((o) => child(o, key, seen + 1));
    if (d.type === 'intersection') return [...child(d.left, key, seen + 1), ...child(d.right, key, seen + 1)];
    return [];
  };
  let here: unknown[] = [schema];
  for (const key of path) here = here.flatMap((s) => child(s, key));
  let candidates = here.flatMap((s) => objects(s));
  // Of objects told apart by their type, the one of the type written.
  const given = (valueAt(path) as Record<string, unknown> | undefined)?.type;
  const ofType = candidates.filter((d) => {
    const t = defOf(d.shape?.type);
    return t?.type === 'literal' && (t as unknown as { values: unknown[] }).values.includes(given);
  });
  if (ofType.length > 0) candidates = ofType;
  return [...new Set(candidates.flatMap((d) => Object.keys(d.shape ?? {})))];
}

/** Path segments that would reach into JavaScript's object machinery rather than a field. */
const FORBIDDEN_SEGMENTS = new Set(['__proto__', 'constructor', 'prototype']);
/**
 * The maps keyed by a user's names (a name there is data, so `constructor` or `prototype` is a name
 * like any other: `--set costs.groups.constructor.salaryPerWteYear=30000`). `__proto__` stays
 * refused everywhere: the schema refuses it as a name. setPath writes and reads own properties
 * only, so a name never reaches Object.prototype.
 */
const NAME_KEYED_MAPS = new Set(['costs.groups']);
/** Is keys[i] refused? `within`: the scenario path keys[0] stands for, when keys[0] is a stand-in (see setPath). */
const isForbiddenSegment = (keys: readonly string[], i: number, within?: readonly string[]) =>
  FORBIDDEN_SEGMENTS.has(keys[i]) &&
  (keys[i] === '__proto__' || !NAME_KEYED_MAPS.has((within ? [...within, ...keys.slice(1, i)] : keys.slice(0, i)).join('.')));

/** A bad `--set` (or sweep factor) path; `problems` in the shape InputError uses. */
export class SetPathError extends Error {
  readonly problems: Array<{ path: string; message: string }>;
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(`${showText(path)}: ${message}`);
    this.name = 'SetPathError';
    this.problems = [{ path, message }];
  }
}

/** Apply `path=value` overrides in place; returns path → origin text for error messages. */
function applyOverrides(target: Record<string, unknown>, overrides: string[], file: string): Map<string, string> {
  const origins = new Map<string, string>();
  const hint = 'Example: --set policy.sessionCap=8 --set workers.0.count=3';
  for (const spec of overrides) {
    const eq = spec.indexOf('=');
    if (eq <= 0) {
      throw new InputError(file, [{ path: '', message: `--set "${showText(spec)}" must look like path=value`, origin: `--set ${spec}` }], hint);
    }
    const path = spec.slice(0, eq).trim();
    const value = parseOverrideValue(spec.slice(eq + 1));
    try {
      setPath(target, path.split('.'), value);
    } catch (err) {
      if (!(err instanceof SetPathError)) throw err;
      throw new InputError(file, [{ path: err.path, message: err.problems[0].message, origin: `--set ${spec}` }], hint);
    }
    origins.set(path, `--set ${spec}`);
  }
  return origins;
}

/** A `--set` value is read as YAML (`8`, `open`, `{type: fixed, value: 3}`); anything YAML refuses is taken as text. */
function parseOverrideValue(text: string): unknown {
  try {
    return parseYamlText(text, '--set').value;
  } catch {
    return text;
  }
}

/** A list index as written in a path: digits without leading zeros. */
const CANONICAL_INDEX = /^(0|[1-9]\d*)$/;

/**
 * Set a dotted path in a plain object, creating arrays for numeric keys. Refuses (with a
 * SetPathError) empty segments (`workers..count`), `__proto__`/`constructor`/`prototype` (but for
 * names under costs.groups, which may be `constructor` or `prototype`), a
 * name where a list needs an index, and an index beyond the end of a list (the index equal to
 * the length appends one entry): so no path can pollute Object.prototype, make a sparse array,
 * or be silently ignored.
 *
 * `within`: when `keys[0]` is a stand-in for a part of the scenario (sweep-check.ts sets a value
 * inside a part held as `{ part }`), the scenario path of that part, so that a name under
 * costs.groups is told from a field as it is in the whole scenario.
 */
export function setPath(target: Record<string, unknown>, keys: string[], value: unknown, within?: readonly string[]): void {
  const dotted = keys.join('.');
  keys.forEach((key, i) => {
    if (key === '') {
      throw new SetPathError(dotted, `empty field name at position ${i + 1} (two dots in a row, or a dot at the start or end)`);
    }
    if (isForbiddenSegment(keys, i, within)) throw new SetPathError(dotted, `"${key}" is not a scenario field`);
  });
  let node: Record<string, unknown> | unknown[] = target;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const here = keys.slice(0, i).join('.') || '(top level)';
    let slot: string | number = key;
    if (Array.isArray(node)) {
      if (!CANONICAL_INDEX.test(key)) {
        throw new SetPathError(dotted, `${here} is a list: use an index such as 0, not "${showText(key, 40)}"`);
      }
      const index = Number(key);
      if (index > node.length) {
        const n = node.length;
        const has =
          n === 0
            ? 'is empty: use index 0 to add an entry'
            : n === 1
              ? 'has 1 entry: use 0 to change it, or 1 to add one'
              : `has ${n} entries: use 0–${n - 1} to change one, or ${n} to add one`;
        throw new SetPathError(dotted, `index ${showText(key, 40)} is beyond the end of ${here}, which ${has}`);
      }
      slot = index;
    }
    const container = node as Record<string | number, unknown>;
    if (i === keys.length - 1) {
      Object.defineProperty(container, slot, { value, writable: true, enumerable: true, configurable: true });
      return;
    }
    const next = Object.hasOwn(container, slot) ? container[slot] : undefined;
    if (next === null || typeof next !== 'object') {
      const created: Record<string, unknown> | unknown[] = CANONICAL_INDEX.test(keys[i + 1]) ? [] : {};
      Object.defineProperty(container, slot, { value: created, writable: true, enumerable: true, configurable: true });
      node = created;
    } else {
      node = next as Record<string, unknown>;
    }
  }
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

export function firstLine(s: string): string {
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
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}
