/** Every file in scenarios/ is valid and runs (short horizon, two replications). */
import { describe, it, expect } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { runScenario, runSettings } from '../../src/experiment/replications.js';

const dir = join(import.meta.dirname, '../../scenarios');
const files = readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.startsWith('sweep-') && !f.startsWith('plan-') && !f.endsWith('.schema.json'));

describe('scenario files', () => {
  it('include the default and the seven study sites', () => {
    expect(files).toEqual(expect.arrayContaining(['default.yaml', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `site-${n}.yaml`)]));
  });

  for (const file of files) {
    it(`${file} validates and runs`, () => {
      const { scenario } = loadScenarioFile(join(dir, file));
      expect(`${scenario.name}.yaml`).toBe(file);
      const res = runScenario(scenario, runSettings(scenario, { years: 1, warmupDays: 91, replications: 2 }));
      for (const id of ['waitingList', 'caseloadPerWorker', 'utilisation', 'overloadIndex', 'referralsPerMonth'] as const) {
        expect(Number.isFinite(res.metrics[id].mean), `${file}: ${id}`).toBe(true);
      }
      expect(res.metrics.referralsPerMonth.mean).toBeGreaterThan(0);
    });
  }
});
