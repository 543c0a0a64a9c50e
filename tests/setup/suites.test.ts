/**
 * The fast suite (`npm run test:fast`) holds no test that starts a process or drives a browser
 * (issue #18). vitest.fast.config.ts takes its files from the rule in tests/setup/suites.ts; this
 * checks the config against that rule and, independently, scans each fast file's text for signs of
 * processes and browsers, so a new spawning test cannot slip into the fast suite.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fast from '../../vitest.fast.config.js';
import { fastFiles, root, slowReasons, testFiles } from './suites.js';

/** Text that means a process or a browser, whatever the rule's parser makes of the file. */
const SIGNS = [
  /\bchild_process\b/,
  // A call, not a method of another object (`/re/.exec(text)` is a regular expression, not a process).
  /(?<![.\w])(spawn|spawnSync|exec|execSync|execFile|execFileSync|fork)\s*\(/,
  /bin\/goldilocks/,
  /playwright/,
  /chromium\.launch|\/usr\/bin\/chromium/,
];

describe('the fast suite', () => {
  const include = (fast.test?.include ?? []) as string[];

  it('is the files the rule calls fast, and the rest are in npm test only', () => {
    expect(include).toEqual(fastFiles());
    expect(include.length).toBeGreaterThan(20);
    const slow = testFiles().filter((f) => !include.includes(f));
    for (const f of slow) expect(slowReasons(f).length, f).toBeGreaterThan(0);
    for (const f of [
      'tests/cli/cli.test.ts',
      'tests/cli/output-paths.test.ts',
      'tests/web/explorer-browser.test.ts',
      'tests/report/report-browser.test.ts',
      'tests/docs/numbers.test.ts',
    ])
      expect(slow, f).toContain(f);
  });

  // (This file names the signs, so it is left out of its own scan.)
  it.each(fastFiles().filter((f) => f !== 'tests/setup/suites.test.ts'))('%s starts no process and no browser', (file) => {
    const text = readFileSync(join(root, file), 'utf8');
    for (const sign of SIGNS) expect(text, `${file} matches ${sign}: mark it slow or move the spawn out`).not.toMatch(sign);
  });

  it('the rule names its reason', () => {
    expect(slowReasons('tests/web/explorer-browser.test.ts').join('\n')).toMatch(/browser/);
    expect(slowReasons('tests/docs/numbers.test.ts').join('\n')).toMatch(/docs/);
    expect(slowReasons('tests/cli/cli.test.ts').join('\n')).toMatch(/CLI/);
  });
});
