/**
 * `goldilocks merge`: combine the output folders of shards 1…n of one sweep into exactly the
 * files the unsharded sweep writes (timing.json aside). Shard k holds points with
 * id mod n = k − 1, each in point order, so the merge walks ids 0…N−1 and copies each point's
 * block of lines from its shard: streaming, with memory independent of the sweep's size.
 * Each shard is verified against the length, row count and sha256 its manifest records, so a
 * truncated or edited shard is refused (exit 2) instead of merged into wrong results.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { MetricId } from '../model/index.js';
import { InputError } from '../scenario/errors.js';
import { toJson, writeFileAtomic } from './files.js';
import { morrisCsv } from './sensitivity.js';
import { MAX_SWEEP_POINTS, planProblems, planSweep, shardSize } from './sweep-points.js';
import { STATE_FILE, pointsHeader, resultsHeader, type FileIntegrity } from './sweep-output.js';
import type { Sweep } from './sweep-schema.js';

/** Reads a file line by line in fixed-size chunks (no whole-file buffering), hashing what it reads. */
class LineReader {
  private fd: number;
  private buffer = '';
  private eof = false;
  private readonly chunk = Buffer.alloc(1 << 16);
  private readonly hash = createHash('sha256');
  bytes = 0;
  rows = -1; // lines returned, the header excluded
  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }
  /** Next line without its newline, or null at the end. */
  peek(): string | null {
    while (!this.buffer.includes('\n') && !this.eof) {
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      if (n === 0) this.eof = true;
      else {
        this.hash.update(this.chunk.subarray(0, n));
        this.bytes += n;
        this.buffer += this.chunk.toString('utf8', 0, n);
      }
    }
    const i = this.buffer.indexOf('\n');
    if (i >= 0) return this.buffer.slice(0, i);
    return this.buffer.length > 0 ? this.buffer : null;
  }
  next(): string | null {
    const line = this.peek();
    if (line === null) return null;
    const i = this.buffer.indexOf('\n');
    this.buffer = i >= 0 ? this.buffer.slice(i + 1) : '';
    this.rows++;
    return line;
  }
  /** sha256 of everything read (call at the end). */
  digest(): string {
    return this.hash.digest('hex');
  }
  close(): void {
    closeSync(this.fd);
  }
}

interface ShardManifest extends Record<string, unknown> {
  sweepSha256: string;
  shard?: string;
  points: number;
  pointsInShard: number;
  replications: number;
  design: Sweep['design'];
  factors: Sweep['factors'];
  metrics: MetricId[];
  integrity: Record<'results.csv' | 'points.csv', FileIntegrity>;
}

const RERUN = 'Run that shard again into an empty folder (goldilocks sweep SWEEP.yaml --shard k/n --out DIR), then merge.';

function shardError(dir: string, message: string, hint = RERUN): InputError {
  return new InputError(dir, [{ path: '', message }], hint);
}

