/** goldilocks fit as a library: fitActivityText (the package's `fitActivityText` export). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitActivityText } from '../../src/index.js';
import { parseScenarioText } from '../../src/scenario/parse.js';
import { InputError } from '../../src/scenario/errors.js';

const example = readFileSync(join(import.meta.dirname, '../../examples/activity-synthetic.csv'), 'utf8');

describe('fitActivityText', () => {
  it('returns the fitted scenario text, the estimates and, when asked, the back-test and its chart', () => {
    const doc = fitActivityText(example, { file: 'activity-synthetic.csv', at: '2024-04-01', backtest: 3 });
    const s = parseScenarioText(doc.scenario, 'fitted');
    expect(s.run.startDate).toBe('2024-04-01');
    expect(s.run.warmupDays).toBe(0);
    // Patients in the service on the start date become the initial state.
    expect(doc.fit.initialState.caseload).toBeGreaterThan(0);
    expect(s.initialState.caseloadPerWorker).toBe(Math.round(doc.fit.initialState.caseload / doc.fit.initialState.wte));
    expect(doc.backtest?.replications).toBe(3);
    expect(doc.backtest?.from).toBe('2024-04-01');
    expect(JSON.stringify(doc.chart)).toContain('Back-test');
  });

  it('refuses a start date outside the data and a bad file with InputError', () => {
    expect(() => fitActivityText(example, { at: '2030-01-01' })).toThrow(InputError);
    expect(() => fitActivityText('patient,event\n1,referred\n', { file: 'x.csv' })).toThrow(/x\.csv:1: .*no column "date \(or day\)"/);
  });
});
