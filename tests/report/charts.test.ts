import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { Resvg } from '@resvg/resvg-js';
import { compile } from 'vega-lite';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { compareDesigns } from '../../src/experiment/compare.js';
import { explore } from '../../src/experiment/explore.js';
import { loadDefaultScenario } from '../../src/scenario/load.js';
import { comparisonRows, curveRows, seriesRows, waitRows, weekRows, type HeatRow, type MorrisRow } from '../../src/report/chart-data.js';
import { compareCharts, exploreCharts, runCharts, sweepCharts, zoneBands, FONT, OKABE_ITO, type ChartSpec } from '../../src/report/charts.js';
import { dialLevels } from '../../src/experiment/explore.js';
import { zoneBandsOf } from './zone.js';
import { renderSvg, resvgOptions, svgToPng, textWidth } from '../../src/report/render.js';
import { writeCharts } from '../../src/report/write-charts.js';

// Real shapes: the default scenario, 2 replications of 1 year; three designs; 3 dial levels.
const base = loadDefaultScenario().scenario;
const settings = runSettings(base, { replications: 2, years: 1 });
const results = runScenario(base, settings);
const design = (name: string, overrides: string[]) => ({ name, scenario: loadDefaultScenario(overrides).scenario });
const two = compareDesigns([design('default', []), design('cap 3', ['policy.sessionCap=3'])], settings);
const three = compareDesigns([design('default', []), design('cap 3', ['policy.sessionCap=3']), design('cap 12', ['policy.sessionCap=12'])], settings);
const exploration = explore(base, settings, 3);

const heatRows: HeatRow[] = [0, 0.5, 1].flatMap((x) => [2, 4, 6, 8].map((y) => ({ x, y, value: 0.5 + 0.4 * x + 0.05 * y })));
const morrisRows: MorrisRow[] = (['overloadIndex', 'waitDays'] as const).flatMap((metric, j) =>
  ['discretion', 'policy.sessionCap', 'workers.0.count', 'patients.didNotAttend'].map((factor, i) => {
    const k = (i + 1) * (1 + 10 * j) * 0.1;
    return { metric, factor, muStar: k, muStarLow: 0.8 * k, muStarHigh: 1.2 * k, sigma: (4 - i) * 0.05 * (1 + 10 * j) };
  }),
);

const run = runCharts({ scenario: 'default', series: seriesRows(results, ['waitingList', 'caseloadPerWorker', 'overloadIndex']), waits: waitRows(results), week: weekRows(results) });
const compared = compareCharts(comparisonRows(two));
const comparedThree = compareCharts(comparisonRows(three)).map((c) => ({ ...c, name: `${c.name}-three` }));
const explored = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: exploration.justRight });
const exploredRange = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: { levels: [0, 0.5], label: '0–0.5' } }).map((c) => ({ ...c, name: 'explore-curve-range' }));
const exploredGap = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: { levels: [0, 1], label: '0 and 1', uncertain: [1] } }).map((c) => ({ ...c, name: 'explore-curve-gap' }));
const exploredNone = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: { levels: [] } }).map((c) => ({ ...c, name: 'explore-curve-none' }));
const swept = sweepCharts({ heatmap: { rows: heatRows, xField: 'discretion', yField: 'policy.sessionCap', metric: 'overloadIndex' }, morris: morrisRows });
const empty = [
  ...compareCharts({ designs: comparisonRows(two).designs, differences: [] }).map((c) => ({ ...c, name: `${c.name}-empty` })),
  ...runCharts({ scenario: 'empty', series: [], waits: [], week: [] }).map((c) => ({ ...c, name: `${c.name}-empty` })),
];
const all: ChartSpec[] = [...run, ...compared, ...comparedThree, ...explored, ...exploredRange, ...exploredGap, ...exploredNone, ...swept, ...empty];

const svgs = new Map<string, string>();
beforeAll(async () => {
  for (const c of all) svgs.set(c.name, await renderSvg(c.spec));
});

