/**
 * `goldilocks sweep --shard auto`: which shard k of n this task runs, read from the variables
 * the job engine sets in every task of an array job. Pure: the environment is an argument.
 *
 *   engine                  index variable (numbering)          count
 *   Slurm array job         SLURM_ARRAY_TASK_ID (as submitted)   (MAX − MIN) / STEP + 1, checked against SLURM_ARRAY_TASK_COUNT
 *   Kubernetes Indexed Job  JOB_COMPLETION_INDEX (0-based)       not in the pod: --shard auto/N or GOLDILOCKS_SHARD_COUNT
 *   AWS Batch array job     AWS_BATCH_JOB_ARRAY_INDEX (0-based)  AWS_BATCH_JOB_ARRAY_SIZE if set, else auto/N or GOLDILOCKS_SHARD_COUNT
 *   Cloud Run job           CLOUD_RUN_TASK_INDEX (0-based)       CLOUD_RUN_TASK_COUNT
 *
 * Slurm numbers tasks as submitted (--array=1-8, 0-9, 0-30:3 …): the shard is the task's place in
 * the range, k = (ID − MIN) / STEP + 1. A list that is not one evenly spaced range (--array=3,7)
 * says nothing about the whole sweep, so it is refused: pass --shard k/n there.
 */

export type ShardEngine = 'slurm' | 'kubernetes' | 'aws-batch' | 'cloud-run';

export interface EnvShard {
  k: number;
  n: number;
  engine: ShardEngine;
  /** The variables the shard was read from, with their values, and `--shard` when the count came from auto/N (recorded in the shard's manifest). */
  from: Record<string, string>;
}

/** The variable that gives the count where the engine does not. */
export const SHARD_COUNT_VARIABLE = 'GOLDILOCKS_SHARD_COUNT';

const INDEX_VARIABLES: Record<ShardEngine, string> = {
  slurm: 'SLURM_ARRAY_TASK_ID',
  kubernetes: 'JOB_COMPLETION_INDEX',
  'aws-batch': 'AWS_BATCH_JOB_ARRAY_INDEX',
  'cloud-run': 'CLOUD_RUN_TASK_INDEX',
};

const ENGINE_NAMES: Record<ShardEngine, string> = {
  slurm: 'a Slurm array job',
  kubernetes: 'a Kubernetes Indexed Job',
  'aws-batch': 'an AWS Batch array job',
  'cloud-run': 'a Cloud Run job',
};

export type Env = Readonly<Record<string, string | undefined>>;

/** The engines whose index variable is set (normally none or one). */
export function arrayEngines(env: Env): ShardEngine[] {
  return (Object.keys(INDEX_VARIABLES) as ShardEngine[]).filter((e) => (env[INDEX_VARIABLES[e]] ?? '') !== '');
}

const WHOLE = /^(0|[1-9]\d{0,8})$/;

/**
 * The shard of this task, or a problem in words (the CLI refuses with it, exit 2). `count` is the
 * N of `--shard auto/N`. No engine variable set is a problem too: `--shard auto` outside an array job.
 */
