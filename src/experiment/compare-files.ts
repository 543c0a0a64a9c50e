/** The files of `goldilocks compare` as text (pure: the CLI writes them, the explorer page offers them for download). */
import { METRIC_IDS } from '../model/index.js';
import { comparisonDocument, type Comparison } from './compare.js';
import { csvRow, toJson } from './csv.js';
import type { ManifestBuilder } from './manifest-core.js';

/** The files of a comparison as [name, content] pairs (pure: the explorer page builds them too); `writeComparison` writes them. */
export function comparisonOutputFiles(
  c: Comparison,
  hashes: string[],
  wallSeconds: number,
  extra: Record<string, unknown>,
  scenarios: Array<{ name: string; scenario: unknown }> | undefined,
  runManifest: ManifestBuilder,
): Array<[string, string]> {
  let designs = 'scenario,metric,mean,ci_low,ci_high,sd,n\n';
  let reps = 'scenario,replication,metric,value\n';
  for (const d of c.designs) {
    for (const id of METRIC_IDS) {
      const m = d.results.metrics[id];
      designs += csvRow([d.scenario, id, m.mean, m.ci95[0], m.ci95[1], m.sd, m.n]);
    }
    d.results.replications.forEach((r, i) => {
      for (const id of METRIC_IDS) reps += csvRow([d.scenario, i, id, r.metrics[id]]);
    });
  }
  let diffs = 'scenario,versus,metric,mean,ci_low,ci_high,threshold,verdict\n';
  for (const d of c.differences) {
    for (const id of METRIC_IDS) {
      const m = d.metrics[id];
      diffs += csvRow([d.scenario, d.versus, id, m.mean, m.ci95[0], m.ci95[1], m.threshold, m.verdict]);
    }
    const icer = d.costEffect.incrementalCostPerNeedMet;
    diffs += csvRow([d.scenario, d.versus, 'incrementalCostPerNeedMet', icer.mean, icer.ci95[0], icer.ci95[1], '', d.costEffect.verdict]);
  }
  const manifest = runManifest({
    scenario: c.designs.map((d) => d.scenario).join(' vs '),
    scenarioHash: hashes.join(','),
    settings: c.settings,
    wallSeconds,
    extra: {
      designs: c.designs.map((d, i) => ({ scenario: d.scenario, scenarioSha256: hashes[i] })),
      commonRandomNumbers: true,
      verdictThresholds: c.thresholds,
      ...extra,
    },
  });
  const files: Array<[string, string]> = [
    ['compare.json', toJson(comparisonDocument(c))],
    ['designs.csv', designs],
    ['differences.csv', diffs],
    ['replications.csv', reps],
    ['manifest.json', toJson(manifest)],
  ];
  if (scenarios) files.push(['scenarios.json', toJson(scenarios)]);
  return files;
}
