import { describe, it, expect } from 'vitest';
import { ReferralProcess } from '../../src/model/referrals.js';
import { createStream } from '../../src/random/index.js';
import { MONTH } from '../../src/model/time.js';

/** Count arrivals per month over `months` months. */
function countByMonth(p: ReferralProcess, months: number): number[] {
  const counts = new Array(months).fill(0);
  const horizon = months * MONTH;
  for (let t = p.next(horizon); t < horizon; t = p.next(horizon)) counts[Math.floor(t / MONTH)]++;
  return counts;
}

describe('referral process', () => {
  it('produces Poisson counts: mean and variance both equal the monthly rate', () => {
    const counts = countByMonth(new ReferralProcess(20, new Array(12).fill(1), 0, createStream(1, 0, 'r')), 2400);
    const n = counts.length;
    const m = counts.reduce((a, b) => a + b) / n;
    const v = counts.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
    // SE of the mean is sqrt(20/n); of the variance about sqrt(2·20²/n) for a near-normal count.
    expect(Math.abs(m - 20)).toBeLessThan(4 * Math.sqrt(20 / n));
    expect(Math.abs(v - 20)).toBeLessThan(4 * Math.sqrt((2 * 400 + 20) / n));
  });

  it('applies month-of-year multipliers', () => {
    const mult = [2, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1];
    const counts = countByMonth(new ReferralProcess(10, mult, 0, createStream(2, 0, 'r')), 12 * 200);
    const jan = counts.filter((_, k) => k % 12 === 0);
    const jul = counts.filter((_, k) => k % 12 === 6);
    const janMean = jan.reduce((a, b) => a + b) / jan.length;
    expect(Math.abs(janMean - 20)).toBeLessThan(4 * Math.sqrt(20 / jan.length));
    expect(jul.every((c) => c === 0)).toBe(true);
  });

  it('compounds annual growth', () => {
    const counts = countByMonth(new ReferralProcess(50, new Array(12).fill(1), 0.5, createStream(3, 0, 'r')), 36);
    const year = (y: number) => counts.slice(12 * y, 12 * y + 12).reduce((a, b) => a + b);
    // Expected totals: 50·Σ_k 1.5^(k/12) over each year ≈ 733, 1100, 1650; Poisson SD ≈ 27–41.
    const expected = (y: number) => Array.from({ length: 12 }, (_, k) => 50 * 1.5 ** ((12 * y + k) / 12)).reduce((a, b) => a + b);
    for (const y of [0, 1, 2]) expect(Math.abs(year(y) - expected(y))).toBeLessThan(4 * Math.sqrt(expected(y)));
  });

  it('a busier design sees the same referrals, earlier (common random numbers)', () => {
    const quiet: number[] = [];
    const busy: number[] = [];
    const q = new ReferralProcess(10, new Array(12).fill(1), 0, createStream(4, 0, 'r'));
    const b = new ReferralProcess(20, new Array(12).fill(1), 0, createStream(4, 0, 'r'));
    for (let t = q.next(1e6); t < 1e6; t = q.next(1e6)) quiet.push(t);
    for (let t = b.next(1e6); t < 1e6; t = b.next(1e6)) busy.push(t);
    // With a constant rate the busy process is the quiet one run at double speed.
    expect(busy.length).toBeGreaterThan(quiet.length);
    quiet.slice(0, 10).forEach((t, i) => expect(busy[i]).toBeCloseTo(t / 2, 6));
  });

  it('never arrives when the rate is zero', () => {
    expect(new ReferralProcess(0, new Array(12).fill(1), 0, createStream(5, 0, 'r')).next(1e9)).toBe(Infinity);
  });
});
