import { describe, it, expect } from 'vitest';
import {
  compareDesigns,
  compareResults,
  defaultThreshold,
  parseThresholds,
  verdict,
  pairedDifference,
  thresholdValue,
  VERDICTS,
} from '../../src/experiment/compare.js';
import { comparisonTables } from '../../src/report/compare-table.js';
import { METRIC_IDS } from '../../src/model/index.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { scenario } from '../helpers.js';

const open = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] }, policy: { sessionCap: 'open' } });
const capped = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] }, policy: { sessionCap: 4 } });
const settings = runSettings(open, { replications: 20 });

describe('compare', () => {
  const c = compareDesigns(
    [
      { name: 'open', scenario: open },
      { name: 'capped', scenario: capped },
    ],
    settings,
  );

  it('runs every design on the same patients (common random numbers)', () => {
    const [a, b] = c.designs;
    a.results.replications.forEach((r, i) => expect(b.results.replications[i].weekly.series.referrals).toEqual(r.weekly.series.referrals));
  });

  it('reports each design against the first with a paired interval and a verdict', () => {
    expect(c.differences).toHaveLength(1);
    const d = c.differences[0];
    expect(d).toMatchObject({ scenario: 'capped', versus: 'open' });
    expect(d.metrics.unmetNeedShare.verdict).toBe('worse');
    expect(d.metrics.sessionsPerPatient.verdict).toBe('lower');
    expect(d.metrics.referralsPerMonth.verdict).toBe('no detectable difference');
    expect(d.metrics.overloadIndex.verdict).toBe('better');
    // Waits are short in both (about a day and a half): capped is detectably but not meaningfully shorter.
    expect(d.metrics.waitDays.ci95[1]).toBeLessThan(0);
    expect(Math.abs(d.metrics.waitDays.mean)).toBeLessThan(d.metrics.waitDays.threshold);
    expect(d.metrics.waitDays.verdict).toBe('no meaningful difference');
  });

  it('pairing narrows the interval of a difference compared with independent seeds', () => {
    const independent = runScenario(capped, { ...settings, seed: settings.seed + 1000 });
    const base = c.designs[0].results;
    for (const id of ['caseloadPerWorker', 'waitingList', 'overloadIndex'] as const) {
      const paired = pairedDifference(base, c.designs[1].results, id);
      const unpaired = pairedDifference(base, independent, id);
      const width = (s: { ci95: [number, number] }) => s.ci95[1] - s.ci95[0];
      expect(width(paired), id).toBeLessThan(width(unpaired));
    }
  });
});

describe('verdicts', () => {
  const d = (mean: number, lo: number, hi: number) => ({ mean, ci95: [lo, hi] as [number, number] });
  it('need an interval that excludes zero and a difference that reaches the threshold', () => {
    expect(verdict('waitDays', d(0, -1, 1), 1)).toBe('no detectable difference');
    expect(verdict('waitDays', d(-1.5, -2, -1), 1)).toBe('better');
    expect(verdict('waitDays', d(1.5, 1, 2), 1)).toBe('worse');
    expect(verdict('waitDays', d(0.5, 0.2, 0.8), 1)).toBe('no meaningful difference');
    expect(verdict('waitDays', d(-0.5, -0.8, -0.2), 1)).toBe('no meaningful difference');
    expect(verdict('caseloadPerWorker', d(1.5, 1, 2), 1)).toBe('higher');
    expect(verdict('caseloadPerWorker', d(-1.5, -2, -1), 1)).toBe('lower');
    expect(verdict('caseloadPerWorker', d(-0.5, -0.6, -0.4), 1)).toBe('no meaningful difference');
    expect(verdict('needMetShare', d(0.03, 0.01, 0.05), 0.02)).toBe('better');
    expect(verdict('needMetShare', d(0.01, 0.005, 0.015), 0.02)).toBe('no meaningful difference');
    // No interval (one replication): nothing is detectable.
    expect(verdict('waitDays', d(-5, NaN, NaN), 1)).toBe('no detectable difference');
    expect(VERDICTS).toHaveLength(6);
  });

  it('have documented default thresholds by unit, and 5 % of the baseline for the rest', () => {
    expect(defaultThreshold('waitDays')).toEqual({ absolute: 1 });
    expect(defaultThreshold('waitingList')).toEqual({ absolute: 1 });
    expect(defaultThreshold('caseloadPerWorker')).toEqual({ absolute: 1 });
    expect(defaultThreshold('overloadIndex')).toEqual({ absolute: 0.05 });
    expect(defaultThreshold('needMetShare')).toEqual({ absolute: 0.02 });
    expect(defaultThreshold('stress')).toEqual({ absolute: 0.02 });
    expect(defaultThreshold('turnoverPerYear')).toEqual({ relative: 0.05 });
    for (const id of METRIC_IDS) expect(defaultThreshold(id), id).toBeDefined();
    expect(thresholdValue({ relative: 0.05 }, -40)).toBeCloseTo(2, 12);
    expect(thresholdValue({ relative: 0.05 }, 0, 10)).toBeCloseTo(0.5, 12);
    expect(thresholdValue({ absolute: 3 }, 100)).toBe(3);
  });

  it('parse --threshold values in the unit or as a percentage of the baseline, and refuse the rest', () => {
    expect(parseThresholds(['waitDays=2', 'turnoverPerYear=10%', 'overloadIndex = 0.1'])).toEqual({
      thresholds: { waitDays: { absolute: 2 }, turnoverPerYear: { relative: 0.1 }, overloadIndex: { absolute: 0.1 } },
      problems: [],
    });
    const bad = parseThresholds(['waitDay=2', 'waitDays=-1', 'waitDays', 'waitDays=two']);
    expect(bad.thresholds).toEqual({});
    expect(bad.problems).toHaveLength(4);
    expect(bad.problems[0]).toMatch(/no metric "waitDay"/);
    expect(bad.problems[1]).toMatch(/metric=value/);
  });
});

describe('verdicts on real runs', () => {
  const c = compareDesigns(
    [
      { name: 'open', scenario: open },
      { name: 'capped', scenario: capped },
    ],
    settings,
  );
  const diff = c.differences[0].metrics;

  it('agree with the rule for every metric, with the threshold in the JSON', () => {
    for (const id of METRIC_IDS) {
      const m = diff[id];
      const base = c.designs[0].results.metrics[id].mean;
      const t = thresholdValue(c.thresholds[id], base, c.designs[1].results.metrics[id].mean);
      expect(m.threshold, id).toBe(t);
      expect(m.verdict, id).toBe(verdict(id, m, t));
    }
  });

  it('a threshold given overrides the default and can turn a verdict into "no meaningful difference"', () => {
    const id = 'overloadIndex';
    expect(diff[id].verdict).toBe('better');
    // Just above the size of the difference: detectable, but no longer meaningful.
    const above = Math.abs(diff[id].mean) * 1.01;
    const strict = compareResults(c.designs, settings, { [id]: { absolute: above } });
    expect(strict.differences[0].metrics[id]).toMatchObject({ verdict: 'no meaningful difference', threshold: above, mean: diff[id].mean });
    expect(strict.thresholds[id]).toEqual({ absolute: above });
    // Other metrics keep their default verdicts.
    expect(strict.differences[0].metrics.unmetNeedShare.verdict).toBe(diff.unmetNeedShare.verdict);
  });

  it('the terminal table shows the threshold and the verdict words with their meaning', () => {
    const text = comparisonTables(c);
    expect(text).toMatch(/threshold\s+verdict/);
    expect(text).toContain('no meaningful difference: the interval excludes 0 but the difference is below the threshold');
  });
});
