/**
 * The HTML report of an output folder (`run`, `compare`, `explore` or `sweep`): one
 * self-contained file, `report.html`, with inline CSS and the charts inlined as SVG. Nothing in
 * it loads anything (no scripts, fonts, images or style sheets from anywhere; a Content
 * Security Policy says so to the browser too), so it can be mailed, archived or printed on A4.
 *
 * Content: first a one-page summary (src/report/summary.ts: the question, the designs one line
 * each, headline figures with 95 % intervals, findings with verdicts; it prints as page 1 of A4),
 * then, each in a collapsible <details>, the scenario(s) in plain words, the key numbers with 95 %
 * confidence intervals, the charts with captions, the assumptions in force and the run manifest as
 * a STRESS-DES table (Monks et al. 2019, sections 4 and 5). Numbers as src/report/format.ts shows them.
 */
import { METRICS, type MetricId } from '../model/metrics.js';
import { esc, toNum, type Num } from './html-text.js';
import { ScenarioSchema, type Scenario } from '../scenario/schema.js';
import { formatInterval, formatThreshold, formatValue, thresholdDecimals } from './format.js';
import { runFindings, costEffectWords, designFindings, designLine, differenceLine, headlineCards as summaryCards, headlineTable, summarySection, type SummaryCostEffect } from './summary.js';
import { assumptionsInForce, describeScenario, num, andList, type AssumptionRow } from './assumptions.js';

export type ReportKind = 'run' | 'compare' | 'explore' | 'sweep';

// ---------------------------------------------------------------- the documents read

/** JSON turns NaN into null: every number read back may be null. */

interface Summary {
  mean: Num;
  ci95: [Num, Num];
  sd?: Num;
  n?: number;
}

type Metrics = Partial<Record<MetricId, Summary>> & Record<string, Summary | undefined>;

interface Settings {
  seed: number;
  replications: number;
  horizonDays: number;
  warmupDays: number;
}

interface RunDoc extends Settings {
  scenario: string;
  metrics: Metrics;
}

interface DifferenceSummary {
  mean: Num;
  ci95: [Num, Num];
  verdict: string;
  /** The practical threshold applied (absent in folders written before thresholds). */
  threshold?: Num;
}

interface CompareDoc extends Settings {
  designs: Array<{ scenario: string; metrics: Metrics }>;
  differences: Array<{ scenario: string; versus: string; metrics: Record<string, DifferenceSummary | undefined>; costEffect?: SummaryCostEffect }>;
}

interface ExploreDoc extends Settings {
  scenario: string;
  levels: Array<{ discretion: number; metrics: Metrics }>;
  /** `levels`, `label` and `uncertain` are absent in folders written before they were added. */
  justRight: { from: Num; to: Num; levels?: number[]; label?: string; uncertain?: number[]; best?: Num; reason: string };
}

type Manifest = Record<string, unknown>;

// ---------------------------------------------------------------- small helpers

export { esc };

/** A size of effect (Morris μ*, σ) in the metric's unit, without a sign. */
const effect = (id: string, x: number): string => formatValue(id, x, { difference: true }).replace(/^\+/, '');

/**
 * What a report reads from an output folder, by names relative to it (`summary.json`,
 * `charts/run-waiting.svg`). Node reads a folder on disk (report-folder.ts); the explorer
 * page serves the files it has just produced in memory. This module imports nothing from `node:`.
 */
export interface ReportFiles {
  /** The folder's name (a sweep report's title when its manifest names no sweep). */
  readonly name: string;
  has(name: string): boolean;
  read(name: string): string;
  /** The names of the files directly in a subfolder (`charts`), without the folder prefix. */
  list(folder: string): string[];
}

function readJson<T>(src: ReportFiles, name: string): T | null {
  if (!src.has(name)) return null;
  return JSON.parse(src.read(name)) as T;
}

const METRIC_INFO = new Map<string, { label: string; unit: string; definition: string; better: string | null }>(
  METRICS.map((m) => [m.id, { label: m.label, unit: m.unit, definition: m.definition, better: m.better }]),
);

/** Metric ids present in a metrics object, in the order of METRICS (unknown ids last). */
function metricIds(...docs: Array<Record<string, unknown>>): string[] {
  const present = new Set(docs.flatMap((d) => Object.keys(d)));
  const known = METRICS.map((m) => m.id as string).filter((id) => present.has(id));
  return [...known, ...[...present].filter((id) => !METRIC_INFO.has(id)).sort()];
}

function metricLabel(id: string): string {
  return METRIC_INFO.get(id)?.label ?? id;
}

function metricUnit(id: string): string {
  return METRIC_INFO.get(id)?.unit ?? '';
}

/** A mean with its 95 % interval below, in the metric's display format (src/report/format.ts). */
function metricCell(id: string, s: Summary | DifferenceSummary | undefined, sign = false): string {
  if (!s) return '<td class="num">–</td>';
  const mean = toNum(s.mean);
  const threshold = sign ? (s as DifferenceSummary).threshold : undefined;
  const opts = { difference: sign, extraDecimals: typeof threshold === 'number' ? thresholdDecimals(id, threshold) : 0 };
  return `<td class="num">${esc(formatValue(id, mean, opts))}<br><span class="ci">${esc(formatInterval(id, s.ci95, { ...opts, joiner: ' – ' }))}</span></td>`;
}

/** A unit for a table's unit column: "%" and "£" where the values are shares and pounds. */
function unitColumn(id: string): string {
  const u = metricUnit(id);
  return u === 'share' ? '%' : u === 'GBP' ? '£' : u;
}

function table(head: string[], rows: string[], opts: { cls?: string; caption?: string; numeric?: boolean[] } = {}): string {
  const ths = head.map((h, i) => `<th scope="col"${opts.numeric?.[i] ? ' class="num"' : ''}>${h}</th>`).join('');
  const caption = opts.caption ? `<caption>${opts.caption}</caption>` : '';
  return `<div class="table-wrap"><table${opts.cls ? ` class="${opts.cls}"` : ''}>${caption}<thead><tr>${ths}</tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table></div>`;
}


function paragraphs(lines: readonly string[]): string {
  return `<ul class="words">${lines.map((l) => `<li>${esc(l)}</li>`).join('')}</ul>`;
}

/** A run length in years for prose: "1 year", "2.5 years". */
function years(days: number): string {
  const y = Math.round((days / 365.25) * 100) / 100;
  return `${num(y)} ${y === 1 ? 'year' : 'years'}`;
}

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

const csvNum = (v: string | undefined): number => (v === undefined || v === '' ? NaN : Number(v));

function valueText(v: string): string {
  return v !== '' && Number.isFinite(Number(v)) ? num(Number(v)) : v;
}

// ---------------------------------------------------------------- scenarios

function parseScenario(raw: unknown): { scenario: Scenario | null; problem: string | null } {
  if (raw === null || raw === undefined) return { scenario: null, problem: null };
  const r = ScenarioSchema.safeParse(raw);
  if (r.success) return { scenario: r.data, problem: null };
  return { scenario: null, problem: r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).slice(0, 3).join('; ') };
}

/** The scenario with its run section as actually run (command-line overrides win). */
function asRun(s: Scenario, settings: Settings): Scenario {
  return { ...s, run: { ...s.run, years: settings.horizonDays / 365.25, warmupDays: settings.warmupDays, replications: settings.replications, seed: settings.seed } };
}

const ASSUMPTION_GROUPS: Array<[RegExp, string]> = [
  [/^run\./, 'The run'],
  [/^referrals\./, 'Referrals'],
  [/^workers\[/, 'The team'],
  [/^patients\./, 'Patients'],
  [/^(policy|initialState)\./, 'Policy and start'],
  [/^(discretion|levers\.)/, 'Discretion and boundaries (levers in force)'],
  [/^workload\./, 'Workload and effect sizes'],
  [/^workforce\./, 'The link worker as an agent'],
  [/^goldilocks\./, '“Just right” limits'],
  [/^costs/, 'Costs (pounds a year)'],
  [/^\(code\)/, 'Constants in the code'],
];

/** A field path that may wrap only after its dots and brackets. */
function pathHtml(path: string): string {
  return esc(path).replace(/([.\]])(?=.)/g, '$1<wbr>');
}

