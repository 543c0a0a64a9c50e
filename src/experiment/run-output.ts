/**
 * The files of `goldilocks run`: summary.json, replications.csv (long: one row per
 * replication and metric), timeseries.csv (long: replication, week, series, value) and
 * manifest.json (the STRESS-DES run items). Tidy, so R's read.csv or pandas.read_csv load
 * them without cleaning.
 */
import { join } from 'node:path';
import type { ScenarioResults } from './replications.js';
import { writeFileAtomic } from './files.js';
import { runManifest } from './manifest.js';
import { runOutputFiles } from './run-files.js';

export * from './run-files.js';

export interface WrittenFiles {
  dir: string;
  files: string[];
}

export function writeRunOutputs(
  dir: string,
  name: string,
  results: ScenarioResults,
  scenarioHash: string,
  wallSeconds: number,
  extra: Record<string, unknown> = {},
  scenario?: unknown,
): WrittenFiles {
  const files = runOutputFiles(name, results, scenarioHash, wallSeconds, extra, scenario, runManifest);
  for (const [file, content] of files) writeFileAtomic(join(dir, file), content);
  return { dir, files: files.map(([f]) => join(dir, f)) };
}
