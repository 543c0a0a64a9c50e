/**
 * The "Fit your data" tab (issue 22): drop (or choose) a service's activity CSV, and the page fits
 * a scenario to it on its Web Worker as `goldilocks fit` does (web/fit.ts): each fitted value with
 * its 95 % interval and the records behind it, the assumptions the data cannot tell, the notes, the
 * problems of a bad file as the CLI words them (file:line: column …), the fitted scenario YAML and
 * fit.json to download, optionally the back-test, and a button that opens the fitted scenario in
 * the editor. Nothing leaves the browser.
 */
import { SHIPPED } from 'goldilocks:shipped';
import { ACTIVITY_LIMITS } from '../../fit/activity.js';
import type { FitResult } from '../../fit/fit.js';
import type { Estimate } from '../../fit/stats.js';
import type { BacktestResult } from '../../fit/backtest.js';
import type { JobResult } from '../protocol.js';
import { $, download, el } from './dom.js';
import { markStale, state } from './state.js';

/** The dropped or chosen file, kept so "Fit again" (other options) needs no new drop. */
let current: { name: string; text: string } | null = null;

/** The base scenario the unfitted levers come from: the built-in default (as the CLI without --base), or the editor's. */
export function fitBase(): { text: string; file: string; label: string } | null {
  if ($<HTMLSelectElement>('fit-base').value === 'editor')
    return state.text && state.problems.length === 0 ? { text: state.text, file: state.label, label: state.label } : null;
  const def = SHIPPED.find((s) => s.file === 'default.yaml') ?? SHIPPED[0];
  return { text: def.text, file: '<built-in default>', label: 'the built-in default scenario' };
}

export interface FitRequest {
  name: string;
  text: string;
  at: string;
  backtest: boolean;
}

/** Wire the drop zone and the file input; `run` fits (on the worker). */
export function setUpFitPanel(run: (req: FitRequest) => void): void {
  const input = $<HTMLInputElement>('fit-file');
  const zone = $('fit-drop');
  const go = () => {
    if (!current) return;
    run({ ...current, at: $<HTMLInputElement>('fit-at').value.trim(), backtest: $<HTMLInputElement>('fit-backtest').checked });
  };
  const take = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > ACTIVITY_LIMITS.bytes) {
      // As the CLI refuses it, before reading it.
      current = null;
      $<HTMLButtonElement>('fit-run').disabled = true;
      showFitProblems(
        `${f.name}: the file is ${(f.size / 1024 / 1024).toFixed(0)} MB; the fit reads at most ${ACTIVITY_LIMITS.bytes / 1024 / 1024} MB\nExtract a few years of one service (filter by date or service).`,
      );
      return;
    }
    current = { name: f.name, text: await f.text() };
    $('fit-chosen').textContent = `${f.name} (${f.size.toLocaleString('en-GB')} bytes)`;
    $<HTMLButtonElement>('fit-run').disabled = false;
    go();
  };
  input.addEventListener('change', () => void take(input.files?.[0]));
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('over');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('over');
    void take(e.dataTransfer?.files?.[0]);
  });
  $('fit-run').addEventListener('click', go);
}

/** A bad file (or a bad date): the CLI's message (file:line: column …: what is wrong, then what to do). */
export function showFitProblems(message: string | null): void {
  const box = $('fit-problems');
  box.hidden = message === null;
  box.textContent = message ?? '';
}

const fixed = (x: number, digits: number, scale = 1) => (Number.isFinite(x) ? (x * scale).toFixed(digits) : x > 0 ? '∞' : '?');
const count = (k: number) => k.toLocaleString('en-GB');

function row(id: string, label: string, e: Estimate | undefined, what: string, digits: number, scale = 1, unit = ''): HTMLTableRowElement | null {
  if (!e) return null;
  return el(
    'tr',
    { 'data-id': id },
    el('th', { scope: 'row' }, label),
    el('td', { class: 'num', 'data-value': String(e.value) }, `${fixed(e.value, digits, scale)}${unit}`),
    el('td', { class: 'num' }, `${fixed(e.lo, digits, scale)}–${fixed(e.hi, digits, scale)}${unit}`),
    el('td', { class: 'num' }, `${count(e.n)} ${what}`),
  );
}

