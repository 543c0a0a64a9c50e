/**
 * The explorer page (plain TypeScript and DOM): a scenario as YAML text (the source of truth),
 * a form over its main fields and a YAML tab kept in sync, the CLI's validation messages next to
 * the fields, and run / compare / explore in a Web Worker with progress and Cancel. Results:
 * the report's one-page summary (the same HTML report.html opens with), headline tiles with 95 %
 * intervals in the report's number format (src/report/format.ts), the CLI's charts, downloads
 * and a copy-link.
 */
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { SHIPPED } from 'goldilocks:shipped';
import { parseScenario } from '../api/pure.js';
import { InputError } from '../scenario/errors.js';
import { METRICS, METRIC_BY_ID } from '../model/metrics.js';
import { LEVER_IDS, LEVER_REGISTRY } from '../scenario/lever-registry.js';
import { checkWindow } from '../cli/window.js';
import { runSettings } from '../experiment/replications.js';
import { displayUnit, formatInterval, formatValue, labelWithUnit } from '../report/format.js';
import type { Job, JobKind, JobOptions, JobResult, SummaryOut, WorkerMessage } from './protocol.js';

/** Headline tiles, by metric id, the costs among them; ids not in METRICS are skipped (so renamed or removed metrics never break the page). */
export const HEADLINE_IDS = ['waitDays', 'waitingList', 'caseloadPerWte', 'overloadIndex', 'needMetShare', 'unmetNeedShare', 'turnoverPerYear', 'costPerYear', 'costPerNeedMet'];

type Summary = { mean: number | null; ci95: [number | null, number | null]; n?: number };
type Metrics = Record<string, Summary | undefined>;
interface Problem {
  path: string;
  message: string;
  line?: number;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
};

// ---------------------------------------------------------------- the worker

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: JobResult) => void; reject: (e: Error) => void; onProgress?: (done: number, total: number, stage: string) => void; onDoc?: (r: JobResult) => void }>();

function workerSource(): string {
  const code = document.getElementById('goldilocks-code')?.textContent;
  if (!code) throw new Error('the page has no bundled code (script#goldilocks-code)');
  return code;
}

function getWorker(): Worker {
  if (worker) return worker;
  const url = URL.createObjectURL(new Blob([workerSource()], { type: 'text/javascript' }));
  worker = new Worker(url);
  worker.onmessage = (e: MessageEvent<WorkerMessage>) => {
    const m = e.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') p.onProgress?.(m.done, m.total, m.stage);
    else if (m.type === 'doc') p.onDoc?.({ kind: m.kind, doc: m.doc, files: [], charts: [], summary: m.summary, seconds: m.seconds });
    else {
      pending.delete(m.id);
      if (m.type === 'done') p.resolve(m.result);
      else p.reject(Object.assign(new Error(m.message), { input: m.input }));
    }
  };
  return worker;
}

/** Stop every running job (the worker is discarded; a new one starts with the next job). */
function cancelAll(): void {
  worker?.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(Object.assign(new Error('cancelled'), { cancelled: true }));
  pending.clear();
}

function submit(kind: JobKind, sources: unknown[], options: JobOptions, files: boolean, labels?: string[], onProgress?: (done: number, total: number, stage: string) => void, onDoc?: (r: JobResult) => void): Promise<JobResult> {
  const id = nextId++;
  const job: Job = { id, kind, sources, options, files, labels };
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress, onDoc });
    getWorker().postMessage(job);
  });
}

// ---------------------------------------------------------------- the scripting API

type ApiOptions = JobOptions;

/** `window.goldilocks`: the CLI's `--json` documents, computed in the page's worker. */
function api() {
  const toSource = (s: unknown) => s;
  return {
    run: async (scenario: unknown, options: ApiOptions = {}) => (await submit('run', [toSource(scenario)], options, false)).doc,
    compare: async (scenarios: unknown[], options: ApiOptions = {}) => (await submit('compare', scenarios.map(toSource), options, false)).doc,
    explore: async (scenario: unknown, options: ApiOptions = {}) => (await submit('explore', [toSource(scenario)], options, false)).doc,
    /** The files the page would offer for download ([name, content]), as the CLI writes them. */
    files: async (kind: JobKind, scenarios: unknown[], options: ApiOptions = {}) => (await submit(kind, scenarios, options, true)).files,
    metrics: METRICS,
  };
}

