import { CHARTS, writePlaceholders } from './fixtures.js';
/**
 * The HTML report in a real headless Chromium (playwright-core with the Debian chromium):
 * each kind of report opens from a file:// URL with no console errors, makes no request beyond
 * the page itself, shows every chart with a non-zero size, does not overflow the page width, and
 * prints to an A4 PDF. The real charts are used when src/report/produce.ts can draw them,
 * otherwise small placeholder SVGs. A screenshot and the PDF of the run report are saved for a
 * person to look at with GOLDILOCKS_KEEP_ARTIFACTS=1 (in output/test-artifacts/).
 *
 * Skipped only when /usr/bin/chromium is missing (install it with `apt-get install -y chromium`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { loadDefaultScenario } from '../../src/scenario/load.js';
import { runScenario, runSettings, type ScenarioResults } from '../../src/experiment/replications.js';
import { writeRunOutputs } from '../../src/experiment/run-output.js';
import { compareDesigns, type Comparison } from '../../src/experiment/compare.js';
import { writeComparison } from '../../src/experiment/compare-output.js';
import { explore, type Exploration } from '../../src/experiment/explore.js';
import { writeExploration } from '../../src/experiment/explore-output.js';
import { loadSweep, runSweep } from '../../src/experiment/sweep.js';
import { toJson } from '../../src/experiment/files.js';
import { writeReport } from '../../src/report/report-folder.js';
import { tempDir, artifactsDir } from '../setup/temp.js';
import { CHROMIUM_ARGS } from '../../scripts/chromium.mjs';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`report-browser.test.ts: skipped: ${CHROMIUM} does not exist (apt-get install -y chromium)`);

const root = join(import.meta.dirname, '../..');
const ARTIFACTS = artifactsDir(); // removed after the file unless GOLDILOCKS_KEEP_ARTIFACTS=1
const ARGS = CHROMIUM_ARGS;
const TIMEOUT = 60_000;

interface ChartMakers {
  chartsForRun(dir: string, scenario: string, results: ScenarioResults): Promise<string[]>;
  chartsForComparison(dir: string, c: Comparison): Promise<string[]>;
  chartsForExploration(dir: string, scenario: string, e: Exploration): Promise<string[]>;
  chartsForSweep(dir: string): Promise<string[]>;
}

/** The real chart functions when they are there and work; null means use placeholders. */
async function realCharts(): Promise<ChartMakers | null> {
  try {
    const mod = (await import('../../src/report/produce.js')) as Partial<ChartMakers>;
    const names = ['chartsForRun', 'chartsForComparison', 'chartsForExploration', 'chartsForSweep'] as const;
    return names.every((n) => typeof mod[n] === 'function') ? (mod as ChartMakers) : null;
  } catch (err) {
    console.warn(`report-browser.test.ts: real charts not importable (${(err as Error).message.split('\n')[0]}); using placeholder SVGs`);
    return null;
  }
}

/** Draw with the real charts if possible; fall back to placeholders if they fail or draw nothing. */
async function charts(dir: string, draw: (() => Promise<string[]>) | null, fallback: readonly string[]): Promise<'real' | 'placeholder'> {
  if (draw) {
    try {
      await draw();
      if (existsSync(join(dir, 'charts')) && readdirSync(join(dir, 'charts')).some((f) => f.endsWith('.svg'))) return 'real';
    } catch (err) {
      console.warn(`report-browser.test.ts: real charts failed in ${dir} (${(err as Error).message.split('\n')[0]}); using placeholders`);
    }
  }
  writePlaceholders(dir, fallback);
  return 'placeholder';
}

const dirs: Record<'run' | 'compare' | 'explore' | 'sweep', string> = { run: '', compare: '', explore: '', sweep: '' };
const chartKind: Record<string, string> = {};

