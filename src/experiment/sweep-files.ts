/**
 * Reading back the files of a sweep folder (the resume state, manifests, timing, the CSVs)
 * without trusting them: a folder is read only if every file is what the sweep writes, a
 * regular file of a sensible size. A folder, a symbolic link to /dev/zero, a FIFO, a huge or
 * truncated file is refused with an InputError naming the file (exit 2), never read for ever,
 * never an out-of-memory abort.
 *
 * Checks are made on the open file descriptor (fstat), so what is checked is what is read; the
 * file is opened non-blocking, so a FIFO does not wait for a writer.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, type Stats } from 'node:fs';
import { groupThousands, type InputError } from '../scenario/errors.js';

/** The resume state is a few hundred bytes. */
export const MAX_STATE_BYTES = 64 * 1024;
/** A manifest lists the factors' values: a 10 MB sweep file gives at most a few tens of MB. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** timing.json is a few lines. */
export const MAX_TIMING_BYTES = 64 * 1024;

/** What a non-regular file is, in words. */
export function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const errCode = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));

/**
 * Open `path` for reading and check it is a regular file of at most `maxBytes` (Infinity: any
 * size). Returns the descriptor and its size; `fail(message)` builds the error to throw.
 */
export function openRegular(path: string, maxBytes: number, fail: (message: string) => InputError): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    const code = errCode(err);
    throw fail(code === 'ENOENT' ? 'is missing' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read (permission denied)' : `cannot be read (${code})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw fail(`is ${kindOf(st)}, not a file the sweep writes`);
    if (st.size > maxBytes) throw fail(`is ${groupThousands(st.size)} bytes, more than such a file ever holds (${groupThousands(maxBytes)})`);
    return { fd, size: st.size };
  } catch (err) {
    closeSync(fd);
    throw err;
  }
}

/** A whole file as UTF-8 text, read through {@link openRegular} (never more than `maxBytes`). */
export function readBounded(path: string, maxBytes: number, fail: (message: string) => InputError): string {
  const { fd, size } = openRegular(path, maxBytes, fail);
  try {
    // Read what is there (up to the limit), not what fstat said: the file may change meanwhile.
    const buf = Buffer.alloc(Math.min(maxBytes, size) + 1);
    let n = 0;
    for (;;) {
      let got: number;
      try {
        got = readSync(fd, buf, n, buf.length - n, null);
      } catch (err) {
        throw fail(`cannot be read (${errCode(err)})`);
      }
      if (got === 0) break;
      n += got;
      if (n === buf.length) {
        if (n > maxBytes) throw fail(`grew beyond ${groupThousands(maxBytes)} bytes while it was read`);
        break;
      }
    }
    return buf.toString('utf8', 0, n);
  } finally {
    closeSync(fd);
  }
}

/** A JSON object read through {@link readBounded}; anything else is refused as damaged. */
export function readJsonObject(path: string, maxBytes: number, fail: (message: string) => InputError): Record<string, unknown> {
  const text = readBounded(path, maxBytes, fail);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw fail(`is damaged (not valid JSON: ${text.length === 0 ? 'empty' : 'truncated?'})`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw fail('is damaged (not a JSON object)');
  return raw as Record<string, unknown>;
}

/**
 * What is at `path` without following a symbolic link: null when nothing, otherwise the lstat.
 * An error other than "not there" (e.g. permission denied on the folder) is `fail`ed.
 */
export function entryAt(path: string, fail: (message: string) => InputError): Stats | null {
  try {
    return lstatSync(path, { throwIfNoEntry: false }) ?? null;
  } catch (err) {
    throw fail(`cannot be inspected (${errCode(err)})`);
  }
}
