/**
 * results.xlsx (src/report/xlsx.ts), opened with another reader (read-excel-file): the sheets
 * and their order, the CSVs' header rows, numbers as numbers equal to the CSV's and the
 * document's, the summary in the report's words, the provenance cells, and the same bytes for the
 * same files. In this thread, on a small run and comparison.
 */
import readXlsxFile from 'read-excel-file/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare, simulate } from '../../src/api/pure.js';
import { runManifest } from '../../src/experiment/manifest.js';
import { checkJob } from '../../src/jobs/check.js';
import { designOf } from '../../src/jobs/designs.js';
import { deliver } from '../../src/jobs/outputs.js';
import { inlineRunner } from '../../src/jobs/runner.js';
import { simulateJob } from '../../src/jobs/simulate.js';
import { buildSummary, readReportInput } from '../../src/report/html.js';
import { parseCsv } from '../../src/report/sweep-tables.js';
import { csvCell, documentSheets, folderXlsx, htmlText, summaryRows, toXlsx, workbookSheets, XLSX_MAX_ROWS } from '../../src/report/xlsx.js';
import { toXlsx as libraryToXlsx } from '../../src/index.js';
import { scenario } from '../helpers.js';

type Sheets = Array<{ sheet: string; data: unknown[][] }>;
const read = async (bytes: Uint8Array) => (await readXlsxFile(Buffer.from(bytes))) as unknown as Sheets;
const sheet = (s: Sheets, name: string) => {
  const found = s.find((x) => x.sheet === name);
  if (!found) throw new Error(`no sheet ${name} in ${s.map((x) => x.sheet).join(', ')}`);
  return found.data;
};

const small = scenario({ run: { replications: 3, years: 1, warmupDays: 30, seed: 7 } });
const written = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));
let files: Array<[string, string]>;
let bytes: Uint8Array;
let book: Sheets;

beforeAll(async () => {
  const job = checkJob({ kind: 'run', designs: [designOf(small, 'small.yaml')], options: {}, door: 'library' });
  const result = await simulateJob(job, inlineRunner);
  files = [];
  await deliver(result, { put: (f, c) => void (typeof c === 'string' && files.push([f, c])) }, { manifest: runManifest, wallSeconds: () => 1 });
  bytes = await folderXlsx(files, { command: 'goldilocks run small.yaml --xlsx', written }, 'small');
  book = await read(bytes);
}, 60_000);

const text = (name: string) => files.find(([f]) => f === name)![1];

