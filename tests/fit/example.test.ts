/** The shipped synthetic example and the `goldilocks fit` command on it. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { syntheticActivity } from '../../src/fit/simulate-log.js';
import { parseScenarioText } from '../../src/scenario/parse.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');
const example = join(root, 'examples/activity-synthetic.csv');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [join(root, 'bin/goldilocks'), ...args], {
    cwd: tempDir('goldilocks-fit-'),
    encoding: 'utf8',
    env: { ...process.env, CI: 'true' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('examples/activity-synthetic.csv', () => {
  it('is what scripts/make-synthetic-activity.mjs writes (the model, not a service)', () => {
    expect(readFileSync(example, 'utf8')).toBe(syntheticActivity());
  });
});

describe('goldilocks fit', () => {
  it('writes a valid commented scenario, fit.json and a back-test with chart and words', () => {
    const dir = tempDir('goldilocks-fit-');
    const out = join(dir, 'mine.yaml');
    const r = cli(['fit', example, '--out', out, '--backtest', '--reps', '4']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const yaml = readFileSync(out, 'utf8');
    const scenario = parseScenarioText(yaml, out);
    expect(scenario.run.startDate).toBe('2023-04-03');
    expect(yaml).toMatch(/referralsPerMonth: [\d.]+ } # fitted: [\d.]+ a month \[95 % CI/);
    expect(yaml).toMatch(/# Not fitted \(assumptions/);
    const fit = JSON.parse(readFileSync(join(dir, 'mine.fit.json'), 'utf8'));
    // The example was made with referrals growing 10 % a year: the fit finds it, within its interval.
    expect(fit.referrals.annualGrowth.kept).toBe(true);
    expect(fit.referrals.annualGrowth.lo).toBeLessThanOrEqual(0.1);
    expect(fit.referrals.annualGrowth.hi).toBeGreaterThanOrEqual(0.1);
    const bt = JSON.parse(readFileSync(join(dir, 'mine.backtest.json'), 'utf8'));
    expect(bt.measures.map((m: { id: string }) => m.id)).toEqual(['referrals', 'meanWaitDays', 'discharges', 'caseload', 'meanGapDays']);
    expect(bt.measures[0].months).toBeGreaterThanOrEqual(35);
    expect(bt.words.join(' ')).toMatch(/fit/i);
    expect(readFileSync(join(dir, 'mine.backtest.svg'), 'utf8')).toMatch(/^<svg/);
    expect(existsSync(join(dir, 'mine.backtest.vl.json'))).toBe(true);
    expect(r.stdout).toMatch(/Back-test \(4 replications/);
  });

  it('prints the scenario on stdout without --out, and fit.json with --json', () => {
    const yaml = cli(['fit', example]);
    expect(yaml.code).toBe(0);
    expect(parseScenarioText(yaml.stdout, 'stdout').name).toBe('fitted-activity-synthetic');
    const json = cli(['fit', example, '--json']);
    expect(JSON.parse(json.stdout).sessions.mean.n).toBeGreaterThan(1000);
  });

  it('bad input: exit code 2, file and line named, no stack trace', () => {
    const dir = tempDir('goldilocks-fit-');
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'patient,event,date\nA,referred,2024-13-01\n');
    const r = cli(['fit', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.csv:2: column date: "2024-13-01" is not a date/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = cli(['fit', join(dir, 'nope.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: file not found/);
    const at = cli(['fit', example, '--at', '2030-01-01']);
    expect(at.code).toBe(2);
    expect(at.stderr).toMatch(/--at 2030-01-01 is outside the data/);
  });
});
