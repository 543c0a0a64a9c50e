#!/usr/bin/env node
/**
 * docs/img/explorer.png: the explorer page (dist/web/explorer.html, built by `npm run build`) in
 * headless Chromium at 1280×800 after running the built-in default scenario (20 replications of
 * 3 years). Also measures, on this machine, the page's time for that run (click to tiles, which
 * includes the charts and report.html; the worker's own time; window.goldilocks.run alone) against the CLI's
 * (`node bin/goldilocks run --reps 20 --years 3 --no-charts`) and the file's size, and prints them
 * with output/explorer-timing.json (timings depend on the machine: they are not copied into docs).
 *
 *   npm run docs:img:explorer
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const page = join(root, 'dist/web/explorer.html');
const ARGS = CHROMIUM_ARGS;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const tab = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const t0 = performance.now();
await tab.goto(pathToFileURL(page).href);
await tab.waitForSelector('body[data-ready=true]');
const loadSeconds = (performance.now() - t0) / 1000;
const t1 = performance.now();
await tab.click('#run');
await tab.waitForSelector('#tiles', { timeout: 600_000 });
const runSeconds = (performance.now() - t1) / 1000;
await tab.waitForSelector('#charts svg');
const workerSeconds = Number((await tab.textContent('#status')).match(/([\d.]+) s/)?.[1]);
mkdirSync(join(root, 'docs/img'), { recursive: true });
await tab.screenshot({ path: join(root, 'docs/img/explorer.png') });
// The simulation alone (window.goldilocks.run: the --json document, no charts or files), worker warm.
const t2 = performance.now();
await tab.evaluate(() => window.goldilocks.run(document.getElementById('yaml').value));
const apiSeconds = (performance.now() - t2) / 1000;
await browser.close();

const c0 = performance.now();
execFileSync(
  process.execPath,
  [join(root, 'bin/goldilocks'), 'run', '--reps', '20', '--years', '3', '--no-charts', '--out', join(root, 'output/explorer-timing-cli')],
  { stdio: 'ignore' },
);
const cliSeconds = (performance.now() - c0) / 1000;

const timing = {
  file: 'dist/web/explorer.html',
  bytes: statSync(page).size,
  pageLoadSeconds: Math.round(loadSeconds * 100) / 100,
  defaultScenario: '20 replications x 3 years, seed 1',
  browserClickToTilesSeconds: Math.round(runSeconds * 100) / 100,
  browserWorkerSeconds: workerSeconds,
  browserApiRunSeconds: Math.round(apiSeconds * 100) / 100,
  cliWholeProcessSeconds: Math.round(cliSeconds * 100) / 100,
  chromium: '/usr/bin/chromium',
  node: process.version,
};
mkdirSync(join(root, 'output'), { recursive: true });
writeFileSync(join(root, 'output/explorer-timing.json'), JSON.stringify(timing, null, 2) + '\n');
process.stdout.write(`docs/img/explorer.png written\n${JSON.stringify(timing, null, 2)}\n`);
