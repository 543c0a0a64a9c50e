/**
 * Rule: an output folder of run / compare / explore / chart is consistent as a whole. A re-run
 * replaces it whole (no stale charts or report of an earlier run); a re-run killed at any
 * moment leaves the previous complete folder exactly as it was; leftovers of killed runs are
 * cleaned up by the next run.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const quick = ['--reps', '2', '--years', '1', '--warmup-days', '30'];

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `dir` with its content. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d).sort()) {
      const p = join(d, e);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

let work: string;
beforeAll(() => {
  work = tempDir('goldilocks-consistency-');
});

describe('an output folder holds one complete run', () => {
  it('run: a re-run replaces the folder whole (no charts or report left from the earlier run)', () => {
    const dir = join(work, 'replaced');
    expect(cli(['run', 'scenarios/site-2.yaml', ...quick, '--report', '--out', dir]).code).toBe(0);
    expect(existsSync(join(dir, 'charts'))).toBe(true);
    expect(existsSync(join(dir, 'report.html'))).toBe(true);
    expect(cli(['run', 'scenarios/site-2.yaml', ...quick, '--seed', '2', '--no-charts', '--out', dir]).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['manifest.json', 'replications.csv', 'scenario.json', 'summary.json', 'timeseries.csv', 'waits.csv', 'week.csv']);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).seed).toBe(2);
  });

  it('compare and explore: a re-run replaces the folder whole too', () => {
    const c = join(work, 'compare');
    expect(cli(['compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', ...quick, '--report', '--out', c]).code).toBe(0);
    expect(cli(['compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', ...quick, '--no-charts', '--out', c]).code).toBe(0);
    expect(existsSync(join(c, 'charts')) || existsSync(join(c, 'report.html'))).toBe(false);
    const e = join(work, 'explore');
    expect(cli(['explore', 'scenarios/site-2.yaml', ...quick, '--steps', '2', '--report', '--out', e]).code).toBe(0);
    expect(cli(['explore', 'scenarios/site-2.yaml', ...quick, '--steps', '2', '--no-charts', '--out', e]).code).toBe(0);
    expect(existsSync(join(e, 'charts')) || existsSync(join(e, 'report.html'))).toBe(false);
  });

  it('chart: a re-run killed while it writes leaves the previous complete folder exactly as it was', async () => {
    const parent = join(work, 'killed');
    mkdirSync(parent);
    const dir = join(parent, 'site-2');
    expect(cli(['chart', 'scenarios/site-2.yaml', '--reps', '2', '--set', 'run.years=1', '--out', dir]).code).toBe(0);
    const before = snapshot(dir);
    const manifestBefore = readFileSync(join(dir, 'manifest.json'), 'utf8');
    // Re-run with another seed; kill it as soon as it starts writing (a staged folder appears,
    // or, written in place, the folder's files change).
    const child = spawn(process.execPath, [bin, 'chart', 'scenarios/site-2.yaml', '--reps', '2', '--set', 'run.years=1', '--set', 'run.seed=9', '--out', dir], {
      cwd: root,
      env: { ...process.env, CI: 'true' },
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let killedWhileWriting = false;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const staged = readdirSync(parent).some((e) => e.startsWith('.site-2.goldilocks-tmp-'));
        let changed = false;
        try {
          changed = readFileSync(join(dir, 'manifest.json'), 'utf8') !== manifestBefore;
        } catch {
          changed = true;
        }
        if (staged || changed || child.exitCode !== null) {
          clearInterval(timer);
          killedWhileWriting = child.exitCode === null;
          child.kill('SIGKILL');
          resolve();
        }
      }, 2);
    });
    await exited;
    expect(killedWhileWriting, 'the re-run finished before it could be killed').toBe(true);
    expect(snapshot(dir)).toEqual(before);
    // The next run cleans up what the killed one left and ends with one complete folder.
    expect(cli(['chart', 'scenarios/site-2.yaml', '--reps', '2', '--set', 'run.years=1', '--set', 'run.seed=3', '--out', dir]).code).toBe(0);
    expect(readdirSync(parent)).toEqual(['site-2']);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).seed).toBe(3);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toMatch(/seed[^0-9]{0,80}3/i);
  });

  it('leftovers of a killed run (a staged folder of a dead process) are removed by the next run', () => {
    const parent = join(work, 'leftovers');
    mkdirSync(parent);
    const stale = join(parent, '.res.goldilocks-tmp-999999999-abc');
    mkdirSync(stale);
    writeFileSync(join(stale, 'summary.json'), '{}');
    expect(cli(['run', 'scenarios/site-2.yaml', ...quick, '--no-charts', '--out', join(parent, 'res')]).code).toBe(0);
    expect(readdirSync(parent)).toEqual(['res']);
  });
});
