/** Default output folders, derived from scenario and sweep names as safe slugs. */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { folderNameFor } from '../experiment/output-dir.js';

/** `output/<slug of name>` (or under `sub`); says on stderr when the name had to be sanitised. */
export function defaultFolder(name: string, what: string, file: string, ...sub: string[]): string {
  const { folder, note } = folderNameFor(name, what, file);
  if (note) process.stderr.write(`goldilocks: ${note}\n`);
  return join('output', ...sub, folder);
}

/** `output/compare/<a>-vs-<b>…` for a comparison of several designs. */
export function defaultCompareFolder(names: string[], files: string[]): string {
  const slugs = names.map((n, i) => {
    const { folder, note } = folderNameFor(n, 'scenario', files[i]);
    if (note) process.stderr.write(`goldilocks: ${note}\n`);
    return folder;
  });
  return join(
    'output',
    'compare',
    slugs
      .join('-vs-')
      .slice(0, 120)
      .replace(/[._-]+$/, ''),
  );
}

/**
 * The default folder of a run with `--set` overrides: `<folder>+set-<8 hex>`, the hex being the
 * start of the sha256 of the overrides in order. A run with overrides is not the scenario file's
 * run, so it never replaces the plain run's folder (`output/<name>/`); the same overrides in the
 * same order write the same folder again. With no overrides, the folder itself.
 */
export function overridesFolder(folder: string, set: readonly string[] | undefined): string {
  if (!set || set.length === 0) return folder;
  const hash = createHash('sha256').update(JSON.stringify(set)).digest('hex').slice(0, 8);
  return `${folder}+set-${hash}`;
}

/** ` with --set a=1 --set b=2` for headers and notes (values with spaces quoted); '' without overrides. */
export function overridesText(set: readonly string[] | undefined): string {
  if (!set || set.length === 0) return '';
  return ` with ${set.map((s) => `--set ${/^[^\s'"\\$`]+$/.test(s) ? s : JSON.stringify(s)}`).join(' ')}`;
}

/**
 * A `--json` document with the `--set` overrides it was run with, so that a piped result says
 * what it is a result of (the manifest in the output folder says so too); unchanged without them.
 */
export function withOverrides<T extends object>(doc: T, set: readonly string[] | undefined): T | (T & { overrides: string[] }) {
  return set && set.length > 0 ? { ...doc, overrides: [...set] } : doc;
}
