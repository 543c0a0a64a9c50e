/**
 * An activity file made by the model: one replication's event log (docs/event-log.md) as CSV
 * text, for the round-trip test and the shipped synthetic example. The model's own event logger
 * writes it; the run's numbers are those of the same replication without the log.
 */
import { DAY, EventLogger, eventLogHeader, runReplication, type Monitor, type ReplicationResult } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';

export interface SimulatedLog {
  text: string;
  result: ReplicationResult;
}

/** One replication of `scenario` (its whole horizon, warm-up included) with its event log as CSV text. */
export function simulateActivity(scenario: Scenario, replication = 0, monitor?: Monitor): SimulatedLog {
  const parts: string[] = [eventLogHeader(false)];
  const startDate = scenario.run.startDate;
  const log = new EventLogger({ replication, sample: 1, startDate }, { text: (line) => parts.push(line) });
  const horizonDays = scenario.run.years * 365.25;
  const result = runReplication(scenario, replication, { eventLog: log, monitor });
  log.finish(horizonDays * DAY);
  return { text: parts.join(''), result };
}
