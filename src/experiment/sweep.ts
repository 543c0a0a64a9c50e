/**
 * Parameter sweeps: load a sweep file, run its points (or one shard of them) on a pool of
 * worker threads, and stream tidy results to disk in point order.
 *
 *   sweep file ──► plan (point ids 0…N−1) ──► shard filter (id mod n = k−1) ──► resume skip
 *        ──► worker pool (any order) ──► ordered writer (results.csv, points.csv, state)
 *        ──► manifest.json (+ sensitivity.csv for morris, timing.json)
 *
 * Every point runs replications 0…R−1 of the same seed, so points share common random numbers
 * and the output depends only on the sweep file: not on worker count, shards or interruptions.
 */
import { dirname, join, resolve } from 'node:path';
import { METRIC_IDS, type MetricId } from '../model/index.js';
import { loadAndValidate, hashOf, parseYamlFile, type LoadedScenario } from '../scenario/load.js';
import { loadScenario } from './load.js';
import { runSettings, type RunSettings } from './replications.js';
import { runManifest } from './manifest.js';
import { toJson } from './files.js';
import { runPointsInPool } from './pool.js';
import { scenarioForPoint, type PointContext } from './point-runner.js';
import { SweepSchema, type Sweep, type SweepValue } from './sweep-schema.js';
import { planProblems, planSweep, pointValues, shardPointId, shardSize, type SweepPlan } from './sweep-points.js';
import { SweepWriter, timingJson, type FileIntegrity } from './sweep-output.js';
import { morrisCsv } from './sensitivity.js';

export interface Shard {
  k: number;
  n: number;
}

export interface LoadedSweep {
  sweep: Sweep;
  file: string;
  hash: string;
  base: LoadedScenario;
  context: PointContext;
  plan: SweepPlan;
}

export function loadSweep(file: string): LoadedSweep {
  let base: LoadedScenario | null = null;
  let context: PointContext | null = null;
  // Factor values are checked against the base scenario here, so that a bad value is reported
  // with the sweep file's line before any point runs.
  const sweep = loadAndValidate(file, SweepSchema, [], (s) => s, file, (s) => {
    const baseFile = resolve(dirname(file), s.base);
    base = loadScenario(baseFile);
    const baseRaw = parseYamlFile(baseFile); // the scenario loader's reader: same alias limits and errors
    const settings = runSettings(base.scenario, { seed: s.seed, replications: s.replications, years: s.years, warmupDays: s.warmupDays });
    // Plans too big to finish or to hold in memory are refused before anything is drawn.
    const problems: Array<{ path: (string | number)[]; message: string }> = planProblems(s);
    if (settings.warmupDays >= settings.horizonDays) problems.push({ path: ['warmupDays'], message: 'warm-up must be shorter than the horizon' });
    const ctx = contextOf(s, baseRaw, baseFile, settings);
    context = ctx;
    s.factors.forEach((f, j) => {
      const probes: Array<[(string | number)[], SweepValue]> = f.values
        ? f.values.map((v, i) => [['factors', j, 'values', i], v])
        : [[['factors', j, 'range', 'from'], f.integer ? Math.round(f.range!.from) : f.range!.from], [['factors', j, 'range', 'to'], f.integer ? Math.round(f.range!.to) : f.range!.to]];
      for (const [path, value] of probes) {
        try {
          scenarioForPoint({ ...ctx, paths: [f.path] }, [value]);
        } catch (err) {
          const detail = (err as { problems?: Array<{ path: string; message: string }> }).problems?.map((p) => `${p.path}: ${p.message}`).join('; ') ?? String(err);
          problems.push({ path, message: `${f.path}=${String(value)} is not a valid scenario value (${detail})` });
        }
      }
    });
    return problems;
  });
  const loadedBase = base as unknown as LoadedScenario;
  return { sweep, file, hash: hashOf({ sweep, base: loadedBase.hash }), base: loadedBase, context: context!, plan: planSweep(sweep) };
}

function contextOf(s: Sweep, baseRaw: unknown, baseFile: string, settings: RunSettings): PointContext {
  const metrics: MetricId[] = s.metrics ?? [...METRIC_IDS];
  return { baseRaw, baseLabel: baseFile, paths: s.factors.map((f) => f.path), settings, metrics };
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
  if (shard) Object.assign(manifest, { shard: `${shard.k}/${shard.n}`, pointsInShard: shardSize(plan.count, shard), ...(integrity ? { integrity } : {}) });
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
  if (ls.plan.design.type === 'morris' && !o.shard) files.push(['sensitivity.csv', morrisCsv(ls.plan, ls.context.metrics, join(o.outDir, 'points.csv'))]);
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
