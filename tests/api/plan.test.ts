/**
 * `plan` in the library (issue 21): the same document as `goldilocks plan --json`, with the base
 * scenario given as its text (the library reads no files), and the CLI's refusals with the
 * library's wording. The only fields that differ are the two that name the base scenario: the
 * document's `base` (the file as the plan names it in the CLI, `<text>` here) and the line of `chosen.scenario`'s
 * header that says where the design came from ("… from <base>:"; the CLI names the file there by its path).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plan as purePlan } from '../../src/api/pure.js';
import { toJson } from '../../src/experiment/files.js';
import { InputError, OptionError, plan } from '../../src/index.js';
import { tempDir } from '../setup/temp.js';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, 'bin/goldilocks');
const DEFAULT_TEXT = readFileSync(join(root, 'scenarios/default.yaml'), 'utf8');

/** A plan file's text with `base` set to the base scenario's text, as its last field (comments and layout kept). */
function withBaseText(planText: string, baseText: string): string {
  const doc = parseDocument(planText);
  // Last, so the plan's own fields keep their lines.
  doc.delete('base');
  doc.set('base', baseText);
  return doc.toString({ lineWidth: 0 });
}

/** The printed document with the base scenario's label taken out (the only fields that name a file). */
function unlabelled(json: string, label: string): string {
  const d = JSON.parse(json) as { plan: string; base: string; chosen: { scenario: string } | null };
  expect(d.base).toBe(label);
  d.base = '<base>';
  if (d.chosen) {
    // The header's first line names the base as the door knows it (the CLI: the file's path).
    const header = /^# Chosen by `goldilocks plan` \(plan [^\n]*\) from [^\n]*:$/m;
    expect(d.chosen.scenario).toMatch(header);
    d.chosen.scenario = d.chosen.scenario.replace(header, '# Chosen … from <base>:');
  }
  return toJson(d);
}

/** A small, quick plan on a one-year run of a small service. */
const SMALL_BASE = `name: small
run: { years: 1, warmupDays: 60, replications: 3, seed: 5 }
referrals: { practices: [{ name: A, referralsPerMonth: 20 }] }
workers: [{ count: 1 }]
`;
const smallPlan = (extra: Record<string, unknown> = {}) => ({
  name: 'small-plan',
  base: SMALL_BASE,
  factors: [{ path: 'workers.0.count', range: { from: 0.5, to: 2, step: 0.5 }, monotone: true }],
  targets: ['seenWithin28DaysShare >= 0.8', 'overloadIndex <= 1'],
  replications: 3,
  maxReplications: 12,
  ...extra,
});

