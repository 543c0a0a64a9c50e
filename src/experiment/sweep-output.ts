/**
 * Sweep output, streamed to disk point by point, in point order:
 *   results.csv  point, <factor paths…>, replication, metric, value   (tidy, one row per value)
 *   points.csv   point, <factor paths…>, metric, mean, ci_low, ci_high, sd, n
 *   manifest.json (written last), sensitivity.csv (morris), timing.json (wall time, workers)
 *
 * Resumable: after each point, `.sweep-state.json` records how many points are complete and
 * the byte length of both CSV files at that moment (written atomically). A run killed at any
 * instant resumes by truncating the CSVs to the recorded lengths and carrying on with the next
 * point, so nothing is lost or duplicated and the final files equal an uninterrupted run's.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readFileSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricId } from '../model/index.js';
import { InputError } from '../scenario/errors.js';
import { csvRow, toJson, writeFileAtomic } from './files.js';
import { summarise } from './summary.js';
import type { SweepValue } from './sweep-schema.js';

export const STATE_FILE = '.sweep-state.json';

interface SweepState {
  sweepSha256: string;
  shard: string | null;
  completed: number;
  resultsBytes: number;
  pointsBytes: number;
}

export function resultsHeader(paths: readonly string[]): string {
  return csvRow(['point', ...paths, 'replication', 'metric', 'value']);
}

export function pointsHeader(paths: readonly string[]): string {
  return csvRow(['point', ...paths, 'metric', 'mean', 'ci_low', 'ci_high', 'sd', 'n']);
}

export class SweepWriter {
  private resultsFd = -1;
  private pointsFd = -1;
  private state: SweepState;

  private constructor(
    private readonly dir: string,
    private readonly paths: readonly string[],
    private readonly metrics: readonly MetricId[],
    state: SweepState,
  ) {
    this.state = state;
  }

  /** Points already complete (to skip on resume). */
  get completed(): number {
    return this.state.completed;
  }

  /**
   * Open the output folder: fresh (refusing to overwrite an earlier sweep) or, with `resume`,
   * continuing the interrupted sweep that is there (which must be the same sweep and shard).
   */
  static open(dir: string, opts: { paths: string[]; metrics: MetricId[]; sweepSha256: string; shard: string | null; resume: boolean }): SweepWriter {
    mkdirSync(dir, { recursive: true });
    const statePath = join(dir, STATE_FILE);
    const hasState = existsSync(statePath);
    const hasResults = existsSync(join(dir, 'results.csv'));
    let state: SweepState;
    if (opts.resume && hasState) {
      state = JSON.parse(readFileSync(statePath, 'utf8')) as SweepState;
      if (state.sweepSha256 !== opts.sweepSha256 || state.shard !== opts.shard) {
        throw new InputError(dir, [{ path: '', message: 'holds a different sweep (or shard) than the one asked to resume' }], 'Resume with the same sweep file and --shard, or choose another --out.');
      }
    } else if (opts.resume && hasResults) {
      throw new InputError(dir, [{ path: '', message: 'holds a finished sweep: nothing to resume' }], 'Choose another --out to run it again.');
    } else if (hasState || hasResults) {
      throw new InputError(dir, [{ path: '', message: 'already holds sweep results' }], 'Add --resume to continue an interrupted sweep, or choose another --out.');
    } else {
      state = { sweepSha256: opts.sweepSha256, shard: opts.shard, completed: 0, resultsBytes: 0, pointsBytes: 0 };
    }
    const w = new SweepWriter(dir, opts.paths, opts.metrics, state);
    w.resultsFd = w.openTruncated('results.csv', state.resultsBytes, resultsHeader(opts.paths));
    w.pointsFd = w.openTruncated('points.csv', state.pointsBytes, pointsHeader(opts.paths));
    if (state.resultsBytes === 0) {
      state.resultsBytes = Buffer.byteLength(resultsHeader(opts.paths));
      state.pointsBytes = Buffer.byteLength(pointsHeader(opts.paths));
    }
    w.saveState();
    return w;
  }

  private openTruncated(file: string, bytes: number, header: string): number {
    const fd = openSync(join(this.dir, file), bytes === 0 ? 'w' : 'r+');
    if (bytes === 0) {
      writeSync(fd, header);
    } else {
      if (fstatSync(fd).size < bytes) throw new Error(`${file} is shorter than the sweep state records: the folder was changed by hand`);
      ftruncateSync(fd, bytes);
    }
    return fd;
  }

  /** Append one point's rows (its replications' metric values, row-major) to both files. */
  writePoint(id: number, values: readonly SweepValue[], data: Float64Array): void {
    const m = this.metrics.length;
    const reps = data.length / m;
    let results = '';
    for (let r = 0; r < reps; r++) {
      for (let j = 0; j < m; j++) results += csvRow([id, ...values.map(String), r, this.metrics[j], data[r * m + j]]);
    }
    let points = '';
    for (let j = 0; j < m; j++) {
      const column = Array.from({ length: reps }, (_, r) => data[r * m + j]);
      const s = summarise(column);
      points += csvRow([id, ...values.map(String), this.metrics[j], s.mean, s.ci95[0], s.ci95[1], s.sd, s.n]);
    }
    this.state.resultsBytes += writeAll(this.resultsFd, results, this.state.resultsBytes);
    this.state.pointsBytes += writeAll(this.pointsFd, points, this.state.pointsBytes);
    this.state.completed++;
    this.saveState();
  }

  private saveState(): void {
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

function writeAll(fd: number, text: string, position: number): number {
  const buf = Buffer.from(text, 'utf8');
  let written = 0;
  while (written < buf.length) written += writeSync(fd, buf, written, buf.length - written, position + written);
  return buf.length;
}

export function timingJson(wallSeconds: number, workers: number, points: number): string {
  return toJson({ wallSeconds: Math.round(wallSeconds * 1000) / 1000, workers, points, pointsPerSecond: Math.round((points / wallSeconds) * 100) / 100 });
}
