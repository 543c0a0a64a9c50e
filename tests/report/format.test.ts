/** The one number format (src/report/format.ts): precision and symbols by the metric's unit. */
import { describe, it, expect } from 'vitest';
import { METRICS } from '../../src/model/metrics.js';
import {
  displayUnit,
  formatEstimate,
  formatInterval,
  formatThreshold,
  formatValue,
  groupThousands,
  labelWithUnit,
  thresholdDecimals,
} from '../../src/report/format.js';

describe('formatValue by unit', () => {
  it('days to 1 decimal, shares as whole per cent, pounds to the pound', () => {
    expect(formatValue('waitDays', 29.2149)).toBe('29.2');
    expect(formatValue('waitDays', 0.04)).toBe('0.0');
    expect(formatValue('unmetNeedShare', 0.2149)).toBe('21 %');
    expect(formatValue('unmetNeedShare', 0.2151)).toBe('22 %');
    expect(formatValue('costPerYear', 41213.1)).toBe('£41,213');
    expect(formatValue('costPerNeedMet', 241.5)).toBe('£242');
    expect(formatValue('costPerYear', 1234567.49)).toBe('£1,234,567');
  });

  it('ratios and 0–1 scores to 2 decimals, sessions to 2, counts per year whole', () => {
    expect(formatValue('overloadIndex', 1.8149)).toBe('1.81');
    expect(formatValue('stress', 0.456)).toBe('0.46');
    expect(formatValue('sessionsPerPatient', 3.544)).toBe('3.54');
    expect(formatValue('needsMetPerYear', 177.4)).toBe('177');
    expect(formatValue('newPatientsPerWteYear', 1214.4)).toBe('1,214');
    expect(formatValue('waitingList', 2.26)).toBe('2.3');
  });

  it('differences carry a sign, shares in percentage points with 1 decimal, pounds with the sign first', () => {
    expect(formatValue('waitDays', -14.23, { difference: true })).toBe('−14.2');
    expect(formatValue('waitDays', 14.23, { difference: true })).toBe('+14.2');
    expect(formatValue('waitDays', 0.01, { difference: true })).toBe('0.0');
    expect(formatValue('unmetNeedShare', 0.1912, { difference: true })).toBe('+19.1 pp');
    expect(formatValue('costPerYear', -21980.4, { difference: true })).toBe('−£21,980');
    expect(formatValue('costPerYear', 21980.4, { difference: true })).toBe('+£21,980');
  });

  it('not a number prints as a dash; unknown ids fall back to three significant figures', () => {
    expect(formatValue('waitDays', NaN)).toBe('–');
    expect(formatValue('costPerYear', Infinity)).toBe('–');
    expect(formatValue('somethingElse', 0.012345)).toBe('0.012');
    expect(formatValue('somethingElse', 123.456)).toBe('123');
  });

  it('every metric has a rule for its unit (no metric falls back)', () => {
    const ruled = new Set([
      'share',
      'GBP',
      'days',
      'patients',
      'per month',
      'h per post-week',
      'days per post-year',
      'sessions',
      'ratio',
      '0–1',
      'leavers per post-year',
      'people per year',
      'per year',
    ]);
    for (const m of METRICS) expect(ruled.has(m.unit), `${m.id} (${m.unit})`).toBe(true);
  });
});

describe('intervals, estimates, thresholds and labels', () => {
  it('an interval names the unit once', () => {
    expect(formatInterval('unmetNeedShare', [0.2, 0.234])).toBe('20 to 23 %');
    expect(formatInterval('waitDays', [11.72, 16.81])).toBe('11.7 to 16.8');
    expect(formatInterval('costPerNeedMet', [480.2, 719.6])).toBe('£480 to £720');
    expect(formatInterval('waitDays', [1, 2], { joiner: ' – ' })).toBe('1.0 – 2.0');
    expect(formatInterval('waitDays', [NaN, 2])).toBe('–');
    expect(formatInterval('waitDays', [null, null])).toBe('–');
  });

  it('an estimate is the value with its interval; an interval of no width is left out', () => {
    expect(formatEstimate('unmetNeedShare', { mean: 0.22, ci95: [0.2, 0.23] })).toBe('22 % (20 to 23 %)');
    expect(formatEstimate('waitDays', { mean: -14.2, ci95: [-16.8, -11.7] }, { difference: true })).toBe('−14.2 (−16.8 to −11.7)');
    expect(formatEstimate('costPerYear', { mean: 41213.1, ci95: [41213.1, 41213.1] })).toBe('£41,213');
    expect(formatEstimate('waitDays', { mean: null, ci95: [null, null] })).toBe('–');
  });

  it('thresholds read as a difference either way', () => {
    expect(formatThreshold('waitDays', 1)).toBe('±1.0');
    expect(formatThreshold('needMetShare', 0.02)).toBe('±2.0 pp');
    expect(formatThreshold('costPerYear', 2060.66)).toBe('±£2,061');
  });

  it('labels carry the unit unless the values do (% and £)', () => {
    expect(labelWithUnit('waitDays')).toBe('Wait for first appointment (days)');
    expect(labelWithUnit('needMetShare')).toBe('Share of episodes with need met');
    expect(labelWithUnit('costPerYear')).toBe('Cost a year');
    expect(displayUnit('overloadIndex')).toBe('ratio');
    expect(groupThousands('1234567.5')).toBe('1,234,567.5');
    expect(groupThousands('999')).toBe('999');
  });
});

describe('an interval of some width never prints as one of none', () => {
  it('a one-sided bound of 0.04 % beside a share of 0 shows its end (0.00 to 0.04 %), not "0 to 0 %"', () => {
    expect(formatInterval('unmetNeedShare', [0, 0.0004])).toBe('0.00 to 0.04 %');
    expect(formatInterval('turnoverPerYear', [0, 0.003], { joiner: ', ' })).toBe('0.000, 0.003');
    // A one-sided interval (every replication at the bound) reads as the limit it is.
    expect(formatInterval('unmetNeedShare', [0, 0.0004], { oneSided: true })).toBe('≤ 0.04 %');
    expect(formatInterval('seenWithin28DaysShare', [0.99, 1], { oneSided: true })).toBe('≥ 99 %');
    expect(formatInterval('turnoverPerYear', [0, 0.3], { oneSided: true })).toBe('≤ 0.30');
    // An interval of no width stays as it is.
    expect(formatInterval('unmetNeedShare', [0.2, 0.2])).toBe('20 to 20 %');
  });
});

describe('thresholdDecimals', () => {
  it('adds decimals until the threshold shows two digits, so a verdict never contradicts what is printed', () => {
    // h per post-week has 1 decimal: ±0.067 would print as ±0.1 beside a +0.1 [0.0, +0.1] "higher".
    expect(thresholdDecimals('networkingHoursPerWorkerWeek', 0.067)).toBe(2);
    expect(formatThreshold('networkingHoursPerWorkerWeek', 0.067)).toBe('±0.067');
    expect(formatValue('networkingHoursPerWorkerWeek', 0.094, { difference: true, extraDecimals: 2 })).toBe('+0.094');
    // Thresholds already shown with two digits get nothing extra.
    expect(thresholdDecimals('waitDays', 1)).toBe(0);
    expect(thresholdDecimals('unmetNeedShare', 0.02)).toBe(0); // 2.0 pp
    expect(thresholdDecimals('costPerNeedMet', 12)).toBe(0);
    expect(thresholdDecimals('overloadIndex', 0.05)).toBe(1); // 0.05 → 0.050
  });
});
