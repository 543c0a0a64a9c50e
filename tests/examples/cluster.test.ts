/**
 * The cluster examples in examples/cluster/: the shell scripts parse, the Kubernetes manifests
 * are consistent with themselves, and — run for real, with fake Slurm variables — the array
 * job plus the merge job give byte-for-byte the files of an unsharded sweep, also after a task
 * is killed and requeued. Uses the compiled CLI (`npm test` builds first).
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const examples = join(root, 'examples/cluster');
const sweepScript = join(examples, 'slurm-sweep.sh');
const mergeScript = join(examples, 'slurm-merge.sh');
const submitScript = join(examples, 'submit-slurm.sh');
const compared = ['results.csv', 'points.csv', 'manifest.json'];

/** The environment without anything a real Slurm job or the caller's shell could leak in. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (
      /^(SLURM_|SBATCH_)/.test(key) ||
      ['SHARDS', 'SWEEP', 'OUT', 'GOLDILOCKS', 'GOLDILOCKS_REPO', 'REPO', 'WORKERS', 'JOB_COMPLETION_INDEX', 'PWD', 'OLDPWD'].includes(key)
    )
      continue;
    env[key] = value;
  }
  return { ...env, CI: 'true', ...extra };
}

function run(command: string, args: string[], env: Record<string, string>, cwd: string) {
  const r = spawnSync(command, args, { cwd, env: cleanEnv(env), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function expectSameFiles(dir: string, reference: string): void {
  for (const f of compared) expect(readFileSync(join(dir, f)).equals(readFileSync(join(reference, f))), `${f} differs from the unsharded run`).toBe(true);
}

interface K8sContainer {
  name: string;
  image: string;
  command: string[];
  env: Array<{ name: string; value?: string }>;
  volumeMounts: Array<{ name: string; mountPath: string }>;
}
interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: Record<string, any>; // free-form: the tests read the fields they need
}

function k8sDocuments(file: string): K8sObject[] {
  const docs = parseAllDocuments(readFileSync(join(examples, file), 'utf8'));
  if (!Array.isArray(docs)) throw new Error(`${file}: not a YAML stream`);
  for (const d of docs) expect(d.errors, `${file}: ${d.errors.map((e) => e.message).join('; ')}`).toEqual([]);
  return docs.map((d) => d.toJS() as K8sObject);
}

function job(file: string): { job: K8sObject; container: K8sContainer; script: string; env: Record<string, string> } {
  const docs = k8sDocuments(file);
  expect(docs).toHaveLength(1);
  const [j] = docs;
  expect(j.apiVersion).toBe('batch/v1');
  expect(j.kind).toBe('Job');
  const container = (j.spec.template.spec.containers as K8sContainer[])[0];
  expect(container.command.slice(0, 2)).toEqual(['bash', '-c']);
  const env = Object.fromEntries(container.env.filter((e) => e.value !== undefined).map((e) => [e.name, e.value!]));
  return { job: j, container, script: container.command[2], env };
}

let resumeCache: { sweep: string; reference: string } | null = null;

/** A sweep with enough points (60, 30 per shard of 2) that a kill lands mid-shard, and its unsharded result. */
function resumeSweep(): { sweep: string; reference: string } {
  if (resumeCache) return resumeCache;
  const sweep = join(work, 'resume-sweep.yaml');
  writeFileSync(
    sweep,
    [
      'name: resume-cluster',
      `base: ${JSON.stringify(join(root, 'scenarios/site-2.yaml'))}`,
      'factors:',
      '  - path: referrals.practices.0.referralsPerMonth',
      '    range: { from: 5, to: 25, steps: 60 }',
      'replications: 3',
      'years: 2',
      'warmupDays: 30',
      '',
    ].join('\n'),
  );
  const reference = join(work, 'resume-unsharded');
  const r = run(process.execPath, [bin, 'sweep', sweep, '--out', reference, '--workers', '1'], {}, work);
  expect(r.code, r.stderr).toBe(0);
  resumeCache = { sweep, reference };
  return resumeCache;
}

