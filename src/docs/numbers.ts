/**
 * Every number in README.md and docs/ that comes from a run is generated here, from the current
 * code with fixed seeds, into blocks between markers:
 *   <!-- numbers:NAME:begin -->  …generated…  <!-- numbers:NAME:end -->
 * `npm run docs:numbers` rewrites the blocks; tests/docs/numbers.test.ts regenerates them and fails
 * when a committed number differs from what the code produces.
 */
import { loadScenario } from '../experiment/load.js';
import { runScenario, runSettings, type ScenarioResults } from '../experiment/replications.js';
import { summarise } from '../experiment/summary.js';
import type { MetricId } from '../model/index.js';
import { metricsTable } from '../report/table.js';
import { SITE1_ASSUMED_REFERRALS, TABLE5_REFERRALS } from '../scenario/paper-figures.js';
import { explore, type Exploration } from '../experiment/explore.js';
import { compareDesigns } from '../experiment/compare.js';

export type Block = () => string;


function runFile(file: string | undefined): ScenarioResults {
  const { scenario } = loadScenario(file);
  return runScenario(scenario, runSettings(scenario, {}));
}

const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const ci = (r: ScenarioResults, id: MetricId, d: number) => {
  const s = summarise(r.replications.map((x) => x.metrics[id]), id);
  return `${f(s.mean, d)} [${f(s.ci95[0], d)}, ${f(s.ci95[1], d)}]`;
};

/** The quick start's table: the first rows of `npm start` (the built-in default scenario). */
export function quickStartBlock(): string {
  const r = runFile(undefined);
  const lines = metricsTable(r.metrics).split('\n');
  return ['```', ...lines.slice(0, 2 + 6), '...', '```', ''].join('\n');
}

/** The seven sites at their own settings against the paper (docs/model.md §10a). */
export function sitesBlock(): string {
  const rows = ['| scenario | referrals a month: model [95 % CI] | Table 5 | sessions per patient | new patients per WTE-year | wait median (days) | wait P90 (days) | seen within 28 days | overload index | need met |', '|---|---|---|---|---|---|---|---|---|---|'];
  for (let n = 0; n <= 7; n++) {
    const r = runFile(n === 0 ? undefined : `scenarios/site-${n}.yaml`);
    const t5 = n === 0 ? '—' : TABLE5_REFERRALS[n];
    rows.push(`| ${n === 0 ? 'default' : `site-${n}`} | ${ci(r, 'referralsPerMonth', 1)} | ${t5 ?? `— (${SITE1_ASSUMED_REFERRALS} assumed)`} | ${ci(r, 'sessionsPerPatient', 2)} | ${ci(r, 'newPatientsPerWteYear', 0)} | ${ci(r, 'waitMedianDays', 1)} | ${ci(r, 'waitP90Days', 1)} | ${ci(r, 'seenWithin28DaysShare', 2)} | ${ci(r, 'overloadIndex', 2)} | ${ci(r, 'needMetShare', 2)} |`);
  }
  return rows.join('\n') + '\n';
}

function exploreFile(file: string | undefined, steps = 11): Exploration {
  const { scenario } = loadScenario(file);
  return explore(scenario, runSettings(scenario, {}), steps);
}

/** `goldilocks explore` on the built-in default: every level, the zone marked in bold. */
export function exploreDefaultBlock(): string {
  const e = exploreFile(undefined);
  const zone = new Set(e.justRight.levels);
  const rows = ['| discretion | overload index | need met | turnover / yr | satisfaction | wait (days) |', '|---|---|---|---|---|---|'];
  for (const l of e.levels) {
    const r = l.results;
    const name = l.discretion === 0 ? '0 (all boundaries)' : l.discretion === 1 ? '1 (all discretion)' : String(l.discretion);
    const b = (x: string) => (zone.has(l.discretion) ? `**${x}**` : x);
    rows.push(`| ${b(zone.has(l.discretion) ? `${name} (just right)` : name)} | ${ci(r, 'overloadIndex', 2)} | ${b(ci(r, 'needMetShare', 3))} | ${ci(r, 'turnoverPerYear', 2)} | ${f(r.metrics.satisfaction.mean, 2)} | ${f(r.metrics.waitDays.mean, 1)} |`);
  }
  return `${rows.join('\n')}\n\nJust right: **${e.justRight.label}** — ${e.justRight.reason}\n`;
}

