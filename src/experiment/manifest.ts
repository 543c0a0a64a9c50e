/**
 * The run manifest: what a reader needs to reproduce or judge a run (the STRESS-DES
 * "experimentation" items: seed, replications, warm-up, run length, software versions).
 */
import { readFileSync } from 'node:fs';
import { buildManifest, type ManifestInput } from './manifest-core.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };

export const PACKAGE_VERSION = pkg.version;

export type { ManifestInput } from './manifest-core.js';

/** The run manifest of a run in this Node.js process. */
export function runManifest(m: ManifestInput): Record<string, unknown> {
  return buildManifest(m, { tool: pkg.name, version: pkg.version, node: process.version });
}