async function buildFixtures(work: string): Promise<void> {
  const real = await realCharts();
  const loaded = loadDefaultScenario();
  const scenario = loaded.scenario;
  const settings = runSettings(scenario, { replications: 3, years: 1, warmupDays: 60 });

  dirs.run = join(work, 'run');
  const results = runScenario(scenario, settings);
  (writeRunOutputs as (...a: unknown[]) => unknown)(dirs.run, scenario.name, results, loaded.hash, 0.25, {}, scenario);
  if (!existsSync(join(dirs.run, 'scenario.json'))) writeFileSync(join(dirs.run, 'scenario.json'), toJson(scenario));
  chartKind.run = await charts(dirs.run, real && (() => real.chartsForRun(dirs.run, scenario.name, results)), CHARTS.run);

  dirs.compare = join(work, 'compare');
  const capped = loadDefaultScenario(['policy.sessionCap=3']);
  const designs = [
    { name: 'default', scenario },
    { name: 'cap-3', scenario: capped.scenario },
  ];
  const c = compareDesigns(designs, settings);
  (writeComparison as (...a: unknown[]) => unknown)(dirs.compare, c, [loaded.hash, capped.hash], 0.5, {}, designs);
  if (!existsSync(join(dirs.compare, 'scenarios.json'))) writeFileSync(join(dirs.compare, 'scenarios.json'), toJson(designs));
  chartKind.compare = await charts(dirs.compare, real && (() => real.chartsForComparison(dirs.compare, c)), CHARTS.compare);

  dirs.explore = join(work, 'explore');
  const e = explore(scenario, settings, 5);
  (writeExploration as (...a: unknown[]) => unknown)(dirs.explore, scenario.name, e, loaded.hash, 0.75, scenario);
  if (!existsSync(join(dirs.explore, 'scenario.json'))) writeFileSync(join(dirs.explore, 'scenario.json'), toJson(scenario));
  chartKind.explore = await charts(dirs.explore, real && (() => real.chartsForExploration(dirs.explore, scenario.name, e)), CHARTS.explore);

  const sweepFile = join(work, 'sweep-grid.yaml');
  writeFileSync(
    sweepFile,
    `name: sweep-grid
base: ${join(root, 'scenarios/default.yaml')}
factors:
  - path: policy.sessionCap
    values: [3, 6, open]
  - path: referrals.practices.0.referralsPerMonth
    range: { from: 10, to: 20, steps: 3 }
replications: 2
years: 1
warmupDays: 30
metrics: [waitDays, overloadIndex, needMetShare]
`,
  );
  dirs.sweep = join(work, 'sweep');
  await runSweep(loadSweep(sweepFile), { outDir: dirs.sweep, workers: 1, resume: false, shard: null });
  chartKind.sweep = await charts(dirs.sweep, real && (() => real.chartsForSweep(dirs.sweep)), CHARTS.sweep);

  for (const d of Object.values(dirs)) writeReport(d);
  console.log(`report-browser.test.ts: charts ${JSON.stringify(chartKind)}`);
}

interface Watched {
  page: Page;
  url: string;
  errors: string[];
  requests: string[];
}

let browser: Browser;

async function open(dir: string, viewport = { width: 1100, height: 900 }): Promise<Watched> {
  const page = await browser.newPage({ viewport });
  const url = pathToFileURL(join(dir, 'report.html')).href;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, errors, requests };
}

