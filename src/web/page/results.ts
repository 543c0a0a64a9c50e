/**
 * Results on the page: the report's one-page summary, headline tiles and tables in the report's
 * number format (src/report/format.ts), the charts and the downloads.
 */
import { METRIC_BY_ID, METRICS } from '../../model/metrics.js';
import { displayUnit, formatInterval, formatValue, labelWithUnit } from '../../report/format.js';
import { shownTotal } from '../../report/html/blocks.js';
import type { JobResult, SummaryOut } from '../protocol.js';
import { $, download, el } from './dom.js';
import { markStale, state } from './state.js';

/** Headline tiles, by metric id, the costs among them; ids not in METRICS are skipped (so renamed or removed metrics never break the page). */
export const HEADLINE_IDS = [
  'waitDays',
  'waitingList',
  'caseloadPerWte',
  'overloadIndex',
  'needMetShare',
  'unmetNeedShare',
  'turnoverPerYear',
  'costPerYear',
  'costPerNeedMet',
];

type Summary = {
  mean: number | null;
  ci95: [number | null, number | null];
  n?: number;
  oneSided?: boolean;
  /** With parameter draws: the interval with the assumptions' uncertainty added. */
  ci95Total?: [number | null, number | null];
};
type Metrics = Record<string, Summary | undefined>;

/** A mean in the report's format ("29.2", "21 %", "£41,213"); differences signed, shares in pp. */
function fmtMean(id: string, s: { mean: number | null } | undefined, difference = false): string {
  return !s || s.mean === null ? '–' : formatValue(id, s.mean, { difference });
}

/** A 95 % interval in the report's format ("25.5 to 33.5", "20 to 23 %"); '' when there is none. */
function fmtInterval(id: string, s: { ci95: [number | null, number | null]; oneSided?: boolean } | undefined, difference = false): string {
  const text = s ? formatInterval(id, s.ci95, { difference, oneSided: s.oneSided === true }) : '–';
  return text === '–' ? '' : text;
}

/** A tile's interval line, as the report's cards: none for an interval of no width (e.g. a salary bill). */
function fmtCi(id: string, s: Summary | undefined): string {
  if (s && s.ci95[0] !== null && s.ci95[0] === s.ci95[1]) return '';
  const text = fmtInterval(id, s);
  return text ? `95 % CI ${text}` : '';
}

/** With parameter draws, the interval with the assumptions' uncertainty, as the report's cards say it ("+ assumptions 6.9 to 42.8"); '' otherwise. */
function fmtTotal(id: string, s: Pick<Summary, 'ci95Total'> | undefined, difference = false): string {
  const t = shownTotal(s);
  return t ? `+ assumptions ${formatInterval(id, t, { difference })}` : '';
}

/** A design's or level's cell: the mean, its 95 % interval and, with parameter draws, the interval with the assumptions. */
function estimateCell(id: string, s: Summary | undefined): HTMLElement {
  return el('td', { class: 'num' }, fmtMean(id, s), el('br'), el('span', { class: 'ci' }, fmtInterval(id, s)), ...totalNodes(id, s));
}

/** The nodes that follow an interval in a table cell when there were parameter draws: a line break and the total interval (differences: with the share of draws in which the design is better). */
function totalNodes(
  id: string,
  s: (Pick<Summary, 'ci95Total'> & { beatsShare?: number | null; worseShare?: number | null }) | undefined,
  difference = false,
): Node[] {
  const text = fmtTotal(id, s, difference);
  if (!text) return [];
  // Both shares, as the report says them: "better in 50 %" alone would hide that the rest may be ties.
  const pct = (x: number) => `${Math.round(100 * x)} %`;
  const better =
    difference && typeof s?.beatsShare === 'number'
      ? `; better in ${pct(s.beatsShare)} of the draws${typeof s.worseShare === 'number' ? `, worse in ${pct(s.worseShare)}` : ''}`
      : '';
  return [el('br'), el('span', { class: 'ci total' }, `${text}${better}`)];
}

function tiles(metrics: Metrics): HTMLElement {
  const box = el('div', { class: 'tiles', id: 'tiles' });
  for (const id of HEADLINE_IDS) {
    const m = METRIC_BY_ID[id as keyof typeof METRIC_BY_ID];
    const s = metrics[id];
    if (!m || !s) continue;
    const total = fmtTotal(id, s);
    box.append(
      el(
        'div',
        { class: 'tile', 'data-metric': id, 'data-mean': String(s.mean), 'data-low': String(s.ci95[0]), 'data-high': String(s.ci95[1]), title: m.definition },
        el('div', { class: 'tile-label' }, m.label),
        el('div', { class: 'tile-value' }, fmtMean(id, s), ...(displayUnit(id) ? [el('span', { class: 'unit' }, ` ${displayUnit(id)}`)] : [])),
        el('div', { class: 'tile-ci' }, fmtCi(id, s)),
        ...(total
          ? [
              el(
                'div',
                { class: 'tile-ci tile-total', title: 'The 95 % interval with the uncertainty of the assumed parameters added (parameter draws)' },
                total,
              ),
            ]
          : []),
      ),
    );
  }
  return box;
}

