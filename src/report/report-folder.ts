/**
 * report.html for an output folder on disk: the thin node:fs side of html.ts, which reads the
 * folder through a `ReportFiles` reader and imports nothing from `node:` (so the explorer page can
 * build the same report from files it holds in memory).
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readdirSync, statSync, constants } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { InputError } from '../scenario/errors.js';
import { HINTS } from '../messages.js';
import { writeFileAtomic } from '../experiment/files.js';
import { buildReportFrom, type ReportFiles, type ReportKind } from './html.js';
import { readCharts, validScenario } from './html/read-input.js';
import { buildPlanReport } from './html/plan-page.js';
import type { PlanDocument } from '../experiment/plan-output.js';

export type { ReportFiles, ReportKind } from './html.js';

/** The largest file the report reads back (a timeseries of years of weeks is far smaller). */
export const MAX_REPORT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * A file of the folder as text, refusing what an output folder never holds: a folder, a device
 * or pipe (a link to /dev/zero would be read for ever), a file over the limit. Checked on the
 * open file descriptor, so what is checked is what is read.
 */
export function readFolderFile(dir: string, name: string): string {
  const path = join(dir, name);
  const fail = (message: string): never => {
    throw new InputError(path, [{ path: '', message }], HINTS.damagedFolder);
  };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return fail(`cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail(`is not a regular file (${st.isDirectory() ? 'a folder' : 'a device, pipe or socket'}): a damaged output folder`);
    if (st.size > MAX_REPORT_FILE_BYTES)
      fail(`is ${Math.round(st.size / 1e6)} MB, more than any output file (${MAX_REPORT_FILE_BYTES / 1024 / 1024} MB): a damaged output folder`);
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** A `ReportFiles` reader of a folder on disk. */
export function folderFiles(dir: string): ReportFiles & { lastRead: () => string | null } {
  let last: string | null = null;
  return {
    name: basename(resolve(dir)),
    lastRead: () => last,
    has: (name) => existsSync(join(dir, name)),
    read: (name) => {
      last = name;
      return readFolderFile(dir, name);
    },
    list: (folder) => {
      const path = join(dir, folder);
      if (!existsSync(path) || !statSync(path).isDirectory()) return [];
      return readdirSync(path);
    },
  };
}

/** The report of a `plan` folder (plan.json, its manifest, charts and base scenario), as `plan --report` writes it. */
function planFolderReport(files: ReportFiles): string {
  const doc = JSON.parse(files.read('plan.json')) as PlanDocument;
  const manifest = files.has('manifest.json') ? JSON.parse(files.read('manifest.json')) : {};
  const scenario = files.has('scenario.json') ? validScenario(JSON.parse(files.read('scenario.json'))).scenario : null;
  return buildPlanReport({ kind: 'plan', folder: doc.plan, doc, manifest, charts: readCharts(files), scenario });
}

/** The report of an output folder of `run`, `compare`, `explore`, `sweep` or `plan`, as one HTML string. */
export function buildFolderReport(dir: string): { html: string; kind: ReportKind | 'plan' } {
  let built: { html: string; kind: ReportKind | 'plan' } | null;
  const files = folderFiles(dir);
  try {
    built = !existsSync(dir) ? null : files.has('plan.json') ? { html: planFolderReport(files), kind: 'plan' } : buildReportFrom(files);
  } catch (err) {
    if (err instanceof InputError) throw err;
    // Files that do not parse, or do not hold what the command wrote (hand-edited, cut short, another tool's).
    const where = files.lastRead() ? join(dir, files.lastRead()!) : dir;
    throw new InputError(
      where,
      [{ path: '', message: `is not as Goldilocks wrote it (${err instanceof Error ? err.message : String(err)}): a damaged output folder` }],
      HINTS.damagedFolder,
    );
  }
  if (!built) {
    throw new InputError(
      dir,
      [{ path: '', message: 'holds no summary.json, compare.json, explore.json, plan.json or sweep points.csv: not a Goldilocks output folder' }],
      HINTS.notOutputFolder,
    );
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
