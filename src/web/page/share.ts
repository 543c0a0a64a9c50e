/**
 * Share links on the page: "Copy link" puts the scenario in the address's fragment (share-link.ts
 * makes and checks it), and the page opens a link's scenario at start-up. A link that is not whole
 * loads nothing and runs nothing: the page says it is damaged and what to do instead, so a cut
 * link never runs as a partial design, and never silently as the default scenario.
 */
import { damagedLinkMessage, decodeFragment, encodeFragment, linkTooLong, UNKNOWN_FORMAT } from '../share-link.js';
import { $ } from './dom.js';
import { renderForm } from './form.js';
import { setText, state, updateButtons } from './state.js';

/** The page's address with the scenario in the fragment (never sent to a server). */
export function shareLink(text: string): string {
  return `${location.href.split('#')[0]}${encodeFragment(text)}`;
}

export function loadScenarioText(text: string, label: string): void {
  state.label = label;
  $<HTMLTextAreaElement>('yaml').value = text;
  setText(text, false);
}

/** The page holds no scenario, Run is off, and the message says why and what to do. */
function refuseLink(reason: string): void {
  state.label = 'damaged link';
  $<HTMLTextAreaElement>('yaml').value = '';
  state.text = '';
  state.problems = [{ path: '', message: damagedLinkMessage(reason) }];
  state.message = state.problems[0].message;
  const box = $('problems');
  box.hidden = false;
  box.textContent = state.message;
  $('status').textContent = 'The link is damaged: nothing was loaded.';
  updateButtons();
  renderForm(false);
}

/** A scenario from the address's fragment: loaded when whole; a damaged or unknown link loads nothing and says so. */
export function openLinkedScenario(): 'none' | 'loaded' | 'damaged' {
  const link = decodeFragment(location.hash);
  if (link.kind === 'none') return 'none';
  if (link.kind === 'scenario') {
    loadScenarioText(link.text, 'linked scenario');
    // Links of the first format carry no check: say so rather than vouch for them.
    if (link.format === 'v1')
      $('status').textContent =
        'Opened a link of the older form, which cannot show whether it arrived whole: if fields look missing, ask for the scenario file.';
    return 'loaded';
  }
  // A fragment naming a place on the page (#results) is an address within it, not a link.
  if (link.kind === 'unknown' && document.getElementById(link.fragment)) return 'none';
  refuseLink(link.kind === 'damaged' ? link.reason : UNKNOWN_FORMAT);
  return 'damaged';
}

/** "Copy link": show and copy the link, or refuse one too long for browsers to open. */
export async function copyLink(): Promise<void> {
  const link = shareLink(state.text);
  const out = $<HTMLInputElement>('link');
  const tooLong = linkTooLong(link);
  if (tooLong) {
    // An earlier, shorter link may still be shown: it is not this scenario's, so it goes.
    out.hidden = true;
    out.value = '';
    $('status').textContent = tooLong;
    return;
  }
  out.hidden = false;
  out.value = link;
  out.select();
  try {
    await navigator.clipboard.writeText(link);
    $('status').textContent = 'Link copied: it holds the scenario itself; nothing is sent anywhere.';
  } catch {
    $('status').textContent = 'Copy the selected link (Ctrl+C): it holds the scenario itself.';
  }
}
