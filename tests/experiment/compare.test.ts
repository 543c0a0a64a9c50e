import { describe, it, expect } from 'vitest';
import { compareDesigns, verdict, pairedDifference } from '../../src/experiment/compare.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';
import { scenario } from '../helpers.js';

const open = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] }, policy: { sessionCap: 'open' } });
const capped = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 40 }] }, policy: { sessionCap: 4 } });
const settings = runSettings(open, { replications: 20 });

describe('compare', () => {
  const c = compareDesigns([{ name: 'open', scenario: open }, { name: 'capped', scenario: capped }], settings);

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
    expect(d.metrics.waitDays.ci95[1]).toBeLessThan(0);
    expect(d.metrics.waitDays.verdict).toBe('better');
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
  it('needs an interval that excludes zero', () => {
    expect(verdict('waitDays', [-1, 1])).toBe('no detectable difference');
    expect(verdict('waitDays', [-2, -1])).toBe('better');
    expect(verdict('waitDays', [1, 2])).toBe('worse');
    expect(verdict('caseloadPerWorker', [1, 2])).toBe('higher');
    expect(verdict('caseloadPerWorker', [-2, -1])).toBe('lower');
  });
});