/**
 * Start a shard (the script execs node, so the child is the CLI), SIGTERM it — what Slurm and
 * Kubernetes send on preemption — once two points are recorded, and check it stopped mid-shard.
 */
async function killMidway(command: string, args: string[], env: Record<string, string>, shardDir: string): Promise<void> {
  const state = join(shardDir, '.sweep-state.json');
  const child = spawn(command, args, { cwd: work, env: cleanEnv(env), stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null))));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const completed = existsSync(state) ? ((JSON.parse(readFileSync(state, 'utf8')) as { completed?: number }).completed ?? 0) : 0;
    if (completed >= 2 || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  child.kill('SIGTERM');
  expect(await exited).not.toBe(0);
  const left = JSON.parse(readFileSync(state, 'utf8')) as { completed: number };
  expect(left.completed).toBeGreaterThanOrEqual(2);
  expect(left.completed, 'the shard finished before the kill: nothing was resumed').toBeLessThan(30);
  expect(existsSync(join(shardDir, 'manifest.json'))).toBe(false);
}

let work: string;
let tinySweep: string;
let tinyReference: string;

beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  work = tempDir('goldilocks-cluster-');
  tinySweep = join(work, 'tiny-sweep.yaml');
  writeFileSync(
    tinySweep,
    [
      'name: tiny-cluster',
      `base: ${JSON.stringify(join(root, 'scenarios/site-2.yaml'))}`,
      'factors:',
      '  - path: policy.sessionCap',
      '    values: [3, 6, open]',
      'replications: 2',
      'years: 1',
      'warmupDays: 30',
      '',
    ].join('\n'),
  );
  tinyReference = join(work, 'unsharded');
  const r = run(process.execPath, [bin, 'sweep', tinySweep, '--out', tinyReference, '--workers', '1'], {}, work);
  expect(r.code, r.stderr).toBe(0);
});

