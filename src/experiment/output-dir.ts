/**
 * Where results go, checked before any simulation runs, and written so that a folder always
 * holds the files of one complete run.
 *
 *  - {@link checkOutputDir} / {@link checkOutputFile}: fail fast (exit 2, no stack trace) when
 *    the location is empty, a file, under a file, not writable, on a read-only or special file
 *    system (/proc), or (for folders that are replaced whole) a folder that holds other files.
 *  - {@link StagedOutput}: run, compare, explore, chart and merge write into a fresh hidden
 *    sibling folder and swap it in by rename at the end. An interrupted run leaves the previous
 *    complete folder untouched; never new data next to old charts or an old report. Leftovers
 *    of killed runs are cleaned up (or, if a kill fell between the two renames, the previous
 *    folder is put back) the next time the folder is written.
 *  - {@link folderNameFor}: the default folder derived from a scenario or sweep name is a
 *    safe slug (`..`, `.`, `a/b` or a name with control characters never escape `output/`).
 *
 * Sweeps write in place (they resume from their own state), so they only get the checks.
 *
 * Permissions: every folder and file is created with the modes the user's umask allows (folders
 * 0777 & ~umask, files 0666 & ~umask: 755/644 under the usual umask 022), so colleagues on a
 * shared machine can read results exactly as they can read the user's other files. The staging
 * folder is therefore made with mkdir (which honours the umask), not mkdtemp (always 0700).
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, rmdirSync, statSync, existsSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from '../scenario/errors.js';

/** Most characters of a folder name made from a scenario or sweep name. */
export const MAX_FOLDER_NAME_CHARS = 100;

const quote = (s: string): string => JSON.stringify(s.length > 120 ? `${s.slice(0, 120)}…` : s);

function outputError(path: string, message: string, hint: string): InputError {
  return new InputError(path === '' ? "''" : path, [{ path: '', message }], hint);
}

/**
 * The folder name for `name` (a scenario or sweep name): the name itself when it is a safe
 * slug (letters, digits, ".", "_" and "-", starting with a letter or digit), otherwise a
 * sanitised slug with a note saying so; a name with no letter or digit is rejected.
 */
export function folderNameFor(name: string, what: string, file?: string): { folder: string; note?: string } {
  const safe = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
  if (safe.test(name) && name.length <= MAX_FOLDER_NAME_CHARS && !name.endsWith('.')) return { folder: name };
  const slug = name
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^[._-]+/u, '')
    .slice(0, MAX_FOLDER_NAME_CHARS)
    .replace(/[._-]+$/u, '');
  if (slug === '') {
    throw new InputError(
      file ?? what,
      [{ path: 'name', message: `the ${what} name ${quote(name)} cannot be used as a folder name (it has no letter or digit): rejected` }],
      'Give it a name with letters or digits (e.g. name: site-2), or choose the folder with --out.',
    );
  }
  return {
    folder: slug,
    note: `${what} name ${quote(name)} is not a safe folder name: sanitised to ${quote(slug)} (rename it, or choose the folder with --out).`,
  };
}

/** The deepest existing ancestor of `abs` (itself included), or the error that stops the walk. */
function existingAncestor(abs: string, shown: string, fileAllowed = false): string {
  let p = abs;
  for (;;) {
    let st;
    try {
      st = statSync(p);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') {
        const up = dirname(p);
        if (up === p) throw outputError(shown, 'cannot be created (no existing folder above it)', 'Choose another --out.');
        p = up;
        continue;
      }
      if (code === 'ENOTDIR') {
        p = dirname(p);
        continue;
      }
      throw outputError(shown, `cannot be used (${code ?? String(err)})`, 'Choose another --out.');
    }
    if (!st.isDirectory()) {
      if (p === abs && fileAllowed) return dirname(p);
      if (p === abs) throw outputError(shown, 'is a file, not a folder', 'Choose a folder name for --out (it is created if missing), or move the file away.');
      throw outputError(shown, `is under ${quote(p)}, which is a file, not a folder`, 'Choose a folder name for --out that is not inside a file.');
    }
    return p;
  }
}

/** Create and remove a probe folder in `dir`: the surest test that new folders can be made there. */
function probeWritable(dir: string, shown: string): void {
  try {
    rmdirSync(mkdtempSync(join(dir, '.goldilocks-probe-')));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why =
      code === 'EACCES' || code === 'EPERM'
        ? `is not writable: permission denied in ${quote(dir)}`
        : code === 'EROFS'
          ? `is on a read-only file system (${quote(dir)})`
          : code === 'ENOSPC' || code === 'EDQUOT'
            ? `cannot be written: no space left in ${quote(dir)}`
            : code === 'ENOENT'
              ? `cannot be written: ${quote(dir)} does not accept new folders (a special file system such as /proc?)`
              : `cannot be written in ${quote(dir)} (${code ?? String(err)})`;
    throw outputError(shown, why, 'Choose a writable folder for --out, e.g. --out output/mine.');
  }
}

function checkNotEmpty(path: string, flag: string): void {
  if (path.trim() === '')
    throw outputError(path, `${flag} is empty: it must name a folder`, `Give a name, e.g. ${flag} output/mine, or omit ${flag} for the default folder.`);
  // eslint-disable-next-line no-control-regex
  if (/\u0000/.test(path)) throw outputError(path, `${flag} contains a NUL character`, 'Choose another name.');
}

export interface OutputDirCheck {
  /** The folder is replaced as a whole at the end (run, compare, explore, chart, merge). */
  replace: boolean;
  flag?: string;
}