export function shardFromEnv(env: Env, count?: number): EnvShard | { problem: string } {
  const engines = arrayEngines(env);
  const table = 'SLURM_ARRAY_TASK_ID (Slurm), JOB_COMPLETION_INDEX (Kubernetes), AWS_BATCH_JOB_ARRAY_INDEX (AWS Batch), CLOUD_RUN_TASK_INDEX (Cloud Run)';
  if (engines.length === 0) return { problem: `--shard auto: no array-job index in the environment (looked for ${table}); pass --shard k/n` };
  if (engines.length > 1)
    return {
      problem: `--shard auto: the environment has the index variables of several engines (${engines.map((e) => INDEX_VARIABLES[e]).join(', ')}), so which one numbers the tasks is unclear; pass --shard k/n`,
    };
  const engine = engines[0];
  const from: Record<string, string> = {};
  const read = (name: string): string | undefined => {
    const v = env[name];
    if (v === undefined || v === '') return undefined;
    from[name] = v;
    return v;
  };
  const whole = (name: string): number | { problem: string } | undefined => {
    const v = read(name);
    if (v === undefined) return undefined;
    return WHOLE.test(v.trim()) ? Number(v.trim()) : { problem: `--shard auto: ${name}=${JSON.stringify(v)} is not a whole number ≥ 0` };
  };
  const bad = (x: unknown): x is { problem: string } => typeof x === 'object' && x !== null;
  const index = whole(INDEX_VARIABLES[engine]);
  if (bad(index)) return index;

  // Where the engine has no count: --shard auto/N or GOLDILOCKS_SHARD_COUNT.
  let given: number | undefined = count;
  if (given === undefined) {
    const c = whole(SHARD_COUNT_VARIABLE);
    if (bad(c)) return c;
    given = c;
  }
  if (given !== undefined && given < 1) return { problem: `--shard auto: the number of shards must be at least 1, got ${given}` };

  let k: number;
  let n: number | undefined;
  if (engine === 'slurm') {
    const min = whole('SLURM_ARRAY_TASK_MIN');
    const max = whole('SLURM_ARRAY_TASK_MAX');
    const step = whole('SLURM_ARRAY_TASK_STEP');
    const total = whole('SLURM_ARRAY_TASK_COUNT');
    for (const x of [min, max, step, total]) if (bad(x)) return x;
    if (min === undefined || max === undefined)
      return {
        problem: '--shard auto: SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_MIN or _MAX is not, so the size of the array is unknown; pass --shard k/n',
      };
    const s = (step as number | undefined) ?? 1;
    const id = index as number;
    if (s < 1 || (min as number) > (max as number) || id < (min as number) || id > (max as number) || (id - (min as number)) % s !== 0)
      return {
        problem: `--shard auto: SLURM_ARRAY_TASK_ID=${id} is not in the array ${min}-${max}${s > 1 ? `:${s}` : ''} its own variables describe; pass --shard k/n`,
      };
    k = (id - (min as number)) / s + 1;
    n = ((max as number) - (min as number)) / s + 1;
    if (total !== undefined && total !== n)
      return {
        problem: `--shard auto: the array is not one evenly spaced range (SLURM_ARRAY_TASK_COUNT=${total} tasks, but ${min}-${max}${s > 1 ? `:${s}` : ''} would hold ${n}), e.g. --array=3,7; the task's shard cannot be told from it. Submit the whole range (--array=1-N) or pass --shard k/n`,
      };
  } else {
    // The other engines number tasks 0 … count − 1.
    k = (index as number) + 1;
    if (engine === 'cloud-run') {
      const c = whole('CLOUD_RUN_TASK_COUNT');
      if (bad(c)) return c;
      n = c;
    } else if (engine === 'aws-batch') {
      const c = whole('AWS_BATCH_JOB_ARRAY_SIZE');
      if (bad(c)) return c;
      n = c;
    }
  }
  if (n !== undefined && given !== undefined && n !== given)
    return {
      problem: `--shard auto: ${ENGINE_NAMES[engine]} of ${n} tasks, but ${count !== undefined ? `--shard auto/${given}` : `${SHARD_COUNT_VARIABLE}=${given}`} says ${given} shards; make them agree`,
    };
  if (n === undefined && given !== undefined) {
    n = given;
    // Where the count came from is recorded too: the variable, or the option.
    if (count === undefined) from[SHARD_COUNT_VARIABLE] = String(given);
    else from['--shard'] = `auto/${given}`;
  }
  if (n === undefined) {
    const where =
      engine === 'kubernetes'
        ? 'Kubernetes does not put the number of completions in the pod'
        : engine === 'aws-batch'
          ? 'AWS_BATCH_JOB_ARRAY_SIZE is not set'
          : 'CLOUD_RUN_TASK_COUNT is not set';
    return {
      problem: `--shard auto: ${ENGINE_NAMES[engine]} (${INDEX_VARIABLES[engine]}=${index}), but ${where}: pass --shard auto/N or set ${SHARD_COUNT_VARIABLE}=N (N = the number of tasks)`,
    };
  }
  if (k > n)
    return {
      problem: `--shard auto: ${INDEX_VARIABLES[engine]}=${index} is task ${k}, beyond the ${n} shards${engine !== 'slurm' ? ` (it numbers tasks from 0)` : ''}; make the number of shards equal the number of tasks`,
    };
  return { k, n, engine, from };
}

/** How `--shard` was written: k/n, auto, auto/N, or none. */
export type ShardRequest = { kind: 'fixed'; k: number; n: number } | { kind: 'auto'; count?: number } | { kind: 'none' };

export function parseShardRequest(text: string): ShardRequest | null {
  const t = text.trim();
  if (t === 'none') return { kind: 'none' };
  if (t === 'auto') return { kind: 'auto' };
  const auto = /^auto\/([1-9]\d{0,8})$/.exec(t);
  if (auto) return { kind: 'auto', count: Number(auto[1]) };
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(t);
  if (!m) return null;
  const k = Number(m[1]);
  const n = Number(m[2]);
  return k >= 1 && n >= 1 && k <= n ? { kind: 'fixed', k, n } : null;
}

/**
 * The shard to run for a request (undefined: no --shard given). No --shard inside an array job of
 * more than one task means `--shard auto`, with a note saying so (`--shard none` runs the whole
 * sweep there); outside one, or in a one-task job, the whole sweep.
 */
export function resolveShard(
  request: ShardRequest | undefined,
  env: Env,
): { shard: { k: number; n: number; from?: Record<string, string> } | null; note?: string } | { problem: string } {
  if (request?.kind === 'none') return { shard: null };
  if (request?.kind === 'fixed') return { shard: { k: request.k, n: request.n } };
  if (request?.kind === 'auto') {
    const r = shardFromEnv(env, request.count);
    return 'problem' in r ? r : { shard: { k: r.k, n: r.n, from: r.from } };
  }
  if (arrayEngines(env).length === 0) return { shard: null };
  const r = shardFromEnv(env);
  if ('problem' in r)
    return {
      problem: `${r.problem.replace(/^--shard auto: /, 'this looks like a task of an array job, and no --shard was given: ')} (or --shard none to run the whole sweep in every task)`,
    };
  if (r.n === 1) return { shard: null };
  const vars = Object.entries(r.from)
    .map(([name, v]) => `${name}=${v}`)
    .join(', ');
  return {
    shard: { k: r.k, n: r.n, from: r.from },
    note: `no --shard given inside ${ENGINE_NAMES[r.engine]}: running shard ${r.k}/${r.n} (from ${vars}), as --shard auto would; --shard none runs the whole sweep instead`,
  };
}
