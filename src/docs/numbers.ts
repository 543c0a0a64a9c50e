/**
 * Every number in README.md and docs/ that comes from a run is generated here, from the current
 * code with fixed seeds, into blocks between markers:
 *   <!-- numbers:NAME:begin -->  …generated…  <!-- numbers:NAME:end -->
 * `npm run docs:numbers` rewrites the blocks; tests/docs/numbers.test.ts regenerates them and fails
 * when a committed number differs from what the code produces.
 */
import { coverageBlock } from './coverage-study.js';
import { loadScenario } from '../experiment/load.js';
import { runScenario, runSettings, type ScenarioResults } from '../experiment/replications.js';
import type { MetricId } from '../model/index.js';
import { metricsTable } from '../report/table.js';
import { SITE1_ASSUMED_REFERRALS, TABLE5_REFERRALS } from '../scenario/paper-figures.js';
import { explore, type Exploration } from '../experiment/explore.js';
import { compareDesigns, type Comparison } from '../experiment/compare.js';
import { formatInterval, formatValue } from '../report/format.js';
import { costEffectSentence } from '../report/compare-table.js';
import { loadPlan } from '../experiment/plan-load.js';
import { planDocument, type PlanDocument } from '../experiment/plan-output.js';
import { simulatePlan } from '../jobs/plan.js';
import { inlineRunner } from '../jobs/runner.js';
import { estimateWords, planAnswer, pointWords } from '../report/plan-words.js';
import { fitExampleBlock } from '../fit/docs-block.js';
import { checkJob } from '../jobs/check.js';
import { designOf } from '../jobs/designs.js';
import { simulateJob } from '../jobs/simulate.js';
import { simulateUncertainty } from '../jobs/uncertainty.js';
import { exploreUncertaintyText, runUncertaintyText } from '../report/uncertainty-words.js';

/** A block's text; a plan's block is made asynchronously (the planner asks for replications round by round). */
export type Block = () => string | Promise<string>;

function runFile(file: string | undefined): ScenarioResults {
  const { scenario } = loadScenario(file);
  return runScenario(scenario, runSettings(scenario, {}));
}

