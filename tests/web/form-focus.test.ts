/**
 * The explorer's form as a person uses it (issue #19, part 5), in headless Chromium
 * (tests/web/explorer-harness.ts): an edit never traps the focus. After typing into a field, Tab
 * moves on to the next field; the first click on "Add a practice" or "Remove" does what it says;
 * typing fast into one field and then the next puts each text in its own field. Also the page's
 * leftovers from the trial: every input has an accessible name (the levers among them), results
 * of an earlier version of the scenario are marked as such once it changes or becomes invalid, and
 * "Just right: none" is shown once, in the no-answer colours.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/jobs/designs.js';
import { type Explorer, fastYaml, HAVE_CHROMIUM, openExplorer, runAndWait, setYaml, TIMEOUT, warnIfNoChromium } from './explorer-harness.js';

warnIfNoChromium('form-focus.test.ts');

let x: Explorer;
let browser: Browser;
let page: Page;

const active = () => page.evaluate(() => document.activeElement?.id ?? '');
const practices = async () => parseScenario(await page.inputValue('#yaml')).referrals.practices.map((p) => p.name);

describe.skipIf(!HAVE_CHROMIUM)('the explorer form keeps the focus where the person puts it', () => {
  beforeAll(async () => {
    x = await openExplorer();
    ({ browser, page } = x);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'after an edit, Tab moves the focus to the next field (the edit is kept)',
    async () => {
      await setYaml(page, fastYaml());
      await page.click('#f-name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('our-pcn');
      await page.keyboard.press('Tab');
      expect(await active()).toBe('f-policy-sessionCap');
      expect(parseScenario(await page.inputValue('#yaml')).name).toBe('our-pcn');
      // And once more from a number field.
      await page.keyboard.press('Control+A');
      await page.keyboard.type('6');
      await page.keyboard.press('Tab');
      expect(await active()).toBe('f-policy-maxCaseload');
      expect(await page.inputValue('#yaml')).toMatch(/sessionCap: 6\b/);
    },
    TIMEOUT,
  );

  it(
    'the first click on "Add a practice" adds one, and the first click on "Remove" removes one, straight after an edit',
    async () => {
      await setYaml(page, fastYaml());
      const before = await practices();
      // An edit still in the field (its change fires as the button is pressed), then one click.
      await page.click('#f-referrals-practices-0-name');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('Riverside');
      await page.getByRole('button', { name: 'Add a practice' }).click();
      const added = await practices();
      expect(added.length).toBe(before.length + 1);
      expect(added[0]).toBe('Riverside');
      // Again an edit, then one click on the new practice's Remove.
      await page.click('#f-referrals-practices-0-referralsPerMonth');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('12');
      await page.getByRole('button', { name: `Remove practice ${added.length}` }).click();
      const removed = await practices();
      expect(removed).toEqual(added.slice(0, -1));
      expect(parseScenario(await page.inputValue('#yaml')).referrals.practices[0].referralsPerMonth).toBe(12);
    },
    TIMEOUT,
  );

  it(
    'typing fast into two fields in sequence puts each text in its own field',
    async () => {
      await setYaml(page, fastYaml());
      await page.click('#f-name');
      await page.keyboard.press('Control+A');
      // No delay between keys: as fast as a script types.
      await page.keyboard.type('our-pcn');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('open');
      await page.keyboard.press('Tab');
      const s = parseScenario(await page.inputValue('#yaml'));
      expect(s.name).toBe('our-pcn');
      expect(s.policy.sessionCap).toBe('open');
      expect(await page.inputValue('#f-name')).toBe('our-pcn');
      expect(await page.inputValue('#f-policy-sessionCap')).toBe('open');
    },
    TIMEOUT,
  );

  it(
    'every input, select and text area on the page has an accessible name (the levers among them)',
    async () => {
      await setYaml(page, fastYaml());
      await page.click('#tab-form');
      await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
      });
      const unnamed = await page.evaluate(() => {
        const out: string[] = [];
        for (const e of document.querySelectorAll<HTMLElement>('input, select, textarea')) {
          if ((e as HTMLInputElement).type === 'hidden') continue;
          const labels = (e as HTMLInputElement).labels;
          const byLabel = labels ? [...labels].some((l) => l.textContent?.trim()) : false;
          const byAria = !!e.getAttribute('aria-label')?.trim();
          const byLabelledBy = (e.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => id && document.getElementById(id)?.textContent?.trim());
          if (!byLabel && !byAria && !byLabelledBy) out.push(e.id || e.outerHTML.slice(0, 80));
        }
        return out;
      });
      expect(unnamed).toEqual([]);
      const levers = await page.locator('[data-path^="levers."]').count();
      expect(levers).toBeGreaterThan(0);
    },
    TIMEOUT,
  );

  it(
    'results of an earlier version are marked stale once the scenario changes, and say so when it becomes invalid',
    async () => {
      await setYaml(page, fastYaml());
      await runAndWait(page, '#run', '#tiles');
      expect(await page.isHidden('#stale')).toBe(true);
      expect((await page.getAttribute('#results', 'class')) ?? '').not.toMatch(/\bstale\b/);
      // An invalid value: the old figures are not this scenario's.
      await page.fill('#f-referrals-practices-0-referralsPerMonth', '-5');
      await page.press('#f-referrals-practices-0-referralsPerMonth', 'Tab');
      expect(await page.isVisible('#stale')).toBe(true);
      expect(await page.textContent('#stale')).toMatch(/earlier version of the scenario.*has problems/);
      expect((await page.getAttribute('#results', 'class')) ?? '').toMatch(/\bstale\b/);
      expect(await page.getAttribute('#results', 'aria-disabled')).toBe('true');
      // Back to the text they were computed from: no longer stale.
      await setYaml(page, fastYaml());
      expect(await page.isHidden('#stale')).toBe(true);
      expect((await page.getAttribute('#results', 'class')) ?? '').not.toMatch(/\bstale\b/);
      // A valid change: stale, with a note to run again.
      await page.fill('#f-run-seed', '7');
      await page.press('#f-run-seed', 'Tab');
      expect(await page.textContent('#stale')).toMatch(/earlier version of the scenario.*Run again/);
    },
    TIMEOUT,
  );

  it(
    '"Just right: none" is shown once, in the no-answer colours (never a green box)',
    async () => {
      // A limit no dial level can meet: the answer is "none".
      await setYaml(page, fastYaml('\ngoldilocks:\n  maxOverloadIndex: 0.0001\n'));
      expect(await page.isEnabled('#explore'), (await page.textContent('#problems')) ?? '').toBe(true);
      await page.fill('#steps', '3');
      await runAndWait(page, '#explore', '#levels');
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll('#results *')]
          .filter((e) => /^\s*Just right:/.test(e.textContent ?? '') && ![...e.children].some((c) => /^\s*Just right:/.test(c.textContent ?? '')))
          .map((e) => {
            const box = e.closest('.callout, .answer') as HTMLElement | null;
            return { text: e.textContent, box: box?.id ?? '', cls: box?.className ?? '', bg: box ? getComputedStyle(box).backgroundColor : '' };
          }),
      );
      expect(boxes.length, JSON.stringify(boxes)).toBe(1);
      expect(boxes[0].text).toMatch(/Just right: none/);
      expect(boxes[0].box).toBe('just-right');
      expect(boxes[0].cls).toMatch(/\bnone\b/);
      // The no-answer background (#fcebe2), not the zone's green (#e6f2e6).
      expect(boxes[0].bg).toBe('rgb(252, 235, 226)');
    },
    TIMEOUT,
  );
});
