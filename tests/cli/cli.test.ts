/**
 * The command-line contract, exercised as a user would: the compiled CLI in a child process
 * (`npm test` builds first). Exit codes: 0 ok, 2 bad input or usage, 1 other failure.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { METRIC_IDS } from '../../src/model/index.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');

function cli(args: string[], cwd = root) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let work: string;
beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  work = tempDir('goldilocks-cli-');
});

const quick = ['--reps', '3', '--years', '1', '--warmup-days', '60'];

describe('goldilocks run', () => {
  it('prints one JSON document with every required metric and its interval', () => {
    const r = cli(['run', 'scenarios/site-2.yaml', ...quick, '--json', '--out', join(work, 'json')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(Object.keys(doc)).toEqual(['scenario', 'seed', 'replications', 'horizonDays', 'warmupDays', 'metrics']);
    expect(doc.scenario).toBe('site-2');
    expect(doc.replications).toBe(3);
    for (const id of [
      'waitDays',
      'waitingList',
      'caseloadPerWorker',
      'referralsPerMonth',
      'sessionsPerPatient',
      'utilisation',
      'networkingHoursPerWorkerWeek',
      'overloadIndex',
      'overstretchedWeekShare',
      'droppedOutShare',
      'unmetNeedShare',
    ]) {
      const m = doc.metrics[id];
      expect(Object.keys(m)).toEqual(['mean', 'ci95', 'sd', 'n']);
      expect(m.n).toBe(3);
      expect(m.ci95[0]).toBeLessThanOrEqual(m.mean);
      expect(m.ci95[1]).toBeGreaterThanOrEqual(m.mean);
    }
  });

  it('is reproducible: same scenario and seed give byte-identical output, another seed differs', () => {
    const a = cli(['run', 'scenarios/default.yaml', ...quick, '--json', '--out', join(work, 'a')]);
    const b = cli(['run', 'scenarios/default.yaml', ...quick, '--json', '--out', join(work, 'b')]);
    const c = cli(['run', 'scenarios/default.yaml', ...quick, '--seed', '2', '--json', '--out', join(work, 'c')]);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    for (const f of ['summary.json', 'replications.csv', 'timeseries.csv']) {
      expect(readFileSync(join(work, 'a', f), 'utf8')).toBe(readFileSync(join(work, 'b', f), 'utf8'));
    }
  });

  it('writes tidy files and a manifest into the output folder', () => {
    const out = join(work, 'files');
    const r = cli(['run', ...quick, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Overload index/);
    // Referrals received are never read as the figure entered: the split is printed under the table.
    expect(r.stdout).toMatch(/Referrals: [\d.]+ referrals a month received = [\d.]+ from the practices as entered \+/);
    expect(readdirSync(out).sort()).toEqual([
      'charts',
      'manifest.json',
      'replications.csv',
      'scenario.json',
      'summary.json',
      'timeseries.csv',
      'waits.csv',
      'week.csv',
    ]);
    expect(
      readdirSync(join(out, 'charts'))
        .filter((f) => f.endsWith('.png'))
        .sort(),
    ).toEqual(['run-overload.png', 'run-timeseries.png', 'run-waits.png', 'run-week.png']);
    const reps = readFileSync(join(out, 'replications.csv'), 'utf8').trim().split('\n');
    expect(reps[0]).toBe('scenario,replication,metric,value');
    expect(reps.length - 1).toBe(3 * METRIC_IDS.length);
    const ts = readFileSync(join(out, 'timeseries.csv'), 'utf8').trim().split('\n');
    expect(ts[0]).toBe('scenario,replication,week,series,value');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ scenario: 'default', seed: 1, replications: 3, warmupDays: 60, tool: 'goldilocks-sim' });
    expect(manifest.scenarioSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof manifest.wallSeconds).toBe('number');
  });

  it('--reps auto and --warmup-days auto report what they chose in the manifest', () => {
    const out = join(work, 'auto');
    const r = cli([
      'run',
      '--years',
      '3',
      '--reps',
      'auto',
      '--precision',
      '0.05',
      '--precision-metrics',
      'caseloadPerWorker,overloadIndex',
      '--warmup-days',
      'auto',
      '--no-charts',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/replications reached ±5 %/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.warmupMethod).toMatch(/MSER-5/);
    expect(manifest.warmupDays % 7).toBe(0);
    expect(manifest.precisionReached).toBe(true);
    expect(manifest.replications).toBeGreaterThanOrEqual(5);
    expect(cli(['run', '--reps', 'lots']).code).toBe(2);
  });

  it('applies --set overrides', () => {
    const r = cli(['run', ...quick, '--json', '--set', 'policy.sessionCap=1', '--set', 'levers.capExtension=0', '--out', join(work, 'set')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).metrics.sessionsPerPatient.mean).toBeLessThanOrEqual(1);
  });
});

describe('goldilocks compare', () => {
  it('prints the documented JSON document', () => {
    const r = cli(['compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', ...quick, '--json', '--out', join(work, 'cmp')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.designs.map((d: { scenario: string }) => d.scenario)).toEqual(['compare-open', 'compare-capped']);
    expect(doc.differences[0]).toMatchObject({ scenario: 'compare-capped', versus: 'compare-open' });
    const m = doc.differences[0].metrics.waitDays;
    expect(m.ci95).toHaveLength(2);
    expect(['better', 'worse', 'no detectable difference']).toContain(m.verdict);
    expect(readdirSync(join(work, 'cmp')).sort()).toEqual([
      'charts',
      'compare.json',
      'designs.csv',
      'differences.csv',
      'manifest.json',
      'replications.csv',
      'scenarios.json',
    ]);
  });

  it('needs two scenarios', () => {
    expect(cli(['compare', 'scenarios/default.yaml']).code).toBe(2);
  });
});

describe('goldilocks explore', () => {
  it('prints levels and the just-right zone as one JSON document, and writes tidy files', () => {
    const out = join(work, 'explore');
    const r = cli(['explore', 'scenarios/site-2.yaml', '--steps', '3', ...quick, '--json', '--out', out]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.levels.map((l: { discretion: number }) => l.discretion)).toEqual([0, 0.5, 1]);
    expect(doc.levels[0].metrics.needMetShare.ci95).toHaveLength(2);
    expect(Object.keys(doc.justRight)).toEqual(['from', 'to', 'levels', 'label', 'best', 'uncertain', 'reason']);
    expect(readdirSync(out).sort()).toEqual(['charts', 'explore.json', 'levels.csv', 'manifest.json', 'results.csv', 'scenario.json']);
    expect(readFileSync(join(out, 'levels.csv'), 'utf8').split('\n')[0]).toBe('discretion,metric,mean,ci_low,ci_high,sd,n,just_right');
  });
});

describe('goldilocks chart and report', () => {
  it('chart runs a scenario and writes its charts and a report in one step; --no-charts skips them', () => {
    const out = join(work, 'chart');
    const r = cli(['chart', 'scenarios/site-6.yaml', '--reps', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['charts/run-timeseries.vl.json', 'charts/run-timeseries.svg', 'charts/run-timeseries.png', 'charts/run-week.png', 'report.html'])
      expect(r.stdout).toContain(f);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    const bare = join(work, 'no-charts');
    expect(cli(['run', ...quick, '--no-charts', '--out', bare]).code).toBe(0);
    expect(existsSync(join(bare, 'charts'))).toBe(false);
    const report = cli(['report', bare]);
    expect(report.code).toBe(0);
    expect(readFileSync(join(bare, 'report.html'), 'utf8')).toMatch(/chart not produced/);
    expect(cli(['report', join(work, 'nowhere')]).code).toBe(2);
  });
});

describe('bad input', () => {
  function bad(name: string, text: string) {
    const file = join(work, name);
    writeFileSync(file, text);
    return cli(['run', file, ...quick, '--out', join(work, 'never')]);
  }
  const base = readFileSync(join(root, 'scenarios/site-2.yaml'), 'utf8');

  function expectCleanFailure(r: ReturnType<typeof cli>, ...patterns: RegExp[]) {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    for (const p of patterns) expect(r.stderr).toMatch(p);
  }

  it('unknown key: names the file, line and path', () => {
    const r = bad('unknown.yaml', base.replace('policy:', 'policy:\n  sesionCap: 4'));
    expectCleanFailure(r, /unknown\.yaml:\d+: policy: unknown field "sesionCap"/);
  });

  it('wrong type', () => {
    const r = bad('type.yaml', base.replace('count: 1', 'count: two'));
    expectCleanFailure(r, /type\.yaml:\d+: workers\.0\.count:/);
  });

  it('negative rate', () => {
    const r = bad('negative.yaml', base.replace(/referralsPerMonth: [0-9.]+/, 'referralsPerMonth: -15'));
    expectCleanFailure(r, /negative\.yaml:\d+: referrals\.practices\.0\.referralsPerMonth:/);
  });

  it('a rota with no room for its protected hours (a model rule, not a schema rule)', () => {
    const r = bad('rota.yaml', base.replace('networkingHoursPerWeek: 3.5', 'networkingHoursPerWeek: 40'));
    expectCleanFailure(r, /rota\.yaml:\d+: workers\.0\.rota: not enough patient time/);
  });

  it('missing file', () => {
    expectCleanFailure(cli(['run', 'nope.yaml']), /nope\.yaml: file not found/);
  });

  it('bad option values and unknown options are usage errors', () => {
    expect(cli(['run', '--reps', '0']).code).toBe(2);
    expect(cli(['run', '--frobnicate']).code).toBe(2);
    expect(cli(['run', '--years', '1', '--warmup-days', '400']).code).toBe(2);
  });

  it('nothing is written when the input is bad', () => {
    expect(existsSync(join(work, 'never'))).toBe(false);
  });
});

describe('validate and schema', () => {
  it('validate accepts every shipped scenario and rejects a bad one with exit 2', () => {
    const files = readdirSync(join(root, 'scenarios'))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => `scenarios/${f}`);
    expect(cli(['validate', ...files]).code).toBe(0);
    const badFile = join(work, 'bad-validate.yaml');
    writeFileSync(badFile, 'name: x\n');
    const r = cli(['validate', badFile]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/referrals/);
  });

  it('schema prints a JSON Schema', () => {
    const r = cli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).properties.workers).toBeDefined();
  });
});

describe('help', () => {
  for (const args of [
    ['--help'],
    ['run', '--help'],
    ['compare', '--help'],
    ['explore', '--help'],
    ['sweep', '--help'],
    ['merge', '--help'],
    ['chart', '--help'],
    ['report', '--help'],
    ['validate', '--help'],
    ['schema', '--help'],
  ]) {
    it(`${args.join(' ')} shows examples`, () => {
      const r = cli(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples:/);
    });
  }
});
