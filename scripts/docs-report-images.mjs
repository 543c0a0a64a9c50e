#!/usr/bin/env node
/**
 * The README's pictures of report.html (docs/img/report-summary.png, docs/img/report-summary-print.png):
 * the worked comparison (compare-open vs compare-capped vs compare-two-workers) run as a user would,
 * then its report opened in headless Chromium: the first screen at 1280 × 800, and the summary
 * under the print stylesheet at the printable area of A4 with the report's 15 mm margins
 * (180 × 267 mm). Needs /usr/bin/chromium (or CHROMIUM=path). Run by `npm run docs:img` (docs-images.mjs).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const img = join(root, 'docs/img');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromiumPath)) {
  process.stderr.write(`docs-report-images: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM): report screenshots not regenerated\n`);
  process.exit(0);
}
mkdirSync(img, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'goldilocks-report-img-'));
const out = join(work, 'compare');
function goldilocks(...args) {
  const r = spawnSync(process.execPath, [join(root, 'bin/goldilocks'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`goldilocks ${args.join(' ')} failed:\n${r.stderr}`);
}
// The summary is the first screen whatever the charts; --no-charts keeps this independent of the chart renderer.
goldilocks('compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', 'scenarios/compare-two-workers.yaml', '--no-charts', '--out', out);
goldilocks('report', out);

const browser = await chromium.launch({
  executablePath: chromiumPath,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(pathToFileURL(join(out, 'report.html')).href, { waitUntil: 'load' });
  await page.screenshot({ path: join(img, 'report-summary.png') });
  const mm = 96 / 25.4;
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: Math.floor(180 * mm), height: Math.floor(267 * mm) });
  // Page 1 of the print: everything down to the summary's page break.
  const bottom = await page.evaluate(() => document.querySelector('main > section.summary').getBoundingClientRect().bottom + window.scrollY);
  await page.screenshot({
    path: join(img, 'report-summary-print.png'),
    clip: { x: 0, y: 0, width: Math.floor(180 * mm), height: Math.ceil(Math.min(bottom + 8, 267 * mm)) },
  });
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write('docs/img/: report-summary.png, report-summary-print.png regenerated\n');
