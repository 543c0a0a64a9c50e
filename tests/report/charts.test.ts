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
import {
  comparisonRows,
  curveRows,
  factorLabel,
  groupWeekRows,
  seriesRows,
  waitEcdf,
  type HeatRow,
  type MorrisRow,
  type ScatterRow,
} from '../../src/report/chart-data.js';
import { compareCharts, exploreCharts, runCharts, sweepCharts, zoneBands, FONT, OKABE_ITO, type ChartSpec } from '../../src/report/charts.js';
import { scenarioJsonSchema } from '../../src/scenario/schema.js';
import { decode, describeOverlaps, overlappingTexts, textBoxes } from './charts-overlap.js';
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

const schema = scenarioJsonSchema();
const labels = Object.fromEntries(['discretion', 'policy.sessionCap', 'workers.0.count', 'patients.didNotAttend'].map((p) => [p, factorLabel(p, schema)]));
const scatterRows: ScatterRow[] = (['overloadIndex', 'unmetNeedShare'] as const).flatMap((metric, j) =>
  Array.from({ length: 20 }, (_, point) => point).flatMap((point) =>
    ['discretion', 'policy.sessionCap', 'workers.0.count', 'patients.didNotAttend'].map((factor, i) => ({
      point,
      factor,
      label: labels[factor],
      x: factor === 'policy.sessionCap' ? ([3, 6, 12, 'open'] as const)[point % 4] : ((point * 7 + i * 3) % 20) / 19,
      metric,
      value: j === 0 ? 0.5 + 0.03 * point : 0.01 * (point % 7),
    })),
  ),
);
const window = { warmupDays: settings.warmupDays, horizonDays: settings.horizonDays };
const run = runCharts({
  scenario: 'default',
  series: seriesRows(results, ['waitingList', 'caseloadPerWorker', 'overloadIndex']),
  window,
  waits: waitEcdf(results),
  week: groupWeekRows(results, base),
});
const compared = compareCharts(comparisonRows(two));
const comparedThree = compareCharts(comparisonRows(three)).map((c) => ({ ...c, name: `${c.name}-three` }));
const explored = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: exploration.justRight });
const exploredRange = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: { levels: [0, 0.5], label: '0–0.5' } }).map((c) => ({
  ...c,
  name: 'explore-curve-range',
}));
const exploredGap = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: { levels: [0, 1], label: '0 and 1', uncertain: [1] } }).map(
  (c) => ({ ...c, name: 'explore-curve-gap' }),
);
const exploredNone = exploreCharts({ scenario: 'default', curve: curveRows(exploration), justRight: { levels: [] } }).map((c) => ({
  ...c,
  name: 'explore-curve-none',
}));
const swept = sweepCharts({
  heatmaps: [
    {
      rows: heatRows,
      xField: 'discretion',
      yField: 'policy.sessionCap',
      xLabel: labels.discretion,
      yLabel: labels['policy.sessionCap'],
      metric: 'overloadIndex',
    },
    {
      rows: heatRows.map((r) => ({ ...r, value: 10 * r.value })),
      xField: 'discretion',
      yField: 'policy.sessionCap',
      xLabel: labels.discretion,
      yLabel: labels['policy.sessionCap'],
      metric: 'waitDays',
    },
  ],
  scatter: { design: 'lhs', rows: scatterRows },
  morris: morrisRows,
  labels,
});
const empty = [
  ...compareCharts({ designs: comparisonRows(two).designs, differences: [] }).map((c) => ({ ...c, name: `${c.name}-empty` })),
  ...runCharts({ scenario: 'empty', series: [], waits: { ecdf: [], marks: [], patients: 0 }, week: [] }).map((c) => ({ ...c, name: `${c.name}-empty` })),
];
const all: ChartSpec[] = [...run, ...compared, ...comparedThree, ...explored, ...exploredRange, ...exploredGap, ...exploredNone, ...swept, ...empty];

const svgs = new Map<string, string>();
beforeAll(async () => {
  for (const c of all) svgs.set(c.name, await renderSvg(c.spec));
});

