/**
 * `goldilocks merge`: combine the output folders of shards 1…n of one sweep into exactly the
 * files the unsharded sweep writes (timing.json aside). Shard k holds points with
 * id mod n = k − 1, each in point order, so the merge walks ids 0…N−1 and copies each point's
 * block of lines from its shard: streaming, with memory independent of the sweep's size.
 * Each shard is verified against the length, row count and sha256 its manifest records, so a
 * truncated or edited shard is refused (exit 2) instead of merged into wrong results.
 */

import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, renameSync, rmSync, type Stats, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { MetricId } from '../model/index.js';
import { commandPrefix } from '../messages.js';
import { InputError, showText } from '../scenario/errors.js';
import { canonicalJson } from '../scenario/parse.js';
import { toJson, writeFileAtomic } from './files.js';
import { sensitivityCsv } from './sensitivity.js';
import { entryAt, kindOf, MAX_MANIFEST_BYTES, MAX_TIMING_BYTES, openRegular, readJsonObject } from './sweep-files.js';
import { type FileIntegrity, pointsHeader, resultsHeader, STATE_FILE } from './sweep-output.js';
import { MAX_SWEEP_POINTS, planCount, planProblems, planSweep, shardSize } from './sweep-points.js';
import { DesignSchema, FactorSchema, MetricIdSchema, type Sweep } from './sweep-schema.js';

/** The longest line a shard's CSV may have (a row of 100 factor values of 10,000 characters is 1 MB). */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
/** Shard files held open at once: a merge of 10,000 shards stays far below any open-file limit. */
const MAX_OPEN_FILES = 64;
/** Bytes read ahead and kept, over all shards: memory does not grow with the number of shards either. */
const READ_AHEAD_BUDGET = 16 * 1024 * 1024;