function readManifest(dir: string): ShardManifest {
  const path = join(dir, 'manifest.json');
  // A shard is finished only once its state file is gone (the manifest is written just before).
  if (existsSync(join(dir, STATE_FILE))) throw shardError(dir, 'is an unfinished shard (finish it with `goldilocks sweep … --shard k/n --resume`)', 'Pass the output folders of every finished shard.');
  if (!existsSync(path)) throw shardError(dir, 'has no manifest.json: not a sweep output folder', 'Pass the output folders of every finished shard.');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw shardError(dir, 'manifest.json is damaged (not valid JSON: truncated?)');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw shardError(dir, 'manifest.json is damaged (not a JSON object)');
  const m = raw as Record<string, unknown>;
  const int = (v: unknown, min: number) => typeof v === 'number' && Number.isSafeInteger(v) && v >= min;
  const fileOk = (f: unknown) => {
    const x = f as FileIntegrity | null;
    return x !== null && typeof x === 'object' && int(x.bytes, 1) && int(x.rows, 0) && typeof x.sha256 === 'string' && /^[0-9a-f]{64}$/.test(x.sha256);
  };
  const bad: string[] = [];
  if (typeof m.sweepSha256 !== 'string') bad.push('sweepSha256');
  if (typeof m.shard !== 'string') bad.push('shard');
  if (!int(m.points, 1) || (m.points as number) > MAX_SWEEP_POINTS) bad.push('points');
  if (!int(m.pointsInShard, 0)) bad.push('pointsInShard');
  if (!int(m.replications, 1)) bad.push('replications');
  if (!Array.isArray(m.factors) || m.factors.length === 0 || !m.factors.every((f) => f !== null && typeof f === 'object' && typeof (f as { path?: unknown }).path === 'string')) bad.push('factors');
  if (!Array.isArray(m.metrics) || m.metrics.length === 0 || !m.metrics.every((x) => typeof x === 'string')) bad.push('metrics');
  if (m.design === null || typeof m.design !== 'object' || typeof (m.design as { type?: unknown }).type !== 'string') bad.push('design');
  if (bad.length > 0) throw shardError(dir, `manifest.json is damaged (${bad.join(', ')} missing or not valid)`);
  const integrity = m.integrity as Record<string, unknown> | undefined;
  if (integrity === null || typeof integrity !== 'object' || !fileOk(integrity['results.csv']) || !fileOk(integrity['points.csv'])) {
    throw shardError(dir, 'manifest.json records no valid checksums of the shard\'s files (damaged, or written by an older version)');
  }
  for (const file of ['results.csv', 'points.csv', 'timing.json']) {
    if (!existsSync(join(dir, file))) throw shardError(dir, `${file} is missing: the shard folder is incomplete or was changed by hand`);
  }
  return m as ShardManifest;
}

function readTiming(dir: string): { wallSeconds: number } {
  try {
    const t = JSON.parse(readFileSync(join(dir, 'timing.json'), 'utf8')) as { wallSeconds?: unknown } | null;
    if (t !== null && typeof t === 'object' && typeof t.wallSeconds === 'number') return { wallSeconds: t.wallSeconds };
  } catch {
    /* reported below */
  }
  throw shardError(dir, 'timing.json is damaged (not the JSON the sweep wrote)');
}

/**
 * Merge the shards `dirs` into `outDir` (which should be a fresh folder: the CLI stages it).
 * Every shard is verified while it streams: its rows for each of its points, nothing after
 * the last, and the length, row count and sha256 its manifest records.
 */
