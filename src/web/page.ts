/**
 * The explorer page (plain TypeScript and DOM): a scenario as YAML text (the source of truth),
 * a form over its main fields and a YAML tab kept in sync (page/state.ts, page/form.ts), the CLI's
 * validation messages next to the fields, and run / compare / explore on the page's Web Workers
 * with progress and Cancel (page/client.ts). Results (page/results.ts): the report's one-page
 * summary, headline tiles with 95 % intervals in the report's number format, the CLI's charts,
 * downloads, and a copy-link that carries the scenario with a checksum (page/share.ts, share-link.ts).
 * The "What do we need?" tab (page/plan.ts) plans over the scenario as `goldilocks plan` does.
 * Messages shown here use the page's words (page/wording.ts): it never imports the CLI.
 */
import { SHIPPED } from 'goldilocks:shipped';
import { parseScenario } from '../jobs/designs.js';
import { api, cancelAll, getWorker, submit } from './page/client.js';
import { $, download, el } from './page/dom.js';
import { showResult } from './page/results.js';
import { copyLink, loadScenarioText, openLinkedScenario } from './page/share.js';
import { setText, state, updateButtons } from './page/state.js';
import { pageText } from './page/wording.js';
import { planFromForm, planProblems, setUpPlanForm, showPlanProblems, showPlanResult } from './page/plan.js';
import { type FitRequest, fitBase, setUpFitPanel, showFitProblems, showFitResult } from './page/fit.js';
import type { JobKind, JobOptions } from './protocol.js';

export { HEADLINE_IDS } from './page/results.js';

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
  // Parameter draws: empty or 0 is off; anything else is checked by the job with the CLI's bounds (2 to 1,000).
  const draws = $<HTMLInputElement>('draws').value.trim();
  if (draws !== '' && Number(draws) !== 0) options.uncertainty = Number(draws);
  // The results are of the scenario as it is now, whatever is edited while they are computed.
  const ranText = state.text;
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
      (partial) => showResult(partial, shownName, ranText),
    );
    showResult(result, shownName, ranText);
    $('status').textContent = `${kind} finished in ${result.seconds.toFixed(1)} s.`;
  } catch (err) {
    const e = err as Error & { cancelled?: boolean };
    $('status').textContent = e.cancelled ? 'Cancelled.' : `Could not ${kind}: ${pageText(e.message)}`;
  } finally {
    setBusy(false);
  }
}

/** "What do we need?": the plan the form describes, checked here, then searched on the workers. */
async function startPlan(): Promise<void> {
  if (state.problems.length) return;
  const spec = planFromForm();
  const problem = planProblems(spec);
  showPlanProblems(problem);
  if (problem) {
    $('status').textContent = 'Fix the plan first: the message under the form says what to change.';
    return;
  }
  const ranText = state.text;
  setBusy(true, 'starting…');
  try {
    // Parameter draws: empty or 0 is off; anything else is checked by the job with the CLI's bounds (2 to 1,000).
    const draws = $<HTMLInputElement>('plan-draws').value.trim();
    const options: JobOptions = draws !== '' && Number(draws) !== 0 ? { uncertainty: Number(draws) } : {};
    const result = await submit('plan', [spec], options, true, ['the plan', state.label], (done, total, stage) => {
      const bar = $<HTMLProgressElement>('progress');
      bar.max = total;
      bar.value = done;
      $('progress-text').textContent = `${stage}: ${Math.floor(done)} of ${total} replications`;
    });
    showPlanResult(result, ranText, (yaml) => loadScenarioText(yaml, 'chosen.yaml'));
    $('status').textContent = `plan finished in ${result.seconds.toFixed(1)} s.`;
  } catch (err) {
    const e = err as Error & { cancelled?: boolean };
    $('status').textContent = e.cancelled ? 'Cancelled.' : `Could not plan: ${pageText(e.message)}`;
  } finally {
    setBusy(false);
  }
}

/** "Fit your data": the dropped file fitted on the worker as `goldilocks fit` fits it. */
async function startFit(req: FitRequest): Promise<void> {
  if (state.busy) return;
  const base = fitBase();
  if (!base) {
    showFitProblems(
      'The scenario in the editor has problems (the messages under it say where): fix them, or take the levers from the built-in default scenario.',
    );
    $('status').textContent = 'Could not fit: the scenario in the editor has problems.';
    return;
  }
  const options: JobOptions = { backtest: req.backtest, ...(req.at ? { at: req.at } : {}) };
  showFitProblems(null);
  setBusy(true, 'fitting…');
  try {
    const result = await submit('fit', [req.text, base.text], options, true, [req.name, base.file, base.label], (done, total, stage) => {
      const bar = $<HTMLProgressElement>('progress');
      bar.max = total;
      bar.value = done;
      $('progress-text').textContent = `${stage}: ${done} of ${total} replications`;
    });
    showFitResult(result, (yaml, file) => loadScenarioText(yaml, file));
    $('status').textContent = `fit finished in ${result.seconds.toFixed(1)} s.`;
  } catch (err) {
    const e = err as Error & { cancelled?: boolean };
    if (e.cancelled) $('status').textContent = 'Cancelled.';
    else {
      showFitProblems(pageText(e.message));
      $('status').textContent = 'Could not fit the file: the message under the drop zone says which line and column.';
    }
  } finally {
    setBusy(false);
  }
}

// ---------------------------------------------------------------- start-up

const MODES = ['simulate', 'plan', 'fit'] as const;

function selectMode(which: (typeof MODES)[number]): void {
  for (const t of MODES) {
    const tab = $(`tab-${t}`);
    tab.setAttribute('aria-selected', String(t === which));
    tab.tabIndex = t === which ? 0 : -1;
    $(`panel-${t}`).hidden = t !== which;
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
  setUpPlanForm();
  $('tab-simulate').addEventListener('click', () => selectMode('simulate'));
  $('tab-plan').addEventListener('click', () => selectMode('plan'));
  $('tab-fit').addEventListener('click', () => selectMode('fit'));
  $('mode-tabs').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      const now = MODES.findIndex((t) => $(`tab-${t}`).getAttribute('aria-selected') === 'true');
      const next = MODES[(now + (e.key === 'ArrowRight' ? 1 : MODES.length - 1)) % MODES.length];
      selectMode(next);
      $(`tab-${next}`).focus();
    }
  });
  setUpFitPanel((req) => void startFit(req));
  $('fit-cancel').addEventListener('click', () => cancelAll());
  selectMode('simulate');
  $('plan-run').addEventListener('click', () => void startPlan());
  $('plan-cancel').addEventListener('click', () => cancelAll());
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
  $('copy-link').addEventListener('click', () => void copyLink());
  selectTab('form');
  if (openLinkedScenario() === 'none') {
    const first = SHIPPED.find((s) => s.file === 'default.yaml') ?? SHIPPED[0];
    picker.value = first.file;
    loadScenarioText(first.text, first.file);
  } else {
    // The page holds a link's scenario (or none, the link being damaged): the picker names no
    // shipped file, so choosing any of them loads it.
    picker.prepend(el('option', { value: '', disabled: '' }, '(from the link)'));
    picker.value = '';
  }
  // Start the worker now (parsing the bundle takes a moment), so the first Run starts at once.
  getWorker();
  document.body.dataset.ready = 'true';
}
