/**
 * Shards as job engines run them, through the compiled CLI: `--shard auto` reads the task's
 * index from the engine's variables (and records them in the shard's manifest), a task killed
 * outright (SIGKILL: out of memory, node lost) and retried gives the same bytes, progress goes
 * to the log as lines, and the exit codes keep the contract of examples/cluster/README.md:
 * 2 for bad input (never worth retrying), anything else retryable.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { exitCodeFor, InterruptedError, UsageError } from '../../src/cli/errors.js';
import { InputError } from '../../src/scenario/errors.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const compared = ['results.csv', 'points.csv', 'manifest.json'];

let work = '';
let sweep = '';
let reference = '';

/** A clean environment (no engine variables of the caller) plus `extra`. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(SLURM_|JOB_COMPLETION_INDEX|AWS_BATCH_|CLOUD_RUN_|GOLDILOCKS_)/.test(k)) e[k] = v;
  return { ...e, CI: 'true', ...extra };
}

function cli(args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: work, env: env(extra), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectSame(dir: string): void {
  for (const f of compared) expect(readFileSync(join(dir, f)).equals(readFileSync(join(reference, f))), `${f} differs from the unsharded run`).toBe(true);
}

beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  work = tempDir('goldilocks-shard-auto-');
  sweep = join(work, 'auto.yaml');
  // 40 points: 20 per shard of 2, so a kill after two recorded points lands mid-shard.
  writeFileSync(
    sweep,
    [
      'name: shard-auto',
      `base: ${JSON.stringify(join(root, 'scenarios/site-2.yaml'))}`,
      'factors:',
      '  - path: referrals.practices.0.referralsPerMonth',
      '    range: { from: 5, to: 25, steps: 40 }',
      'replications: 2',
      'years: 2',
      'warmupDays: 30',
      '',
    ].join('\n'),
  );
  reference = join(work, 'unsharded');
  const r = cli(['sweep', sweep, '--out', reference, '--workers', '1', '--no-charts']);
  expect(r.code, r.stderr).toBe(0);
}, 120_000);

describe('--shard auto through the CLI', () => {
  it('Kubernetes (0-based index, count from GOLDILOCKS_SHARD_COUNT) and Slurm (0-based array, no --shard): merged equal the unsharded run; the manifests say which variables', () => {
    for (const index of ['0', '1']) {
      const r = cli(['sweep', sweep, '--shard', 'auto', '--out', join(work, `k8s-${index}`), '--workers', '1'], {
        JOB_COMPLETION_INDEX: index,
        GOLDILOCKS_SHARD_COUNT: '2',
      });
      expect(r.code, r.stderr).toBe(0);
    }
    const m = JSON.parse(readFileSync(join(work, 'k8s-1/manifest.json'), 'utf8'));
    expect(m.shard).toBe('2/2');
    expect(m.shardFrom).toEqual({ JOB_COMPLETION_INDEX: '1', GOLDILOCKS_SHARD_COUNT: '2' });
    // A shard's own report says it is one shard, and over how many of the sweep's points its findings run.
    let r = cli(['report', join(work, 'k8s-1')]);
    expect(r.code, r.stderr).toBe(0);
    const shardReport = readFileSync(join(work, 'k8s-1', 'report.html'), 'utf8');
    expect(shardReport).toContain('<title>Goldilocks sweep report: shard-auto (shard 2/2 only)</title>');
    expect(shardReport).toMatch(/One shard \(2\/2\) of the sweep:<\/strong> \d+ of its \d+ points/);
    rmSync(join(work, 'k8s-1', 'report.html'));
    r = cli(['merge', join(work, 'k8s-1'), join(work, 'k8s-0'), '--out', join(work, 'k8s-merged'), '--no-charts']);
    expect(r.code, r.stderr).toBe(0);
    expectSame(join(work, 'k8s-merged'));

    // An --array=0-1 Slurm job whose script forgot --shard: each task runs its shard, and says so.
    for (const id of ['0', '1']) {
      const slurm = { SLURM_ARRAY_TASK_ID: id, SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '1', SLURM_ARRAY_TASK_STEP: '1', SLURM_ARRAY_TASK_COUNT: '2' };
      r = cli(['sweep', sweep, '--out', join(work, `slurm-${id}`), '--workers', '1'], slurm);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(
        new RegExp(`note: no --shard given inside a Slurm array job: running shard ${Number(id) + 1}/2 \\(from SLURM_ARRAY_TASK_ID=${id},`),
      );
      // The summary says it is a part, and what makes the whole: never "Sweep x: 3 points" for 3 of 6.
      expect(r.stdout).toMatch(new RegExp(`^Sweep shard-auto: shard ${Number(id) + 1}/2, \\d+ of its \\d+ points × `));
      expect(r.stdout).toMatch(/merge all 2 shards for the whole of it/);
    }
    r = cli(['merge', join(work, 'slurm-0'), join(work, 'slurm-1'), '--out', join(work, 'slurm-merged'), '--no-charts']);
    expect(r.code, r.stderr).toBe(0);
    expectSame(join(work, 'slurm-merged'));
    expect(JSON.parse(readFileSync(join(work, 'slurm-merged/manifest.json'), 'utf8'))).not.toHaveProperty('shardFrom');
  }, 120_000);

  it('a task killed with SIGKILL mid-shard and retried (Cloud Run variables) gives the same bytes; progress lines count finished points', async () => {
    const dir = join(work, 'cloud-0');
    const vars = { CLOUD_RUN_TASK_INDEX: '0', CLOUD_RUN_TASK_COUNT: '2', GOLDILOCKS_PROGRESS_SECONDS: '0' };
    const child = spawn(process.execPath, [bin, 'sweep', sweep, '--shard', 'auto', '--out', dir, '--workers', '1'], {
      cwd: work,
      env: env(vars),
      stdio: 'ignore',
    });
    const exited = new Promise<string | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    const state = join(dir, '.sweep-state.json');
    const deadline = Date.now() + 60_000;
    for (;;) {
      let completed = 0;
      try {
        completed = existsSync(state) ? (JSON.parse(readFileSync(state, 'utf8')) as { completed: number }).completed : 0;
      } catch {
        // replaced while read
      }
      if (completed >= 2 || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Nothing half-written that a reader could take for a result: no manifest, the state file whole.
    expect(existsSync(join(dir, 'manifest.json')), 'the shard finished before the kill: make the sweep longer').toBe(false);
    const left = JSON.parse(readFileSync(state, 'utf8')) as { completed: number };
    expect(left.completed).toBeGreaterThanOrEqual(2);

    // The retry (the scripts add --resume when they find the state file).
    const retry = cli(['sweep', sweep, '--shard', 'auto', '--out', dir, '--workers', '1', '--resume'], vars);
    expect(retry.code, retry.stderr).toBe(0);
    const lines = retry.stderr.split('\n').filter((l) => l.startsWith('goldilocks: shard 1/2 of shard-auto: '));
    const counts = lines.map((l) => Number(/: (\d+)\/20 points done/.exec(l)?.[1]));
    expect(counts[0], retry.stderr).toBe(left.completed); // a resumed shard starts from what it finds done
    expect(counts.at(-1)).toBe(20);
    expect(counts.every((c, i) => i === 0 || c > counts[i - 1])).toBe(true);
    // The folder holds what a shard writes and no state file. (A killed writer may leave its
    // temporary file, .NAME.PID.tmp, which nothing reads: files are only ever renamed into place.)
    expect(
      readdirSync(dir)
        .filter((f) => !/^\..+\.\d+\.tmp$/.test(f))
        .sort(),
    ).toEqual(['manifest.json', 'points.csv', 'results.csv', 'timing.json']);

    const other = cli(['sweep', sweep, '--shard', 'auto', '--out', join(work, 'cloud-1'), '--workers', '1'], { ...vars, CLOUD_RUN_TASK_INDEX: '1' });
    expect(other.code, other.stderr).toBe(0);
    const merged = cli(['merge', dir, join(work, 'cloud-1'), '--out', join(work, 'cloud-merged'), '--no-charts']);
    expect(merged.code, merged.stderr).toBe(0);
    expectSame(join(work, 'cloud-merged'));
  }, 120_000);
});

describe('the exit-code contract', () => {
  it('bad input exits 2 without a stack trace: a broken sweep file, --shard auto outside an array job, an array that does not describe the sweep', () => {
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, 'name: broken\nbase: site-2.yaml\nfactors: []\n');
    const cases: Array<[string[], Record<string, string>, RegExp]> = [
      [['sweep', broken, '--out', join(work, 'b1')], {}, /broken\.yaml/],
      [['sweep', sweep, '--shard', 'auto', '--out', join(work, 'b2')], {}, /no array-job index in the environment/],
      [
        ['sweep', sweep, '--shard', 'auto', '--out', join(work, 'b3')],
        { SLURM_ARRAY_TASK_ID: '3', SLURM_ARRAY_TASK_MIN: '3', SLURM_ARRAY_TASK_MAX: '7', SLURM_ARRAY_TASK_COUNT: '2' },
        /not one evenly spaced range/,
      ],
      [['sweep', sweep, '--out', join(work, 'b4')], { JOB_COMPLETION_INDEX: '0' }, /Kubernetes does not put the number of completions in the pod/],
      [['merge', join(work, 'k8s-0'), '--out', join(work, 'b5')], {}, /shard 2\/2 is missing/],
    ];
    for (const [args, vars, message] of cases) {
      const r = cli(args, vars);
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('2 is the only code the CLI gives bad input, and the code the Kubernetes sweep job fails an index on at once', () => {
    expect(exitCodeFor(new InputError('x', [{ path: '', message: 'bad' }]))).toBe(2);
    expect(exitCodeFor(new UsageError('bad'))).toBe(2);
    expect(exitCodeFor(new InterruptedError('stopped'))).toBe(130);
    expect(exitCodeFor(new Error('disk full'))).toBe(1);
    const job = parse(readFileSync(join(root, 'examples/cluster/k8s-sweep-job.yaml'), 'utf8'));
    const rules = job.spec.podFailurePolicy.rules as Array<{ action: string; onExitCodes?: { operator: string; values: number[] } }>;
    const failIndex = rules.filter((r) => r.action === 'FailIndex');
    expect(failIndex).toHaveLength(1);
    expect(failIndex[0].onExitCodes?.operator).toBe('In');
    expect(failIndex[0].onExitCodes?.values).toContain(2);
    // Every other code is retried, per index.
    expect(failIndex[0].onExitCodes?.values).not.toContain(1);
    expect(job.spec.backoffLimitPerIndex).toBeGreaterThan(0);
    expect(job.spec.template.spec.restartPolicy).toBe('Never');
  });
});
