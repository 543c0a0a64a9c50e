/**
 * A job's event log (docs/event-log.md), apart from where its bytes go: the size estimate before a
 * run (refused above a limit, warned of above another), what each task is told (the sample, the
 * design column of compare) and the sidecar events.json that describes the columns, the events
 * and the run (warm-up, horizon, start date) for a reader of the CSV.
 */
import { BYTES_PER_ROW, csvField, EVENT_LOG_COLUMNS, EVENT_LOG_EVENTS, EVENT_LOG_VERSION, ROWS_PER_REFERRAL, type ReplicationResult } from '../model/index.js';
import type { Door } from '../messages.js';
import { OptionError } from './check.js';
import { estimateCheckedJob } from './estimate.js';
import type { EventLogPlan } from './runner.js';
import type { CheckedJob } from './types.js';

/** Refused above this estimated size (as CSV); warned of above EVENT_LOG_WARN_BYTES. The library keeps rows in memory: a tenth. */
export const EVENT_LOG_LIMIT_BYTES = 2e9;
export const LIBRARY_EVENT_LOG_LIMIT_BYTES = 2e8;
export const EVENT_LOG_WARN_BYTES = 2e8;

export interface EventLogRequest {
  /** Share of patients logged, in (0, 1] (default 1). */
  sample?: number;
}

/** Estimated rows and bytes of a job's log: referrals × rows a referral × bytes a row (× the sample). */
export function eventLogEstimate(job: CheckedJob, sample: number): { rows: number; bytes: number } {
  const e = estimateCheckedJob(job, 1);
  const replications = job.precision ? job.precision.maxReplications * (e.replications / job.settings.replications) : e.replications;
  const rows = e.referralsPerMonth * 12 * (job.settings.horizonDays / 365.25) * replications * ROWS_PER_REFERRAL * sample;
  return { rows, bytes: rows * BYTES_PER_ROW };
}

const size = (bytes: number) => (bytes >= 1e9 ? `${(bytes / 1e9).toFixed(1)} GB` : `${Math.max(1, Math.round(bytes / 1e6))} MB`);

/**
 * Check an event log request against the job: the sample in (0, 1], run or compare only, and the
 * estimated size under the limit. Returns the task plan and a warning for a big log (or null).
 */
export function checkEventLog(
  job: CheckedJob,
  request: EventLogRequest,
  door: Door,
  limit = EVENT_LOG_LIMIT_BYTES,
): { plan: EventLogPlan; warning: string | null } {
  const sample = request.sample ?? 1;
  const flag = door === 'cli' ? '--event-log-sample' : 'eventLog.sample';
  if (!(typeof sample === 'number' && sample > 0 && sample <= 1))
    throw new OptionError([`${flag} must be a share of patients in (0, 1], e.g. 0.1; got ${String(sample)}.`], `Use ${flag} 0.1 to log one patient in ten.`);
  if (job.kind === 'explore')
    throw new OptionError(
      ['the event log is written by run and compare, not explore.'],
      'Run the dial level you want to inspect with run (--set discretion=0.5).',
    );
  const { bytes } = eventLogEstimate(job, sample);
  const fewer = door === 'cli' ? 'fewer replications (--reps) or years (--years)' : 'fewer replications or years';
  if (bytes > limit)
    throw new OptionError(
      [`the event log would be about ${size(bytes)} (${size(limit)} at most${door === 'cli' ? '' : ' in memory'}).`],
      `Log a sample of patients (${flag} ${Math.max(0.001, Math.floor((limit / bytes) * sample * 1000) / 1000)} would fit), or run ${fewer}.`,
    );
  const prefixes = job.kind === 'compare' ? job.designs.map((d) => `${csvField(d.name)},`) : undefined;
  return {
    plan: { sample, prefixes },
    warning: bytes > EVENT_LOG_WARN_BYTES ? `the event log will be about ${size(bytes)} (${flag} logs a sample of patients).` : null,
  };
}

/** The tasks whose rows make the log, in the file's order: each variant's replications (as the job ran them). */
export function loggedTasks(job: CheckedJob, replicationsPerVariant: number): Array<{ variant: number; replication: number }> {
  const variants = job.kind === 'compare' ? job.designs.length : 1;
  const out: Array<{ variant: number; replication: number }> = [];
  for (let v = 0; v < variants; v++) for (let r = 0; r < replicationsPerVariant; r++) out.push({ variant: v, replication: r });
  return out;
}

/** events.json: the schema of events.csv and what a reader needs to apply the metrics' windows. */
export function eventLogDescription(job: CheckedJob, plan: EventLogPlan, replications: number, extra: Record<string, unknown> = {}) {
  const columns = [...(job.kind === 'compare' ? ['design'] : []), ...EVENT_LOG_COLUMNS];
  return {
    schema: 'goldilocks-event-log',
    version: EVENT_LOG_VERSION,
    documentation: 'docs/event-log.md',
    file: 'events.csv',
    columns: Object.fromEntries(columns.map((c) => [c, COLUMN_DOCS[c]])),
    events: EVENT_LOG_EVENTS,
    warmupDays: job.settings.warmupDays,
    horizonDays: job.settings.horizonDays,
    seed: job.settings.seed,
    replications,
    sample: plan.sample,
    designs: job.designs.map((d) => ({
      name: d.name,
      scenarioSha256: d.hash,
      startDate: d.scenario.run.startDate ?? null,
      practices: d.scenario.referrals.practices.map((p) => p.name),
      patientIdGroups: d.scenario.referrals.practices.length + 2,
    })),
    ...extra,
  };
}

const COLUMN_DOCS: Record<string, string> = {
  design: 'compare only: the design (as named in compare.json)',
  replication: 'replication number, from 0',
  day: 'simulated days since the start (minutes / 1440, a float, in full precision); warm-up included: read warmupDays',
  date: 'the calendar date of the day (run.startDate + whole days); empty without run.startDate',
  event: 'what happened (see events)',
  patient:
    "the patient's id in this replication (an integer; empty for worker events): k × patientIdGroups + g, g = the practice index (file order), then the pre-existing caseload and list, then re-referrals",
  worker: 'the post index, from 0, in the order of workers[] (empty when no worker is involved)',
  detail: 'a short word: referral source, discharge reason, triage outcome, … (see events)',
  minutes: 'minutes of the session, slot or triage contact (3 decimals); empty otherwise',
};

/** Rows of a library run's log, taken off the results (so the document is the one without a log). */
export function takeRows<T>(replications: ReadonlyArray<ReplicationResult & { eventRows?: T[] }>): T[] {
  const rows: T[] = [];
  for (const r of replications) {
    if (r.eventRows) for (const row of r.eventRows) rows.push(row);
    delete r.eventRows;
  }
  return rows;
}
