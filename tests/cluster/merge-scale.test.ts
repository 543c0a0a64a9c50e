/**
 * `goldilocks merge` of 10,000 shards: streamed, in bounded memory and with few files open.
 *
 * A small sweep (12,000 points, one replication, a 0.1-year run, one metric) is run unsharded
 * once; its folder is then cut into 10,000 shard folders exactly as `sweep --shard k/10000`
 * writes them (shard k holds the points whose id leaves remainder k − 1 divided by n, in order;
 * its manifest is the sweep's plus shard, pointsInShard and the CSVs' integrity, last). Running
 * 10,000 real shards would start 10,000 processes; the sharding itself is tested on real runs in
 * tests/examples/cluster.test.ts and tests/cluster/slurm-real.test.ts.
 *
 * The merge runs as the CLI with an open-file limit of 256 (so it cannot hold one file per shard)
 * and must give the unsharded files byte for byte. Its peak memory may exceed a 2-shard merge of
 * the same sweep by no more than merge.ts's design allows: the read-ahead budget (16 MB) plus 4 kB
 * per shard (its reader, its running sha256 and its own manifest fields).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const SHARDS = 10_000;
const POINTS = 12_000;
const READ_AHEAD_BUDGET = 16 * 1024 * 1024; // merge.ts
const PER_SHARD = 4 * 1024;
const OPEN_FILES = 256;

let work = '';
let reference = '';

/** The shard folders `sweep --shard k/n` would write, cut from an unsharded run's folder. */
function split(from: string, n: number, into: string): string[] {
  const manifest = JSON.parse(readFileSync(join(from, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const lines = (file: string) => readFileSync(join(from, file), 'utf8').split('\n').slice(0, -1);
  const results = lines('results.csv');
  const points = lines('points.csv');
  const byShard = (rows: string[]) => {
    const out: string[][] = Array.from({ length: n }, () => [rows[0]]);
    for (const row of rows.slice(1)) out[Number(row.slice(0, row.indexOf(','))) % n].push(row);
    return out.map((r) => `${r.join('\n')}\n`);
  };
  const r = byShard(results);
  const p = byShard(points);
  const integrity = (text: string) => ({
    bytes: Buffer.byteLength(text),
    rows: text.split('\n').length - 2,
    sha256: createHash('sha256').update(text).digest('hex'),
  });
  const total = manifest.points as number;
  return r.map((results, i) => {
    const dir = join(into, `shard-${i + 1}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'results.csv'), results);
    writeFileSync(join(dir, 'points.csv'), p[i]);
    const own = {
      shard: `${i + 1}/${n}`,
      pointsInShard: Math.floor(total / n) + (i < total % n ? 1 : 0),
      integrity: { 'results.csv': integrity(results), 'points.csv': integrity(p[i]) },
    };
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify({ ...manifest, ...own }, null, 2)}\n`);
    writeFileSync(join(dir, 'timing.json'), `${JSON.stringify({ wallSeconds: 0.001, workers: 1, points: own.pointsInShard })}\n`);
    return dir;
  });
}

/** Merge with an open-file limit; returns the merge's peak RSS (bytes) and wall time (s). */
function merge(dirs: string[], out: string): { rss: number; seconds: number } {
  const rssFile = join(work, 'rss.cjs');
  writeFileSync(rssFile, "process.on('exit', () => require('fs').writeSync(2, `maxRSS=${process.resourceUsage().maxRSS}\\n`));\n");
  const list = join(work, `dirs-${dirs.length}.txt`);
  writeFileSync(list, `${dirs.join('\n')}\n`);
  const t0 = performance.now();
  const r = spawnSync(
    'bash',
    [
      '-c',
      `ulimit -n ${OPEN_FILES} && mapfile -t dirs < "$1" && exec "$2" -r "$3" "$4" merge "\${dirs[@]}" --out "$5" --no-charts`,
      'merge',
      list,
      process.execPath,
      rssFile,
      bin,
      out,
    ],
    { encoding: 'utf8', env: { ...process.env, CI: 'true' }, maxBuffer: 1 << 24 },
  );
  const seconds = (performance.now() - t0) / 1000;
  expect(r.status, r.stderr).toBe(0);
  const m = /maxRSS=(\d+)/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  return { rss: Number(m![1]) * 1024, seconds };
}

describe('merge of 10,000 shards', () => {
  beforeAll(() => {
    expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
    work = tempDir('goldilocks-merge-scale-');
    const sweep = join(work, 'many.yaml');
    writeFileSync(
      sweep,
      [
        'name: merge-scale',
        `base: ${JSON.stringify(join(root, 'scenarios/site-2.yaml'))}`,
        'factors:',
        '  - path: referrals.practices.0.referralsPerMonth',
        `    range: { from: 5, to: 25, steps: ${POINTS} }`,
        'replications: 1',
        'years: 0.1',
        'warmupDays: 0',
        'metrics: [waitDays]',
        '',
      ].join('\n'),
    );
    reference = join(work, 'unsharded');
    const r = spawnSync(process.execPath, [bin, 'sweep', sweep, '--out', reference, '--workers', '2', '--no-charts'], {
      encoding: 'utf8',
      env: { ...process.env, CI: 'true' },
    });
    expect(r.status, r.stderr).toBe(0);
  }, 300_000);

  it('gives the unsharded files byte for byte, with at most 256 files open and memory bounded by design', () => {
    const small = merge(split(reference, 2, join(work, 'two')), join(work, 'merged-2'));
    const t0 = performance.now();
    const dirs = split(reference, SHARDS, join(work, 'many'));
    const splitSeconds = (performance.now() - t0) / 1000;
    const big = merge(dirs, join(work, 'merged-10000'));
    for (const f of ['results.csv', 'points.csv', 'manifest.json']) {
      const want = readFileSync(join(reference, f));
      expect(readFileSync(join(work, 'merged-2', f)).equals(want), `${f} of the 2-shard merge`).toBe(true);
      expect(readFileSync(join(work, 'merged-10000', f)).equals(want), `${f} of the 10,000-shard merge`).toBe(true);
    }
    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
    console.log(
      `merge of ${SHARDS} shards (${POINTS} points): ${big.seconds.toFixed(2)} s, peak RSS ${mb(big.rss)}; 2 shards: ${small.seconds.toFixed(2)} s, peak RSS ${mb(small.rss)}; writing the shard folders took ${splitSeconds.toFixed(1)} s`,
    );
    expect(big.rss - small.rss).toBeLessThan(READ_AHEAD_BUDGET + SHARDS * PER_SHARD);
  }, 300_000);
});
