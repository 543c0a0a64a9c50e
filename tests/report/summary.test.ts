/** The one-page summary's words (src/report/summary.ts): design lines, what a second design changes, findings with verdicts. */
import { describe, it, expect } from 'vitest';
import { loadScenario } from '../../src/experiment/load.js';
import { designLine, differenceLine, findingWords, costEffectWords, designFindings, headlineCards, headlineTable } from '../../src/report/summary.js';
import { metricCell } from '../../src/report/html/blocks.js';

const open = loadScenario('scenarios/compare-open.yaml').scenario;
const capped = loadScenario('scenarios/compare-capped.yaml').scenario;
const two = loadScenario('scenarios/compare-two-workers.yaml').scenario;

describe('designs in one line', () => {
  it('the baseline in full, a second design only what differs', () => {
    expect(designLine(open)).toBe(
      "1 link worker (Site 4 link worker) on 37.5 h a week; 31 referrals a month entered from one practice, plus self-referrals (+5 %) on top; open-ended sessions; self-referral open (reception may not refer); 50 % of inappropriate referrals declined (× the team's confidence); 50 % of out-of-remit requests accepted; no discretion dial (levers at middle values).",
    );
    expect(differenceLine(open, capped)).toBe('at most 6 sessions per patient (instead of open-ended sessions)');
    expect(differenceLine(open, two)).toBe('adds 1 link worker (Part-time link worker) on 20 h a week (0.53 WTE)');
    expect(differenceLine(open, open)).toBe('');
  });
});

describe('findings', () => {
  it('says what a design does, with the interval and the verdict', () => {
    const f = findingWords(
      'waitDays',
      { mean: 29.2, ci95: [25.5, 33.5] },
      { mean: 15, ci95: [12.7, 17.7] },
      { mean: -14.2, ci95: [-16.8, -11.7], verdict: 'better' },
    );
    expect(f).toBe('cuts the wait for a first appointment by 14.2 days (11.7 to 16.8), to 15.0 days <span class="verdict better">✔ better</span>');
    const u = findingWords('unmetNeedShare', { mean: 0, ci95: [0, 0] }, { mean: 0.22, ci95: [0.2, 0.23] }, { mean: 0.22, ci95: [0.2, 0.23], verdict: 'worse' });
    expect(u).toBe('22 % (20 to 23 %) leave with unmet need (against 0 %) <span class="verdict worse">✖ worse</span>');
  });

  it('names the cost-effect: dominates, or the cost of each extra need met', () => {
    const ce = (verdict: string) => ({
      costDifference: { mean: 1, ci95: [1, 1] as [number, number] },
      needsMetDifference: { mean: 1, ci95: [1, 1] as [number, number] },
      incrementalCostPerNeedMet: { mean: 259.4, ci95: [223, 308] as [number, number] },
      verdict,
    });
    expect(costEffectWords(ce('dominates'))).toMatch(/Dominates.*more need at no more cost/);
    expect(costEffectWords(ce('dominated'))).toMatch(/Dominated.*less need at no less cost/);
    expect(costEffectWords(ce('costs more, meets more need'))).toBe('Each extra person with need met costs <strong>£259</strong> (£223 to £308).');
  });

  it('differences without a verdict are named in one clause, not spelt out', () => {
    const li = designFindings(
      'b',
      'a',
      { waitDays: { mean: 2, ci95: [1, 3] } },
      { waitDays: { mean: 2.1, ci95: [1, 3] } },
      { waitDays: { mean: 0.1, ci95: [-0.2, 0.4], verdict: 'no detectable difference' } },
      undefined,
    );
    expect(li).toBe('<li><strong>b</strong> against a: no meaningful or detectable difference in wait for first appointment.</li>');
  });
});

describe('headline figures with --uncertainty', () => {
  it('show the interval with the assumptions under the noise-only one, and say what it is; none without it, none for a fixed cost', () => {
    const plain = { waitDays: { mean: 24.9, ci95: [7.3, 42.4] as [number, number] }, costPerYear: { mean: 41213, ci95: [41213, 41213] as [number, number] } };
    const withTotal = {
      waitDays: { ...plain.waitDays, ci95Total: [6.9, 42.8] as [number, number] },
      costPerYear: { ...plain.costPerYear, ci95Total: [41213, 41213] as [number, number] },
    };
    const table = headlineTable([{ title: 'a', metrics: withTotal }]);
    expect(table).toContain('(7.3 to 42.4)</span><br><span class="ci total">+ assumptions 6.9 to 42.8</span>');
    expect(table).toContain('“+ assumptions”: the 95 % interval with the uncertainty of the assumed parameters added');
    expect(table.match(/\+ assumptions /g)).toHaveLength(1);
    expect(headlineCards(withTotal)).toContain('<div class="ci total">+ assumptions 6.9 to 42.8</div>');
    expect(headlineTable([{ title: 'a', metrics: plain }])).not.toContain('assumptions');
    expect(headlineCards(plain)).not.toContain('assumptions');
  });

  it("a design's or level's cell in the key-numbers tables gains the interval too; a difference's cell does not (it has a table of its own)", () => {
    const s = { mean: 24.9, ci95: [7.3, 42.4] as const, ci95Total: [6.9, 42.8] as const };
    expect(metricCell('waitDays', s)).toContain('<span class="ci total">+ assumptions 6.9 – 42.8</span>');
    expect(metricCell('waitDays', s, true)).not.toContain('assumptions');
    expect(metricCell('waitDays', { mean: 24.9, ci95: [7.3, 42.4] })).not.toContain('assumptions');
    // An end that could not be estimated (null in the JSON) shows no half interval.
    expect(metricCell('waitDays', { ...s, ci95Total: [null, 42.8] })).not.toContain('assumptions');
    expect(headlineCards({ waitDays: { mean: 24.9, ci95: [7.3, 42.4], ci95Total: [null, null] } })).not.toContain('assumptions');
  });
});