/** Text of every <text> element of an SVG, entities decoded. */
function svgTexts(svg: string): string[] {
  const decode = (s: string) =>
    s
      .replace(/<[^>]+>/g, '')
      .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
      .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => decode(m[1]).trim());
}

/** Axis titles a spec asks for: `title` strings of x/y encodings, anywhere in the spec. */
function axisTitles(spec: unknown): string[] {
  const out = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.encoding && typeof o.encoding === 'object') {
      for (const ch of ['x', 'y'] as const) {
        const def = (o.encoding as Record<string, { title?: unknown }>)[ch];
        if (def && typeof def.title === 'string') out.add(def.title);
      }
    }
    Object.values(o).forEach(visit);
  };
  visit(spec);
  return [...out];
}

describe('chart contract', () => {
  it('each command gets the promised charts, in order', () => {
    expect(run.map((c) => c.name)).toEqual(['run-timeseries', 'run-waits', 'run-week', 'run-overload']);
    expect(compared.map((c) => c.name)).toEqual(['compare-designs', 'compare-differences']);
    expect(explored.map((c) => c.name)).toEqual(['explore-curve']);
    expect(swept.map((c) => c.name)).toEqual(['sweep-heatmap', 'sweep-morris']);
    expect(sweepCharts({ morris: morrisRows }).map((c) => c.name)).toEqual(['sweep-morris']);
    expect(sweepCharts({}).map((c) => c.name)).toEqual([]);
    expect(run[0].title).toBe('default: waiting list and caseload over time (mean, 95 % band across replications)');
    expect(run[2].title).toBe("A link worker's average week (hours)");
  });

  it('every spec shares the look: DejaVu Sans, Okabe–Ito palette, white background, inline data', () => {
    for (const c of all) {
      const spec = c.spec as unknown as Record<string, unknown> & { config: { font: string; range: { category: string[] } } };
      expect(spec.config.font, c.name).toBe(FONT);
      expect(spec.config.range.category, c.name).toEqual([...OKABE_ITO]);
      expect(spec.background, c.name).toBe('white');
      expect(JSON.stringify(spec), c.name).not.toMatch(/"url"\s*:/);
    }
  });

  it('the just-right zone is shaded level by level: one band per run of neighbouring levels, ±0.02 around a single level', () => {
    expect(zoneBandsOf(exploredRange[0])).toEqual([{ from: 0, to: 0.52 }]);
    expect(zoneBandsOf(exploredGap[0])).toEqual([{ from: 0, to: 0.02 }, { from: 0.98, to: 1 }]);
    expect(zoneBandsOf(exploredNone[0])).toEqual([]);
    expect(zoneBandsOf(exploreCharts({ scenario: 's', curve: curveRows(exploration), justRight: { levels: [0.5] } })[0])).toEqual([{ from: 0.48, to: 0.52 }]);
    const subtitle = (c: ChartSpec) => (c.spec as { title: { subtitle: string } }).title.subtitle;
    expect(subtitle(exploredGap[0])).toBe('Shaded: the just-right zone (discretion 0 and 1); it rests on overlapping intervals');
    expect(subtitle(exploredNone[0])).toMatch(/^No just-right zone/);
    // A finer dial: the pad shrinks to a quarter of the step, so a level left out stays unshaded.
    expect(zoneBands([0.3, 0.5], dialLevels(21))).toEqual([{ from: 0.2875, to: 0.3125 }, { from: 0.4875, to: 0.5125 }]);
  });
});

describe('specs', () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addFormat('uri', true).addFormat('uri-reference', true).addFormat('color-hex', /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
  const validate = ajv.compile(schema);

  it('the schema check is not vacuous', () => {
    expect(validate({ data: { values: [] }, mark: 'bogus' })).toBe(false);
    expect(validate({ data: { values: [] }, mark: 'point', encoding: { x: { field: 'a', type: 'quantitative', scale: { zero: 'yes' } } } })).toBe(false);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s validates against the vega-lite JSON schema', (_name, c) => {
    const ok = validate(JSON.parse(JSON.stringify(c.spec)));
    expect(ok ? [] : validate.errors?.slice(0, 20).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)).toEqual([]);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s compiles with vega-lite', (_name, c) => {
    expect(() => compile(c.spec)).not.toThrow();
  });
});

