import { ScenarioSchema, type Scenario, type ScenarioInput } from '../src/scenario/schema.js';
import { runScenario, runSettings, type ScenarioResults } from '../src/experiment/replications.js';
import { MONTH } from '../src/model/index.js';
import { leversOff } from '../src/scenario/lever-registry.js';

/** Temporary folders removed when the test file ends, and where screenshots go: tests/setup/temp.ts. */
export { tempDir, artifactsDir } from './setup/temp.js';

type DeepPartial<T> = T extends readonly unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;

/** Deep-merge plain objects (arrays and values in `patch` replace those in `base`). */
export function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (base && patch && typeof base === 'object' && typeof patch === 'object' && !Array.isArray(base) && !Array.isArray(patch)) {
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(patch)) out[k] = merge(out[k], v);
    return out;
  }
  return patch;
}

/**
 * The discretion levers, extra workload and worker dynamics all switched off: the model is
 * then the version-1 service (referrals, rotas, sessions, caps), for tests of those mechanisms
 * and of limiting cases. Tests of the levers start from `withDiscretion`.
 */
export const MECHANISMS_OFF = {
  levers: leversOff(),
  workload: {
    inappropriateShare: 0,
    vulnerableShare: 0,
    outOfRemitRequestsPerWorkerWeek: 0,
    knowledgeNeedEffect: 0,
    knowledgeMatchFloor: 1,
    noviceExtraTime: 0,
  },
  workforce: { enabled: false },
} as const;

/** A small valid scenario, patched, with the version-2 mechanisms off unless `withDiscretion`. */
export function scenario(patch: DeepPartial<ScenarioInput> = {}, withDiscretion = false): Scenario {
  const base: ScenarioInput = {
    name: 'test',
    run: { years: 2, warmupDays: 91, replications: 5, seed: 7 },
    referrals: { practices: [{ name: 'A', referralsPerMonth: 30 }] },
    workers: [{ count: 2 }],
  };
  const merged = merge(withDiscretion ? base : merge(base, MECHANISMS_OFF), patch) as ScenarioInput;
  if (!withDiscretion) merged.workers = merged.workers.map((w) => ({ supervisionHoursPerWeek: 0, ...w }));
  return ScenarioSchema.parse(merged);
}

/** An M/M/c queue expressed as a scenario: one exponential session, always-available workers, nothing else. */
export function mmcScenario(c: number, lambdaPerMinute: number, meanServiceMinutes: number, years = 2): Scenario {
  return ScenarioSchema.parse({
    ...MECHANISMS_OFF,
    name: 'mmc',
    run: { years, warmupDays: 30, replications: 20, seed: 11 },
    referrals: { practices: [{ name: 'all', referralsPerMonth: lambdaPerMinute * MONTH }] },
    workers: [{ count: c, rota: 'always', networkingHoursPerWeek: 0, otherDutiesHoursPerWeek: 0, adminMinutesPerSession: 0, annualLeaveDays: 0 }],
    patients: {
      sessionsNeeded: 1,
      firstSessionMinutes: { type: 'exponential', mean: meanServiceMinutes },
      didNotAttend: 0,
      patienceDays: 'open',
    },
    policy: { sessionCap: 'open', maxCaseload: 'open' },
  });
}

export function run(s: Scenario, overrides: Parameters<typeof runSettings>[1] = {}): ScenarioResults {
  return runScenario(s, runSettings(s, overrides));
}

/** Erlang C: mean wait in queue (same unit as the service time) for M/M/c. */
export function erlangCWait(c: number, lambda: number, meanService: number): number {
  const a = lambda * meanService;
  const rho = a / c;
  let sum = 0;
  let term = 1;
  for (let k = 0; k < c; k++) {
    if (k > 0) term *= a / k;
    sum += term;
  }
  const last = (term * a) / c / (1 - rho); // a^c / c! / (1 - rho)
  const probWait = last / (sum + last);
  return probWait / (c / meanService - lambda);
}
