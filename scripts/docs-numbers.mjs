#!/usr/bin/env node
// `npm run docs:numbers`: regenerate every run-derived number in README.md and docs/ (fixed seeds).
import { readFileSync, writeFileSync } from 'node:fs';
import { BLOCKS, fillNumberBlocks } from '../dist/docs/numbers.js';
for (const [file, blocks] of Object.entries(BLOCKS)) {
  const generated = {};
  for (const [name, make] of Object.entries(blocks)) {
    const t0 = performance.now();
    generated[name] = await make();
    process.stderr.write(`${file} ${name}: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }
  const before = readFileSync(file, 'utf8');
  const after = fillNumberBlocks(before, generated);
  writeFileSync(file, after);
  process.stderr.write(after === before ? `${file}: up to date\n` : `${file}: numbers rewritten\n`);
}