function assumptionsTable(rows: readonly AssumptionRow[]): string {
  let group = '';
  const body: string[] = [];
  for (const r of rows) {
    const g = ASSUMPTION_GROUPS.find(([re]) => re.test(r.path))?.[1] ?? 'Other';
    if (g !== group) {
      group = g;
      body.push(`<tr class="group"><th colspan="3" scope="colgroup">${esc(g)}</th></tr>`);
    }
    body.push(`<tr><td class="path"><code>${pathHtml(r.path)}</code></td><td>${esc(r.value)}</td><td>${esc(r.note)}</td></tr>`);
  }
  return table(['Parameter', 'Value in force', 'What it means'], body, { cls: 'assumptions long' });
}

const ASSUMPTIONS_LEAD =
  '<p>Values the paper (Tierney et al. 2024) and the calibration notes do not give: <strong>assumptions</strong> of the model (docs/model.md, §8 “Parameters”), with the value used here. Results depend on them; a sweep (<code>goldilocks sweep</code>) shows how much.</p>';

function missingScenario(file: string, problem: string | null): string {
  return problem
    ? `<p class="note">${esc(file)} could not be read as a scenario (${esc(problem)}), so the scenario cannot be described here.</p>`
    : `<p class="note">${esc(file)} is not in this folder, so the scenario cannot be described here; see the scenario file that was run.</p>`;
}

