/**
 * Docs that cannot go stale: every run-derived number block in README.md and docs/ is regenerated
 * from the current code (fixed seeds) and must equal what is committed. When this fails, run
 * `npm run docs:numbers` and review the diff.
 *
 * One block is too dear to regenerate whole here: the seven sites' robustness column (explore
 * --uncertainty per site). The test recomputes that column for fixed sites (SITES_UNCERTAINTY_CHECKED)
 * and, for the others, checks the committed cell's form and regenerates everything else around it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCKS, exploreSitesBlock, readNumberBlocks, SITE_UNCERTAINTY_CELL, SITES_UNCERTAINTY_CHECKED } from '../../src/docs/numbers.js';

/** The committed robustness cells of the sites' table, by site (the fourth column). */
function committedSiteCells(block: string): Record<number, string> {
  const cells: Record<number, string> = {};
  for (const line of block.split('\n')) {
    const m = /^\| ([1-7]) \|/.exec(line);
    if (m) cells[Number(m[1])] = line.split(' | ')[3];
  }
  return cells;
}

describe('generated numbers in the docs', () => {
  for (const [file, blocks] of Object.entries(BLOCKS)) {
    const committed = readNumberBlocks(readFileSync(file, 'utf8'));
    for (const [name, make] of Object.entries(blocks)) {
      if (name === 'explore-sites') continue;
      it(`${file} block "${name}" equals what the code produces now`, async () => {
        expect(committed[name], `${file} has no numbers:${name} block`).toBeDefined();
        expect(committed[name]).toBe(await make());
      }, 120_000);
    }
  }

  it(`README.md block "explore-sites" equals what the code produces now (robustness recomputed for sites ${SITES_UNCERTAINTY_CHECKED.join(' and ')})`, async () => {
    const block = readNumberBlocks(readFileSync('README.md', 'utf8'))['explore-sites'];
    expect(block, 'README.md has no numbers:explore-sites block').toBeDefined();
    const cells = committedSiteCells(block);
    expect(Object.keys(cells).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const given: Record<number, string> = {};
    for (const [n, cell] of Object.entries(cells)) {
      expect(cell, `site ${n}'s robustness cell`).toMatch(SITE_UNCERTAINTY_CELL);
      if (!(SITES_UNCERTAINTY_CHECKED as readonly number[]).includes(Number(n))) given[Number(n)] = cell;
    }
    expect(block).toBe(await exploreSitesBlock(given));
  }, 120_000);
});
