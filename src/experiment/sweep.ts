/**
 * Parameter sweeps: load a sweep file, run its points (or one shard of them) on a pool of
 * worker threads, and stream tidy results to disk in point order.
 *
 *   sweep file ──► plan (point ids 0…N−1) ──► shard filter (id mod n = k−1) ──► resume skip
 *        ──► worker pool (any order) ──► ordered writer (results.csv, points.csv, state)
 *        ──► manifest.json (+ sensitivity.csv for morris and sobol, timing.json)
 *
 * Every point runs replications 0…R−1 of the same seed, so points share common random numbers
 * and the output depends only on the sweep file: not on worker count, shards or interruptions.
 */
import { join } from 'node:path';
import { runManifest } from './manifest.js';
import { toJson } from './files.js';
import { runPointsInPool } from './pool.js';
import { HINTS } from '../messages.js';
import { InputError } from '../scenario/errors.js';
import { optionProblem } from '../scenario/run-options.js';
import type { LoadedSweep } from './sweep-load.js';

export { loadSweep, type LoadedSweep } from './sweep-load.js';
import { pointValues, shardPointId, shardSize } from './sweep-points.js';
import { SweepWriter, timingJson, type FileIntegrity } from './sweep-output.js';
import { sensitivityCsv } from './sensitivity.js';

export interface Shard {
  k: number;
  n: number;
  /** The job engine's variables k and n were read from (`--shard auto`), recorded in the manifest. */
  from?: Record<string, string>;
}

/** The manifest: everything that defines the results, nothing that varies between runs. */
export function sweepManifest(ls: LoadedSweep, shard: Shard | null, integrity?: Record<string, FileIntegrity>): Record<string, unknown> {
  const { sweep, plan, context } = ls;
  const manifest = runManifest({
    scenario: ls.base.scenario.name,
    scenarioHash: ls.base.hash,
    settings: context.settings,
    wallSeconds: 0,
    extra: {
      sweep: sweep.name,
      sweepSha256: ls.hash,
      design: plan.design,
      factors: sweep.factors.map((f) => ({ path: f.path, ...(f.values ? { values: f.values } : { range: f.range, integer: f.integer }) })),
      points: plan.count,
      metrics: context.metrics,
      commonRandomNumbers: `every point runs replications 0..${context.settings.replications - 1} of seed ${context.settings.seed}`,
    },
  });
  delete manifest.wallSeconds; // timing.json holds the wall time, so the manifest is reproducible
  // A shard's manifest also records what its CSVs hold, so that `merge` can verify them.
  if (shard)
    Object.assign(manifest, {
      shard: `${shard.k}/${shard.n}`,
      ...(shard.from ? { shardFrom: shard.from } : {}),
      pointsInShard: shardSize(plan.count, shard),
      ...(integrity ? { integrity } : {}),
    });
  return manifest;
}

export interface SweepOutcome {
  dir: string;
  total: number;
  completed: number;
  interrupted: boolean;
  wallSeconds: number;
  files: string[];
}

export interface SweepRunOptions {
  outDir: string;
  workers: number;
  resume: boolean;
  shard: Shard | null;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export async function runSweep(ls: LoadedSweep, o: SweepRunOptions): Promise<SweepOutcome> {
  // The library door's check (the CLI checks --workers itself, in its own words): a thread per worker.
  const workersProblem = optionProblem('workers', o.workers, 'library');
  if (workersProblem) throw new InputError('sweep', [{ path: '', message: workersProblem }], HINTS.runOptions('library'));
  const started = performance.now();
  const total = shardSize(ls.plan.count, o.shard);
  const writer = SweepWriter.open(o.outDir, {
    paths: ls.context.paths,
    metrics: ls.context.metrics,
    replications: ls.context.settings.replications,
    total,
    sweepSha256: ls.hash,
    shard: o.shard ? `${o.shard.k}/${o.shard.n}` : null,
    resume: o.resume,
  });
  let done = writer.completed;
  const start = done;
  o.onProgress?.(done, total);
  try {
    await runPointsInPool(ls.context, o.workers, {
      count: total - start,
      idAt: (i) => shardPointId(start + i, o.shard),
      valuesOf: (id) => pointValues(ls.plan, id),
      onResult: (id, data) => {
        writer.writePoint(id, pointValues(ls.plan, id), data);
        done++;
        o.onProgress?.(done, total);
      },
      signal: o.signal,
    });
  } finally {
    writer.close();
  }
  const wallSeconds = (performance.now() - started) / 1000;
  if (done < total) return { dir: o.outDir, total, completed: done, interrupted: true, wallSeconds, files: [] };
  const files: Array<[string, string]> = [['manifest.json', toJson(sweepManifest(ls, o.shard, writer.integrity()))]];
  const sensitivity = o.shard ? null : sensitivityCsv(ls.plan, ls.context.metrics, join(o.outDir, 'points.csv'));
  if (sensitivity !== null) files.push(['sensitivity.csv', sensitivity]);
  files.push(['timing.json', timingJson(wallSeconds, o.workers, total)]);
  writer.finish(files);
  return { dir: o.outDir, total, completed: done, interrupted: false, wallSeconds, files: ['results.csv', 'points.csv', ...files.map(([f]) => f)] };
}

export function parseShard(text: string): Shard | null {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) return null;
  const k = Number(m[1]);
  const n = Number(m[2]);
  return k >= 1 && n >= 1 && k <= n ? { k, n } : null;
}
