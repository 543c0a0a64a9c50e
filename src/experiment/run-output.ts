/**
 * The files of `goldilocks run`: summary.json, replications.csv (long: one row per
 * replication and metric), timeseries.csv (long: replication, week, series, value) and
 * manifest.json (the STRESS-DES run items). Tidy, so R's read.csv or pandas.read_csv load
 * them without cleaning.
 */
import { join } from 'node:path';
import { METRIC_IDS, SERIES } from '../model/index.js';
import { postFractions } from '../model/posts.js';
import type { TimeUse } from '../model/statistics.js';
import type { Scenario } from '../scenario/schema.js';
import type { ScenarioResults } from './replications.js';
import { csvRow, toJson, writeFileAtomic } from './files.js';
import { runManifest } from './manifest.js';

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
  const rows: string[] = ['scenario,replication,week,series,value\n'];
  results.replications.forEach((r, i) => {
    const { week, series } = r.weekly;
    for (let k = 0; k < week.length; k++) {
      for (const id of SERIES) rows.push(csvRow([name, i, week[k], id, series[id][k]]));
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

/** Worker groups of a scenario with their posts' indices (posts are built group by group) and WTE. */
export function groupPosts(scenario: Pick<Scenario, 'workers'>): Array<{ group: number; name: string; wte: number; posts: number[] }> {
  let next = 0;
  return scenario.workers.map((g, group) => {
    const fractions = postFractions(g);
    const posts = fractions.map((_, k) => next + k);
    next += fractions.length;
    return { group, name: g.name, wte: fractions.reduce((a, b) => a + b, 0), posts };
  });
}

/** A worker's week by worker group: hours by activity per WTE-week of the group, each replication. */
export function weekCsv(name: string, results: ScenarioResults, scenario: Pick<Scenario, 'workers'>): string {
  const rows: string[] = ['scenario,replication,group,group_name,wte,activity,hours_per_wte_week\n'];
  const groups = groupPosts(scenario);
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

export interface WrittenFiles {
  dir: string;
  files: string[];
}

export function writeRunOutputs(dir: string, name: string, results: ScenarioResults, scenarioHash: string, wallSeconds: number, extra: Record<string, unknown> = {}, scenario?: unknown): WrittenFiles {
  const files: Array<[string, string]> = [
    ['summary.json', toJson(runDocument(name, results))],
    ['replications.csv', replicationsCsv(name, results)],
    ['timeseries.csv', timeseriesCsv(name, results)],
    ['waits.csv', waitsCsv(name, results)],
    ['manifest.json', toJson(runManifest({ scenario: name, scenarioHash, settings: results.settings, wallSeconds, events: results.replications.reduce((n, r) => n + r.diagnostics.events, 0), extra }))],
  ];
  // The validated scenario (every default filled in), for reports and for re-running.
  if (scenario !== undefined) files.push(['scenario.json', toJson(scenario)]);
  const workers = (scenario as Partial<Pick<Scenario, 'workers'>> | undefined)?.workers;
  if (Array.isArray(workers)) files.push(['week.csv', weekCsv(name, results, { workers })]);
  for (const [file, content] of files) writeFileAtomic(join(dir, file), content);
  return { dir, files: files.map(([f]) => join(dir, f)) };
}