describe('plan in the library', () => {
  it('returns the document `goldilocks plan --json` prints for scenarios/plan-wte.yaml (base given as the default scenario text)', async () => {
    const file = join(root, 'scenarios/plan-wte.yaml');
    const out = join(tempDir('gl-plan-api-'), 'out');
    const cliJson = execFileSync(process.execPath, [bin, 'plan', file, '--json', '--workers', '2', '--out', out], { cwd: root, encoding: 'utf8' });
    const progress: Array<[number, number, string]> = [];
    const doc = await plan(withBaseText(readFileSync(file, 'utf8'), DEFAULT_TEXT), { workers: 2, onProgress: (d, t, s) => progress.push([d, t, s]) });
    // Byte for byte, once the base's label is taken out of both.
    const cliBase = (JSON.parse(cliJson) as { base: string }).base;
    expect(cliBase).toMatch(/default\.yaml$/); // the base file, as the CLI names it
    expect(unlabelled(toJson(doc), '<text>')).toBe(unlabelled(cliJson, cliBase));
    expect(doc.chosen?.point).toEqual(JSON.parse(cliJson).chosen.point);
    // Progress: whole replications, within each round of the search, with the round's stage.
    expect(progress.length).toBe(doc.replications);
    expect(progress.every(([d, t, s]) => Number.isInteger(d) && d >= 1 && d <= t && s.length > 0)).toBe(true);
  }, 120_000);

  it('takes the plan as an object with the base as an object, and runs the same in this thread (the browser-safe entry) as on worker threads', async () => {
    const base = parseDocument(SMALL_BASE).toJS();
    const threads = await plan({ ...smallPlan(), base }, { workers: 2 });
    const inline = await purePlan(smallPlan());
    expect(threads.base).toBe('<object>');
    expect(inline.base).toBe('<text>');
    expect(threads.chosen).not.toBeNull();
    expect({ ...inline, base: '', chosen: { ...inline.chosen, scenario: '' } }).toEqual({ ...threads, base: '', chosen: { ...threads.chosen, scenario: '' } });
    // The chosen design is a ready scenario: the base with the chosen value set.
    expect(parseDocument(threads.chosen!.scenario!).toJS().workers[0].count).toBe(threads.chosen!.point['workers.0.count']);
  }, 60_000);

  it("refuses what the CLI refuses, with the CLI's problem lines (the plan's field path and line)", async () => {
    const dir = tempDir('gl-plan-api-bad-');
    writeFileSync(join(dir, 'base.yaml'), SMALL_BASE);
    const text = [
      'name: bad',
      'factors:',
      '  - path: workers.0.count',
      '    range: { from: -1, to: 1, step: 1 }',
      'targets:',
      '  - seenWithin28DaysShare >= 0.9',
      'base: base.yaml',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'bad.yaml'), text);
    const cliErr = spawnSync(process.execPath, [bin, 'plan', join(dir, 'bad.yaml')], { cwd: dir, encoding: 'utf8' });
    expect(cliErr.status).toBe(2);
    const cliLines = cliErr.stderr
      .replace(/^goldilocks: /, '')
      .split('\n')
      .filter((l) => l.startsWith(join(dir, 'bad.yaml')))
      .map((l) => l.slice(join(dir, 'bad.yaml').length));
    expect(cliLines.length).toBe(2); // -1 and 0 are not posts
    const err = await plan(withBaseText(text, SMALL_BASE)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    const libLines = (err as Error).message
      .split('\n')
      .filter((l) => l.startsWith('<plan text>'))
      .map((l) => l.slice('<plan text>'.length));
    expect(libLines).toEqual(cliLines);

    // A target on an unknown metric: the plan schema's message, at the target's line.
    await expect(plan(withBaseText(text.replace('seenWithin28DaysShare', 'seenWithin28Days'), SMALL_BASE))).rejects.toThrow(
      /<plan text>:6: targets\.0: unknown metric "seenWithin28Days" \(did you mean seenWithin28DaysShare\?\)/,
    );
  });

  it('says what to give when base names a file, is missing, or is not a valid scenario', async () => {
    await expect(plan({ ...smallPlan(), base: 'default.yaml' })).rejects.toThrow(/base: "default\.yaml" names a file; the library and the page read no files/);
    const { base: _, ...noBase } = smallPlan();
    await expect(plan(noBase as never)).rejects.toThrow(/base: is missing: give `base` as the base scenario itself/);
    // A base written in the plan: its problems at base.<field>, on the plan's lines.
    const inlineBad =
      'name: p\nbase:\n  name: b\n  referrals: { practices: [{ name: A, referralsPerMonth: 20 }] }\n  workers: [{ count: 1 }]\n  policy: { sessionCap: -2 }\nfactors: [{ path: workers.0.count, values: [1, 2] }]\ntargets: ["overloadIndex <= 1"]\n';
    await expect(plan(inlineBad)).rejects.toThrow(/<plan text>:6: base\.policy\.sessionCap: /);
    // A base given as text: its problems on the base text's lines.
    await expect(plan({ ...smallPlan(), base: SMALL_BASE.replace('count: 1', 'count: -1') })).rejects.toThrow(/<plan object>: base:4: workers\.0\.count/);
  });

  it("checks the options against the same bounds as the CLI, in the library's words", async () => {
    await expect(plan(smallPlan(), { confidence: 2 })).rejects.toThrow(OptionError);
    await expect(plan(smallPlan(), { confidence: 2 })).rejects.toThrow(
      /option `confidence` must be a number from 0\.5 to 0\.999, e\.g\. 0\.95 \(one-sided, for each target\); got 2\./,
    );
    await expect(plan(smallPlan(), { workers: 0 })).rejects.toThrow(/option `workers` must be a whole number from 1 to 256, e\.g\. 2; got 0\./);
    await expect(plan(smallPlan(), { workers: 0 })).rejects.toThrow(/See the README's "Use as a library" section/);
    await expect(plan(smallPlan(), { replications: 5 } as never)).rejects.toThrow(
      /unknown option `replications` for plan; the options are workers, onProgress, confidence\./,
    );
    // The confidence override is the CLI's --confidence: the plan's confidence, the search's and the document's.
    const d = await purePlan(smallPlan(), { confidence: 0.9 });
    expect(d.confidence).toBe(0.9);
    expect(d.probabilityOfCorrectSelection).toBe(0.9);
  }, 60_000);
});
