/**
 * Goldilocks as a library: the functions return the CLI's --json documents, never print or exit,
 * and the packed package installs and imports by name in a fresh project.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare, explore, InputError, metrics, parseScenario, simulate } from '../../src/index.js';
import { tempDir } from '../setup/temp.js';

const root = resolve(import.meta.dirname, '../..');
const cli = (...args: string[]) => JSON.parse(execFileSync('node', [join(root, 'bin/goldilocks'), ...args], { encoding: 'utf8', cwd: tempDir('gl-api-') }));
const small = {
  name: 'api',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
  workers: [{ count: 2 }],
  run: { years: 1, warmupDays: 60, replications: 3 },
};

describe('the library API', () => {
  it('simulate returns the document `run --json` prints, for the same scenario and settings', async () => {
    const file = join(tempDir('gl-api-'), 'api.yaml');
    writeFileSync(file, JSON.stringify(small));
    const progress: number[] = [];
    const doc = await simulate(small, { onProgress: (done) => progress.push(done), workers: 1 });
    expect(doc).toEqual(cli('run', file, '--json', '--no-charts', '--out', join(tempDir('gl-api-out-'), 'out')));
    expect(progress).toEqual([1, 2, 3]);
  });

  it("takes YAML text as well as objects, and rejects bad input with the CLI's message (field path)", () => {
    expect(parseScenario('name: t\nreferrals: {practices: [{name: A, referralsPerMonth: 3}]}\nworkers: [{count: 1}]\n').name).toBe('t');
    expect(() => parseScenario({ ...small, policy: { sessionCap: -1 } })).toThrow(InputError);
    expect(() => parseScenario({ ...small, policy: { sessionCap: -1 } })).toThrow(/policy\.sessionCap/);
  });

  it('compare and explore return their --json documents', async () => {
    const c = await compare([small, { ...small, name: 'api-capped', policy: { sessionCap: 3 } }], { replications: 2 });
    expect(c.designs.map((d) => d.scenario)).toEqual(['api', 'api-capped']);
    expect(c.differences[0].metrics.waitDays.verdict).toBeTypeOf('string');
    const e = await explore(small, { replications: 2, steps: 3 });
    expect(e.levels.map((l) => l.discretion)).toEqual([0, 0.5, 1]);
    expect(metrics.map((m) => m.id)).toContain('waitDays');
  });
});

describe('the package', () => {
  it('packs, installs into a fresh project, imports by name and runs a scenario', () => {
    const work = mkdtempSync(join(tmpdir(), 'gl-pack-'));
    try {
      execFileSync('npm', ['pack', '--pack-destination', work, '--ignore-scripts'], { cwd: root, stdio: 'ignore' });
      const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'))!;
      writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', type: 'module', private: true }));
      execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(work, tarball)], { cwd: work, stdio: 'ignore' });
      writeFileSync(
        join(work, 'use.mjs'),
        `import { simulate } from 'goldilocks-sim';\nconst d = await simulate(${JSON.stringify(small)}, { replications: 1 });\nconsole.log(JSON.stringify({ scenario: d.scenario, reps: d.replications, wait: Number.isFinite(d.metrics.waitDays.mean) }));\n`,
      );
      const r = spawnSync('node', ['use.mjs'], { cwd: work, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toEqual({ scenario: 'api', reps: 1, wait: true });
      // The installed CLI itself (bundled), not only its --version fast path.
      const bin = spawnSync(
        join(work, 'node_modules/.bin/goldilocks'),
        ['run', '--reps', '1', '--years', '1', '--no-charts', '--json', '--out', join(work, 'out')],
        { cwd: work, encoding: 'utf8' },
      );
      expect(bin.stderr).toBe('');
      expect(JSON.parse(bin.stdout).replications).toBe(1);
      // A strict TypeScript consumer type-checks against the shipped declarations.
      writeFileSync(
        join(work, 'use.ts'),
        `import { simulate, parseScenario, compare, metrics, InputError, type RunDocument, type Scenario } from 'goldilocks-sim';
const s: Scenario = parseScenario(${JSON.stringify(small)});
const d: RunDocument = await simulate(s, { replications: 1, workers: 2, onProgress: (done: number, total: number) => void (done / total) });
const wait: number = d.metrics.waitDays.mean;
const c = await compare([s, s], { replications: 1 });
const ids: string[] = metrics.map((m) => m.id);
export const out = { wait, c, ids, isError: new InputError('f', []) instanceof Error };
`,
      );
      writeFileSync(
        join(work, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            module: 'nodenext',
            moduleResolution: 'nodenext',
            target: 'es2022',
            skipLibCheck: false,
            typeRoots: [join(root, 'node_modules/@types')],
            types: ['node'],
          },
          files: ['use.ts'],
        }),
      );
      const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(work, 'tsconfig.json')], {
        cwd: work,
        encoding: 'utf8',
      });
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.status).toBe(0);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  }, 180_000);
});
