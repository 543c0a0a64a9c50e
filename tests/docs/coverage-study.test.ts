/**
 * Intervals that cover what they claim (issue 19): the coverage study of src/docs/coverage-study.ts,
 * on a skewed case (the default scenario, whose replications are skewed by vacancies) and on a
 * known-truth case (exponential waits, a quarter of replications at half the rate). Its table is
 * in docs/model.md §9 (tests/docs/numbers.test.ts keeps it current).
 *
 * The claim checked: every interval covers at least 90 % (docs/model.md §9 says which fall short
 * of 95 % and why), and never worse than the previous method's; each within three binomial
 * standard errors of the study's trials.
 */
import { describe, expect, it } from 'vitest';
import { COVERAGE_STUDY, coverageStudy } from '../../src/docs/coverage-study.js';

const se = (p: number) => Math.sqrt((p * (1 - p)) / COVERAGE_STUDY.trials);

describe('the coverage of 95 % intervals', () => {
  const rows = coverageStudy();

  it('covers at least 90 % for every metric, replication count and case of the study', () => {
    for (const r of rows) expect(r.after, `${r.case} ${r.metric} at ${r.replications}`).toBeGreaterThanOrEqual(0.9 - 3 * se(0.9));
  });

  it('covers at least as often as the previous method (mean with a log/logit t-interval) wherever it was measured', () => {
    for (const r of rows.filter((x) => Number.isFinite(x.before)))
      expect(r.after, `${r.case} ${r.metric} at ${r.replications}`).toBeGreaterThanOrEqual(r.before - 3 * se(r.before));
  });

  it('covers the mean wait and the waiting list of the skewed default scenario within 3 standard errors of 95 % at 20 replications', () => {
    for (const r of rows.filter((x) => x.case === 'default scenario' && x.replications === 20 && (x.metric === 'waitDays' || x.metric === 'waitingList')))
      expect(r.after, r.metric).toBeGreaterThanOrEqual(0.95 - 3 * se(0.95));
  });
});
