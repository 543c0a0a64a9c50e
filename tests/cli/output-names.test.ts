/**
 * Rule: the default output folder derived from a scenario or sweep name is a safe slug under
 * output/. A name such as `..` or `.` (which used to write into the current folder or into
 * output/ itself) is rejected, saying so; a name that only needs tidying is sanitised, saying so.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderNameFor } from '../../src/experiment/output-dir.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const scenario = join(root, 'scenarios/site-2.yaml');
const quick = ['--reps', '2', '--years', '1', '--warmup-days', '30', '--no-charts'];

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
beforeAll(() => {
  work = tempDir('goldilocks-names-');
});

/** A fresh current folder inside a fresh parent, to see where files land. */
function freshCwd(name: string): { parent: string; cwd: string } {
  const parent = join(work, name);
  const cwd = join(parent, 'cwd');
  mkdirSync(cwd, { recursive: true });
  return { parent, cwd };
}

describe('default output folders are safe slugs of the name', () => {
  for (const name of ['..', '.']) {
    it(`run: the scenario name "${name}" is rejected and nothing is written outside output/<name>`, () => {
      const { parent, cwd } = freshCwd(`run-${name.length}`);
      const r = cli(['run', scenario, ...quick, '--set', `name=${name}`], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/folder name|letters, digits/);
      expect(readdirSync(cwd).filter((f) => f !== 'output')).toEqual([]);
      expect(existsSync(join(cwd, 'output')) ? readdirSync(join(cwd, 'output')) : []).toEqual([]);
      expect(readdirSync(parent)).toEqual(['cwd']);
      // With --out the same scenario runs fine.
      expect(cli(['run', scenario, ...quick, '--set', `name=${name}`, '--out', 'mine'], cwd).code).toBe(0);
    });

    it(`sweep: the sweep name "${name}" is rejected`, () => {
      const { parent, cwd } = freshCwd(`sweep-${name.length}`);
      const file = join(cwd, 'sweep.yaml');
      writeFileSync(
        file,
        `name: "${name}"\nbase: ${scenario}\nfactors:\n  - path: policy.sessionCap\n    values: [2]\nreplications: 1\nyears: 1\nwarmupDays: 30\n`,
      );
      const r = cli(['sweep', file, '--workers', '1', '--no-charts'], cwd);
      expect(r.code).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).toMatch(/sweep name "\.+" cannot be used as a folder name .*rejected/);
      expect(readdirSync(cwd)).toEqual(['sweep.yaml']);
      expect(readdirSync(parent)).toEqual(['cwd']);
    });
  }

  it('sweep: a name that needs tidying is sanitised, and the message says to what', () => {
    const { cwd } = freshCwd('sweep-tidy');
    const file = join(cwd, 'sweep.yaml');
    writeFileSync(
      file,
      `name: "..hidden."\nbase: ${scenario}\nfactors:\n  - path: policy.sessionCap\n    values: [2]\nreplications: 1\nyears: 1\nwarmupDays: 30\n`,
    );
    const r = cli(['sweep', file, '--workers', '1', '--no-charts'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('sweep name "..hidden." is not a safe folder name: sanitised to "hidden"');
    expect(readdirSync(join(cwd, 'output'))).toEqual(['hidden']);
  });

  it('folderNameFor keeps safe names, sanitises others, rejects names with no letter or digit', () => {
    expect(folderNameFor('site-2', 'scenario')).toEqual({ folder: 'site-2' });
    expect(folderNameFor('v1.2_final', 'scenario')).toEqual({ folder: 'v1.2_final' });
    expect(folderNameFor('a/b', 'scenario').folder).toBe('a-b');
    expect(folderNameFor('../../etc', 'scenario').folder).toBe('etc');
    expect(folderNameFor('\u001b[31mred', 'scenario').folder).toBe('31mred');
    expect(folderNameFor('x'.repeat(5000), 'scenario').folder).toHaveLength(100);
    for (const bad of ['..', '.', '...', '/', '', '-_-']) expect(() => folderNameFor(bad, 'scenario'), bad).toThrow(/cannot be used as a folder name/);
  });
});
