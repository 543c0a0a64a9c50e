/**
 * The form over the scenario's main fields: each field reads its value from the YAML text and
 * writes it back through setField (comments and layout kept), with the CLI's message for that
 * field next to it.
 */
import { type Document, isMap, isSeq } from 'yaml';
import { z } from 'zod';
import { LEVER_IDS, LEVER_REGISTRY } from '../../scenario/lever-registry.js';
import { $, el } from './dom.js';
import { onTextChange, type Problem, parseDoc, setField, state, valueAt } from './state.js';

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
    const row = (LEVER_REGISTRY as Record<string, { schema: (zod: typeof z) => { def?: { type?: string }; options?: string[] }; note: string }>)[id];
    const schema = row.schema(z);
    const type = schema.def?.type;
    const label = `${id}: ${row.note}`;
    if (type === 'enum') return { path: `levers.${id}`, label, kind: 'select', options: ['', ...(schema.options ?? [])], emptyRemoves: true };
    if (type === 'boolean') return { path: `levers.${id}`, label, kind: 'select', options: ['', 'true', 'false'], emptyRemoves: true };
    return { path: `levers.${id}`, label, kind: 'number', step: 'any', emptyRemoves: true };
  });
}

const SERVICE_FIELDS: FieldSpec[] = [
  { path: 'name', label: 'Name of this design', kind: 'text' },
  {
    path: 'policy.sessionCap',
    label: 'Session cap (at most this many sessions per patient, or "open"; extended only with discretion on: the dial or levers.capExtension)',
    kind: 'openNumber',
  },
  { path: 'policy.maxCaseload', label: 'Maximum caseload per full-time post, pro rata to WTE (or "open")', kind: 'openNumber' },
  {
    path: 'discretion',
    label: 'Discretion dial (0 = all boundaries, 1 = all discretion; empty = levers at their defaults)',
    kind: 'range',
    min: '0',
    max: '1',
    step: '0.05',
    emptyRemoves: true,
  },
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
    { path: `workers.${i}.count`, label: 'Posts on this rota (2.5 = two posts and one working half the rota)', kind: 'number', min: '0', step: 'any' },
    {
      path: `workers.${i}.rota`,
      label: 'Rota preset ("standard" or "always"; a list of blocks is edited in the YAML tab)',
      kind: 'select',
      options: ['standard', 'always'],
    },
    { path: `workers.${i}.networkingHoursPerWeek`, label: 'Protected networking hours a week', kind: 'number', min: '0', step: 'any' },
    { path: `workers.${i}.monthsInRole`, label: 'Months in role at the start', kind: 'number', min: '0', step: 'any' },
  ];
}

function practiceFields(i: number): FieldSpec[] {
  return [
    { path: `referrals.practices.${i}.name`, label: 'Practice', kind: 'text' },
    {
      path: `referrals.practices.${i}.referralsPerMonth`,
      label: 'Referrals a month (as entered: open self-referral or reception routes and re-referrals add to what is received)',
      kind: 'number',
      min: '0',
      step: 'any',
    },
  ];
}

const fieldId = (path: string) => `f-${path.replace(/[^a-zA-Z0-9]/g, '-')}`;

function problemsFor(path: string): Problem[] {
  return state.problems.filter((p) => p.path === path || p.path.startsWith(`${path}.`));
}

/** A field drawn on the page: its spec, its row and its input (kept across edits, so focus and clicks are never lost). */
interface Drawn {
  spec: FieldSpec;
  row: HTMLElement;
  input: HTMLInputElement | HTMLSelectElement;
}

/** The fields now on the page, by path, and the shape of the form they were drawn for. */
const drawn = new Map<string, Drawn>();
let drawnShape = '';

/** The value a field shows for the value in the text. */
function shownValue(f: FieldSpec, current: unknown): string {
  if (f.kind === 'select') return current === undefined ? '' : typeof current === 'object' ? '(blocks: see YAML)' : String(current);
  return current === undefined || current === null ? '' : String(current);
}

