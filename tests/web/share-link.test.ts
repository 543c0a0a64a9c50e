/**
 * Share links are whole or refused: every shipped scenario round-trips; a link cut at any line
 * end (or anywhere) is detected as damaged, never decoded into a partial scenario; links of the
 * first format still open; a link longer than browsers open is refused at "Copy link".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/jobs/designs.js';
import { damagedLinkMessage, decodeFragment, encodeFragment, linkTooLong, MAX_LINK_CHARS } from '../../src/web/share-link.js';

const root = resolve(import.meta.dirname, '../..');
const shipped = readdirSync(join(root, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => ({ file: f, text: readFileSync(join(root, 'scenarios', f), 'utf8') }));

/** Where a base64url text of `text` ends its k-th line (the bytes up to a newline, in base64 characters). */
function cutsAtLineEnds(text: string, fragment: string): string[] {
  const head = fragment.slice(0, fragment.lastIndexOf('.') + 1);
  const body = fragment.slice(head.length);
  const cuts: string[] = [];
  let bytes = 0;
  for (const line of text.split('\n').slice(0, -1)) {
    bytes += new TextEncoder().encode(`${line}\n`).length;
    const cut = head + body.slice(0, Math.floor((bytes * 4) / 3));
    if (cut.length < fragment.length) cuts.push(cut); // the last line end is the whole link
  }
  return cuts;
}

describe('share links', () => {
  it('every shipped scenario round-trips, byte for byte', () => {
    expect(shipped.length).toBeGreaterThan(5);
    for (const s of shipped) expect(decodeFragment(encodeFragment(s.text)), s.file).toEqual({ kind: 'scenario', text: s.text, format: 'v2' });
  });

  it('a link cut at any line end of any shipped scenario is damaged, never a partial scenario', () => {
    let cuts = 0;
    for (const s of shipped) {
      for (const cut of cutsAtLineEnds(s.text, encodeFragment(s.text))) {
        cuts++;
        expect(decodeFragment(cut).kind, `${s.file} cut to ${cut.length}`).toBe('damaged');
      }
    }
    expect(cuts).toBeGreaterThan(100);
  });

  it('a link cut at any character of any shipped scenario is damaged (down to "#s")', () => {
    let cuts = 0;
    for (const s of shipped) {
      const f = encodeFragment(s.text);
      // Length 1 is "#" alone: what a browser shows as no fragment at all (a bare page address).
      for (let n = 2; n < f.length; n++, cuts++)
        if (decodeFragment(f.slice(0, n)).kind !== 'damaged') expect.fail(`${s.file} cut to ${n} of ${f.length}: ${decodeFragment(f.slice(0, n)).kind}`);
    }
    expect(cuts).toBeGreaterThan(20_000);
  });

  it('why the check: cut at line ends, a first-format link of site-6.yaml decodes into valid, partial scenarios', () => {
    const text = shipped.find((s) => s.file === 'site-6.yaml')!.text;
    const old = `#scenario=${encodeFragment(text).split('.').at(-1)}`;
    let valid = 0;
    for (const cut of cutsAtLineEnds(text, old)) {
      const link = decodeFragment(cut);
      if (link.kind !== 'scenario') continue;
      try {
        parseScenario(link.text);
        valid++;
      } catch {
        // refused: the cut was visible after all
      }
    }
    expect(valid).toBeGreaterThan(0);
  });

  it('a link cut anywhere, or with one character changed, is damaged', () => {
    const text = shipped.find((s) => s.file === 'site-6.yaml')!.text;
    const f = encodeFragment(text);
    for (let n = 1; n < f.length; n += 37) expect(decodeFragment(f.slice(0, f.length - n)).kind).toBe('damaged');
    const i = f.length - 20;
    const changed = f.slice(0, i) + (f[i] === 'A' ? 'B' : 'A') + f.slice(i + 1);
    expect(decodeFragment(changed)).toEqual({ kind: 'damaged', reason: expect.stringMatching(/checksum does not match|bytes/) });
  });

  it('mangled fragments are damaged, an unknown version says so, other fragments are for the page to judge', () => {
    for (const bad of ['#scenario=%%%%', '#s=%%%%', '#s=', '#s', '#scen', '#scenario', '#s=2.5.0123456789abcdef.$$$'])
      expect(decodeFragment(bad).kind, bad).toBe('damaged');
    expect(decodeFragment('#s=9.10.0123456789abcdef.AAAA')).toEqual({
      kind: 'damaged',
      reason: expect.stringMatching(/format this page does not know \(version 9\)/),
    });
    expect(decodeFragment('')).toEqual({ kind: 'none' });
    expect(decodeFragment('#')).toEqual({ kind: 'none' });
    // The page opens these as a place on it when it has such an element, else as an unknown link.
    expect(decodeFragment('#results')).toEqual({ kind: 'unknown', fragment: 'results' });
    expect(decodeFragment('#x=3.AAAA')).toEqual({ kind: 'unknown', fragment: 'x=3.AAAA' });
    expect(damagedLinkMessage('x')).toMatch(/Nothing was loaded or run\. Ask the person who sent it for the scenario file/);
  });

  it('links of the first format (#scenario=<base64url>) still open', () => {
    const text = shipped[0].text;
    const old = Buffer.from(text, 'utf8').toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(decodeFragment(`#scenario=${old}`)).toEqual({ kind: 'scenario', text, format: 'v1' });
  });

  it('a link longer than browsers open is refused, with the advice to send the file', () => {
    expect(linkTooLong('x'.repeat(MAX_LINK_CHARS))).toBeNull();
    expect(linkTooLong('x'.repeat(MAX_LINK_CHARS + 1))).toMatch(/Download the scenario file instead and send that\.$/);
  });
});
