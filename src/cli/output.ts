/** Default output folders, derived from scenario and sweep names as safe slugs. */
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