/** Flattened scenario fields (`a.b[0].c` → JSON value), for listing what differs between designs. */
function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value) && value.some((v) => v && typeof v === 'object')) {
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (value !== undefined) {
    out.set(prefix, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

function scenarioDifferences(base: Scenario, other: Scenario): string[] {
  const a = flatten(base);
  const b = flatten(other);
  const skip = /^(name|description|\$schema|site\.)/;
  const keys = [...new Set([...a.keys(), ...b.keys()])].filter((k) => !skip.test(k)).sort();
  return keys.filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: ${a.get(k) ?? 'not set'} → ${b.get(k) ?? 'not set'}`);
}

// ---------------------------------------------------------------- charts

interface ChartSpec {
  file: string;
  caption: string;
}

let chartCounter = 0;

/**
 * An SVG file ready to inline: no XML prolog, doctype or comments, no scripts, event handlers
 * or external references, ids prefixed so that several charts' clip paths and gradients do not
 * collide in one document, and a viewBox so that it scales down with `max-width: 100%`.
 */
export function inlineSvg(text: string, prefix: string, label: string): string {
  let svg = text
    .replace(/^\uFEFF/, '')
    .replace(/<\?xml[\s\S]*?\?>/gi, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<script\b[^>]*\/>/gi, '')
    .replace(/<foreignObject\b[\s\S]*?<\/foreignObject\s*>/gi, '')
    .replace(/\son[a-z]+\s*=\s*("[^"]*"|'[^']*')/gi, '')
    .replace(/\s(?:xlink:)?href\s*=\s*("|')(?!#|data:)[^"']*\1/gi, '')
    .replace(/url\(\s*(?!['"]?#)[^)]*\)/gi, 'none')
    .replace(/@import[^;]*;?/gi, '')
    .trim();
  const start = svg.search(/<svg\b/i);
  if (start < 0) return '';
  svg = svg.slice(start);
  const ids = new Set([...svg.matchAll(/\sid\s*=\s*("|')([^"']+)\1/g)].map((m) => m[2]));
  if (ids.size) {
    svg = svg
      .replace(/(\sid\s*=\s*)("|')([^"']+)\2/g, (m, a: string, q: string, id: string) => (ids.has(id) ? `${a}${q}${prefix}-${id}${q}` : m))
      .replace(/url\(\s*['"]?#([^)\s'"]+)['"]?\s*\)/g, (m, id: string) => (ids.has(id) ? `url(#${prefix}-${id})` : m))
      .replace(/((?:xlink:)?href\s*=\s*)("|')#([^"']+)\2/g, (m, a: string, q: string, id: string) => (ids.has(id) ? `${a}${q}#${prefix}-${id}${q}` : m));
  }
  // The root element: a viewBox (so it scales), an accessible name, a class for the CSS.
  svg = svg.replace(/^<svg\b([^>]*)>/i, (_m, attrs: string) => {
    let a = attrs;
    if (!/\sviewBox\s*=/i.test(a)) {
      const w = /\swidth\s*=\s*["']?([\d.]+)(px)?["']?/i.exec(a);
      const h = /\sheight\s*=\s*["']?([\d.]+)(px)?["']?/i.exec(a);
      if (w && h) a += ` viewBox="0 0 ${w[1]} ${h[1]}"`;
    }
    if (!/\srole\s*=/i.test(a)) a += ' role="img"';
    if (!/\saria-label\s*=/i.test(a)) a += ` aria-label="${esc(label)}"`;
    a = /\sclass\s*=\s*"/i.test(a) ? a.replace(/\sclass\s*=\s*"/i, ' class="chart ') : `${a} class="chart"`;
    return `<svg${a}>`;
  });
  return svg;
}

function chartFiles(src: ReportFiles): string[] {
  return src
    .list('charts')
    .filter((f) => f.toLowerCase().endsWith('.svg'))
    .sort();
}

/** Captions of the charts drawn once per kept metric (sweeps), from the metric's label. */
/** First letter upper-case: a clause printed as a sentence of its own. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a, b or c": the designs a question chooses between. */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function captionFromFile(file: string): string {
  const name = file.replace(/\.svg$/i, '');
  const perMetric = /^sweep-(heatmap|scatter)-(.+)$/.exec(name);
  if (perMetric && METRIC_INFO.has(perMetric[2] as MetricId)) {
    const label = metricLabel(perMetric[2] as MetricId);
    return perMetric[1] === 'heatmap'
      ? `Mean ${label.toLowerCase()} over the first two factors, averaged over any others.`
      : `${label} at each sampled point against each factor (one panel per factor, a shared vertical scale).`;
  }
  return name.replace(/[-_]+/g, ' ');
}

function figures(src: ReportFiles, expected: readonly ChartSpec[]): string {
  const present = chartFiles(src);
  const extra = present.filter((f) => !expected.some((e) => e.file === f)).map((f) => ({ file: f, caption: captionFromFile(f) }));
  const all = [...expected, ...extra];
  if (all.length === 0) return '<p class="note">No charts for this output.</p>';
  return all
    .map((c, i) => {
      const n = i + 1;
      const path = `charts/${c.file}`;
      const caption = `<figcaption><strong>Figure ${n}.</strong> ${esc(c.caption)} <span class="file">(charts/${esc(c.file)})</span></figcaption>`;
      if (!src.has(path)) {
        return `<figure class="chart missing" id="figure-${n}"><p class="missing">Figure ${n}: chart not produced (run without --no-charts).</p>${caption}</figure>`;
      }
      const svg = inlineSvg(src.read(path), `c${++chartCounter}`, c.caption);
      if (!svg) return `<figure class="chart missing" id="figure-${n}"><p class="missing">Figure ${n}: charts/${esc(c.file)} is not a readable SVG.</p>${caption}</figure>`;
      return `<figure class="chart" id="figure-${n}">\n${svg}\n${caption}</figure>`;
    })
    .join('\n');
}

// ---------------------------------------------------------------- tables of numbers

function metricsTable(metrics: Metrics): string {
  const ids = metricIds(metrics);
  const rows = ids.map((id) => {
    const s = metrics[id];
    return `<tr><th scope="row" title="${esc(METRIC_INFO.get(id)?.definition ?? '')}">${esc(metricLabel(id))}</th><td class="unit">${esc(unitColumn(id))}</td><td class="num">${esc(formatValue(id, toNum(s?.mean)))}</td><td class="num">${esc(formatInterval(id, s?.ci95, { joiner: ' – ' }))}</td><td class="num n">${esc(s?.n ?? '–')}</td></tr>`;
  });
  return table(['Metric', 'Unit', 'Mean', '95 % CI', 'n'], rows, { cls: 'metrics long', numeric: [false, false, true, true, true] });
}

function definitions(ids: readonly string[]): string {
  const items = ids
    .filter((id) => METRIC_INFO.has(id))
    .map((id) => {
      const m = METRIC_INFO.get(id)!;
      const better = m.better ? ` <span class="better-dir">(${m.better} is better)</span>` : '';
      return `<dt>${esc(m.label)} <span class="unit">(${esc(m.unit)})</span></dt><dd>${esc(m.definition)}.${better}</dd>`;
    });
  return `<dl class="definitions">${items.join('')}</dl>`;
}

function verdictPill(v: string): string {
  const cls = v === 'better' ? 'better' : v === 'worse' ? 'worse' : v === 'higher' || v === 'lower' ? 'neutral' : 'none';
  const mark = v === 'better' ? '✔ ' : v === 'worse' ? '✖ ' : '';
  return `<span class="verdict ${cls}">${esc(mark + v)}</span>`;
}

// ---------------------------------------------------------------- manifest (STRESS-DES)

const MANIFEST_SHOWN = new Set([
  'tool', 'version', 'node', 'scenario', 'scenarioSha256', 'seed', 'replications', 'horizonDays', 'warmupDays', 'timeUnit',
  'randomStreams', 'events', 'wallSeconds', 'warmupMethod', 'warmupWeeks', 'replicationsMethod', 'precisionReached',
  'relativeHalfWidths', 'designs', 'commonRandomNumbers', 'sweep', 'sweepSha256', 'design', 'factors', 'points', 'metrics',
  'shard', 'pointsInShard', 'justRight', 'dialLevels',
]);

function compactJson(v: unknown): string {
  const t = typeof v === 'string' ? v : JSON.stringify(v);
  return t.length > 400 ? `${t.slice(0, 400)}…` : t;
}

function manifestTable(m: Manifest, timing: Manifest | null): string {
  const rows: Array<[string, string, string, boolean?]> = [];
  const add = (item: string, ref: string, value: string, mono = false) => rows.push([item, ref, value, mono]);
  const str = (k: string) => (m[k] === undefined || m[k] === null ? '' : String(m[k]));
  const runtime = str('node').startsWith('none: ') ? str('node').slice('none: '.length) : `on Node.js ${str('node') || 'unknown'}`;
  add('Software', '5.1', `${str('tool') || 'goldilocks'} ${str('version')} (TypeScript) ${runtime}`);
  add('Random number seed', '5.2', str('seed') || '–');
  if (m.randomStreams) add('Random streams', '5.2', str('randomStreams'));
  if (m.commonRandomNumbers !== undefined) {
    const crn = m.commonRandomNumbers === true ? 'yes: every design or level runs the same replications of the same seed (paired comparisons)' : str('commonRandomNumbers');
    add('Common random numbers', '5.2', crn);
  }
  add('Model execution', '5.3', `discrete-event simulation, events ordered by time, priority and sequence${m.timeUnit ? `; time unit: ${str('timeUnit')}` : ''}`);
  if (m.events !== undefined) add('Events simulated', '5.3', Number(m.events).toLocaleString('en-GB'));
  if (m.wallSeconds !== undefined) add('Wall time', '5.4', `${str('wallSeconds')} s`);
  else if (timing?.wallSeconds !== undefined) add('Wall time', '5.4', `${String(timing.wallSeconds)} s on ${String(timing.workers ?? '?')} worker thread(s)`);
  const warm = m.warmupDays !== undefined ? `${num(Number(m.warmupDays))} days, excluded from every statistic` : '–';
  const method = m.warmupMethod ? `; chosen by ${str('warmupMethod')}${m.warmupWeeks !== undefined ? ` (${str('warmupWeeks')} weeks)` : ''}` : '';
  add('Warm-up (initialisation)', '4.1', warm + method);
  if (m.horizonDays !== undefined) add('Run length', '4.2', `${num(Number(m.horizonDays))} days (${years(Number(m.horizonDays))}) per replication, warm-up included`);
  const reps = m.replications !== undefined ? `${str('replications')} replications; mean with a 95 % Student-t confidence interval` : '–';
  const repsHow = m.replicationsMethod ? `; ${str('replicationsMethod')}${m.precisionReached === false ? ' — precision NOT reached' : m.precisionReached === true ? ' — reached' : ''}` : '';
  add('Replications (estimation approach)', '4.3', reps + repsHow);
  if (m.sweep !== undefined) {
    add('Sweep', '4.3', `${str('sweep')}: ${str('points')} points${m.shard ? `, shard ${str('shard')} (${str('pointsInShard')} points)` : ''}`);
    if (m.sweepSha256) add('Sweep SHA-256', '', str('sweepSha256'), true);
  }
  if (Array.isArray(m.dialLevels)) add('Dial levels', '4.3', (m.dialLevels as number[]).map((d) => num(d)).join(', '));
  add('Scenario', '', str('scenario') || '–');
  if (Array.isArray(m.designs)) {
    for (const d of m.designs as Array<{ scenario?: string; scenarioSha256?: string }>) add(`Scenario SHA-256: ${d.scenario ?? '?'}`, '', d.scenarioSha256 ?? '–', true);
  } else if (m.scenarioSha256) add('Scenario SHA-256', '', str('scenarioSha256'), true);
  for (const [k, v] of Object.entries(m)) if (!MANIFEST_SHOWN.has(k)) add(`Also recorded: ${k}`, '', compactJson(v), typeof v !== 'string');
  return table(
    ['Item', 'STRESS-DES', 'Value'],
    rows.map(([item, ref, value, mono]) => `<tr><th scope="row">${esc(item)}</th><td class="ref">${esc(ref)}</td><td${mono ? ' class="mono"' : ''}>${esc(value)}</td></tr>`),
    { cls: 'manifest' },
  );
}

const MANIFEST_LEAD =
  '<p>What a reader needs to reproduce or judge these results: the STRESS-DES reporting items for experimentation (4) and implementation (5) (Monks et al. 2019), from <code>manifest.json</code>. The same scenario and seed give the same numbers.</p>';

// ---------------------------------------------------------------- the page

interface Page {
  kind: ReportKind;
  title: string;
  question: string;
  lead: string;
  /** The one-page summary that opens the report (src/report/summary.ts); everything else is in collapsible sections. */
  summary: string;
  sections: Array<{ id: string; title: string; body: string }>;
}

const CSS = `
:root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --accent: #0072B2; --zebra: #f6f8fa; --head: #eaeef2;
  --better: #00785a; --better-bg: #dff3ec; --worse: #b8460b; --worse-bg: #fcebe2; --ok: #00785a; --ok-bg: #dff3ec; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 62rem; padding: 1.5rem 1.25rem 3rem; color: var(--ink); background: #fff;
  font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
header { border-bottom: 4px solid var(--accent); padding-bottom: .8rem; margin-bottom: 1rem; }
.eyebrow { text-transform: uppercase; letter-spacing: .08em; font-size: .78rem; color: var(--muted); margin: 0; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: .25rem 0 .4rem; }
.question { font-size: 1.2rem; font-weight: 600; color: var(--accent); margin: .2rem 0 .6rem; }
.lead { margin: .3rem 0; }
h2 { font-size: 1.35rem; line-height: 1.3; margin: 2.2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.08rem; margin: 1.4rem 0 .4rem; }
p, li { max-width: 48rem; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .86em; }
.mono { word-break: break-all; }
a { color: var(--accent); }
nav.toc { font-size: .92rem; background: var(--zebra); border: 1px solid var(--rule); border-radius: 6px; padding: .5rem .9rem; }
nav.toc ol { margin: .2rem 0; padding-left: 1.3rem; columns: 2; column-gap: 2rem; }
ul.words { padding-left: 1.2rem; }
ul.words li { margin: .25rem 0; }
.note { color: var(--muted); font-style: italic; }
.table-wrap { overflow-x: auto; margin: .6rem 0 1.1rem; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; page-break-inside: avoid; break-inside: avoid; }
caption { text-align: left; font-weight: 600; padding: .2rem 0 .4rem; }
th, td { text-align: left; padding: .32rem .55rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
thead th { background: var(--head); border-bottom: 2px solid var(--ink); font-weight: 600; }
tbody th { font-weight: 500; }
tbody tr:nth-child(even) { background: var(--zebra); }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
.ci { color: var(--muted); font-size: .85em; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.unit, td.ref, td.n, .file, .unit { color: var(--muted); }
td.unit { font-size: .88em; }
table.assumptions td.path { width: 34%; }
table.assumptions tr.group th, table.assumptions tr.group:nth-child(even) th { background: #fff; color: var(--accent); font-weight: 700; padding-top: .8rem; border-bottom: 1px solid var(--accent); }
table.manifest thead th:nth-child(2) { white-space: nowrap; }
table.manifest tbody th { width: 28%; }
tr.zone, tr.zone:nth-child(even) { background: var(--ok-bg); }
.tag { display: inline-block; font-size: .78em; font-weight: 600; padding: 0 .4em; border-radius: 3px; border: 1px solid currentColor; white-space: nowrap; }
.tag.zone { color: var(--ok); }
.verdict { display: inline-block; margin-top: .15rem; font-size: .8em; padding: 0 .4em; border-radius: 3px; white-space: nowrap; }
.verdict.better { color: var(--better); background: var(--better-bg); font-weight: 600; }
.verdict.worse { color: var(--worse); background: var(--worse-bg); font-weight: 600; }
.verdict.neutral { color: var(--ink); background: var(--head); }
.verdict.none { color: var(--muted); font-style: italic; }
.callout { border-left: 6px solid var(--ok); background: var(--ok-bg); padding: .7rem 1rem; margin: 1rem 0; border-radius: 0 6px 6px 0; page-break-inside: avoid; break-inside: avoid; }
.callout.none { border-left-color: var(--worse); background: var(--worse-bg); }
.callout .big { font-size: 1.3rem; font-weight: 700; margin: 0 0 .2rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .7rem; margin: 1rem 0; }
.card { border: 1px solid var(--rule); border-top: 4px solid var(--accent); border-radius: 6px; padding: .55rem .75rem; page-break-inside: avoid; break-inside: avoid; }
.card-label { font-size: .85rem; color: var(--muted); }
.card-value { font-size: 1.45rem; font-weight: 700; font-variant-numeric: tabular-nums; }
.card-unit { font-size: .8rem; font-weight: 400; color: var(--muted); }
figure { margin: 1.2rem 0 1.6rem; padding: 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
figcaption { font-size: .9rem; color: var(--ink); margin-top: .45rem; }
figure.missing { border: 1px dashed var(--rule); padding: .8rem 1rem; }
p.missing { margin: 0 0 .3rem; color: var(--worse); font-weight: 600; }
dl.definitions dt { font-weight: 600; margin-top: .5rem; }
dl.definitions dd { margin: 0 0 0 1.2rem; max-width: 48rem; }
.better-dir { color: var(--muted); font-size: .9em; }
footer { margin-top: 3rem; border-top: 1px solid var(--rule); padding-top: .6rem; font-size: .85rem; color: var(--muted); }
section.summary { margin: .3rem 0 1rem; font-size: .93rem; line-height: 1.5; }
header:has(+ main > section.summary) { padding-bottom: .4rem; margin-bottom: .6rem; }
header:has(+ main > section.summary) h1 { font-size: 1.5rem; margin: .15rem 0 .25rem; }
header:has(+ main > section.summary) .question { font-size: 1.08rem; margin-bottom: .2rem; }
.summary p, .summary li { max-width: none; }
.summary .designs p { margin: .2rem 0; }
table.headline th, table.headline td { padding: .15rem .5rem; }
.intro .lead { font-size: .92rem; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.summary .designs ul { margin: .2rem 0 .5rem; padding-left: 1.2rem; }
.summary .designs li { margin: .1rem 0; }
.summary h3 { margin: .55rem 0 .25rem; font-size: 1rem; }
.summary .cards { grid-template-columns: repeat(3, minmax(0, 1fr)); gap: .5rem; margin: .5rem 0; }
.summary .card { padding: .35rem .6rem; }
.summary .card-value { font-size: 1.3rem; }
.card-note { font-size: .75rem; color: var(--muted); }
.summary .card .ci { white-space: normal; }
@media (max-width: 40rem) { .summary .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
table.headline { font-size: .92rem; }
table.headline td strong { font-size: 1.05em; }
ul.findings { padding-left: 1.2rem; margin: .3rem 0; }
ul.findings li { margin: .2rem 0; max-width: none; }
.summary-note { font-size: .8rem; color: var(--muted); margin: .4rem 0 0; }
details.more { border-top: 1px solid var(--rule); }
details.more > summary { cursor: pointer; padding: .45rem 0; list-style-position: outside; }
details.more > summary h2 { display: inline; font-size: 1.15rem; margin: 0; padding: 0; border: 0; }
details.more[open] > summary { margin-bottom: .4rem; }
p.more-lead { color: var(--muted); font-size: .88rem; margin: 1rem 0 .2rem; }
@page { size: A4; margin: 15mm; }
@media print {
  html, body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { display: none; }
  header { padding-bottom: .3rem; margin-bottom: .4rem; }
  h1 { font-size: 15pt; margin: .1rem 0 .2rem; }
  .question { font-size: 11pt; margin: .1rem 0 .3rem; }
  .intro { display: none; }
  section.summary { break-after: page; page-break-after: always; margin: 0; font-size: 9.5pt; }
  .summary .card-value { font-size: 12pt; }
  table.headline { font-size: 8.5pt; }
  p.more-lead { display: none; }
  details.more > summary { list-style: none; }
  h2, h3 { page-break-after: avoid; break-after: avoid; }
  .table-wrap { overflow: visible; }
  table { font-size: 8.5pt; }
  table.long { page-break-inside: auto; break-inside: auto; }
  tr { page-break-inside: avoid; break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
  figure svg { max-height: 235mm; }
}
`;

/** A section that opens on a click (closed at first, so the summary is the first screen). */
function detailsSection(id: string, title: string, body: string): string {
  return `<details class="more" id="${esc(id)}">\n<summary><h2>${esc(title)}</h2></summary>\n${body}\n</details>`;
}

function renderPage(p: Page): string {
  const csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="generator" content="Goldilocks">
<link rel="icon" href="data:,">
<title>${esc(p.title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p class="eyebrow">Goldilocks · social-prescribing link-worker simulation · ${esc(p.kind)} report</p>
<h1>${esc(p.title)}</h1>
<p class="question">${esc(p.question)}</p>
</header>
<main>
${p.summary}
<div class="intro">${p.lead}</div>
<p class="more-lead">Everything else, section by section (click a title to open it):</p>
${p.sections.map((s) => detailsSection(s.id, s.title, s.body)).join('\n')}
</main>
<footer>
<p>Made by Goldilocks, a discrete-event, agent-based simulator of social-prescribing link-worker services. It turns the “Goldilocks conundrum” of Tierney et al. (2024), NIHR Health and Social Care Delivery Research, doi <a href="https://doi.org/10.3310/JSQY9840" rel="noreferrer noopener">10.3310/JSQY9840</a> — link workers’ discretion makes care person-centred, but without boundaries caseloads escalate — into an experiment bench. Every mechanism, parameter and source is in docs/model.md. Results are model outputs under the assumptions listed above, not forecasts.</p>
</footer>
</body>
</html>
`;
}

// ---------------------------------------------------------------- one kind each

function runReport(src: ReportFiles): Page {
  const doc = readJson<RunDoc>(src, 'summary.json')!;
  const manifest = readJson<Manifest>(src, 'manifest.json') ?? {};
  const { scenario, problem } = parseScenario(readJson(src, 'scenario.json'));
  const name = doc.scenario;
  const sections: Page['sections'] = [];
  sections.push({
    id: 'scenario',
    title: 'The service simulated',
    body: scenario ? paragraphs(describeScenario(asRun(scenario, doc))) : missingScenario('scenario.json', problem),
  });
  sections.push({
    id: 'numbers',
    title: 'Key numbers',
    body:
      `<p>Means over ${esc(doc.replications)} replications with 95 % confidence intervals (Student t), measured after the ${esc(num(doc.warmupDays))}-day warm-up. <em>n</em> is the number of replications that could measure the metric.</p>` +
      metricsTable(doc.metrics),
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    body: figures(src, [
      { file: 'run-timeseries.svg', caption: 'Week by week over the run: mean over replications with a 95 % band. The warm-up weeks are shown but left out of the key numbers.' },
      { file: 'run-waits.svg', caption: 'How long patients waited for a first appointment: the share seen within each wait (cumulative, pooled over replications; the days axis stretched so that short and long waits both show), with the median, the 90th percentile and the shares seen within 14 and 28 days marked.' },
      { file: 'run-week.svg', caption: 'A link worker’s average week per worker group, in hours per whole-time equivalent: sessions, admin, travel, out-of-remit work, networking, other duties, unused time, and leave and vacancies (each bar adds up to the contracted week).' },
      { file: 'run-overload.svg', caption: 'Overload: work that fell due in a worker-week over contracted hours; above 1 means more work was due than there was time for.' },
    ]),
  });
  sections.push({ id: 'assumptions', title: 'Assumptions in force', body: scenario ? ASSUMPTIONS_LEAD + assumptionsTable(assumptionsInForce(asRun(scenario, doc))) : missingScenario('scenario.json', problem) });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(metricIds(doc.metrics)) });
  return {
    kind: 'run',
    summary: summarySection({
      designs: `<p><strong>${esc(name)}</strong>: ${esc(scenario ? designLine(asRun(scenario, doc)) : 'the scenario file is not in this folder')}</p>`,
      figures: `<h3>Headline figures (95 % confidence intervals)</h3>${summaryCards(doc.metrics)}`,
      findings: runFindings(doc.metrics, scenario?.goldilocks),
      note: esc(`Means over ${doc.replications} replications of ${years(doc.horizonDays)} (seed ${doc.seed}), measured after a ${num(doc.warmupDays)}-day warm-up. Costs: the costs section of the scenario (pounds a year). Model outputs under the assumptions listed below, not forecasts.`),
    }),
    title: `Goldilocks run report: ${name}`,
    question: `What does the service “${name}” look like as it is designed?`,
    lead: `<p class="lead">Goldilocks simulated this service ${esc(doc.replications)} times, each for ${esc(years(doc.horizonDays))} (seed ${esc(doc.seed)}), and reports waits, caseloads, overload, need met and the link workers’ stress and turnover. The wider question — <em>how much discretion is just right for this service?</em> — is answered by <code>goldilocks explore</code>.</p>`,
    sections,
  };
}

function compareReport(src: ReportFiles): Page {
  const doc = readJson<CompareDoc>(src, 'compare.json')!;
  const manifest = readJson<Manifest>(src, 'manifest.json') ?? {};
  const scenariosRaw = readJson<Array<{ name: string; scenario: unknown }>>(src, 'scenarios.json');
  const names = doc.designs.map((d) => d.scenario);
  const base = names[0];
  const parsed = new Map<string, Scenario>();
  const problems: string[] = [];
  for (const s of scenariosRaw ?? []) {
    const r = parseScenario(s.scenario);
    if (r.scenario) parsed.set(s.name, r.scenario);
    else if (r.problem) problems.push(`${s.name}: ${r.problem}`);
  }
  const sections: Page['sections'] = [];

  // Findings in words, from the verdicts.
  const findings = doc.differences.map((d) => {
    const by = new Map<string, string[]>();
    for (const id of metricIds(d.metrics as Record<string, unknown>)) {
      const v = d.metrics[id]?.verdict ?? 'no detectable difference';
      by.set(v, [...(by.get(v) ?? []), metricLabel(id).toLowerCase()]);
    }
    const part = (v: string, words: string) => (by.get(v)?.length ? `${words} ${andList(by.get(v)!)}` : '');
    const parts = [part('better', 'better on'), part('worse', 'worse on'), part('higher', 'higher'), part('lower', 'lower')].filter(Boolean);
    const small = by.get('no meaningful difference') ?? [];
    const smallText = small.length ? `${parts.length ? '; ' : ''}different by less than the threshold (no meaningful difference) on ${andList(small)}` : '';
    const none = parts.length || small.length ? (by.get('no detectable difference')?.length ? '; no detectable difference on the rest' : '') : '';
    return `Against ${d.versus}, ${d.scenario} is ${parts.length || small.length ? andList(parts) + smallText : 'not detectably different on any metric'}${none}.`;
  });

  const designsBody = names
    .map((n, i) => {
      const s = parsed.get(n);
      if (!s) return `<h3>${esc(n)}${i === 0 ? ' (baseline)' : ''}</h3>${missingScenario('scenarios.json', null)}`;
      const diffs = i > 0 && parsed.get(base) ? scenarioDifferences(parsed.get(base)!, s) : [];
      const diffHtml = i > 0 && parsed.get(base) ? `<p><strong>Differs from ${esc(base)} in:</strong></p>${diffs.length ? `<ul class="diffs">${diffs.map((d) => `<li><code>${esc(d)}</code></li>`).join('')}</ul>` : '<p class="note">no field (same scenario under another name).</p>'}` : '';
      return `<h3>${esc(n)}${i === 0 ? ' (baseline)' : ''}</h3>${diffHtml}${paragraphs(describeScenario(asRun(s, doc)))}`;
    })
    .join('\n');
  sections.push({ id: 'scenario', title: 'The designs compared', body: designsBody + (problems.length ? `<p class="note">${esc(problems.join('; '))}</p>` : '') });

  const ids = metricIds(...doc.designs.map((d) => d.metrics as Record<string, unknown>));
  const designRows = ids.map((id) => `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span></th>${doc.designs.map((d) => metricCell(id, d.metrics[id])).join('')}</tr>`);
  const thresholdOf = (id: string) => {
    const t = doc.differences.map((d) => d.metrics[id]?.threshold).find((x) => typeof x === 'number');
    return typeof t === 'number' ? `<br><span class="unit">threshold ${esc(formatThreshold(id, t))}</span>` : '';
  };
  const diffRows = ids.map(
    (id) =>
      `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span>${thresholdOf(id)}</th>${doc.differences
        .map((d) => {
          const m = d.metrics[id];
          return m ? metricCell(id, m, true).replace(/<\/td>$/, `<br>${verdictPill(m.verdict)}</td>`) : '<td class="num">–</td>';
        })
        .join('')}</tr>`,
  );
  sections.push({
    id: 'numbers',
    title: 'Key numbers',
    body:
      `<ul class="words findings">${findings.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>` +
      `<h3>Each design</h3><p>Means over ${esc(doc.replications)} replications with 95 % confidence intervals (below each mean).</p>` +
      table(['Metric', ...names.map((n, i) => `${esc(n)}${i === 0 ? ' (baseline)' : ''}`)], designRows, { cls: 'metrics long', numeric: [false, ...names.map(() => true)] }) +
      `<h3>Paired differences from the baseline</h3><p>Every design saw the same patients (common random numbers), so each difference is the mean of per-replication differences with a 95 % paired-t interval. A verdict needs the interval to exclude 0 <em>and</em> the difference to reach the metric’s practical threshold (shown under each metric): then <strong>better</strong> / <strong>worse</strong> for metrics with a preferred direction, <strong>higher</strong> / <strong>lower</strong> for the others. <em>No meaningful difference</em>: the interval excludes 0 but the difference is below the threshold. <em>No detectable difference</em>: the interval contains 0.</p>` +
      table(['Metric', ...doc.differences.map((d) => `${esc(d.scenario)} − ${esc(d.versus)}`)], diffRows, { cls: 'differences long', numeric: [false, ...doc.differences.map(() => true)] }) +
      (doc.differences.some((d) => d.costEffect)
        ? `<h3>Cost and effect</h3><p>The paired difference in cost a year and in needs met a year, and the incremental cost per extra need met (difference in cost over difference in needs met, with a 95 % Fieller interval). <strong>Dominates</strong>: meets more need at no more cost; <strong>dominated</strong>: meets less need at no less cost.</p><ul class="words">` +
          doc.differences
            .filter((d) => d.costEffect)
            .map((d) => {
              const ce = d.costEffect!;
              return `<li><strong>${esc(d.scenario)} − ${esc(d.versus)}</strong>: cost ${esc(formatValue('costPerYear', toNum(ce.costDifference.mean), { difference: true }))} a year (${esc(formatInterval('costPerYear', ce.costDifference.ci95, { difference: true }))}), needs met ${esc(formatValue('needsMetPerYear', toNum(ce.needsMetDifference.mean), { difference: true }))} a year (${esc(formatInterval('needsMetPerYear', ce.needsMetDifference.ci95, { difference: true }))}). ${costEffectWords(ce) ?? ''}</li>`;
            })
            .join('') +
          '</ul>'
        : ''),
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    body: figures(src, [
      { file: 'compare-designs.svg', caption: 'Key metrics for each design: mean with 95 % confidence interval.' },
      { file: 'compare-differences.svg', caption: `Paired differences from the baseline (${base}) with 95 % intervals; an interval that crosses 0 means no detectable difference, one that excludes 0 with a difference below the metric’s threshold means no meaningful difference.` },
    ]),
  });
  const baseScenario = parsed.get(base);
  let assumptions = '';
  if (baseScenario) {
    const baseRows = assumptionsInForce(asRun(baseScenario, doc));
    assumptions += ASSUMPTIONS_LEAD + `<h3>${esc(base)} (baseline)</h3>` + assumptionsTable(baseRows);
    const baseByPath = new Map(baseRows.map((r) => [r.path, r.value]));
    for (const n of names.slice(1)) {
      const s = parsed.get(n);
      if (!s) continue;
      const changed = assumptionsInForce(asRun(s, doc)).filter((r) => baseByPath.get(r.path) !== r.value);
      assumptions += `<h3>${esc(n)}: where it differs from ${esc(base)}</h3>` + (changed.length ? assumptionsTable(changed) : '<p class="note">The same assumptions as the baseline.</p>');
    }
  } else assumptions = missingScenario('scenarios.json', problems[0] ?? null);
  sections.push({ id: 'assumptions', title: 'Assumptions in force', body: assumptions });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(ids) });
  return {
    kind: 'compare',
    summary: summarySection({
      designs:
        `<ul>` +
        names
          .map((n, i) => {
            const sc = parsed.get(n);
            const b = parsed.get(base);
            if (!sc) return `<li><strong>${esc(n)}</strong>${i === 0 ? ' (baseline)' : ''}</li>`;
            if (i === 0 || !b) return `<li><strong>${esc(n)}</strong>${i === 0 ? ' (baseline)' : ''}: ${esc(designLine(asRun(sc, doc)))}</li>`;
            const diff = differenceLine(b, sc);
            return `<li><strong>${esc(n)}</strong>: as ${esc(base)}, but ${esc(diff || 'nothing differs (the same scenario under another name)')}.</li>`;
          })
          .join('') +
        `</ul>`,
      figures: `<h3>Headline figures (95 % confidence intervals)</h3>` + headlineTable(doc.designs.map((d, i) => ({ title: `${d.scenario}${i === 0 ? ' (baseline)' : ''}`, metrics: d.metrics }))),
      findings:
        `<h3>Findings (paired on common random numbers)</h3><ul class="findings">` +
        doc.differences
          .map((d) => {
            const baseDoc = doc.designs.find((x) => x.scenario === d.versus) ?? doc.designs[0];
            const design = doc.designs.find((x) => x.scenario === d.scenario);
            return designFindings(d.scenario, d.versus, baseDoc.metrics, design?.metrics ?? {}, d.metrics, d.costEffect);
          })
          .join('') +
        `</ul>`,
      note: esc(`Means over the same ${doc.replications} replications of ${years(doc.horizonDays)} for every design (seed ${doc.seed}). A verdict needs the paired 95 % interval to exclude 0 and the difference to reach the metric's practical threshold; costs from the scenarios' costs sections (pounds a year).`),
    }),
    title: `Goldilocks comparison: ${names.join(' vs ')}`,
    question: `Which service design works better: ${orList(names)}?`,
    lead: `<p class="lead">Goldilocks ran ${esc(names.length)} designs on the same ${esc(doc.replications)} replications of ${esc(years(doc.horizonDays))} (seed ${esc(doc.seed)}) and compares each with ${esc(base)}. It is one step towards the Goldilocks question: <em>how much discretion is just right for this service?</em></p>`,
    sections,
  };
}

const EXPLORE_COLUMNS: MetricId[] = ['overloadIndex', 'needMetShare', 'turnoverPerYear', 'satisfaction', 'waitDays'];

function exploreReport(src: ReportFiles): Page {
  const doc = readJson<ExploreDoc>(src, 'explore.json')!;
  const manifest = readJson<Manifest>(src, 'manifest.json') ?? {};
  const { scenario, problem } = parseScenario(readJson(src, 'scenario.json'));
  const jr = doc.justRight;
  // The zone's own list of levels (explore.json, else the manifest); only folders written before
  // the list existed fall back to every level between from and to.
  const zoneLevels = Array.isArray(jr.levels)
    ? jr.levels
    : Array.isArray((manifest.justRight as { levels?: unknown } | undefined)?.levels)
    ? ((manifest.justRight as { levels: number[] }).levels)
    : jr.from !== null && jr.to !== null
      ? doc.levels.map((l) => l.discretion).filter((d) => d >= jr.from! && d <= jr.to!)
      : [];
  const inZone = (d: number) => zoneLevels.some((z) => Math.abs(z - d) < 1e-9);
  const zoneText = jr.from === null || jr.to === null ? 'none' : jr.label ? `discretion ${jr.label}` : jr.from === jr.to ? `discretion ${num(jr.from)}` : `discretion ${num(jr.from)} to ${num(jr.to)}`;
  const sections: Page['sections'] = [];

  const callout = `<div class="callout${jr.from === null ? ' none' : ''}"><p class="big">Just right: ${esc(zoneText)}</p><p>${esc(sentence(jr.reason))}.</p></div>`;
  const limits = scenario?.goldilocks;
  const limitsText = limits
    ? `<p>“Just right” means: the mean overload index at most ${esc(num(limits.maxOverloadIndex))} and mean turnover at most ${esc(num(limits.maxTurnoverPerYear))} a year, and ${esc(metricLabel(limits.objective).toLowerCase())} not detectably worse than at the best level that keeps within both: a level is left out only when the 95 % interval of its paired difference from the best excludes 0 and the difference is more than ${esc(num(limits.tolerance))}. Where a limit lies inside a level’s 95 % interval, or a level is in only because its paired interval includes 0, the answer rests on overlapping intervals and says so. Nothing is forced: the answer may be “none” or an end of the dial.</p>`
    : '';
  const scenarioBody = scenario
    ? paragraphs(describeScenario(asRun(scenario, doc))) +
      `<p class="note">Explore moves the discretion dial from 0 (all boundaries) to 1 (all discretion) across ${esc(doc.levels.length)} levels; levers set explicitly in the scenario keep their values at every level.</p>`
    : missingScenario('scenario.json', problem);
  sections.push({ id: 'answer', title: 'The answer', body: callout + limitsText });
  sections.push({ id: 'scenario', title: 'The service explored', body: scenarioBody });

  const levelRows = doc.levels.map((l) => {
    const z = inZone(l.discretion);
    const label = l.discretion === 0 ? ' (all boundaries)' : l.discretion === 1 ? ' (all discretion)' : '';
    return `<tr${z ? ' class="zone"' : ''}><th scope="row" class="num">${esc(num(l.discretion))}${esc(label)}${z ? '<br><span class="tag zone">✔ just right</span>' : ''}</th>${EXPLORE_COLUMNS.map((id) => metricCell(id, l.metrics[id])).join('')}</tr>`;
  });
  // All metrics at a few levels: the ends, the middle and the zone.
  const pick = [...new Set([0, 0.5, 1, ...(jr.from !== null ? [jr.from] : []), ...(jr.to !== null ? [jr.to] : [])])]
    .map((d) => doc.levels.find((l) => Math.abs(l.discretion - d) < 1e-9))
    .filter((l): l is ExploreDoc['levels'][number] => l !== undefined)
    .sort((a, b) => a.discretion - b.discretion)
    .slice(0, 5);
  const allIds = metricIds(...doc.levels.map((l) => l.metrics as Record<string, unknown>));
  const allRows = allIds.map((id) => `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span></th>${pick.map((l) => metricCell(id, l.metrics[id])).join('')}</tr>`);
  sections.push({
    id: 'numbers',
    title: 'Key numbers by level',
    body:
      `<p>Means over ${esc(doc.replications)} replications per level with 95 % confidence intervals (below each mean); every level saw the same patients (common random numbers).${zoneLevels.length ? ' Shaded rows are just right.' : ''}</p>` +
      table(['Discretion', ...EXPLORE_COLUMNS.map((id) => `${esc(metricLabel(id))}<br><span class="unit">${esc(unitColumn(id))}</span>`)], levelRows, { cls: 'levels', numeric: [true, ...EXPLORE_COLUMNS.map(() => true)] }) +
      `<h3>Every metric at ${esc(andList(pick.map((l) => num(l.discretion))))}</h3>` +
      table(['Metric', ...pick.map((l) => `discretion ${esc(num(l.discretion))}${inZone(l.discretion) ? ' ✔' : ''}`)], allRows, { cls: 'metrics long', numeric: [false, ...pick.map(() => true)] }),
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    body: figures(src, [{ file: 'explore-curve.svg', caption: 'Overload index, need met and turnover across the discretion dial (mean with 95 % interval); the just-right zone is marked.' }]),
  });
  sections.push({
    id: 'assumptions',
    title: 'Assumptions in force',
    body: scenario
      ? ASSUMPTIONS_LEAD + '<p class="note">Lever values are shown at the scenario’s own dial setting; explore moves the dial, so levers not set explicitly change from level to level.</p>' + assumptionsTable(assumptionsInForce(asRun(scenario, doc)))
      : missingScenario('scenario.json', problem),
  });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(allIds) });
  return {
    kind: 'explore',
    summary: summarySection({
      designs: `<p><strong>${esc(doc.scenario)}</strong>: ${esc(scenario ? designLine(asRun(scenario, doc), { dial: false }) : '')} Explored at ${esc(doc.levels.length)} settings of the discretion dial, from 0 (all boundaries) to 1 (all discretion).</p>`,
      figures: (() => {
        const best = typeof jr.best === 'number' ? jr.best : null;
        const wanted = [...new Set([0, ...(best !== null ? [best] : []), 1])];
        const cols = wanted
          .map((d) => doc.levels.find((l) => Math.abs(l.discretion - d) < 1e-9))
          .filter((l): l is ExploreDoc['levels'][number] => l !== undefined)
          .map((l) => ({ title: `discretion ${num(l.discretion)}${best !== null && Math.abs(l.discretion - best) < 1e-9 ? ' (best just right)' : l.discretion === 0 ? ' (all boundaries)' : l.discretion === 1 ? ' (all discretion)' : ''}`, metrics: l.metrics }));
        return `<h3>Headline figures at the ends of the dial${best !== null ? ' and the best just-right level' : ''} (95 % confidence intervals)</h3>` + headlineTable(cols);
      })(),
      findings: `<div class="callout${jr.from === null ? ' none' : ''}"><p class="big">Just right: ${esc(zoneText)}</p><p>${esc(sentence(jr.reason))}.</p></div>`,
      note: esc(`Means over ${doc.replications} replications per level of ${years(doc.horizonDays)} (seed ${doc.seed}); every level saw the same patients (common random numbers).`),
    }),
    title: `Goldilocks explore report: ${doc.scenario}`,
    question: 'How much discretion is just right for this service?',
    lead: `<p class="lead">Goldilocks ran the service “${esc(doc.scenario)}” at ${esc(doc.levels.length)} settings of the discretion dial, ${esc(doc.replications)} replications of ${esc(years(doc.horizonDays))} each (seed ${esc(doc.seed)}), and looked for the settings that keep overload and turnover within limits while meeting the most need.</p>`,
    sections,
  };
}

interface SweepFactorInfo {
  path: string;
  values?: unknown[];
  range?: { from: number; to: number; steps?: number };
  integer?: boolean;
}

function designWords(design: Record<string, unknown> | undefined, points: unknown): string {
  const t = design?.type ?? 'grid';
  if (t === 'lhs') return `a Latin hypercube sample of ${String(design?.samples)} points (seed ${String(design?.seed)})`;
  if (t === 'morris') return `Morris screening: ${String(design?.trajectories)} trajectories on ${String(design?.levels)} levels (seed ${String(design?.seed)}, ${String(design?.bootstrap)} bootstrap resamples for the intervals), ${String(points)} points`;
  return `a full grid of ${String(points)} points`;
}

function factorWords(f: SweepFactorInfo, grid: boolean): string {
  if (f.values) return f.values.map((v) => (typeof v === 'number' ? num(v) : String(v))).join(', ');
  if (f.range) return grid ? `${num(f.range.from)} to ${num(f.range.to)} in ${String(f.range.steps ?? 5)} steps${f.integer ? ' (whole numbers)' : ''}` : `anywhere from ${num(f.range.from)} to ${num(f.range.to)}${f.integer ? ' (whole numbers)' : ''}`;
  return '–';
}

const MAX_POINT_ROWS = 40;

function sweepReport(src: ReportFiles): Page {
  const manifest = readJson<Manifest>(src, 'manifest.json') ?? {};
  const timing = readJson<Manifest>(src, 'timing.json');
  const factors = (manifest.factors as SweepFactorInfo[] | undefined) ?? [];
  const design = manifest.design as Record<string, unknown> | undefined;
  const grid = !design || design.type === 'grid';
  const name = String(manifest.sweep ?? src.name);
  const metricsKept = (manifest.metrics as string[] | undefined) ?? [];
  const sections: Page['sections'] = [];

  const { scenario, problem } = parseScenario(readJson(src, 'scenario.json'));
  const factorRows = factors.map((f) => `<tr><td><code>${pathHtml(f.path)}</code></td><td>${esc(factorWords(f, grid))}</td></tr>`);
  sections.push({
    id: 'scenario',
    title: 'The sweep',
    body:
      `<p>Base scenario <strong>${esc(manifest.scenario ?? '?')}</strong>, with ${esc(factors.length)} factor${factors.length === 1 ? '' : 's'} varied by ${esc(designWords(design, manifest.points))}. Every point runs the same ${esc(manifest.replications ?? '?')} replications of ${esc(manifest.horizonDays !== undefined ? years(Number(manifest.horizonDays)) : '?')} (seed ${esc(manifest.seed ?? '?')}, ${esc(manifest.warmupDays ?? '?')} days of warm-up), so points share common random numbers. Metrics kept: ${esc(andList(metricsKept.map((m) => metricLabel(m).toLowerCase())) || 'all')}.</p>` +
      table(['Factor (scenario field)', grid ? 'Values' : 'Range'], factorRows, { cls: 'factors' }) +
      (scenario ? `<h3>The base scenario</h3>${paragraphs(describeScenario(scenario))}` : ''),
  });

  // Results: the Morris table, or the first points.
  let results = '';
  const sensitivityPath = 'sensitivity.csv';
  const hasMorris = src.has(sensitivityPath);
  if (hasMorris) {
    const [head, ...rows] = parseCsv(src.read(sensitivityPath));
    const col = (n: string) => head.indexOf(n);
    const byMetric = new Map<string, string[][]>();
    for (const r of rows) byMetric.set(r[col('metric')], [...(byMetric.get(r[col('metric')]) ?? []), r]);
    results += `<p>Morris elementary effects: <strong>μ*</strong> (mean absolute effect) ranks how much each factor moves a metric when it goes across its whole range; <strong>σ</strong> is large when the effect depends on the other factors or is not linear; μ is the signed mean effect. 95 % bootstrap intervals for μ*. Factors are sorted by μ* within each metric.</p>`;
    for (const [metric, rs] of byMetric) {
      rs.sort((a, b) => csvNum(b[col('mu_star')]) - csvNum(a[col('mu_star')]));
      results += table(
        ['Factor', 'μ*', '95 % CI of μ*', 'μ', 'σ'],
        rs.map(
          (r) =>
            `<tr><td><code>${pathHtml(r[col('factor')])}</code></td><td class="num">${esc(effect(metric, csvNum(r[col('mu_star')])))}</td><td class="num">${esc(`${effect(metric, csvNum(r[col('mu_star_ci_low')]))} – ${effect(metric, csvNum(r[col('mu_star_ci_high')]))}`)}</td><td class="num">${esc(formatValue(metric, csvNum(r[col('mu')]), { difference: true }))}</td><td class="num">${esc(effect(metric, csvNum(r[col('sigma')])))}</td></tr>`,
        ),
        { cls: 'morris', caption: `${esc(metricLabel(metric))} <span class="unit">(${esc(unitColumn(metric) === '%' ? 'percentage points' : unitColumn(metric))})</span>`, numeric: [false, true, true, true, true] },
      );
    }
  }
  const pointsPath = 'points.csv';
  if (src.has(pointsPath) && !hasMorris) {
    const [head, ...rows] = parseCsv(src.read(pointsPath));
    const k = head.length - 7;
    const factorPaths = head.slice(1, 1 + k);
    const points = new Map<string, { values: string[]; metrics: Map<string, Summary> }>();
    for (const r of rows) {
      const id = r[0];
      const p = points.get(id) ?? { values: r.slice(1, 1 + k), metrics: new Map<string, Summary>() };
      p.metrics.set(r[1 + k], { mean: csvNum(r[2 + k]), ci95: [csvNum(r[3 + k]), csvNum(r[4 + k])], n: Number(r[6 + k]) });
      points.set(id, p);
    }
    const present = [...new Set(rows.map((r) => r[1 + k]))];
    const preferred: string[] = ['overloadIndex', 'waitDays', 'needMetShare', 'unmetNeedShare', 'turnoverPerYear', 'caseloadPerWorker'];
    const shown = [...preferred.filter((m) => present.includes(m)), ...present.filter((m) => !preferred.includes(m))].slice(0, 4);
    const list = [...points.entries()].slice(0, MAX_POINT_ROWS);
    results +=
      `<p>${list.length < points.size ? `The first ${list.length} of ${points.size} points` : `All ${points.size} points`}, with ${shown.length < present.length ? `${shown.length} of the ${present.length} metrics kept` : 'every metric kept'}: mean over replications with the 95 % confidence interval below. Every value is in <code>points.csv</code>.</p>` +
      table(
        ['Point', ...factorPaths.map((p) => `<code>${pathHtml(p)}</code>`), ...shown.map((m) => `${esc(metricLabel(m))}<br><span class="unit">${esc(unitColumn(m))}</span>`)],
        list.map(([id, p]) => `<tr><td class="num">${esc(id)}</td>${p.values.map((v) => `<td class="num">${esc(valueText(v))}</td>`).join('')}${shown.map((m) => metricCell(m, p.metrics.get(m))).join('')}</tr>`),
        { cls: 'points long', numeric: [true, ...factorPaths.map(() => true), ...shown.map(() => true)] },
      );
  }
  let sweepFindings = '';
  if (hasMorris) {
    const [head, ...rows] = parseCsv(src.read(sensitivityPath));
    const col = (n: string) => head.indexOf(n);
    const top = new Map<string, string[]>();
    for (const r of rows) {
      const prev = top.get(r[col('metric')]);
      if (!prev || csvNum(r[col('mu_star')]) > csvNum(prev[col('mu_star')])) top.set(r[col('metric')], r);
    }
    sweepFindings = `<h3>Findings</h3><ul class="findings">${[...top.entries()].slice(0, 6).map(([metric, r]) => `<li>${esc(metricLabel(metric))}: moved most by <code>${pathHtml(r[col('factor')])}</code> (μ* ${esc(effect(metric, csvNum(r[col('mu_star')])))}).</li>`).join('')}</ul>`;
  } else if (src.has(pointsPath)) {
    const [head, ...rows] = parseCsv(src.read(pointsPath));
    const k = head.length - 7;
    const byMetric = new Map<string, Array<{ id: string; values: string[]; mean: number }>>();
    for (const r of rows) byMetric.set(r[1 + k], [...(byMetric.get(r[1 + k]) ?? []), { id: r[0], values: r.slice(1, 1 + k), mean: csvNum(r[2 + k]) }]);
    const at = (p: { values: string[] }) => head.slice(1, 1 + k).map((f, i) => `${f} = ${valueText(p.values[i])}`).join(', ');
    const items = [...byMetric.entries()].slice(0, 5).map(([metric, ps]) => {
      const finite = ps.filter((p) => Number.isFinite(p.mean));
      if (!finite.length) return '';
      const lo = finite.reduce((a, b) => (b.mean < a.mean ? b : a));
      const hi = finite.reduce((a, b) => (b.mean > a.mean ? b : a));
      return `<li>${esc(metricLabel(metric))}: from ${esc(formatValue(metric, lo.mean))} (${esc(at(lo))}) to ${esc(formatValue(metric, hi.mean))} (${esc(at(hi))}).</li>`;
    });
    sweepFindings = `<h3>Findings: the range of each metric across the points</h3><ul class="findings">${items.join('')}</ul>`;
  }
  if (!results) results = '<p class="note">No points.csv in this folder: the sweep has not finished (resume it with --resume) or this is one shard of it.</p>';
  sections.push({ id: 'numbers', title: hasMorris ? 'Which parameters matter' : 'Key numbers by point', body: results });

  const expected: ChartSpec[] = [];
  if (factors.length >= 2) expected.push({ file: 'sweep-heatmap.svg', caption: `Mean ${metricsKept.includes('overloadIndex') ? 'overload index' : 'of the first metric kept'} over the first two factors (${factors.slice(0, 2).map((f) => f.path).join(' × ')}), averaged over any others.` });
  if (hasMorris) expected.push({ file: 'sweep-morris.svg', caption: 'Morris screening: μ* (overall influence) against σ (interactions or non-linearity) for each factor and metric.' });
  sections.push({ id: 'charts', title: 'Charts', body: figures(src, expected) });
  sections.push({
    id: 'assumptions',
    title: 'Assumptions in force',
    body: scenario
      ? ASSUMPTIONS_LEAD + '<p class="note">Values of the base scenario; the factors above vary some of them.</p>' + assumptionsTable(assumptionsInForce(scenario))
      : `<p class="note">The base scenario (${esc(manifest.scenario ?? '?')}) is not saved in a sweep folder; its assumptions are listed in the report of <code>goldilocks run</code> on that scenario. The factors above are the parameters this sweep varies.</p>`,
  });
  if (problem) sections[sections.length - 1].body += `<p class="note">scenario.json: ${esc(problem)}</p>`;
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, timing) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(metricsKept.length ? metricsKept : METRICS.map((m) => m.id)) });
  return {
    kind: 'sweep',
    summary: summarySection({
      designs:
        `<p>Base scenario <strong>${esc(manifest.scenario ?? '?')}</strong>${scenario ? `: ${esc(designLine(scenario))}` : '.'}</p>` +
        `<ul>${factors.map((f) => `<li><code>${pathHtml(f.path)}</code>: ${esc(factorWords(f, grid))}</li>`).join('')}</ul>`,
      figures: '',
      findings: sweepFindings,
      note: esc(`${designWords(design, manifest.points)}; ${String(manifest.replications ?? '?')} replications per point on common random numbers.`),
    }),
    title: `Goldilocks sweep report: ${name}`,
    question: hasMorris
      ? `Which of ${andList(factors.map((f) => f.path))} move the results most?`
      : `How do the results change with ${andList(factors.map((f) => f.path))}?`,
    lead: `<p class="lead">A parameter sweep of the service “${esc(manifest.scenario ?? '?')}”: ${esc(designWords(design, manifest.points))}. It shows how sensitive the answer to the Goldilocks question — <em>how much discretion is just right for this service?</em> — is to what we assumed.</p>`,
    sections,
  };
}

// ---------------------------------------------------------------- entry points

function kindOf(src: ReportFiles): ReportKind | null {
  if (src.has('explore.json')) return 'explore';
  if (src.has('compare.json')) return 'compare';
  if (src.has('summary.json')) return 'run';
  if (src.has('points.csv')) return 'sweep';
  const manifest = readJson<Manifest>(src, 'manifest.json');
  if (manifest && manifest.sweep !== undefined) return 'sweep';
  return null;
}

/**
 * The report of an output folder's files, as one HTML string, or null when they are not the
 * output of `run`, `compare`, `explore` or `sweep`. Pure: reading the folder is the caller's
 * (`buildReport` in report-folder.ts reads one on disk).
 */
export function buildReportFrom(src: ReportFiles): { html: string; kind: ReportKind } | null {
  const kind = kindOf(src);
  if (!kind) return null;
  return { html: renderPage(pageOf(src, kind)), kind };
}

function pageOf(src: ReportFiles, kind: ReportKind): Page {
  chartCounter = 0;
  return kind === 'run' ? runReport(src) : kind === 'compare' ? compareReport(src) : kind === 'explore' ? exploreReport(src) : sweepReport(src);
}

/**
 * The one-page summary report.html opens with (`<section id="summary">`, the same HTML), with the
 * report's title and question, or null when the files are not an output folder. Needs no charts,
 * so the explorer shows it as soon as the simulation ends. Pure, as buildReportFrom.
 */
export function buildSummaryFrom(src: ReportFiles): { kind: ReportKind; title: string; question: string; html: string } | null {
  const kind = kindOf(src);
  if (!kind) return null;
  const page = pageOf(src, kind);
  return { kind, title: page.title, question: page.question, html: page.summary };
}
