/**
 * Sweep output, streamed to disk point by point, in point order:
 *   results.csv  point, <factor paths…>, replication, metric, value   (tidy, one row per value)
 *   points.csv   point, <factor paths…>, metric, mean, ci_low, ci_high, sd, n
 *   manifest.json (written last), sensitivity.csv (morris, sobol), timing.json (wall time, workers)
 *
 * Resumable: after each point, `.sweep-state.json` records how many points are complete and,
 * for both CSV files at that moment, their byte length, row count and sha256 (written
 * atomically, with a checksum of the state itself). A run killed at any instant resumes by
 * checking the files against the state, truncating the CSVs to the recorded lengths and
 * carrying on with the next point, so nothing is lost or duplicated and the final files equal
 * an uninterrupted run's. A folder changed by hand (a truncated or edited state file, edited or
 * shortened CSVs, a deleted file) is refused with exit 2 instead of giving wrong results.
 */

import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, ftruncateSync, mkdirSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricId } from '../model/index.js';
import { InputError } from '../scenario/errors.js';
import { csvRow, toJson, writeFileAtomic } from './files.js';
import { SUMMARY_WIDTH } from './point-runner.js';
import { entryAt, kindOf, MAX_STATE_BYTES, openRegular, readJsonObject } from './sweep-files.js';
import type { SweepValue } from './sweep-schema.js';

export const STATE_FILE = '.sweep-state.json';
const STATE_VERSION = 2;
/** Every file a sweep folder may hold that the sweep writes or reads back. */
const SWEEP_FILES = [STATE_FILE, 'results.csv', 'points.csv', 'manifest.json', 'timing.json', 'sensitivity.csv'];

/** What a CSV file holds up to its last complete point: its length, rows (header excluded) and sha256. */
export interface FileIntegrity {
  bytes: number;
  rows: number;
  sha256: string;
}

interface SweepState {
  version: number;
  sweepSha256: string;
  shard: string | null;
  /** Points in this sweep (or shard). */
  total: number;
  completed: number;
  resultsBytes: number;
  pointsBytes: number;
  resultsRows: number;
  pointsRows: number;
  resultsSha256: string;
  pointsSha256: string;
  /** sha256 of the fields above: an edited state file is refused. */
  stateSha256?: string;
}

export function resultsHeader(paths: readonly string[]): string {
  return csvRow(['point', ...paths, 'replication', 'metric', 'value']);
}

export function pointsHeader(paths: readonly string[]): string {
  return csvRow(['point', ...paths, 'metric', 'mean', 'ci_low', 'ci_high', 'sd', 'n']);
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function stateDigest(s: SweepState): string {
  const { stateSha256: _omit, ...fields } = s;
  return sha256(JSON.stringify(fields));
}

const DAMAGED_HINT =
  'The folder was changed after the sweep wrote it, so its completed points cannot be trusted. Remove the folder (or choose another --out) and run the sweep again without --resume.';

function damaged(dir: string, message: string): InputError {
  return new InputError(dir, [{ path: '', message }], DAMAGED_HINT);
}

/** The state file, checked field by field: a truncated, `null` or edited file is refused. */
function readState(dir: string): SweepState {
  // A regular file of at most MAX_STATE_BYTES: a folder, a link to /dev/zero or a huge file is refused.
  const s = readJsonObject(join(dir, STATE_FILE), MAX_STATE_BYTES, (message) => damaged(dir, `${STATE_FILE} ${message}`));
  if (s.version !== STATE_VERSION) {
    throw new InputError(
      dir,
      [{ path: '', message: `${STATE_FILE} is from another version of goldilocks (or damaged)` }],
      'Remove the folder (or choose another --out) and run the sweep again without --resume.',
    );
  }
  const count = (k: string) => typeof s[k] === 'number' && Number.isSafeInteger(s[k]) && (s[k] as number) >= 0;
  const hex = (k: string) => typeof s[k] === 'string' && /^[0-9a-f]{64}$/.test(s[k] as string);
  const bad = [
    ...['total', 'completed', 'resultsBytes', 'pointsBytes', 'resultsRows', 'pointsRows'].filter((k) => !count(k)),
    ...['sweepSha256', 'resultsSha256', 'pointsSha256', 'stateSha256'].filter((k) => !hex(k)),
    ...(s.shard === null || typeof s.shard === 'string' ? [] : ['shard']),
  ];
  if (bad.length > 0) throw damaged(dir, `${STATE_FILE} is damaged (${bad.join(', ')} missing or not valid)`);
  const state = s as unknown as SweepState;
  if (stateDigest(state) !== state.stateSha256) throw damaged(dir, `${STATE_FILE} was edited (its checksum does not match its contents)`);
  return state;
}

/** sha256, rows and length of the first `bytes` bytes of a file, read in chunks; the hash can go on. */
function hashPrefix(fd: number, bytes: number): { hash: Hash; rows: number } {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 16);
  let rows = -1; // the header line is not a row
  try {
    let pos = 0;
    while (pos < bytes) {
      const n = readSync(fd, chunk, 0, Math.min(chunk.length, bytes - pos), pos);
      if (n === 0) break;
      const view = chunk.subarray(0, n);
      hash.update(view);
      for (let i = 0; i < n; i++) if (view[i] === 10) rows++;
      pos += n;
    }
  } finally {
    closeSync(fd);
  }
  return { hash, rows };
}

