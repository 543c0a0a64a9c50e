/**
 * The explorer page (issue 13) in a real headless Chromium, opened from file:// as a user would
 * open the file (tests/web/explorer-harness.ts), gives the CLI's answers:
 * - it loads with no console errors and makes no network request (only its own file and the
 *   blob: URL of its worker);
 * - the default scenario runs and its tiles equal the CLI's --json for the same seed;
 * - a form edit changes the YAML and the result as the CLI's --set does;
 * - compare and explore complete and draw their charts;
 * - the downloaded report.html and CSVs equal the CLI's for the same inputs;
 * - after a run and a compare the page shows report.html's one-page summary (the same text as the
 *   report the CLI writes), and the cost tiles in pounds, as report.html formats them;
 * - replications on helper workers give the same numbers as one worker; Cancel stops a run.
 * What people bring to the page (links, field values, awkward names) is in
 * explorer-input-browser.test.ts. Screenshots go to a temporary folder (to output/test-artifacts/
 * with GOLDILOCKS_KEEP_x.artifacts=1).
 *
 * Numbers are compared exactly: the model and its statistics take exp, log, pow, sin, cos and the
 * t quantile from src/random/math.ts (pure-JS, IEEE arithmetic only), not from the engine's Math,
 * whose last bit differs between Chromium and Node (Math.exp for a few per cent of arguments).
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatInterval, formatValue } from '../../src/report/format.js';
import { uncertaintyProblem } from '../../src/scenario/uncertainty-option.js';
import {
  cli,
  close,
  csvDiff,
  diff,
  downloadBytes,
  downloadText,
  type Explorer,
  FAST,
  FAST_FLAGS,
  fastYaml,
  HAVE_CHROMIUM,
  openExplorer,
  root,
  runAndWait as runAndWaitIn,
  setYaml as setYamlIn,
  TIMEOUT,
  WAIT,
  warnIfNoChromium,
} from './explorer-harness.js';

warnIfNoChromium('explorer-browser.test.ts');

let x: Explorer;
let browser: Browser;
let page: Page;
let file: string;
let tmp: string;

const setYaml = (text: string) => setYamlIn(page, text);
const runAndWait = (button: string, done: string) => runAndWaitIn(page, button, done);

async function tileValues(): Promise<Record<string, { mean: number; low: number; high: number }>> {
  return page.$$eval('#tiles .tile', (tiles) =>
    Object.fromEntries(
      tiles.map((t) => [
        t.getAttribute('data-metric')!,
        { mean: Number(t.getAttribute('data-mean')), low: Number(t.getAttribute('data-low')), high: Number(t.getAttribute('data-high')) },
      ]),
    ),
  );
}

/** The one-page summary of a report.html on disk (its question and section#summary), as Chromium reads it. */
async function reportSummary(file: string): Promise<{ question: string; text: string; html: string }> {
  const other = await browser.newPage();
  try {
    await other.goto(pathToFileURL(file).href);
    return await other.evaluate(() => ({
      question: document.querySelector('header .question')!.textContent!,
      text: document.getElementById('summary')!.textContent!,
      html: document.getElementById('summary')!.innerHTML,
    }));
  } finally {
    await other.close();
  }
}

/** The page's summary equals the CLI report's: the same question and the same section, word for word. */
async function expectSummaryMatches(reportFile: string): Promise<void> {
  const want = await reportSummary(reportFile);
  const got = await page.evaluate(() => ({
    question: document.getElementById('summary-question')!.textContent!,
    text: document.querySelector('#page-summary #summary')!.textContent!,
    html: document.querySelector('#page-summary #summary')!.innerHTML,
  }));
  expect(want.text).toMatch(/Headline figures/);
  expect(want.text).toMatch(/£\d/);
  expect(got.question).toBe(want.question);
  expect(got.text).toBe(want.text);
  expect(got.html).toBe(want.html);
}

/**
 * report.html with what may differ between the page and the CLI taken out: where it ran and how
 * long it took (the draws' time too), and the last bits of long decimals (chart coordinates), compared to 10 significant digits.
 */
const normalise = (html: string) =>
  html
    .replace(/(on Node\.js|run in a web browser) [^<]*/g, 'on …')
    .replace(/\d+(\.\d+)? s(<| on)/g, 'N s$2')
    .replace(/&quot;wallSeconds&quot;:[\d.e-]+/g, '&quot;wallSeconds&quot;:N')
    .replace(/-?\d+\.\d{6,}/g, (x) => Number(x).toPrecision(10));

