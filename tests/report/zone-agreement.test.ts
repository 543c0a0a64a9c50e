/**
 * The just-right zone is decided once (`justRightZone`) and every output names the same levels:
 * the chart's shaded levels, the HTML report's marked rows, levels.csv's just_right column and
 * explore.json. Regression: site 2 at 11 levels × 20 replications used to shade 0.6 in the chart
 * (which shaded from–to) while the table left it unmarked (0.6 was outside the tolerance).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario } from '../../src/experiment/load.js';
import { runSettings } from '../../src/experiment/replications.js';
import { explore, zoneLabel, type Exploration } from '../../src/experiment/explore.js';
import { writeExploration } from '../../src/experiment/explore-output.js';
import { curveRows } from '../../src/report/chart-data.js';
import { exploreCharts } from '../../src/report/charts.js';
import { buildFolderReport } from '../../src/report/report-folder.js';
import { CHARTS, writePlaceholders } from './fixtures.js';
import { shadedLevels } from './zone.js';

const root = join(import.meta.dirname, '../..');
let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'goldilocks-zone-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The levels each output names. */
function named(name: string, e: Exploration) {
  const dir = join(work, name);
  const { scenario } = loadScenario(join(root, 'scenarios', `${name.replace(/-gap$/, '')}.yaml`), []);
  writeExploration(dir, name, e, 'hash', 0, scenario);
  writePlaceholders(dir, CHARTS.explore);
  const dial = e.levels.map((l) => l.discretion);
  const [chart] = exploreCharts({ scenario: name, curve: curveRows(e), justRight: e.justRight });
  const { html } = buildFolderReport(dir);
  const table = [...html.matchAll(/<tr class="zone"><th scope="row" class="num">([\d.]+)/g)].map((m) => Number(m[1]));
  const csv = readFileSync(join(dir, 'levels.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const csvLevels = [...new Set(csv.filter((r) => r[r.length - 1] === 'true').map((r) => Number(r[0])))];
  const json = JSON.parse(readFileSync(join(dir, 'explore.json'), 'utf8')).justRight.levels as number[];
  return { chart: shadedLevels(chart, dial), subtitle: (chart.spec as { title: { subtitle: string } }).title.subtitle, table, csv: csvLevels, json, html };
}

const cases: Array<{ file: string; steps: number; reps: number; years?: number }> = [
  { file: 'site-2', steps: 11, reps: 20 },
  { file: 'default', steps: 11, reps: 10, years: 2 },
  { file: 'site-7', steps: 6, reps: 8, years: 2 },
  { file: 'site-6', steps: 6, reps: 5, years: 2 },
];

describe('the chart, the table, the CSV and the JSON name the same just-right levels', () => {
  const runs = new Map<string, Exploration>();
  const run = (c: (typeof cases)[number]) => {
    if (!runs.has(c.file)) {
      const { scenario } = loadScenario(join(root, 'scenarios', `${c.file}.yaml`), []);
      runs.set(c.file, explore(scenario, runSettings(scenario, { replications: c.reps, ...(c.years ? { years: c.years } : {}) }), c.steps));
    }
    return runs.get(c.file)!;
  };

  it.each(cases)(
    '$file at $steps levels × $reps replications',
    (c) => {
      const e = run(c);
      const out = named(c.file, e);
      expect(out.chart).toEqual(e.justRight.levels);
      expect(out.table).toEqual(e.justRight.levels);
      expect(out.csv).toEqual(e.justRight.levels);
      expect(out.json).toEqual(e.justRight.levels);
      if (e.justRight.levels.length) {
        expect(out.subtitle).toContain(`discretion ${e.justRight.label}`);
        expect(out.html).toContain(`Just right: discretion ${e.justRight.label}`);
      } else expect(out.html).toContain('Just right: none');
    },
    120_000,
  );

  it('a zone with a gap: the level left out is neither shaded nor marked (the chart used to shade from–to)', () => {
    const e = run(cases[0]);
    const dial = e.levels.map((l) => l.discretion);
    const levels = [dial[3], dial[5]];
    const gap: Exploration = { ...e, justRight: { ...e.justRight, levels, from: levels[0], to: levels[1], label: zoneLabel(levels, dial) } };
    const out = named('site-2-gap', gap);
    for (const names of [out.chart, out.table, out.csv, out.json]) expect(names).toEqual(levels);
    expect(out.subtitle).toContain('discretion 0.3 and 0.5');
  }, 120_000);
});