export class SweepWriter {
  private resultsFd = -1;
  private pointsFd = -1;
  private state: SweepState;
  private resultsHash: Hash;
  private pointsHash: Hash;

  private constructor(
    private readonly dir: string,
    private readonly paths: readonly string[],
    private readonly metrics: readonly MetricId[],
    private readonly replications: number,
    state: SweepState,
    hashes: [Hash, Hash],
  ) {
    this.state = state;
    [this.resultsHash, this.pointsHash] = hashes;
  }

  /** Points already complete (to skip on resume). */
  get completed(): number {
    return this.state.completed;
  }

  /** Length, rows and checksum of results.csv and points.csv as they stand (all complete points). */
  integrity(): { 'results.csv': FileIntegrity; 'points.csv': FileIntegrity } {
    const s = this.state;
    return {
      'results.csv': { bytes: s.resultsBytes, rows: s.resultsRows, sha256: s.resultsSha256 },
      'points.csv': { bytes: s.pointsBytes, rows: s.pointsRows, sha256: s.pointsSha256 },
    };
  }

  /**
   * Open the output folder: fresh (refusing to overwrite an earlier sweep) or, with `resume`,
   * continuing the interrupted sweep that is there (which must be the same sweep and shard, and
   * whose files must be exactly what the state file records: lengths, rows and checksums).
   */
  static open(
    dir: string,
    opts: { paths: string[]; metrics: MetricId[]; replications: number; total: number; sweepSha256: string; shard: string | null; resume: boolean },
  ): SweepWriter {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (err) {
      throw new InputError(
        dir,
        [{ path: '', message: `cannot be used as the output folder (${(err as NodeJS.ErrnoException).code ?? String(err)})` }],
        'Choose another --out.',
      );
    }
    // Every file the sweep writes or reads back must be a regular file (or missing): a folder,
    // link, device or pipe in its place is damage, refused before any point runs.
    const present = new Set<string>();
    for (const name of SWEEP_FILES) {
      const st = entryAt(join(dir, name), (message) => damaged(dir, `${name} ${message}`));
      if (st === null) continue;
      if (!st.isFile()) throw damaged(dir, `${name} is ${kindOf(st)}, not a file the sweep writes`);
      present.add(name);
    }
    const hasState = present.has(STATE_FILE);
    const hasResults = present.has('results.csv');
    const headers = [resultsHeader(opts.paths), pointsHeader(opts.paths)];
    let state: SweepState;
    let hashes: [Hash, Hash];
    if (opts.resume && hasState) {
      state = readState(dir);
      if (state.sweepSha256 !== opts.sweepSha256 || state.shard !== opts.shard || state.total !== opts.total) {
        throw new InputError(
          dir,
          [{ path: '', message: 'holds a different sweep (or shard) than the one asked to resume' }],
          'Resume with the same sweep file and --shard, or choose another --out.',
        );
      }
      hashes = SweepWriter.verify(dir, state, opts, headers);
    } else if (opts.resume && hasResults && !present.has('manifest.json')) {
      throw damaged(dir, `holds an unfinished sweep whose ${STATE_FILE} is missing`);
    } else if (opts.resume && hasResults) {
      throw new InputError(dir, [{ path: '', message: 'holds a finished sweep: nothing to resume' }], 'Choose another --out to run it again.');
    } else if (hasState || hasResults) {
      throw new InputError(
        dir,
        [{ path: '', message: 'already holds sweep results' }],
        'Add --resume to continue an interrupted sweep, or choose another --out.',
      );
    } else {
      const [rh, ph] = headers;
      state = {
        version: STATE_VERSION,
        sweepSha256: opts.sweepSha256,
        shard: opts.shard,
        total: opts.total,
        completed: 0,
        resultsBytes: Buffer.byteLength(rh),
        pointsBytes: Buffer.byteLength(ph),
        resultsRows: 0,
        pointsRows: 0,
        resultsSha256: sha256(rh),
        pointsSha256: sha256(ph),
      };
      hashes = [createHash('sha256').update(rh), createHash('sha256').update(ph)];
    }
    const w = new SweepWriter(dir, opts.paths, opts.metrics, opts.replications, state, hashes);
    const fresh = !(opts.resume && hasState);
    w.resultsFd = w.openFile('results.csv', fresh, state.resultsBytes, headers[0]);
    w.pointsFd = w.openFile('points.csv', fresh, state.pointsBytes, headers[1]);
    w.saveState();
    return w;
  }

