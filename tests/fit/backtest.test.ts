/**
 * The back-test measures the data and the simulation alike: data made by a scenario, back-tested
 * against that very scenario (other seeds), fall inside the simulated bands as often as a perfect
 * model's would, on every measure. A measure computed differently on the two sides (a caseload
 * counted to the discharge in one and to the last check-in in the other) would fail here.
 */
import { describe, expect, it } from 'vitest';
import { readActivity } from '../../src/fit/activity.js';
import { backtest, expectedCoverage } from '../../src/fit/backtest.js';
import { fitActivity } from '../../src/fit/fit.js';
import { simulateActivity } from '../../src/fit/simulate-log.js';
import { loadScenarioFile } from '../../src/scenario/load.js';

describe('back-test of a scenario against its own data', () => {
  for (const file of ['default.yaml', 'site-6.yaml']) {
    it(`${file}: every measure inside the bands as often as a perfect model's`, () => {
      // Day 0 is the start of the data: no warm-up, an empty service, as the back-test simulates.
      const { scenario } = loadScenarioFile(`scenarios/${file}`, ['run.startDate=2022-01-01', 'run.warmupDays=0', 'run.years=2', 'run.seed=7']);
      const activity = readActivity(file, simulateActivity(scenario, 0).text);
      const fit = fitActivity(activity, { base: scenario });
      // The back-test runs the scenario itself (seed 1: other random numbers than the data's seed 7).
      const replications = 20;
      const result = backtest(fit, activity, { ...scenario, run: { ...scenario.run, seed: 1 } }, { replications });
      const expected = expectedCoverage(replications);
      for (const m of result.measures) {
        if (process.env.GOLDILOCKS_PRINT_BACKTEST) console.log(file, m.id, m.shareInside.toFixed(2), m.months, m.totalZ.toFixed(2));
        // The months are not independent (a caseload carries over), so allow 3 binomial SE rather than 2.
        const floor = expected - 3 * Math.sqrt((expected * (1 - expected)) / m.months);
        expect(m.shareInside, `${file} ${m.id}: ${m.shareInside} of ${m.months} months inside`).toBeGreaterThanOrEqual(floor);
        expect(Math.abs(m.totalZ), `${file} ${m.id}: total z ${m.totalZ}`).toBeLessThanOrEqual(3);
      }
    });
  }
});
