/**
 * The Slurm example of examples/cluster/, run by a real Slurm: a one-node cluster on 127.0.0.1
 * (examples/cluster/ci/local-slurm.sh: munged, slurmctld and slurmd started in a temporary
 * folder, no systemd, no cgroups) takes the array job and its dependent merge job from the
 * shipped submit-slurm.sh, and the merged files must equal an unsharded `goldilocks sweep` byte
 * for byte — also when one array task is requeued (`scontrol requeue`, what preemption with
 * PreemptMode=REQUEUE does) while it runs, so that its second attempt resumes.
 *
 * Needs root and the Debian packages slurmctld, slurmd, slurm-client and munge (.ci/run installs
 * them; locally: `examples/cluster/ci/local-slurm.sh install`). Without them the tests are
 * skipped, saying why. Uses the compiled CLI (`npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const examples = join(root, 'examples/cluster');
const localSlurm = join(examples, 'ci/local-slurm.sh');
const compared = ['results.csv', 'points.csv', 'manifest.json'];

/** Why the real-Slurm tests cannot run here, or null when they can. */
function unavailable(): string | null {
  if (process.platform !== 'linux') return 'Slurm test: not on Linux';
  if (process.getuid?.() !== 0) return 'Slurm test: needs root (the one-node cluster runs with SlurmUser=root)';
  const missing = ['slurmctld', 'slurmd', 'munged', 'sbatch', 'scontrol'].filter(
    (c) => spawnSync('sh', ['-c', `command -v ${c}`], { encoding: 'utf8' }).status !== 0,
  );
  if (missing.length > 0)
    return `Slurm test: ${missing.join(', ')} not installed (Debian: apt-get install slurmctld slurmd slurm-client munge, or examples/cluster/ci/local-slurm.sh install; .ci/run does this in CI)`;
  return null;
}

const why = unavailable();
if (why) console.warn(`skipped: ${why}`);

/** The environment of a login shell on the cluster: no Slurm or script variables of the caller. */
function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(SLURM_|SBATCH_|GOLDILOCKS)/.test(key) || ['SHARDS', 'SWEEP', 'OUT', 'REPO', 'WORKERS', 'PWD', 'OLDPWD'].includes(key)) continue;
    e[key] = value;
  }
  return { ...e, CI: 'true', SLURM_CONF: join(cluster, 'slurm.conf'), ...extra };
}