const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const ci = (r: ScenarioResults, id: MetricId, d: number) => {
  const s = r.metrics[id];
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
  const rows = [
    '| scenario | referrals a month: model [95 % CI] | Table 5 | sessions per patient | new patients per WTE-year | wait median (days) | wait P90 (days) | seen within 28 days | overload index | need met |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (let n = 0; n <= 7; n++) {
    const r = runFile(n === 0 ? undefined : `scenarios/site-${n}.yaml`);
    const t5 = n === 0 ? '—' : TABLE5_REFERRALS[n];
    rows.push(
      `| ${n === 0 ? 'default' : `site-${n}`} | ${ci(r, 'referralsPerMonth', 1)} | ${t5 ?? `— (${SITE1_ASSUMED_REFERRALS} assumed)`} | ${ci(r, 'sessionsPerPatient', 2)} | ${ci(r, 'newPatientsPerWteYear', 0)} | ${ci(r, 'waitMedianDays', 1)} | ${ci(r, 'waitP90Days', 1)} | ${ci(r, 'seenWithin28DaysShare', 2)} | ${ci(r, 'overloadIndex', 2)} | ${ci(r, 'needMetShare', 2)} |`,
    );
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
    rows.push(
      `| ${b(zone.has(l.discretion) ? `${name} (just right)` : name)} | ${ci(r, 'overloadIndex', 2)} | ${b(ci(r, 'needMetShare', 3))} | ${ci(r, 'turnoverPerYear', 2)} | ${f(r.metrics.satisfaction.mean, 2)} | ${f(r.metrics.waitDays.mean, 1)} |`,
    );
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

/**
 * The sites' column "under the assumptions": `explore --uncertainty 16 --reps 10` (a site's 11 levels,
 * 16 Latin-hypercube draws of the assumed parameters, 10 replications per level and draw, the
 * site's seed). Fewer draws and replications than the CLI's defaults keep the seven sites' regeneration
 * affordable; the share is then known to about ±13 points (one binomial standard error at 16 draws, 50 %).
 */
export const SITES_UNCERTAINTY = { draws: 16, replications: 10 } as const;

/** The sites whose uncertainty cell the drift test recomputes in full (the rest are checked for their form). */
export const SITES_UNCERTAINTY_CHECKED = [2, 4] as const;

/**
 * One site's robustness cell: the level most often just right across the draws and its share of
 * draws (explore's `justRightShare`; ties go to the lower level), e.g. "0.9: 81 %".
 */
export async function siteUncertaintyCell(n: number): Promise<string> {
  const { scenario } = loadScenario(`scenarios/site-${n}.yaml`);
  const job = checkJob({
    kind: 'explore',
    designs: [designOf(scenario, `scenarios/site-${n}.yaml`)],
    options: { replications: SITES_UNCERTAINTY.replications },
    door: 'library',
  });
  const result = await simulateJob(job, inlineRunner);
  if (result.kind !== 'explore') throw new Error('not an exploration');
  const outcome = await simulateUncertainty(result, SITES_UNCERTAINTY.draws, inlineRunner);
  const shares = outcome.justRightShare ?? [];
  let best = 0;
  for (let i = 1; i < shares.length; i++) if (shares[i] > shares[best]) best = i;
  return `${result.exploration.levels[best].discretion}: ${Math.round(shares[best] * 100)} %`;
}

/** The form of a robustness cell (what the drift test checks for the sites it does not recompute). */
export const SITE_UNCERTAINTY_CELL = /^(0|1|0\.\d): (\d|[1-9]\d|100) %$/;

/**
 * The seven sites across the dial: the just-right zone, how robust it is under the assumptions'
 * uncertainty, and need met / overload at 0, 0.5 and 1. `cells` gives the robustness cells already
 * computed (by site); the others are computed here.
 */
export async function exploreSitesBlock(cells: Partial<Record<number, string>> = {}): Promise<string> {
  const { draws, replications } = SITES_UNCERTAINTY;
  const rows = [
    `| site | setting (Table 2, 5) | just right | under the assumptions: level most often just right, share of ${draws} draws | need met at 0 / 0.5 / 1 | overload at 0 / 0.5 / 1 |`,
    '|---|---|---|---|---|---|',
  ];
  for (let n = 1; n <= 7; n++) {
    const e = exploreFile(`scenarios/site-${n}.yaml`);
    const at = (d: number) => e.levels.find((l) => Math.abs(l.discretion - d) < 1e-9)!.results.metrics;
    const three = (id: MetricId) => [0, 0.5, 1].map((d) => f(at(d)[id].mean, 2)).join(' / ');
    const uncertain = e.justRight.uncertain.length > 0 ? ` (${e.justRight.uncertain.join(', ')} on overlapping intervals)` : '';
    const cell = cells[n] ?? (await siteUncertaintyCell(n));
    rows.push(`| ${n} | ${SITE_SETTINGS[n]} | ${e.justRight.label}${uncertain} | ${cell} | ${three('needMetShare')} | ${three('overloadIndex')} |`);
  }
  rows.push(
    '',
    `Under the assumptions: \`goldilocks explore scenarios/site-N.yaml --uncertainty ${draws} --reps ${replications}\` (N = ${draws} Latin-hypercube draws of the assumed parameters, R = ${replications} replications per level and draw, the site's seed; fewer than the CLI's defaults to keep this table's regeneration affordable): the dial level just right in the most draws (\`justRightShare\`) and that share. Near 100 % the zone holds whatever the assumptions; near 0 % no level is reliably just right. With ${draws} draws a share is known to about ±${Math.round(50 / Math.sqrt(draws))} points (one standard error at 50 %).`,
  );
  return rows.join('\n') + '\n';
}

let worked: Comparison | undefined;
/** The worked comparison (run once for both of its blocks): Site 4 simplified (compare-open.yaml, not site-4.yaml), capped at six sessions, or with a part-time second worker. */
function workedComparison(): Comparison {
  if (worked) return worked;
  const files = ['scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', 'scenarios/compare-two-workers.yaml'];
  const designs = files.map((file) => {
    const { scenario } = loadScenario(file);
    return { name: scenario.name, scenario };
  });
  worked = compareDesigns(designs, runSettings(designs[0].scenario, {}));
  return worked;
}

/** A value with its interval in brackets, as the CLI tables print it (src/report/format.ts). */
const bracket = (id: MetricId, m: { mean: number; ci95: [number, number] }, difference = false) =>
  m.ci95[0] === m.ci95[1]
    ? formatValue(id, m.mean, { difference })
    : `${formatValue(id, m.mean, { difference })} [${formatInterval(id, m.ci95, { difference, joiner: ', ', bare: true, oneSided: 'oneSided' in m && m.oneSided === true })}]`;

/** The worked comparison's key differences. */
export function compareBlock(): string {
  const c = workedComparison();
  const shown: Array<[MetricId, string]> = [
    ['waitDays', 'wait for first appointment (days)'],
    ['waitP90Days', '90th percentile wait (days)'],
    ['overloadIndex', 'overload index'],
    ['unmetNeedShare', 'discharged with unmet need'],
    ['sessionsPerPatient', 'sessions per patient'],
    ['needMetShare', 'share of episodes with need met'],
    ['needsMetPerYear', 'people with need met a year'],
    ['turnoverPerYear', 'turnover per year'],
  ];
  const rows = [`| metric (${c.settings.replications} replications) | open (baseline) | capped at 6 − open | + part-time worker − open |`, '|---|---|---|---|'];
  for (const [id, label] of shown) {
    const cells = c.differences.map((x) => `${bracket(id, x.metrics[id], true)} ${x.metrics[id].verdict}`);
    rows.push(`| ${label} | ${bracket(id, c.designs[0].results.metrics[id])} | ${cells.join(' | ')} |`);
  }
  return rows.join('\n') + '\n';
}

/** The worked comparison's costs: each design's cost a year and per need met, and the cost-effect of each against the first. */
export function compareCostsBlock(): string {
  const c = workedComparison();
  const rows = ['| design | cost a year | cost per patient seen | cost per person with need met | against open |', '|---|---|---|---|---|'];
  c.designs.forEach((d, i) => {
    const m = d.results.metrics;
    const against = i === 0 ? 'baseline' : costEffectSentence(c.differences[i - 1].costEffect);
    rows.push(
      `| ${d.scenario} | ${bracket('costPerYear', m.costPerYear)} | ${bracket('costPerPatientSeen', m.costPerPatientSeen)} | ${bracket('costPerNeedMet', m.costPerNeedMet)} | ${against} |`,
    );
  });
  return rows.join('\n') + '\n';
}

/** A shipped plan run in this thread (the planner's outcome does not depend on the threads). */
async function planFile(file: string): Promise<PlanDocument> {
  const { plan, context } = loadPlan(file);
  const r = await simulatePlan(plan, context, inlineRunner, 'cli');
  return planDocument({ plan, context, outcome: r.outcome, chosenScenario: r.chosenScenario });
}

/** The answer, every design tried with its targets and cost, and the replications against a grid that tests every design at the most replications. */
function planBlockText(doc: PlanDocument): string {
  const targets = doc.chosen?.targets ?? doc.candidates[0]?.targets ?? [];
  const rows = [
    `| design | status | replications | ${targets.map((t) => `\`${t.target}\``).join(' | ')} | ${doc.objective.metric} |`,
    `|---|---|---|${targets.map(() => '---|').join('')}---|`,
  ];
  for (const c of doc.candidates) {
    const cells = targets.map((t0) => {
      const t = c.targets.find((x) => x.target === t0.target);
      return t ? `${estimateWords(t.metric, t)} ${t.verdict}` : '–';
    });
    const b = (x: string) => (c.status === 'chosen' ? `**${x}**` : x);
    rows.push(
      `| ${b(pointWords(c.point))} | ${b(c.status)} | ${c.replications} | ${cells.join(' | ')} | ${estimateWords(doc.objective.metric, c.objective)} |`,
    );
  }
  const margins = doc.chosen
    ? doc.chosen.targets
        .map((t) => `\`${t.target}\`: ${estimateWords(t.metric, t)}, margin ${formatValue(t.metric, t.margin, { difference: true })}`)
        .join('; ')
    : '';
  const brute = doc.candidatesInPlan * doc.settings.maxReplications;
  return [
    `**${planAnswer(doc)}**`,
    '',
    ...(margins ? [`Margins of the chosen design over its ${doc.chosen?.replications} replications (95 % intervals): ${margins}.`, ''] : []),
    ...rows,
    '',
    `${doc.candidatesSimulated} of ${doc.candidatesInPlan} candidate designs simulated, ${doc.replications} replications in all (seed ${doc.settings.seed}); testing every candidate at the plan's most replications (${doc.settings.maxReplications}) would take ${brute.toLocaleString('en-GB')}.`,
    '',
  ].join('\n');
}

