/**
 * `--shard auto`: the shard of a task read from the job engine's variables (src/experiment/shard-env.ts).
 * The Slurm cases are the variables a real Slurm 22.05 sets (checked with examples/cluster/ci/local-slurm.sh):
 * --array=3,7 gives MIN=3 MAX=7 STEP=1 COUNT=2; --array=0-6:3 gives MIN=0 MAX=6 STEP=3 COUNT=3.
 */
import { describe, expect, it } from 'vitest';
import { parseShardRequest, resolveShard, shardFromEnv } from '../../src/experiment/shard-env.js';

const slurm = (id: number, min: number, max: number, step = 1, count = (max - min) / step + 1) => ({
  SLURM_ARRAY_JOB_ID: '41',
  SLURM_ARRAY_TASK_ID: String(id),
  SLURM_ARRAY_TASK_MIN: String(min),
  SLURM_ARRAY_TASK_MAX: String(max),
  SLURM_ARRAY_TASK_STEP: String(step),
  SLURM_ARRAY_TASK_COUNT: String(count),
});

const problem = (r: object) => ('problem' in r ? (r.problem as string) : `no problem: ${JSON.stringify(r)}`);

describe('shardFromEnv', () => {
  it('Slurm: 1-based, 0-based and stepped arrays all give shards 1…n in order', () => {
    for (const [min, max, step] of [
      [1, 8, 1],
      [0, 7, 1],
      [0, 21, 3],
      [5, 12, 1],
    ]) {
      const ids = Array.from({ length: (max - min) / step + 1 }, (_, i) => min + i * step);
      const shards = ids.map((id) => shardFromEnv(slurm(id, min, max, step)));
      expect(shards.map((s) => ('k' in s ? `${s.k}/${s.n}` : problem(s)))).toEqual(ids.map((_, i) => `${i + 1}/8`));
    }
    const s = shardFromEnv(slurm(3, 1, 8));
    expect(s).toEqual({
      k: 3,
      n: 8,
      engine: 'slurm',
      from: { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_MAX: '8', SLURM_ARRAY_TASK_STEP: '1', SLURM_ARRAY_TASK_COUNT: '8' },
    });
  });

  it('Slurm: an array that is not one evenly spaced range, or missing MIN/MAX, is refused with a way out', () => {
    expect(problem(shardFromEnv(slurm(3, 3, 7, 1, 2)))).toMatch(/not one evenly spaced range.*--array=1-N.*--shard k\/n/);
    expect(problem(shardFromEnv({ SLURM_ARRAY_TASK_ID: '3' }))).toMatch(/SLURM_ARRAY_TASK_MIN or _MAX is not.*--shard k\/n/);
    expect(problem(shardFromEnv(slurm(4, 0, 6, 3)))).toMatch(/SLURM_ARRAY_TASK_ID=4 is not in the array 0-6:3/);
    expect(problem(shardFromEnv({ ...slurm(2, 1, 4), SLURM_ARRAY_TASK_ID: 'x' }))).toMatch(/SLURM_ARRAY_TASK_ID="x" is not a whole number/);
  });

  it('Slurm: auto/N must agree with the array', () => {
    expect(shardFromEnv(slurm(2, 1, 4), 4)).toMatchObject({ k: 2, n: 4 });
    expect(problem(shardFromEnv(slurm(2, 1, 4), 8))).toMatch(/Slurm array job of 4 tasks, but --shard auto\/8 says 8/);
  });

  it('Kubernetes: 0-based JOB_COMPLETION_INDEX; the count must be given (not in the pod)', () => {
    expect(problem(shardFromEnv({ JOB_COMPLETION_INDEX: '0' }))).toMatch(
      /Kubernetes does not put the number of completions in the pod: pass --shard auto\/N or set GOLDILOCKS_SHARD_COUNT=N/,
    );
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '0' }, 8)).toEqual({
      k: 1,
      n: 8,
      engine: 'kubernetes',
      from: { JOB_COMPLETION_INDEX: '0', '--shard': 'auto/8' },
    });
    expect(shardFromEnv({ JOB_COMPLETION_INDEX: '7', GOLDILOCKS_SHARD_COUNT: '8' })).toEqual({
      k: 8,
      n: 8,
      engine: 'kubernetes',
      from: { JOB_COMPLETION_INDEX: '7', GOLDILOCKS_SHARD_COUNT: '8' },
    });
    expect(problem(shardFromEnv({ JOB_COMPLETION_INDEX: '8' }, 8))).toMatch(
      /JOB_COMPLETION_INDEX=8 is task 9, beyond the 8 shards \(it numbers tasks from 0\)/,
    );
  });

  it('AWS Batch: 0-based index, size from AWS_BATCH_JOB_ARRAY_SIZE when set, else required', () => {
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '4', AWS_BATCH_JOB_ARRAY_SIZE: '10' })).toMatchObject({ k: 5, n: 10, engine: 'aws-batch' });
    expect(problem(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '4' }))).toMatch(/AWS_BATCH_JOB_ARRAY_SIZE is not set: pass --shard auto\/N/);
    expect(shardFromEnv({ AWS_BATCH_JOB_ARRAY_INDEX: '4' }, 10)).toMatchObject({ k: 5, n: 10 });
  });

  it('Cloud Run: CLOUD_RUN_TASK_INDEX (0-based) of CLOUD_RUN_TASK_COUNT', () => {
    expect(shardFromEnv({ CLOUD_RUN_TASK_INDEX: '0', CLOUD_RUN_TASK_COUNT: '3' })).toEqual({
      k: 1,
      n: 3,
      engine: 'cloud-run',
      from: { CLOUD_RUN_TASK_INDEX: '0', CLOUD_RUN_TASK_COUNT: '3' },
    });
    expect(problem(shardFromEnv({ CLOUD_RUN_TASK_INDEX: '2', CLOUD_RUN_TASK_COUNT: '3', GOLDILOCKS_SHARD_COUNT: '4' }))).toMatch(/make them agree/);
  });

  it('no engine, or two engines at once, is refused', () => {
    expect(problem(shardFromEnv({}))).toMatch(/no array-job index in the environment.*pass --shard k\/n/);
    expect(problem(shardFromEnv({ ...slurm(1, 1, 2), JOB_COMPLETION_INDEX: '0' }))).toMatch(/several engines \(SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX\)/);
  });
});

