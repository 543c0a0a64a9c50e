/**
 * The explorer's "Fit your data" tab (issue 22) in headless Chromium, opened from file:// as a
 * user opens it (tests/web/explorer-harness.ts):
 * - examples/activity-synthetic.csv chosen on the tab's file input is fitted on the page's worker:
 *   the referral rate shown is the library's (`fitActivityText` on the same text), the downloaded
 *   scenario YAML is the library's byte for byte and fit.json its estimates; the assumptions are
 *   listed; "Open the fitted scenario in the editor" puts that YAML in the editor; the time the fit
 *   takes in the page is printed;
 * - with "Back-test" ticked, backtest.json is the library's (same seed, same replications);
 * - a bad file dropped on the drop zone shows the library's (the CLI's) message, with its line and
 *   column, and no result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/experiment/csv.js';
import { fitActivityWithBase } from '../../src/fit/fit-text.js';
import { fitActivityText } from '../../src/index.js';
import { downloadText, type Explorer, HAVE_CHROMIUM, openExplorer, root, setYaml, TIMEOUT, WAIT, warnIfNoChromium } from './explorer-harness.js';

warnIfNoChromium('fit-browser.test.ts');

const EXAMPLE = join(root, 'examples/activity-synthetic.csv');
const STEM = 'fitted-activity-synthetic';

let x: Explorer;
let browser: Browser;
let page: Page;

async function downloaded(file: string): Promise<string> {
  return downloadText(page, `#downloads button[data-file="${file}"]`);
}

/** Deep equality, numbers to 1e-12 relative; the paths that differ go into `out`. */
function nearly(a: unknown, b: unknown, path: string, out: string[]): void {
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)]))
      nearly((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out);
  } else if (typeof a === 'number' && typeof b === 'number') {
    if (a !== b && !(Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b)))) out.push(`${path}: ${a} vs ${b}`);
  } else if (a !== b) out.push(`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

/** Wait until the fit (or its refusal) is over: Cancel goes off again. */
const settled = () => page.waitForFunction(() => (document.getElementById('fit-cancel') as HTMLButtonElement).disabled, null, { timeout: WAIT });

describe.skipIf(!HAVE_CHROMIUM)('the "Fit your data" tab', () => {
  beforeAll(async () => {
    x = await openExplorer();
    browser = x.browser;
    page = x.page;
    await page.click('#tab-fit');
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'fits a chosen activity file on the page’s worker: the library’s referral rate, its YAML byte for byte, fit.json, the assumptions; opens the fit in the editor',
    async () => {
      const text = readFileSync(EXAMPLE, 'utf8');
      let t = performance.now();
      const lib = fitActivityText(text, { file: 'activity-synthetic.csv' });
      const nodeSeconds = (performance.now() - t) / 1000;
      expect(await page.isVisible('#fit-drop')).toBe(true);
      t = performance.now();
      await page.setInputFiles('#fit-file', EXAMPLE);
      await page.waitForSelector('#fit-estimates', { timeout: WAIT });
      await settled();
      const pageSeconds = (performance.now() - t) / 1000;

      const shown = Number(await page.getAttribute('#fit-estimates tr[data-id="referrals"] td.num', 'data-value'));
      expect(shown).toBe(lib.fit.referrals.perMonth.value);
      const cells = await page.$$eval('#fit-estimates tr[data-id="referrals"] td', (tds) => tds.map((td) => td.textContent));
      const r = lib.fit.referrals.perMonth;
      expect(cells).toEqual([r.value.toFixed(1), `${r.lo.toFixed(1)}–${r.hi.toFixed(1)}`, `${r.n.toLocaleString('en-GB')} referrals`]);
      expect(await page.$$eval('#fit-assumptions tbody tr', (trs) => trs.length)).toBe(lib.fit.assumptions.length);
      expect(lib.fit.assumptions.length).toBeGreaterThan(0);
      expect(await page.isHidden('#fit-problems')).toBe(true);

      const files = await page.$$eval('#downloads button[data-file]', (bs) => bs.map((b) => b.getAttribute('data-file')));
      expect(files).toEqual([`${STEM}.yaml`, `${STEM}.fit.json`]);
      expect(await downloaded(`${STEM}.yaml`)).toBe(lib.scenario);
      // fit.json: the same document; its numbers bit for bit but for the last digits of a few
      // that are differences of two large log-likelihoods (the seasonality test's statistic), where
      // Chromium's and Node's engines part in the 15th digit: 1e-12 relative is a thousand times that.
      const differences: string[] = [];
      nearly(JSON.parse(await downloaded(`${STEM}.fit.json`)), JSON.parse(toJson(lib.fit)), '', differences);
      expect(differences).toEqual([]);

      const timing = (await page.textContent('#fit-timing')) ?? '';
      expect(timing).toMatch(/^Fitted in \d+\.\d\d s in this browser\.$/);
      process.stdout.write(
        `fit of examples/activity-synthetic.csv: ${timing.match(/[\d.]+ s/)?.[0]} in the page's worker (${pageSeconds.toFixed(2)} s from choosing the file to the result shown); ${nodeSeconds.toFixed(2)} s in Node\n`,
      );

      await page.click('#fit-open');
      expect(await page.inputValue('#yaml')).toBe(lib.scenario);
      expect(await page.isVisible('#problems')).toBe(false);
    },
    TIMEOUT,
  );

  it(
    'back-tests the fit when asked: backtest.json is the library’s, with the chart',
    async () => {
      const lib = fitActivityText(readFileSync(EXAMPLE, 'utf8'), { file: 'activity-synthetic.csv', backtest: true });
      await page.check('#fit-backtest');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await page.click('#fit-run');
      await page.waitForSelector('#fit-backtest', { timeout: WAIT });
      await settled();
      expect(await downloaded(`${STEM}.backtest.json`)).toBe(toJson(lib.backtest));
      expect(await downloaded(`${STEM}.yaml`)).toBe(lib.scenario);
      expect(await page.$$eval('#fit-backtest-words li', (lis) => lis.map((li) => li.textContent))).toEqual(lib.backtest!.words);
      expect(await page.isVisible('figure[data-chart="backtest"] svg')).toBe(true);
      process.stdout.write(`fit with back-test (${lib.backtest!.replications} replications) in the page: ${await page.textContent('#fit-timing')}\n`);
      await page.uncheck('#fit-backtest');
    },
    TIMEOUT,
  );

  it(
    '"Start on" a date: the library’s YAML for that date; a date outside the data is refused with what to do',
    async () => {
      const text = readFileSync(EXAMPLE, 'utf8');
      const lib = fitActivityText(text, { file: 'activity-synthetic.csv', at: '2024-04-01' });
      await page.fill('#fit-at', '2024-04-01');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await page.click('#fit-run');
      await page.waitForSelector('#fit-estimates', { timeout: WAIT });
      await settled();
      expect(await downloaded(`${STEM}.yaml`)).toBe(lib.scenario);
      expect(await page.textContent('#fit-extra')).toContain(`On ${lib.fit.at.label}: `);

      let message = '';
      try {
        fitActivityText(text, { file: 'activity-synthetic.csv', at: '1999-01-01' });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/is not a date within the data/);
      await page.fill('#fit-at', '1999-01-01');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await page.click('#fit-run');
      await page.waitForSelector('#fit-problems:not([hidden])', { timeout: WAIT });
      await settled();
      expect(await page.textContent('#fit-problems')).toBe(message);
      expect(await page.$('#fit-estimates')).toBeNull();
      await page.fill('#fit-at', '');
    },
    TIMEOUT,
  );

  it(
    'takes the unfitted levers from the scenario in the editor when asked (the library’s core with that base), and refuses while that scenario has problems',
    async () => {
      const text = readFileSync(EXAMPLE, 'utf8');
      const base = readFileSync(join(root, 'scenarios/site-4.yaml'), 'utf8');
      await page.selectOption('#shipped', 'site-4.yaml');
      expect(await page.inputValue('#yaml')).toBe(base);
      const lib = fitActivityWithBase(text, { text: base, file: 'site-4.yaml', label: 'site-4.yaml' }, { file: 'activity-synthetic.csv' });
      expect(lib.scenario).not.toBe(fitActivityText(text, { file: 'activity-synthetic.csv' }).scenario);
      await page.selectOption('#fit-base', 'editor');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await page.click('#fit-run');
      await page.waitForSelector('#fit-estimates', { timeout: WAIT });
      await settled();
      expect(await downloaded(`${STEM}.yaml`)).toBe(lib.scenario);

      await setYaml(page, `${base}\nnot: [valid`);
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await page.click('#fit-run');
      await page.waitForSelector('#fit-problems:not([hidden])', { timeout: WAIT });
      expect(await page.textContent('#fit-problems')).toMatch(/^The scenario in the editor has problems/);
      expect(await page.$('#fit-estimates')).toBeNull();
      await page.selectOption('#fit-base', 'default');
    },
    TIMEOUT,
  );

  it(
    'a bad file dropped on the drop zone shows the CLI’s message with its line and column, and no result',
    async () => {
      const bad = 'patient,event,date\nP1,referred,2024-01-03\nP1,firstAppointment,2024-02-30\n';
      let message = '';
      try {
        fitActivityText(bad, { file: 'bad.csv' });
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^bad\.csv:3: column date: "2024-02-30" is not a date/);
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await page.evaluate((csv) => {
        const dt = new DataTransfer();
        dt.items.add(new File([csv], 'bad.csv', { type: 'text/csv' }));
        document.getElementById('fit-drop')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, bad);
      await page.waitForSelector('#fit-problems:not([hidden])', { timeout: WAIT });
      await settled();
      expect(await page.textContent('#fit-problems')).toBe(message);
      expect(await page.$('#fit-estimates')).toBeNull();
      expect(await page.textContent('#status')).toMatch(/line and column/);
      expect(x.consoleErrors).toEqual([]);
      expect(x.foreignRequests).toEqual([]);
    },
    TIMEOUT,
  );
});
