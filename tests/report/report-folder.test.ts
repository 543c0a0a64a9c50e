/**
 * `goldilocks report DIR` on a damaged folder: a clear message naming the file and exit 2,
 * never a crash or a hang (a file that is a folder, a link to a device, JSON cut short or
 * of the wrong shape).
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/scenario/errors.js';
import { buildFolderReport } from '../../src/report/report-folder.js';
import { writeRunOutputs } from '../../src/experiment/run-output.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { parseScenario } from '../../src/jobs/designs.js';
import { tempDir } from '../setup/temp.js';

const scenario = parseScenario({
  name: 'damaged',
  referrals: { practices: [{ name: 'A', referralsPerMonth: 20 }] },
  workers: [{ count: 1 }],
  run: { years: 1, warmupDays: 30, replications: 2 },
});
const results = runScenario(scenario, runSettings(scenario));

function folder(damage: (dir: string) => void): string {
  const dir = join(tempDir('gl-damaged-'), 'out');
  mkdirSync(dir, { recursive: true });
  writeRunOutputs(dir, 'damaged', results, 'hash', 0, {}, scenario);
  damage(dir);
  return dir;
}

function refusal(dir: string): string {
  try {
    buildFolderReport(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message.split('\n')[0];
  }
  throw new Error('the damaged folder was accepted');
}

describe('a damaged output folder', () => {
  it('summary.json cut short: named, "not as Goldilocks wrote it"', () => {
    const dir = folder((d) => writeFileSync(join(d, 'summary.json'), '{'));
    expect(refusal(dir)).toMatch(/summary\.json: is not as Goldilocks wrote it \(.*JSON.*\): a damaged output folder$/);
  });

  it('summary.json of the wrong shape: named', () => {
    const dir = folder((d) => writeFileSync(join(d, 'summary.json'), '{"replications": "x"}'));
    expect(refusal(dir)).toMatch(/summary\.json: is not as Goldilocks wrote it/);
  });

  it('summary.json is a folder: named, "not a regular file"', () => {
    const dir = folder((d) => {
      rmSync(join(d, 'summary.json'));
      mkdirSync(join(d, 'summary.json'));
    });
    expect(refusal(dir)).toMatch(/summary\.json: is not a regular file \(a folder\)/);
  });

  it('scenario.json is a link to /dev/zero: refused at once, not read for ever', () => {
    const dir = folder((d) => {
      rmSync(join(d, 'scenario.json'));
      symlinkSync('/dev/zero', join(d, 'scenario.json'));
    });
    expect(refusal(dir)).toMatch(/scenario\.json: is not a regular file \(a device, pipe or socket\)/);
  });

  it('an intact folder still gives its report', () => {
    expect(buildFolderReport(folder(() => {})).kind).toBe('run');
  });
});
