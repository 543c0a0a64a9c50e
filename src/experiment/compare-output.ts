/** Files of `goldilocks compare`: tidy CSVs, the JSON document and the manifest. */
import { join } from 'node:path';
import type { Comparison } from './compare.js';
import { writeFileAtomic } from './files.js';
import { runManifest as manifestOfThisProcess } from './manifest.js';
import { comparisonOutputFiles } from './compare-files.js';

export { comparisonOutputFiles } from './compare-files.js';

export function writeComparison(
  dir: string,
  c: Comparison,
  hashes: string[],
  wallSeconds: number,
  extra: Record<string, unknown> = {},
  scenarios?: Array<{ name: string; scenario: unknown }>,
): string[] {
  const files = comparisonOutputFiles(c, hashes, wallSeconds, extra, scenarios, manifestOfThisProcess);
  for (const [f, content] of files) writeFileAtomic(join(dir, f), content);
  return files.map(([f]) => f);
}
