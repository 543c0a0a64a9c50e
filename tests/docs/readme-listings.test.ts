/**
 * Rule: where README.md lists a shipped file (a ```yaml block introduced by a line ending in
 * "`scenarios/<file>.yaml`:"), the listing is the file, byte for byte; an introduction that says
 * "(excerpt)" ("`scenarios/<file>.yaml` (excerpt):") allows a run of whole consecutive lines of it.
 * A listing that drifts from the file it names misleads whoever copies it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Listing {
  file: string;
  excerpt: boolean;
  body: string;
  line: number;
}

/** The README's yaml blocks whose introduction (the last non-blank line before the fence) names a file under scenarios/. */
function listings(md: string): Listing[] {
  const lines = md.split('\n');
  const out: Listing[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue;
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const end = lines.findIndex((l, j) => j > i && /^```\s*$/.test(l));
    const intro = /`(scenarios\/[\w.-]+\.ya?ml)`( \(excerpt\))?:\s*$/.exec(lines[k] ?? '');
    if (intro && end > i) out.push({ file: intro[1], excerpt: Boolean(intro[2]), body: `${lines.slice(i + 1, end).join('\n')}\n`, line: i + 1 });
    if (end > i) i = end;
  }
  return out;
}

describe("the README's listings equal the shipped files", () => {
  const found = listings(readme);

  it('the README lists at least one shipped file (the worked sweep)', () => {
    expect(found.map((l) => l.file)).toContain('scenarios/sweep-caps.yaml');
  });

  for (const l of found) {
    it(`README.md:${l.line}: the listing of ${l.file}${l.excerpt ? ' (excerpt)' : ''} equals the file`, () => {
      const path = join(root, l.file);
      expect(existsSync(path), `${l.file} is not shipped`).toBe(true);
      const file = readFileSync(path, 'utf8');
      if (l.excerpt) expect(`\n${file}`).toContain(`\n${l.body}`);
      else expect(l.body).toBe(file);
    });
  }

  it('the listing finder sees a listing, an excerpt and an unnamed example for what they are', () => {
    const md = [
      '`scenarios/a.yaml`:',
      '',
      '```yaml',
      'x: 1',
      '```',
      'text `scenarios/b.yaml` (excerpt):',
      '```yaml',
      'y: 2',
      '```',
      'An example:',
      '```yaml',
      'z: 3',
      '```',
    ].join('\n');
    expect(listings(md)).toEqual([
      { file: 'scenarios/a.yaml', excerpt: false, body: 'x: 1\n', line: 3 },
      { file: 'scenarios/b.yaml', excerpt: true, body: 'y: 2\n', line: 7 },
    ]);
  });
});
