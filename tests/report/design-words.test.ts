/**
 * Say what the design does (issue 19, §4): a session cap is a hard cap unless discretion is turned
 * on, and every text says the cap in force with any extension; the levers that change the story are
 * on page 1; the referrals received are what was entered plus what the open routes and re-referrals
 * add, and the texts say so; "people with need met" (a count) and the "share of episodes with need
 * met" are named apart; a cost per extra person with need met is given only for a detectable,
 * meaningful effect; and no NaN reaches a user.
 */
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveLevers } from '../../src/model/discretion.js';
import { METRIC_BY_ID, METRICS } from '../../src/model/metrics.js';
import { MONTH } from '../../src/model/time.js';
import { compareDesigns } from '../../src/experiment/compare.js';
import { writeComparison } from '../../src/experiment/compare-output.js';
import { costEffect } from '../../src/experiment/cost-effect.js';
import { toJson } from '../../src/experiment/files.js';
import { runSettings } from '../../src/experiment/replications.js';
import { loadDefaultScenario } from '../../src/scenario/load.js';
import { LEVER_REGISTRY, MIDDLE_DIAL, dialTableMarkdown } from '../../src/scenario/lever-registry.js';
import { comparisonTables, costEffectSentence } from '../../src/report/compare-table.js';
import { capInForceWords, referralsReceivedSplit } from '../../src/report/design-words.js';
import { assumptionsInForce } from '../../src/report/assumptions.js';
import { describeScenario } from '../../src/report/scenario-words.js';
import { buildFolderReport } from '../../src/report/report-folder.js';
import { costEffectWords, designLine, differenceLine, runFindings } from '../../src/report/summary.js';
import { run, scenario } from '../helpers.js';
import { tempDir } from '../setup/temp.js';
import { CHARTS, writePlaceholders } from './fixtures.js';
import type { ReplicationResult } from '../../src/model/index.js';

