/**
 * The metrics one replication reports. Each is defined precisely in docs/model.md; the
 * short definitions here feed the CLI table and reports.
 */
/**
 * `better` says which direction is an improvement for a commissioner (used for verdicts in
 * comparisons); null where more is neither better nor worse in itself (e.g. caseload).
 */
export const METRICS = [
  { id: 'waitDays', better: 'lower', label: 'Wait for first appointment', unit: 'days', definition: 'mean calendar days from referral to the first appointment (attended or missed), patients referred after warm-up and offered it before the horizon' },
  { id: 'waitMedianDays', better: 'lower', label: 'Median wait', unit: 'days', definition: 'median calendar days from referral to the first appointment, patients referred after warm-up; those still waiting at the horizon count with their wait so far (so it is a lower bound when many are)' },
  { id: 'waitP90Days', better: 'lower', label: '90th percentile wait', unit: 'days', definition: '90th percentile of the same waits (nine in ten were seen sooner)' },
  { id: 'seenWithin14DaysShare', better: 'higher', label: 'Seen within 14 days', unit: 'share', definition: 'patients referred after warm-up and at least 14 days before the horizon whose first appointment came within 14 days of referral (dropping out or still waiting counts as not seen)' },
  { id: 'seenWithin28DaysShare', better: 'higher', label: 'Seen within 28 days', unit: 'share', definition: 'the same within 28 days (patients referred at least 28 days before the horizon)' },
  { id: 'waitingList', better: 'lower', label: 'Waiting list', unit: 'patients', definition: 'time-average number waiting for a first appointment over the observation window' },
  { id: 'caseloadPerWorker', better: null, label: 'Caseload per worker', unit: 'patients', definition: 'time-average active patients (first appointment held, not yet discharged) per link worker' },
  { id: 'caseloadPerWte', better: null, label: 'Caseload per WTE', unit: 'patients', definition: 'time-average active patients per whole-time equivalent (part-time posts count by their fraction)' },
  { id: 'referralsPerMonth', better: null, label: 'Referrals', unit: 'per month', definition: 'referrals received in the window per month (365.25/12 days)' },
  { id: 'newPatientsPerWorkerYear', better: null, label: 'New patients per worker', unit: 'per year', definition: 'first appointments held per link worker per year' },
  { id: 'newPatientsPerWteYear', better: null, label: 'New patients per WTE', unit: 'per year', definition: 'first appointments held per whole-time equivalent per year' },
  { id: 'sessionsPerPatient', better: null, label: 'Sessions per patient', unit: 'sessions', definition: 'attended sessions per patient discharged in the window' },
  { id: 'utilisation', better: null, label: 'Utilisation', unit: 'share', definition: 'patient work (sessions, missed slots and admin) over contracted hours not on leave' },
  { id: 'networkingHoursPerWorkerWeek', better: null, label: 'Networking', unit: 'h per worker-week', definition: 'hours spent networking with VCSE groups per worker per week' },
  { id: 'overloadIndex', better: 'lower', label: 'Overload index', unit: 'ratio', definition: 'mean over worker-weeks of work that fell due over contracted hours; above 1 = more due than time' },
  { id: 'overstretchedWeekShare', better: 'lower', label: 'Overstretched weeks', unit: 'share', definition: 'share of worker-weeks with overload index above 1' },
  { id: 'droppedOutShare', better: 'lower', label: 'Dropped out before first appointment', unit: 'share', definition: 'patients leaving the waiting list by dropping out, over all leaving it, in the window' },
  { id: 'unmetNeedShare', better: 'lower', label: 'Discharged with unmet need', unit: 'share', definition: 'patients discharged at the session cap with sessions still needed, over all discharged' },
  { id: 'stillWaitingAtEnd', better: 'lower', label: 'Still waiting at the horizon', unit: 'patients', definition: 'patients on the waiting list when the run ends (not in waitDays)' },
  { id: 'needMetShare', better: 'higher', label: 'Need met', unit: 'share', definition: 'episodes ending in the window with the need met (discharged with the support found fitting, or resolved at triage), over all episodes ending (discharged, declined, redirected, resolved, dropped out)' },
  { id: 'needsMetPerYear', better: 'higher', label: 'Needs met', unit: 'people per year', definition: 'episodes ending in the window with the need met (as in needMetShare), per year: people helped' },
  { id: 'declinedShare', better: null, label: 'Declined or redirected', unit: 'share', definition: 'referrals declined as inappropriate or redirected at triage, over referrals in the window' },
  { id: 'reReferralShare', better: 'lower', label: 'Re-referrals', unit: 'share', definition: 're-referrals of patients discharged with unmet need, over all referrals in the window' },
  { id: 'capExtendedShare', better: null, label: 'Cap extended', unit: 'share', definition: 'patients whose session cap was extended, over patients discharged' },
  { id: 'outOfRemitHoursPerWorkerWeek', better: null, label: 'Out-of-remit work', unit: 'h per worker-week', definition: 'hours spent on accepted out-of-remit requests per worker per week' },
  { id: 'travelHoursPerWorkerWeek', better: null, label: 'Travel', unit: 'h per worker-week', definition: 'hours travelling to home visits per worker per week' },
  { id: 'networkingSqueezedShare', better: 'lower', label: 'Networking squeezed', unit: 'share', definition: 'share of planned networking time used for patients instead' },
  { id: 'communityKnowledge', better: 'higher', label: 'Community knowledge', unit: '0–1', definition: 'mean over worker-weeks of the workers\' knowledge of community support' },
  { id: 'stress', better: 'lower', label: 'Stress', unit: '0–1', definition: 'mean over worker-weeks of worker stress' },
  { id: 'satisfaction', better: 'higher', label: 'Job satisfaction', unit: '0–1', definition: 'mean over worker-weeks of job satisfaction' },
  { id: 'turnoverPerYear', better: 'lower', label: 'Turnover', unit: 'leavers per post-year', definition: 'link workers leaving per post per year' },
  { id: 'vacancyDays', better: 'lower', label: 'Vacancy', unit: 'days per post-year', definition: 'days a post stands vacant per post per year' },
  { id: 'costPerYear', better: 'lower', label: 'Cost a year', unit: 'GBP', definition: 'what the service costs a year (costs section): every post\'s WTE × salary with on-costs, plus fixed costs, plus recruitment per vacancy for the leavers of the year' },
  { id: 'costPerPatientSeen', better: 'lower', label: 'Cost per patient seen', unit: 'GBP', definition: 'cost a year over first appointments held a year (patients seen)' },
  { id: 'costPerNeedMet', better: 'lower', label: 'Cost per need met', unit: 'GBP', definition: 'cost a year over needs met a year (needsMetPerYear)' },
] as const;

export type MetricId = (typeof METRICS)[number]['id'];
export type Direction = 'lower' | 'higher' | null;
export const METRIC_BY_ID = Object.fromEntries(METRICS.map((m) => [m.id, m])) as Record<MetricId, { id: MetricId; better: Direction; label: string; unit: string; definition: string }>;
export type MetricValues = Record<MetricId, number>;

/** Metrics computed from the scenario's `costs` and the other metrics of the replication (src/model/costs.ts), not observed. */
export const COST_METRIC_IDS = ['costPerYear', 'costPerPatientSeen', 'costPerNeedMet'] as const;
export type CostMetricId = (typeof COST_METRIC_IDS)[number];
/** What the statistics observe: every metric but the cost metrics. */
export type OutcomeValues = Omit<MetricValues, CostMetricId>;

export const METRIC_IDS: readonly MetricId[] = METRICS.map((m) => m.id);

/** Weekly series recorded for every replication (time-averages within each week). */
export const SERIES = ['waitingList', 'caseloadPerWorker', 'overloadIndex', 'referrals'] as const;
export type SeriesId = (typeof SERIES)[number];
