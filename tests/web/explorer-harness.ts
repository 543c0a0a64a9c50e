/**
 * What the explorer's browser tests share: the page built from the current sources (the builder
 * `npm run build` uses) into a temporary folder, opened from file:// in headless Chromium
 * (playwright-core with the Debian chromium) as a user opens the file, with its console errors and
 * any request for something outside the page recorded; the CLI; comparisons of documents and CSVs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { parseCsv } from '../../src/report/html.js';
import { artifactsDir, tempDir } from '../setup/temp.js';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);

/** Say why a browser test file is skipped (once per file). */
export function warnIfNoChromium(file: string): void {
  if (!HAVE_CHROMIUM) console.warn(`${file}: skipped: ${CHROMIUM} does not exist (apt-get install -y chromium)`);
}

export const root = join(import.meta.dirname, '../..');
const ARGS = CHROMIUM_ARGS;
/**
 * A test's limit, and (shorter) the limit of one wait in it: a wait that runs out fails naming what
 * it waited for (an event, a selector, a download), before the test's own limit hides which it was.
 */
export const TIMEOUT = 300_000;
export const WAIT = 90_000;
const TOL = 0; // bit for bit

/** Few replications and a short run, so each run takes a second or two. */
export const FAST = { replications: 3, years: 1, warmupDays: 60 };

/** FAST as the CLI's flags. */
export const FAST_FLAGS = ['--reps', String(FAST.replications), '--years', String(FAST.years), '--warmup-days', String(FAST.warmupDays)];

export interface Explorer {
  browser: Browser;
  /** The page, opened once; tests share it. */
  page: Page;
  /** The built explorer.html. */
  file: string;
  /** A temporary folder (removed after the test file). */
  tmp: string;
  /** Screenshots: removed after the file unless GOLDILOCKS_KEEP_ARTIFACTS=1. */
  artifacts: string;
  consoleErrors: string[];
  /** Requests for anything but the page's file, its blob: workers and data: images (all refused). */
  foreignRequests: string[];
}

/** Build the page, start Chromium and open the page (call in beforeAll; close `browser` in afterAll). */
export async function openExplorer(): Promise<Explorer> {
  const artifacts = artifactsDir();
  mkdirSync(artifacts, { recursive: true });
  const tmp = tempDir('goldilocks-web-');
  const { buildExplorer } = (await import(pathToFileURL(join(root, 'scripts/build-web.mjs')).href)) as { buildExplorer: () => Promise<string> };
  const file = join(tmp, 'explorer.html');
  writeFileSync(file, await buildExplorer());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  // Waits for downloads and events too: the suite runs browser tests beside heavy ones on 2 cores,
  // where Playwright's 30 s default has run out (a wait is not what these tests measure).
  page.setDefaultTimeout(WAIT);
  const consoleErrors: string[] = [];
  const foreignRequests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith('file:') && !url.startsWith('blob:') && !url.startsWith('data:')) foreignRequests.push(url);
    return url.startsWith('file:') || url.startsWith('blob:') || url.startsWith('data:') ? route.continue() : route.abort();
  });
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready=true]', { timeout: WAIT });
  return { browser, page, file, tmp, artifacts, consoleErrors, foreignRequests };
}

/** Another tab opened at `address`, once its page is ready (close it after). */
export async function openAddress(browser: Browser, address: string): Promise<Page> {
  const other = await browser.newPage();
  await other.goto(address);
  await other.waitForSelector('body[data-ready=true]', { timeout: WAIT });
  return other;
}

export function cli(args: string[]): string {
  return execFileSync(process.execPath, [join(root, 'bin/goldilocks'), ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function close(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.abs(a - b) <= TOL * Math.max(Math.abs(a), Math.abs(b));
  return a === b;
}

/** Deep equality with numbers compared to TOL relative; returns the first difference's path. */
export function diff(a: unknown, b: unknown, path = ''): string | null {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) {
      const d = diff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return close(a, b) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** CSV text compared cell by cell (numbers to TOL). */
export function csvDiff(a: string, b: string): string | null {
  const ra = parseCsv(a);
  const rb = parseCsv(b);
  if (ra.length !== rb.length) return `rows ${ra.length} vs ${rb.length}`;
  for (let i = 0; i < ra.length; i++) {
    if (ra[i].length !== rb[i].length) return `row ${i}: ${ra[i].length} vs ${rb[i].length} fields`;
    for (let j = 0; j < ra[i].length; j++) {
      const x = ra[i][j];
      const y = rb[i][j];
      const nx = x === '' ? NaN : Number(x);
      const ny = y === '' ? NaN : Number(y);
      if (x === y || (Number.isFinite(nx) && Number.isFinite(ny) && close(nx, ny))) continue;
      return `row ${i} field ${j}: ${x} vs ${y}`;
    }
  }
  return null;
}

/** The default scenario with FAST run settings, as YAML text. */
export function fastYaml(extra = ''): string {
  const text = readFileSync(join(root, 'scenarios/default.yaml'), 'utf8')
    .replace(/^ {2}years: .*$/m, `  years: ${FAST.years}`)
    .replace(/^ {2}warmupDays: .*$/m, `  warmupDays: ${FAST.warmupDays}`)
    .replace(/^ {2}replications: .*$/m, `  replications: ${FAST.replications}`);
  return text + extra;
}

/** Put YAML text in the page's YAML tab (as typed), then show the form. */
export async function setYaml(page: Page, text: string): Promise<void> {
  await page.click('#tab-yaml');
  await page.fill('#yaml', text);
  await page.click('#tab-form');
}

/**
 * Between two download clicks, at least a person's pace. Chromium's guard against a page starting
 * many downloads lets one through per user interaction, and clicks closer together than this do not
 * always count as a new one: then the download is dropped with no event (measured with this page:
 * 14 of 220 downloads dropped clicking as fast as Playwright can, 0 of 220 with 300 ms between).
 */
const DOWNLOAD_PACE_MS = 600;
let lastDownload = 0;

/**
 * Click a download button and return the downloaded file's bytes. Each step has its own limit and
 * names the file when it runs out: the download event (WAIT), then the file's completion, whose
 * Playwright call (download.path) has no limit of its own.
 */
export async function downloadBytes(page: Page, selector: string): Promise<Buffer> {
  const wait = lastDownload + DOWNLOAD_PACE_MS - Date.now();
  if (wait > 0) await page.waitForTimeout(wait);
  lastDownload = Date.now();
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: WAIT }), page.click(selector)]);
  let timer: NodeJS.Timeout | undefined;
  const ranOut = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the download from ${selector} (${download.suggestedFilename()}) started but did not finish in ${WAIT / 1000} s`)),
      WAIT,
    );
  });
  try {
    const path = await Promise.race([download.path(), ranOut]);
    if (!path) throw new Error(`the download from ${selector} failed: ${await download.failure()}`);
    return readFileSync(path);
  } finally {
    clearTimeout(timer);
  }
}

/** downloadBytes as UTF-8 text. */
export async function downloadText(page: Page, selector: string): Promise<string> {
  return (await downloadBytes(page, selector)).toString('utf8');
}

/** Click a run button and wait for `done`, the charts, and the job's end. */
export async function runAndWait(page: Page, button: string, done: string): Promise<void> {
  await page.evaluate(() => document.getElementById('results')!.replaceChildren());
  await page.click(button);
  await page.waitForSelector(done, { timeout: WAIT });
  await page.waitForSelector('#charts svg', { timeout: WAIT });
  await page.waitForFunction(() => (document.getElementById('cancel') as HTMLButtonElement).disabled, null, { timeout: WAIT });
}
