/**
 * The explorer's "What do we need?" tab (issue 21) in headless Chromium, opened from file:// as a
 * user opens it (tests/web/explorer-harness.ts):
 * - a small plan filled in on the form runs on the page's workers with a progress bar, and its
 *   plan.json is the library's document for the same plan (byte for byte, but for the two fields
 *   that name the base: `base` and the header line of chosen.scenario), its chosen.yaml the
 *   document's chosen scenario, and the page shows the chosen design, the margins and every
 *   candidate with its reason;
 * - a bad plan is refused on the page with the CLI's problem (field path) and the page's words;
 * - `window.goldilocks.plan` on scenarios/plan-wte.yaml (base given as the default scenario's
 *   text) returns the library's document exactly, and the time it takes in the page and in Node
 *   is printed (the closing note of issue 21 quotes it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { parseDocument } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/experiment/files.js';
import { plan as purePlan } from '../../src/api/pure.js';
import { type PlanSpec, plan } from '../../src/index.js';
import { downloadText, type Explorer, fastYaml, HAVE_CHROMIUM, openExplorer, root, setYaml, TIMEOUT, WAIT, warnIfNoChromium } from './explorer-harness.js';

warnIfNoChromium('plan-browser.test.ts');

let x: Explorer;
let browser: Browser;
let page: Page;

/** The printed document with the base's label taken out (the two fields that name it). */
function unlabelled(json: string, label: string): string {
  const d = JSON.parse(json) as { plan: string; base: string; chosen: { scenario: string } | null };
  expect(d.base).toBe(label);
  d.base = '<base>';
  if (d.chosen) {
    // The header's first line names the base as the door knows it (the CLI: the file's path).
    const header = /^# Chosen by `goldilocks plan` \(plan [^\n]*\) from [^\n]*:$/m;
    expect(d.chosen.scenario).toMatch(header);
    d.chosen.scenario = d.chosen.scenario.replace(header, '# Chosen … from <base>:');
  }
  return toJson(d);
}

/** Fill an input on the plan form. */
const fill = (id: string, value: string) => page.fill(`#${id}`, value);

/** The plan the tests fill in on the form (WTE of the one group from 1 to 3, the form's default targets and objective), as the library takes it. */
function smallPlan(base: string, step: number, maxReplications: number): PlanSpec {
  return {
    name: 'what-do-we-need',
    base,
    factors: [{ path: 'workers.0.count', range: { from: 1, to: 3, step }, monotone: true }],
    targets: ['seenWithin28DaysShare >= 90 %', 'overloadIndex <= 1'],
    objective: { minimise: 'costPerYear' },
    confidence: 0.95,
    replications: 3,
    maxReplications,
  };
}

