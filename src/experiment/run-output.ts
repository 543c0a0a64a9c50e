/**
 * The files of `goldilocks run`: summary.json, replications.csv (long: one row per
 * replication and metric), timeseries.csv (long: replication, week, series, value) and
 * manifest.json (the STRESS-DES run items). Tidy, so R's read.csv or pandas.read_csv load
 * them without cleaning.
 */
import { join } from 'node:path';
import { METRIC_IDS, SERIES } from '../model/index.js';
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

export interface WrittenFiles {
  dir: string;
  files: string[];
}

export function writeRunOutputs(dir: string, name: string, results: ScenarioResults, scenarioHash: string, wallSeconds: number, extra: Record<string, unknown> = {}, scenario?: unknown): WrittenFiles {
  const files: Array<[string, string]> = [
    ['summary.json', toJson(runDocument(name, results))],
    ['replications.csv', replicationsCsv(name, results)],
    ['timeseries.csv', timeseriesCsv(name, results)],
    ['manifest.json', toJson(runManifest({ scenario: name, scenarioHash, settings: results.settings, wallSeconds, events: results.replications.reduce((n, r) => n + r.diagnostics.events, 0), extra }))],
  ];
  // The validated scenario (every default filled in), for reports and for re-running.
  if (scenario !== undefined) files.push(['scenario.json', toJson(scenario)]);
  for (const [file, content] of files) writeFileAtomic(join(dir, file), content);
  return { dir, files: files.map(([f]) => join(dir, f)) };
}