/** Text of every <text> element of an SVG, entities decoded. */
function svgTexts(svg: string): string[] {
  const plain = (s: string) => decode(s.replace(/<\/tspan>\s*<tspan\b/g, ' <tspan').replace(/<[^>]+>/g, ''));
  return [...svg.matchAll(/<text\b[^>]*>([\s\S]*?)<\/text>/g)].map((m) => plain(m[1]).trim());
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
    expect(swept.map((c) => c.name)).toEqual([
      'sweep-heatmap',
      'sweep-heatmap-waitDays',
      'sweep-scatter-overloadIndex',
      'sweep-scatter-unmetNeedShare',
      'sweep-morris',
    ]);
    expect(sweepCharts({ morris: morrisRows }).map((c) => c.name)).toEqual(['sweep-morris']);
    expect(sweepCharts({}).map((c) => c.name)).toEqual([]);
    expect(run[0].title).toBe('default: waiting list and caseload over time (mean, 95 % band across replications)');
    expect(run[2].title).toBe("default: a link worker's week by worker group (hours per WTE)");
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
    expect(zoneBandsOf(exploredGap[0])).toEqual([
      { from: 0, to: 0.02 },
      { from: 0.98, to: 1 },
    ]);
    expect(zoneBandsOf(exploredNone[0])).toEqual([]);
    expect(zoneBandsOf(exploreCharts({ scenario: 's', curve: curveRows(exploration), justRight: { levels: [0.5] } })[0])).toEqual([{ from: 0.48, to: 0.52 }]);
    const subtitle = (c: ChartSpec) => (c.spec as { title: { subtitle: string } }).title.subtitle;
    expect(subtitle(exploredGap[0])).toBe('Shaded: the just-right zone (discretion 0 and 1); it rests on overlapping intervals');
    expect(subtitle(exploredNone[0])).toMatch(/^No just-right zone/);
    // A finer dial: the pad shrinks to a quarter of the step, so a level left out stays unshaded.
    expect(zoneBands([0.3, 0.5], dialLevels(21))).toEqual([
      { from: 0.2875, to: 0.3125 },
      { from: 0.4875, to: 0.5125 },
    ]);
  });
});