describe('a session cap is a hard cap unless discretion is turned on', () => {
  it('with no dial the cap is never extended; with the dial (or the lever) it is', () => {
    const none = loadDefaultScenario().scenario;
    expect(none.discretion).toBeUndefined();
    expect(resolveLevers(none).capExtension).toBe(0);
    // Every other dial lever keeps the dial's middle value with no dial.
    expect(resolveLevers(none).checkIns).toBe(LEVER_REGISTRY.checkIns.dial?.at(MIDDLE_DIAL));
    expect(resolveLevers(loadDefaultScenario(['discretion=0.5']).scenario).capExtension).toBe(0.5);
    expect(resolveLevers(loadDefaultScenario(['levers.capExtension=1']).scenario).capExtension).toBe(1);
    expect(dialTableMarkdown()).toMatch(/\| `levers\.capExtension` \| 0 % \| 100 % \| d \| 0 % \(not the middle: /);
  });

  it('in the simulation: nobody has the cap extended with no dial; half of those with need left with the dial at 0.5', () => {
    const capped = { policy: { sessionCap: 3 } } as const;
    const hard = run(scenario(capped, true), { replications: 3 });
    expect(hard.metrics.capExtendedShare.mean).toBe(0);
    expect(hard.metrics.sessionsPerPatient.mean).toBeLessThanOrEqual(3);
    const soft = run(scenario({ ...capped, discretion: 0.5 }, true), { replications: 3 });
    expect(soft.metrics.capExtendedShare.mean).toBeGreaterThan(0.05);
  });

  it('every text states the cap in force, with its extension', () => {
    const hard = loadDefaultScenario().scenario;
    const soft = loadDefaultScenario(['discretion=0.5']).scenario;
    expect(capInForceWords(6, { capExtension: 0, capExtensionSessions: 3 })).toBe('at most 6 sessions per patient');
    expect(capInForceWords(6, { capExtension: 0.5, capExtensionSessions: 3 })).toBe(
      'at most 6 sessions per patient, extended by up to 3 sessions for half of those who still need more',
    );
    expect(capInForceWords(6, { capExtension: 0.25, capExtensionSessions: 1 })).toBe(
      'at most 6 sessions per patient, extended by up to 1 session for 25 % of those who still need more',
    );
    expect(designLine(hard)).toContain('; at most 6 sessions per patient;');
    expect(designLine(soft)).toContain('at most 6 sessions per patient, extended by up to 3 sessions for half of those who still need more');
    expect(describeScenario(hard).join(' ')).toContain('The session cap in force: at most 6 sessions per patient,');
    expect(describeScenario(soft).join(' ')).toContain('The session cap in force: at most 6 sessions per patient, extended by up to 3 sessions for half');
    // A design that turns discretion on says that the cap is now extended.
    expect(differenceLine(hard, soft)).toContain(
      'discretion dial at 0.5 (instead of not set); at most 6 sessions per patient, extended by up to 3 sessions for half of those who still need more (instead of at most 6 sessions)',
    );
    const rows = new Map(assumptionsInForce(hard).map((r) => [r.path, r.value]));
    expect(rows.get('levers.capExtension')).toBe('0 % (no dial: off until discretion is turned on)');
  });
});

describe('the levers that change the story are on page 1', () => {
  it('the design line names the routes, declining and out-of-remit work in force', () => {
    const line = designLine(loadDefaultScenario().scenario);
    expect(line).toContain('self-referral open (reception may not refer)');
    expect(line).toContain('50 % of inappropriate referrals declined');
    expect(line).toContain('50 % of out-of-remit requests accepted');
    const bounded = designLine(loadDefaultScenario(['discretion=0']).scenario);
    expect(bounded).toContain('no self-referral or reception referrals');
    expect(bounded).toContain('out-of-remit requests refused');
  });
});

describe('referrals received: what was entered, what the routes add, what comes back', () => {
  // Over R replications of a window of T months at λ a month the mean count a month has a Poisson
  // standard error √(λ / (T R)); 4 of them make a false alarm about 1 in 16,000.
  const R = 10;
  const tolerance = (lambda: number, s: ReturnType<typeof scenario>) => {
    const months = (s.run.years * 365.25 - s.run.warmupDays) / (MONTH / (24 * 60));
    return 4 * Math.sqrt(lambda / (months * R));
  };

  it('referrals reported equal referrals entered when no route adds any and nobody is re-referred', () => {
    const s = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] } });
    const r = run(s, { replications: R });
    expect(resolveLevers(s).selfReferrals).toBe(false);
    expect(Math.abs(r.metrics.referralsPerMonth.mean - 40)).toBeLessThan(tolerance(40, s));
  });

  it('with no dial (self-referral open, re-referral at the cap): received = entered + self-referrals + re-referrals, and the texts say so', () => {
    const s = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] }, policy: { sessionCap: 3 } }, true);
    const L = resolveLevers(s);
    const r = run(s, { replications: R });
    const received = r.metrics.referralsPerMonth.mean;
    const split = referralsReceivedSplit(s, L, received, r.metrics.reReferralShare.mean)!;
    expect(split.entered + split.routes + split.reReferrals).toBeCloseTo(received, 9);
    expect(Math.abs(split.entered - 40)).toBeLessThan(tolerance(40, s));
    expect(split.routes).toBeCloseTo(split.entered * 0.05, 9);
    expect(split.reReferrals).toBeGreaterThan(0.5);
    expect(received).toBeGreaterThan(40 * 1.05 + 0.5); // the difference the words explain
    expect(split.words).toMatch(
      /^\d+\.\d referrals a month received = \d+\.\d from the practices as entered \+ \d+\.\d self-referrals \(the open route adds 5 %\) \+ \d+\.\d re-referrals/,
    );
    const findings = runFindings(r.metrics as never, undefined, s);
    expect(findings).toContain('referrals a month received = ');
    expect(findings).toContain('(40 a month entered)');
    expect(designLine(s)).toContain('40 referrals a month entered from one practice, plus self-referrals (+5 %) and re-referrals on top');
    expect(METRIC_BY_ID.referralsPerMonth.label).toBe('Referrals received');
  });
});