// ---------------------------------------------------------------- the scenario text

const state = {
  text: '',
  label: 'default.yaml',
  problems: [] as Problem[],
  message: '',
  baseline: null as null | { text: string; label: string; name: string },
  busy: false,
  last: null as null | { result: JobResult; name: string },
};

function parseDoc(text: string): Document | null {
  try {
    const d = parseDocument(text, { uniqueKeys: true });
    return d.errors.length ? null : d;
  } catch {
    return null;
  }
}

/** The value at a dotted path in the YAML text as written (undefined when absent). */
function valueAt(doc: Document | null, path: string): unknown {
  if (!doc) return undefined;
  const v = doc.getIn(path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
  return v && typeof v === 'object' && 'toJSON' in (v as object) ? (v as { toJSON: () => unknown }).toJSON() : v;
}

/** Set (or with `undefined`, delete) a field in the YAML text, keeping comments and layout. */
function setField(path: string, value: unknown): void {
  const doc = parseDoc(state.text);
  if (!doc) return; // the YAML tab shows the syntax problem; fix it there first
  const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  if (value === undefined) doc.deleteIn(keys);
  else doc.setIn(keys, value);
  setText(doc.toString(), false);
}

function setText(text: string, fromYamlTab: boolean): void {
  state.text = text;
  const area = $<HTMLTextAreaElement>('yaml');
  if (!fromYamlTab && area.value !== text) area.value = text;
  validate();
  renderForm(fromYamlTab);
}

function validate(): void {
  state.problems = [];
  state.message = '';
  try {
    const s = parseScenario(state.text, { file: state.label });
    checkWindow(runSettings(s, {}), state.label);
  } catch (err) {
    if (err instanceof InputError) {
      state.problems = err.problems.map((p) => ({ path: p.path, message: p.message, line: p.line }));
      state.message = err.message;
    } else {
      state.problems = [{ path: '', message: err instanceof Error ? err.message : String(err) }];
      state.message = state.problems[0].message;
    }
  }
  const box = $('problems');
  box.hidden = state.problems.length === 0;
  box.textContent = state.message;
  updateButtons();
}

function updateButtons(): void {
  const invalid = state.problems.length > 0;
  for (const id of ['run', 'explore', 'keep']) $<HTMLButtonElement>(id).disabled = invalid || state.busy;
  $<HTMLButtonElement>('compare').disabled = invalid || state.busy || !state.baseline;
  $<HTMLButtonElement>('cancel').disabled = !state.busy;
  $('status-invalid').hidden = !invalid;
}

// ---------------------------------------------------------------- the form

interface FieldSpec {
  path: string;
  label: string;
  kind: 'text' | 'number' | 'openNumber' | 'select' | 'range';
  options?: string[];
  step?: string;
  min?: string;
  max?: string;
  hint?: string;
  /** Written when the field is emptied; undefined removes the field (its default applies). */
  emptyRemoves?: boolean;
}

function leverFields(): FieldSpec[] {
  return LEVER_IDS.map((id) => {
    const schema = (LEVER_REGISTRY as Record<string, { schema: { def?: { type?: string }; options?: string[] }; note: string }>)[id];
    const type = schema.schema.def?.type;
    const label = `${id}: ${schema.note}`;
    if (type === 'enum') return { path: `levers.${id}`, label, kind: 'select', options: ['', ...(schema.schema.options ?? [])], emptyRemoves: true };
    if (type === 'boolean') return { path: `levers.${id}`, label, kind: 'select', options: ['', 'true', 'false'], emptyRemoves: true };
    return { path: `levers.${id}`, label, kind: 'number', step: 'any', emptyRemoves: true };
  });
}

const SERVICE_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name of this design', kind: 'text' },
  { path: 'policy.sessionCap', label: 'Session cap (sessions per patient, or "open")', kind: 'openNumber' },
  { path: 'policy.maxCaseload', label: 'Maximum caseload per worker (or "open")', kind: 'openNumber' },
  { path: 'discretion', label: 'Discretion dial (0 = all boundaries, 1 = all discretion; empty = levers at their defaults)', kind: 'range', min: '0', max: '1', step: '0.05', emptyRemoves: true },
];