function sh(command: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(command, args, { cwd: work, env: env(extra), encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `check` returns a value (not undefined), or fail after `seconds` saying what was awaited. */
async function until<T>(what: string, seconds: number, check: () => T | undefined): Promise<T> {
  const end = Date.now() + seconds * 1000;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${seconds} s waiting for ${what}\n${diagnostics()}`);
    await sleep(100);
  }
}

/** A job's state from scontrol (e.g. COMPLETED, FAILED), also after it ended (MinJobAge keeps it). */
function jobStates(job: string): string[] {
  const r = sh('scontrol', ['show', 'job', '-o', job]);
  return [...r.stdout.matchAll(/JobState=(\S+)/g)].map((m) => m[1]);
}

function diagnostics(): string {
  const logs = existsSync(join(out, 'logs')) ? readdirSync(join(out, 'logs')).map((f) => `--- ${f}\n${readFileSync(join(out, 'logs', f), 'utf8')}`) : [];
  return [sh('squeue', ['-a']).stdout, ...logs, readFileSync(join(cluster, 'log/slurmctld.log'), 'utf8').split('\n').slice(-15).join('\n')].join('\n');
}

let work = '';
let cluster = '';
let out = '';
let sweep = '';
let reference = '';
const timings: Record<string, number> = {};

describe.skipIf(why !== null)('the Slurm example under a real one-node Slurm', () => {
  beforeAll(() => {
    const t0 = performance.now();
    work = tempDir('goldilocks-slurm-');
    cluster = join(work, 'cluster');
    // 24 points × 3 replications of a 4-year run: a few seconds per shard of 2, long enough
    // to requeue a task mid-shard.
    sweep = join(work, 'slurm-sweep.yaml');
    writeFileSync(
      sweep,
      [
        'name: slurm-real',
        `base: ${JSON.stringify(join(root, 'scenarios/site-2.yaml'))}`,
        'factors:',
        '  - path: referrals.practices.0.referralsPerMonth',
        '    range: { from: 5, to: 25, steps: 24 }',
        'replications: 3',
        'years: 4',
        'warmupDays: 30',
        '',
      ].join('\n'),
    );
    const started = sh(localSlurm, ['start', cluster]);
    expect(started.code, `local-slurm.sh start failed:\n${started.stdout}${started.stderr}`).toBe(0);
    timings.start = performance.now() - t0;
    // The unsharded reference, run directly while the cluster settles.
    reference = join(work, 'unsharded');
    const r = sh(process.execPath, [bin, 'sweep', sweep, '--out', reference, '--workers', '1', '--no-charts']);
    expect(r.code, r.stderr).toBe(0);
  });

  afterAll(() => {
    const t0 = performance.now();
    if (cluster && existsSync(join(cluster, 'slurm.conf'))) {
      const stopped = sh(localSlurm, ['stop', cluster]);
      expect(stopped.code, stopped.stderr).toBe(0);
    }
    timings.stop = performance.now() - t0;
    // No daemon or job of this cluster is left running.
    // (From /proc: no procps needed.)
    const left = readdirSync('/proc')
      .filter((p) => /^\d+$/.test(p))
      .map((p) => {
        try {
          return readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' ');
        } catch {
          return ''; // gone meanwhile
        }
      })
      .filter((args) => args.includes(cluster));
    expect(left, 'processes of the test cluster still running').toEqual([]);
    console.log(`real Slurm test timings (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`);
  });

  it('submit-slurm.sh: the array job, then the dependent merge job, give the unsharded result byte for byte, with task 1 requeued mid-shard', async () => {
    const t0 = performance.now();
    out = join(work, 'out');
    const submitted = sh(join(examples, 'submit-slurm.sh'), ['--cpus-per-task=1', '--mem=400M', '--time=00:10:00'], {
      SWEEP: sweep,
      SHARDS: '2',
      OUT: out,
      GOLDILOCKS_REPO: root,
    });
    expect(submitted.code, submitted.stderr).toBe(0);
    const [, arrayJob, mergeJob] = /sweep array job (\d+)[\s\S]*merge job (\d+)/.exec(submitted.stdout) ?? [];
    expect(arrayJob, submitted.stdout).toMatch(/^\d+$/);

    // Preemption: once task 1 has recorded two points (and is not done), Slurm requeues it.
    const state = join(out, 'shard-1/.sweep-state.json');
    const completedAtRequeue = await until('task 1 to record two points', 60, () => {
      if (!existsSync(state)) return undefined;
      try {
        const c = (JSON.parse(readFileSync(state, 'utf8')) as { completed: number; total: number }).completed;
        return c >= 2 ? c : undefined;
      } catch {
        return undefined; // replaced while read
      }
    });
    const requeued = sh('scontrol', ['requeue', `${arrayJob}_1`]);
    expect(requeued.code, requeued.stderr).toBe(0);
    const pointsPerShard = 12;
    expect(completedAtRequeue, 'the requeue came too late to interrupt the shard: make the sweep longer').toBeLessThan(pointsPerShard);

    // A requeued task may start again after 5 s (cred_expire in local-slurm.sh's slurm.conf).
    await until('the merge job to end', 150, () => {
      const s = jobStates(mergeJob);
      return s.length > 0 && s.every((x) => !/PENDING|RUNNING|CONFIGURING|COMPLETING/.test(x)) ? s : undefined;
    });
    expect(jobStates(mergeJob), diagnostics()).toEqual(['COMPLETED']);
    expect(jobStates(arrayJob), diagnostics()).toEqual(['COMPLETED', 'COMPLETED']);
    timings.arrayAndMerge = performance.now() - t0;

    // Task 1 ran twice: first fresh, then (restart 1) resumed from its state file.
    const log1 = readdirSync(join(out, 'logs')).find((f) => f.endsWith('_1.out'));
    const text = readFileSync(join(out, 'logs', log1!), 'utf8');
    expect(text, text).toMatch(/shard 1\/2 \(fresh\)[^\n]*restart 0/);
    expect(text, text).toMatch(/shard 1\/2 \(resume\)[^\n]*restart 1/);

    for (const f of compared) {
      expect(readFileSync(join(out, 'merged', f)).equals(readFileSync(join(reference, f))), `${f} of the Slurm run differs from the unsharded run`).toBe(true);
    }
  }, 200_000);
});