const SITE_SETTINGS: Record<number, string> = {
  1: 'VCSE, < 6 sessions, 20 referrals/month (assumed)',
  2: 'VCSE, novice (2 months), 15/month',
  3: 'VCSE, < 6 sessions, 19/month',
  4: 'primary care, open sessions, limited supervision, 31/month',
  5: 'primary care, team lead, 6–8 sessions, 12/month',
  6: 'VCSE, team lead, open sessions, high deprivation, 34/month',
  7: 'primary care, informal lead, open sessions, 13/month',
};

/** The seven sites across the dial: the just-right zone and need met / overload at 0, 0.5 and 1. */
export function exploreSitesBlock(): string {
  const rows = ['| site | setting (Table 2, 5) | just right | need met at 0 / 0.5 / 1 | overload at 0 / 0.5 / 1 |', '|---|---|---|---|---|'];
  for (let n = 1; n <= 7; n++) {
    const e = exploreFile(`scenarios/site-${n}.yaml`);
    const at = (d: number) => e.levels.find((l) => Math.abs(l.discretion - d) < 1e-9)!.results.metrics;
    const three = (id: MetricId) => [0, 0.5, 1].map((d) => f(at(d)[id].mean, 2)).join(' / ');
    const uncertain = e.justRight.uncertain.length > 0 ? ` (${e.justRight.uncertain.join(', ')} on overlapping intervals)` : '';
    rows.push(`| ${n} | ${SITE_SETTINGS[n]} | ${e.justRight.label}${uncertain} | ${three('needMetShare')} | ${three('overloadIndex')} |`);
  }
  return rows.join('\n') + '\n';
}

/** The worked comparison: Site 4 as studied, capped at six sessions, or with a part-time second worker. */
export function compareBlock(): string {
  const files = ['scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', 'scenarios/compare-two-workers.yaml'];
  const designs = files.map((file) => {
    const { scenario } = loadScenario(file);
    return { name: scenario.name, scenario };
  });
  const c = compareDesigns(designs, runSettings(designs[0].scenario, {}));
  const shown: Array<[MetricId, string, number]> = [
    ['waitDays', 'wait for first appointment (days)', 1],
    ['waitP90Days', '90th percentile wait (days)', 1],
    ['overloadIndex', 'overload index', 2],
    ['unmetNeedShare', 'discharged with unmet need (share)', 2],
    ['sessionsPerPatient', 'sessions per patient', 2],
    ['needMetShare', 'need met (share)', 2],
    ['turnoverPerYear', 'turnover per year', 2],
  ];
  const sign = (x: number, d: number) => (x > 0 ? '+' : x < 0 ? '−' : '') + f(Math.abs(x), d);
  const rows = [`| metric (${c.settings.replications} replications) | open (baseline) | capped at 6 − open | + part-time worker − open |`, '|---|---|---|---|'];
  for (const [id, label, d] of shown) {
    const cells = c.differences.map((x) => {
      const m = x.metrics[id];
      return `${sign(m.mean, d)} [${sign(m.ci95[0], d)}, ${sign(m.ci95[1], d)}] ${m.verdict}`;
    });
    rows.push(`| ${label} | ${ci(c.designs[0].results, id, d)} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n') + '\n';
}

/** Generated blocks by file and name. */
export const BLOCKS: Record<string, Record<string, Block>> = {
  'README.md': { quickstart: quickStartBlock, sites: sitesBlock, 'explore-default': exploreDefaultBlock, 'explore-sites': exploreSitesBlock, compare: compareBlock },
};

/** Replace the body of every `numbers:NAME` block of `text` found in `blocks` with its generated text. */
export function fillNumberBlocks(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- numbers:${name}:begin[^>]*-->\\n)[\\s\\S]*?(<!-- numbers:${name}:end -->)`);
    if (!re.test(out)) throw new Error(`marker numbers:${name} not found`);
    out = out.replace(re, (_m, a: string, b: string) => a + body + b);
  }
  return out;
}

/** The blocks as committed in `text`. */
export function readNumberBlocks(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/<!-- numbers:([\w-]+):begin[^>]*-->\n([\s\S]*?)<!-- numbers:\1:end -->/g)) out[m[1]] = m[2];
  return out;
}
