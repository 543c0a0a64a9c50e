/**
 * Cost metrics (src/model/costs.ts) against hand calculation: salaries with on-costs pro rata to
 * rota hours, fixed costs, recruitment per leaver, and the per-patient and per-need ratios of
 * the same replication. Costs are computed after the run, so they change no other metric.
 */
import { describe, it, expect } from 'vitest';
import { costPlan, rotaHoursPerWeek, withCosts } from '../../src/model/costs.js';
import { runReplication } from '../../src/model/index.js';
import { scenario } from '../helpers.js';

describe('cost a year', () => {
  it('two full-time posts at the default pay: 2 × £32,324 × 1.275', () => {
    const s = scenario();
    const plan = costPlan(s);
    expect(plan.staffPerYear).toBeCloseTo(2 * 32_324 * 1.275, 6);
    expect(plan.posts).toBe(2);
    expect(plan.wte).toBe(2);
  });

  it('pay is pro rata to rota hours and fte; groups take their own pay by name; fixed costs add', () => {
    const s = scenario({
      workers: [
        { name: 'Senior', count: 1.5 },
        {
          name: 'Part',
          count: 1,
          rota: [
            { days: ['mon', 'tue'], from: '09:00', to: '17:00' },
            { days: ['wed'], from: '09:00', to: '13:00' },
          ],
        },
      ],
      workforce: { enabled: true, baseLeavingPerYear: 0.9 },
      costs: {
        salaryPerWteYear: 30_000,
        onCostRate: 0.25,
        groups: { Senior: { salaryPerWteYear: 36_483 } },
        fixedPerYear: { management: 5_000, premises: 2_000, training: 1_000 },
        recruitmentPerVacancy: 4_000,
      },
    });
    expect(rotaHoursPerWeek(s.workers[1].rota)).toBe(20);
    const plan = costPlan(s);
    // Senior: 1.5 WTE × £36,483 × 1.25; Part: 1 post × 20/37.5 × £30,000 × 1.25.
    expect(plan.staffPerYear).toBeCloseTo(1.5 * 36_483 * 1.25 + (20 / 37.5) * 30_000 * 1.25, 6);
    expect(plan.fixedPerYear).toBe(8_000);
    expect(plan.posts).toBe(3);
    // The WTE the costs pay is the WTE the metrics divide by (contracted hours / 37.5): 1.5 + 20/37.5.
    expect(plan.wte).toBeCloseTo(1.5 + 20 / 37.5, 12);
    const r = runReplication(s, 0);
    const leaversPerYear = r.metrics.turnoverPerYear * 3;
    expect(leaversPerYear).toBeGreaterThan(0); // so recruitment is counted
    expect(r.metrics.costPerYear).toBeCloseTo(plan.staffPerYear + 8_000 + 4_000 * leaversPerYear, 6);
    const seenPerYear = r.metrics.newPatientsPerWteYear * plan.wte;
    expect(r.metrics.costPerPatientSeen).toBeCloseTo(r.metrics.costPerYear / seenPerYear, 6);
    expect(r.metrics.costPerNeedMet).toBeCloseTo(r.metrics.costPerYear / r.metrics.needsMetPerYear, 6);
  });

  it('a denominator of 0 gives NaN, not Infinity', () => {
    const plan = { staffPerYear: 1000, fixedPerYear: 0, recruitmentPerVacancy: 0, posts: 1, wte: 1 };
    const m = withCosts({ newPatientsPerWteYear: 0, needsMetPerYear: 0, turnoverPerYear: 0 } as never, plan);
    expect(m.costPerYear).toBe(1000);
    expect(m.costPerPatientSeen).toBeNaN();
    expect(m.costPerNeedMet).toBeNaN();
  });

  it('costs change no other metric (they are computed after the run)', () => {
    const a = runReplication(scenario(), 0);
    const b = runReplication(scenario({ costs: { salaryPerWteYear: 99_000, recruitmentPerVacancy: 10_000, fixedPerYear: { premises: 1 } } }), 0);
    for (const id of Object.keys(a.metrics) as Array<keyof typeof a.metrics>) {
      if (id.startsWith('cost')) continue;
      expect(b.metrics[id], id).toBe(a.metrics[id]);
    }
    expect(b.metrics.costPerYear).toBeGreaterThan(a.metrics.costPerYear);
  });
});
