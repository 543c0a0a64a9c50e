import { CHARTS, placeholderSvg, writePlaceholders } from './fixtures.js';
/**
 * The HTML report: fixture output folders are made by the real pipeline in-process at small
 * size (run, compare, explore, a grid sweep and a Morris sweep), with small placeholder SVG charts
 * so that this test does not depend on the chart code. The report must hold the key numbers
 * with their CIs, the scenario in words, the assumptions and the manifest, inline every chart
 * and load nothing from anywhere.
 */
import { describe, it, expect, beforeAll } from 'vitest';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDefaultScenario } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { writeRunOutputs } from '../../src/experiment/run-output.js';
import { compareDesigns } from '../../src/experiment/compare.js';
import { writeComparison } from '../../src/experiment/compare-output.js';
import { explore } from '../../src/experiment/explore.js';
import { writeExploration } from '../../src/experiment/explore-output.js';
import { loadSweep, runSweep } from '../../src/experiment/sweep.js';
import { toJson } from '../../src/experiment/files.js';
import { METRICS } from '../../src/model/metrics.js';
import { formatInterval, formatValue, thresholdDecimals } from '../../src/report/format.js';
import { esc, inlineSvg, parseCsv } from '../../src/report/html.js';
import { buildFolderReport, writeReport } from '../../src/report/report-folder.js';
import { assumptionsInForce, describeScenario, describeDistribution } from '../../src/report/assumptions.js';
import { tempDir } from '../setup/temp.js';

const root = join(import.meta.dirname, '../..');

interface Fixtures {
  run: string;
  compare: string;
  explore: string;
  sweep: string;
  morris: string;
  scenario: Scenario;
}

let fx: Fixtures;

async function buildFixtures(work: string): Promise<Fixtures> {
  const loaded = loadDefaultScenario();
  const scenario = loaded.scenario;
  const settings = runSettings(scenario, { replications: 3, years: 1, warmupDays: 60 });

  const run = join(work, 'run');
  const results = runScenario(scenario, settings);
  (writeRunOutputs as (...a: unknown[]) => unknown)(run, scenario.name, results, loaded.hash, 0.25, {}, scenario);
  if (!existsSync(join(run, 'scenario.json'))) writeFileSync(join(run, 'scenario.json'), toJson(scenario));
  writePlaceholders(run, CHARTS.run);

  const compare = join(work, 'compare');
  const capped = loadDefaultScenario(['policy.sessionCap=3']);
  const designs = [
    { name: 'default', scenario },
    { name: 'cap-3', scenario: capped.scenario },
  ];
  const c = compareDesigns(designs, settings);
  (writeComparison as (...a: unknown[]) => unknown)(compare, c, [loaded.hash, capped.hash], 0.5, {}, designs);
  if (!existsSync(join(compare, 'scenarios.json'))) writeFileSync(join(compare, 'scenarios.json'), toJson(designs));
  writePlaceholders(compare, CHARTS.compare);

  const exploreDir = join(work, 'explore');
  const e = explore(scenario, settings, 3);
  (writeExploration as (...a: unknown[]) => unknown)(exploreDir, scenario.name, e, loaded.hash, 0.75, scenario);
  if (!existsSync(join(exploreDir, 'scenario.json'))) writeFileSync(join(exploreDir, 'scenario.json'), toJson(scenario));
  writePlaceholders(exploreDir, CHARTS.explore);

  const base = join(root, 'scenarios/default.yaml');
  const sweepFile = join(work, 'sweep-grid.yaml');
  writeFileSync(
    sweepFile,
    `name: sweep-grid
base: ${base}
factors:
  - path: policy.sessionCap
    values: [3, open]
  - path: referrals.practices.0.referralsPerMonth
    range: { from: 10, to: 20, steps: 2 }
replications: 2
years: 1
warmupDays: 30
metrics: [waitDays, overloadIndex, needMetShare]
`,
  );
  const sweep = join(work, 'sweep');
  await runSweep(loadSweep(sweepFile), { outDir: sweep, workers: 1, resume: false, shard: null });
  writePlaceholders(sweep, CHARTS.sweep);

  const morrisFile = join(work, 'sweep-morris.yaml');
  writeFileSync(
    morrisFile,
    `name: sweep-morris
base: ${base}
factors:
  - path: workers.0.adminMinutesPerSession
    range: { from: 5, to: 30 }
  - path: patients.didNotAttend
    range: { from: 0, to: 0.3 }
design: { type: morris, trajectories: 2, levels: 4, seed: 1, bootstrap: 50 }
replications: 2
years: 1
warmupDays: 30
metrics: [overloadIndex, waitDays]
`,
  );
  const morris = join(work, 'morris');
  await runSweep(loadSweep(morrisFile), { outDir: morris, workers: 1, resume: false, shard: null });
  writePlaceholders(morris, [...CHARTS.sweep, ...CHARTS.morris]);

  return { run, compare, explore: exploreDir, sweep, morris, scenario };
}