const RUN_FIELDS: FieldSpec[] = [
  { path: 'run.replications', label: 'Replications', kind: 'number', min: '1', step: '1' },
  { path: 'run.years', label: 'Years (warm-up included)', kind: 'number', min: '0', step: 'any' },
  { path: 'run.warmupDays', label: 'Warm-up (days)', kind: 'number', min: '0', step: 'any' },
  { path: 'run.seed', label: 'Seed', kind: 'number', min: '0', step: '1' },
];

function workerFields(i: number): FieldSpec[] {
  return [
    { path: `workers.${i}.name`, label: 'Group name', kind: 'text' },
    { path: `workers.${i}.count`, label: 'Whole-time equivalents (WTE)', kind: 'number', min: '0', step: 'any' },
    { path: `workers.${i}.rota`, label: 'Rota preset ("standard" or "always"; a list of blocks is edited in the YAML tab)', kind: 'select', options: ['standard', 'always'] },
    { path: `workers.${i}.networkingHoursPerWeek`, label: 'Protected networking hours a week', kind: 'number', min: '0', step: 'any' },
    { path: `workers.${i}.monthsInRole`, label: 'Months in role at the start', kind: 'number', min: '0', step: 'any' },
  ];
}

function practiceFields(i: number): FieldSpec[] {
  return [
    { path: `referrals.practices.${i}.name`, label: 'Practice', kind: 'text' },
    { path: `referrals.practices.${i}.referralsPerMonth`, label: 'Referrals a month', kind: 'number', min: '0', step: 'any' },
  ];
}

