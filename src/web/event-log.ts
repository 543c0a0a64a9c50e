/**
 * The explorer's "events.csv" download (docs/event-log.md): the run's replications are simulated
 * again with the event log on (the same scenario, seed, replications, horizon and warm-up, from
 * the run's scenario.json and manifest.json, so the same numbers), in this page, only when asked
 * for. The bytes are the CLI's `run --event-log`. Big logs are refused as the library refuses them.
 */
import { simulate } from '../api/pure.js';
import { eventLogHeader, eventRowsCsv, type EventRow } from '../model/index.js';

export async function eventLogCsv(scenarioJson: string, manifestJson: string): Promise<string> {
  const m = JSON.parse(manifestJson) as { seed: number; replications: number; horizonDays: number; warmupDays: number };
  const doc = await simulate(JSON.parse(scenarioJson), {
    replications: m.replications,
    seed: m.seed,
    years: m.horizonDays / 365.25,
    warmupDays: m.warmupDays,
    eventLog: true,
  });
  return eventLogHeader(false) + eventRowsCsv((doc.eventLog?.rows ?? []) as EventRow[]);
}
