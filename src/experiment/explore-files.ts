/** The files of `goldilocks explore` as text (pure: the CLI writes them, the explorer page offers them for download). */
import { METRIC_IDS } from '../model/index.js';
import { explorationDocument, type Exploration } from './explore.js';
import { csvRow, toJson } from './csv.js';
import type { ManifestBuilder } from './manifest-core.js';

/** The files of an exploration as [name, content] pairs (pure: the explorer page builds them too); `writeExploration` writes them. */
export function explorationOutputFiles(
  name: string,
  e: Exploration,
  scenarioHash: string,
  wallSeconds: number,
  scenario: unknown,
  manifest: ManifestBuilder,
): Array<[string, string]> {
  let levels = 'discretion,metric,mean,ci_low,ci_high,sd,n,just_right\n';
  let results = 'discretion,replication,metric,value\n';
  for (const l of e.levels) {
    const inZone = e.justRight.levels.includes(l.discretion);
    for (const id of METRIC_IDS) {
      const m = l.results.metrics[id];
      levels += csvRow([l.discretion, id, m.mean, m.ci95[0], m.ci95[1], m.sd, m.n, inZone ? 'true' : 'false']);
    }
    l.results.replications.forEach((r, i) => {
      for (const id of METRIC_IDS) results += csvRow([l.discretion, i, id, r.metrics[id]]);
    });
  }
  const files: Array<[string, string]> = [
    ['explore.json', toJson(explorationDocument(name, e))],
    ['levels.csv', levels],
    ['results.csv', results],
    [
      'manifest.json',
      toJson(
        manifest({
          scenario: name,
          scenarioHash,
          settings: e.settings,
          wallSeconds,
          extra: { dialLevels: e.levels.map((l) => l.discretion), commonRandomNumbers: true, justRight: e.justRight },
        }),
      ),
    ],
  ];
  if (scenario !== undefined) files.push(['scenario.json', toJson(scenario)]);
  return files;
}
