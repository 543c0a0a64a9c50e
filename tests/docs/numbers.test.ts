/**
 * Docs that cannot go stale: every run-derived number block in README.md and docs/ is regenerated
 * from the current code (fixed seeds) and must equal what is committed. When this fails, run
 * `npm run docs:numbers` and review the diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BLOCKS, readNumberBlocks } from '../../src/docs/numbers.js';

describe('generated numbers in the docs', () => {
  for (const [file, blocks] of Object.entries(BLOCKS)) {
    const committed = readNumberBlocks(readFileSync(file, 'utf8'));
    for (const [name, make] of Object.entries(blocks)) {
      it(`${file} block "${name}" equals what the code produces now`, async () => {
        expect(committed[name], `${file} has no numbers:${name} block`).toBeDefined();
        expect(committed[name]).toBe(await make());
      }, 120_000);
    }
  }
});
