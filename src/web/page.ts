/**
 * The explorer page (plain TypeScript and DOM): a scenario as YAML text (the source of truth),
 * a form over its main fields and a YAML tab kept in sync (page/state.ts, page/form.ts), the CLI's
 * validation messages next to the fields, and run / compare / explore on the page's Web Workers
 * with progress and Cancel (page/client.ts). Results (page/results.ts): the report's one-page
 * summary, headline tiles with 95 % intervals in the report's number format, the CLI's charts,
 * downloads, and a copy-link that carries the scenario with a checksum (share-link.ts).
 */
import { SHIPPED } from 'goldilocks:shipped';
import { parseScenario } from '../jobs/designs.js';
import type { JobKind, JobOptions } from './protocol.js';
import { $, download, el } from './page/dom.js';
import { api, cancelAll, getWorker, submit } from './page/client.js';
import { setText, state, updateButtons } from './page/state.js';
import { renderForm } from './page/form.js';
import { showResult } from './page/results.js';
import { damagedLinkMessage, decodeFragment, encodeFragment, linkTooLong } from './share-link.js';

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

/** The page's address with the scenario in the fragment (never sent to a server). */
export function shareLink(text: string): string {
  return `${location.href.split('#')[0]}${encodeFragment(text)}`;
}

function loadScenarioText(text: string, label: string): void {
  state.label = label;
  $<HTMLTextAreaElement>('yaml').value = text;
  setText(text, false);
}

/** A scenario from the address's fragment: loaded when whole; a damaged link loads nothing and says so. */
function fromFragment(): 'none' | 'loaded' | 'damaged' {
  const link = decodeFragment(location.hash);
  if (link.kind === 'none') return 'none';
  if (link.kind === 'scenario') {
    loadScenarioText(link.text, 'linked scenario');
    return 'loaded';
  }
  state.label = 'damaged link';
  $<HTMLTextAreaElement>('yaml').value = '';
  state.text = '';
  state.problems = [{ path: '', message: damagedLinkMessage(link.reason) }];
  state.message = state.problems[0].message;
  const box = $('problems');
  box.hidden = false;
  box.textContent = state.message;
  box.setAttribute('role', 'alert');
  box.dataset.link = 'damaged';
  $('status').textContent = 'The link is damaged: nothing was loaded.';
  updateButtons();
  renderForm(false);
  return 'damaged';
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
    const tooLong = linkTooLong(link);
    if (tooLong) {
      $('status').textContent = tooLong;
      return;
    }
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
  if (fromFragment() === 'none') {
    const first = SHIPPED.find((s) => s.file === 'default.yaml') ?? SHIPPED[0];
    picker.value = first.file;
    loadScenarioText(first.text, first.file);
  }
  // Start the worker now (parsing the bundle takes a moment), so the first Run starts at once.
  getWorker();
  document.body.dataset.ready = 'true';
}
