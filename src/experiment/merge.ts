/**
 * `goldilocks merge`: combine the output folders of shards 1…n of one sweep into exactly the
 * files the unsharded sweep writes (timing.json aside). Shard k holds points with
 * id mod n = k − 1, each in point order, so the merge walks ids 0…N−1 and copies each point's
 * block of lines from its shard: streaming, with memory independent of the sweep's size.
 */
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { MetricId } from '../model/index.js';
import { InputError } from '../scenario/errors.js';
import { toJson, writeFileAtomic } from './files.js';
import { morrisCsv } from './sensitivity.js';
import { planSweep } from './sweep-points.js';
import { STATE_FILE } from './sweep-output.js';
import type { Sweep } from './sweep-schema.js';

/** Reads a file line by line in fixed-size chunks (no whole-file buffering). */
class LineReader {
  private fd: number;
  private buffer = '';
  private eof = false;
  private readonly chunk = Buffer.alloc(1 << 16);
  constructor(path: string) {
    this.fd = openSync(path, 'r');
  }
  /** Next line without its newline, or null at the end. */
  peek(): string | null {
    while (!this.buffer.includes('\n') && !this.eof) {
      const n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      if (n === 0) this.eof = true;
      else this.buffer += this.chunk.toString('utf8', 0, n);
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
    return line;
  }
  close(): void {
    closeSync(this.fd);
  }
}

interface ShardManifest extends Record<string, unknown> {
  sweepSha256: string;
  shard?: string;
  points: number;
  design: Sweep['design'];
  factors: Sweep['factors'];
  metrics: MetricId[];
}

function readManifest(dir: string): ShardManifest {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) {
    const why = existsSync(join(dir, STATE_FILE)) ? 'is an unfinished shard (finish it with `goldilocks sweep … --shard k/n --resume`)' : 'has no manifest.json: not a sweep output folder';
    throw new InputError(dir, [{ path: '', message: why }], 'Pass the output folders of every finished shard.');
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ShardManifest;
}

export function mergeShards(dirs: string[], outDir: string): { points: number; files: string[] } {
  const manifests = dirs.map(readManifest);
  const shards = manifests.map((m, i) => {
    const match = /^(\d+)\/(\d+)$/.exec(String(m.shard ?? ''));
    if (!match) throw new InputError(dirs[i], [{ path: 'manifest.json', message: 'is not a shard of a sweep (no "shard" entry)' }]);
    return { k: Number(match[1]), n: Number(match[2]) };
  });
  const n = shards[0].n;
  const problems: string[] = [];
  manifests.forEach((m, i) => {
    if (m.sweepSha256 !== manifests[0].sweepSha256) problems.push(`${dirs[i]} is from a different sweep than ${dirs[0]}`);
    if (shards[i].n !== n) problems.push(`${dirs[i]} is shard ${m.shard}, others are of ${n}`);
  });
  const byK = new Map(shards.map((s, i) => [s.k, i]));
  if (byK.size !== shards.length) problems.push('the same shard is given twice');
  for (let k = 1; k <= n; k++) if (!byK.has(k)) problems.push(`shard ${k}/${n} is missing`);
  if (problems.length > 0) throw new InputError('merge', problems.map((message) => ({ path: '', message })), 'Pass exactly one folder for each shard 1…n of the same sweep.');

  mkdirSync(outDir, { recursive: true });
  const order = Array.from({ length: n }, (_, k) => dirs[byK.get(k + 1)!]);
  const points = manifests[0].points;
  for (const file of ['results.csv', 'points.csv']) mergeCsv(order, file, join(outDir, file), points);

  const manifest: Record<string, unknown> = { ...manifests[0] };
  delete manifest.shard;
  delete manifest.pointsInShard;
  const files: Array<[string, string]> = [['manifest.json', toJson(manifest)]];
  const plan = planSweep({ factors: manifests[0].factors, design: manifests[0].design } as Sweep);
  if (plan.design.type === 'morris') files.push(['sensitivity.csv', morrisCsv(plan, manifests[0].metrics, join(outDir, 'points.csv'))]);
  const timing = order.map((d) => JSON.parse(readFileSync(join(d, 'timing.json'), 'utf8')) as { wallSeconds: number; workers: number });
  files.push(['timing.json', toJson({ shards: n, wallSecondsPerShard: timing.map((t) => t.wallSeconds), points })]);
  for (const [name, content] of files) writeFileAtomic(join(outDir, name), content);
  return { points, files: ['results.csv', 'points.csv', ...files.map(([f]) => f)] };
}

/** Interleave the shards' rows by point id into `target` (written to a temp file, then renamed). */
function mergeCsv(shardDirs: string[], file: string, target: string, points: number): void {
  const readers = shardDirs.map((d) => new LineReader(join(d, file)));
  const temp = `${target}.${process.pid}.tmp`;
  let out = openSync(temp, 'w');
  try {
    const headers = readers.map((r) => r.next());
    if (headers.some((h) => h !== headers[0])) throw new InputError(file, [{ path: '', message: 'shards have different columns' }]);
    let pending = `${headers[0]}\n`;
    for (let id = 0; id < points; id++) {
      const reader = readers[id % readers.length];
      const prefix = `${id},`;
      let found = false;
      for (let line = reader.peek(); line !== null && line.startsWith(prefix); line = reader.peek()) {
        pending += `${reader.next()}\n`;
        found = true;
      }
      if (!found) throw new InputError(join(shardDirs[id % readers.length], file), [{ path: '', message: `has no rows for point ${id}` }], 'Re-run that shard.');
      if (pending.length > 1 << 20) {
        writeSync(out, pending);
        pending = '';
      }
    }
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