describe('results.xlsx of a run folder', () => {
  it('has Summary, one sheet per CSV in the order written, and Provenance', () => {
    const csvs = files.map(([f]) => f).filter((f) => f.endsWith('.csv'));
    expect(csvs.length).toBeGreaterThan(2);
    expect(book.map((s) => s.sheet)).toEqual(['Summary', ...csvs.map((f) => f.replace(/\.csv$/, '')), 'Provenance']);
  });

  it('keeps each CSV header and holds its numbers as numbers equal to the CSV', () => {
    for (const f of files.map(([f]) => f).filter((f) => f.endsWith('.csv'))) {
      const csv = parseCsv(text(f));
      const data = sheet(book, f.replace(/\.csv$/, ''));
      expect(data[0], f).toEqual(csv[0]);
      expect(data.length, f).toBe(csv.length);
    }
    const csv = parseCsv(text('replications.csv'));
    const data = sheet(book, 'replications');
    const col = csv[0].indexOf('value');
    for (const row of [1, 2, csv.length - 1]) {
      expect(typeof data[row][col]).toBe('number');
      expect(data[row][col]).toBe(Number(csv[row][col]));
      expect(data[row][csv[0].indexOf('replication')]).toBe(Number(csv[row][csv[0].indexOf('replication')]));
    }
  });

  it('opens the Summary with the report summary, in its words, and the terminal table with unrounded numbers', () => {
    const data = sheet(book, 'Summary');
    const input = readReportInput({
      name: 'small',
      has: (n) => files.some(([f]) => f === n),
      read: (n) => text(n),
      list: () => [],
    })!;
    const s = buildSummary(input);
    expect(data[0][0]).toBe(s.title);
    expect(data[1][0]).toBe(s.question);
    // Every sentence of the report's findings is a row of the sheet, word for word.
    const findings = [...s.html.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => htmlText(m[1]));
    expect(findings.length).toBeGreaterThan(3);
    const firstCells = data.map((r) => r[0]);
    for (const f of findings) expect(firstCells).toContain(f);
    const doc = JSON.parse(text('summary.json')) as { metrics: Record<string, { mean: number; ci95: [number, number] }> };
    const wait = data.find((r) => r[3] === 'waitDays')!;
    expect(wait.slice(4, 7)).toEqual([doc.metrics.waitDays.mean, doc.metrics.waitDays.ci95[0], doc.metrics.waitDays.ci95[1]]);
  });

  it('records the provenance: version, command, date written, seed, replications, years, warm-up, scenario sha256', () => {
    const manifest = JSON.parse(text('manifest.json')) as Record<string, unknown>;
    const rows = new Map(sheet(book, 'Provenance').map((r) => [r[0], r[1]]));
    expect(rows.get('version')).toBe(manifest.version);
    expect(rows.get('command')).toBe('goldilocks run small.yaml --xlsx');
    expect(rows.get('written (UTC)')).toBe('2026-01-02T03:04:05.000Z');
    expect(rows.get('seed')).toBe(7);
    expect(rows.get('replications')).toBe(3);
    expect(rows.get('years')).toBe((manifest.horizonDays as number) / 365.25);
    expect(rows.get('warmupDays')).toBe(30);
    expect(rows.get('scenarioSha256')).toBe(manifest.scenarioSha256);
    expect(rows.get('scenarioSha256')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same bytes for the same files and provenance (no clock in the zip)', async () => {
    const again = await folderXlsx(files, { command: 'goldilocks run small.yaml --xlsx', written }, 'small');
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const later = await toXlsx(workbookSheets(files, { command: 'goldilocks run small.yaml --xlsx', written: new Date(Date.UTC(2027, 0, 1)) }));
    expect(Buffer.from(later).equals(Buffer.from(bytes))).toBe(false);
  });
});

describe('results.xlsx of a document (the library)', () => {
  it('a comparison: its designs and differences long, numbers equal to the document', async () => {
    const capped = { ...small, name: 'capped', policy: { ...small.policy, sessionCap: 4 } };
    const doc = await compare([small, capped], { replications: 2 });
    const b = await read(
      await toXlsx(
        documentSheets(doc, {
          scenarios: [
            { name: small.name, scenario: small },
            { name: 'capped', scenario: capped },
          ],
        }),
      ),
    );
    expect(b.map((s) => s.sheet)).toEqual(['Summary', 'designs', 'differences', 'Provenance']);
    const diffs = sheet(b, 'differences');
    const h = diffs[0] as string[];
    expect(h.slice(0, 3)).toEqual(['scenario', 'versus', 'metric']);
    const wait = diffs.find((r) => r[h.indexOf('metric')] === 'waitDays')!;
    const d = doc.differences[0].metrics.waitDays;
    expect(wait[h.indexOf('mean')]).toBe(d.mean);
    expect(wait[h.indexOf('ci95_low')]).toBe(d.ci95[0]);
    expect(wait[h.indexOf('verdict')]).toBe(d.verdict);
    // The designs in words need the scenarios: the baseline's line names its team.
    expect(sheet(b, 'Summary').some((r) => typeof r[0] === 'string' && r[0].startsWith(`${small.name} (baseline): `))).toBe(true);
  });

  it('toXlsx in the library: a run document with its scenario hash and this package version', async () => {
    const doc = await simulate(small, { replications: 2 });
    const b = await read(await libraryToXlsx(doc, { scenario: small, command: 'script' }));
    expect(b.map((s) => s.sheet)).toEqual(['Summary', 'metrics', 'Provenance']);
    const rows = new Map(sheet(b, 'Provenance').map((r) => [r[0], r[1]]));
    expect(rows.get('scenarioSha256')).toBe(designOf(small).hash);
    expect(rows.get('replications')).toBe(2);
    expect(rows.get('command')).toBe('script');
    const m = sheet(b, 'metrics');
    const h = m[0] as string[];
    expect(m.find((r) => r[h.indexOf('metric')] === 'overloadIndex')![h.indexOf('mean')]).toBe(doc.metrics.overloadIndex.mean);
  });

  it('refuses what is not a result document', async () => {
    expect(() => documentSheets({ hello: 1 })).toThrow(/simulate, compare, explore or plan/);
  });
});

describe('a table longer than a sheet holds', () => {
  it('is cut at XLSX_MAX_ROWS, and the Summary says how many rows the CSV has', () => {
    const n = XLSX_MAX_ROWS + 5;
    const csv = `i,x\n${Array.from({ length: n }, (_, i) => `${i},${i / 2}`).join('\n')}\n`;
    const sheets = workbookSheets([['long.csv', csv]]);
    const long = sheets.find((s) => s.name === 'long')!;
    expect(long.rows.length).toBe(XLSX_MAX_ROWS);
    expect(long.rows.at(-1)).toEqual([XLSX_MAX_ROWS - 2, (XLSX_MAX_ROWS - 2) / 2]);
    const said = sheets[0].rows.map((r) => r[0]).filter((c): c is string => typeof c === 'string');
    expect(said.some((t) => t.includes(`${(XLSX_MAX_ROWS - 1).toLocaleString('en-GB')} of the ${n.toLocaleString('en-GB')} rows of long.csv`))).toBe(true);
  });
});

describe('cells and words', () => {
  it('reads CSV fields as numbers, booleans, empty (NA) or text, never a code with a leading zero as a number', () => {
    expect(csvCell('12.5')).toBe(12.5);
    expect(csvCell('-3e-7')).toBe(-3e-7);
    expect(csvCell('0')).toBe(0);
    expect(csvCell('')).toBe(null);
    expect(csvCell('true')).toBe(true);
    expect(csvCell('0012')).toBe('0012');
    expect(csvCell('waitDays >= 3')).toBe('waitDays >= 3');
  });

  it('turns a summary into rows: paragraphs, cards, tables (line breaks kept), no hidden heading and no figures', () => {
    const rows = summaryRows(
      '<h2 class="visually-hidden">Summary</h2><p><strong>a</strong> &amp; b&#39;s</p><figure><p>Figure 1</p></figure>' +
        '<div class="card"><div class="card-label">Wait</div><div class="card-value">2.0</div><div class="ci"></div></div>' +
        '<table><tr><th>x</th><td>1<br>2</td></tr></table><h3>Findings</h3><ul><li>one</li></ul>',
    );
    const values = rows.map((r) => r.map((c) => (c !== null && typeof c === 'object' ? c.value : c)));
    expect(values).toEqual([["a & b's"], ['Wait', '2.0', null], ['x', '1\n2'], [], ['Findings'], ['one']]);
  });
});
