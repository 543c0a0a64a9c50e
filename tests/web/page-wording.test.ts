/**
 * The page's messages (src/web/page/wording.ts): the scenario's problems exactly as the CLI words
 * them, but no hint the page's users cannot follow (a command or a flag): the window's hint names
 * the "Warm-up (days)" and "Years" fields, others point to where every field is listed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/jobs/designs.js';
import { HINTS } from '../../src/messages.js';
import { InputError } from '../../src/scenario/errors.js';
import { isCliHint, pageMessage, pageText } from '../../src/web/page/wording.js';

const root = join(import.meta.dirname, '../..');
const defaultYaml = readFileSync(join(root, 'scenarios/default.yaml'), 'utf8');

function refusal(text: string): InputError {
  try {
    parseScenario(text, { file: 'default.yaml' });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('the scenario was accepted');
}

/** Scenarios the page may hold while someone edits it, each refused. */
const BAD: Record<string, string> = {
  'warm-up as long as the run': defaultYaml.replace(/^ {2}warmupDays: .*$/m, '  warmupDays: 5000'),
  'a negative referral rate': defaultYaml.replace(/referralsPerMonth: \d+/, 'referralsPerMonth: -5'),
  'a misspelt key': `${defaultYaml}\nworkerz: []\n`,
  'a YAML syntax error': `${defaultYaml}\n  : : :\n`,
  'not a mapping': '- a\n- b\n',
};

describe('page wording', () => {
  it('no message the page shows names a command or a flag; the problems are the CLI lines, word for word', () => {
    let cliHints = 0;
    for (const [what, text] of Object.entries(BAD)) {
      const err = refusal(text);
      if (isCliHint(err.hint)) cliHints++;
      const shown = pageMessage(err);
      expect(isCliHint(shown.split('\n').at(-1)!), what).toBe(false);
      expect(shown, what).not.toMatch(/`goldilocks|--[a-z]/);
      // Every line but the hint is the CLI's.
      expect(shown.split('\n').slice(0, -1), what).toEqual(err.message.split('\n').slice(0, -1));
      // The same message, arriving as text from the page's worker, is worded the same.
      expect(pageText(err.message), what).toBe(shown);
    }
    // The shared checks do give CLI hints (so the rewording above is needed and was exercised).
    expect(cliHints).toBeGreaterThanOrEqual(3);
  });

  it('a warm-up as long as the run: the hint names the "Warm-up (days)" and "Years" fields', () => {
    const err = refusal(BAD['warm-up as long as the run']);
    expect(err.problems.map((p) => p.path)).toEqual(['run.warmupDays']);
    const shown = pageMessage(err);
    expect(shown.split('\n').at(-1)).toBe(HINTS.window('page'));
    expect(shown).toContain('Lower the "Warm-up (days)" field or raise the "Years" field');
  });

  it('recognises CLI-only hints, and leaves hints anyone can follow alone', () => {
    for (const h of [
      'Run `goldilocks schema` for every field and its default, or see docs/model.md.',
      'Run `npx goldilocks run --help` for the options.',
      'Lower --warmup-days or raise --years.',
      'Choose the folder (with --out).',
    ])
      expect(isCliHint(h), h).toBe(true);
    for (const h of [
      HINTS.window('page'),
      HINTS.scenarioFields('page'),
      HINTS.runOptions('page'),
      'Fix the YAML syntax (indentation with spaces, "key: value").',
      'Well-being — a dash',
    ])
      expect(isCliHint(h), h).toBe(false);
    expect(pageText('one line, no hint')).toBe('one line, no hint');
    expect(pageText('x.yaml: name: bad\nFix the YAML syntax (indentation with spaces, "key: value").')).toBe(
      'x.yaml: name: bad\nFix the YAML syntax (indentation with spaces, "key: value").',
    );
  });
});
