#!/usr/bin/env node
/**
 * `npm run docs:img`: regenerate the chart images the README shows (docs/img/*.png), one of each
 * kind, by running the commands a user would run. Deterministic apart from rendering details.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'goldilocks-docs-'));
const img = join(root, 'docs/img');
mkdirSync(img, { recursive: true });

function goldilocks(...args) {
  const r = spawnSync(process.execPath, [join(root, 'bin/goldilocks'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`goldilocks ${args.join(' ')} failed:\n${r.stderr}`);
}
const take = (dir, names) => names.forEach((n) => copyFileSync(join(dir, 'charts', `${n}.png`), join(img, `${n}.png`)));

goldilocks('run', '--out', join(work, 'run'));
take(join(work, 'run'), ['run-timeseries', 'run-waits', 'run-week', 'run-overload']);
goldilocks('compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', 'scenarios/compare-two-workers.yaml', '--out', join(work, 'compare'));
take(join(work, 'compare'), ['compare-designs', 'compare-differences']);
goldilocks('explore', '--out', join(work, 'explore'));
take(join(work, 'explore'), ['explore-curve']);
goldilocks('sweep', 'scenarios/sweep-caps.yaml', '--out', join(work, 'sweep-caps'));
take(join(work, 'sweep-caps'), ['sweep-heatmap']);
goldilocks('sweep', 'scenarios/sweep-morris.yaml', '--out', join(work, 'sweep-morris'));
take(join(work, 'sweep-morris'), ['sweep-morris', 'sweep-scatter-overloadIndex']);
rmSync(work, { recursive: true, force: true });
process.stdout.write(`docs/img/: 10 charts regenerated\n`);
// The report's first screen and its printed summary (headless Chromium).
const shots = spawnSync(process.execPath, [join(root, 'scripts/docs-report-images.mjs')], { cwd: root, stdio: 'inherit' });
if (shots.status !== 0) process.exit(shots.status ?? 1);
