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

export type Block = () => string;

/** Table 5: referrals to the link worker in the fieldwork month (site 1 gave none: 20 assumed). */
export const TABLE5_REFERRALS: Record<number, number | null> = { 1: null, 2: 15, 3: 19, 4: 31, 5: 12, 6: 34, 7: 13 };

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
    rows.push(`| ${n === 0 ? 'default' : `site-${n}`} | ${ci(r, 'referralsPerMonth', 1)} | ${t5 ?? '— (20 assumed)'} | ${ci(r, 'sessionsPerPatient', 2)} | ${ci(r, 'newPatientsPerWteYear', 0)} | ${ci(r, 'waitMedianDays', 1)} | ${ci(r, 'waitP90Days', 1)} | ${ci(r, 'seenWithin28DaysShare', 2)} | ${ci(r, 'overloadIndex', 2)} | ${ci(r, 'needMetShare', 2)} |`);
  }
  return rows.join('\n') + '\n';
}

/** Generated blocks by file and name. */
export const BLOCKS: Record<string, Record<string, Block>> = {
  'README.md': { quickstart: quickStartBlock, sites: sitesBlock },
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
