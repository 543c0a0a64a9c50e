/**
 * The bench's targets (issue 12), shared by bench/run.mjs, which measures against them, and by
 * tests/docs/bench-table.test.ts, which checks that the README's bench table has every row with
 * its current target (so a changed target without a new bench run is noticed).
 */
export const TARGETS = {
  engineCustomersPerSecond: 4e6,
  innerLoopVsSimPy: 30,
  wholeProcessVsSimPy: 8,
  startupVsBareNode: 2,
  startupRunSeconds: 0.35,
  teamCostRatio: 1.5,
  sweepSpeedupTwoWorkers: 1.8,
  sweep1000PointsSeconds: 60,
  memoryRatio: 1.5,
  /** run, compare and explore on 2 workers against 1, whole process (issue 18). */
  jobSpeedupTwoWorkers: 1.6,
};

const T = TARGETS;
/** [start of the row's measure, its target cell] for every row of the table. */
export const ROWS = [
  ['Engine (kernel only) M/M/c', `≥ ${T.engineCustomersPerSecond / 1e6} M customers/s`],
  ['M/M/c Goldilocks vs SimPy', 'waits agree (95 % CIs overlap)'],
  ...[25, 60, 90].flatMap((rate) => [
    [`Link-worker inner loop, ${rate}/month`, `≥ ${T.innerLoopVsSimPy}×`],
    [`&nbsp;&nbsp;outputs at ${rate}/month`, 'all three agree (95 % CIs overlap)'],
  ]),
  ['Link-worker floor, 60/month', 'reference'],
  ['Link-worker whole process, 60/month', `≥ ${T.wholeProcessVsSimPy}×`],
  ['Start-up: bare `node -e 0`', 'reference'],
  ['Start-up: `goldilocks --version`', `≤ ${T.startupVsBareNode}× node -e 0`],
  ['Start-up: `validate scenarios/default.yaml`', `≤ ${T.startupVsBareNode}× node -e 0`],
  ['Start-up: `run --no-charts --reps 1 --years 1`', `≤ ${T.startupRunSeconds} s`],
  ['Team size: cost per post-year, 1000 vs 2 posts', `≤ ${T.teamCostRatio} (cost must not grow with the team)`],
  ['Sweep 200 pts', `≥ ${T.sweepSpeedupTwoWorkers}× with 2 workers; 1,000 pts × 10 × 5 y ≤ ${T.sweep1000PointsSeconds} s`],
  ['Every core: `run`', `≥ ${T.jobSpeedupTwoWorkers}× with 2 workers`],
  ['Every core: `compare`', `≥ ${T.jobSpeedupTwoWorkers}× with 2 workers`],
  ['Every core: `explore`', `≥ ${T.jobSpeedupTwoWorkers}× with 2 workers`],
  ['Peak RSS, default scenario', `≤ ${T.memoryRatio}`],
];