  /** Check the files against the state before resuming; returns the running checksums. */
  private static verify(dir: string, state: SweepState, opts: { metrics: MetricId[]; replications: number; total: number }, headers: string[]): [Hash, Hash] {
    const m = opts.metrics.length;
    if (state.completed > state.total) throw damaged(dir, `${STATE_FILE} records ${state.completed} complete points, more than the ${state.total} of the plan`);
    const expected = { 'results.csv': state.completed * opts.replications * m, 'points.csv': state.completed * m };
    const files = [
      ['results.csv', state.resultsBytes, state.resultsRows, state.resultsSha256, headers[0]],
      ['points.csv', state.pointsBytes, state.pointsRows, state.pointsSha256, headers[1]],
    ] as const;
    return files.map(([file, bytes, rows, digest, header]) => {
      const path = join(dir, file);
      const { fd, size } = openRegular(path, Infinity, (message) => damaged(dir, `${file} ${message}`));
      try {
        if (size < bytes) throw damaged(dir, `${file} is shorter (${size} bytes) than the ${bytes} bytes of complete points the sweep state records`);
        if (bytes < Buffer.byteLength(header)) throw damaged(dir, `${STATE_FILE} records ${bytes} bytes of ${file}, less than its header`);
        if (rows !== expected[file])
          throw damaged(dir, `${STATE_FILE} records ${rows} rows of ${file}, but ${state.completed} complete points have ${expected[file]}`);
      } catch (err) {
        closeSync(fd);
        throw err;
      }
      const { hash, rows: counted } = hashPrefix(fd, bytes); // closes fd
      if (hash.copy().digest('hex') !== digest)
        throw damaged(dir, `${file} differs from what the sweep wrote (checksum of its first ${bytes} bytes does not match)`);
      if (counted !== rows) throw damaged(dir, `${file} has ${counted} rows of complete points, the sweep state records ${rows}`);
      return hash;
    }) as [Hash, Hash];
  }

  private openFile(file: string, fresh: boolean, bytes: number, header: string): number {
    // Never through a symbolic link (O_NOFOLLOW): the sweep writes only its own files.
    const flags = (fresh ? constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC : constants.O_RDWR) | (constants.O_NOFOLLOW ?? 0);
    let fd: number;
    try {
      fd = openSync(join(this.dir, file), flags, 0o666);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw damaged(
        this.dir,
        `${file} cannot be written (${code === 'ELOOP' ? 'it is a symbolic link' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(err))})`,
      );
    }
    if (fresh) writeSync(fd, header);
    else ftruncateSync(fd, bytes);
    return fd;
  }

  /** Append one point's rows to both files, from runPoint's array (replication values, then each metric's summary). */
  writePoint(id: number, values: readonly SweepValue[], data: Float64Array): void {
    const m = this.metrics.length;
    const reps = (data.length - SUMMARY_WIDTH * m) / m;
    let results = '';
    for (let r = 0; r < reps; r++) {
      for (let j = 0; j < m; j++) results += csvRow([id, ...values.map(String), r, this.metrics[j], data[r * m + j]]);
    }
    let points = '';
    for (let j = 0; j < m; j++) {
      const at = reps * m + SUMMARY_WIDTH * j;
      points += csvRow([id, ...values.map(String), this.metrics[j], ...data.subarray(at, at + SUMMARY_WIDTH)]);
    }
    const rb = Buffer.from(results, 'utf8');
    const pb = Buffer.from(points, 'utf8');
    this.state.resultsBytes += writeAll(this.resultsFd, rb, this.state.resultsBytes);
    this.state.pointsBytes += writeAll(this.pointsFd, pb, this.state.pointsBytes);
    this.resultsHash.update(rb);
    this.pointsHash.update(pb);
    this.state.resultsRows += reps * m;
    this.state.pointsRows += m;
    this.state.resultsSha256 = this.resultsHash.copy().digest('hex');
    this.state.pointsSha256 = this.pointsHash.copy().digest('hex');
    this.state.completed++;
    this.saveState();
  }

  private saveState(): void {
    this.state.stateSha256 = stateDigest(this.state);
    writeFileAtomic(join(this.dir, STATE_FILE), JSON.stringify(this.state));
  }

  /** Close the CSVs, write the final files and remove the resume state. */
  finish(files: Array<[string, string]>): void {
    this.close();
    for (const [name, content] of files) writeFileAtomic(join(this.dir, name), content);
    rmSync(join(this.dir, STATE_FILE), { force: true });
  }

  close(): void {
    if (this.resultsFd >= 0) closeSync(this.resultsFd);
    if (this.pointsFd >= 0) closeSync(this.pointsFd);
    this.resultsFd = this.pointsFd = -1;
  }
}

function writeAll(fd: number, buf: Buffer, position: number): number {
  let written = 0;
  while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written, position + written);
  return buf.length;
}

export function timingJson(wallSeconds: number, workers: number, points: number): string {
  return toJson({ wallSeconds: Math.round(wallSeconds * 1000) / 1000, workers, points, pointsPerSecond: Math.round((points / wallSeconds) * 100) / 100 });
}