/** The README's worked plan: what WTE does the default service need for 90 % seen within 28 days? */
export async function planWteBlock(): Promise<string> {
  return planBlockText(await planFile('scenarios/plan-wte.yaml'));
}

/** The second worked plan: WTE × session cap × networking at Site 4. */
export async function planCapNetworkingBlock(): Promise<string> {
  const doc = await planFile('scenarios/plan-cap-networking.yaml');
  const brute = doc.candidatesInPlan * doc.settings.maxReplications;
  return `**${planAnswer(doc)}**\n\n${doc.candidatesSimulated} of ${doc.candidatesInPlan} candidate designs simulated, ${doc.replications} replications in all; testing every candidate at the plan's most replications (${doc.settings.maxReplications}) would take ${brute.toLocaleString('en-GB')}.\n`;
}

/** Generated blocks by file and name. */
/** The default scenario's draws for README's "How sure are we?" (run: 64 draws, enough for the hinges to settle; explore: 16, to keep the docs' regeneration short). */
export const UNCERTAINTY_DOC_DRAWS = { run: 64, explore: 16 } as const;

async function uncertainJob(kind: 'run' | 'explore', draws: number) {
  const { scenario } = loadScenario(undefined);
  const job = checkJob({ kind, designs: [designOf(scenario, '<built-in default>')], options: {}, door: 'library' });
  const result = await simulateJob(job, inlineRunner);
  return { result, outcome: await simulateUncertainty(result, draws, inlineRunner) };
}

