/**
 * report.html for an output folder on disk: the thin node:fs side of html.ts, which reads the
 * folder through a `ReportFiles` reader and imports nothing from `node:` (so the explorer page can
 * build the same report from files it holds in memory).
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../scenario/errors.js';
import { writeFileAtomic } from '../experiment/files.js';
import { buildReportFrom, type ReportFiles, type ReportKind } from './html.js';

export type { ReportFiles, ReportKind } from './html.js';

/** A `ReportFiles` reader of a folder on disk. */
export function folderFiles(dir: string): ReportFiles {
  return {
    name: basename(resolve(dir)),
    has: (name) => existsSync(join(dir, name)),
    read: (name) => readFileSync(join(dir, name), 'utf8'),
    list: (folder) => {
      const path = join(dir, folder);
      if (!existsSync(path) || !statSync(path).isDirectory()) return [];
      return readdirSync(path);
    },
  };
}

/** The report of an output folder of `run`, `compare`, `explore` or `sweep`, as one HTML string. */
export function buildFolderReport(dir: string): { html: string; kind: ReportKind } {
  const built = existsSync(dir) ? buildReportFrom(folderFiles(dir)) : null;
  if (!built) {
    throw new InputError(dir, [{ path: '', message: 'holds no summary.json, compare.json, explore.json or sweep points.csv: not a Goldilocks output folder' }], 'Pass the folder that run, compare, explore or sweep wrote (see --out).');
  }
  return built;
}

/** Write `<dir>/report.html` atomically; returns its path. */
export function writeReport(dir: string): string {
  const { html } = buildFolderReport(dir);
  const path = join(dir, 'report.html');
  writeFileAtomic(path, html);
  return path;
}
