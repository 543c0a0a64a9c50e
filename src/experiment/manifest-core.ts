/**
 * The run manifest's content (pure): what a reader needs to reproduce or judge a run (the
 * STRESS-DES "experimentation" items). manifest.ts fills in the package and Node.js versions;
 * the explorer page fills in the bundled package version and names the browser instead.
 */
import type { RunSettings } from './replications.js';

export interface ManifestInput {
  scenario: string;
  scenarioHash: string;
  settings: RunSettings;
  wallSeconds: number;
  events?: number;
  /**
   * The `--set path=value` overrides applied on top of the scenario file(s), in the order given:
   * the file alone does not reproduce such a run. Recorded only when there are some.
   */
  overrides?: readonly string[];
  extra?: Record<string, unknown>;
}

/** Where a run ran: the package, and the Node.js version (or, in a browser, what stands in its place). */
export interface Runtime {
  tool: string;
  version: string;
  node: string;
}

/** A function that turns a run's facts into its manifest (runManifest in Node, the page's own in a browser). */
export type ManifestBuilder = (m: ManifestInput) => Record<string, unknown>;

export function buildManifest(m: ManifestInput, runtime: Runtime): Record<string, unknown> {
  return {
    tool: runtime.tool,
    version: runtime.version,
    node: runtime.node,
    scenario: m.scenario,
    scenarioSha256: m.scenarioHash,
    ...(m.overrides !== undefined && m.overrides.length > 0 ? { overrides: [...m.overrides] } : {}),
    seed: m.settings.seed,
    replications: m.settings.replications,
    horizonDays: m.settings.horizonDays,
    warmupDays: m.settings.warmupDays,
    timeUnit: 'minutes from Monday 00:00 (1 January) of year 0; 1 year = 365.25 days',
    randomStreams: 'seedrandom alea, one named stream per stochastic process, seeded by (seed, replication, name)',
    ...(m.events !== undefined ? { events: m.events } : {}),
    wallSeconds: Math.round(m.wallSeconds * 1000) / 1000,
    ...m.extra,
  };
}
