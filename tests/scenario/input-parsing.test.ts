/**
 * One test per input rule of issue 10 (hardening), for reading files and `--set`: every bad
 * input is an InputError naming the file, the field and the line, never a crash or a printed
 * warning; legitimate files keep working. Each test is named for the rule it protects.
 */
import { describe, it, expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScenarioText, loadScenarioFile, setPath, parseYamlText, MAX_ALIAS_COUNT } from '../../src/scenario/load.js';
import { InputError, formatProblems, showText, MAX_PROBLEMS_SHOWN } from '../../src/scenario/errors.js';
import { problemsOf, minimal } from './fixtures.js';
import { tempDir } from '../setup/temp.js';

const problems = (text: string, overrides: string[] = []) => problemsOf(() => parseScenarioText(text, 'f.yaml', overrides));
const accepts = (text: string, overrides: string[] = []) => parseScenarioText(text, 'f.yaml', overrides);

describe('YAML: aliases, tags and warnings are input errors', () => {
  it('reusing a rota block more than 100 times with an alias works', () => {
    const groups = Array.from(
      { length: 300 },
      (_, i) => `  - name: w${i}\n    count: 1\n    rota: ${i === 0 ? "&rota [{days: [mon, tue], from: '09:00', to: '17:00'}]" : '*rota'}`,
    );
    const s = accepts(minimal.replace('workers:\n  - count: 2\n', `workers:\n${groups.join('\n')}\n`));
    expect(s.workers).toHaveLength(300);
    expect(s.workers[299].rota).toEqual(s.workers[0].rota);
  });

  it('an alias is a copy: --set on one reuse does not change the others', () => {
    const text = minimal.replace('workers:\n  - count: 2\n', 'workers:\n  - &w {name: a, count: 2}\n  - *w\n');
    const s = accepts(text, ['workers.1.count=5']);
    expect(s.workers[0].count).toBe(2);
    expect(s.workers[1].count).toBe(5);
  });

  it('merge keys (<<: *base) work', () => {
    const text = minimal.replace('workers:\n  - count: 2\n', 'workers:\n  - &w {name: a, count: 2, annualLeaveDays: 30}\n  - {<<: *w, name: b}\n');
    expect(accepts(text).workers[1]).toMatchObject({ name: 'b', count: 2, annualLeaveDays: 30 });
  });

  it('an unresolved alias is an input error with its line', () => {
    const [p] = problems(`${minimal}description: *nope\n`);
    expect(p.line).toBe(8);
    expect(p.message).toMatch(/alias \*nope has no anchor &nope/);
  });

  it('an alias bomb is an input error, not a memory exhaustion', () => {
    const levels = ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 10; i++)
      levels.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const [p] = problems(`${minimal}${levels.join('\n')}\n`);
    expect(p.message).toMatch(new RegExp(`more than ${MAX_ALIAS_COUNT.toLocaleString('en-GB')}`));
    expect(p.line).toBe(9);
  });

  it('an alias inside the block it names (a cycle) is an input error', () => {
    const [p] = problems('name: c\nreferrals: &x\n  practices: [*x]\nworkers: [{count: 1}]\n');
    expect(p.message).toMatch(/cycle/);
    expect(p.line).toBe(3);
  });

  it('an unknown tag is an input error with its line (no YAMLWarning is printed)', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const [p] = problems(`${minimal}description: !foo bar\n`);
      expect(p.line).toBe(8);
      expect(p.message).toMatch(/!foo/);
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('a list or mapping used as a key is an input error (it would silently become text)', () => {
    const [p] = problems(`${minimal}? [a, b]\n: 1\n`);
    expect(p.message).toMatch(/key must be a plain name/);
    expect(p.line).toBe(8);
  });

  it('a document nested too deeply is an input error', () => {
    const [p] = problems(`${minimal}description: ${'['.repeat(100)}${']'.repeat(100)}\n`);
    expect(p.message).toMatch(/nested more than/);
  });

  it('several documents in one file are an input error', () => {
    const [p] = problems(`${minimal}---\nname: u\n`);
    expect(p.message).toMatch(/more than one document/);
    expect(p.line).toBe(8);
  });

  it('a __proto__ key in a file is an unknown field and never reaches Object.prototype', () => {
    const [p] = problems(`${minimal}__proto__: {discretion: 1}\n`);
    expect(p.message).toMatch(/unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).discretion).toBeUndefined();
  });

  it('parseYamlText never prints and never throws anything but InputError', () => {
    for (const text of ['a: *x', 'a: !!binary 3', '{', 'a: b: c', '%YAML 9\n---\na: 1', '\t- x', 'a: &a [*a]', '[[[[', '- &a a\n- &a b\n- *a']) {
      try {
        parseYamlText(text, 't.yaml');
      } catch (err) {
        expect(err, text).toBeInstanceOf(InputError);
      }
    }
  });
});