const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]/g, '-')}`;

function problemsFor(path: string): Problem[] {
  return state.problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
}

function fieldRow(f: FieldSpec, doc: Document | null): HTMLElement {
  const id = fieldId(f.path);
  const current = valueAt(doc, f.path);
  let input: HTMLInputElement | HTMLSelectElement;
  if (f.kind === 'select') {
    input = el('select', { id, 'data-path': f.path });
    const opts = [...(f.options ?? [])];
    const shown = current === undefined ? '' : typeof current === 'object' ? '(blocks: see YAML)' : String(current);
    if (!opts.includes(shown)) opts.push(shown);
    for (const o of opts) input.append(el('option', { value: o }, o === '' ? '(dial / default)' : o));
    input.value = shown;
    if (shown === '(blocks: see YAML)') input.disabled = true;
  } else {
    input = el('input', { id, 'data-path': f.path, type: f.kind === 'number' ? 'number' : 'text' });
    if (f.kind === 'range') {
      input.type = 'number';
      input.setAttribute('inputmode', 'decimal');
    }
    for (const k of ['min', 'max', 'step'] as const) if (f[k] !== undefined) input.setAttribute(k, f[k]!);
    input.value = current === undefined || current === null ? '' : String(current);
    if (f.emptyRemoves) input.placeholder = '(default)';
  }
  const errs = problemsFor(f.path);
  const errId = `${id}-err`;
  const row = el('div', { class: 'field' + (errs.length ? ' invalid' : '') }, el('label', { for: id }, f.label), input);
  if (errs.length) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', errId);
    row.append(el('p', { class: 'err', id: errId, role: 'alert' }, errs.map((e) => `${e.message}${e.line ? ` (line ${e.line})` : ''}`).join('; ')));
  }
  input.addEventListener('change', () => onFieldChange(f, input));
  return row;
}

function onFieldChange(f: FieldSpec, input: HTMLInputElement | HTMLSelectElement): void {
  const raw = input.value.trim();
  let value: unknown;
  if (raw === '') value = f.emptyRemoves ? undefined : '';
  else if (f.kind === 'number' || f.kind === 'range') value = Number.isFinite(Number(raw)) ? Number(raw) : raw;
  else if (f.kind === 'openNumber') value = raw === 'open' ? 'open' : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  else if (f.kind === 'select' && (raw === 'true' || raw === 'false')) value = raw === 'true';
  else value = raw;
  const focused = input.id;
  setField(f.path, value);
  document.getElementById(focused)?.focus();
}

function listLength(doc: Document | null, path: string): number {
  const v = doc?.getIn(path.split('.'));
  return isSeq(v) ? v.items.length : 0;
}

function fieldset(legend: string, rows: HTMLElement[], extra?: HTMLElement): HTMLElement {
  const fs = el('fieldset', {}, el('legend', {}, legend), ...rows);
  if (extra) fs.append(extra);
  return fs;
}

function renderForm(keepFocus: boolean): void {
  const doc = parseDoc(state.text);
  const form = $('form');
  const focused = keepFocus ? null : document.activeElement?.id;
  form.replaceChildren();
  if (!doc || !isMap(doc.contents)) {
    form.append(el('p', { class: 'note' }, 'The YAML tab does not hold a readable scenario: fix it there (the message below says where).'));
    return;
  }
  form.append(fieldset('The service', SERVICE_FIELDS.map((f) => fieldRow(f, doc))));
  const nPractices = listLength(doc, 'referrals.practices');
  const practices: HTMLElement[] = [];
  for (let i = 0; i < nPractices; i++) {
    const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove practice ${i + 1}` }, 'Remove');
    remove.addEventListener('click', () => setField(`referrals.practices.${i}`, undefined));
    practices.push(el('div', { class: 'group' }, ...practiceFields(i).map((f) => fieldRow(f, doc)), remove));
  }
  const addPractice = el('button', { type: 'button', class: 'small' }, 'Add a practice');
  addPractice.addEventListener('click', () => setField(`referrals.practices.${nPractices}`, { name: `Practice ${nPractices + 1}`, referralsPerMonth: 10 }));
  form.append(fieldset('Practices that refer', practices, addPractice));
  const nWorkers = listLength(doc, 'workers');
  const workers: HTMLElement[] = [];
  for (let i = 0; i < nWorkers; i++) {
    const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove worker group ${i + 1}` }, 'Remove');
    remove.addEventListener('click', () => setField(`workers.${i}`, undefined));
    workers.push(el('div', { class: 'group' }, ...workerFields(i).map((f) => fieldRow(f, doc)), remove));
  }
  const addWorker = el('button', { type: 'button', class: 'small' }, 'Add a worker group');
  addWorker.addEventListener('click', () => setField(`workers.${nWorkers}`, { name: `Group ${nWorkers + 1}`, count: 1 }));
  form.append(fieldset('Link workers', workers, addWorker));
  const levers = el('details', {}, el('summary', {}, 'Levers (discretion and boundaries; empty = set by the dial)'), ...leverFields().map((f) => fieldRow(f, doc)));
  if (leverFields().some((f) => problemsFor(f.path).length)) levers.open = true;
  form.append(levers);
  form.append(fieldset('The run', RUN_FIELDS.map((f) => fieldRow(f, doc))));
  // Problems no field shows (e.g. a misspelt key) are in the message box below the tabs.
  if (focused) document.getElementById(focused)?.focus();
}

// ---------------------------------------------------------------- results

/** A mean in the report's format ("29.2", "21 %", "£41,213"); differences signed, shares in pp. */
function fmtMean(id: string, s: { mean: number | null } | undefined, difference = false): string {
  return !s || s.mean === null ? '–' : formatValue(id, s.mean, { difference });
}

/** A 95 % interval in the report's format ("25.5 to 33.5", "20 to 23 %"); '' when there is none. */
function fmtInterval(id: string, s: { ci95: [number | null, number | null] } | undefined, difference = false): string {
  const text = s ? formatInterval(id, s.ci95, { difference }) : '–';
  return text === '–' ? '' : text;
}

/** A tile's interval line, as the report's cards: none for an interval of no width (e.g. a salary bill). */
function fmtCi(id: string, s: Summary | undefined): string {
  if (s && s.ci95[0] !== null && s.ci95[0] === s.ci95[1]) return '';
  const text = fmtInterval(id, s);
  return text ? `95 % CI ${text}` : '';
}

function tiles(metrics: Metrics): HTMLElement {
  const box = el('div', { class: 'tiles', id: 'tiles' });
  for (const id of HEADLINE_IDS) {
    const m = METRIC_BY_ID[id as keyof typeof METRIC_BY_ID];
    const s = metrics[id];
    if (!m || !s) continue;
    box.append(
      el(
        'div',
        { class: 'tile', 'data-metric': id, 'data-mean': String(s.mean), 'data-low': String(s.ci95[0]), 'data-high': String(s.ci95[1]), title: m.definition },
        el('div', { class: 'tile-label' }, m.label),
        el('div', { class: 'tile-value' }, fmtMean(id, s), ...(displayUnit(id) ? [el('span', { class: 'unit' }, ` ${displayUnit(id)}`)] : [])),
        el('div', { class: 'tile-ci' }, fmtCi(id, s)),
      ),
    );
  }
  return box;
}

function metricsTable(metrics: Metrics): HTMLElement {
  const rows = METRICS.filter((m) => metrics[m.id]).map((m) => {
    const s = metrics[m.id]!;
    return el('tr', {}, el('th', { scope: 'row', title: m.definition }, m.label), el('td', {}, m.unit), el('td', { class: 'num' }, fmtMean(m.id, s)), el('td', { class: 'num' }, fmtInterval(m.id, s)));
  });
  return el('details', {}, el('summary', {}, 'Every metric'), el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Metric'), el('th', {}, 'Unit'), el('th', {}, 'Mean'), el('th', {}, '95 % CI'))), el('tbody', {}, ...rows)));
}

function chartsBox(result: JobResult): HTMLElement {
  const box = el('div', { class: 'charts', id: 'charts' });
  for (const c of result.charts) {
    const fig = el('figure', { class: 'chart', 'data-chart': c.name });
    fig.innerHTML = c.svg; // SVG text from vega's own renderer in our worker
    const svg = fig.querySelector('svg');
    if (svg) {
      svg.setAttribute('role', 'img');
      svg.setAttribute('aria-label', c.title);
    }
    // The chart draws its own title; the caption names the file it is saved as in the CLI's folder.
    fig.append(el('figcaption', { class: 'file' }, `charts/${c.name}.svg`));
    box.append(fig);
  }
  return box;
}

function download(name: string, text: string, type = 'text/plain'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function downloads(result: JobResult, name: string): HTMLElement {
  const box = el('div', { class: 'downloads', id: 'downloads' }, el('h3', {}, 'Download'));
  const files = result.files.filter(([f]) => !f.startsWith('charts/'));
  const order = (f: string) => (f === 'report.html' ? 0 : f.endsWith('.csv') ? 1 : 2);
  for (const [f, content] of [...files].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))) {
    const b = el('button', { type: 'button', class: 'small', 'data-file': f }, f);
    b.addEventListener('click', () => download(f === 'report.html' ? `${name}-report.html` : f, content, f.endsWith('.html') ? 'text/html' : f.endsWith('.json') ? 'application/json' : f.endsWith('.csv') ? 'text/csv' : 'text/plain'));
    box.append(b);
  }
  return box;
}

function verdictTable(doc: { designs: Array<{ scenario: string; metrics: Metrics }>; differences: Array<{ scenario: string; versus: string; metrics: Record<string, { mean: number | null; ci95: [number | null, number | null]; verdict: string } | undefined> }> }): HTMLElement {
  const ids = HEADLINE_IDS.filter((id) => METRIC_BY_ID[id as keyof typeof METRIC_BY_ID] && doc.designs[0].metrics[id]);
  const head = el('tr', {}, el('th', {}, 'Metric'), ...doc.designs.map((d) => el('th', {}, d.scenario)), ...doc.differences.map((d) => el('th', {}, `${d.scenario} − ${d.versus}`)));
  const rows = ids.map((id) => {
    const m = METRIC_BY_ID[id as keyof typeof METRIC_BY_ID];
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, labelWithUnit(m.id)),
      ...doc.designs.map((d) => el('td', { class: 'num' }, fmtMean(id, d.metrics[id]), el('br'), el('span', { class: 'ci' }, fmtInterval(id, d.metrics[id])))),
      ...doc.differences.map((d) => {
        const x = d.metrics[id];
        if (!x) return el('td', {}, '–');
        return el('td', { class: `num verdict-${x.verdict.replace(/\s+/g, '-')}` }, fmtMean(id, x, true), el('br'), el('span', { class: 'ci' }, fmtInterval(id, x, true) || '–'), el('br'), el('strong', {}, x.verdict));
      }),
    );
  });
  return el('table', { id: 'verdicts' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function levelsTable(doc: { levels: Array<{ discretion: number; metrics: Metrics }>; justRight: { levels: number[]; label: string; reason: string } }): HTMLElement {
  const ids = ['overloadIndex', 'needMetShare', 'turnoverPerYear', 'satisfaction', 'waitDays'].filter((id) => METRIC_BY_ID[id as keyof typeof METRIC_BY_ID]);
  const head = el('tr', {}, el('th', {}, 'Discretion'), ...ids.map((id) => el('th', {}, labelWithUnit(id))));
  const rows = doc.levels.map((l) =>
    el(
      'tr',
      doc.justRight.levels.includes(l.discretion) ? { class: 'zone' } : {},
      el('th', { scope: 'row' }, `${l.discretion}${doc.justRight.levels.includes(l.discretion) ? ' ✔ just right' : ''}`),
      ...ids.map((id) => el('td', { class: 'num' }, fmtMean(id, l.metrics[id]), el('br'), el('span', { class: 'ci' }, fmtInterval(id, l.metrics[id])))),
    ),
  );
  return el('table', { id: 'levels' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

/** The report's one-page summary (its question, then the same section report.html opens with). */
function summaryOf(result: JobResult): HTMLElement[] {
  return result.summary ? [summaryBox(result.summary)] : [];
}

function summaryBox(summary: SummaryOut): HTMLElement {
  const box = el('div', { class: 'page-summary', id: 'page-summary' }, el('p', { class: 'question', id: 'summary-question' }, summary.question));
  // HTML from src/report/summary.ts, built in our worker from the run's own files (every value escaped there).
  box.insertAdjacentHTML('beforeend', summary.html);
  return box;
}

function showResult(result: JobResult, name: string): void {
  state.last = { result, name };
  const out = $('results');
  out.replaceChildren();
  const doc = result.doc as Record<string, unknown>;
  const secs = `${result.seconds.toFixed(1)} s in this browser`;
  if (result.kind === 'run') {
    const d = doc as unknown as { scenario: string; replications: number; horizonDays: number; warmupDays: number; seed: number; metrics: Metrics };
    out.append(
      el('h2', {}, `Run: ${d.scenario}`),
      el('p', { class: 'note' }, `${d.replications} replications of ${Number((d.horizonDays / 365.25).toFixed(2))} year${d.horizonDays === 365.25 ? '' : 's'} (warm-up ${d.warmupDays} days), seed ${d.seed}; mean with the 95 % confidence interval over replications. ${secs}.`),
      ...summaryOf(result),
      el('h3', {}, 'Headline figures'),
      tiles(d.metrics),
      metricsTable(d.metrics),
    );
  } else if (result.kind === 'compare') {
    const d = doc as unknown as Parameters<typeof verdictTable>[0] & { designs: Array<{ scenario: string; metrics: Metrics }> };
    out.append(
      el('h2', {}, `Compare: ${d.designs.map((x) => x.scenario).join(' vs ')}`),
      el('p', { class: 'note' }, `Every design saw the same patients (common random numbers); differences are paired, with 95 % intervals and the CLI's verdicts. ${secs}.`),
      ...summaryOf(result),
      el('h3', {}, 'Headline figures and paired differences'),
      verdictTable(d),
    );
  } else {
    const d = doc as unknown as Parameters<typeof levelsTable>[0] & { scenario: string };
    out.append(
      el('h2', {}, `Explore: ${d.scenario}`),
      ...summaryOf(result),
      el('p', { class: 'answer', id: 'just-right' }, el('strong', {}, `Just right: ${d.justRight.label}`), ` — ${d.justRight.reason}`),
      levelsTable(d),
      el('p', { class: 'note' }, secs),
    );
  }
  if (result.charts.length || result.files.length) out.append(chartsBox(result), downloads(result, name));
  else out.append(el('p', { class: 'note', id: 'charts-pending' }, 'Drawing the charts and the report…'));
  $('results').focus({ preventScroll: true });
}

