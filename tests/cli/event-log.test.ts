/**
 * `run --event-log` and `compare --event-log` (docs/event-log.md): events.csv and events.json in
 * the output folder, the same numbers as without the log, the same bytes on one thread or two,
 * a design column for compare, a sample, and a refusal (exit 2) for a log too big to write.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../setup/temp.js';
import { EVENT_LOG_COLUMNS } from '../../src/model/index.js';
import { checkJob } from '../../src/jobs/check.js';
import { designOf } from '../../src/jobs/designs.js';
import { eventLogEstimate } from '../../src/jobs/event-log.js';
import { loadDefaultScenario } from '../../src/scenario/load.js';

const root = join(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
let work: string;

function cli(args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
}

const base = ['--reps', '3', '--years', '2', '--no-charts'];

beforeAll(() => {
  work = tempDir('goldilocks-event-log-');
});

describe('run --event-log', () => {
  it('writes events.csv and events.json, changes no number, and is byte-identical on 1 and 2 workers', () => {
    const plain = cli(['run', ...base, '--workers', '2', '--json', '--out', 'plain']);
    const one = cli(['run', ...base, '--workers', '1', '--json', '--event-log', '--out', 'one']);
    const two = cli(['run', ...base, '--workers', '2', '--event-log', '--out', 'two']);
    for (const r of [plain, one, two]) expect(r.status, r.stderr).toBe(0);
    expect(one.stdout).toBe(plain.stdout);
    for (const f of ['summary.json', 'replications.csv', 'timeseries.csv', 'waits.csv'])
      expect(readFileSync(join(work, 'one', f), 'utf8'), f).toBe(readFileSync(join(work, 'plain', f), 'utf8'));
    const csv = readFileSync(join(work, 'one', 'events.csv'), 'utf8');
    expect(readFileSync(join(work, 'two', 'events.csv'), 'utf8')).toBe(csv);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe(EVENT_LOG_COLUMNS.join(','));
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['0', '1', '2']));
    const doc = JSON.parse(readFileSync(join(work, 'one', 'events.json'), 'utf8'));
    expect(doc).toMatchObject({ schema: 'goldilocks-event-log', version: 1, warmupDays: 182, replications: 3, sample: 1 });
    expect(Object.keys(doc.columns)).toEqual([...EVENT_LOG_COLUMNS]);
    expect(readdirSync(join(work, 'one')).filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('estimates the size before the run conservatively: at least the bytes written, at most twice', () => {
    const out = cli(['run', '--reps', '4', '--years', '3', '--no-charts', '--event-log', '--out', 'estimate']);
    expect(out.status, out.stderr).toBe(0);
    const job = checkJob({ kind: 'run', designs: [designOf(loadDefaultScenario().scenario)], options: { replications: 4, years: 3 }, door: 'cli' });
    const estimate = eventLogEstimate(job, 1);
    const bytes = readFileSync(join(work, 'estimate', 'events.csv')).length;
    expect(estimate.bytes).toBeGreaterThanOrEqual(bytes);
    expect(estimate.bytes).toBeLessThanOrEqual(2 * bytes);
  });

  it('logs a sample of patients and every worker event; a date column with run.startDate', () => {
    const all = cli(['run', ...base, '--event-log', '--set', 'run.startDate=2025-04-01', '--out', 'dated']);
    const some = cli(['run', ...base, '--event-log-sample', '0.1', '--out', 'some']);
    expect(all.status, all.stderr).toBe(0);
    expect(some.status, some.stderr).toBe(0);
    const rows = (dir: string) =>
      readFileSync(join(work, dir, 'events.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1);
    const full = rows('dated');
    const sampled = rows('some');
    expect(full[0].split(',')[2]).toMatch(/^2025-04-0\d$/);
    const patients = (rs: string[]) =>
      new Set(
        rs
          .map((l) => l.split(','))
          .filter((c) => c[4] !== '')
          .map((c) => `${c[0]}/${c[4]}`),
      );
    const share = patients(sampled).size / patients(full).size;
    // Binomial error of the sampled share over this many patients (re-referrals of sampled patients ride along).
    const se = Math.sqrt((0.1 * 0.9) / patients(full).size);
    expect(Math.abs(share - 0.1)).toBeLessThan(4 * se + 0.02);
    const workerRows = (rs: string[]) =>
      rs
        .filter((l) => l.split(',')[4] === '')
        .map((l) =>
          l
            .split(',')
            .filter((_, i) => i !== 2)
            .join(','),
        );
    expect(workerRows(sampled)).toEqual(workerRows(full));
  });

  it('refuses a log above the size limit, with what to do (exit 2), before simulating', () => {
    const r = cli(['run', '--reps', '10000', '--years', '50', '--no-charts', '--event-log', '--out', 'huge']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/event log would be about [\d.]+ GB/);
    expect(r.stderr).toMatch(/--event-log-sample/);
    expect(existsSync(join(work, 'huge'))).toBe(false);
  });
});

describe('compare --event-log', () => {
  it('puts the design first', () => {
    const r = cli(['compare', join(root, 'scenarios/compare-capped.yaml'), join(root, 'scenarios/compare-open.yaml'), ...base, '--event-log', '--out', 'cmp']);
    expect(r.status, r.stderr).toBe(0);
    // The comparison's numbers (paired on common random numbers) are the same with the log on.
    const files = [join(root, 'scenarios/compare-capped.yaml'), join(root, 'scenarios/compare-open.yaml')];
    const plain = cli(['compare', ...files, ...base, '--json', '--out', 'cmp-plain']);
    const logged = cli(['compare', ...files, ...base, '--json', '--event-log', '--out', 'cmp-logged']);
    expect(logged.stdout).toBe(plain.stdout);
    const lines = readFileSync(join(work, 'cmp', 'events.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toBe(`design,${EVENT_LOG_COLUMNS.join(',')}`);
    const designs = lines.slice(1).map((l) => l.split(',')[0]);
    expect([...new Set(designs)]).toEqual(['compare-capped', 'compare-open']);
  });
});