/** `goldilocks run --uncertainty 64` on the built-in default: what the run prints after its usual table (runUncertaintyText), the wall time left out. */
export async function uncertaintyRunBlock(): Promise<string> {
  const { result, outcome } = await uncertainJob('run', UNCERTAINTY_DOC_DRAWS.run);
  if (result.kind !== 'run') throw new Error('not a run');
  return [
    '```',
    `$ goldilocks run --uncertainty ${outcome.draws}     # after the usual table:`,
    runUncertaintyText(result.results.metrics, outcome).replace(/ each \(\d+ s\):/, ' each:'),
    '```',
    '',
  ].join('\n');
}

/** `goldilocks explore --uncertainty 16` on the built-in default: the share of draws in which each level is just right. */
export async function uncertaintyExploreBlock(): Promise<string> {
  const { result, outcome } = await uncertainJob('explore', UNCERTAINTY_DOC_DRAWS.explore);
  if (result.kind !== 'explore') throw new Error('not an exploration');
  const e = result.exploration;
  return [
    '```',
    `$ goldilocks explore --uncertainty ${outcome.draws}`,
    exploreUncertaintyText(
      e.justRight.levels,
      e.levels.map((l) => l.discretion),
      outcome,
    )
      .replace(/, \d+ s\)/, ')')
      .trimEnd(),
    '```',
    '',
  ].join('\n');
}

export const BLOCKS: Record<string, Record<string, Block>> = {
  'README.md': {
    'uncertainty-run': uncertaintyRunBlock,
    'uncertainty-explore': uncertaintyExploreBlock,
    quickstart: quickStartBlock,
    sites: sitesBlock,
    'explore-default': exploreDefaultBlock,
    'explore-sites': exploreSitesBlock,
    compare: compareBlock,
    'compare-costs': compareCostsBlock,
    'plan-wte': planWteBlock,
    'plan-cap-networking': planCapNetworkingBlock,
  },
  'docs/model.md': {
    coverage: coverageBlock,
  },
  'docs/fit.md': {
    'fit-example': fitExampleBlock,
  },
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
