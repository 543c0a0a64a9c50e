/**
 * The seven sites against the paper's published figures (../shared/domain/calibration.md), each at
 * its own settings, seed and replications. Tolerances come from the intervals: the model's 95 %
 * interval over replications, or the paper's interval for its own estimate.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runScenario, runSettings, type ScenarioResults } from '../../src/experiment/replications.js';
import { summarise } from '../../src/experiment/summary.js';
import type { MetricId } from '../../src/model/index.js';

import { TABLE5_REFERRALS as TABLE5 } from '../../src/scenario/paper-figures.js';

const results = new Map<number, ScenarioResults>();
function site(n: number): ScenarioResults {
  if (!results.has(n)) {
    const { scenario } = loadScenarioFile(`scenarios/site-${n}.yaml`);
    results.set(n, runScenario(scenario, runSettings(scenario, {})));
  }
  return results.get(n)!;
}
const metric = (n: number, id: MetricId) => summarise(site(n).replications.map((r) => r.metrics[id]));

describe('calibration to the paper', () => {
  for (const [n, target] of Object.entries(TABLE5)) {
    it(`site ${n}: the referrals its link worker receives (all routes and re-referrals) match Table 5's ${target} a month within the 95 % interval`, () => {
      const s = metric(Number(n), 'referralsPerMonth');
      expect(s.ci95[0]).toBeLessThanOrEqual(target);
      expect(s.ci95[1]).toBeGreaterThanOrEqual(target);
    });
  }

  it("pooled over the seven sites, attended sessions per discharged patient lie within the 95 % interval of the paper's 4.1 contacts (SD 4.9, n ≈ 61, Table 4)", () => {
    const pooled = [1, 2, 3, 4, 5, 6, 7].map((n) => metric(n, 'sessionsPerPatient').mean).reduce((a, b) => a + b, 0) / 7;
    const half = (1.96 * 4.9) / Math.sqrt(61);
    expect(pooled).toBeGreaterThan(4.1 - half);
    expect(pooled).toBeLessThan(4.1 + half);
  });

  it('pooled over the seven sites, new patients per WTE-year land in the 160–250 of published caseloads (HEE planning norm; observed ≈ 160)', () => {
    const pooled = [1, 2, 3, 4, 5, 6, 7].map((n) => metric(n, 'newPatientsPerWteYear').mean).reduce((a, b) => a + b, 0) / 7;
    expect(pooled).toBeGreaterThanOrEqual(160);
    expect(pooled).toBeLessThanOrEqual(250);
  });

  it('the stretched sites are the ones with open sessions and the most referrals (sites 4 and 6: overload above 1)', () => {
    for (const n of [4, 6]) expect(metric(n, 'overloadIndex').ci95[0]).toBeGreaterThan(1);
    for (const n of [1, 2, 3, 5, 7]) expect(metric(n, 'overloadIndex').ci95[1]).toBeLessThan(1);
  });
});
