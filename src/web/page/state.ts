/**
 * The page's state: the scenario as YAML text (the source of truth), its problems as the CLI
 * words them (field path, line) with the page's hints (wording.ts), the kept baseline and the last result. The form and the YAML tab
 * both write the text through `setText`; whoever draws the form registers with `onTextChange`.
 */
import { type Document, parseDocument } from 'yaml';
import { parseScenario } from '../../jobs/designs.js';
import { InputError } from '../../scenario/errors.js';
import type { JobResult } from '../protocol.js';
import { $ } from './dom.js';
import { pageMessage } from './wording.js';

export interface Problem {
  path: string;
  message: string;
  line?: number;
}

export const state = {
  text: '',
  label: 'default.yaml',
  problems: [] as Problem[],
  message: '',
  baseline: null as null | { text: string; label: string; name: string },
  busy: false,
  last: null as null | { result: JobResult; name: string },
  /** The scenario text the results on the page were computed from (null: no results shown). */
  resultText: null as null | string,
};

const redraws: Array<(keepFocus: boolean) => void> = [];
const redraw = (keepFocus: boolean) => {
  for (const f of redraws) f(keepFocus);
};

/** Who draws after the text changes (the form module; the plan tab's worker groups). */
export function onTextChange(f: (keepFocus: boolean) => void): void {
  redraws.push(f);
}

export function parseDoc(text: string): Document | null {
  try {
    const d = parseDocument(text, { uniqueKeys: true });
    return d.errors.length ? null : d;
  } catch {
    return null;
  }
}

/** The value at a dotted path in the YAML text as written (undefined when absent). */
export function valueAt(doc: Document | null, path: string): unknown {
  if (!doc) return undefined;
  const v = doc.getIn(path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k)));
  return v && typeof v === 'object' && 'toJSON' in (v as object) ? (v as { toJSON: () => unknown }).toJSON() : v;
}

/** Set (or with `undefined`, delete) a field in the YAML text, keeping comments and layout. */
export function setField(path: string, value: unknown): void {
  const doc = parseDoc(state.text);
  if (!doc) return; // the YAML tab shows the syntax problem; fix it there first
  const keys = path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
  if (value === undefined) doc.deleteIn(keys);
  else doc.setIn(keys, value);
  setText(doc.toString(), false);
}

export function setText(text: string, fromYamlTab: boolean): void {
  state.text = text;
  const area = $<HTMLTextAreaElement>('yaml');
  if (!fromYamlTab && area.value !== text) area.value = text;
  validate();
  redraw(fromYamlTab);
}

/**
 * The scenario's problems, with the page's wording (fields, not command-line flags). The schema
 * itself refuses a warm-up as long as the run (run.warmupDays), so no run settings are checked here.
 */
export function validate(): void {
  state.problems = [];
  state.message = '';
  try {
    parseScenario(state.text, { file: state.label });
  } catch (err) {
    if (err instanceof InputError) {
      state.problems = err.problems.map((p) => ({ path: p.path, message: p.message, line: p.line }));
      state.message = pageMessage(err);
    } else {
      state.problems = [{ path: '', message: err instanceof Error ? err.message : String(err) }];
      state.message = state.problems[0].message;
    }
  }
  const box = $('problems');
  box.hidden = state.problems.length === 0;
  box.textContent = state.message;
  updateButtons();
  markStale();
}

/**
 * Results on the page that are not of the scenario as it now stands are marked as such (dimmed,
 * with a note above them): of an earlier version, and, when the scenario now has problems, that too.
 */
export function markStale(): void {
  const stale = state.resultText !== null && state.resultText !== state.text;
  const note = $('stale');
  const results = $('results');
  results.classList.toggle('stale', stale);
  if (stale) results.setAttribute('aria-disabled', 'true');
  else results.removeAttribute('aria-disabled');
  note.hidden = !stale;
  note.textContent = !stale
    ? ''
    : state.problems.length
      ? 'These results are of an earlier version of the scenario, which now has problems: fix them (the messages say where), then run again.'
      : 'These results are of an earlier version of the scenario: Run again for the scenario as it now stands.';
}

export function updateButtons(): void {
  const invalid = state.problems.length > 0;
  for (const id of ['run', 'explore', 'keep']) $<HTMLButtonElement>(id).disabled = invalid || state.busy;
  $<HTMLButtonElement>('compare').disabled = invalid || state.busy || !state.baseline;
  $<HTMLButtonElement>('cancel').disabled = !state.busy;
  $<HTMLButtonElement>('plan-run').disabled = invalid || state.busy;
  $<HTMLButtonElement>('plan-cancel').disabled = !state.busy;
  $<HTMLButtonElement>('fit-cancel').disabled = !state.busy;
  $('status-invalid').hidden = !invalid;
}
