/**
 * results.xlsx, for the board (`--xlsx` on run, compare, explore and plan): an output folder's
 * files as one workbook of
 *  - Summary: the report's one-page summary in its own words (the designs, the headline figures,
 *    the findings, the note; src/report/summary.ts and the pages that use it), and for a run the
 *    table the CLI prints (metric, estimate, 95 % CI) with the numbers as numbers beside it;
 *  - one sheet per tidy table the command writes as CSV, its header row as in the CSV and its
 *    numbers as numbers (an empty CSV field, NA, is an empty cell; true/false are booleans);
 *  - Provenance: tool, version, command line, date written, seed, replications, years, warm-up,
 *    the scenario's sha256 (and the plan's), then every other field of manifest.json.
 *
 * Pure (imports nothing from `node:`): `workbookSheets` builds the sheets from files held in memory
 * and `toXlsx` zips them. write-excel-file and fflate are loaded only when a workbook is written.
 * The bytes are a function of the sheets alone: no creation date is written and every zip entry
 * carries the same fixed time, so the same files and provenance give the same bytes.
 */
import type { PlanDocument } from '../experiment/plan-output.js';
import { METRICS, type MetricId } from '../model/metrics.js';
import { formatInterval, formatValue, labelWithUnit } from './format.js';
import { buildSummary } from './html/build.js';
import type { ComparisonDocument, ExplorationDocument, Manifest, ReportInput } from './html/input.js';
import type { RunDocument } from '../experiment/run-files.js';
import type { Scenario } from '../scenario/schema.js';
import { toJson } from '../experiment/csv.js';
import { readReportInput, type ReportFiles } from './html/read-input.js';
import { planPage } from './html/plan-page.js';
import { parseCsv } from './sweep-tables.js';

/** A cell as the workbook holds it: text, a number, a boolean, or empty. */
export type XlsxValue = string | number | boolean | null;
export interface XlsxCell {
  value: XlsxValue;
  bold?: boolean;
  wrap?: boolean;
}
export type XlsxRow = Array<XlsxValue | XlsxCell>;
export interface XlsxSheet {
  name: string;
  rows: XlsxRow[];
  /** Column widths in characters. */
  widths?: number[];
  /** Rows kept in view when scrolling (the header row of a table). */
  stickyRows?: number;
}

/** What the Provenance sheet adds to the manifest: how the command was called and when the workbook was written. */
export interface XlsxProvenance {
  command?: string;
  written?: Date;
}

/**
 * The most rows a table's sheet holds, its header included: a longer CSV is cut there and the
 * Summary says so (the CSV keeps them all). Excel takes 1,048,576, but the workbook is built in
 * memory, whose use grows with every row while it is written, so a long time series stops well
 * short of that.
 */
export const XLSX_MAX_ROWS = 250_001;

/** The fixed time of every entry in the zip (the earliest a zip can hold), so the bytes do not depend on the clock. */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** A CSV field as a cell: a number when it reads as one, true/false as booleans, empty (NA) as an empty cell, else the text. */
export function csvCell(field: string): XlsxValue {
  if (field === '') return null;
  if (NUMBER.test(field)) return Number(field);
  if (field === 'true') return true;
  if (field === 'false') return false;
  return field;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function htmlText(html: string, lineBreak = ' '): string {
  return html
    .replace(/<br\s*\/?>/g, '\u0000')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#' ? String.fromCodePoint(e[1].toLowerCase() === 'x' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e] ?? m),
    )
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/ ?\u0000 ?/g, lineBreak);
}

/**
 * The rows of a report's summary section (src/report/summary.ts's HTML), in its order and words:
 * a paragraph, list item or heading is a row of one cell (headings bold); a headline card is a
 * row of label, value, interval and note; a table is its rows, cell by cell (a line break in a
 * cell kept); figures are left out (the workbook has no charts).
 */
