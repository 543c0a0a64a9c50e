/**
 * The run manifest: what a reader needs to reproduce or judge a run (the STRESS-DES
 * "experimentation" items: seed, replications, warm-up, run length, software versions).
 */
import { readFileSync } from 'node:fs';
import type { RunSettings } from './replications.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const PACKAGE_VERSION = pkg.version;

export interface ManifestInput {
  scenario: string;
  scenarioHash: string;
  settings: RunSettings;
  wallSeconds: number;
  events?: number;
  extra?: Record<string, unknown>;
}

export function runManifest(m: ManifestInput): Record<string, unknown> {
  return {
    tool: pkg.name,
    version: pkg.version,
    node: process.version,
    scenario: m.scenario,
    scenarioSha256: m.scenarioHash,
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
