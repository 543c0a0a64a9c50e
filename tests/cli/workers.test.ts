/**
 * Every core: run, compare and explore write the same bytes on 1 and 2 worker threads (the
 * manifest's wall time aside), through the built CLI as a user runs it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'gl-workers-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function files(dir: string, prefix = ''): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f), `${prefix}${f}/`) : [`${prefix}${f}`]));
}

/** A folder's files, the manifest's wall time masked. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(
    files(dir)
      .sort()
      .map((f) => [f, readFileSync(join(dir, f), 'utf8').replace(/"wallSeconds": [0-9.e+-]+/, '"wallSeconds": 0')]),
  );
}

function run(args: string[], out: string): void {
  const r = spawnSync('node', [join(root, 'bin/goldilocks'), ...args, '--reps', '4', '--years', '1', '--no-charts', '--out', out], {
    cwd: work,
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
}

describe('--workers', () => {
  const jobs: Array<[string, string[]]> = [
    ['run', ['run', join(root, 'scenarios/site-4.yaml')]],
    [
      'compare',
      ['compare', join(root, 'scenarios/compare-open.yaml'), join(root, 'scenarios/compare-capped.yaml'), join(root, 'scenarios/compare-two-workers.yaml')],
    ],
    ['explore', ['explore', join(root, 'scenarios/default.yaml'), '--steps', '3']],
  ];
  for (const [name, args] of jobs) {
    it(`${name}: the same files, byte for byte, on 1 and 2 workers`, () => {
      run([...args, '--workers', '1'], join(work, `${name}-1`));
      run([...args, '--workers', '2'], join(work, `${name}-2`));
      const one = contents(join(work, `${name}-1`));
      expect(Object.keys(one).length).toBeGreaterThan(3);
      expect(contents(join(work, `${name}-2`))).toEqual(one);
    }, 120_000);
  }

  it('refuses 0 workers before anything runs, naming the flag and its bounds', () => {
    const r = spawnSync('node', [join(root, 'bin/goldilocks'), 'run', '--workers', '0', '--out', join(work, 'none')], { cwd: work, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^goldilocks: --workers must be a whole number from 1 to 256/);
  });
});