describe('examples/cluster shell scripts', () => {
  const scripts = readdirSync(examples).filter((f) => f.endsWith('.sh'));

  it('are the three scripts, each executable and parsed by bash -n', () => {
    expect(scripts.sort()).toEqual(['slurm-merge.sh', 'slurm-sweep.sh', 'submit-slurm.sh']);
    for (const f of scripts) {
      const r = spawnSync('bash', ['-n', join(examples, f)], { encoding: 'utf8' });
      expect(r.status, `${f}: ${r.stderr}`).toBe(0);
      expect(statSync(join(examples, f)).mode & 0o111, `${f} is not executable`).not.toBe(0);
      expect(readFileSync(join(examples, f), 'utf8')).toMatch(/^#!\/usr\/bin\/env bash\n[\s\S]*^set -euo pipefail$/m);
    }
  });

  it('have a comment above every #SBATCH line, and all #SBATCH lines come before the first command', () => {
    for (const f of ['slurm-sweep.sh', 'slurm-merge.sh']) {
      const lines = readFileSync(join(examples, f), 'utf8').split('\n');
      const firstCommand = lines.findIndex((l, i) => i > 0 && l.trim() !== '' && !l.startsWith('#'));
      lines.forEach((line, i) => {
        if (!line.startsWith('#SBATCH')) return;
        expect(i, `${f}:${i + 1} comes after the first command, so sbatch ignores it`).toBeLessThan(firstCommand);
        expect(lines[i - 1], `${f}:${i + 1} has no comment above it`).toMatch(/^# \S/);
      });
    }
  });

  it('the Slurm array covers exactly 1..SHARDS for the default SHARDS, in every script', () => {
    const sweep = readFileSync(sweepScript, 'utf8');
    const array = /^#SBATCH --array=1-(\d+)$/m.exec(sweep);
    expect(array, 'slurm-sweep.sh needs "#SBATCH --array=1-N"').not.toBeNull();
    for (const f of ['slurm-sweep.sh', 'slurm-merge.sh', 'submit-slurm.sh']) {
      const shards = /^SHARDS=\$\{SHARDS:-(\d+)\}$/m.exec(readFileSync(join(examples, f), 'utf8'));
      expect(shards, `${f} needs SHARDS=\${SHARDS:-N}`).not.toBeNull();
      expect(shards![1], f).toBe(array![1]);
    }
    expect(sweep).toMatch(/^#SBATCH --requeue$/m);
    for (const option of ['cpus-per-task', 'time', 'mem', 'output']) expect(sweep).toMatch(new RegExp(`^#SBATCH --${option}=\\S+$`, 'm'));
  });
});

describe('Kubernetes manifests', () => {
  it('parse as YAML, and the sweep job is an Indexed Job with one completion per shard of its command', () => {
    const { job: sweep, container, script, env } = job('k8s-sweep-job.yaml');
    expect(sweep.metadata.name).toBe('goldilocks-sweep');
    expect(sweep.spec.completionMode).toBe('Indexed');
    const shards = Number(env.SHARDS);
    expect(Number.isInteger(shards) && shards > 0).toBe(true);
    expect(sweep.spec.completions).toBe(shards);
    expect(sweep.spec.parallelism).toBeLessThanOrEqual(shards);
    expect(script).toContain('k=$(( JOB_COMPLETION_INDEX + 1 ))');
    expect(script).toContain('--shard "${k}/${SHARDS}"');
    expect(script).toContain('--out "${dir}"');
    expect(script).toMatch(/-f "\$\{dir\}\/\.sweep-state\.json" \][\s\S]*--resume/);
    // backoffLimitPerIndex and podFailurePolicy are only valid with restartPolicy Never.
    expect(sweep.spec.backoffLimitPerIndex).toBeGreaterThan(0);
    expect(sweep.spec.template.spec.restartPolicy).toBe('Never');
    expect(sweep.spec.podReplacementPolicy).toBe('Failed');
    expect(container.image).toBe('node:20-bookworm');
    expect(container.volumeMounts).toContainEqual({ name: 'work', mountPath: '/work' });
  });

  it('the merge job merges the same number of shards from the same volume', () => {
    const sweep = job('k8s-sweep-job.yaml');
    const merge = job('k8s-merge-job.yaml');
    expect(merge.job.metadata.name).toBe('goldilocks-merge');
    expect(merge.job.spec.completionMode ?? 'NonIndexed').toBe('NonIndexed');
    expect(merge.env.SHARDS).toBe(sweep.env.SHARDS);
    expect(merge.env.OUT).toBe(sweep.env.OUT);
    expect(merge.env.REPO).toBe(sweep.env.REPO);
    expect(merge.script).toContain('merge "${dirs[@]}" --out "${OUT}/merged"');
    const [pvc] = k8sDocuments('k8s-workspace.yaml');
    expect(pvc.kind).toBe('PersistentVolumeClaim');
    expect(pvc.spec.accessModes).toEqual(['ReadWriteMany']);
    for (const j of [sweep.job, merge.job])
      expect(j.spec.template.spec.volumes).toContainEqual({ name: 'work', persistentVolumeClaim: { claimName: pvc.metadata.name } });
  });

  it('container scripts parse, and survive Kubernetes $(VAR) expansion unchanged', () => {
    for (const file of ['k8s-sweep-job.yaml', 'k8s-merge-job.yaml']) {
      const { script, container } = job(file);
      const r = spawnSync('bash', ['-n'], { input: script, encoding: 'utf8' });
      expect(r.status, `${file}: ${r.stderr}`).toBe(0);
      expect(script, `${file}: Kubernetes turns $$ into $`).not.toContain('$$');
      for (const e of container.env) expect(script, `${file}: Kubernetes would substitute $(${e.name})`).not.toContain(`$(${e.name})`);
    }
  });

  it('container scripts, run locally with the pod environment, give the unsharded result', () => {
    const sweep = job('k8s-sweep-job.yaml');
    const merge = job('k8s-merge-job.yaml');
    const out = join(work, 'k8s-out');
    const podEnv = { REPO: root, SWEEP: tinySweep, OUT: out, SHARDS: '3', WORKERS: '1' };
    for (const index of [2, 0, 1]) {
      const r = run('bash', ['-c', sweep.script], { ...podEnv, JOB_COMPLETION_INDEX: String(index) }, work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`shard ${index + 1}/3 (fresh)`);
    }
    const again = run('bash', ['-c', sweep.script], { ...podEnv, JOB_COMPLETION_INDEX: '1' }, work);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('already finished');
    const m = run('bash', ['-c', merge.script], { REPO: root, OUT: out, SHARDS: '3' }, work);
    expect(m.code, m.stderr).toBe(0);
    expectSameFiles(join(out, 'merged'), tinyReference);
    const tooMany = run('bash', ['-c', merge.script], { REPO: root, OUT: out, SHARDS: '4' }, work);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('shard-4 has no manifest.json');
  });
});

describe('the Slurm array, simulated with fake Slurm variables', () => {
  it('slurm-sweep.sh for tasks 1..3, then slurm-merge.sh, equal an unsharded sweep byte for byte', () => {
    const out = join(work, 'slurm-out');
    const env = { SHARDS: '3', SLURM_CPUS_PER_TASK: '1', SWEEP: tinySweep, OUT: out, GOLDILOCKS: `${process.execPath} ${bin}` };
    for (const k of [1, 2, 3]) {
      const r = run(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: String(k), SLURM_ARRAY_JOB_ID: '777' }, work);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`shard ${k}/3 (fresh)`);
      expect(JSON.parse(readFileSync(join(out, `shard-${k}`, 'manifest.json'), 'utf8')).shard).toBe(`${k}/3`);
    }
    const m = run(mergeScript, [], { SHARDS: '3', OUT: out, GOLDILOCKS: `${process.execPath} ${bin}` }, work);
    expect(m.code, m.stderr).toBe(0);
    expectSameFiles(join(out, 'merged'), tinyReference);
    expect(readdirSync(join(out, 'merged')).sort()).toEqual(['manifest.json', 'points.csv', 'results.csv', 'timing.json']);

    // A resubmitted task whose shard finished keeps it; a task outside 1..SHARDS is refused.
    const again = run(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: '2' }, work);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('shard 2/3 already finished');
    const outside = run(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: '4' }, work);
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('outside 1..3');
    const noArray = run(sweepScript, [], env, work);
    expect(noArray.code).toBe(2);
    expect(noArray.stderr).toContain('SLURM_ARRAY_TASK_ID is not set');
  });

  it('slurm-merge.sh refuses to merge while a shard is missing or unfinished', () => {
    const out = join(work, 'slurm-partial');
    const env = { SHARDS: '3', SLURM_CPUS_PER_TASK: '1', SWEEP: tinySweep, OUT: out, GOLDILOCKS: `${process.execPath} ${bin}` };
    expect(run(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: '1' }, work).code).toBe(0);
    mkdirSync(join(out, 'shard-2'), { recursive: true });
    writeFileSync(join(out, 'shard-2', '.sweep-state.json'), '{}');
    const m = run(mergeScript, [], { SHARDS: '3', OUT: out, GOLDILOCKS: `${process.execPath} ${bin}` }, work);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain('shard-2 is unfinished');
    expect(m.stderr).toContain('shard-3 has no manifest.json');
    expect(existsSync(join(out, 'merged'))).toBe(false);
  });

  it('a task killed by SIGTERM (preemption) and requeued resumes, and the result is unchanged', async () => {
    const { sweep, reference } = resumeSweep();
    const out = join(work, 'resume-out');
    const env = { SHARDS: '2', SLURM_CPUS_PER_TASK: '1', SWEEP: sweep, OUT: out }; // default command: node + this checkout
    await killMidway(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: '1' }, join(out, 'shard-1'));

    const requeued = run(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: '1', SLURM_RESTART_COUNT: '1' }, work);
    expect(requeued.code, requeued.stderr).toBe(0);
    expect(requeued.stdout).toContain('shard 1/2 (resume)');
    expect(existsSync(join(out, 'shard-1', '.sweep-state.json'))).toBe(false);
    expect(run(sweepScript, [], { ...env, SLURM_ARRAY_TASK_ID: '2' }, work).code).toBe(0);
    const m = run(mergeScript, [], { SHARDS: '2', OUT: out }, work);
    expect(m.code, m.stderr).toBe(0);
    expectSameFiles(join(out, 'merged'), reference);
  });

  it('a Kubernetes pod killed mid-shard is replaced by one that resumes (container script, run locally)', async () => {
    const { sweep, reference } = resumeSweep();
    const { script } = job('k8s-sweep-job.yaml');
    const merge = job('k8s-merge-job.yaml');
    const out = join(work, 'k8s-resume-out');
    const podEnv = { REPO: root, SWEEP: sweep, OUT: out, SHARDS: '2', WORKERS: '1' };
    await killMidway('bash', ['-c', script], { ...podEnv, JOB_COMPLETION_INDEX: '1' }, join(out, 'shard-2'));
    const replacement = run('bash', ['-c', script], { ...podEnv, JOB_COMPLETION_INDEX: '1' }, work);
    expect(replacement.code, replacement.stderr).toBe(0);
    expect(replacement.stdout).toContain('shard 2/2 (resume)');
    expect(run('bash', ['-c', script], { ...podEnv, JOB_COMPLETION_INDEX: '0' }, work).code).toBe(0);
    const m = run('bash', ['-c', merge.script], { REPO: root, OUT: out, SHARDS: '2' }, work);
    expect(m.code, m.stderr).toBe(0);
    expectSameFiles(join(out, 'merged'), reference);
  });

  it('submit-slurm.sh submits the array and a merge that depends on it (fake sbatch)', () => {
    const fakeBin = join(work, 'fake-bin');
    mkdirSync(fakeBin, { recursive: true });
    const log = join(work, 'sbatch.log');
    writeFileSync(
      join(fakeBin, 'sbatch'),
      [
        '#!/usr/bin/env bash',
        'n=$(grep -c "^CALL" "$FAKE_SBATCH_LOG" 2>/dev/null || true)',
        'echo "CALL" >> "$FAKE_SBATCH_LOG"',
        'printf "ARG %s\\n" "$@" >> "$FAKE_SBATCH_LOG"',
        'echo "ENV SHARDS=$SHARDS SWEEP=$SWEEP OUT=$OUT GOLDILOCKS_REPO=$GOLDILOCKS_REPO" >> "$FAKE_SBATCH_LOG"',
        'if [ "${n:-0}" -eq 0 ]; then echo 4242; else echo "4243;cluster-a"; fi',
        '',
      ].join('\n'),
    );
    chmodSync(join(fakeBin, 'sbatch'), 0o755);
    writeFileSync(join(work, 'relative-sweep.yaml'), readFileSync(tinySweep));
    const r = run(
      submitScript,
      ['--partition=test'],
      { PATH: `${fakeBin}:${process.env.PATH}`, FAKE_SBATCH_LOG: log, SHARDS: '3', SWEEP: 'relative-sweep.yaml', OUT: 'submitted' },
      work,
    );
    expect(r.code, r.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8')
      .split('CALL\n')
      .slice(1)
      .map((c) => c.split('\n').filter(Boolean));
    expect(calls).toHaveLength(2);
    const [array, merge] = calls;
    expect(array).toEqual(
      expect.arrayContaining([
        'ARG --parsable',
        'ARG --array=1-3',
        'ARG --partition=test',
        `ARG --chdir=${root}`,
        `ARG --output=${join(work, 'submitted')}/logs/sweep-%A_%a.out`,
      ]),
    );
    expect(array).toContain(`ARG ${sweepScript}`);
    expect(array).toContain(`ENV SHARDS=3 SWEEP=${join(work, 'relative-sweep.yaml')} OUT=${join(work, 'submitted')} GOLDILOCKS_REPO=${root}`);
    expect(merge).toEqual(expect.arrayContaining(['ARG --parsable', 'ARG --dependency=afterok:4242', 'ARG --partition=test', `ARG ${mergeScript}`]));
    expect(merge.some((a) => a.startsWith('ARG --array'))).toBe(false);
    expect(existsSync(join(work, 'submitted', 'logs'))).toBe(true);
    expect(r.stdout).toContain('sweep array job 4242');
    expect(r.stdout).toContain('merge job 4243');
  });
});
