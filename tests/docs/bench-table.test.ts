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
const tableRows = block.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| measure') && !l.startsWith('| function') && !l.startsWith('| `'));

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

  it('lists no row the bench no longer measures', () => {
    const measures = tableRows.map((r) => r.split(' | ')[0].slice(2));
    for (const m of measures)
      expect(
        (ROWS as Array<[string, string]>).some(([prefix]) => m.startsWith(prefix)),
        m,
      ).toBe(true);
  });
});
