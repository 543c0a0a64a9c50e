/**
 * Sweeps: determinism across worker counts, shards + merge equal to one run, resume after a
 * kill, and validation of sweep files. Processes are real (the compiled CLI), as on a cluster.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadSweep, runSweep } from '../../src/experiment/sweep.js';
import { planSweep, pointValues, shardPoints } from '../../src/experiment/sweep-points.js';
import { InputError } from '../../src/scenario/errors.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

let work: string;
let sweepFile: string;
const FILES = ['results.csv', 'points.csv', 'manifest.json'];
const same = (a: string, b: string) => FILES.forEach((f) => expect(readFileSync(join(b, f), 'utf8'), f).toBe(readFileSync(join(a, f), 'utf8')));

beforeAll(() => {
  work = tempDir('goldilocks-sweep-');
  sweepFile = join(work, 'sweep-test.yaml');
  writeFileSync(
    sweepFile,
    `name: sweep-test
base: ${join(root, 'scenarios/site-2.yaml')}
factors:
  - path: policy.sessionCap
    values: [2, 4, open]
  - path: referrals.practices.0.referralsPerMonth
    range: { from: 10, to: 30, steps: 4 }
replications: 3
years: 1
warmupDays: 60
metrics: [waitDays, overloadIndex]
`,
  );
});

describe('sweep points', () => {
  it('enumerates a grid with the last factor fastest and shards it round-robin', () => {
    const { plan } = loadSweep(sweepFile);
    expect(plan.count).toBe(12);
    expect(pointValues(plan, 0)).toEqual([2, 10]);
    expect(pointValues(plan, 1)).toEqual([2, 10 + 20 / 3]);
    expect(pointValues(plan, 11)).toEqual(['open', 30]);
    expect(shardPoints(12, { k: 2, n: 5 })).toEqual([1, 6, 11]);
    const all = [1, 2, 3, 4, 5].flatMap((k) => shardPoints(12, { k, n: 5 })).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });

  it('draws Latin hypercube points inside the ranges, reproducibly', () => {
    const sweep = {
      factors: [
        { path: 'a', range: { from: 5, to: 9, steps: 5 }, integer: false },
        { path: 'b', values: ['x', 'y'], integer: false },
      ],
      design: { type: 'lhs', samples: 8, seed: 3 },
    } as never;
    const a = planSweep(sweep);
    const b = planSweep(sweep);
    expect(a.count).toBe(8);
    for (let i = 0; i < 8; i++) {
      const [x, y] = pointValues(a, i);
      expect(x).toBeGreaterThanOrEqual(5);
      expect(x).toBeLessThan(9);
      expect(['x', 'y']).toContain(y);
      expect(pointValues(b, i)).toEqual(pointValues(a, i));
    }
  });
});

describe('sweep files are validated like scenarios', () => {
  function problems(text: string) {
    const f = join(work, `bad-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(f, text.replace('BASE', join(root, 'scenarios/site-2.yaml')));
    try {
      loadSweep(f);
    } catch (err) {
      expect(err).toBeInstanceOf(InputError);
      return (err as InputError).problems;
    }
    throw new Error('expected an InputError');
  }

  it('names the line of an unknown key', () => {
    // Problems come in line order: the missing values (line 4) before the misspelt key (line 5).
    const p = problems('name: s\nbase: BASE\nfactors:\n  - path: policy.sessionCap\n    valuez: [1]\n').find((q) => /unknown field/.test(q.message))!;
    expect(p.line).toBe(5); // the line of the misspelt key itself
    expect(p.message).toMatch(/unknown field "valuez"/);
  });

  it('rejects a factor value the scenario would reject, at its line', () => {
    const [p] = problems('name: s\nbase: BASE\nfactors:\n  - path: policy.sessionCap\n    values: [4, -1]\n');
    expect(p.path).toBe('factors.0.values.1');
    expect(p.line).toBe(5);
    expect(p.message).toMatch(/policy\.sessionCap=-1/);
  });

  it('rejects a path that is not a scenario field', () => {
    const [p] = problems('name: s\nbase: BASE\nfactors:\n  - path: policy.sessionCapp\n    values: [4]\n');
    expect(p.message).toMatch(/sessionCapp/);
  });
});

describe('sweep runs', () => {
  it('gives byte-identical files with 1 and 2 worker threads (in-process, TypeScript workers)', async () => {
    const loaded = loadSweep(sweepFile);
    await runSweep(loaded, { outDir: join(work, 'w1'), workers: 1, resume: false, shard: null });
    await runSweep(loaded, { outDir: join(work, 'w2'), workers: 2, resume: false, shard: null });
    same(join(work, 'w1'), join(work, 'w2'));
    const rows = readFileSync(join(work, 'w1', 'results.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(rows[0]).toBe('point,policy.sessionCap,referrals.practices.0.referralsPerMonth,replication,metric,value');
    expect(rows.length - 1).toBe(12 * 3 * 2);
    expect(existsSync(join(work, 'w1', '.sweep-state.json'))).toBe(false);
  });

  it('3 shards run as separate processes and merged equal the unsharded sweep, byte for byte', async () => {
    const full = join(work, 'full');
    expect(cli(['sweep', sweepFile, '--workers', '2', '--out', full]).status).toBe(0);
    const shards = [1, 2, 3].map((k) => join(work, `shard-${k}`));
    await Promise.all(
      shards.map(
        (dir, i) =>
          new Promise<void>((resolve, reject) => {
            const p = spawn(process.execPath, [bin, 'sweep', sweepFile, '--shard', `${i + 1}/3`, '--workers', '1', '--out', dir], {
              cwd: root,
              env: { ...process.env, CI: 'true' },
            });
            p.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`shard ${i + 1} exited ${code}`))));
          }),
      ),
    );
    const merged = join(work, 'merged');
    const r = cli(['merge', ...shards.reverse(), '--out', merged]);
    expect(r.status, r.stderr).toBe(0);
    same(full, merged);
    expect(cli(['merge', shards[0], shards[1], '--out', join(work, 'incomplete')]).status).toBe(2);
  });

  it('resumes after the process is killed: nothing lost, nothing duplicated, same files', async () => {
    const dir = join(work, 'killed');
    const slow = join(work, 'sweep-slow.yaml');
    writeFileSync(slow, readFileSync(sweepFile, 'utf8').replace('name: sweep-test', 'name: sweep-slow').replace('years: 1', 'years: 4'));
    const reference = join(work, 'slow-reference');
    expect(cli(['sweep', slow, '--workers', '2', '--out', reference]).status).toBe(0);
    const child = spawn(process.execPath, [bin, 'sweep', slow, '--workers', '1', '--out', dir], { cwd: root, env: { ...process.env, CI: 'true' } });
    // Kill once some (not all) points are on disk.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const state = join(dir, '.sweep-state.json');
        if (existsSync(state) && JSON.parse(readFileSync(state, 'utf8')).completed >= 3) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 20);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    const state = JSON.parse(readFileSync(join(dir, '.sweep-state.json'), 'utf8'));
    expect(state.completed).toBeGreaterThanOrEqual(3);
    expect(state.completed).toBeLessThan(12);
    expect(cli(['sweep', slow, '--out', dir]).status).toBe(2); // refuses to overwrite
    const r = cli(['sweep', slow, '--workers', '2', '--out', dir, '--resume']);
    expect(r.status, r.stderr).toBe(0);
    same(reference, dir);
  });

  it('stops cleanly on Ctrl-C (SIGINT) and says how to resume', async () => {
    const dir = join(work, 'interrupted');
    const slow = join(work, 'sweep-slow.yaml');
    const child = spawn(process.execPath, [bin, 'sweep', slow, '--workers', '1', '--out', dir], { cwd: root, env: { ...process.env, CI: 'true' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (existsSync(join(dir, '.sweep-state.json')) && JSON.parse(readFileSync(join(dir, '.sweep-state.json'), 'utf8')).completed >= 1) {
          clearInterval(timer);
          child.kill('SIGINT');
          resolve();
        }
      }, 20);
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(/--resume/);
    expect(cli(['sweep', slow, '--out', dir, '--resume']).status).toBe(0);
    same(join(work, 'slow-reference'), dir);
  });
});