describe('rendering', () => {
  it.each(all.map((c) => [c.name, c] as const))('%s renders a non-blank PNG', (name, c) => {
    const svg = svgs.get(name)!;
    const image = new Resvg(svg, resvgOptions(1)).render();
    const px = image.pixels;
    let inked = 0;
    const colours = new Set<number>();
    for (let i = 0; i < px.length; i += 4) {
      if (px[i] < 245 || px[i + 1] < 245 || px[i + 2] < 245) inked++;
      if (colours.size < 1000) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
    }
    const share = inked / (px.length / 4);
    expect(share, `${name}: share of non-white pixels`).toBeGreaterThan(name.endsWith('-empty') ? 0.002 : 0.02);
    expect(colours.size, `${name}: distinct colours`).toBeGreaterThanOrEqual(3);
  });

  it.each(all.map((c) => [c.name, c] as const))('%s shows its title and axis titles as text', (name, c) => {
    const texts = svgTexts(svgs.get(name)!);
    expect(texts, name).toContain(c.title);
    for (const t of axisTitles(c.spec)) expect(texts, `${name}: axis title`).toContain(t);
    expect(texts.filter((t) => t.endsWith('…')), `${name}: truncated texts`).toEqual([]);
  });

  it('charts fit a page: about 640 px of plot, at most ~800 px wide', () => {
    for (const c of all) {
      const width = Number(svgs.get(c.name)!.match(/<svg[^>]*\bwidth="([\d.]+)"/)?.[1]);
      expect(width, c.name).toBeGreaterThan(600);
      expect(width, c.name).toBeLessThanOrEqual(820);
    }
  });

  it('lays text out with DejaVu Sans widths, not vega’s 0.8 em estimate', () => {
    expect(textWidth('Week of the run', 10)).toBeGreaterThan(70);
    expect(textWidth('Week of the run', 10)).toBeLessThan(0.7 * 15 * 10);
    // The week chart's title is the widest text; with the estimate the SVG was about 1,000 px.
    const width = Number(svgs.get('run-timeseries')!.match(/<svg[^>]*\bwidth="([\d.]+)"/)?.[1]);
    expect(width).toBeLessThan(0.8 * 15 * run[0].title.length);
  });

  it('the PNG is the SVG at twice the size', () => {
    const svg = svgs.get('run-week')!;
    const png = svgToPng(svg);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const w = Number(svg.match(/<svg[^>]*\bwidth="([\d.]+)"/)?.[1]);
    expect(png.readUInt32BE(16)).toBe(Math.round(2 * w));
  });
});

describe('writeCharts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'goldilocks-charts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the vega-lite spec, the SVG and the PNG of every chart', async () => {
    const charts = [...run.slice(0, 1), ...swept.slice(0, 1)];
    const written = await writeCharts(dir, charts);
    expect(written).toEqual(charts.flatMap((c) => [`charts/${c.name}.vl.json`, `charts/${c.name}.svg`, `charts/${c.name}.png`]));
    for (const f of written) expect(existsSync(join(dir, f)), f).toBe(true);
    for (const c of charts) {
      expect(JSON.parse(readFileSync(join(dir, `charts/${c.name}.vl.json`), 'utf8'))).toEqual(JSON.parse(JSON.stringify(c.spec)));
      expect(readFileSync(join(dir, `charts/${c.name}.svg`), 'utf8')).toMatch(/^<svg/);
      expect(readFileSync(join(dir, `charts/${c.name}.png`)).subarray(1, 4).toString()).toBe('PNG');
    }
    expect(readFileSync(join(dir, 'charts/run-timeseries.vl.json'), 'utf8')).toContain('\n  "$schema"');
  });
});
