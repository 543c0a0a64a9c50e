#!/usr/bin/env node
/**
 * examples/activity-synthetic.csv: a SYNTHETIC activity file for trying `goldilocks fit`, made by
 * the model, not taken from any service. One replication of the shipped default scenario (two link
 * workers, three practices) over three years from 1 April 2023, with referrals growing 10 % a year,
 * written as a service's case-management records would be (src/fit/simulate-log.ts serviceRecords:
 * dates, whole minutes, pseudonymous ids). Deterministic: tests/fit/example.test.ts checks that the
 * shipped file is what this script writes.
 *
 *   npm run build && node scripts/make-synthetic-activity.mjs
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { syntheticActivity } = await import(join(root, 'dist/fit/simulate-log.js'));
const out = join(root, 'examples/activity-synthetic.csv');
const text = syntheticActivity();
writeFileSync(out, text);
process.stdout.write(`wrote ${out} (${text.split('\n').length - 2} rows)\n`);