describe.skipIf(!HAVE_CHROMIUM)('the "What do we need?" tab', () => {
  beforeAll(async () => {
    x = await openExplorer();
    browser = x.browser;
    page = x.page;
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
  });

  it(
    'runs a small plan from the form on the page’s workers; plan.json is the library’s document, chosen.yaml its chosen design',
    async () => {
      const yaml = fastYaml();
      await setYaml(page, yaml);
      await page.click('#tab-plan');
      expect(await page.isVisible('#plan-form')).toBe(true);
      expect(await page.$$eval('#plan-group option', (os) => os.map((o) => o.textContent))).toEqual([expect.stringMatching(/^0: /)]);
      await fill('plan-from', '1');
      await fill('plan-to', '3');
      await fill('plan-step', '0.5');
      await fill('plan-reps', '3');
      await fill('plan-max-reps', '12');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      const started = Date.now();
      await page.click('#plan-run');
      // The progress bar shows while the search runs.
      await page.waitForSelector('#progress-box:not([hidden])', { timeout: WAIT });
      await page.waitForSelector('#plan-answer', { timeout: WAIT });
      await page.waitForFunction(() => (document.getElementById('plan-cancel') as HTMLButtonElement).disabled, null, { timeout: WAIT });
      const pageSeconds = (Date.now() - started) / 1000;
      expect(await page.isHidden('#progress-box')).toBe(true);

      const files = new Map<string, string>();
      for (const f of await page.$$eval('#downloads button[data-file]', (bs) => bs.map((b) => b.getAttribute('data-file')!))) {
        files.set(f, await downloadText(page, `#downloads button[data-file="${f}"]`));
      }
      expect([...files.keys()].sort()).toEqual(['candidates.csv', 'chosen.yaml', 'plan.json']);
      // The frontier, one chart per target metric, as `goldilocks plan` draws it (charts/frontier-<metric>.svg).
      expect(await page.$$eval('#charts figure', (fs) => fs.map((f) => f.getAttribute('data-chart')))).toEqual([
        'frontier-seenWithin28DaysShare',
        'frontier-overloadIndex',
      ]);
      expect(await page.$$eval('#charts figure svg', (ss) => ss.map((s) => s.getAttribute('aria-label')))).toEqual([
        expect.stringMatching(/\S/),
        expect.stringMatching(/\S/),
      ]);

      // The same plan through the library, in Node.
      const spec = smallPlan(yaml, 0.5, 12);
      const t0 = performance.now();
      const lib = await plan(spec);
      const nodeSeconds = (performance.now() - t0) / 1000;
      console.log(`small plan: ${pageSeconds.toFixed(1)} s in the page (click to answer), ${nodeSeconds.toFixed(1)} s in Node (library, default workers)`);
      const pageJson = files.get('plan.json')!;
      expect(unlabelled(pageJson, 'default.yaml')).toBe(unlabelled(toJson(lib), '<text>'));
      const doc = JSON.parse(pageJson);
      expect(doc.chosen).not.toBeNull();
      expect(files.get('chosen.yaml')).toBe(doc.chosen.scenario);

      // What the page shows: the chosen design, a margin per target, every candidate and why.
      expect(JSON.parse((await page.getAttribute('#plan-answer', 'data-point'))!)).toEqual(lib.chosen!.point);
      expect(await page.textContent('#plan-answer')).toContain(`workers.0.count = ${lib.chosen!.point['workers.0.count']}`);
      expect(await page.$$eval('#plan-margins tbody tr', (rs) => rs.map((r) => r.getAttribute('data-target')))).toEqual(spec.targets);
      const rows = await page.$$eval('#plan-candidates tbody tr', (rs) =>
        rs.map((r) => ({ point: JSON.parse(r.getAttribute('data-point')!), status: r.getAttribute('data-status'), text: r.textContent })),
      );
      expect(rows.map((r) => [r.point, r.status])).toEqual(lib.candidates.map((c) => [c.point, c.status]));
      for (const [i, r] of rows.entries()) expect(r.text).toContain(lib.candidates[i].reason);

      // The chosen design opens in the editor, ready to run.
      await page.click('#plan-open-chosen');
      expect(await page.inputValue('#yaml')).toBe(doc.chosen.scenario);
      expect(x.consoleErrors).toEqual([]);
      expect(x.foreignRequests).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'parameter draws: the chosen design under the assumptions, as the library’s `uncertainty` option gives it; the table, the words and uncertainty.csv on the page',
    async () => {
      const yaml = fastYaml();
      await setYaml(page, yaml);
      await page.click('#tab-plan');
      await fill('plan-from', '1');
      await fill('plan-to', '3');
      await fill('plan-step', '1');
      await fill('plan-reps', '3');
      await fill('plan-max-reps', '6');
      await fill('plan-draws', '2');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      try {
        await page.click('#plan-run');
        await page.waitForSelector('#plan-answer', { timeout: WAIT });
        await page.waitForFunction(() => (document.getElementById('plan-cancel') as HTMLButtonElement).disabled, null, { timeout: WAIT });
      } finally {
        await fill('plan-draws', '0');
      }
      const json = await downloadText(page, '#downloads button[data-file="plan.json"]');
      const csv = await downloadText(page, '#downloads button[data-file="uncertainty.csv"]');
      const spec = smallPlan(yaml, 1, 6);
      const lib = (await plan(spec, { uncertainty: 2 })) as Awaited<ReturnType<typeof plan>> & {
        uncertainty: { targets: Array<{ target: string; metShare: number }> } | null;
      };
      // (The editor's file is whatever the test before opened: its name is the base's label.)
      expect(unlabelled(json, JSON.parse(json).base)).toBe(unlabelled(toJson(lib), '<text>'));
      expect(lib.chosen).not.toBeNull();
      expect(csv.split('\n')[0]).toBe('target,metric,met_share,mean,ci_low,ci_high,ci_total_low,ci_total_high,assumption_share');
      expect(csv.trim().split('\n')).toHaveLength(1 + spec.targets.length);
      expect(await page.$$eval('#plan-uncertainty-table tbody tr', (rs) => rs.length)).toBe(spec.targets.length);
      for (const t of lib.uncertainty!.targets)
        expect(await page.textContent('#plan-uncertainty')).toContain(`${t.target} in ${Math.round(100 * t.metShare)} % of the draws`);
      expect(await page.textContent('#plan-words')).toContain('Too few draws (2)');
      // On the page itself, the way to ask for more draws is the field, not a command-line flag.
      expect(await page.textContent('#results')).toContain('set Parameter draws to 64 or more');
      // Options as the library takes them: an object (a list is refused, as the library refuses it).
      const listed = await page.evaluate(
        (sp) =>
          (window as unknown as { goldilocks: { plan: (s: unknown, o: unknown) => Promise<unknown> } }).goldilocks.plan(sp, []).then(
            () => 'ran',
            (e: Error) => e.message,
          ),
        spec,
      );
      expect(listed).toContain('the options of plan must be an object');
      expect(x.consoleErrors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "refuses a bad plan on the page with the CLI's problem, in the page's words, and runs nothing",
    async () => {
      await setYaml(page, fastYaml());
      await page.click('#tab-plan');
      await page.evaluate(() => document.getElementById('results')!.replaceChildren());
      await fill('plan-from', '-1');
      await fill('plan-to', '1');
      await fill('plan-step', '1');
      await page.click('#plan-run');
      const problems = await page.textContent('#plan-problems');
      // The CLI's problem for the same plan file (tests/api/plan.test.ts), without a line: the form has none.
      expect(problems).toContain(
        'the plan: factors.0.values.0: workers.0.count=-1 is not a valid scenario value (workers.0.count: Too small: expected number to be >0)',
      );
      expect(problems).toContain('Change the fields above and run again');
      expect(problems).not.toMatch(/goldilocks schema|--[a-z]/); // no command-line hint on the page
      await fill('plan-from', '1');
      await fill('plan-confidence', '2');
      await page.click('#plan-run');
      expect(await page.textContent('#plan-problems')).toBe(
        'the "Confidence" field must be a number from 0.5 to 0.999, e.g. 0.95 (one-sided, for each target); got 2.',
      );
      expect(await page.$('#plan-answer')).toBeNull();
      await fill('plan-confidence', '0.95');
    },
    TIMEOUT,
  );

  it(
    'window.goldilocks.plan on scenarios/plan-wte.yaml returns the library’s document exactly; time in the page and in Node',
    async () => {
      const doc = parseDocument(readFileSync(join(root, 'scenarios/plan-wte.yaml'), 'utf8'));
      doc.set('base', readFileSync(join(root, 'scenarios/default.yaml'), 'utf8'));
      const text = doc.toString({ lineWidth: 0 });
      const inPage = (workers?: number) =>
        page.evaluate(
          async ([t, w]) => {
            const started = performance.now();
            const d = await (window as unknown as { goldilocks: { plan: (s: string, o: object) => Promise<unknown> } }).goldilocks.plan(
              t as string,
              w === null ? {} : { workers: w },
            );
            return { doc: d, seconds: (performance.now() - started) / 1000, helpers: navigator.hardwareConcurrency };
          },
          [text, workers ?? null] as const,
        ) as Promise<{ doc: unknown; seconds: number; helpers: number }>;
      // Each timed twice, the faster kept: the first call in a fresh page or process also compiles the model.
      const twice = async <T extends { seconds: number }>(f: () => Promise<T>) => {
        const a = await f();
        const b = await f();
        return a.seconds <= b.seconds ? a : b;
      };
      const timed = async <T>(f: () => Promise<T>) => {
        const t0 = performance.now();
        const doc = await f();
        return { doc, seconds: (performance.now() - t0) / 1000 };
      };
      const auto = await twice(() => inPage());
      const helpers = await twice(() => inPage(2));
      const one = await twice(() => inPage(1));
      const lib = await twice(() => timed(() => plan(text)));
      const lib2 = await twice(() => timed(() => plan(text, { workers: 2 })));
      const lib1 = await twice(() => timed(() => purePlan(text)));
      const s = (x: { seconds: number }) => `${x.seconds.toFixed(1)} s`;
      console.log(
        `plan-wte.yaml (${lib.doc.replications} replications, ${auto.helpers} cores): in the page ${s(auto)} by default, ${s(helpers)} on 2 helper Web Workers, ${s(one)} in one; ` +
          `in Node (library) ${s(lib)} by default, ${s(lib2)} on 2 worker threads (started for the call), ${s(lib1)} in one thread`,
      );
      // The same document whoever runs it, and however many workers.
      for (const d of [auto.doc, helpers.doc, one.doc, lib2.doc, lib1.doc]) expect(toJson(d)).toBe(toJson(lib.doc));
    },
    TIMEOUT,
  );
});