/**
 * Check, without writing anything, that results can be written to folder `dir`. Returns the
 * real path of the target (symlinks followed when it exists).
 */
export function checkOutputDir(dir: string, o: OutputDirCheck): string {
  const flag = o.flag ?? '--out';
  checkNotEmpty(dir, flag);
  const abs = resolve(dir);
  const ancestor = existingAncestor(abs, dir);
  const exists = ancestor === abs;
  const target = exists ? realpathSync(abs) : abs;
  if (o.replace) {
    const cwd = process.cwd();
    if (dirname(target) === target || cwd === target || cwd.startsWith(target + sep)) {
      throw outputError(
        dir,
        'is the current folder or holds it; the output folder is replaced as a whole at the end of the run',
        `Choose a folder of its own, e.g. ${flag} output/mine.`,
      );
    }
    if (exists) {
      const entries = readdirSync(target);
      if (entries.length > 0 && !entries.includes('manifest.json')) {
        throw outputError(
          dir,
          'already holds files that are not Goldilocks results (no manifest.json); the output folder is replaced as a whole, so they would be lost',
          `Choose a new or empty folder for ${flag}, or move those files away.`,
        );
      }
    }
    probeWritable(exists ? dirname(target) : ancestor, dir);
  } else {
    probeWritable(ancestor, dir);
  }
  return target;
}

/** Check that file `path` can be written (for `schema --out`). */
export function checkOutputFile(path: string, flag = '--out'): void {
  checkNotEmpty(path, flag);
  const abs = resolve(path);
  let st;
  try {
    st = lstatSync(abs);
  } catch {
    st = null;
  }
  if (st?.isDirectory()) throw outputError(path, 'is a folder, not a file', `Give a file name, e.g. ${flag} ${join(path, 'goldilocks.schema.json')}.`);
  probeWritable(existingAncestor(abs, path, true), path);
}

const TEMP_TAG = 'goldilocks-tmp';
const OLD_TAG = 'goldilocks-old';

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Hidden siblings `.name.goldilocks-tmp-<pid>-…` / `-old-` left by processes that died. */
function recoverLeftovers(target: string): void {
  const parent = dirname(target);
  const base = basename(target);
  let entries: string[];
  try {
    entries = readdirSync(parent);
  } catch {
    return;
  }
  const pattern = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(${TEMP_TAG}|${OLD_TAG})-(\\d+)-`);
  for (const e of entries) {
    const m = pattern.exec(e);
    if (!m || alive(Number(m[2]))) continue;
    const path = join(parent, e);
    // A kill between "move the old folder aside" and "move the new one in": put the old back.
    if (m[1] === OLD_TAG && !existsSync(target)) {
      try {
        renameSync(path, target);
        continue;
      } catch {
        /* fall through: remove it */
      }
    }
    rmSync(path, { recursive: true, force: true });
  }
}

/**
 * A new folder `prefix` + six random characters, like mkdtemp, but with the mode the umask allows
 * (0777 & ~umask) rather than mkdtemp's fixed 0700: the staging folder becomes the output folder.
 */
function mkdirFresh(prefix: string): string {
  for (let attempt = 0; ; attempt++) {
    const path = prefix + randomBytes(6).toString('base64url').slice(0, 6);
    try {
      mkdirSync(path, { mode: 0o777 });
      return path;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 100) throw err;
    }
  }
}

/**
 * An output folder written as a whole: write into `work`, then {@link commit} swaps it in for
 * `dir`. Until then `dir` keeps the previous complete run (or does not exist).
 */
export class StagedOutput {
  private done = false;
  private workDir: string | null = null;
  private constructor(
    /** The folder named by the user (for messages). */
    readonly dir: string,
    /** The real path that is replaced. */
    readonly target: string,
  ) {}

  /** Check the location now (before any simulation); nothing is written until {@link work} is used. */
  static begin(dir: string, flag = '--out'): StagedOutput {
    return new StagedOutput(dir, checkOutputDir(dir, { replace: true, flag }));
  }

  /** The fresh hidden sibling folder to write into (made on first use). */
  get work(): string {
    if (this.workDir === null) {
      recoverLeftovers(this.target);
      const parent = dirname(this.target);
      mkdirSync(parent, { recursive: true });
      this.workDir = mkdirFresh(join(parent, `.${basename(this.target)}.${TEMP_TAG}-${process.pid}-`));
    }
    return this.workDir;
  }

  /** Swap the finished folder in: the old one is moved aside, the new one renamed in, the old removed. */
  commit(): void {
    if (this.done) return;
    const work = this.work;
    const parent = dirname(this.target);
    for (let attempt = 0; ; attempt++) {
      const old = join(parent, `.${basename(this.target)}.${OLD_TAG}-${process.pid}-${attempt}`);
      let movedAside = false;
      try {
        renameSync(this.target, old);
        movedAside = true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
      try {
        renameSync(work, this.target);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        // Another run committed the same folder in between: try again on top of it.
        if ((code === 'ENOTEMPTY' || code === 'EEXIST') && attempt < 5) {
          if (movedAside) rmSync(old, { recursive: true, force: true });
          continue;
        }
        if (movedAside) renameSync(old, this.target);
        throw err;
      }
      if (movedAside) rmSync(old, { recursive: true, force: true });
      break;
    }
    this.done = true;
  }

  /** Remove the unfinished folder (after an error); the previous folder stays. */
  abandon(): void {
    if (this.done) return;
    if (this.workDir !== null) rmSync(this.workDir, { recursive: true, force: true });
    this.done = true;
  }
}