export function summaryRows(html: string): XlsxRow[] {
  const rows: XlsxRow[] = [];
  // The workbook holds no charts: their figures (captions) are left out.
  const body = html.replace(/<h2 class="visually-hidden">[\s\S]*?<\/h2>|<figure\b[\s\S]*?<\/figure>/g, '');
  const BLOCK = /<table\b[\s\S]*?<\/table>|<div class="card">((?:<div class="[^"]*">[\s\S]*?<\/div>)*)<\/div>|<(p|li|h3|h4)\b[^>]*>([\s\S]*?)<\/\2>/g;
  for (const m of body.matchAll(BLOCK)) {
    if (m[0].startsWith('<table')) {
      for (const tr of m[0].matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)) {
        const cells = [...tr[1].matchAll(/<(th|td)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((c) => {
          const value = htmlText(c[2], '\n');
          return { value, bold: c[1] === 'th', wrap: value.includes('\n') };
        });
        rows.push(cells);
      }
      rows.push([]);
    } else if (m[1] !== undefined) {
      rows.push([...m[1].matchAll(/<div class="([^"]*)">([\s\S]*?)<\/div>/g)].map((c) => ({ value: htmlText(c[2]) || null, bold: c[1] === 'card-label' })));
    } else {
      const text = htmlText(m[3]);
      if (!text) continue;
      const heading = m[2] === 'h3' || m[2] === 'h4';
      if (heading && rows.length > 0 && rows[rows.length - 1].length > 0) rows.push([]);
      rows.push([{ value: text, bold: heading, wrap: !heading }]);
    }
  }
  return rows;
}

/** The table the CLI prints under a run (src/report/table.ts's `metricsTable`): as shown, then the numbers. */
function runMetricRows(metrics: Partial<Record<MetricId, { mean: number; ci95: [number, number]; oneSided?: boolean }>>): XlsxRow[] {
  const head = ['metric', 'estimate', '95% CI', 'id', 'mean', 'ci95_low', 'ci95_high'].map((h) => ({ value: h, bold: true }));
  const num = (x: number) => (Number.isFinite(x) ? x : null);
  const rows: XlsxRow[] = [[{ value: 'Key numbers (as the terminal shows them, then unrounded)', bold: true }], head];
  for (const m of METRICS) {
    const s = metrics[m.id];
    if (!s) continue;
    rows.push([
      labelWithUnit(m.id),
      formatValue(m.id, s.mean),
      formatInterval(m.id, s.ci95, { joiner: ' – ', oneSided: s.oneSided }),
      m.id,
      num(s.mean),
      num(s.ci95[0]),
      num(s.ci95[1]),
    ]);
  }
  return rows;
}

/** The Summary sheet's rows of an output folder: title, question, the summary in the report's words. */
function summarySheet(src: ReportFiles): XlsxRow[] {
  const head = (title: string, question: string): XlsxRow[] => [[{ value: title, bold: true }], [question], []];
  if (src.has('plan.json')) {
    // As the plan command gives its report the document: JSON as written (null where there is none).
    const doc = JSON.parse(src.read('plan.json')) as PlanDocument;
    const manifest = src.has('manifest.json') ? (JSON.parse(src.read('manifest.json')) as Manifest) : {};
    const page = planPage({ kind: 'plan', folder: src.name, doc, manifest, charts: [], scenario: null });
    return [...head(page.title, page.question), ...summaryRows(page.summary)];
  }
  const input = readReportInput(src);
  if (!input) return [['No summary: these files are not the output of run, compare, explore or plan.']];
  const s = buildSummary(input);
  const rows = [...head(s.title, s.question), ...summaryRows(s.html)];
  if (input.kind === 'run') rows.push([], ...runMetricRows(input.doc.metrics as Parameters<typeof runMetricRows>[0]));
  return rows;
}

/** Provenance: the fields a reader needs first, then every other field of the manifest. */
export function provenanceRows(manifest: Manifest, p: XlsxProvenance = {}): XlsxRow[] {
  const rows: XlsxRow[] = [['field', 'value'].map((h) => ({ value: h, bold: true }))];
  const said = new Set<string>();
  const value = (v: unknown): XlsxValue =>
    typeof v === 'number'
      ? Number.isFinite(v)
        ? v
        : null
      : typeof v === 'string' || typeof v === 'boolean'
        ? v
        : v === undefined || v === null
          ? null
          : JSON.stringify(v);
  const field = (name: string, v: unknown) => {
    said.add(name);
    if (v !== undefined) rows.push([name, value(v)]);
  };
  field('tool', manifest.tool);
  field('version', manifest.version);
  if (p.command !== undefined) rows.push(['command', p.command]);
  if (p.written) rows.push(['written (UTC)', p.written.toISOString()]);
  field('seed', manifest.seed);
  field('replications', manifest.replications);
  const horizon = manifest.horizonDays;
  if (typeof horizon === 'number') rows.push(['years', horizon / 365.25]);
  field('horizonDays', horizon);
  field('warmupDays', manifest.warmupDays);
  field('scenario', manifest.scenario);
  field('scenarioSha256', manifest.scenarioSha256);
  for (const k of ['plan', 'planSha256', 'planFileSha256', 'sweep', 'sweepSha256']) if (k in manifest) field(k, manifest[k]);
  for (const [k, v] of Object.entries(manifest)) if (!said.has(k)) field(k, v);
  return rows;
}

/** A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(file: string, taken: Set<string>): string {
  const base =
    file
      .replace(/\.csv$/i, '')
      .replace(/[[\]:*?/\\]/g, '-')
      .slice(0, 31) || 'table';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}-${i}`;
  taken.add(name.toLowerCase());
  return name;
}

/**
 * The workbook's sheets from an output folder's files (top-level CSVs become tables in the order
 * given; charts and other files are left out).
 */
export function workbookSheets(files: ReadonlyArray<readonly [string, string]>, provenance: XlsxProvenance = {}, folder = 'results'): XlsxSheet[] {
  const byName = new Map(files.map(([n, t]) => [n, t]));
  const src: ReportFiles = {
    name: folder,
    has: (n) => byName.has(n),
    read: (n) => {
      const t = byName.get(n);
      if (t === undefined) throw new Error(`${n} is not among the files`);
      return t;
    },
    list: (dir) => [...byName.keys()].filter((n) => n.startsWith(`${dir}/`)).map((n) => n.slice(dir.length + 1)),
  };
  const taken = new Set(['summary', 'provenance']);
  const notes: XlsxRow[] = [];
  const tables: XlsxSheet[] = [];
  for (const [file, text] of files) {
    if (file.includes('/') || !file.toLowerCase().endsWith('.csv')) continue;
    const parsed = parseCsv(text);
    const name = sheetName(file, taken);
    if (parsed.length > XLSX_MAX_ROWS)
      notes.push([
        `Sheet ${name} holds the first ${(XLSX_MAX_ROWS - 1).toLocaleString('en-GB')} of the ${(parsed.length - 1).toLocaleString('en-GB')} rows of ${file} (the most this workbook puts in a sheet); ${file} has them all.`,
      ]);
    const [header = [], ...body] = parsed.slice(0, XLSX_MAX_ROWS);
    tables.push({
      name,
      rows: [header.map((h) => ({ value: h, bold: true })), ...body.map((r) => r.map(csvCell))],
      widths: header.map((h) => Math.min(40, Math.max(10, h.length + 2))),
      stickyRows: 1,
    });
  }
  const manifest = byName.has('manifest.json') ? (JSON.parse(byName.get('manifest.json')!) as Manifest) : {};
  const summary = summarySheet(src);
  if (notes.length) summary.push([], ...notes);
  return [
    { name: 'Summary', rows: summary, widths: [100, 18, 18, 18, 14, 14, 14] },
    ...tables,
    { name: 'Provenance', rows: provenanceRows(manifest, provenance), widths: [24, 100] },
  ];
}

// ---------------------------------------------------------------- from a document (the library)

type Scalar = string | number | boolean | null;
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const scalarOf = (v: unknown): Scalar | undefined =>
  typeof v === 'number' ? (Number.isFinite(v) ? v : null) : typeof v === 'string' || typeof v === 'boolean' || v === null ? v : undefined;

/** An object's scalar fields, nested objects as `a.b` and two-number intervals as `_low`/`_high`. */
function flatFields(o: Record<string, unknown>, prefix = '', out: Record<string, Scalar> = {}): Record<string, Scalar> {
  for (const [k, v] of Object.entries(o)) {
    const key = prefix ? `${prefix}.${k}` : k;
    const s = scalarOf(v);
    if (s !== undefined) out[key] = s;
    else if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number')) {
      out[`${key}_low`] = scalarOf(v[0]) ?? null;
      out[`${key}_high`] = scalarOf(v[1]) ?? null;
    } else if (Array.isArray(v) && v.every((x) => scalarOf(x) !== undefined)) out[key] = v.join(', ');
    else if (isRecord(v) && k !== 'metrics' && !Object.values(v).some((x) => isRecord(x) || (Array.isArray(x) && x.some(isRecord)))) flatFields(v, key, out);
  }
  return out;
}

/**
 * A result document's tidy tables, long as the CSVs are: every `metrics` record becomes one row
 * per metric under the fields that name it (scenario, versus, discretion, …), in a sheet named
 * after the list that holds it (designs, differences, levels; a run's own: metrics); a list of
 * objects without metrics (a plan's candidates) becomes one row per object.
 */
export function documentTables(doc: unknown): XlsxSheet[] {
  const tables = new Map<string, Array<Record<string, Scalar>>>();
  const add = (name: string, row: Record<string, Scalar>) => {
    const rows = tables.get(name) ?? [];
    rows.push(row);
    tables.set(name, rows);
  };
  const visit = (name: string, node: Record<string, unknown>, context: Record<string, Scalar>, top: boolean) => {
    const own = { ...context, ...flatFields(node) };
    const metrics = node.metrics;
    if (isRecord(metrics)) {
      for (const [metric, m] of Object.entries(metrics)) if (isRecord(m)) add(name, { ...own, metric, ...flatFields(m) });
    } else if (!top) add(name, own);
    for (const [k, v] of Object.entries(node))
      if (Array.isArray(v) && v.some(isRecord) && (top || isRecord(node.metrics))) for (const item of v) if (isRecord(item)) visit(k, item, own, false);
  };
  if (isRecord(doc)) {
    // The document's own fields (seed, replications, …) are on the Provenance sheet: the tables start from none.
    const top = Object.fromEntries(Object.entries(doc).filter(([k]) => k !== 'metrics'));
    if (isRecord(doc.metrics)) visit('metrics', { scenario: scalarOf(doc.scenario) ?? null, metrics: doc.metrics }, {}, true);
    for (const [k, v] of Object.entries(top)) if (Array.isArray(v) && v.some(isRecord)) for (const item of v) if (isRecord(item)) visit(k, item, {}, false);
  }
  const taken = new Set(['summary', 'provenance']);
  return [...tables].map(([name, rows]) => {
    const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
    return {
      name: sheetName(name, taken),
      rows: [header.map((h) => ({ value: h, bold: true })), ...rows.map((r) => header.map((h) => r[h] ?? null))],
      widths: header.map((h) => Math.min(40, Math.max(10, h.length + 2))),
      stickyRows: 1,
    };
  });
}

/** What `toXlsx` may be given besides the document: the scenario(s) run (for the designs in words), the manifest, the command. */
export interface DocumentXlsxOptions extends XlsxProvenance {
  /** A run's or an exploration's scenario. */
  scenario?: Scenario;
  /** A comparison's scenarios, by design name, the baseline first. */
  scenarios?: ReadonlyArray<{ name: string; scenario: Scenario }>;
  /** The run's manifest (tool, version, seed, …); without it the document's own seed, replications, horizon and warm-up. */
  manifest?: Manifest;
}

/** The kind of a result document, by its shape. */
function documentKind(doc: Record<string, unknown>): 'run' | 'compare' | 'explore' | 'plan' | null {
  if (Array.isArray(doc.candidates) && 'chosen' in doc) return 'plan';
  if (Array.isArray(doc.differences) && Array.isArray(doc.designs)) return 'compare';
  if (Array.isArray(doc.levels) && isRecord(doc.justRight)) return 'explore';
  if (isRecord(doc.metrics)) return 'run';
  return null;
}

/** The sheets of a result document (what `simulate`, `compare`, `explore` and `plan` resolve to, or their --json). */
export function documentSheets(document: unknown, o: DocumentXlsxOptions = {}): XlsxSheet[] {
  const doc = JSON.parse(toJson(document)) as Record<string, unknown>;
  const kind = isRecord(doc) ? documentKind(doc) : null;
  if (!kind) throw new Error('toXlsx takes a document of simulate, compare, explore or plan (or their --json).');
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => doc[k] !== undefined).map((k) => [k, doc[k]]));
  const manifest: Manifest = o.manifest ?? pick(['scenario', 'plan', 'base', 'seed', 'replications', 'horizonDays', 'warmupDays', 'confidence']);
  const folder = String(doc.scenario ?? doc.plan ?? 'results');
  let page: { title: string; question: string; html: string };
  if (kind === 'plan') {
    const p = planPage({ kind: 'plan', folder, doc: doc as unknown as PlanDocument, manifest, charts: [], scenario: o.scenario ?? null });
    page = { title: p.title, question: p.question, html: p.summary };
  } else {
    const common = { folder, manifest, charts: [] };
    const input: ReportInput =
      kind === 'compare'
        ? { kind, ...common, doc: doc as unknown as ComparisonDocument, scenarios: o.scenarios ?? [] }
        : kind === 'explore'
          ? { kind, ...common, doc: doc as unknown as ExplorationDocument, scenario: o.scenario ?? null }
          : { kind, ...common, doc: doc as unknown as RunDocument, scenario: o.scenario ?? null };
    page = buildSummary(input);
  }
  const summary: XlsxRow[] = [[{ value: page.title, bold: true }], [page.question], [], ...summaryRows(page.html)];
  if (kind === 'run') summary.push([], ...runMetricRows((doc as unknown as RunDocument).metrics as Parameters<typeof runMetricRows>[0]));
  return [
    { name: 'Summary', rows: summary, widths: [100, 18, 18, 18, 14, 14, 14] },
    ...documentTables(doc),
    { name: 'Provenance', rows: provenanceRows(manifest, o), widths: [24, 100] },
  ];
}

