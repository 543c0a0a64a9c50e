/**
 * The README's library example runs as printed (README.md, "Use as a library"), compares two
 * designs that differ, and prints no NaN: what a new user copies must work and show a difference.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as lib from '../../src/index.js';
import { parseScenario } from '../../src/index.js';
import { differenceLine } from '../../src/report/summary.js';

const root = join(import.meta.dirname, '../..');

/** The first js block under the README's "## Use as a library". */
function libraryExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Use as a library'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md: no ```js block under "## Use as a library"');
  return m[1];
}

describe("the README's library example", () => {
  it('runs as printed, compares two designs that differ, and prints no NaN', async () => {
    const code = libraryExample();
    const imports = /^import \{([^}]*)\} from 'goldilocks-sim';$/m.exec(code);
    expect(imports, 'the example imports from goldilocks-sim').not.toBeNull();
    const names = imports![1].split(',').map((s) => s.trim());
    const body = code.replace(imports![0], '');
    const printed: unknown[] = [];
    const quiet = { log: (...a: unknown[]) => printed.push(...a) };
    // The example's own names, then `return` of the documents it makes.
    const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...a: unknown[]) => Promise<unknown>;
    const run = new AsyncFunction(...names, 'console', `${body}\nreturn { c, e };`);
    const { c } = (await run(...names.map((n) => (lib as Record<string, unknown>)[n]), quiet)) as {
      c: Awaited<ReturnType<typeof lib.compare>>;
    };
    expect(printed.length).toBeGreaterThan(0);
    expect(JSON.stringify(printed)).not.toMatch(/NaN|null/);
    for (const p of printed) if (typeof p === 'number') expect(Number.isFinite(p)).toBe(true);
    // The two designs differ, and the comparison finds a difference somewhere.
    const [a, b] = c.designs.map((d) => d.scenario);
    expect(a).not.toBe(b);
    const service = /const service = (\{.*\});$/m.exec(code)![1];
    const change = /\{ \.\.\.service, name: '[^']+', (.*?) \}\]/.exec(code);
    expect(change, 'the second design is `{ ...service, name, <a change> }`').not.toBeNull();
    type Source = Parameters<typeof parseScenario>[0];
    const object = (text: string) => new Function(`return (${text});`)() as Record<string, unknown>;
    const base = parseScenario(object(service) as Source);
    const other = parseScenario({ ...object(service), ...object(`{ ${change![1]} }`) } as Source);
    expect(differenceLine(base, other)).not.toBe('');
    // A console.log line whose comment opens with a quoted value printed that value.
    const promised = [...body.matchAll(/^console\.log\(.*\);\s*(?:\/\/ '([^']*)')?/gm)].map((m) => m[1]);
    expect(promised.length).toBe(printed.length); // one value per console.log
    promised.forEach((value, i) => {
      if (value !== undefined) expect(printed[i], `README example, console.log #${i + 1}`).toBe(value);
    });
    const verdicts = Object.values(c.differences[0].metrics).map((m) => m.verdict);
    expect(verdicts.some((v) => v === 'better' || v === 'worse')).toBe(true);
  }, 120_000);
});