describe('specs', () => {
  const require = createRequire(import.meta.url);
  const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv
    .addFormat('uri', true)
    .addFormat('uri-reference', true)
    .addFormat('color-hex', /^#([0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i);
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
    expect(
      texts.filter((t) => t.endsWith('…')),
      `${name}: truncated texts`,
    ).toEqual([]);
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
      expect(
        readFileSync(join(dir, `charts/${c.name}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    expect(readFileSync(join(dir, 'charts/run-timeseries.vl.json'), 'utf8')).toContain('\n  "$schema"');
  });
});

describe('no overlapping text', () => {
  it.each(all.map((c) => [c.name, c] as const))('%s: no two text boxes overlap', (name) => {
    const svg = svgs.get(name)!;
    expect(textBoxes(svg).length, `${name}: text found`).toBeGreaterThan(0);
    expect(describeOverlaps(overlappingTexts(svg)), name).toEqual([]);
  });

  it('the check fails on a deliberately overlapping spec (two labels on one spot, a rotated title across a label)', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      width: 300,
      height: 200,
      data: {
        values: [
          { x: 1, y: 1, t: 'first label here' },
          { x: 1, y: 1, t: 'second label here' },
        ],
      },
      mark: { type: 'text', fontSize: 12 },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 't', type: 'nominal' } },
    } as const;
    const pairs = overlappingTexts(await renderSvg(spec as never));
    expect(describeOverlaps(pairs).some((p) => p.includes('first label here') && p.includes('second label here'))).toBe(true);
    // A label rotated upright through a label 40 px above it: only found if rotation is accounted for.
    const rotated = {
      ...spec,
      data: { values: [{ x: 1, y: 1 }] },
      layer: [
        {
          mark: { type: 'text', fontSize: 12, text: 'horizontal', dy: -40 },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
        },
        {
          mark: { type: 'text', fontSize: 12, text: 'A long rotated title', angle: 270 },
          encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
        },
      ],
      mark: undefined,
      encoding: undefined,
    };
    const rsvg = await renderSvg(rotated as never);
    const r = describeOverlaps(overlappingTexts(rsvg));
    expect(
      r.some((p) => p.includes('A long rotated title') && p.includes('horizontal')),
      r.join('\n'),
    ).toBe(true);
    const box = textBoxes(rsvg).find((b) => b.text === 'A long rotated title')!;
    expect(box.y1 - box.y0).toBeGreaterThan(box.x1 - box.x0);
  });

  it('specs ask vega to hide overlapping axis labels', () => {
    for (const c of all) expect((c.spec as { config: { axis: { labelOverlap: unknown } } }).config.axis.labelOverlap, c.name).toBe(true);
  });
});

type Json = Record<string, unknown>;
/** Every object in a spec (depth first). */
function nodes(spec: unknown): Json[] {
  const out: Json[] = [];
  const visit = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    out.push(n as Json);
    Object.values(n).forEach(visit);
  };
  visit(spec);
  return out;
}

describe('time series', () => {
  const ts = run[0];
  const overload = run[3];
  const months = settings.horizonDays / (365.25 / 12);
  it('the axis is in months and ends at the data; the warm-up is shaded and labelled', () => {
    for (const c of [ts, overload]) {
      const xs = nodes(c.spec)
        .filter((n) => (n.x as Json | undefined)?.field === 'month')
        .map((n) => n.x as Json);
      expect(xs.length, c.name).toBeGreaterThan(0);
      const domain = (xs.find((x) => x.scale) as { scale: { domain: number[] } }).scale.domain;
      const weeks = Math.max(...seriesRows(results, ['waitingList']).map((r) => r.week)) + 1;
      expect(domain[0]).toBe(0);
      expect(domain[1]).toBeCloseTo((weeks * 7) / (365.25 / 12), 2);
      expect(domain[1]).toBeLessThanOrEqual(months + 1e-9);
      const warm = nodes(c.spec).find(
        (n) =>
          Array.isArray((n.data as Json | undefined)?.values) &&
          (n.data as { values: Json[] }).values[0]?.to !== undefined &&
          (n.mark as Json | undefined)?.type === 'rect',
      );
      expect((warm!.data as { values: Array<{ to: number }> }).values[0].to).toBeCloseTo(settings.warmupDays / (365.25 / 12), 6);
      expect(svgTexts(svgs.get(c.name)!)).toContain('warm-up (not counted)');
      expect(svgTexts(svgs.get(c.name)!)).toContain('Months since the start of the run');
    }
  });

  it('no warm-up band when the run has none', () => {
    const c = runCharts({
      scenario: 's',
      series: seriesRows(results, ['waitingList']),
      window: { warmupDays: 0, horizonDays: settings.horizonDays },
      waits: waitEcdf(results),
      week: [],
    })[0];
    expect(JSON.stringify(c.spec)).not.toContain('warm-up (not counted)');
  });

  it('bands are clipped at the series range (never below 0)', () => {
    const rows = seriesRows(results, ['waitingList']).map((r) => ({ ...r, low: r.mean - 100 }));
    const c = runCharts({ scenario: 's', series: rows, window, waits: waitEcdf(results), week: [] })[0];
    const data = nodes(c.spec)
      .flatMap((n) => ((n.data as { values?: Json[] } | undefined)?.values ?? []) as Json[])
      .filter((v) => 'low' in v);
    expect(data.length).toBe(rows.length);
    expect(Math.min(...data.map((v) => v.low as number))).toBe(0);
  });

  it('explore bands stay inside [0, 1] for shares', () => {
    const curve = curveRows(exploration).map((r) => (r.metric === 'needMetShare' ? { ...r, low: -0.5, high: 1.5 } : r));
    const c = exploreCharts({ scenario: 's', curve, justRight: { levels: [] } })[0];
    const share = (c.spec as { data: { values: Array<{ metric: string; low: number; high: number }> } }).data.values.filter((r) => r.metric === 'needMetShare');
    expect(share.every((r) => r.low >= 0 && r.high <= 1)).toBe(true);
  });
});

describe('waits: an ECDF with the median, P90 and 14/28-day shares marked', () => {
  const one = runScenario(base, runSettings(base, { replications: 1, years: 1 }));
  const e = waitEcdf(one);
  const at = (days: number) => {
    const i = e.ecdf.findIndex((p) => p.days >= days);
    const a = e.ecdf[i - 1];
    const b = e.ecdf[i];
    return a.share + ((b.share - a.share) * (days - a.days)) / (b.days - a.days);
  };

  it('the curve rises from 0 to 1 and counts every patient of the wait bins', () => {
    expect(e.ecdf[0].share).toBe(0);
    expect(e.ecdf[e.ecdf.length - 1].share).toBeCloseTo(1, 12);
    for (let i = 1; i < e.ecdf.length; i++) expect(e.ecdf[i].share).toBeGreaterThanOrEqual(e.ecdf[i - 1].share);
    expect(e.patients).toBe(one.replications[0].waitBins.reduce((s, b) => s + b.patients, 0));
    expect(e.patients).toBeGreaterThan(100);
  });

  it("the marked median is where one replication's curve crosses one half (the same quarter-hour bins)", () => {
    const median = one.replications[0].metrics.waitMedianDays;
    expect(median).toBeLessThan(2); // inside the quarter-hour part of the export
    expect(at(median)).toBeCloseTo(0.5, 9);
    expect(e.marks.map((m) => m.kind)).toEqual(['median', 'p90', 'within14', 'within28']);
    expect(e.marks[0].days).toBe(median);
    // P90 lies in the hourly part: the curve there is within one bin's share of 0.9.
    const p90 = one.replications[0].metrics.waitP90Days;
    const maxBin = Math.max(...one.replications[0].waitBins.map((b) => b.patients)) / e.patients;
    expect(Math.abs(at(p90) - 0.9)).toBeLessThanOrEqual(maxBin + 1e-9);
  });

  it('the chart marks the four figures in the legend, with shares as percentages, on a scale that shows short and long waits', () => {
    const svg = svgs.get('run-waits')!;
    const texts = svgTexts(svg);
    expect(texts.some((t) => /^Median: \d+\.\d days/.test(t))).toBe(true);
    expect(texts.some((t) => /^90th percentile: \d+(\.\d)? days/.test(t))).toBe(true);
    expect(texts.some((t) => /^Seen within 14 days: \d+ %/.test(t))).toBe(true);
    expect(texts.some((t) => /^Seen within 28 days: \d+ %/.test(t))).toBe(true);
    expect(JSON.stringify(run[1].spec)).toContain('"symlog"');
    expect(texts).toContain('28');
  });
});

describe("a worker's week per worker group and per WTE", () => {
  const mixed = { ...base, workers: [base.workers[0], { ...base.workers[0], name: 'Part-time worker', count: 1, fte: 0.5 }] };
  const r = runScenario(mixed, runSettings(mixed, { replications: 2, years: 1 }));
  const rows = groupWeekRows(r, mixed);

  it('time use per post adds up to the team figures', () => {
    for (const rep of r.replications) {
      for (const key of Object.keys(rep.timeUse) as Array<keyof typeof rep.timeUse>) {
        const sum = rep.postTimeUse.reduce((s, p) => s + p[key], 0) / rep.postTimeUse.length;
        expect(sum, key).toBeCloseTo(rep.timeUse[key], 9);
      }
    }
  });

  it('one bar per group, each the contracted week per WTE (leave and vacancies the rest)', () => {
    const groups = [...new Set(rows.map((x) => x.group))];
    expect(groups).toEqual(['Link worker (2 WTE)', 'Part-time worker (0.5 WTE)']);
    for (const g of groups) {
      const total = rows.filter((x) => x.group === g).reduce((s, x) => s + x.hours, 0);
      expect(total, g).toBeCloseTo(37.5, 6);
    }
    const sessions = (g: string) => rows.find((x) => x.group === g && x.activity === 'Sessions with patients')!.hours;
    // Per WTE, the half-time post is on the same footing as the full-time ones (not half of it).
    expect(sessions('Part-time worker (0.5 WTE)')).toBeGreaterThan(0.5 * sessions('Link worker (2 WTE)'));
  });

  it('the chart draws every group', async () => {
    const c = runCharts({ scenario: 'mixed', series: [], waits: { ecdf: [], marks: [], patients: 0 }, week: rows })[2];
    const svg = await renderSvg(c.spec);
    expect(svgTexts(svg)).toEqual(expect.arrayContaining(['Link worker (2 WTE)', 'Part-time worker (0.5 WTE)', 'Leave and vacancies']));
    expect(describeOverlaps(overlappingTexts(svg))).toEqual([]);
  });
});

describe('compare: shared scales and verdict markers', () => {
  const domainsOf = (c: ChartSpec) =>
    nodes(c.spec)
      .filter((n) => n.transform && JSON.stringify(n.transform).includes('datum.metric ==='))
      .map((n) => {
        const metric = JSON.stringify(n.transform).match(/datum\.metric === \\"(\w+)\\"/)?.[1] ?? '';
        const scale = nodes(n)
          .map((x) => (x.x as Json | undefined)?.scale as { domain?: number[] } | undefined)
          .find((s) => s?.domain);
        return { metric, domain: scale?.domain };
      });

  it.each([
    ['designs', compared[0]],
    ['differences', compared[1]],
    ['differences (three designs)', comparedThree[1]],
  ] as const)('%s: panels in the same unit share one domain; other units differ', (_n, c) => {
    const ds = domainsOf(c);
    const shares = ds.filter((d) => ['overstretchedWeekShare', 'needMetShare', 'unmetNeedShare'].includes(d.metric));
    expect(shares.length).toBeGreaterThanOrEqual(3);
    for (const d of shares) expect(d.domain).toEqual(shares[0].domain);
    const days = ds.find((d) => d.metric === 'waitDays')!;
    expect(days.domain).not.toEqual(shares[0].domain);
  });

  it('every verdict has its own shape and its own colour, both encoded on the markers', () => {
    const point = nodes(compared[1].spec).find((n) => (n.mark as Json | undefined)?.type === 'point')!;
    const enc = point.encoding as { color: { field: string; scale: { range: string[] } }; shape: { field: string; scale: { range: string[] } } };
    expect(enc.color.field).toBe('verdict');
    expect(enc.shape.field).toBe('verdict');
    expect(new Set(enc.color.scale.range).size).toBe(enc.color.scale.range.length);
    expect(new Set(enc.shape.scale.range).size).toBe(enc.shape.scale.range.length);
    expect(enc.color.scale.range.length).toBe(6);
  });

  it('the practical threshold is drawn around 0', () => {
    const rows = (compared[1].spec as { data: { values: Array<{ threshold: number; metric: string }> } }).data.values;
    expect(rows.find((r) => r.metric === 'waitDays')!.threshold).toBe(1);
    expect(JSON.stringify(compared[1].spec)).toContain('thresholdLow');
  });
});

describe('sweeps: one heatmap per kept metric, scatter plots, factor labels from the schema', () => {
  it('labels come from the schema descriptions, not dotted paths', () => {
    expect(factorLabel('policy.sessionCap', schema)).toBe('Maximum attended sessions per patient');
    expect(factorLabel('referrals.practices.0.referralsPerMonth', schema)).toBe('Mean referrals per month (practice 1)');
    expect(factorLabel('patients.didNotAttend', schema)).toBe('Probability a booked session is missed');
    expect(factorLabel('no.such.field', schema)).toBe('no.such.field');
  });

  it('the charts show the labels and never the paths', () => {
    for (const name of ['sweep-heatmap', 'sweep-heatmap-waitDays', 'sweep-scatter-overloadIndex', 'sweep-morris']) {
      const texts = svgTexts(svgs.get(name)!).join('\n');
      expect(texts, name).not.toContain('policy.sessionCap');
      expect(texts, name).toMatch(/Maximum attended sessions/);
    }
  });

  it('scatter panels share the vertical scale; "open" comes after the numbers', () => {
    const c = swept.find((x) => x.name === 'sweep-scatter-overloadIndex')!;
    const ys = nodes(c.spec)
      .map((n) => (n.y as Json | undefined)?.scale as { domain?: number[] } | undefined)
      .filter((s) => s?.domain)
      .map((s) => s!.domain);
    expect(ys.length).toBe(4);
    for (const d of ys) expect(d).toEqual(ys[0]);
    const ordinal = nodes(c.spec)
      .map((n) => n.x as { type?: string; scale?: { domain?: unknown[] } } | undefined)
      .find((x) => x?.type === 'ordinal');
    expect(ordinal!.scale!.domain).toEqual([3, 6, 12, 'open']);
  });

  it('a heatmap leaves values out of cells too small for them', () => {
    const many: HeatRow[] = Array.from({ length: 40 }, (_, x) => [1, 2].map((y) => ({ x, y, value: 1000.123 + x }))).flat();
    const c = sweepCharts({ heatmaps: [{ rows: many, xField: 'a', yField: 'b', metric: 'waitDays' }] })[0];
    expect(nodes(c.spec).some((n) => (n.mark as Json | undefined)?.type === 'text')).toBe(false);
    expect(JSON.stringify(swept[0].spec)).toContain('"type":"text"');
  });
});