function fieldRow(f: FieldSpec, doc: Document | null): HTMLElement {
  const id = fieldId(f.path);
  let input: HTMLInputElement | HTMLSelectElement;
  if (f.kind === 'select') {
    input = el('select', { id, 'data-path': f.path });
    for (const o of f.options ?? []) input.append(el('option', { value: o }, o === '' ? '(dial / default)' : o));
  } else {
    input = el('input', { id, 'data-path': f.path, type: f.kind === 'number' ? 'number' : 'text' });
    if (f.kind === 'range') {
      input.type = 'number';
      input.setAttribute('inputmode', 'decimal');
    }
    for (const k of ['min', 'max', 'step'] as const) if (f[k] !== undefined) input.setAttribute(k, f[k]!);
    if (f.emptyRemoves) input.placeholder = '(default)';
  }
  const row = el('div', { class: 'field' }, el('label', { for: id }, f.label), input);
  input.addEventListener('change', () => onFieldChange(f, input));
  drawn.set(f.path, { spec: f, row, input });
  updateRow(drawn.get(f.path)!, doc);
  return row;
}

/** Bring a drawn field up to date with the text: its value (unless it already shows it) and its messages. */
function updateRow({ spec: f, row, input }: Drawn, doc: Document | null): void {
  const shown = shownValue(f, valueAt(doc, f.path));
  if (input instanceof HTMLSelectElement) {
    const have = [...input.options].map((o) => o.value);
    // A value the presets do not hold (e.g. a list of rota blocks) is shown as an extra option.
    for (const o of [...input.options]) if (!(f.options ?? []).includes(o.value) && o.value !== shown) o.remove();
    if (!have.includes(shown)) input.append(el('option', { value: shown }, shown));
    input.disabled = shown === '(blocks: see YAML)';
  }
  if (input.value !== shown) input.value = shown;
  const id = input.id;
  const errs = problemsFor(f.path);
  const errId = `${id}-err`;
  row.classList.toggle('invalid', errs.length > 0);
  let p = row.querySelector<HTMLElement>(`#${errId}`);
  if (errs.length) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', errId);
    const text = errs.map((e) => `${e.message}${e.line ? ` (line ${e.line})` : ''}`).join('; ');
    if (!p) {
      p = el('p', { class: 'err', id: errId, role: 'alert' });
      row.append(p);
    }
    if (p.textContent !== text) p.textContent = text;
  } else {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
    p?.remove();
  }
}

