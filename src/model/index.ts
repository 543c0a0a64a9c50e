/** The link-worker model: one replication of a service described by a scenario. */
export { LinkWorkerService, runReplication, type ModelInputs } from './replication.js';
export { Priority, KIND_NAMES } from './events.js';
export { TraceMonitor, NULL_MONITOR, teeMonitor, type Monitor, type TraceEntry } from './monitor.js';
export { METRICS, METRIC_IDS, METRIC_BY_ID, SERIES, type MetricId, type MetricValues, type SeriesId, type Direction } from './metrics.js';
export { WAIT_BINS, type ReplicationResult, type TimeUse } from './statistics.js';
export { RotaError } from './rota.js';
export { postFractions, postWte, teamPosts, teamWte, FULL_TIME_HOURS_PER_WEEK } from './posts.js';
export { DAY, WEEK, YEAR, MONTH } from './time.js';
export { WAIT_BIN_DAYS, WAIT_LAST_BIN, quantileOfCounts, type WaitCounts } from './wait-distribution.js';
export {
  EventLogger,
  EVENT_LOG_COLUMNS,
  EVENT_LOG_EVENTS,
  EVENT_LOG_VERSION,
  ROWS_PER_REFERRAL,
  BYTES_PER_ROW,
  eventLogHeader,
  eventRowsCsv,
  inSample,
  csvField,
  type EventLogSink,
  type EventRow,
  type LogEvent,
  type EventLogFormat,
} from './event-log.js';
