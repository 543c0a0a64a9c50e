/**
 * Share links: the scenario's YAML text in the page address's fragment (never sent to a server),
 * with what is needed to know the link is whole. Mail clients and chat tools cut long addresses,
 * and a link cut at a line end can still decode into a valid scenario with fields missing, which
 * would run with defaults as if it were the shared design. So a link carries a format version,
 * the text's length in bytes and a checksum (the first 64 bits of its SHA-256):
 *
 *   #s=2.<bytes>.<16 hex digits of sha-256>.<base64url of the UTF-8 text>
 *
 * Links of the first format (`#scenario=<base64url>`, no check) still open. The page uses its
 * fragment for nothing else, so any other fragment is a link this page cannot read (a newer
 * format, or one mangled on the way), not a reason to open the default scenario: the page says so.
 * The one cut that cannot be seen is one before the '#': what is left is the bare page address.
 */
import { sha256Hex } from '../jobs/hash.js';

export const LINK_VERSION = 2;
/**
 * The longest link the page offers (characters, the whole address). Chromium refuses addresses
 * over 2 MiB (2,097,152 characters) and Firefox over 1 MiB (1,048,576); this stays under both with
 * room for a long page address. A scenario that long (about 750 kB of YAML; the shipped ones make
 * fragments of 2,500 to 4,300 characters) is one to send as a file: mail and chat cut far shorter links.
 */
export const MAX_LINK_CHARS = 1_000_000;

export type DecodedLink =
  | { kind: 'none' }
  | { kind: 'scenario'; text: string; format: 'v1' | 'v2' }
  | { kind: 'damaged'; reason: string }
  /** A fragment that is no scenario link: the page decides (a place on the page, or an unknown link). */
  | { kind: 'unknown'; fragment: string };

function b64encode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The UTF-8 bytes of base64url text; throws on characters outside the alphabet or bytes that are not UTF-8. */
function b64decodeBytes(s: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) throw new Error('not base64url');
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

const utf8 = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

const checksum = (text: string) => sha256Hex(text).slice(0, 16);

/** The fragment of a link to `text` (without the address before '#'). */
export function encodeFragment(text: string): string {
  const bytes = new TextEncoder().encode(text).length;
  return `#s=${LINK_VERSION}.${bytes}.${checksum(text)}.${b64encode(text)}`;
}

const DAMAGED = 'it was cut short or changed on the way (mail and chat programs often cut long links)';

/** Why a fragment the page does not know is refused. */
export const UNKNOWN_FORMAT = 'it is in a form this page does not know: it may come from a newer Goldilocks, or it was changed on the way';

/** What a page address's fragment holds: no scenario, a whole scenario, or a damaged link (with why). */
export function decodeFragment(hash: string): DecodedLink {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const v2 = /^s=(.*)$/s.exec(fragment);
  if (v2) {
    const m = /^(\d+)\.(\d+)\.([0-9a-f]{16})\.([^.]*)$/.exec(v2[1]);
    if (!m)
      return {
        kind: 'damaged',
        reason:
          /^\d+\./.test(v2[1]) && !v2[1].startsWith(`${LINK_VERSION}.`)
            ? `it is in a format this page does not know (version ${v2[1].split('.')[0]}): it may come from a newer Goldilocks`
            : DAMAGED,
      };
    if (Number(m[1]) !== LINK_VERSION)
      return { kind: 'damaged', reason: `it is in a format this page does not know (version ${m[1]}): it may come from a newer Goldilocks` };
    let text: string;
    let bytes: Uint8Array;
    try {
      bytes = b64decodeBytes(m[4]);
      text = utf8(bytes);
    } catch {
      return { kind: 'damaged', reason: DAMAGED };
    }
    if (bytes.length !== Number(m[2])) return { kind: 'damaged', reason: `${DAMAGED}: it holds ${bytes.length} of the scenario's ${m[2]} bytes` };
    if (checksum(text) !== m[3]) return { kind: 'damaged', reason: `${DAMAGED}: its checksum does not match` };
    return { kind: 'scenario', text, format: 'v2' };
  }
  const v1 = /^scenario=(.*)$/s.exec(fragment);
  if (v1) {
    try {
      return { kind: 'scenario', text: utf8(b64decodeBytes(v1[1])), format: 'v1' };
    } catch {
      return { kind: 'damaged', reason: DAMAGED };
    }
  }
  if (fragment === '') return { kind: 'none' };
  // Cut inside the key itself ("#s", "#scen"): nothing of the scenario is left, but it was a link.
  if ('s='.startsWith(fragment) || 'scenario='.startsWith(fragment)) return { kind: 'damaged', reason: DAMAGED };
  return { kind: 'unknown', fragment };
}

/** What to tell a person who opened a damaged link: what happened and what to do. */
export function damagedLinkMessage(reason: string): string {
  return `This link to a scenario is damaged: ${reason}. Nothing was loaded or run. Ask the person who sent it for the scenario file (a .yaml file), or for the whole link, then open that.`;
}

/** Refuse a link too long for browsers to open: say to share the file instead (null when the link is fine). */
export function linkTooLong(link: string): string | null {
  return link.length > MAX_LINK_CHARS
    ? `This scenario makes a link of ${link.length.toLocaleString('en-GB')} characters, longer than browsers reliably open (${MAX_LINK_CHARS.toLocaleString('en-GB')}). Download the scenario file instead and send that.`
    : null;
}