function onFieldChange(f: FieldSpec, input: HTMLInputElement | HTMLSelectElement): void {
  const raw = input.value.trim();
  let value: unknown;
  if (raw === '') value = f.emptyRemoves ? undefined : '';
  else if (f.kind === 'number' || f.kind === 'range') value = Number.isFinite(Number(raw)) ? Number(raw) : raw;
  else if (f.kind === 'openNumber') value = raw === 'open' ? 'open' : Number.isFinite(Number(raw)) ? Number(raw) : raw;
  else if (f.kind === 'select' && (raw === 'true' || raw === 'false')) value = raw === 'true';
  else value = raw;
  // The form's fields stay where they are (only their values and messages change): the focus,
  // a Tab on its way and a click being made all land where the person meant.
  setField(f.path, value);
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

/** The form's shape: what decides which fields exist (the lists' lengths); a change of shape redraws it. */
function shapeOf(doc: Document | null): string {
  if (!doc || !isMap(doc.contents)) return 'unreadable';
  return `practices ${listLength(doc, 'referrals.practices')}, workers ${listLength(doc, 'workers')}`;
}

/**
 * Draw the form for the text, or, when its shape is unchanged (an edit of a value), update the
 * fields in place: the inputs are never replaced under the person's hands.
 */
export function renderForm(_keepFocus?: boolean): void {
  const doc = parseDoc(state.text);
  const shape = shapeOf(doc);
  const form = $('form');
  if (shape === drawnShape && form.childElementCount > 0) {
    for (const d of drawn.values()) updateRow(d, doc);
    openLeversWithProblems();
    return;
  }
  drawForm(doc, shape);
}

/** The levers' section opens when one of them has a problem (it is never closed for the person). */
function openLeversWithProblems(): void {
  const levers = document.getElementById('levers') as HTMLDetailsElement | null;
  if (levers && leverFields().some((f) => problemsFor(f.path).length)) levers.open = true;
}

function drawForm(doc: Document | null, shape: string): void {
  const form = $('form');
  // The field with the focus keeps it when it is drawn again (the same path, the same id).
  const focused = document.activeElement && form.contains(document.activeElement) ? document.activeElement.id : '';
  const leversOpen = (document.getElementById('levers') as HTMLDetailsElement | null)?.open ?? false;
  drawn.clear();
  drawnShape = shape;
  form.replaceChildren();
  if (!doc || !isMap(doc.contents)) {
    form.append(el('p', { class: 'note' }, 'The YAML tab does not hold a readable scenario: fix it there (the message below says where).'));
    return;
  }
  form.append(
    fieldset(
      'The service',
      SERVICE_FIELDS.map((f) => fieldRow(f, doc)),
    ),
  );
  const nPractices = listLength(doc, 'referrals.practices');
  const practices: HTMLElement[] = [];
  for (let i = 0; i < nPractices; i++) {
    const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove practice ${i + 1}` }, 'Remove');
    remove.addEventListener('click', () => removeItem('referrals.practices', i, 'Add a practice'));
    practices.push(el('div', { class: 'group' }, ...practiceFields(i).map((f) => fieldRow(f, doc)), remove));
  }
  const addPractice = el('button', { type: 'button', class: 'small', id: 'add-practice' }, 'Add a practice');
  addPractice.addEventListener('click', () => {
    const n = listLength(parseDoc(state.text), 'referrals.practices');
    setField(`referrals.practices.${n}`, { name: `Practice ${n + 1}`, referralsPerMonth: 10 });
    document.getElementById(fieldId(`referrals.practices.${n}.name`))?.focus();
  });
  form.append(fieldset('Practices that refer', practices, addPractice));
  const nWorkers = listLength(doc, 'workers');
  const workers: HTMLElement[] = [];
  for (let i = 0; i < nWorkers; i++) {
    const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove worker group ${i + 1}` }, 'Remove');
    remove.addEventListener('click', () => removeItem('workers', i, 'Add a worker group'));
    workers.push(el('div', { class: 'group' }, ...workerFields(i).map((f) => fieldRow(f, doc)), remove));
  }
  const addWorker = el('button', { type: 'button', class: 'small', id: 'add-worker' }, 'Add a worker group');
  addWorker.addEventListener('click', () => {
    const n = listLength(parseDoc(state.text), 'workers');
    setField(`workers.${n}`, { name: `Group ${n + 1}`, count: 1 });
    document.getElementById(fieldId(`workers.${n}.name`))?.focus();
  });
  form.append(fieldset('Link workers', workers, addWorker));
  const levers = el(
    'details',
    { id: 'levers' },
    el('summary', {}, 'Levers (discretion and boundaries; empty = set by the dial)'),
    ...leverFields().map((f) => fieldRow(f, doc)),
  );
  levers.open = leversOpen;
  form.append(levers);
  openLeversWithProblems();
  form.append(
    fieldset(
      'The run',
      RUN_FIELDS.map((f) => fieldRow(f, doc)),
    ),
  );
  // Problems no field shows (e.g. a misspelt key) are in the message box below the tabs.
  if (focused) document.getElementById(focused)?.focus();
}

/** Remove item i of a list; the focus goes to the next item's Remove, else the list's Add button. */
function removeItem(list: string, i: number, addLabel: string): void {
  setField(`${list}.${i}`, undefined);
  const form = $('form');
  const removes = [...form.querySelectorAll<HTMLButtonElement>('button')].filter((b) =>
    (b.getAttribute('aria-label') ?? '').startsWith(list === 'workers' ? 'Remove worker group ' : 'Remove practice '),
  );
  const next = removes[i] ?? [...form.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent === addLabel);
  next?.focus();
}

onTextChange(renderForm);
