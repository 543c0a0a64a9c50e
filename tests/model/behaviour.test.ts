/**
 * The model's behaviour as a specification. Comparisons run both designs on the same seed
 * (common random numbers) and judge the *paired* per-replication differences: the claim
 * holds when the 95 % t-interval of the mean difference lies entirely on the expected side.
 */
import { describe, it, expect } from 'vitest';
import { scenario, run } from '../helpers.js';
import { summarise } from '../../src/experiment/summary.js';
import jstatPkg from 'jstat';

const { jStat } = jstatPkg as { jStat: { centralF: { inv(p: number, d1: number, d2: number): number } } };
import type { MetricId } from '../../src/model/index.js';
import type { ScenarioResults } from '../../src/experiment/replications.js';

function pairedDifference(a: ScenarioResults, b: ScenarioResults, id: MetricId) {
  return summarise(a.replications.map((r, i) => b.replications[i].metrics[id] - r.metrics[id]));
}

function expectIncrease(a: ScenarioResults, b: ScenarioResults, id: MetricId) {
  const d = pairedDifference(a, b, id);
  expect(d.n).toBe(a.replications.length);
  expect(d.ci95[0], `${id}: b − a = ${d.mean} [${d.ci95}]`).toBeGreaterThan(0);
}

const busy = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 45 }] }, workers: [{ count: 2 }] });

describe('staffing', () => {
  it('more link workers give shorter waits and smaller caseloads per worker', () => {
    const three = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 45 }] }, workers: [{ count: 3 }] });
    const a = run(three);
    const b = run(busy);
    expectIncrease(a, b, 'waitDays');
    expectIncrease(a, b, 'caseloadPerWorker');
    expectIncrease(a, b, 'overloadIndex');
  });
});

describe('session cap', () => {
  it('a lower cap gives fewer sessions per patient and more unmet need', () => {
    const cap8 = run(scenario({ policy: { sessionCap: 8 } }));
    const cap3 = run(scenario({ policy: { sessionCap: 3 } }));
    expectIncrease(cap3, cap8, 'sessionsPerPatient');
    expectIncrease(cap8, cap3, 'unmetNeedShare');
  });

  it('no patient attends more sessions than the cap', () => {
    const res = run(scenario({ policy: { sessionCap: 2 } }));
    for (const r of res.replications) expect(r.metrics.sessionsPerPatient).toBeLessThanOrEqual(2);
  });

  it('an open cap discharges nobody with unmet need', () => {
    const res = run(scenario({ policy: { sessionCap: 'open' } }));
    for (const r of res.replications) expect(r.metrics.unmetNeedShare).toBe(0);
  });
});

describe('demand and overload', () => {
  it('a higher referral rate raises the overload index and the share of overstretched weeks', () => {
    const low = run(scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 20 }] } }));
    const high = run(scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 60 }] } }));
    expectIncrease(low, high, 'overloadIndex');
    expectIncrease(low, high, 'overstretchedWeekShare');
    expectIncrease(low, high, 'waitingList');
  });

  it('overload exceeds 1 when referrals outstrip capacity, while utilisation cannot', () => {
    const res = run(scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 150 }] } }));
    const overload = summarise(res.replications.map((r) => r.metrics.overloadIndex));
    const util = summarise(res.replications.map((r) => r.metrics.utilisation));
    expect(overload.ci95[0]).toBeGreaterThan(1);
    expect(util.ci95[1]).toBeLessThanOrEqual(1);
  });

  it('in a lightly loaded always-open service the overload index equals the offered load', () => {
    // No backlog, no fixed duties: work due per week ≈ referrals × session minutes ≈ offered load,
    // and utilisation measures the same quantity from the work actually done.
    const s = scenario({
      referrals: { practices: [{ name: 'A', referralsPerMonth: 100 }] },
      workers: [{ count: 2, rota: 'always', networkingHoursPerWeek: 0, annualLeaveDays: 0, adminMinutesPerSession: 0 }],
      patients: { sessionsNeeded: 1, firstSessionMinutes: 60, didNotAttend: 0, patienceDays: 'open' },
    });
    const res = run(s);
    const offered = ((100 / (365.25 / 12) / 1440) * 60) / 2; // referrals per minute × minutes each ÷ workers
    const overload = summarise(res.replications.map((r) => r.metrics.overloadIndex));
    const util = summarise(res.replications.map((r) => r.metrics.utilisation));
    expect(offered).toBeGreaterThan(overload.ci95[0] - 0.002); // tiny backlog term allowed above
    expect(overload.ci95[0]).toBeLessThan(offered + 0.002);
    expect(util.ci95[0]).toBeLessThan(offered);
    expect(util.ci95[1]).toBeGreaterThan(offered);
  });

  it('protected networking is spent whatever the demand, as contracted', () => {
    // Window: day 91 (a Monday) to day 730.5 (a Wednesday noon): 91 Friday-afternoon networking
    // blocks of 5 h in 639.5/7 weeks.
    const res = run(
      scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 120 }] }, workers: [{ count: 2, networkingHoursPerWeek: 5, annualLeaveDays: 0 }] }),
    );
    const expected = (91 * 5) / (639.5 / 7);
    for (const r of res.replications) expect(r.metrics.networkingHoursPerWorkerWeek).toBeCloseTo(expected, 9);
  });
});

describe('conservation', () => {
  it('every patient ends exactly once: dropped out, discharged, or still in the system', () => {
    const res = run(scenario({ initialState: { caseloadPerWorker: 5, waitingList: 7 }, policy: { maxCaseload: 25 } }));
    for (const r of res.replications) {
      const d = r.diagnostics;
      // With the version-1 mechanisms every release is a drop-out or a discharge…
      expect(d.released).toBe(d.droppedOutTotal - (d.live - d.waitingAtEnd - d.activeAtEnd) + d.discharges);
      // …and every patient created is either released or still in the system.
      expect(d.created).toBe(d.released + d.live);
      expect(d.created).toBeGreaterThan(0);
    }
  });

  it('a maximum caseload is never exceeded', () => {
    const res = run(scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 80 }] }, policy: { maxCaseload: 12, sessionCap: 'open' } }));
    for (const r of res.replications) {
      for (const v of r.weekly.series.caseloadPerWorker) expect(v).toBeLessThanOrEqual(12 + 1e-9);
    }
  });
});

describe('common random numbers', () => {
  it('two designs that differ only in policy see the same referrals', () => {
    const a = run(scenario({ policy: { sessionCap: 3 } }));
    const b = run(scenario({ policy: { sessionCap: 'open' } }));
    a.replications.forEach((r, i) => {
      expect(r.weekly.series.referrals).toEqual(b.replications[i].weekly.series.referrals);
    });
  });

  it('pairing narrows the interval of a difference compared with independent seeds', () => {
    const cap3 = scenario({ policy: { sessionCap: 3 } });
    const cap6 = scenario({ policy: { sessionCap: 6 } });
    const a = run(cap3, { replications: 20 });
    const paired = run(cap6, { replications: 20 });
    const independent = run(cap6, { replications: 20, seed: 999 });
    const sdPaired = pairedDifference(a, paired, 'caseloadPerWorker').sd;
    const sdIndependent = pairedDifference(a, independent, 'caseloadPerWorker').sd;
    // One-sided F-test at 5 %: the variance of the paired differences is smaller.
    const fCritical = jStat.centralF.inv(0.95, 19, 19);
    expect((sdIndependent / sdPaired) ** 2).toBeGreaterThan(fCritical);
  });
});