function metricsTable(metrics: Metrics): HTMLElement {
  const rows = METRICS.filter((m) => metrics[m.id]).map((m) => {
    const s = metrics[m.id]!;
    return el(
      'tr',
      {},
      el('th', { scope: 'row', title: m.definition }, m.label),
      el('td', {}, m.unit),
      el('td', { class: 'num' }, fmtMean(m.id, s)),
      el('td', { class: 'num' }, fmtInterval(m.id, s), ...totalNodes(m.id, s)),
    );
  });
  return el(
    'details',
    {},
    el('summary', {}, 'Every metric'),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, 'Metric'), el('th', {}, 'Unit'), el('th', {}, 'Estimate'), el('th', {}, '95 % CI'))),
      el('tbody', {}, ...rows),
    ),
  );
}

export function chartsBox(result: JobResult): HTMLElement {
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

function downloads(result: JobResult, name: string): HTMLElement {
  const box = el('div', { class: 'downloads', id: 'downloads' }, el('h3', {}, 'Download'));
  const files = result.files.filter(([f]) => !f.startsWith('charts/'));
  const order = (f: string) => (f === 'report.html' ? 0 : f.endsWith('.csv') ? 1 : 2);
  for (const [f, content] of [...files].sort((a, b) => order(a[0]) - order(b[0]) || a[0].localeCompare(b[0]))) {
    const b = el('button', { type: 'button', class: 'small', 'data-file': f }, f);
    b.addEventListener('click', () =>
      download(
        f === 'report.html' ? `${name}-report.html` : f,
        content,
        f.endsWith('.html') ? 'text/html' : f.endsWith('.json') ? 'application/json' : f.endsWith('.csv') ? 'text/csv' : 'text/plain',
      ),
    );
    box.append(b);
  }
  // results.xlsx as the CLI's --xlsx writes it, built from these files when asked for.
  if (files.some(([f]) => f === 'manifest.json')) {
    const x = el('button', { type: 'button', class: 'small', 'data-file': 'results.xlsx' }, 'results.xlsx');
    x.addEventListener('click', async () => {
      const { folderXlsx } = await import('../../report/xlsx.js');
      const bytes = await folderXlsx(files, { command: 'the explorer page', written: new Date() }, name);
      download(`${name}-results.xlsx`, bytes as Uint8Array<ArrayBuffer>, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    });
    box.append(x);
  }
  // The event log of a run (docs/event-log.md), made again in this page when asked for.
  const scenarioFile = files.find(([f]) => f === 'scenario.json');
  const manifestFile = files.find(([f]) => f === 'manifest.json');
  if (result.kind === 'run' && scenarioFile && manifestFile) {
    const b = el(
      'button',
      { type: 'button', class: 'small', 'data-file': 'events.csv', title: 'Download event log (events.csv): one row per patient and worker event' },
      'events.csv',
    );
    b.addEventListener('click', async () => {
      const { eventLogCsv } = await import('../event-log.js');
      try {
        download(`${name}-events.csv`, await eventLogCsv(scenarioFile[1], manifestFile[1]), 'text/csv');
      } catch (err) {
        b.textContent = `events.csv: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
      }
    });
    box.append(b);
  }
  return box;
}

function verdictTable(doc: {
  designs: Array<{ scenario: string; metrics: Metrics }>;
  differences: Array<{
    scenario: string;
    versus: string;
    metrics: Record<
      string,
      | {
          mean: number | null;
          ci95: [number | null, number | null];
          verdict: string;
          ci95Total?: [number | null, number | null];
          beatsShare?: number | null;
          worseShare?: number | null;
        }
      | undefined
    >;
  }>;
}): HTMLElement {
  const ids = HEADLINE_IDS.filter((id) => METRIC_BY_ID[id as keyof typeof METRIC_BY_ID] && doc.designs[0].metrics[id]);
  const head = el(
    'tr',
    {},
    el('th', {}, 'Metric'),
    ...doc.designs.map((d) => el('th', {}, d.scenario)),
    ...doc.differences.map((d) => el('th', {}, `${d.scenario} − ${d.versus}`)),
  );
  const rows = ids.map((id) => {
    const m = METRIC_BY_ID[id as keyof typeof METRIC_BY_ID];
    return el(
      'tr',
      {},
      el('th', { scope: 'row' }, labelWithUnit(m.id)),
      ...doc.designs.map((d) => estimateCell(id, d.metrics[id])),
      ...doc.differences.map((d) => {
        const x = d.metrics[id];
        if (!x) return el('td', {}, '–');
        return el(
          'td',
          { class: `num verdict-${x.verdict.replace(/\s+/g, '-')}` },
          fmtMean(id, x, true),
          el('br'),
          el('span', { class: 'ci' }, fmtInterval(id, x, true) || '–'),
          ...totalNodes(id, x, true),
          el('br'),
          el('strong', {}, x.verdict),
        );
      }),
    );
  });
  return el('table', { id: 'verdicts' }, el('thead', {}, head), el('tbody', {}, ...rows));
}

function levelsTable(doc: {
  levels: Array<{ discretion: number; metrics: Metrics; justRightShare?: number }>;
  justRight: { levels: number[]; label: string; reason: string };
}): HTMLElement {
  const ids = ['overloadIndex', 'needMetShare', 'turnoverPerYear', 'satisfaction', 'waitDays'].filter((id) => METRIC_BY_ID[id as keyof typeof METRIC_BY_ID]);
  // With parameter draws: in what share of the draws each level is just right (explore --uncertainty).
  const shares = doc.levels.every((l) => typeof l.justRightShare === 'number');
  const head = el(
    'tr',
    {},
    el('th', {}, 'Discretion'),
    ...ids.map((id) => el('th', {}, labelWithUnit(id))),
    ...(shares ? [el('th', { title: 'The share of the parameter draws in which the level is just right' }, 'Just right in (share of draws)')] : []),
  );
  const rows = doc.levels.map((l) =>
    el(
      'tr',
      doc.justRight.levels.includes(l.discretion) ? { class: 'zone' } : {},
      el('th', { scope: 'row' }, `${l.discretion}${doc.justRight.levels.includes(l.discretion) ? ' ✔ just right' : ''}`),
      ...ids.map((id) => estimateCell(id, l.metrics[id])),
      ...(shares ? [el('td', { class: 'num' }, `${Math.round(100 * (l.justRightShare ?? 0))} %`)] : []),
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

/**
 * The explore's answer, once, in the report's callout: the summary's own callout when the summary
 * is shown (it is the same answer), else one drawn here as the report draws it. No zone ("none")
 * is the no-answer callout (\`.callout.none\`), never the zone's green.
 */
function answerBox(out: HTMLElement, jr: { levels: number[]; label: string; reason: string }): Node {
  const summaryCallout = out.querySelector<HTMLElement>('#page-summary .callout');
  if (summaryCallout) {
    summaryCallout.id = 'just-right';
    return document.createTextNode('');
  }
  const none = jr.levels.length === 0;
  const reason = jr.reason.charAt(0).toUpperCase() + jr.reason.slice(1);
  return el(
    'div',
    { class: none ? 'callout none' : 'callout', id: 'just-right' },
    el('p', { class: 'big' }, `Just right: ${none ? 'none' : jr.label}`),
    el('p', {}, `${reason}${reason.endsWith('.') ? '' : '.'}`),
  );
}

export function showResult(result: JobResult, name: string, text: string | null = state.text): void {
  state.last = { result, name };
  state.resultText = text;
  const out = $('results');
  out.replaceChildren();
  const doc = result.doc as Record<string, unknown>;
  const secs = `${result.seconds.toFixed(1)} s in this browser`;
  if (result.kind === 'run') {
    const d = doc as unknown as { scenario: string; replications: number; horizonDays: number; warmupDays: number; seed: number; metrics: Metrics };
    out.append(
      el('h2', {}, `Run: ${d.scenario}`),
      el(
        'p',
        { class: 'note' },
        `${d.replications} replications of ${Number((d.horizonDays / 365.25).toFixed(2))} year${d.horizonDays === 365.25 ? '' : 's'} (warm-up ${d.warmupDays} days), seed ${d.seed}; mean with the 95 % confidence interval over replications. ${secs}.`,
      ),
      ...summaryOf(result),
      el('h3', {}, 'Headline figures'),
      tiles(d.metrics),
      metricsTable(d.metrics),
    );
  } else if (result.kind === 'compare') {
    const d = doc as unknown as Parameters<typeof verdictTable>[0] & { designs: Array<{ scenario: string; metrics: Metrics }> };
    out.append(
      el('h2', {}, `Compare: ${d.designs.map((x) => x.scenario).join(' vs ')}`),
      el(
        'p',
        { class: 'note' },
        `Every design saw the same patients (common random numbers); differences are paired, with 95 % intervals and the CLI's verdicts. ${secs}.`,
      ),
      ...summaryOf(result),
      el('h3', {}, 'Headline figures and paired differences'),
      verdictTable(d),
    );
  } else {
    const d = doc as unknown as Parameters<typeof levelsTable>[0] & { scenario: string };
    out.append(el('h2', {}, `Explore: ${d.scenario}`), ...summaryOf(result));
    out.append(answerBox(out, d.justRight), levelsTable(d), el('p', { class: 'note' }, secs));
  }
  if (result.charts.length || result.files.length) out.append(chartsBox(result), downloads(result, name));
  else out.append(el('p', { class: 'note', id: 'charts-pending' }, 'Drawing the charts and the report…'));
  markStale();
  $('results').focus({ preventScroll: true });
}
