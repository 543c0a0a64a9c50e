/**
 * `--xlsx` as a user gives it: the compiled CLI in a child process (`npm test` builds first)
 * writes results.xlsx beside the other files, opened here with read-excel-file: the sheets, the
 * CSVs' headers and numbers, the Summary in the report's words and the Provenance cells, for
 * run and plan (compare and explore share run's path through src/cli/job.ts).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/report/sweep-tables.js';
import { planAnswer } from '../../src/report/plan-words.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Sheets = Array<{ sheet: string; data: unknown[][] }>;
const book = async (file: string) => (await readXlsxFile(readFileSync(file))) as unknown as Sheets;
const sheet = (s: Sheets, name: string) => s.find((x) => x.sheet === name)?.data ?? [];

let work: string;
let run: ReturnType<typeof cli>;
let plan: ReturnType<typeof cli>;
let compare: ReturnType<typeof cli>;
beforeAll(() => {
  expect(existsSync(join(root, 'dist/cli/main.js')), 'run `npm run build` first (npm test does)').toBe(true);
  work = tempDir('goldilocks-xlsx-');
  run = cli(['run', '--reps', '3', '--years', '1', '--seed', '11', '--no-charts', '--xlsx', '--out', join(work, 'run')]);
  compare = cli([
    'compare',
    'scenarios/compare-open.yaml',
    'scenarios/compare-capped.yaml',
    '--reps',
    '2',
    '--years',
    '1',
    '--no-charts',
    '--xlsx',
    '--out',
    join(work, 'compare'),
  ]);
  plan = cli(['plan', 'scenarios/plan-wte.yaml', '--no-charts', '--xlsx', '--out', join(work, 'plan')]);
}, 120_000);

describe('goldilocks run --xlsx', () => {
  it('writes results.xlsx and says so', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/, results\.xlsx\n$/);
    expect(existsSync(join(work, 'run/results.xlsx'))).toBe(true);
  });

  it('holds Summary, the CSVs (headers and numbers as in the files) and Provenance', async () => {
    const b = await book(join(work, 'run/results.xlsx'));
    const csvs = readdirSync(join(work, 'run'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => f.replace(/\.csv$/, ''));
    expect(b[0].sheet).toBe('Summary');
    expect(b.at(-1)!.sheet).toBe('Provenance');
    expect(
      b
        .map((s) => s.sheet)
        .slice(1, -1)
        .sort(),
    ).toEqual(csvs.sort());
    const csv = parseCsv(readFileSync(join(work, 'run/waits.csv'), 'utf8'));
    const waits = sheet(b, 'waits');
    expect(waits[0]).toEqual(csv[0]);
    const col = csv[0].indexOf('patients');
    expect(waits[5][col]).toBe(Number(csv[5][col]));
    expect(typeof waits[5][col]).toBe('number');
  });

  it('puts the terminal table numbers in the Summary and the manifest and command line in Provenance', async () => {
    const b = await book(join(work, 'run/results.xlsx'));
    const summary = JSON.parse(readFileSync(join(work, 'run/summary.json'), 'utf8')) as { metrics: Record<string, { mean: number }> };
    const row = sheet(b, 'Summary').find((r) => r[3] === 'needsMetPerYear')!;
    expect(row[4]).toBe(summary.metrics.needsMetPerYear.mean);
    // The terminal's own rounding of the same figure, as printed.
    expect(run.stdout).toContain(String(row[1]));
    const manifest = JSON.parse(readFileSync(join(work, 'run/manifest.json'), 'utf8')) as Record<string, unknown>;
    const p = new Map(sheet(b, 'Provenance').map((r) => [r[0], r[1]]));
    expect(p.get('seed')).toBe(11);
    expect(p.get('replications')).toBe(3);
    expect(p.get('scenarioSha256')).toBe(manifest.scenarioSha256);
    expect(p.get('version')).toBe(manifest.version);
    expect(String(p.get('command'))).toMatch(/^goldilocks run --reps 3 --years 1 --seed 11 --no-charts --xlsx --out /);
    expect(Date.now() - Date.parse(String(p.get('written (UTC)')))).toBeLessThan(10 * 60_000);
  });
});

describe('goldilocks compare --xlsx', () => {
  it('has the findings paired, one sheet per CSV and both scenario hashes', async () => {
    expect(compare.code, compare.stderr).toBe(0);
    const b = await book(join(work, 'compare/results.xlsx'));
    const csvs = readdirSync(join(work, 'compare'))
      .filter((f) => f.endsWith('.csv'))
      .map((f) => f.replace(/\.csv$/, ''));
    expect(b.map((s) => s.sheet).sort()).toEqual(['Provenance', 'Summary', ...csvs].sort());
    expect(sheet(b, 'Summary').map((r) => r[0])).toContain('Findings (paired on common random numbers)');
    const csv = parseCsv(readFileSync(join(work, 'compare/differences.csv'), 'utf8'));
    const diffs = sheet(b, 'differences');
    expect(diffs[0]).toEqual(csv[0]);
    const mean = csv[0].indexOf('mean');
    expect(diffs[1][mean]).toBe(Number(csv[1][mean]));
    const manifest = JSON.parse(readFileSync(join(work, 'compare/manifest.json'), 'utf8')) as Record<string, unknown>;
    expect(new Map(sheet(b, 'Provenance').map((r) => [r[0], r[1]])).get('scenarioSha256')).toBe(manifest.scenarioSha256);
  });
});

describe('goldilocks plan --xlsx', () => {
  it('has the answer in the Summary, candidates with their numbers, and the plan hash in Provenance', async () => {
    expect(plan.code, plan.stderr).toBe(0);
    const b = await book(join(work, 'plan/results.xlsx'));
    expect(b.map((s) => s.sheet)).toEqual(['Summary', 'candidates', 'Provenance']);
    const doc = JSON.parse(readFileSync(join(work, 'plan/plan.json'), 'utf8'));
    expect(sheet(b, 'Summary').map((r) => r[0])).toContain(planAnswer(doc));
    const csv = parseCsv(readFileSync(join(work, 'plan/candidates.csv'), 'utf8'));
    const cands = sheet(b, 'candidates');
    expect(cands[0]).toEqual(csv[0]);
    const mean = csv[0].indexOf('mean');
    expect(cands[1][mean]).toBe(Number(csv[1][mean]));
    const manifest = JSON.parse(readFileSync(join(work, 'plan/manifest.json'), 'utf8')) as Record<string, unknown>;
    const p = new Map(sheet(b, 'Provenance').map((r) => [r[0], r[1]]));
    expect(p.get('planSha256')).toBe(manifest.planSha256);
    expect(p.get('scenarioSha256')).toBe(manifest.scenarioSha256);
  });
});
