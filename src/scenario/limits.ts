/**
 * Bounds of every scenario field: large enough for any real service, small enough that every
 * draw, mean and count stays finite and every run ends. Each bound's message says why it is there.
 */
// Upper bounds where no real service can go; each is listed in README ("Input limits").

export const LIMITS = {
  /** Longest text: names are folder and chart labels. */
  nameChars: 100,
  textChars: 10_000,
  referralsPerMonth: 100_000,
  annualGrowth: 1,
  monthMultiplier: 12,
  practices: 1_000,
  posts: 5_000,
  caseloadPerWorker: 1_000,
  initialPatients: 100_000,
  waitingList: 100_000,
  annualLeaveDays: 260,
  minutesPerSession: 480,
  hoursPerWeek: 168,
  monthsInRole: 600,
  sessionsNeeded: 100,
  daysBetweenSessions: 365,
  patienceDays: 3_650,
  sessionCap: 1_000,
  maxCaseload: 100_000,
  years: 200,
  replications: 10_000,
  rotaBlocks: 1_000,
  /** Every number inside a distribution: keeps every draw, mean and variance finite. */
  distributionParameter: 1e9,
  /** Smallest lognormal mean (with sd up to 1e9 its underlying σ stays finite). */
  lognormalMinMean: 1e-6,
  empiricalValues: 10_000,
  /** A truncated normal must keep at least this much of its parent's probability. */
  truncatedNormalMinMass: 1e-6,
} as const;
