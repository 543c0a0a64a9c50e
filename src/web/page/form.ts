/**
 * The form over the scenario's main fields: each field reads its value from the YAML text and
 * writes it back through setField (comments and layout kept), with the CLI's message for that
 * field next to it.
 */
import { type Document, isMap, isSeq } from 'yaml';
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

export function renderForm(keepFocus: boolean): void {
  const doc = parseDoc(state.text);
  const form = $('form');
  const focused = keepFocus ? null : document.activeElement?.id;
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
  const levers = el(
    'details',
    {},
    el('summary', {}, 'Levers (discretion and boundaries; empty = set by the dial)'),
    ...leverFields().map((f) => fieldRow(f, doc)),
  );
  if (leverFields().some((f) => problemsFor(f.path).length)) levers.open = true;
  form.append(levers);
  form.append(
    fieldset(
      'The run',
      RUN_FIELDS.map((f) => fieldRow(f, doc)),
    ),
  );
  // Problems no field shows (e.g. a misspelt key) are in the message box below the tabs.
  if (focused) document.getElementById(focused)?.focus();
}

onTextChange(renderForm);