describe('files that are not UTF-8 text are input errors', () => {
  const dir = tempDir('goldilocks-enc-');
  const fileWith = (name: string, bytes: Buffer) => {
    const f = join(dir, name);
    writeFileSync(f, bytes);
    return f;
  };

  it('a UTF-8 byte-order mark is accepted', () => {
    const f = fileWith('bom.yaml', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimal)]));
    expect(loadScenarioFile(f).scenario.name).toBe('t');
  });

  it('UTF-16 is refused with what to do', () => {
    const f = fileWith('utf16.yaml', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(minimal, 'utf16le')]));
    const [p] = problemsOf(() => loadScenarioFile(f));
    expect(p.message).toMatch(/UTF-16/);
  });

  it('invalid UTF-8 is refused with its line', () => {
    const f = fileWith('latin1.yaml', Buffer.from(`${minimal}description: caf\xe9\n`, 'latin1'));
    const [p] = problemsOf(() => loadScenarioFile(f));
    expect(p.message).toMatch(/not valid UTF-8/);
    expect(p.line).toBe(8);
  });

  it('a file name that cannot name a file (NUL character) is an input error', () => {
    const [p] = problemsOf(() => loadScenarioFile(join(dir, 'a\0b.yaml')));
    expect(p.message).toMatch(/not a usable file name/);
  });

  it('binary content is refused', () => {
    const f = fileWith('bin.yaml', Buffer.from([0x6e, 0x61, 0x00, 0x01, 0x02]));
    const [p] = problemsOf(() => loadScenarioFile(f));
    expect(p.message).toMatch(/binary/);
  });
});

describe('--set paths cannot pollute objects, make sparse arrays or be silently ignored', () => {
  const setProblem = (spec: string) => problems(minimal, [spec])[0];

  it('an index beyond the end of a list (+1 to add) is refused', () => {
    const p = setProblem('workers.10000000.name=x');
    expect(p.origin).toBe('--set workers.10000000.name=x');
    expect(p.message).toMatch(/beyond the end of workers, which has 1 entry/);
    expect(accepts(minimal, ['workers.1.count=3']).workers).toHaveLength(2);
  });

  it('index 2^32 is refused', () => {
    expect(setProblem('workers.4294967296.count=3').message).toMatch(/beyond the end/);
  });

  it('__proto__, constructor and prototype are refused and Object.prototype is untouched', () => {
    for (const spec of ['__proto__.x=1', '__proto__={discretion: 1}', 'constructor.prototype.x=1', 'workers.0.__proto__.count=9', 'patients.prototype=1']) {
      expect(setProblem(spec).message, spec).toMatch(/is not a scenario field/);
    }
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(({} as Record<string, unknown>).discretion).toBeUndefined();
  });

  it('an empty segment (workers..count) is refused', () => {
    expect(setProblem('workers..count=3').message).toMatch(/empty field name/);
    expect(setProblem('.name=x').message).toMatch(/empty field name/);
  });

  it('a name where a list needs an index is refused', () => {
    expect(setProblem('workers.first.count=3').message).toMatch(/workers is a list: use an index/);
  });

  it('a --set value is never evaluated as a YAML tag or alias, and prints nothing', () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      expect(accepts(minimal, ['description=!foo bar']).description).toBe('!foo bar');
      expect(accepts(minimal, ['description=*nope']).description).toBe('*nope');
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings).toEqual([]);
  });

  it('setPath refuses the same paths for sweep factors', () => {
    expect(() => setPath({ workers: [] }, ['workers', '5', 'count'], 1)).toThrow(/beyond the end/);
    expect(() => setPath({}, ['__proto__', 'x'], 1)).toThrow(/not a scenario field/);
  });
});

describe('echoed user text is escaped and the list of problems is capped', () => {
  it('an unknown field name with terminal escapes is shown escaped', () => {
    let message = '';
    try {
      parseScenarioText(`${minimal}"\\e[2J\\e]0;pwned\\a": 1\n`, 'f.yaml');
    } catch (e) {
      message = (e as InputError).message;
    }
    expect(message).toContain('\\x1b[2J');
    expect(message).not.toMatch(/\x1b|\x07/);
  });

  it('a --set spec with control characters is shown escaped', () => {
    const [p] = problems(minimal, ['policy.\x1b[31mcap=3']);
    expect(p.origin).toBe('--set policy.\x1b[31mcap=3');
    expect(formatProblems('f.yaml', [p], '')).not.toContain('\x1b');
  });

  it('showText escapes C0, C1 and bidi controls and cuts long text', () => {
    expect(showText('a\x1bb\x9bc\u202ed\n')).toBe('a\\x1bb\\x9bc\\u202ed\\n');
    expect(showText('x'.repeat(1000), 10)).toBe('xxxxxxxxxx… (1000 characters)');
  });

  it(`at most ${MAX_PROBLEMS_SHOWN} problems are printed, then "… and N more"`, () => {
    const many = Array.from({ length: 50 }, (_, i) => ({ path: `workers.${i}.count`, message: 'bad' }));
    const text = formatProblems('f.yaml', many, 'hint');
    expect(text.split('\n')).toHaveLength(MAX_PROBLEMS_SHOWN + 2);
    expect(text).toMatch(/… and 30 more problems/);
  });
});

describe('a value of the wrong kind for a number-or-"open" field says what is expected', () => {
  it.each(['six', '2.5', 'true'])('policy.sessionCap: %s', (value) => {
    const p = problems(`${minimal}policy:\n  sessionCap: ${value}\n`);
    expect(p).toHaveLength(1);
    expect(p[0].path).toBe('policy.sessionCap');
    expect(p[0].message).toBe('expected a whole number of at least 1 (e.g. 6), or "open" for no limit');
  });

  it("keeps the bound's own message for a number out of range", () => {
    expect(problems(`${minimal}policy:\n  sessionCap: 0\n`)[0].message).toMatch(/>=1/);
    expect(problems(`${minimal}policy:\n  sessionCap: 5000\n`)[0].message).toMatch(/at most 1,000/);
  });
});