async function expectClean(w: Watched): Promise<void> {
  expect(w.errors, w.errors.join('\n')).toEqual([]);
  const foreign = w.requests.filter((r) => r !== w.url && !r.startsWith('data:'));
  expect(foreign, `requests beyond the page: ${foreign.join(', ')}`).toEqual([]);
  // The page opens on its summary; every other section is a closed <details>.
  expect(await w.page.locator('main > section.summary').count()).toBe(1);
  expect(await w.page.locator('main > details.more[open]').count()).toBe(0);
  expect(await w.page.locator('main > details.more').count()).toBeGreaterThan(2);
  await w.page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  // Every chart has a size and is visible.
  const svgs = w.page.locator('figure svg');
  const n = await svgs.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const svg = svgs.nth(i);
    await expect.poll(() => svg.isVisible()).toBe(true);
    const box = await svg.boundingBox();
    expect(box, `figure svg ${i}`).not.toBeNull();
    expect(box!.width).toBeGreaterThan(0);
    expect(box!.height).toBeGreaterThan(0);
  }
  expect(await w.page.locator('figure.missing').count()).toBe(0);
  // Nothing wider than the window: charts scale down, wide tables scroll in their own box.
  const overflow = await w.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.skipIf(!HAVE_CHROMIUM)('HTML report in headless Chromium', () => {
  beforeAll(async () => {
    const work = tempDir('goldilocks-report-browser-');
    await buildFixtures(work);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: TIMEOUT });
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'run report: loads cleanly, charts visible, screenshot and A4 PDF',
    async () => {
      const w = await open(dirs.run);
      await expectClean(w);
      expect(await w.page.title()).toContain('Goldilocks run report');
      expect(await w.page.locator('h2').allTextContents()).toEqual(
        expect.arrayContaining(['Key numbers', 'Charts', 'Assumptions in force', 'How this was run']),
      );
      const shot = join(ARTIFACTS, 'report.png');
      await w.page.screenshot({ path: shot, fullPage: true });
      expect(existsSync(shot)).toBe(true);
      const pdf = await w.page.pdf({ format: 'A4' });
      writeFileSync(join(ARTIFACTS, 'report.pdf'), pdf);
      expect(pdf.length).toBeGreaterThan(1024);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await w.page.close();
    },
    TIMEOUT,
  );

  it(
    'run report on a phone-sized screen: nothing overflows the page',
    async () => {
      const w = await open(dirs.run, { width: 390, height: 844 });
      await expectClean(w);
      await w.page.close();
    },
    TIMEOUT,
  );

  /**
   * The printed summary fits one A4 page: in print media at the printable width of A4 with the
   * report's 15 mm margins (180 mm), the header and the summary end within the printable height
   * (267 mm), and the PDF of the page with its sections closed has exactly two pages (the summary,
   * then the section titles after its page break).
   */
  for (const kind of ['run', 'compare', 'explore', 'sweep'] as const) {
    it(
      `${kind} report: the summary is the first screen and fits one printed A4 page`,
      async () => {
        const w = await open(dirs[kind], { width: 1280, height: 800 });
        const summary = w.page.locator('main > section.summary');
        await expect.poll(() => summary.isVisible()).toBe(true);
        const text = await summary.innerText();
        if (kind !== 'sweep') {
          expect(text).toMatch(/95 % (CI|confidence)/);
          expect(text).toMatch(/£\d/);
          expect(text).toMatch(/Findings|Just right/);
        }
        const mm = 96 / 25.4;
        await w.page.emulateMedia({ media: 'print' });
        await w.page.setViewportSize({ width: Math.floor(180 * mm), height: Math.floor(267 * mm) });
        const bottom = await w.page.evaluate(() => {
          const s = document.querySelector('main > section.summary')!;
          return s.getBoundingClientRect().bottom + window.scrollY;
        });
        expect(bottom, `${kind} summary ends at ${Math.round(bottom)} px of ${Math.round(267 * mm)}`).toBeLessThanOrEqual(267 * mm);
        await w.page.screenshot({ path: join(ARTIFACTS, `report-${kind}-summary-print.png`) });
        const pdf = await w.page.pdf({ format: 'A4' });
        const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;
        expect(pages).toBe(2);
        await w.page.close();
      },
      TIMEOUT,
    );
  }

  for (const kind of ['compare', 'explore', 'sweep'] as const) {
    it(
      `${kind} report: loads cleanly, charts visible, prints to A4`,
      async () => {
        const w = await open(dirs[kind]);
        await expectClean(w);
        await w.page.screenshot({ path: join(ARTIFACTS, `report-${kind}.png`), fullPage: true });
        const pdf = await w.page.pdf({ format: 'A4' });
        expect(pdf.length).toBeGreaterThan(1024);
        await w.page.close();
      },
      TIMEOUT,
    );
  }
});
