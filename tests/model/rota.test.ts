import { describe, it, expect } from 'vitest';
import { buildWeekPlan, leaveWeeks, RotaError } from '../../src/model/rota.js';
import { DAY, HOUR, WEEK } from '../../src/model/time.js';

describe('week plans', () => {
  it('the standard rota is 37.5 hours, Monday to Friday, with lunch', () => {
    const plan = buildWeekPlan('standard', 0, 0);
    expect(plan.contractedMinutes).toBe(37.5 * HOUR);
    expect(plan.blocks).toHaveLength(10);
    expect(plan.blocks[0]).toEqual({ start: 9 * HOUR, end: 12.5 * HOUR, activity: 'patients' });
    expect(plan.blocks[9].end).toBe(4 * DAY + 17 * HOUR);
  });

  it('carves protected networking from the end of the week without changing contracted hours', () => {
    const plan = buildWeekPlan('standard', 5, 0);
    expect(plan.minutes.networking).toBe(5 * HOUR);
    expect(plan.minutes.patients).toBe(32.5 * HOUR);
    expect(plan.contractedMinutes).toBe(37.5 * HOUR);
    const net = plan.blocks.filter((b) => b.activity === 'networking');
    // Friday 13:00–17:00 whole, then the last hour of Friday morning.
    expect(net).toEqual([
      { start: 4 * DAY + 11.5 * HOUR, end: 4 * DAY + 12.5 * HOUR, activity: 'networking' },
      { start: 4 * DAY + 13 * HOUR, end: 4 * DAY + 17 * HOUR, activity: 'networking' },
    ]);
  });

  it('carves other duties after networking', () => {
    const plan = buildWeekPlan('standard', 4, 3.5);
    expect(plan.minutes).toEqual({ patients: 30 * HOUR, networking: 4 * HOUR, other: 3.5 * HOUR });
    expect(plan.blocks.find((b) => b.activity === 'other')!.start).toBe(4 * DAY + 9 * HOUR);
  });

  it('takes custom blocks, with explicit networking blocks', () => {
    const plan = buildWeekPlan(
      [
        { days: ['tue', 'thu'], from: '10:00', to: '16:00', activity: 'patients' },
        { days: ['wed'], from: '09:00', to: '12:00', activity: 'networking' },
      ],
      0,
      0,
    );
    expect(plan.minutes).toEqual({ patients: 12 * HOUR, networking: 3 * HOUR, other: 0 });
    expect(plan.blocks.map((b) => b.start)).toEqual([1 * DAY + 10 * HOUR, 2 * DAY + 9 * HOUR, 3 * DAY + 10 * HOUR]);
  });

  it('rejects overlapping blocks and impossible carving', () => {
    expect(() =>
      buildWeekPlan(
        [
          { days: ['mon'], from: '09:00', to: '12:00', activity: 'patients' },
          { days: ['mon'], from: '11:00', to: '13:00', activity: 'patients' },
        ],
        0,
        0,
      ),
    ).toThrow(RotaError);
    expect(() => buildWeekPlan('standard', 40, 0)).toThrow(/not enough patient time/);
    expect(() => buildWeekPlan('always', 1, 0)).toThrow(RotaError);
  });

  it('the always rota is available around the clock', () => {
    const plan = buildWeekPlan('always', 0, 0);
    expect(plan.always).toBe(true);
    expect(plan.contractedMinutes).toBe(WEEK);
  });
});

describe('annual leave', () => {
  it('turns leave days into whole weeks, spread through the year and staggered between workers', () => {
    const plan = buildWeekPlan('standard', 0, 0);
    const a = leaveWeeks(plan, 35, 0, 2);
    const b = leaveWeeks(plan, 35, 1, 2);
    expect(a.reduce((s, x) => s + x, 0)).toBe(7);
    expect(b.reduce((s, x) => s + x, 0)).toBe(7);
    for (let w = 0; w < 52; w++) expect(a[w] && b[w]).toBeFalsy(); // never both away
    const weeksA = [...a.keys()].filter((w) => a[w]);
    const gaps = weeksA.slice(1).map((w, i) => w - weeksA[i]);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1);
  });

  it('no leave means no leave weeks', () => {
    expect(leaveWeeks(buildWeekPlan('standard', 0, 0), 0, 0, 1).every((x) => x === 0)).toBe(true);
  });
});
