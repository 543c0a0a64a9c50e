/**
 * How a result was run, as a STRESS-DES table (Monks et al. 2019, sections 4 and 5): the items
 * for experimentation and implementation from manifest.json, then anything else it records.
 */
import { esc } from '../html-text.js';
import { num } from '../assumptions.js';
import { table, years } from './blocks.js';
import type { Manifest } from './input.js';

const MANIFEST_SHOWN = new Set([
  'tool',
  'version',
  'node',
  'scenario',
  'scenarioSha256',
  'overrides',
  'seed',
  'replications',
  'horizonDays',
  'warmupDays',
  'timeUnit',
  'randomStreams',
  'events',
  'wallSeconds',
  'warmupMethod',
  'warmupWeeks',
  'replicationsMethod',
  'precisionReached',
  'relativeHalfWidths',
  'designs',
  'commonRandomNumbers',
  'sweep',
  'sweepSha256',
  'design',
  'factors',
  'points',
  'metrics',
  'shard',
  'pointsInShard',
  'justRight',
  'dialLevels',
]);

/**
 * ` with --set a=1 --set b=2 (on top of the file: …)` when the run had `--set` overrides
 * (manifest.json's `overrides`, in order), else ''. Said wherever the report names the scenario.
 */
export function overridesWords(m: Manifest): string {
  const o = Array.isArray(m.overrides) ? (m.overrides as unknown[]).map(String) : [];
  if (o.length === 0) return '';
  return ` with ${o.map((x) => `--set ${x}`).join(' ')} (overrides on top of the scenario file: the file alone does not reproduce these results)`;
}

/** ' Run with --set a=1 on top of the scenario file(s).' for a page's summary note; '' without overrides. */
export function overridesSentence(m: Manifest): string {
  const o = Array.isArray(m.overrides) ? (m.overrides as unknown[]).map(String) : [];
  return o.length === 0 ? '' : ` Run with ${o.map((x) => `--set ${x}`).join(' ')} on top of the scenario file (see “How this was run”).`;
}

function compactJson(v: unknown): string {
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 400 ? `${t.slice(0, 400)}…` : t;
}

export function manifestTable(m: Manifest, timing: Manifest | null): string {
  const rows: Array<[string, string, string, boolean?]> = [];
  const add = (item: string, ref: string, value: string, mono = false) => rows.push([item, ref, value, mono]);
  const str = (k: string) => (m[k] === undefined || m[k] === null ? '' : String(m[k]));
  const runtime = str('node').startsWith('none: ') ? str('node').slice('none: '.length) : `on Node.js ${str('node') || 'unknown'}`;
  add('Software', '5.1', `${str('tool') || 'goldilocks'} ${str('version')} (TypeScript) ${runtime}`);
  add('Random number seed', '5.2', str('seed') || '–');
  if (m.randomStreams) add('Random streams', '5.2', str('randomStreams'));
  if (m.commonRandomNumbers !== undefined) {
    const crn =
      m.commonRandomNumbers === true
        ? 'yes: every design or level runs the same replications of the same seed (paired comparisons)'
        : str('commonRandomNumbers');
    add('Common random numbers', '5.2', crn);
  }
  add(
    'Model execution',
    '5.3',
    `discrete-event simulation, events ordered by time, priority and sequence${m.timeUnit ? `; time unit: ${str('timeUnit')}` : ''}`,
  );
  if (m.events !== undefined) add('Events simulated', '5.3', Number(m.events).toLocaleString('en-GB'));
  if (m.wallSeconds !== undefined) add('Wall time', '5.4', `${str('wallSeconds')} s`);
  else if (timing?.wallSeconds !== undefined) add('Wall time', '5.4', `${String(timing.wallSeconds)} s on ${String(timing.workers ?? '?')} worker thread(s)`);
  const warm = m.warmupDays !== undefined ? `${num(Number(m.warmupDays))} days, excluded from every statistic` : '–';
  const method = m.warmupMethod ? `; chosen by ${str('warmupMethod')}${m.warmupWeeks !== undefined ? ` (${str('warmupWeeks')} weeks)` : ''}` : '';
  add('Warm-up (initialisation)', '4.1', warm + method);
  if (m.horizonDays !== undefined)
    add('Run length', '4.2', `${num(Number(m.horizonDays))} days (${years(Number(m.horizonDays))}) per replication, warm-up included`);
  const reps = m.replications !== undefined ? `${str('replications')} replications; mean with a 95 % Student-t confidence interval` : '–';
  const repsHow = m.replicationsMethod
    ? `; ${str('replicationsMethod')}${m.precisionReached === false ? ' — precision NOT reached' : m.precisionReached === true ? ' — reached' : ''}`
    : '';
  add('Replications (estimation approach)', '4.3', reps + repsHow);
  if (m.sweep !== undefined) {
    add('Sweep', '4.3', `${str('sweep')}: ${str('points')} points${m.shard ? `, shard ${str('shard')} (${str('pointsInShard')} points)` : ''}`);
    if (m.sweepSha256) add('Sweep SHA-256', '', str('sweepSha256'), true);
  }
  if (Array.isArray(m.dialLevels)) add('Dial levels', '4.3', (m.dialLevels as number[]).map((d) => num(d)).join(', '));
  add('Scenario', '', (str('scenario') || '–') + overridesWords(m));
  if (Array.isArray(m.designs)) {
    for (const d of m.designs as Array<{ scenario?: string; scenarioSha256?: string }>)
      add(`Scenario SHA-256: ${d.scenario ?? '?'}`, '', d.scenarioSha256 ?? '–', true);
  } else if (m.scenarioSha256) add('Scenario SHA-256', '', str('scenarioSha256'), true);
  for (const [k, v] of Object.entries(m)) if (!MANIFEST_SHOWN.has(k)) add(`Also recorded: ${k}`, '', compactJson(v), typeof v !== 'string');
  return table(
    ['Item', 'STRESS-DES', 'Value'],
    rows.map(
      ([item, ref, value, mono]) =>
        `<tr><th scope="row">${esc(item)}</th><td class="ref">${esc(ref)}</td><td${mono ? ' class="mono"' : ''}>${esc(value)}</td></tr>`,
    ),
    { cls: 'manifest' },
  );
}

export const MANIFEST_LEAD =
  '<p>What a reader needs to reproduce or judge these results: the STRESS-DES reporting items for experimentation (4) and implementation (5) (Monks et al. 2019), from <code>manifest.json</code>. The same scenario and seed give the same numbers.</p>';
