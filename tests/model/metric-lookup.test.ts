/**
 * Metric ids typed by a user are data, never object keys (#26 §2): `--threshold constructor=1`
 * or `toString=5%` is "no metric", not a threshold on Object.prototype's members.
 */
import { describe, expect, it } from 'vitest';
import { parseThresholds } from '../../src/experiment/compare.js';
import { METRIC_BY_ID, METRIC_IDS } from '../../src/model/metrics.js';

const PROTOTYPE_NAMES = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', '__proto__'];

describe('metric lookup by a name the user typed', () => {
  it('finds the metrics and nothing of Object.prototype', () => {
    for (const id of METRIC_IDS) expect(METRIC_BY_ID[id].id).toBe(id);
    for (const name of PROTOTYPE_NAMES) expect((METRIC_BY_ID as Record<string, unknown>)[name]).toBeUndefined();
  });

  it('--threshold with a name of Object.prototype is "no metric", naming it', () => {
    for (const name of PROTOTYPE_NAMES.filter((n) => /^[A-Za-z0-9]+$/.test(n))) {
      const { thresholds, problems } = parseThresholds([`${name}=1`, 'waitDays=2']);
      expect(Object.keys(thresholds)).toEqual(['waitDays']);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`no metric "${name}"`);
    }
  });
});