beforeAll(async () => {
  const work = tempDir('goldilocks-report-');
  fx = await buildFixtures(work);
}, 120_000);

/** What every report must satisfy: self-contained, no scripts, every chart inlined, unique ids. */
function expectSelfContained(html: string, dir: string): void {
  expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
  expect(html).toContain('<meta name="viewport"');
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/src\s*=\s*["']?https?:/i);
  expect(html).not.toMatch(/<link[^>]*href\s*=\s*["']?https?:/i);
  expect(html).not.toMatch(/@import|@font-face|url\(\s*["']?https?:/i);
  expect(html).not.toContain('<?xml');
  expect(html).toContain('@page { size: A4; margin: 15mm; }');
  // Every chart in the folder is inlined, once.
  const svgs = readdirSync(join(dir, 'charts')).filter((f) => f.endsWith('.svg'));
  expect(svgs.length).toBeGreaterThan(0);
  for (const f of svgs) expect(html).toContain(`placeholder ${f}</text>`);
  expect(html.match(/<svg\b/g)?.length).toBe(svgs.length);
  // Ids stay unique although every placeholder uses id="clip1", and references follow them.
  const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
  expect(new Set(ids).size).toBe(ids.length);
  for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
}

function expectManifest(html: string, manifest: Record<string, unknown>): void {
  expect(html).toContain('How this was run');
  expect(html).toContain('STRESS-DES');
  for (const item of ['Software', 'Random number seed', 'Warm-up (initialisation)', 'Run length', 'Replications (estimation approach)'])
    expect(html).toContain(esc(item));
  expect(html).toContain(`${String(manifest.tool)} ${String(manifest.version)}`);
  expect(html).toContain(String(manifest.node));
  if (typeof manifest.scenarioSha256 === 'string' && !manifest.scenarioSha256.includes(',')) expect(html).toContain(manifest.scenarioSha256);
  if (manifest.wallSeconds !== undefined) expect(html).toContain(`${String(manifest.wallSeconds)} s`);
}

/** Numbers as the report shows them (src/report/format.ts, by the metric's unit). */
const ci = (id: string, c: [number | null, number | null], difference = false, oneSided = false) =>
  formatInterval(id, c, { joiner: ' – ', difference, oneSided });

describe('assumptions and plain words', () => {
  it('lists the documented assumptions with the values in force, distributions in words', () => {
    const rows = assumptionsInForce(fx.scenario);
    const by = new Map(rows.map((r) => [r.path, r]));
    expect(by.get('patients.daysBetweenSessions')?.value).toBe('fixed at 14 days');
    expect(by.get('patients.patienceDays')?.value).toBe('exponential, mean 60 days');
    expect(by.get('patients.didNotAttend')?.value).toBe('10 %');
    expect(by.get('workers[0].networkingHoursPerWeek')?.value).toBe('3.5 h a week');
    expect(by.get('workers[0].adminMinutesPerSession')?.value).toBe('15 min');
    expect(by.get('workers[0].annualLeaveDays')?.value).toBe('35 days a year');
    expect(by.get('workers[0].supervisionHoursPerWeek')?.value).toBe('1 h a week');
    expect(by.get('workload.inappropriateShare')?.value).toBe('15 %');
    expect(by.get('workforce.recruitmentDelayDays')?.value).toBe('90 days');
    // No dial in the default: levers take their middle values, except the cap extension (a cap is a cap).
    expect(by.get('levers.capExtension')?.value).toBe('0 % (no dial: off until discretion is turned on)');
    expect(by.get('levers.checkIns')?.value).toBe('50 % (no dial: middle value)');
    for (const r of rows) {
      expect(r.value, r.path).not.toBe('');
      expect(r.note, r.path).not.toBe('');
    }
    // A lever set explicitly says so, and the dial moves the others.
    const set = loadDefaultScenario(['discretion=0.2', 'levers.capExtension=0.9']).scenario;
    const bySet = new Map(assumptionsInForce(set).map((r) => [r.path, r.value]));
    expect(bySet.get('levers.capExtension')).toBe('90 % (set in the scenario)');
    expect(bySet.get('levers.checkIns')).toBe('20 % (from the dial at 0.2)');
    expect(bySet.get('levers.triage')).toBe('on (from the dial at 0.2)');
  });

  it('describes distributions in words', () => {
    expect(describeDistribution({ type: 'uniform', min: 45, max: 60 }, 'minutes')).toBe('uniform between 45 and 60 minutes');
    expect(describeDistribution({ type: 'triangular', min: 10, mode: 30, max: 60 }, 'minutes')).toBe('triangular from 10 to 60 minutes, most often 30');
    expect(describeDistribution({ type: 'negativeBinomial', mean: 4.1, sd: 4.9, min: 1 }, 'sessions')).toBe(
      'negative binomial, mean 4.1 sessions, SD 4.9, at least 1',
    );
    expect(describeDistribution({ type: 'gamma', shape: 2, scale: 3 }, 'days')).toBe('gamma, shape 2, scale 3 (mean 6 days)');
  });

  it('describes the scenario in sentences, not JSON', () => {
    const words = describeScenario(fx.scenario);
    const text = words.join(' ');
    expect(text).toContain('3 practices refer about 36 patients a month between them (Riverside 14, Hillview 12 and Market Street 10)');
    expect(text).toContain('2 link workers on the standard rota');
    expect(text).toContain('The session cap in force: at most 6 sessions per patient,');
    expect(text).toContain('No discretion dial is set');
    expect(text).toContain('3 years');
    expect(text).not.toMatch(/[{}]|\btype:|"\w+":/);
    for (const w of words) expect(w).toMatch(/[.!?]$/);
  });
});

describe('run report', () => {
  it('holds the key numbers with CIs, the scenario in words, assumptions and manifest', () => {
    const { html: raw, kind } = buildFolderReport(fx.run);
    expect(kind).toBe('run');
    const html = raw.replace(/<wbr>/g, '');
    const summary = JSON.parse(readFileSync(join(fx.run, 'summary.json'), 'utf8'));
    const manifest = JSON.parse(readFileSync(join(fx.run, 'manifest.json'), 'utf8'));
    for (const m of METRICS) {
      expect(html).toContain(esc(m.label));
      const s = summary.metrics[m.id];
      if (Number.isFinite(s.ci95[0])) expect(html, m.id).toContain(`<td class="num">${esc(ci(m.id, s.ci95, false, s.oneSided === true))}</td>`);
      expect(html, m.id).toContain(`<td class="num">${esc(formatValue(m.id, s.mean ?? NaN))}</td>`);
    }
    // The scenario in plain words, with the run as actually run (1 year, 3 replications).
    expect(html).toContain('3 practices refer about 36 patients a month between them');
    expect(html).toContain('Each replication simulates 1 year; the first 60 days are a warm-up');
    expect(html).toContain('means over 3 replications');
    // Assumptions table.
    expect(html).toContain('Assumptions in force');
    expect(html).toContain('<code>patients.daysBetweenSessions</code></td><td>fixed at 14 days</td>');
    expect(html).toContain('<code>patients.patienceDays</code></td><td>exponential, mean 60 days</td>');
    expect(html).toContain('<code>run.years</code></td><td>1 year');
    expect(html).toContain('A patient still waiting for a first appointment gives up after on average 60 days (exponential).');
    expect(html).toContain('<code>workers[0].networkingHoursPerWeek</code>');
    expectManifest(html, manifest);
    expectSelfContained(html, fx.run);
    expect(html).toContain('charts/run-timeseries.svg');
  });

  it('writes report.html atomically and returns its path', () => {
    const path = writeReport(fx.run);
    expect(path).toBe(join(fx.run, 'report.html'));
    expect(readFileSync(path, 'utf8')).toBe(buildFolderReport(fx.run).html);
    expect(readdirSync(fx.run).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('says when a chart was not produced', () => {
    const dir = `${fx.run}-nocharts`;
    cpSync(fx.run, dir, { recursive: true });
    rmSync(join(dir, 'charts', 'run-waits.svg'));
    const { html } = buildFolderReport(dir);
    expect(html.match(/chart not produced \(run without --no-charts\)/g)?.length).toBe(1);
    rmSync(join(dir, 'charts'), { recursive: true });
    const none = buildFolderReport(dir).html;
    expect(none.match(/chart not produced \(run without --no-charts\)/g)?.length).toBe(CHARTS.run.length);
    expect(none).not.toContain('<svg');
  });

  it('escapes every text from the files', () => {
    const dir = `${fx.run}-escape`;
    cpSync(fx.run, dir, { recursive: true });
    const scenario = JSON.parse(readFileSync(join(dir, 'scenario.json'), 'utf8'));
    scenario.description = 'Tom & Jerry <script>alert("x")</script> <img src="http://example.org/x.png">';
    scenario.referrals.practices[0].name = '<b>Riverside</b>';
    writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.note = '<iframe src="http://example.org">';
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(
      join(dir, 'charts', 'run-week.svg'),
      placeholderSvg('run-week.svg').replace(
        '<g ',
        '<script>alert(1)</script><image href="http://example.org/a.png" width="1" height="1"/><g onclick="alert(2)" ',
      ),
    );
    const { html } = buildFolderReport(dir);
    expect(html).toContain('Tom &amp; Jerry &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Riverside&lt;/b&gt; 14');
    expect(html).toContain('&lt;iframe src=&quot;http://example.org&quot;&gt;');
    expect(html).not.toMatch(/<script|<img|<iframe|onclick|href="http:\/\/example/i);
  });

  it('inlines SVG without prolog, doctype, scripts or external references and with a viewBox', () => {
    const svg = inlineSvg(
      '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n<svg width="300px" height="120"><linearGradient id="g"/><rect fill="url(#g)" style="fill: url(http://x.org/y)"/><rect stroke="url(\'#g\')"/><use xlink:href="#g"/></svg>',
      'c9',
      'A "chart"',
    );
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('viewBox="0 0 300 120"');
    expect(svg).toContain('aria-label="A &quot;chart&quot;"');
    expect(svg).toContain('id="c9-g"');
    expect(svg).toContain('fill="url(#c9-g)"');
    expect(svg).toContain('stroke="url(#c9-g)"');
    expect(svg).toContain('style="fill: none"');
    expect(svg).toContain('xlink:href="#c9-g"');
    expect(svg).not.toMatch(/http:\/\/x\.org|DOCTYPE|<\?xml/);
  });

  it('refuses a folder that is not Goldilocks output', () => {
    const empty = tempDir('goldilocks-empty-');
    expect(() => buildFolderReport(empty)).toThrow(/not a Goldilocks output folder/);
  });

  it('parses CSV with quotes', () => {
    expect(parseCsv('a,b\n1,"x, ""y"""\r\n2,\n')).toEqual([
      ['a', 'b'],
      ['1', 'x, "y"'],
      ['2', ''],
    ]);
  });
});

describe('compare report', () => {
  it('shows each design, the paired differences with verdicts and what differs', () => {
    const { html, kind } = buildFolderReport(fx.compare);
    expect(kind).toBe('compare');
    const doc = JSON.parse(readFileSync(join(fx.compare, 'compare.json'), 'utf8'));
    expect(html).toContain('Which service design works better: default or cap-3?');
    for (const m of METRICS) {
      for (const d of doc.designs) {
        const s = d.metrics[m.id];
        if (Number.isFinite(s.ci95[0]))
          expect(html, `${d.scenario} ${m.id}`).toContain(`<span class="ci">${esc(ci(m.id, s.ci95, false, s.oneSided === true))}</span>`);
      }
      const diff = doc.differences[0].metrics[m.id];
      // Differences carry the decimals their threshold needs (thresholdDecimals).
      const extra = thresholdDecimals(m.id, diff.threshold);
      if (Number.isFinite(diff.ci95[0]))
        expect(html, `difference ${m.id}`).toContain(
          `<span class="ci">${esc(formatInterval(m.id, diff.ci95, { joiner: ' – ', difference: true, extraDecimals: extra }))}</span>`,
        );
      if (diff.verdict) expect(html).toContain(diff.verdict);
    }
    expect(html).toContain('Paired differences from the baseline');
    expect(html).toContain('cap-3 − default');
    expect(html).toContain('Differs from default in:');
    expect(html).toContain('<code>policy.sessionCap: 6 → 3</code>');
    expect(html).not.toContain('set explicitly: capExtensionSessions');
    expect(html).toContain('The session cap in force: at most 3 sessions per patient,');
    expect(html).toContain('cap-3: where it differs from default');
    expect(html).toMatch(/Against default, cap-3 is /);
    expectManifest(html, JSON.parse(readFileSync(join(fx.compare, 'manifest.json'), 'utf8')));
    expect(html).toContain('Scenario SHA-256: cap-3');
    expectSelfContained(html, fx.compare);
  });
});

describe('explore report', () => {
  it('names the just-right zone with its reason and tabulates every level', () => {
    const { html, kind } = buildFolderReport(fx.explore);
    expect(kind).toBe('explore');
    const doc = JSON.parse(readFileSync(join(fx.explore, 'explore.json'), 'utf8'));
    expect(html).toContain('How much discretion is just right for this service?');
    expect(html).toContain('Just right: ');
    // The reason is printed as a sentence of its own (first letter upper-case).
    expect(html).toContain(esc(doc.justRight.reason.charAt(0).toUpperCase() + doc.justRight.reason.slice(1)));
    for (const level of doc.levels) {
      for (const id of ['overloadIndex', 'needMetShare', 'turnoverPerYear']) {
        const s = level.metrics[id];
        expect(html, `${level.discretion} ${id}`).toContain(esc(formatValue(id, s.mean)));
        if (Number.isFinite(s.ci95[0])) expect(html, `${level.discretion} ${id}`).toContain(esc(ci(id, s.ci95, false, s.oneSided === true)));
      }
    }
    expect(html).toContain('0 (all boundaries)');
    expect(html).toContain('1 (all discretion)');
    if (doc.justRight.from !== null) expect(html).toContain('✔ just right');
    expect(html).toContain('Assumptions in force');
    expectManifest(html, JSON.parse(readFileSync(join(fx.explore, 'manifest.json'), 'utf8')));
    expectSelfContained(html, fx.explore);
  });
});

describe('explore report without a just-right zone', () => {
  it('says "none" and gives the reason', () => {
    const dir = `${fx.explore}-none`;
    cpSync(fx.explore, dir, { recursive: true });
    const doc = JSON.parse(readFileSync(join(dir, 'explore.json'), 'utf8'));
    doc.justRight = { from: null, to: null, reason: 'no dial level keeps overload index ≤ 1 and turnover ≤ 0.25 a year' };
    writeFileSync(join(dir, 'explore.json'), JSON.stringify(doc));
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    manifest.justRight = { ...doc.justRight, levels: [] };
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const { html } = buildFolderReport(dir);
    expect(html).toContain('<div class="callout none"><p class="big">Just right: none</p>');
    expect(html).toContain('No dial level keeps overload index ≤ 1 and turnover ≤ 0.25 a year');
    expect(html).not.toContain('✔ just right');
  });
});

describe('sweep report', () => {
  it('describes the factors and design and shows the points', () => {
    const { html: raw, kind } = buildFolderReport(fx.sweep);
    expect(kind).toBe('sweep');
    const html = raw.replace(/<wbr>/g, '');
    expect(html).toContain('<code>policy.sessionCap</code></td><td>3, open</td>');
    expect(html).toContain('10 to 20 in 2 steps');
    expect(html).toContain('a full grid of 4 points');
    expect(html).toContain('All 4 points');
    const rows = parseCsv(readFileSync(join(fx.sweep, 'points.csv'), 'utf8')).slice(1);
    for (const r of rows) {
      const metric = r[3];
      if (r[4] !== '') expect(html).toContain(esc(formatValue(metric, Number(r[4]))));
      if (r[5] !== '' && r[6] !== '') expect(html).toContain(esc(ci(metric, [Number(r[5]), Number(r[6])])));
    }
    expectManifest(html, JSON.parse(readFileSync(join(fx.sweep, 'manifest.json'), 'utf8')));
    expect(html).toMatch(/Wall time<\/th><td class="ref">5\.4<\/td><td>[\d.]+ s on 1 worker thread/);
    expectSelfContained(html, fx.sweep);
  });

  it('shows the Morris table for a screening design', () => {
    const html = buildFolderReport(fx.morris).html.replace(/<wbr>/g, '');
    expect(html).toContain('Which parameters matter');
    expect(html).toContain('Morris screening: 2 trajectories on 4 levels');
    const rows = parseCsv(readFileSync(join(fx.morris, 'sensitivity.csv'), 'utf8')).slice(1);
    expect(rows.length).toBe(4);
    for (const r of rows)
      expect(html).toContain(`<code>${r[1]}</code></td><td class="num">${esc(formatValue(r[0], Number(r[3]), { difference: true }).replace(/^\+/, ''))}</td>`);
    expectSelfContained(html, fx.morris);
  });
});