describe('parseShardRequest and resolveShard', () => {
  it('parses k/n, auto, auto/N and none, and nothing else', () => {
    expect(parseShardRequest('2/8')).toEqual({ kind: 'fixed', k: 2, n: 8 });
    expect(parseShardRequest('auto')).toEqual({ kind: 'auto' });
    expect(parseShardRequest('auto/16')).toEqual({ kind: 'auto', count: 16 });
    expect(parseShardRequest('none')).toEqual({ kind: 'none' });
    for (const bad of ['0/8', '9/8', 'auto/0', 'auto/x', '1/0', 'Auto', '', '2/8/1']) expect(parseShardRequest(bad), bad).toBeNull();
  });

  it('no --shard: the whole sweep outside an array job or in a one-task job; inside one, auto with a note', () => {
    expect(resolveShard(undefined, {})).toEqual({ shard: null });
    expect(resolveShard(undefined, { CLOUD_RUN_TASK_INDEX: '0', CLOUD_RUN_TASK_COUNT: '1' })).toEqual({ shard: null });
    const r = resolveShard(undefined, slurm(2, 1, 4));
    expect(r).toMatchObject({ shard: { k: 2, n: 4 } });
    expect('note' in r && r.note).toMatch(/no --shard given inside a Slurm array job: running shard 2\/4 \(from SLURM_ARRAY_TASK_ID=2, .*--shard none/);
    expect(problem(resolveShard(undefined, { JOB_COMPLETION_INDEX: '1' }))).toMatch(
      /looks like a task of an array job, and no --shard was given.*--shard none/,
    );
    expect(resolveShard({ kind: 'none' }, slurm(2, 1, 4))).toEqual({ shard: null });
    expect(resolveShard({ kind: 'fixed', k: 1, n: 2 }, slurm(2, 1, 4))).toEqual({ shard: { k: 1, n: 2 } });
  });
});
