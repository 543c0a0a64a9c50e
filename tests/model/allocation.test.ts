/**
 * Allocation rules on small deterministic services (fixed durations, no randomness that
 * matters), so the expected counts can be worked out by hand.
 */
import { describe, it, expect } from 'vitest';
import { scenario, run } from '../helpers.js';
import { Priority } from '../../src/model/index.js';

describe('same-instant order', () => {
  it('is explicit: ends before starts, due follow-ups before new referrals, blocks open last', () => {
    expect(Priority.SessionEnd).toBeLessThan(Priority.WeekTick);
    expect(Priority.WeekTick).toBeLessThan(Priority.Patience);
    expect(Priority.Patience).toBeLessThan(Priority.FollowUpDue);
    expect(Priority.FollowUpDue).toBeLessThan(Priority.Referral);
    expect(Priority.Referral).toBeLessThan(Priority.BlockStart);
  });
});

describe('working blocks', () => {
  // One worker, Mon–Fri 09:00–12:00, sessions of exactly 60 minutes and no admin, a long
  // initial waiting list and no referrals: exactly three first appointments fit each day,
  // the third ending precisely at the block's end.
  const s = scenario({
    run: { years: 1, warmupDays: 0, replications: 1 },
    referrals: { practices: [{ name: 'none', referralsPerMonth: 0 }] },
    workers: [
      {
        count: 1,
        rota: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '12:00', activity: 'patients' }],
        networkingHoursPerWeek: 0,
        adminMinutesPerSession: 0,
        annualLeaveDays: 0,
      },
    ],
    patients: { sessionsNeeded: 1, firstSessionMinutes: 60, didNotAttend: 0, patienceDays: 'open' },
    policy: { sessionCap: 'open' },
    initialState: { waitingList: 2000 },
  });

  it('fills a block exactly when sessions fit, and never runs past its end', () => {
    const r = run(s).replications[0];
    // 365.25 days = 52 weeks + Monday + Tuesday until 06:00: 52 × 15 + 3 first appointments.
    expect(r.diagnostics.allocations).toBe(52 * 15 + 3);
    expect(r.metrics.utilisation).toBe(1);
  });

  it('leaves a block idle rather than start a session that would not fit', () => {
    const longer = { ...s, patients: { ...s.patients, firstSessionMinutes: 61 } };
    const r = run(longer).replications[0];
    expect(r.diagnostics.allocations).toBe(52 * 10 + 2); // two 61-minute sessions a morning
  });
});