/** results.xlsx of a result document (the library's `toXlsx`): Summary, the document's tables, Provenance. */
export async function documentXlsx(document: unknown, o: DocumentXlsxOptions = {}): Promise<Uint8Array> {
  return toXlsx(documentSheets(document, o));
}

/** The command line as typed, for the Provenance sheet: `goldilocks run a.yaml --xlsx` (arguments with spaces or quotes quoted). */
export function commandLine(args: readonly string[]): string {
  const quote = (a: string) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`);
  return ['goldilocks', ...args.map(quote)].join(' ');
}

/** The sheets as an .xlsx file (Office Open XML), the same bytes for the same sheets. */
export async function toXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  const [{ default: writeXlsxFile }, { unzipSync, zipSync }] = await Promise.all([import('write-excel-file/universal'), import('fflate')]);
  const cell = (c: XlsxValue | XlsxCell) => {
    const o = c !== null && typeof c === 'object' ? c : { value: c };
    if (o.value === null) return null;
    return { value: o.value, ...(o.bold ? { fontWeight: 'bold' as const } : {}), ...(o.wrap ? { wrap: true } : {}) };
  };
  const blob = await writeXlsxFile(
    sheets.map((s) => ({
      sheet: s.name,
      data: s.rows.map((r) => r.map(cell)),
      ...(s.widths ? { columns: s.widths.map((width) => ({ width })) } : {}),
      ...(s.stickyRows ? { stickyRowsCount: s.stickyRows } : {}),
    })),
  ).toBlob();
  // Re-zip with one fixed time on every entry (fflate stamps the clock's otherwise), in a stable order.
  const entries = unzipSync(new Uint8Array(await blob.arrayBuffer()));
  const names = Object.keys(entries).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  return zipSync(Object.fromEntries(names.map((n) => [n, [entries[n], { mtime: ZIP_TIME }]])), { level: 6 });
}

/** results.xlsx of an output folder's files: Summary, the tidy tables, Provenance. */
export async function folderXlsx(files: ReadonlyArray<readonly [string, string]>, provenance: XlsxProvenance = {}, folder?: string): Promise<Uint8Array> {
  return toXlsx(workbookSheets(files, provenance, folder));
}