function estimatesTable(f: FitResult): HTMLTableElement {
  const r = f.referrals;
  const rows = [
    row('referrals', 'Referrals a month', r.perMonth, 'referrals', 1),
    r.annualGrowth.kept ? row('growth', 'Growth a year', r.annualGrowth, 'referrals', 1, 100, ' %') : null,
    row('declined', 'Declined at referral', f.declinedShare, 'referrals', 1, 100, ' %'),
    row('sessions', 'Sessions needed (mean)', f.sessions.mean, 'finished episodes', 2),
    row('dna', 'Did not attend', f.didNotAttend, 'booked sessions', 1, 100, ' %'),
    row('first-minutes', 'First session (minutes)', f.firstSessionMinutes?.mean, 'sessions', 1),
    row('follow-up-minutes', 'Follow-up (minutes)', f.followUpMinutes?.mean, 'sessions', 1),
    row('gap', 'Days between sessions', f.daysBetweenSessions?.mean, 'gaps', 1),
    row('patience', 'Patience on the waiting list (mean days)', f.patience.mean, 'drop-outs', 1),
    row('wait', 'Wait for a first appointment (mean days)', f.waitDays, 'first appointments', 1),
  ].filter((x): x is HTMLTableRowElement => x !== null);
  return el(
    'table',
    { id: 'fit-estimates', class: 'headline' },
    el('caption', {}, 'Fitted values, each with its 95 % interval and the records behind it'),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, 'Quantity'),
        el('th', { scope: 'col' }, 'Fitted'),
        el('th', { scope: 'col' }, '95 % interval'),
        el('th', { scope: 'col' }, 'From'),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

function backtestSection(bt: BacktestResult, result: JobResult): HTMLElement[] {
  const table = el(
    'table',
    { id: 'fit-backtest' },
    el('caption', {}, `Back-test: ${bt.replications} replications, ${bt.from} to ${bt.to}`),
    el('thead', {}, el('tr', {}, ...['Measure', 'Months in the 95 % band', 'Data against the model', 'Total z'].map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...bt.measures.map((m) =>
        el(
          'tr',
          {},
          el('th', { scope: 'row' }, m.label),
          el('td', { class: 'num' }, `${Math.round(m.shareInside * 100)} % of ${m.months}`),
          el('td', { class: 'num' }, `${m.relativeError >= 0 ? '+' : ''}${(m.relativeError * 100).toFixed(1)} %`),
          el('td', { class: 'num' }, m.totalZ.toFixed(1)),
        ),
      ),
    ),
  );
  const out: HTMLElement[] = [
    el('h3', {}, 'Back-test'),
    table,
    el('ul', { class: 'findings', id: 'fit-backtest-words' }, ...bt.words.map((w) => el('li', {}, w))),
  ];
  for (const c of result.charts) {
    const fig = el('figure', { class: 'chart', 'data-chart': c.name });
    fig.innerHTML = c.svg;
    fig.append(el('figcaption', {}, c.title));
    out.push(fig);
  }
  return out;
}

/** The fit in the results area, with its downloads and "Open the fitted scenario in the editor". */
export function showFitResult(result: JobResult, openFitted: (yaml: string, file: string) => void): void {
  const d = result.doc as { fit: FitResult; backtest?: BacktestResult };
  const f = d.fit;
  state.last = { result, name: f.file };
  // The results are of the activity file, not of the scenario in the editor: never "stale".
  state.resultText = null;
  markStale();
  const out = $('results');
  out.replaceChildren();
  const period = `${f.period.start} to ${f.period.end} (${fixed(f.period.months, 1)} months), ${count(f.records.episodes)} episodes from ${count(f.records.rows)} rows${f.period.replication !== undefined ? ` (replication ${f.period.replication})` : ''}`;
  const skipped = Object.entries(f.records.skipped);
  out.append(
    el('h2', {}, `Fitted to ${f.file}`),
    el(
      'p',
      { class: 'note', id: 'fit-period' },
      `${period}${f.records.leftTruncated ? `; ${count(f.records.leftTruncated)} episodes begun before the data` : ''}.`,
    ),
    el('div', { class: 'table-wrap' }, estimatesTable(f)),
    el(
      'p',
      { id: 'fit-extra' },
      `Sessions per patient: sd ${fixed(f.sessions.sd.value, 2)}; ${count(f.sessions.atCap)} episodes at the cap (${f.sessions.cap}), ${count(f.sessions.stillOpen)} still open. ` +
        `${f.referrals.seasonality.kept ? 'Referrals vary by month of the year (kept). ' : ''}` +
        `On ${f.at.label}: ${count(f.initialState.caseload)} on caseloads, ${count(f.initialState.waitingList)} waiting.`,
    ),
    el('h3', {}, 'Assumptions, not fitted (from the base scenario)'),
    el(
      'table',
      { id: 'fit-assumptions' },
      el('thead', {}, el('tr', {}, ...['Field', 'Value', 'Why the data cannot tell'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...f.assumptions.map((a) => el('tr', {}, el('td', {}, el('code', {}, a.field)), el('td', {}, a.value), el('td', {}, a.why)))),
    ),
  );
  if (f.notes.length > 0 || skipped.length > 0) {
    out.append(
      el(
        'ul',
        { class: 'findings', id: 'fit-notes' },
        ...f.notes.map((n) => el('li', {}, n)),
        ...(skipped.length > 0 ? [el('li', {}, `Rows counted and skipped: ${skipped.map(([k, v]) => `${k} ${count(v)}`).join(', ')}.`)] : []),
      ),
    );
  }
  if (d.backtest) out.append(...backtestSection(d.backtest, result));
  for (const w of result.warnings ?? []) out.append(el('p', { class: 'err' }, `Warning: ${w}.`));
  out.append(
    el(
      'p',
      { class: 'note', id: 'fit-timing' },
      d.backtest ? `Fitted and back-tested in ${result.seconds.toFixed(2)} s in this browser.` : `Fitted in ${result.seconds.toFixed(2)} s in this browser.`,
    ),
  );
  const box = el('div', { class: 'downloads', id: 'downloads' }, el('h3', {}, 'Download'));
  for (const [file, content] of result.files) {
    const b = el('button', { type: 'button', class: 'small', 'data-file': file }, file);
    b.addEventListener('click', () =>
      download(file, content, file.endsWith('.json') ? 'application/json' : file.endsWith('.svg') ? 'image/svg+xml' : 'text/yaml'),
    );
    box.append(b);
  }
  const yaml = result.scenario ?? result.files[0][1];
  const open = el('button', { type: 'button', class: 'small', id: 'fit-open' }, 'Open the fitted scenario in the editor');
  open.addEventListener('click', () => openFitted(yaml, result.files[0][0]));
  box.append(open);
  out.append(box);
  out.focus({ preventScroll: true });
}
