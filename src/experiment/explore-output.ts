/** Files of `goldilocks explore`: tidy CSVs (as for sweeps), the JSON document, the manifest. */
import { join } from 'node:path';
import type { Exploration } from './explore.js';
import { writeFileAtomic } from './files.js';
import { runManifest } from './manifest.js';
import { explorationOutputFiles } from './explore-files.js';

export { explorationOutputFiles } from './explore-files.js';

export function writeExploration(dir: string, name: string, e: Exploration, scenarioHash: string, wallSeconds: number, scenario?: unknown): string[] {
  const files = explorationOutputFiles(name, e, scenarioHash, wallSeconds, scenario, runManifest);
  for (const [f, c] of files) writeFileAtomic(join(dir, f), c);
  return files.map(([f]) => f);
}
