#!/usr/bin/env node
// `npm run docs:model`: rewrite the generated blocks of docs/model.md and README.md from the registries
// (src/model/generated-docs.ts says which block comes from which; tests/docs/generated-blocks.test.ts checks them).
import { readFileSync, writeFileSync } from 'node:fs';
import { fillGeneratedBlocks, generatedDocBlocks } from '../dist/model/generated-docs.js';

for (const [file, blocks] of Object.entries(generatedDocBlocks())) {
  const path = new URL(`../${file}`, import.meta.url);
  const before = readFileSync(path, 'utf8');
  const after = fillGeneratedBlocks(before, blocks);
  if (after !== before) writeFileSync(path, after);
  process.stderr.write(after === before ? `${file}: up to date\n` : `${file}: generated blocks rewritten\n`);
}
