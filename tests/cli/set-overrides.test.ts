/**
 * Rules: a run with `--set path=value` is not the scenario file's run, so
 *  - its overrides are recorded (in order) in manifest.json, in the header of the printed table
 *    and in report.html (and in the --json document), and
 *  - by default it writes to `output/<name>+set-<hash>/`, never into the plain run's folder
 *    `output/<name>/`, and says which folder it wrote; `--out` still chooses the folder.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildManifest } from '../../src/experiment/manifest-core.js';
import { overridesFolder } from '../../src/cli/output.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const site2 = join(root, 'scenarios/site-2.yaml');
const site4 = join(root, 'scenarios/site-4.yaml');
const quick = ['--reps', '2', '--years', '1', '--warmup-days', '30', '--no-charts', '--workers', '1'];
const SETS = ['policy.sessionCap=8', 'run.seed=7'];
const setArgs = SETS.flatMap((s) => ['--set', s]);

function cli(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;

let work: string;
beforeAll(() => {
  work = tempDir('goldilocks-set-');
});

function freshCwd(name: string): string {
  const cwd = join(work, name);
  mkdirSync(cwd, { recursive: true });
  return cwd;
}

describe('--set overrides', () => {
  it('--set overrides are recorded in the manifest, the table header and the report, in order', () => {
    const cwd = freshCwd('recorded');
    const r = cli(['run', site2, ...quick, ...setArgs, '--report'], cwd);
    expect(r.code, r.stderr).toBe(0);
    const [folder] = readdirSync(join(cwd, 'output'));
    const dir = join(cwd, 'output', folder);
    expect(manifestOf(dir).overrides).toEqual(SETS);
    expect(r.stdout.split('\n')[0]).toContain('with --set policy.sessionCap=8 --set run.seed=7');
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('Run with --set policy.sessionCap=8 --set run.seed=7 on top of the scenario file');
    expect(html).toMatch(/Scenario<\/th><td class="ref"><\/td><td>site-2 with --set policy.sessionCap=8 --set run.seed=7/);
  });

  it('--json documents of run, compare and explore carry the overrides, in order (and none without --set)', () => {
    const cwd = freshCwd('json');
    const docs = [
      cli(['run', site2, ...quick, ...setArgs, '--json'], cwd),
      cli(['compare', site2, site4, ...quick, ...setArgs, '--json'], cwd),
      cli(['explore', site2, ...quick, '--steps', '2', ...setArgs, '--json'], cwd),
    ].map((r) => {
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as Record<string, unknown>;
    });
    for (const doc of docs) expect(doc.overrides).toEqual(SETS);
    const plain = cli(['run', site2, ...quick, '--json'], cwd);
    expect(JSON.parse(plain.stdout)).not.toHaveProperty('overrides');
  });

  it('a run without --set records no overrides', () => {
    const m = buildManifest(
      { scenario: 's', scenarioHash: 'h', settings: { seed: 1, replications: 2, horizonDays: 365.25, warmupDays: 0 }, wallSeconds: 1 },
      { tool: 't', version: '0', node: 'v20' },
    );
    expect(m).not.toHaveProperty('overrides');
    expect(
      buildManifest(
        { scenario: 's', scenarioHash: 'h', settings: { seed: 1, replications: 2, horizonDays: 365.25, warmupDays: 0 }, wallSeconds: 1, overrides: [] },
        { tool: 't', version: '0', node: 'v20' },
      ),
    ).not.toHaveProperty('overrides');
  });

  it("a run with --set does not overwrite the plain run's folder", () => {
    const cwd = freshCwd('separate');
    expect(cli(['run', site2, ...quick], cwd).code).toBe(0);
    const plain = join(cwd, 'output', 'site-2');
    const before = readFileSync(join(plain, 'manifest.json'), 'utf8');
    const r = cli(['run', site2, ...quick, ...setArgs], cwd);
    expect(r.code, r.stderr).toBe(0);
    // The plain run's folder is untouched; the overridden run has a folder of its own, named.
    expect(readFileSync(join(plain, 'manifest.json'), 'utf8')).toBe(before);
    const expected = overridesFolder(join('output', 'site-2'), SETS);
    expect(expected).toMatch(/^output\/site-2\+set-[0-9a-f]{8}$/);
    expect(readdirSync(join(cwd, 'output')).sort()).toEqual(['site-2', expected.slice('output/'.length)].sort());
    expect(r.stderr).toContain(`results go to ${expected}/, not to output/site-2/`);
    expect(r.stdout).toContain(`Files in ${expected}/`);
    expect(manifestOf(join(cwd, expected)).overrides).toEqual(SETS);
  });

  it('the same overrides in the same order name the same folder; another order or value another', () => {
    expect(overridesFolder('output/a', SETS)).toBe(overridesFolder('output/a', [...SETS]));
    expect(overridesFolder('output/a', [...SETS].reverse())).not.toBe(overridesFolder('output/a', SETS));
    expect(overridesFolder('output/a', ['policy.sessionCap=9'])).not.toBe(overridesFolder('output/a', ['policy.sessionCap=8']));
    expect(overridesFolder('output/a', [])).toBe('output/a');
    expect(overridesFolder('output/a', undefined)).toBe('output/a');
  });

  it('--out still chooses the folder of a run with --set', () => {
    const cwd = freshCwd('out');
    const r = cli(['run', site2, ...quick, ...setArgs, '--out', 'mine', '--json'], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(cwd)).toEqual(['mine']);
    expect(manifestOf(join(cwd, 'mine')).overrides).toEqual(SETS);
    expect(r.stderr).not.toContain('results go to');
  });

  it('compare and explore with --set write beside, not over, their plain folders', () => {
    const cwd = freshCwd('compare-explore');
    expect(cli(['compare', site2, site4, ...quick], cwd).code).toBe(0);
    const c = cli(['compare', site2, site4, ...quick, ...setArgs], cwd);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout.split('\n')[0]).toBe('Every design with --set policy.sessionCap=8 --set run.seed=7');
    const compared = readdirSync(join(cwd, 'output', 'compare')).sort();
    expect(compared).toEqual(['site-2-vs-site-4', expect.stringMatching(/^site-2-vs-site-4\+set-[0-9a-f]{8}$/)]);
    expect(manifestOf(join(cwd, 'output', 'compare', compared[0])).overrides).toBeUndefined();
    expect(manifestOf(join(cwd, 'output', 'compare', compared[1])).overrides).toEqual(SETS);

    const e = cli(['explore', site2, ...quick, '--steps', '2', ...setArgs], cwd);
    expect(e.code, e.stderr).toBe(0);
    expect(e.stdout.split('\n')[0]).toContain('Scenario site-2 with --set policy.sessionCap=8 --set run.seed=7:');
    const [explored] = readdirSync(join(cwd, 'output', 'explore'));
    expect(explored).toMatch(/^site-2\+set-[0-9a-f]{8}$/);
    expect(manifestOf(join(cwd, 'output', 'explore', explored)).overrides).toEqual(SETS);
    expect(existsSync(join(cwd, 'output', 'explore', 'site-2'))).toBe(false);
  });
});