/** The page's report equals the CLI's, or the test shows where they part (a last-bit difference in a number shows as one digit). */
function expectSameReport(pageHtml: string, cliHtml: string): void {
  const got = normalise(pageHtml);
  const want = normalise(cliHtml);
  if (got !== want) {
    let i = 0;
    while (i < want.length && want[i] === got[i]) i++;
    expect(got.slice(Math.max(0, i - 200), i + 200)).toBe(want.slice(Math.max(0, i - 200), i + 200));
  }
  expect(got).toBe(want);
}

function expectTilesMatch(
  tiles: Record<string, { mean: number; low: number; high: number }>,
  doc: { metrics: Record<string, { mean: number; ci95: [number, number] }> },
): void {
  expect(Object.keys(tiles).length).toBeGreaterThanOrEqual(5);
  for (const [id, t] of Object.entries(tiles)) {
    const m = doc.metrics[id];
    expect(m, id).toBeDefined();
    expect(close(t.mean, m.mean), `${id} mean ${t.mean} vs ${m.mean}`).toBe(true);
    expect(close(t.low, m.ci95[0]) && close(t.high, m.ci95[1]), `${id} interval`).toBe(true);
  }
}

describe.skipIf(!HAVE_CHROMIUM)("explorer page in headless Chromium: the CLI's answers", () => {
  beforeAll(async () => {
    x = await openExplorer();
    ({ browser, page, file, tmp } = x);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'loads from file:// with no console errors and no network requests; one file',
    async () => {
      expect(await page.inputValue('#yaml')).toBe(readFileSync(join(root, 'scenarios/default.yaml'), 'utf8'));
      expect(await page.isEnabled('#run')).toBe(true);
      await page.screenshot({ path: join(x.artifacts, 'explorer-start.png') });
      // Nothing to fetch: no src/href to anything but the page itself (outside the inlined code).
      const html = readFileSync(file, 'utf8').replace(/<script id="goldilocks-code">[\s\S]*<\/script>/, '<script></script>');
      expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href=|@import|url\(http/i);
      expect(x.consoleErrors).toEqual([]);
      expect(x.foreignRequests).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'runs the default scenario: tiles equal the CLI --json for the same seed; charts drawn',
    async () => {
      await setYaml(fastYaml());
      await runAndWait('#run', '#tiles');
      const tiles = await tileValues();
      const doc = JSON.parse(cli(['run', ...FAST_FLAGS, '--no-charts', '--json', '--out', join(tmp, 'cli-run')]));
      expectTilesMatch(tiles, doc);
      // window.goldilocks.run gives the whole document, the same as the CLI's.
      const scripted = await page.evaluate(
        (o) =>
          (window as unknown as { goldilocks: { run: (s: string, o: unknown) => Promise<unknown> } }).goldilocks.run(
            document.querySelector<HTMLTextAreaElement>('#yaml')!.value,
            o,
          ),
        FAST,
      );
      expect(diff(scripted, doc)).toBeNull();
      expect(await page.locator('#charts svg').count()).toBeGreaterThanOrEqual(2);
      // The cost tiles, formatted as report.html and the CLI's tables format them (to the pound).
      for (const id of ['costPerYear', 'costPerNeedMet']) {
        const value = await page.textContent(`#tiles .tile[data-metric=${id}] .tile-value`);
        expect(value, id).toMatch(/^£\d{1,3}(,\d{3})*$/);
        expect(value, id).toBe(formatValue(id, doc.metrics[id].mean));
        const ci = (await page.textContent(`#tiles .tile[data-metric=${id}] .tile-ci`))!;
        expect(ci, id).toBe(doc.metrics[id].ci95[0] === doc.metrics[id].ci95[1] ? '' : `95 % CI ${formatInterval(id, doc.metrics[id].ci95)}`);
      }
      expect(await page.textContent('#tiles .tile[data-metric=unmetNeedShare] .tile-value')).toBe(
        formatValue('unmetNeedShare', doc.metrics.unmetNeedShare.mean),
      );
      expect(await page.textContent('#tiles .tile[data-metric=unmetNeedShare] .tile-value')).toMatch(/^\d+ %$/);
      // The one-page summary above the tiles: the report's, for the same scenario file and seed.
      const scenarioFile = join(tmp, 'run-summary.yaml');
      writeFileSync(scenarioFile, fastYaml());
      cli(['run', scenarioFile, '--report', '--no-charts', '--out', join(tmp, 'cli-run-report')]);
      await expectSummaryMatches(join(tmp, 'cli-run-report/report.html'));
      expect(
        await page.evaluate(
          () => document.getElementById('page-summary')!.compareDocumentPosition(document.getElementById('tiles')!) & Node.DOCUMENT_POSITION_FOLLOWING,
        ),
      ).toBeTruthy();
      await page.screenshot({ path: join(x.artifacts, 'explorer-run.png'), fullPage: true });
      expect(x.consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a form edit changes the YAML and the result (as the CLI with --set)',
    async () => {
      await setYaml(fastYaml());
      await page.fill('#f-policy-sessionCap', '2');
      await page.press('#f-policy-sessionCap', 'Tab');
      expect(await page.inputValue('#yaml')).toMatch(/^ {2}sessionCap: 2\b/m);
      await runAndWait('#run', '#tiles');
      const tiles = await tileValues();
      const base = JSON.parse(readFileSync(join(tmp, 'cli-run/summary.json'), 'utf8'));
      expect(close(tiles.unmetNeedShare.mean, base.metrics.unmetNeedShare.mean)).toBe(false);
      const doc = JSON.parse(cli(['run', ...FAST_FLAGS, '--set', 'policy.sessionCap=2', '--no-charts', '--json', '--out', join(tmp, 'cli-cap2')]));
      expectTilesMatch(tiles, doc);
    },
    TIMEOUT,
  );

  it(
    'compares a kept baseline with an edited design: verdicts and the forest plot, as the CLI',
    async () => {
      await setYaml(fastYaml());
      await page.click('#keep');
      await page.fill('#f-name', 'capped-at-3');
      await page.press('#f-name', 'Tab');
      await page.fill('#f-policy-sessionCap', '3');
      await page.press('#f-policy-sessionCap', 'Tab');
      await runAndWait('#compare', '#verdicts');
      expect(await page.locator('#verdicts tbody tr').count()).toBeGreaterThanOrEqual(4);
      await page.screenshot({ path: join(x.artifacts, 'explorer-compare.png'), fullPage: true });
      const a = join(tmp, 'a.yaml');
      const b = join(tmp, 'b.yaml');
      writeFileSync(a, fastYaml());
      writeFileSync(b, await page.inputValue('#yaml'));
      const doc = JSON.parse(cli(['compare', a, b, '--no-charts', '--report', '--json', '--out', join(tmp, 'cli-compare')]));
      // The one-page summary (designs, headline figures, findings with verdicts, cost-effect): the report's.
      await expectSummaryMatches(join(tmp, 'cli-compare/report.html'));
      expect(await page.textContent('#page-summary #summary')).toMatch(/capped-at-3/);
      const costRow = page.locator('#verdicts tbody tr', { hasText: 'Cost a year' });
      expect(await costRow.locator('td').first().textContent()).toContain(formatValue('costPerYear', doc.designs[0].metrics.costPerYear.mean));
      const scripted = await page.evaluate(
        ([x, y]) => (window as unknown as { goldilocks: { compare: (s: string[]) => Promise<unknown> } }).goldilocks.compare([x, y]),
        [fastYaml(), await page.inputValue('#yaml')],
      );
      expect(diff(scripted, doc)).toBeNull();
      const verdicts = await page.$$eval('#verdicts tbody td strong', (s) => s.map((x) => x.textContent));
      expect(verdicts.length).toBeGreaterThan(0);
      // The page's compare files: the CLI's tidy CSVs.
      const files = new Map(
        await page.evaluate(
          ([x, y]) =>
            (window as unknown as { goldilocks: { files: (k: string, s: string[]) => Promise<Array<[string, string]>> } }).goldilocks.files('compare', [x, y]),
          [fastYaml(), await page.inputValue('#yaml')],
        ),
      );
      for (const f of ['designs.csv', 'differences.csv', 'replications.csv'])
        expect(csvDiff(files.get(f)!, readFileSync(join(tmp, 'cli-compare', f), 'utf8')), f).toBeNull();
    },
    TIMEOUT,
  );

  it(
    'explores the dial: the just-right answer and the Goldilocks curve, as the CLI',
    async () => {
      await setYaml(fastYaml());
      await page.fill('#steps', '3');
      await runAndWait('#explore', '#levels');
      expect(await page.locator('#levels tbody tr').count()).toBe(3);
      const doc = JSON.parse(cli(['explore', '--steps', '3', ...FAST_FLAGS, '--no-charts', '--json', '--out', join(tmp, 'cli-explore')]));
      expect(await page.textContent('#just-right')).toContain(doc.justRight.label);
      const files = new Map(
        await page.evaluate(
          (y) =>
            (window as unknown as { goldilocks: { files: (k: string, s: string[], o: unknown) => Promise<Array<[string, string]>> } }).goldilocks.files(
              'explore',
              [y],
              { steps: 3 },
            ),
          fastYaml(),
        ),
      );
      for (const f of ['levels.csv', 'results.csv']) expect(csvDiff(files.get(f)!, readFileSync(join(tmp, 'cli-explore', f), 'utf8')), f).toBeNull();
      await page.screenshot({ path: join(x.artifacts, 'explorer-explore.png'), fullPage: true });
    },
    TIMEOUT,
  );

  it(
    'downloads report.html and the CSVs equal to what the CLI writes for the same inputs',
    async () => {
      await setYaml(fastYaml());
      await runAndWait('#run', '#tiles');
      const scenarioFile = join(tmp, 'default.yaml');
      writeFileSync(scenarioFile, fastYaml());
      const out = join(tmp, 'cli-report');
      cli(['run', scenarioFile, '--report', '--out', out]);
      const buttons = await page.$$eval('#downloads button', (bs) => bs.map((b) => b.getAttribute('data-file')!));
      const csvs = readdirSync(out).filter((f) => f.endsWith('.csv'));
      expect(csvs.length).toBeGreaterThanOrEqual(3);
      for (const f of [...csvs, 'report.html', 'summary.json', 'manifest.json']) expect(buttons, f).toContain(f);
      const got = new Map<string, string>();
      for (const f of buttons) {
        got.set(f, await downloadText(page, `#downloads button[data-file="${f}"]`));
      }
      for (const f of csvs) expect(csvDiff(got.get(f)!, readFileSync(join(out, f), 'utf8')), f).toBeNull();
      // results.xlsx, built in the page: the Summary, one sheet per CSV with its header, numbers as numbers, Provenance.
      const book = (await readXlsxFile(await downloadBytes(page, '#downloads button[data-file="results.xlsx"]'))) as unknown as Array<{
        sheet: string;
        data: unknown[][];
      }>;
      expect(book.map((b) => b.sheet).sort()).toEqual(['Provenance', 'Summary', ...csvs.map((f) => f.replace(/\.csv$/, ''))].sort());
      const reps = book.find((b) => b.sheet === 'replications')!.data;
      expect(reps[0]).toEqual(readFileSync(join(out, 'replications.csv'), 'utf8').split('\n')[0].split(','));
      expect(typeof reps[1][reps[0].indexOf('value')]).toBe('number');
      expect(diff(JSON.parse(got.get('summary.json')!), JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8')))).toBeNull();
      // The manifest: the same but for the wall time and where it ran (Node.js vs this browser).
      const manifest = (t: string) => ({ ...JSON.parse(t), wallSeconds: 0, node: '' });
      expect(diff(manifest(got.get('manifest.json')!), manifest(readFileSync(join(out, 'manifest.json'), 'utf8')))).toBeNull();
      writeFileSync(join(x.artifacts, 'explorer-report.html'), got.get('report.html')!);
      expectSameReport(got.get('report.html')!, readFileSync(join(out, 'report.html'), 'utf8'));
    },
    TIMEOUT,
  );

  it(
    "parameter draws (the CLI's --uncertainty): the same document, files, report and summary as the CLI; a bad count is refused with the bounds",
    async () => {
      await setYaml(fastYaml());
      await page.fill('#draws', '1');
      await page.click('#run');
      await page.waitForFunction(() => /^Could not run/.test(document.getElementById('status')!.textContent ?? ''), null, { timeout: WAIT });
      // The bounds every door shares (the CLI's --uncertainty, the library's option), in the page's words.
      expect(await page.textContent('#status')).toContain(uncertaintyProblem(1, 'page'));
      expect(uncertaintyProblem(1, 'page')).toMatch(/^the "Parameter draws" field must be a whole number from 2 to 1,000/);
      await page.fill('#draws', '2');
      try {
        await runAndWait('#run', '#tiles');
      } finally {
        await page.fill('#draws', '0');
      }
      const scenarioFile = join(tmp, 'draws.yaml');
      writeFileSync(scenarioFile, fastYaml());
      const out = join(tmp, 'cli-draws');
      const doc = JSON.parse(cli(['run', scenarioFile, '--uncertainty', '2', '--report', '--json', '--out', out]));
      expect(doc.uncertainty.draws).toBe(2);
      // The tiles: the noise-only interval, then the one with the assumptions, as the report's cards.
      const wait = page.locator('#tiles .tile[data-metric=waitDays] .tile-total');
      expect(await wait.textContent()).toBe(`+ assumptions ${formatInterval('waitDays', doc.metrics.waitDays.ci95Total)}`);
      const got = new Map<string, string>();
      for (const f of ['summary.json', 'uncertainty.json', 'uncertainty.csv', 'report.html'])
        got.set(f, await downloadText(page, `#downloads button[data-file="${f}"]`));
      expect(diff(JSON.parse(got.get('summary.json')!), doc)).toBeNull();
      expect(diff(JSON.parse(got.get('uncertainty.json')!), doc)).toBeNull();
      expect(csvDiff(got.get('uncertainty.csv')!, readFileSync(join(out, 'uncertainty.csv'), 'utf8'))).toBeNull();
      expectSameReport(got.get('report.html')!, readFileSync(join(out, 'report.html'), 'utf8'));
      expect(got.get('report.html')).toContain('With the assumptions’ uncertainty');
      await expectSummaryMatches(join(out, 'report.html'));
      expect(await page.textContent('#page-summary')).toContain('+ assumptions');
      // A script's option `uncertainty`, as the library's: explore's levels gain the share of draws in which each is just right.
      const explored = await page.evaluate(
        (y) =>
          (window as unknown as { goldilocks: { explore: (s: string, o: unknown) => Promise<unknown> } }).goldilocks.explore(y, { steps: 3, uncertainty: 2 }),
        fastYaml(),
      );
      const cliExplored = JSON.parse(
        cli(['explore', '--steps', '3', ...FAST_FLAGS, '--uncertainty', '2', '--no-charts', '--json', '--out', join(tmp, 'cli-explore-draws')]),
      );
      expect(diff(explored, cliExplored)).toBeNull();
      expect((explored as { levels: Array<{ justRightShare: number }> }).levels.map((l) => typeof l.justRightShare)).toEqual(['number', 'number', 'number']);
      // Compare with draws: each design's and each difference's interval with the assumptions, and the share of draws in which the design is better.
      await setYaml(fastYaml());
      await page.click('#keep');
      await page.fill('#f-name', 'capped-at-3');
      await page.press('#f-name', 'Tab');
      await page.fill('#f-policy-sessionCap', '3');
      await page.press('#f-policy-sessionCap', 'Tab');
      await page.fill('#draws', '2');
      try {
        await runAndWait('#compare', '#verdicts');
      } finally {
        await page.fill('#draws', '0');
      }
      expect(await page.locator('#verdicts .ci.total').count()).toBeGreaterThan(0);
      expect(await page.textContent('#verdicts')).toMatch(/\+ assumptions .*; better in (0|50|100) % of the draws, worse in (0|50|100) %/);
      expect(x.consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'runs replications on helper Web Workers with the same numbers as one worker (every core)',
    async () => {
      const docs = await page.evaluate(async (y) => {
        const g = (window as unknown as { goldilocks: { explore: (s: string, o: unknown) => Promise<unknown> } }).goldilocks;
        return [await g.explore(y, { steps: 3, workers: 1 }), await g.explore(y, { steps: 3, workers: 2 })];
      }, fastYaml());
      expect(JSON.stringify(docs[1])).toBe(JSON.stringify(docs[0]));
      expect(await page.evaluate(() => navigator.hardwareConcurrency)).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    'is keyboard usable: Tab reaches Run, Enter runs, Cancel stops a long run',
    async () => {
      await setYaml(
        fastYaml()
          .replace(/^ {2}replications: .*$/m, '  replications: 200')
          .replace(/^ {2}years: .*$/m, '  years: 20'),
      );
      await page.focus('#run');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#progress-box:not([hidden])', { timeout: WAIT });
      expect(await page.isEnabled('#cancel')).toBe(true);
      // The page stays responsive while the worker runs.
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      await page.focus('#cancel');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.getElementById('status')!.textContent === 'Cancelled.', null, { timeout: 10_000 });
      expect(await page.isEnabled('#run')).toBe(true);
      expect(x.consoleErrors).toEqual([]);
      expect(x.foreignRequests).toEqual([]);
    },
    TIMEOUT,
  );
});
