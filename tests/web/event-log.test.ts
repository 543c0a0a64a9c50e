/**
 * The explorer's events.csv download makes the bytes the CLI's `run --event-log` writes, from the
 * run's scenario.json and manifest.json.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../setup/temp.js';
import { eventLogCsv } from '../../src/web/event-log.js';

const root = join(import.meta.dirname, '../..');

describe("the explorer's event log download", () => {
  it('is byte-identical to run --event-log', async () => {
    const work = tempDir('goldilocks-web-events-');
    const out = join(work, 'run');
    const r = spawnSync(
      process.execPath,
      [join(root, 'bin/goldilocks'), 'run', '--reps', '2', '--years', '1.5', '--no-charts', '--event-log', '--set', 'run.startDate=2024-02-28', '--out', out],
      { cwd: work, encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const csv = await eventLogCsv(readFileSync(join(out, 'scenario.json'), 'utf8'), readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(csv).toBe(readFileSync(join(out, 'events.csv'), 'utf8'));
  });
});