describe('need met: a share and a count, named apart', () => {
  it('the labels say which is a share and which is people a year', () => {
    expect(METRIC_BY_ID.needMetShare.label).toBe('Share of episodes with need met');
    expect(METRIC_BY_ID.needsMetPerYear.label).toBe('People with need met');
    expect(METRIC_BY_ID.costPerNeedMet.label).toBe('Cost per person with need met');
    const labels = METRICS.map((m) => m.label.toLowerCase());
    expect(new Set(labels).size).toBe(labels.length);
  });
});

/** Replications whose cost and people with need met a year are given. */
const reps = (rows: Array<[number, number]>) => rows.map(([c, e]) => ({ metrics: { costPerYear: c, needsMetPerYear: e } }) as unknown as ReplicationResult);

describe('a cost per extra person with need met only for a detectable, meaningful effect', () => {
  const base = reps([
    [100, 200],
    [100, 210],
    [100, 190],
    [100, 205],
    [100, 195],
  ]);
  const small = reps([
    [150, 201],
    [150, 211],
    [150, 191],
    [150, 206],
    [150, 196],
  ]);

  it('detectable but below the threshold: no cost per extra person, and the reason instead', () => {
    const ce = costEffect(base, small, 10);
    expect(ce.verdict).toBe('no meaningful difference in people with need met');
    expect(ce.incrementalCostPerNeedMet.mean).toBeNaN();
    const words = costEffectSentence(ce);
    expect(words).toMatch(
      /^no cost per extra person with need met: the difference in people with need met a year is below the practical threshold \(±10 a year\), too small to price/,
    );
    expect(words).not.toMatch(/NaN|£50 per/);
    expect(costEffectWords(ce)).toMatch(/^No cost per extra person with need met: .*below the practical threshold/);
    // The same effect with no threshold is priced.
    const priced = costEffect(base, small, 0);
    expect(priced.verdict).toBe('costs more, meets more need');
    expect(costEffectSentence(priced)).toMatch(/^£50 per extra person with need met/);
  });

  it('not detectable: the reason is that the interval contains 0', () => {
    const ce = costEffect(
      base,
      reps([
        [150, 210],
        [150, 200],
        [150, 195],
        [150, 200],
        [150, 195],
      ]),
      1,
    );
    expect(ce.verdict).toBe('no detectable difference in people with need met');
    expect(costEffectSentence(ce)).toMatch(/not detectable \(its 95 % interval contains 0\)/);
  });
});

describe('a NaN never reaches a user as a number', () => {
  it('identical designs compared: no "NaN" in the tables, the findings or the report', () => {
    const s = loadDefaultScenario().scenario;
    const settings = runSettings(s, { replications: 3, years: 1, warmupDays: 60 });
    const designs = [
      { name: 'same-a', scenario: s },
      { name: 'same-b', scenario: s },
    ];
    const c = compareDesigns(designs, settings);
    const ce = c.differences[0].costEffect;
    expect(ce.verdict).toBe('no detectable difference in people with need met');
    const table = comparisonTables(c);
    expect(table).not.toMatch(/NaN/);
    expect(table).toContain('Cost and effect: no cost per extra person with need met: the difference in people with need met a year is not detectable');
    const dir = join(tempDir('goldilocks-same-'), 'compare');
    (writeComparison as (...a: unknown[]) => unknown)(dir, c, ['x', 'x'], 0.5, {}, designs);
    writeFileSync(join(dir, 'scenarios.json'), toJson(designs));
    writePlaceholders(dir, CHARTS.compare);
    const { html } = buildFolderReport(dir);
    expect(html).not.toMatch(/NaN/);
    expect(html).toContain('No cost per extra person with need met');
  });
});