export function mergeShards(dirs: string[], outDir: string): { points: number; files: string[] } {
  const manifests = dirs.map(readManifest);
  const shards = manifests.map((m, i) => {
    const match = /^(\d+)\/(\d+)$/.exec(String(m.shard ?? ''));
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2])) throw new InputError(dirs[i], [{ path: 'manifest.json', message: 'is not a shard of a sweep (no valid "shard" entry)' }], RERUN);
    return { k: Number(match[1]), n: Number(match[2]) };
  });
  const n = shards[0].n;
  const problems: string[] = [];
  manifests.forEach((m, i) => {
    if (m.sweepSha256 !== manifests[0].sweepSha256) problems.push(`${dirs[i]} is from a different sweep than ${dirs[0]}`);
    if (shards[i].n !== n) problems.push(`${dirs[i]} is shard ${m.shard}, others are of ${n}`);
    if (m.points !== manifests[0].points || m.replications !== manifests[0].replications) problems.push(`${dirs[i]} records a different plan than ${dirs[0]} (damaged manifest.json?)`);
  });
  const byK = new Map(shards.map((s, i) => [s.k, i]));
  if (byK.size !== shards.length) problems.push('the same shard is given twice');
  for (let k = 1; k <= n; k++) if (!byK.has(k)) problems.push(`shard ${k}/${n} is missing`);
  if (problems.length > 0) throw new InputError('merge', problems.map((message) => ({ path: '', message })), 'Pass exactly one folder for each shard 1…n of the same sweep.');
  const first = manifests[0];
  const sweepLike = { factors: first.factors, design: first.design } as Sweep;
  const planIssues = planProblems(sweepLike);
  if (planIssues.length > 0) throw shardError(dirs[0], `manifest.json is damaged (${planIssues[0].message})`);
  manifests.forEach((m, i) => {
    const expected = shardSize(first.points, shards[i]);
    if (m.pointsInShard !== expected) problems.push(`${dirs[i]}: manifest.json records ${m.pointsInShard} points in the shard, the plan has ${expected}`);
    const rows = { 'results.csv': expected * first.replications * first.metrics.length, 'points.csv': expected * first.metrics.length };
    for (const file of ['results.csv', 'points.csv'] as const) {
      if (m.integrity[file].rows !== rows[file]) problems.push(`${dirs[i]}: manifest.json records ${m.integrity[file].rows} rows of ${file}, ${expected} points have ${rows[file]}`);
    }
  });
  if (problems.length > 0) throw new InputError('merge', problems.map((message) => ({ path: '', message })), RERUN);
  const timing = dirs.map(readTiming);

  mkdirSync(outDir, { recursive: true });
  const orderIdx = Array.from({ length: n }, (_, k) => byK.get(k + 1)!);
  const order = orderIdx.map((i) => dirs[i]);
  const points = first.points;
  const paths = first.factors.map((f) => f.path);
  const headers = { 'results.csv': resultsHeader(paths), 'points.csv': pointsHeader(paths) };
  for (const file of ['results.csv', 'points.csv'] as const) {
    mergeCsv(order, file, join(outDir, file), points, headers[file], orderIdx.map((i) => manifests[i].integrity[file]));
  }

  const manifest: Record<string, unknown> = { ...first };
  delete manifest.shard;
  delete manifest.pointsInShard;
  delete manifest.integrity;
  const files: Array<[string, string]> = [['manifest.json', toJson(manifest)]];
  const plan = planSweep(sweepLike);
  if (plan.design.type === 'morris') files.push(['sensitivity.csv', morrisCsv(plan, first.metrics, join(outDir, 'points.csv'))]);
  files.push(['timing.json', toJson({ shards: n, wallSecondsPerShard: orderIdx.map((i) => timing[i].wallSeconds), points })]);
  for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
  return { points, files: ['results.csv', 'points.csv', ...files.map(([f]) => f)] };
}

/** Interleave the shards' rows by point id into `target` (written to a temp file, then renamed), verifying each shard. */
function mergeCsv(shardDirs: string[], file: string, target: string, points: number, header: string, integrity: FileIntegrity[]): void {
  const readers = shardDirs.map((d) => new LineReader(join(d, file)));
  const temp = `${target}.${process.pid}.tmp`;
  let out = openSync(temp, 'w');
  try {
    const headers = readers.map((r) => r.next());
    headers.forEach((h, i) => {
      if (`${h}\n` !== header) throw shardError(join(shardDirs[i], file), 'does not start with the header its manifest.json implies (damaged?)');
    });
    let pending = header;
    for (let id = 0; id < points; id++) {
      const reader = readers[id % readers.length];
      const prefix = `${id},`;
      let found = false;
      for (let line = reader.peek(); line !== null && line.startsWith(prefix); line = reader.peek()) {
        pending += `${reader.next()}\n`;
        found = true;
      }
      if (!found) throw shardError(join(shardDirs[id % readers.length], file), `has no rows for point ${id} (truncated or changed by hand)`);
      if (pending.length > 1 << 20) {
        writeSync(out, pending);
        pending = '';
      }
    }
    readers.forEach((r, i) => {
      const where = join(shardDirs[i], file);
      if (r.peek() !== null) throw shardError(where, 'has rows after its last point (changed by hand?)');
      const want = integrity[i];
      if (r.bytes !== want.bytes || r.rows !== want.rows) throw shardError(where, `holds ${r.bytes} bytes in ${r.rows} rows, its manifest.json records ${want.bytes} bytes in ${want.rows} rows (truncated or changed by hand)`);
      if (r.digest() !== want.sha256) throw shardError(where, 'differs from what the shard wrote (its sha256 does not match manifest.json)');
    });
    writeSync(out, pending);
    closeSync(out);
    out = -1;
    renameSync(temp, target);
  } catch (err) {
    if (out >= 0) closeSync(out);
    rmSync(temp, { force: true });
    throw err;
  } finally {
    readers.forEach((r) => r.close());
  }
}
