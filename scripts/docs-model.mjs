#!/usr/bin/env node
// `npm run docs:model`: rewrite the generated blocks of docs/model.md from the code.
import { readFileSync, writeFileSync } from 'node:fs';
import { fillGeneratedBlocks, generatedModelDocBlocks } from '../dist/model/generated-docs.js';
const path = new URL('../docs/model.md', import.meta.url);
const before = readFileSync(path, 'utf8');
const after = fillGeneratedBlocks(before.replace('__DIAL__', '').replace('__FIXED__', ''), generatedModelDocBlocks());
writeFileSync(path, after);
process.stderr.write(after === before ? 'docs/model.md: up to date\n' : 'docs/model.md: generated blocks rewritten\n');
