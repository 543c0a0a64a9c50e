/**
 * The README's bench table is the bench's own output: every row the bench measures is there with
 * its current target and a verdict, stamped with the package version. Timings cannot be re-measured
 * in a test; a changed row or target without a new `npm run bench` is what this notices.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module of the bench, without type declarations
import { ROWS } from '../../bench/targets.mjs';

const root = resolve(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
const block = readme.slice(readme.indexOf('<!-- bench:begin'), readme.indexOf('<!-- bench:end -->'));
// The measures table: the rows after its header, up to the first line that is not a row (the
// profile and the events-by-kind tables follow it).
const lines = block.split('\n');
const start = lines.findIndex((l) => l.startsWith('| measure'));
const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
const tableRows = lines.slice(start + 2, end < 0 ? undefined : end);

describe('the README bench table', () => {
  it('was written by a full bench run of this version', () => {
    expect(block).toMatch(new RegExp(`^<!-- bench:begin[^\\n]*\\nGoldilocks ${version.replace(/\./g, '\\.')}, measured \\d{4}-\\d{2}-\\d{2}\\. Machine: `));
    expect(block).not.toMatch(/--quick sizes/);
  });

  it.each(ROWS as Array<[string, string]>)('has the row "%s" with target "%s" and a verdict', (measure, target) => {
    const row = tableRows.find((r) => r.startsWith(`| ${measure}`));
    expect(row, `no row starting "${measure}" in the README bench table: run npm run bench`).toBeDefined();
    const cells = row!.split(' | ');
    expect(cells.at(-2)).toBe(target);
    expect(cells.at(-1)).toMatch(/^(met|\*\*not met\*\*|–)( \(speed-up only\))? \|$/);
  });

  it('counts the events and decision epochs per replication by kind (issue 20)', () => {
    expect(block).toMatch(/\| events per replication \| 25\/month \| 60\/month \| 90\/month \|/);
    for (const row of ['all events', 'decision epochs', '`sessionEnd`', '`followUpWakeUp`', '`blockStart`', '`referral`'])
      expect(block).toContain(`| ${row} |`);
  });

  it('lists no row the bench no longer measures', () => {
    const measures = tableRows.map((r) => r.split(' | ')[0].slice(2));
    for (const m of measures)
      expect(
        (ROWS as Array<[string, string]>).some(([prefix]) => m.startsWith(prefix)),
        m,
      ).toBe(true);
  });
});
