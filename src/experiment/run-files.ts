/** The files of `goldilocks run` as text (pure: the CLI writes them, the explorer page offers them for download). */
import { METRIC_IDS, SERIES } from '../model/index.js';
import { groupPosts } from '../model/posts.js';
import type { TimeUse } from '../model/statistics.js';
import type { Scenario } from '../scenario/schema.js';
import type { ScenarioResults } from './replications.js';
import { csvField, csvRow, toJson } from './csv.js';
import type { ManifestBuilder } from './manifest-core.js';

export interface RunDocument {
  scenario: string;
  seed: number;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  metrics: ScenarioResults['metrics'];
}

/** The one JSON document of `run --json` (also written as summary.json). */
export function runDocument(name: string, results: ScenarioResults): RunDocument {
  const s = results.settings;
  return {
    scenario: name,
    seed: s.seed,
    replications: s.replications,
    horizonDays: s.horizonDays,
    warmupDays: s.warmupDays,
    metrics: results.metrics,
  };
}

export function replicationsCsv(name: string, results: ScenarioResults): string {
  let out = 'scenario,replication,metric,value\n';
  results.replications.forEach((r, i) => {
    for (const id of METRIC_IDS) out += csvRow([name, i, id, r.metrics[id]]);
  });
  return out;
}

export function timeseriesCsv(name: string, results: ScenarioResults): string {
  // The longest file of a run (replications × weeks × series rows): the fields that repeat are
  // quoted once, not once a row (the same text as csvRow, in a tenth of the time).
  const rows: string[] = ['scenario,replication,week,series,value\n'];
  const scenario = csvField(name);
  const ids = SERIES.map((id) => `,${csvField(id)},`);
  results.replications.forEach((r, i) => {
    const { week, series } = r.weekly;
    const head = `${scenario},${i},`;
    for (let k = 0; k < week.length; k++) {
      const w = head + csvField(week[k]);
      for (let j = 0; j < SERIES.length; j++) rows.push(`${w}${ids[j]}${csvField(series[SERIES[j]][k])}\n`);
    }
  });
  return rows.join('');
}

/** The wait distribution of each replication: non-empty bins [from_days, to_days) of waits for a first appointment. */
export function waitsCsv(name: string, results: ScenarioResults): string {
  const rows: string[] = ['scenario,replication,from_days,to_days,patients\n'];
  results.replications.forEach((r, i) => {
    for (const b of r.waitBins) rows.push(csvRow([name, i, b.fromDays, b.toDays, b.patients]));
  });
  return rows.join('');
}

/** Activities of a worker's week, in the order charts stack them (keys of TimeUse). */
export const WEEK_ACTIVITIES: readonly (keyof TimeUse)[] = ['sessions', 'admin', 'travel', 'outOfRemit', 'networking', 'otherDuties', 'idle'];

/** A worker's week by worker group: hours by activity per WTE-week of the group, each replication. */
export function weekCsv(name: string, results: ScenarioResults, scenario: Pick<Scenario, 'workers'>): string {
  const rows: string[] = ['scenario,replication,group,group_name,wte,activity,hours_per_wte_week\n'];
  const groups = groupPosts(scenario.workers);
  results.replications.forEach((r, i) => {
    for (const g of groups) {
      for (const a of WEEK_ACTIVITIES) {
        const hours = g.posts.reduce((sum, p) => sum + (r.postTimeUse[p]?.[a] ?? 0), 0);
        rows.push(csvRow([name, i, g.group, g.name, g.wte, a, g.wte > 0 ? hours / g.wte : '']));
      }
    }
  });
  return rows.join('');
}

/**
 * The files of a run as [name, content] pairs (pure: the explorer page builds the same files in
 * a browser, with its own manifest builder); `writeRunOutputs` writes them.
 */
export function runOutputFiles(
  name: string,
  results: ScenarioResults,
  scenarioHash: string,
  wallSeconds: number,
  extra: Record<string, unknown> = {},
  scenario: unknown,
  manifest: ManifestBuilder,
): Array<[string, string]> {
  const files: Array<[string, string]> = [
    ['summary.json', toJson(runDocument(name, results))],
    ['replications.csv', replicationsCsv(name, results)],
    ['timeseries.csv', timeseriesCsv(name, results)],
    ['waits.csv', waitsCsv(name, results)],
    [
      'manifest.json',
      toJson(
        manifest({
          scenario: name,
          scenarioHash,
          settings: results.settings,
          wallSeconds,
          events: results.replications.reduce((n, r) => n + r.diagnostics.events, 0),
          extra,
        }),
      ),
    ],
  ];
  // The validated scenario (every default filled in), for reports and for re-running.
  if (scenario !== undefined) files.push(['scenario.json', toJson(scenario)]);
  const workers = (scenario as Partial<Pick<Scenario, 'workers'>> | undefined)?.workers;
  if (Array.isArray(workers)) files.push(['week.csv', weekCsv(name, results, { workers })]);
  return files;
}
