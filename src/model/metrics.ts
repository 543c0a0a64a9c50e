/**
 * The metrics one replication reports. Each is defined precisely in docs/model.md; the
 * short definitions here feed the CLI table and reports.
 */
export const METRICS = [
  { id: 'waitDays', label: 'Wait for first appointment', unit: 'days', definition: 'mean calendar days from referral to the first appointment (attended or missed), patients referred after warm-up and offered it before the horizon' },
  { id: 'waitingList', label: 'Waiting list', unit: 'patients', definition: 'time-average number waiting for a first appointment over the observation window' },
  { id: 'caseloadPerWorker', label: 'Caseload per worker', unit: 'patients', definition: 'time-average active patients (first appointment held, not yet discharged) per link worker' },
  { id: 'referralsPerMonth', label: 'Referrals', unit: 'per month', definition: 'referrals received in the window per month (365.25/12 days)' },
  { id: 'newPatientsPerWorkerYear', label: 'New patients per worker', unit: 'per year', definition: 'first appointments held per link worker per year' },
  { id: 'sessionsPerPatient', label: 'Sessions per patient', unit: 'sessions', definition: 'attended sessions per patient discharged in the window' },
  { id: 'utilisation', label: 'Utilisation', unit: 'share', definition: 'patient work (sessions, missed slots and admin) over contracted hours not on leave' },
  { id: 'networkingHoursPerWorkerWeek', label: 'Networking', unit: 'h per worker-week', definition: 'hours spent networking with VCSE groups per worker per week' },
  { id: 'overloadIndex', label: 'Overload index', unit: 'ratio', definition: 'mean over worker-weeks of work that fell due over contracted hours; above 1 = more due than time' },
  { id: 'overstretchedWeekShare', label: 'Overstretched weeks', unit: 'share', definition: 'share of worker-weeks with overload index above 1' },
  { id: 'droppedOutShare', label: 'Dropped out before first appointment', unit: 'share', definition: 'patients leaving the waiting list by dropping out, over all leaving it, in the window' },
  { id: 'unmetNeedShare', label: 'Discharged with unmet need', unit: 'share', definition: 'patients discharged at the session cap with sessions still needed, over all discharged' },
  { id: 'stillWaitingAtEnd', label: 'Still waiting at the horizon', unit: 'patients', definition: 'patients on the waiting list when the run ends (not in waitDays)' },
] as const;

export type MetricId = (typeof METRICS)[number]['id'];
export type MetricValues = Record<MetricId, number>;

export const METRIC_IDS: readonly MetricId[] = METRICS.map((m) => m.id);

/** Weekly series recorded for every replication (time-averages within each week). */
export const SERIES = ['waitingList', 'caseloadPerWorker', 'overloadIndex', 'referrals'] as const;
export type SeriesId = (typeof SERIES)[number];