// ---------------------------------------------------------------- running

function setBusy(busy: boolean, text = ''): void {
  state.busy = busy;
  const bar = $<HTMLProgressElement>('progress');
  $('progress-box').hidden = !busy;
  if (busy) bar.removeAttribute('value');
  $('progress-text').textContent = text;
  updateButtons();
}

async function start(kind: JobKind): Promise<void> {
  if (state.problems.length) return;
  const sources = kind === 'compare' && state.baseline ? [state.baseline.text, state.text] : [state.text];
  const labels = kind === 'compare' && state.baseline ? [state.baseline.label, state.label] : [state.label];
  const options: JobOptions = kind === 'explore' ? { steps: Number($<HTMLInputElement>('steps').value) || 11 } : {};
  setBusy(true, 'starting…');
  try {
    const name = (() => {
      try {
        return parseScenario(state.text, { file: state.label }).name;
      } catch {
        return 'scenario';
      }
    })();
    const shownName = kind === 'compare' ? `${state.baseline?.name}-vs-${name}` : name;
    const result = await submit(
      kind,
      sources,
      options,
      true,
      labels,
      (done, total, stage) => {
        const bar = $<HTMLProgressElement>('progress');
        bar.max = total;
        bar.value = done;
        $('progress-text').textContent = `${stage}: ${done} of ${total}`;
      },
      (partial) => showResult(partial, shownName),
    );
    showResult(result, shownName);
    $('status').textContent = `${kind} finished in ${result.seconds.toFixed(1)} s.`;
  } catch (err) {
    const e = err as Error & { cancelled?: boolean };
    $('status').textContent = e.cancelled ? 'Cancelled.' : `Could not ${kind}: ${e.message}`;
  } finally {
    setBusy(false);
  }
}

