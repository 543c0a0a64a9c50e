/**
 * What people bring to the explorer page, in headless Chromium (tests/web/explorer-harness.ts):
 * - a value the scenario refuses shows the CLI's message next to the field and disables Run, with
 *   a hint in the page's words (its fields, never a command or a flag: issue #18);
 * - share links (issue #26): copy-link round-trips; a damaged, cut or unknown link loads and runs
 *   nothing and says what to do, never opening the default instead; a link too long for browsers
 *   is refused at "Copy link"; links of the first format (#scenario=) still open;
 * - workers and practices named constructor, toString or hasOwnProperty survive the form and the
 *   YAML, and run as the CLI runs them; __proto__ is refused with the CLI's message, as the CLI does.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/jobs/designs.js';
import { HINTS } from '../../src/messages.js';
import { parseCsv } from '../../src/report/html.js';
import { InputError } from '../../src/scenario/errors.js';
import { pageMessage } from '../../src/web/page/wording.js';
import { MAX_LINK_CHARS } from '../../src/web/share-link.js';
import {
  cli,
  csvDiff,
  downloadText,
  type Explorer,
  fastYaml,
  HAVE_CHROMIUM,
  openAddress,
  openExplorer,
  root,
  runAndWait as runAndWaitIn,
  setYaml as setYamlIn,
  TIMEOUT,
  WAIT,
  warnIfNoChromium,
} from './explorer-harness.js';

warnIfNoChromium('explorer-input-browser.test.ts');

let x: Explorer;
let browser: Browser;
let page: Page;
let file: string;
let tmp: string;

const setYaml = (text: string) => setYamlIn(page, text);
const runAndWait = (button: string, done: string) => runAndWaitIn(page, button, done);

describe.skipIf(!HAVE_CHROMIUM)('explorer page in headless Chromium: what people bring to it', () => {
  beforeAll(async () => {
    x = await openExplorer();
    ({ browser, page, file, tmp } = x);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    "an invalid value shows the CLI message next to the field and disables Run; the hint is the page's",
    async () => {
      await setYaml(fastYaml());
      await page.fill('#f-referrals-practices-0-referralsPerMonth', '-5');
      await page.press('#f-referrals-practices-0-referralsPerMonth', 'Tab');
      let expected: InputError | null = null;
      try {
        parseScenario(await page.inputValue('#yaml'), { file: 'default.yaml' });
      } catch (err) {
        expected = err as InputError;
      }
      expect(expected).toBeInstanceOf(InputError);
      const problem = expected!.problems.find((p) => p.path === 'referrals.practices.0.referralsPerMonth')!;
      expect(problem).toBeDefined();
      const shown = await page.textContent('#f-referrals-practices-0-referralsPerMonth-err');
      expect(shown).toContain(problem.message);
      expect(shown).toContain(`line ${problem.line}`);
      expect(await page.getAttribute('#f-referrals-practices-0-referralsPerMonth', 'aria-invalid')).toBe('true');
      // The CLI's problem lines; the last line, a hint naming the goldilocks command there, is the page's own.
      const problems = (await page.textContent('#problems'))!;
      expect(problems.split('\n').slice(0, -1)).toEqual(expected!.message.split('\n').slice(0, -1));
      expect(expected!.message).toMatch(/`(npx )?goldilocks schema`/);
      expect(problems).toBe(pageMessage(expected!));
      expect(problems.split('\n').at(-1)).toBe(HINTS.scenarioFields('page'));
      expect(problems).not.toMatch(/`goldilocks|--[a-z]/);
      expect(await page.isDisabled('#run')).toBe(true);
      expect(await page.isDisabled('#explore')).toBe(true);
      await page.screenshot({ path: join(x.artifacts, 'explorer-invalid.png') });
      // The scripted API rejects with the same message.
      const rejected = await page.evaluate(async () => {
        try {
          await (window as unknown as { goldilocks: { run: (s: string) => Promise<unknown> } }).goldilocks.run(
            'name: x\nreferrals: { practices: [{ name: A, referralsPerMonth: -5 }] }\n',
          );
          return null;
        } catch (e) {
          return (e as Error).message;
        }
      });
      expect(rejected).toMatch(/referrals\.practices\.0\.referralsPerMonth/);
      await setYaml(fastYaml());
      expect(await page.isEnabled('#run')).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'a warm-up as long as the run: the message names the "Warm-up (days)" and "Years" fields, not the CLI\'s flags',
    async () => {
      await setYaml(fastYaml());
      await page.fill('#f-run-warmupDays', '400');
      await page.press('#f-run-warmupDays', 'Tab');
      expect(await page.textContent('#f-run-warmupDays-err')).toMatch(/^warm-up must be shorter than the run \(line \d+\)$/);
      expect(await page.getAttribute('#f-run-warmupDays', 'aria-invalid')).toBe('true');
      const problems = (await page.textContent('#problems'))!;
      expect(problems).toMatch(/^default\.yaml:\d+: run\.warmupDays: warm-up must be shorter than the run\n/);
      expect(problems.split('\n').at(-1)).toBe('Lower the "Warm-up (days)" field or raise the "Years" field (or run.warmupDays / run.years in the scenario).');
      expect(problems).not.toMatch(/--warmup-days|--years|`goldilocks/);
      expect(await page.isDisabled('#run')).toBe(true);
      await page.fill('#f-run-years', '2');
      await page.press('#f-run-years', 'Tab');
      expect(await page.isHidden('#problems')).toBe(true);
      expect(await page.isEnabled('#run')).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'copy link puts the scenario in the URL fragment, and the page reopens it',
    async () => {
      await setYaml(fastYaml('\n# linked\n'));
      await page.click('#copy-link');
      const link = await page.inputValue('#link');
      expect(link).toMatch(/#s=2\.\d+\.[0-9a-f]{16}\.[A-Za-z0-9_-]+$/);
      const other = await openAddress(browser, link);
      expect(await other.inputValue('#yaml')).toBe(fastYaml('\n# linked\n'));
      expect(await other.isEnabled('#run')).toBe(true);
      expect(await other.inputValue('#shipped')).toBe('');
      await other.close();
    },
    TIMEOUT,
  );

  it(
    'a damaged link (mangled, cut short, unknown) loads nothing, runs nothing and says what to do; never the default silently',
    async () => {
      const text = fastYaml('\n# linked\n');
      await setYaml(text);
      await page.click('#copy-link');
      const link = await page.inputValue('#link');
      const base = link.split('#')[0];
      // Cut where a line of the scenario ends (what decoded into a valid, partial scenario before links had a check).
      const head = link.slice(0, link.lastIndexOf('.') + 1);
      const lineEnd = new TextEncoder().encode(text.split('\n').slice(0, 20).join('\n') + '\n').length;
      const atLineEnd = head + link.slice(head.length, head.length + Math.floor((lineEnd * 4) / 3));
      const bad = {
        'old format, mangled': `${base}#scenario=%%%%`,
        mangled: `${base}#s=%%%%`,
        'cut short': link.slice(0, link.length - 7),
        'cut at a line end': atLineEnd,
        'cut inside the key': `${base}#s`,
        'a newer version': `${base}#s=9.10.0123456789abcdef.AAAA`,
        'unknown form': `${base}#x=3.AAAA`,
      };
      for (const [what, address] of Object.entries(bad)) {
        const errors: string[] = [];
        const other = await browser.newPage();
        other.on('pageerror', (e) => errors.push(String(e)));
        await other.goto(address);
        await other.waitForSelector('body[data-ready=true]', { timeout: WAIT });
        expect(await other.inputValue('#yaml'), what).toBe('');
        const problems = await other.textContent('#problems');
        expect(problems, what).toMatch(
          /^This link to a scenario is damaged: .*Nothing was loaded or run\. Ask the person who sent it for the scenario file \(a \.yaml file\), or for the whole link/,
        );
        expect(await other.isVisible('#problems'), what).toBe(true);
        expect(await other.textContent('#status'), what).toBe('The link is damaged: nothing was loaded.');
        for (const b of ['#run', '#explore', '#keep', '#compare']) expect(await other.isDisabled(b), `${what}: ${b}`).toBe(true);
        expect(await other.isVisible('#results h2'), what).toBe(false);
        // A shipped scenario can still be chosen, and then runs.
        await other.selectOption('#shipped', 'default.yaml');
        expect(await other.inputValue('#yaml'), what).toBe(readFileSync(join(root, 'scenarios/default.yaml'), 'utf8'));
        expect(await other.isEnabled('#run'), what).toBe(true);
        expect(errors, what).toEqual([]);
        await other.close();
      }
      // A fragment naming a place on the page is an address within it, not a link: the default opens.
      const other = await openAddress(browser, `${base}#results`);
      expect(await other.inputValue('#yaml')).toBe(readFileSync(join(root, 'scenarios/default.yaml'), 'utf8'));
      expect(await other.isHidden('#problems')).toBe(true);
      await other.close();
    },
    TIMEOUT,
  );

  it(
    'a link longer than browsers open is refused at "Copy link", with the advice to send the file',
    async () => {
      await setYaml(fastYaml());
      await page.click('#copy-link');
      expect(await page.isVisible('#link')).toBe(true);
      // A long comment: a valid scenario whose link is just over the limit.
      const long = fastYaml(`\n# ${'x'.repeat(Math.ceil((MAX_LINK_CHARS * 3) / 4))}\n`);
      await setYaml(long);
      await page.click('#copy-link');
      expect(await page.textContent('#status')).toMatch(
        /^This scenario makes a link of [\d,]+ characters, longer than browsers reliably open \(1,000,000\)\. Download the scenario file instead and send that\.$/,
      );
      // The earlier link (of the shorter scenario) is no longer offered.
      expect(await page.isVisible('#link')).toBe(false);
      expect(await page.inputValue('#link')).toBe('');
      await setYaml(fastYaml());
    },
    TIMEOUT,
  );

  it(
    'workers and practices named constructor, toString and hasOwnProperty survive the form and the YAML, and run as the CLI; __proto__ is refused',
    async () => {
      const names = ['constructor', 'toString', 'hasOwnProperty'];
      await setYaml(fastYaml());
      await page.getByRole('button', { name: 'Add a worker group' }).click();
      await page.getByRole('button', { name: 'Add a worker group' }).click();
      for (const [i, name] of names.entries()) {
        for (const id of [`#f-workers-${i}-name`, `#f-referrals-practices-${i}-name`]) {
          await page.fill(id, name);
          await page.press(id, 'Tab');
        }
      }
      const yaml = await page.inputValue('#yaml');
      const parsed = parseScenario(yaml);
      expect(parsed.workers.map((w) => w.name)).toEqual(names);
      expect(parsed.referrals.practices.map((p) => p.name)).toEqual(names);
      // Back through the YAML tab: the form reads the names from the text.
      await setYaml(yaml);
      for (const [i, name] of names.entries()) {
        expect(await page.inputValue(`#f-workers-${i}-name`)).toBe(name);
        expect(await page.inputValue(`#f-referrals-practices-${i}-name`)).toBe(name);
      }
      expect(await page.isHidden('#problems')).toBe(true);
      await runAndWait('#run', '#tiles');
      const scenarioFile = join(tmp, 'proto-names.yaml');
      writeFileSync(scenarioFile, yaml);
      const out = join(tmp, 'cli-proto');
      cli(['run', scenarioFile, '--no-charts', '--out', out]);
      const week = await downloadText(page, '#downloads button[data-file="week.csv"]');
      expect(csvDiff(week, readFileSync(join(out, 'week.csv'), 'utf8'))).toBeNull();
      const col = parseCsv(week)[0].indexOf('group_name');
      expect(
        [
          ...new Set(
            parseCsv(week)
              .slice(1)
              .map((r) => r[col]),
          ),
        ].sort(),
      ).toEqual([...names].sort());
      // The one name an object key cannot hold is refused, as the CLI refuses it, and nothing runs.
      await page.fill('#f-workers-0-name', '__proto__');
      await page.press('#f-workers-0-name', 'Tab');
      expect(await page.textContent('#problems')).toContain('workers.0.name: "__proto__" cannot be a name');
      expect(await page.isDisabled('#run')).toBe(true);
      expect(x.consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'a link of the first format (#scenario=) still opens',
    async () => {
      const text = fastYaml('\n# old link\n');
      const bytes = new TextEncoder().encode(text);
      const old = Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
      const other = await openAddress(browser, `${pathToFileURL(file).href}#scenario=${old}`);
      expect(await other.inputValue('#yaml')).toBe(text);
      expect(await other.textContent('#status')).toMatch(/older form, which cannot show whether it arrived whole/);
      await other.close();
    },
    TIMEOUT,
  );
});