/** At most MAX_OPEN_FILES shard files open, least recently used closed first (and reopened when needed). */
class FilePool {
  private readonly open = new Map<ShardFile, number>();
  fd(f: ShardFile): number {
    const fd = this.open.get(f);
    if (fd !== undefined) {
      this.open.delete(f);
      this.open.set(f, fd);
      return fd;
    }
    if (this.open.size >= MAX_OPEN_FILES) {
      const [oldest, oldFd] = this.open.entries().next().value as [ShardFile, number];
      this.open.delete(oldest);
      closeSync(oldFd);
    }
    const fresh = f.openChecked();
    this.open.set(f, fresh);
    return fresh;
  }
  closeAll(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}

/**
 * One shard's CSV file, read line by line from where the last point ended: the bytes consumed are
 * hashed and counted, a little is read ahead (and dropped again when the budget over all shards is
 * spent), and the file is opened through the pool, so neither memory nor open files grow with n.
 */
class ShardFile {
  /** Bytes consumed so far (= the file offset of `ahead[0]`). */
  bytes = 0;
  rows = -1; // lines consumed, the header excluded
  private ahead: Buffer = Buffer.alloc(0);
  private readonly hash = createHash('sha256');
  constructor(
    readonly where: string,
    private readonly size: number,
    private readonly pool: FilePool,
    private readonly chunk: number,
    private readonly budget: { left: number },
  ) {}
  /** Open the file again (after the pool closed it): still a regular file of the length the manifest records. */
  openChecked(): number {
    const { fd, size } = openRegular(this.where, Infinity, (message) => shardError(this.where, message));
    if (size !== this.size) {
      closeSync(fd);
      throw shardError(this.where, `holds ${size} bytes, its manifest.json records ${this.size} bytes (changed while merging?)`);
    }
    return fd;
  }
  /** The end of the next line in `ahead` (the index of its newline, or ahead.length at the end of the file), or -1 at the end. */
  private lineEnd(): number {
    let from = 0;
    for (;;) {
      const i = this.ahead.indexOf(10, from);
      if (i >= 0) return i;
      from = this.ahead.length;
      const at = this.bytes + this.ahead.length;
      if (at >= this.size) return this.ahead.length > 0 ? this.ahead.length : -1;
      if (this.ahead.length > MAX_LINE_BYTES)
        throw shardError(this.where, `has a line longer than ${MAX_LINE_BYTES / 1024 / 1024} MB: not a file the sweep wrote`);
      const more = Buffer.allocUnsafe(Math.min(this.chunk, this.size - at));
      const n = readSync(this.pool.fd(this), more, 0, more.length, at);
      if (n === 0) return this.ahead.length > 0 ? this.ahead.length : -1; // shorter than it was: the checks below say so
      this.budget.left -= n;
      this.ahead = this.ahead.length === 0 ? more.subarray(0, n) : Buffer.concat([this.ahead, more.subarray(0, n)]);
    }
  }
  /** Consume the next line, if it starts with `prefix` (all of it when prefix is empty); returns it with its newline, or null. */
  take(prefix: Buffer): Buffer | null {
    const end = this.lineEnd();
    if (end < 0 || this.ahead.length < prefix.length || this.ahead.compare(prefix, 0, prefix.length, 0, prefix.length) !== 0) return null;
    const stop = Math.min(end + 1, this.ahead.length);
    const line = this.ahead.subarray(0, stop);
    this.hash.update(line);
    this.bytes += stop;
    this.rows++;
    this.ahead = this.ahead.subarray(stop);
    this.budget.left += stop;
    return line;
  }
  /** After a point: keep what was read ahead while the budget lasts, or drop it (it is read again next time). */
  release(): void {
    if (this.budget.left < 0) {
      this.budget.left += this.ahead.length;
      this.ahead = Buffer.alloc(0);
    } else if (this.ahead.byteOffset > 0 && this.ahead.length < this.chunk / 4) {
      this.ahead = Buffer.from(this.ahead); // do not pin a whole chunk for a few bytes
    }
  }
  atEnd(): boolean {
    return this.lineEnd() < 0;
  }
  /** sha256 of everything consumed (call at the end). */
  digest(): string {
    return this.hash.digest('hex');
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

const RERUN = `Run that shard again into an empty folder (${commandPrefix()} sweep SWEEP.yaml --shard k/n --out DIR), then merge.`;

function shardError(dir: string, message: string, hint = RERUN): InputError {
  return new InputError(dir, [{ path: '', message }], hint);
}

const NOT_A_SHARD = 'Pass the output folders of every finished shard.';

/** The factors, design and metrics of a manifest, checked as deeply as a sweep file's (the plan is rebuilt from them). */
const ManifestPlan = z.object({
  factors: z.array(FactorSchema).min(1).max(100),
  design: DesignSchema,
  metrics: z.array(MetricIdSchema).min(1),
});

/** A shard's manifest as written (compared between shards, and the merged manifest's source), and its plan checked in depth. */
function readManifest(dir: string): { manifest: ShardManifest; plan: z.output<typeof ManifestPlan> } {
  let folder: Stats | undefined;
  try {
    folder = statSync(dir, { throwIfNoEntry: false });
  } catch (err) {
    throw shardError(dir, `cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`, NOT_A_SHARD);
  }
  if (!folder) throw shardError(dir, 'does not exist', NOT_A_SHARD);
  if (!folder.isDirectory()) throw shardError(dir, 'is not a folder: pass the output folder of a shard', NOT_A_SHARD);
  const fail = (name: string) => (message: string) => shardError(dir, `${name} ${message}`);
  // A shard is finished only once its state file is gone (the manifest is written just before).
  if (entryAt(join(dir, STATE_FILE), fail(STATE_FILE)))
    throw shardError(dir, `is an unfinished shard (finish it with \`${commandPrefix()} sweep … --shard k/n --resume\`)`, NOT_A_SHARD);
  if (!entryAt(join(dir, 'manifest.json'), fail('manifest.json'))) throw shardError(dir, 'has no manifest.json: not a sweep output folder', NOT_A_SHARD);
  // A regular file of a sensible size: a folder, a link to /dev/zero or a huge file is refused.
  const m = readJsonObject(join(dir, 'manifest.json'), MAX_MANIFEST_BYTES, fail('manifest.json'));
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
  const plan = ManifestPlan.safeParse({ factors: m.factors, design: m.design, metrics: m.metrics });
  if (!plan.success) bad.push(...new Set(plan.error.issues.map((i) => String(i.path[0]))));
  if (bad.length > 0) throw shardError(dir, `manifest.json is damaged (${bad.join(', ')} missing or not valid)`);
  const integrity = m.integrity as Record<string, unknown> | undefined;
  if (integrity === null || typeof integrity !== 'object' || !fileOk(integrity['results.csv']) || !fileOk(integrity['points.csv'])) {
    throw shardError(dir, "manifest.json records no valid checksums of the shard's files (damaged, or written by an older version)");
  }
  for (const file of ['results.csv', 'points.csv', 'timing.json']) {
    const st = entryAt(join(dir, file), fail(file));
    if (!st) throw shardError(dir, `${file} is missing: the shard folder is incomplete or was changed by hand`);
    if (st.isSymbolicLink()) continue; // followed, and checked on the open file when it is read
    if (!st.isFile()) throw shardError(dir, `${file} is ${kindOf(st)}, not a file the sweep writes`);
  }
  return { manifest: m as ShardManifest, plan: plan.data! };
}

function readTiming(dir: string): { wallSeconds: number } {
  const t = readJsonObject(join(dir, 'timing.json'), MAX_TIMING_BYTES, (message) => shardError(dir, `timing.json ${message}`));
  if (typeof t.wallSeconds === 'number') return { wallSeconds: t.wallSeconds };
  throw shardError(dir, 'timing.json is damaged (not the JSON the sweep wrote)');
}

/** Fields of a shard's manifest that are the shard's own; every other field is the same in all shards of one run. */
const SHARD_OWN = new Set(['shard', 'shardFrom', 'pointsInShard', 'integrity', 'node']);
/** Fields compared first, so a message names the most telling difference. */
const FIELD_ORDER = [
  'tool',
  'version',
  'seed',
  'replications',
  'horizonDays',
  'warmupDays',
  'scenario',
  'scenarioSha256',
  'design',
  'factors',
  'points',
  'metrics',
  'sweep',
];
/** The catch-all, compared last: it differs whenever anything of the sweep file or its base does. */
const SWEEP_HASH = 'sweepSha256';
const FIELD_WORDS: Record<string, string> = {
  version: 'the goldilocks version',
  scenarioSha256: 'the checksum of the base scenario',
  sweepSha256: 'the checksum of the sweep file and its base scenario',
  horizonDays: 'the run length',
};

/** The first field (in FIELD_ORDER, then alphabetical) whose value differs between two manifests, or null. */
export function differingField(a: Record<string, unknown>, b: Record<string, unknown>): string | null {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !SHARD_OWN.has(k));
  const rank = (k: string) => (k === SWEEP_HASH ? FIELD_ORDER.length + 1 : FIELD_ORDER.includes(k) ? FIELD_ORDER.indexOf(k) : FIELD_ORDER.length);
  keys.sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
  return keys.find((k) => !Object.hasOwn(a, k) || !Object.hasOwn(b, k) || canonicalJson(a[k]) !== canonicalJson(b[k])) ?? null;
}

function shownValue(m: Record<string, unknown>, key: string): string {
  if (!Object.hasOwn(m, key)) return 'none';
  const text = canonicalJson(m[key]) ?? String(m[key]);
  return text.length > 70 ? `${showText(text, 60)}` : showText(text);
}

/**
 * Merge the shards `dirs` into `outDir` (which should be a fresh folder: the CLI stages it).
 * Every shard is verified while it streams: its rows for each of its points, nothing after
 * the last, and the length, row count and sha256 its manifest records.
 */
export function mergeShards(dirs: string[], outDir: string): { points: number; files: string[] } {
  // Shards of one run share every field of their manifests but their own (shard, size, checksums):
  // shards of different runs (another seed, version, scenario or sweep) are never merged. Each
  // manifest is compared with the first as it is read, and only its own fields are kept, so
  // memory grows by a few hundred bytes per shard, not by a whole manifest.
  const problems: string[] = [];
  const firstRead = readManifest(dirs[0]);
  const manifests: ShardManifest[] = dirs.map((d, i) => {
    if (i === 0) return firstRead.manifest;
    const m = readManifest(d).manifest;
    const field = differingField(firstRead.manifest, m);
    if (field)
      problems.push(
        `${d} and ${dirs[0]} are shards of different runs: their manifest.json files differ in "${field}"${FIELD_WORDS[field] ? ` (${FIELD_WORDS[field]})` : ''}, ${shownValue(m, field)} in ${d} but ${shownValue(firstRead.manifest, field)} in ${dirs[0]}`,
      );
    const own: Record<string, unknown> = {};
    for (const key of SHARD_OWN) if (Object.hasOwn(m, key)) own[key] = m[key];
    return own as ShardManifest;
  });
  const shards = manifests.map((m, i) => {
    const match = /^(\d+)\/(\d+)$/.exec(String(m.shard ?? ''));
    if (!match || Number(match[1]) < 1 || Number(match[1]) > Number(match[2]))
      throw new InputError(dirs[i], [{ path: 'manifest.json', message: 'is not a shard of a sweep (no valid "shard" entry)' }], RERUN);
    return { k: Number(match[1]), n: Number(match[2]) };
  });
  const n = shards[0].n;
  if (problems.length === 0)
    manifests.forEach((m, i) => {
      if (shards[i].n !== n) problems.push(`${dirs[i]} is shard ${m.shard}, others are of ${n}`);
    });
  if (problems.length > 0)
    throw new InputError(
      'merge',
      problems.map((message) => ({ path: '', message })),
      'Pass exactly one folder for each shard 1…n of the same sweep run (same sweep file, base scenario, seed and goldilocks version).',
    );
  const byK = new Map(shards.map((s, i) => [s.k, i]));
  if (byK.size !== shards.length) problems.push('the same shard is given twice');
  for (let k = 1; k <= n; k++) if (!byK.has(k)) problems.push(`shard ${k}/${n} is missing`);
  if (problems.length > 0)
    throw new InputError(
      'merge',
      problems.map((message) => ({ path: '', message })),
      'Pass exactly one folder for each shard 1…n of the same sweep.',
    );
  const first = manifests[0];
  const sweepLike = { factors: firstRead.plan.factors, design: firstRead.plan.design } as Sweep;
  const planIssues = planProblems(sweepLike);
  if (planIssues.length > 0) throw shardError(dirs[0], `manifest.json is damaged (${planIssues[0].message})`);
  if (planCount(sweepLike) !== first.points)
    throw shardError(dirs[0], `manifest.json is damaged (it records ${first.points} points, its factors and design make ${planCount(sweepLike)})`);
  manifests.forEach((m, i) => {
    const expected = shardSize(first.points, shards[i]);
    if (m.pointsInShard !== expected) problems.push(`${dirs[i]}: manifest.json records ${m.pointsInShard} points in the shard, the plan has ${expected}`);
    const rows = { 'results.csv': expected * first.replications * first.metrics.length, 'points.csv': expected * first.metrics.length };
    for (const file of ['results.csv', 'points.csv'] as const) {
      if (m.integrity[file].rows !== rows[file])
        problems.push(`${dirs[i]}: manifest.json records ${m.integrity[file].rows} rows of ${file}, ${expected} points have ${rows[file]}`);
    }
  });
  if (problems.length > 0)
    throw new InputError(
      'merge',
      problems.map((message) => ({ path: '', message })),
      RERUN,
    );
  const timing = dirs.map(readTiming);

  mkdirSync(outDir, { recursive: true });
  const orderIdx = Array.from({ length: n }, (_, k) => byK.get(k + 1)!);
  const order = orderIdx.map((i) => dirs[i]);
  const points = first.points;
  const paths = first.factors.map((f) => f.path);
  const headers = { 'results.csv': resultsHeader(paths), 'points.csv': pointsHeader(paths) };
  for (const file of ['results.csv', 'points.csv'] as const) {
    mergeCsv(
      order,
      file,
      join(outDir, file),
      points,
      headers[file],
      orderIdx.map((i) => manifests[i].integrity[file]),
    );
  }

  const manifest: Record<string, unknown> = { ...first };
  // Shards run on different machines may have run on different Node.js versions: say so.
  const nodes = orderIdx.map((i) => String(manifests[i].node));
  if (new Set(nodes).size > 1) manifest.node = nodes.map((v, k) => `${v} (shard ${k + 1}/${n})`).join(', ');
  delete manifest.shard;
  delete manifest.shardFrom;
  delete manifest.pointsInShard;
  delete manifest.integrity;
  const files: Array<[string, string]> = [['manifest.json', toJson(manifest)]];
  const plan = planSweep(sweepLike);
  const sensitivity = sensitivityCsv(plan, first.metrics, join(outDir, 'points.csv'));
  if (sensitivity !== null) files.push(['sensitivity.csv', sensitivity]);
  files.push(['timing.json', toJson({ shards: n, wallSecondsPerShard: orderIdx.map((i) => timing[i].wallSeconds), points })]);
  for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
  return { points, files: ['results.csv', 'points.csv', ...files.map(([f]) => f)] };
}

/** Interleave the shards' rows by point id into `target` (written to a temp file, then renamed), verifying each shard. */
function mergeCsv(shardDirs: string[], file: string, target: string, points: number, header: string, integrity: FileIntegrity[]): void {
  const pool = new FilePool();
  const budget = { left: READ_AHEAD_BUDGET };
  // Small reads when there are many shards (each visit takes one point's rows), 64 kB when few.
  const chunk = Math.max(4096, Math.min(1 << 16, Math.floor(READ_AHEAD_BUDGET / shardDirs.length / 2)));
  const readers: ShardFile[] = [];
  const temp = `${target}.${process.pid}.tmp`;
  let out = -1;
  try {
    // Each shard's file: a regular file (never a folder, device or FIFO) of exactly the length its manifest records.
    shardDirs.forEach((d, i) => {
      const where = join(d, file);
      const { fd, size } = openRegular(where, Infinity, (message) => shardError(where, message));
      closeSync(fd);
      const want = integrity[i];
      if (size !== want.bytes) throw shardError(where, `holds ${size} bytes, its manifest.json records ${want.bytes} bytes (truncated or changed by hand)`);
      readers.push(new ShardFile(where, size, pool, chunk, budget));
    });
    out = openSync(temp, 'w');
    const headerBytes = Buffer.from(header);
    for (const r of readers) {
      const h = r.take(Buffer.alloc(0));
      if (h === null || !h.equals(headerBytes)) throw shardError(r.where, 'does not start with the header its manifest.json implies (damaged?)');
      r.release();
    }
    const pending: Buffer[] = [headerBytes];
    let pendingBytes = headerBytes.length;
    for (let id = 0; id < points; id++) {
      const reader = readers[id % readers.length];
      const prefix = Buffer.from(`${id},`);
      let found = false;
      for (let line = reader.take(prefix); line !== null; line = reader.take(prefix)) {
        // A line cut short at the end of the file has no newline: the length check below refuses it.
        pending.push(line);
        pendingBytes += line.length;
        found = true;
      }
      reader.release();
      if (!found) throw shardError(reader.where, `has no rows for point ${id} (truncated or changed by hand)`);
      if (pendingBytes > 1 << 20) {
        writeSync(out, Buffer.concat(pending, pendingBytes));
        pending.length = 0;
        pendingBytes = 0;
      }
    }
    for (const [i, r] of readers.entries()) {
      if (!r.atEnd()) throw shardError(r.where, 'has rows after its last point (changed by hand?)');
      const want = integrity[i];
      if (r.bytes !== want.bytes || r.rows !== want.rows)
        throw shardError(
          r.where,
          `holds ${r.bytes} bytes in ${r.rows} rows, its manifest.json records ${want.bytes} bytes in ${want.rows} rows (truncated or changed by hand)`,
        );
      if (r.digest() !== want.sha256) throw shardError(r.where, 'differs from what the shard wrote (its sha256 does not match manifest.json)');
    }
    writeSync(out, Buffer.concat(pending, pendingBytes));
    closeSync(out);
    out = -1;
    renameSync(temp, target);
  } catch (err) {
    if (out >= 0) closeSync(out);
    rmSync(temp, { force: true });
    throw err;
  } finally {
    pool.closeAll();
  }
}