// ---------------------------------------------------------------- scenarios, links

function b64encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64decode(s: string): string {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The page's address with the scenario in the fragment (never sent to a server). */
export function shareLink(text: string): string {
  return `${location.href.split('#')[0]}#scenario=${b64encode(text)}`;
}

function loadScenarioText(text: string, label: string): void {
  state.label = label;
  $<HTMLTextAreaElement>('yaml').value = text;
  setText(text, false);
}

function fromFragment(): boolean {
  const m = /#scenario=([A-Za-z0-9_-]+)/.exec(location.hash);
  if (!m) return false;
  try {
    loadScenarioText(b64decode(m[1]), 'linked scenario');
    return true;
  } catch {
    return false;
  }
}

function selectTab(which: 'form' | 'yaml'): void {
  for (const t of ['form', 'yaml'] as const) {
    const tab = $(`tab-${t}`);
    tab.setAttribute('aria-selected', String(t === which));
    tab.tabIndex = t === which ? 0 : -1;
    $(`panel-${t}`).hidden = t !== which;
  }
}

export function startPage(): void {
  (window as unknown as { goldilocks: ReturnType<typeof api> }).goldilocks = api();
  const picker = $<HTMLSelectElement>('shipped');
  for (const s of SHIPPED) picker.append(el('option', { value: s.file }, s.file));
  picker.addEventListener('change', () => {
    const s = SHIPPED.find((x) => x.file === picker.value);
    if (s) loadScenarioText(s.text, s.file);
  });
  $<HTMLInputElement>('file').addEventListener('change', async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) loadScenarioText(await f.text(), f.name);
  });
  $<HTMLTextAreaElement>('yaml').addEventListener('input', (e) => setText((e.target as HTMLTextAreaElement).value, true));
  $('tab-form').addEventListener('click', () => selectTab('form'));
  $('tab-yaml').addEventListener('click', () => selectTab('yaml'));
  $('tabs').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const next = $('tab-form').getAttribute('aria-selected') === 'true' ? 'yaml' : 'form';
      selectTab(next);
      $(`tab-${next}`).focus();
    }
  });
  $('run').addEventListener('click', () => void start('run'));
  $('explore').addEventListener('click', () => void start('explore'));
  $('compare').addEventListener('click', () => void start('compare'));
  $('cancel').addEventListener('click', () => cancelAll());
  $('keep').addEventListener('click', () => {
    const name = parseScenario(state.text, { file: state.label }).name;
    state.baseline = { text: state.text, label: state.label, name };
    $('baseline').textContent = `Baseline kept: “${name}”. Change something (a new name helps), then Compare.`;
    updateButtons();
  });
  $('dl-yaml').addEventListener('click', () => download(state.label.endsWith('.yaml') ? state.label : 'scenario.yaml', state.text, 'text/yaml'));
  $('copy-link').addEventListener('click', async () => {
    const link = shareLink(state.text);
    const out = $<HTMLInputElement>('link');
    out.hidden = false;
    out.value = link;
    out.select();
    try {
      await navigator.clipboard.writeText(link);
      $('status').textContent = 'Link copied: it holds the scenario itself; nothing is sent anywhere.';
    } catch {
      $('status').textContent = 'Copy the selected link (Ctrl+C): it holds the scenario itself.';
    }
  });
  selectTab('form');
  if (!fromFragment()) {
    const first = SHIPPED.find((s) => s.file === 'default.yaml') ?? SHIPPED[0];
    picker.value = first.file;
    loadScenarioText(first.text, first.file);
  }
  // Start the worker now (parsing the bundle takes a moment), so the first Run starts at once.
  getWorker();
  document.body.dataset.ready = 'true';
}
