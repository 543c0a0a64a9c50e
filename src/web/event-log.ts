/**
 * The explorer's "events.csv" download (docs/event-log.md): the run's replications are simulated
 * again with the event log on (the same scenario, seed, replications, horizon and warm-up, from
 * the run's scenario.json and manifest.json, so the same numbers), in this page, only when asked
 * for. The bytes are the CLI's `run --event-log`. Big logs are refused as the library refuses them.
 * Through the job pipeline (jobs/), as the library's door does, not through the library itself:
 * the doors do not call each other.
 */
import { checkJob } from '../jobs/check.js';
import { designOf } from '../jobs/designs.js';
import { checkEventLog, LIBRARY_EVENT_LOG_LIMIT_BYTES, takeRows } from '../jobs/event-log.js';
import { inlineRunnerWith } from '../jobs/runner.js';
import { simulateJob } from '../jobs/simulate.js';
import { eventLogHeader, eventRowsCsv, type EventRow } from '../model/index.js';

export async function eventLogCsv(scenarioJson: string, manifestJson: string): Promise<string> {
  const m = JSON.parse(manifestJson) as { seed: number; replications: number; horizonDays: number; warmupDays: number };
  const job = checkJob({
    kind: 'run',
    designs: [designOf(JSON.parse(scenarioJson))],
    options: { replications: m.replications, seed: m.seed, years: m.horizonDays / 365.25, warmupDays: m.warmupDays },
    door: 'library',
  });
  const log = checkEventLog(job, {}, 'library', LIBRARY_EVENT_LOG_LIMIT_BYTES);
  const result = await simulateJob(job, inlineRunnerWith({ sample: log.plan.sample }));
  if (result.kind !== 'run') return eventLogHeader(false);
  return eventLogHeader(false) + eventRowsCsv(takeRows<EventRow>(result.results.replications));
}
