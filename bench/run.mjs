#!/usr/bin/env node
/**
 * `npm run bench`: Goldilocks side by side with SimPy on the same machine, in one run.
 *
 *   1. Engine: the kernel alone on M/M/c (events/s, customers/s on one core) beside a bare
 *      binary heap in plain JS (bench/bare-heap.mjs), the physical limit for an event calendar.
 *   2. M/M/c peer: the same queue in SimPy (bench/peers/mmc_simpy.py); waits with 95 % CIs, speed.
 *   3. Link-worker inner loop: bench/linkworker.yaml in Goldilocks and the same service in SimPy
 *      (bench/peers/linkworker_simpy.py) at 25, 60 and 90 referrals a month, 20 replications ×
 *      10 years, simulation time only, in-process in both tools; mean wait, caseload per worker
 *      and utilisation must agree (95 % CIs overlap). Beside it, the floor (bench/floor.mjs): the
 *      replication's random draws and calendar alone, against the 30× budget.
 *   4. Link-worker whole process at 60 a month: `node bin/goldilocks run … --no-charts` against
 *      `python3 linkworker_simpy.py …`, wall time of the whole command.
 *   5. Start-up: `goldilocks --version`, `validate` and `run --no-charts --reps 1 --years 1` of the
 *      default scenario, whole process, against bare `node -e 0` (median of 5 each).
 *   6. Team-size scaling: the default scenario with 2 … 1000 posts (bench/team-scale.mjs).
 *   7. Scale: a sweep of 200 points × 10 replications × 5 years on 1 and 2 worker threads.
 *   8. Memory: peak RSS of the default scenario over 1 and 50 years (separate processes).
 *
 * Every row states its target and whether it is met. `--quick` shrinks every size (a smoke
 * test of the bench itself: its ratios are not the figures to quote).
 * Writes output/bench/bench.json and output/bench/bench.md, and prints the tables.
 * Not part of `npm test`: timings belong here, never in unit tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism, cpus, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEngineMMc } from './engine-mmc.mjs';
import { bareHeapEventsPerSecond } from './bare-heap.mjs';
import { teamScaling } from './team-scale.mjs';
import { topSelfTime } from './profile.mjs';
import { eventCounts } from './event-counts.mjs';
import { innerLoopFloor } from './floor.mjs';
import { TARGETS } from './targets.mjs';
import { readFileSync } from 'node:fs';
import { loadScenarioFile } from '../dist/scenario/load.js';
import { runScenario, runSettings } from '../dist/experiment/replications.js';
import { summarise } from '../dist/experiment/summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // team-scale.mjs and the CLI runs use paths relative to the repository
const PYTHON = '/usr/bin/python3';
const GOLDILOCKS = join(root, 'bin/goldilocks');
const quick = process.argv.includes('--quick'); // smaller sizes, for a smoke test of the bench itself
const log = (msg) => process.stderr.write(`${msg}\n`);
const STEPS = 9;

function ensureSimPy() {
  const probe = () => spawnSync(PYTHON, ['-c', 'import simpy; print(simpy.__version__)'], { encoding: 'utf8' });
  let r = probe();
  if (r.status === 0) return r.stdout.trim();
  log('SimPy is missing: installing Debian package python3-simpy3 (apt-get) ...');
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'ignore' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'python3-simpy3'], { stdio: 'ignore' });
  r = probe();
  if (r.status === 0) return r.stdout.trim();
  log(`SimPy could not be installed (${r.stderr?.trim() || 'no /usr/bin/python3'}): the SimPy comparisons are skipped.`);
  return null;
}

function python(script, args) {
  const r = spawnSync(PYTHON, [join(root, 'bench/peers', script), ...args.map(String)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Wall seconds of a whole command (spawn to exit). */
function wall(cmd, args, env = {}) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args.map(String), { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, CI: 'true', ...env } });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return seconds;
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const medianWall = (n, cmd, args) => median(Array.from({ length: n }, () => wall(cmd, args)));

const ci = (xs) => {
  const s = summarise(xs.map((x) => (x === null ? NaN : x)));
  return { mean: s.mean, ci95: s.ci95 };
};
const overlap = (a, b) => a.ci95[0] <= b.ci95[1] && b.ci95[0] <= a.ci95[1];
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const fmtCi = (s, d = 2) => `${fmt(s.mean, d)} [${fmt(s.ci95[0], d)}, ${fmt(s.ci95[1], d)}]`;
const met = (ok) => (ok === null || ok === undefined ? '–' : ok ? 'met' : '**not met**');

const work = mkdtempSync(join(tmpdir(), 'goldilocks-bench-'));

// ------------------------------------------------------------------ 1. engine and the bare heap
log(`1/${STEPS} engine: kernel-only M/M/c and a bare binary heap ...`);
runEngineMMc({ reps: 1, horizon: 2e6 }); // JIT warm-up
const engine = runEngineMMc({ reps: 5, horizon: quick ? 2e6 : 2e7 });
bareHeapEventsPerSecond({ events: 2e6, pending: 3 }); // JIT warm-up
const heapEvents = quick ? 5e6 : 2e7;
// Bare heap at the calendar size of M/M/c with 2 servers (≤ 3 pending) and at a link-worker
// model's (a referral, sessions, a caseload of follow-ups: tens pending).
const bareSmall = [0, 1, 2].map(() => bareHeapEventsPerSecond({ events: heapEvents, pending: 3 })).reduce((b, r) => (r.seconds < b.seconds ? r : b));
const bareModel = [0, 1, 2].map(() => bareHeapEventsPerSecond({ events: heapEvents, pending: 64 })).reduce((b, r) => (r.seconds < b.seconds ? r : b));

// ------------------------------------------------------------------ 2. M/M/c vs SimPy
const simpyVersion = ensureSimPy();
const mmcArgs = { servers: 2, lambda: (0.8 * 2) / 60, meanService: 60, horizon: quick ? 5e5 : 4e6, reps: 5, seed: 1 };
log(`2/${STEPS} M/M/c: Goldilocks kernel and SimPy ...`);
const mmcGoldilocks = [runEngineMMc({ ...mmcArgs }), runEngineMMc({ ...mmcArgs }), runEngineMMc({ ...mmcArgs })].reduce((b, r) =>
  r.wallSeconds < b.wallSeconds ? r : b,
);
const mmcSimpy = simpyVersion
  ? python('mmc_simpy.py', [
      '--servers',
      mmcArgs.servers,
      '--arrival-rate-per-minute',
      mmcArgs.lambda,
      '--mean-service-minutes',
      mmcArgs.meanService,
      '--horizon-minutes',
      mmcArgs.horizon,
      '--warmup-minutes',
      0,
      '--reps',
      mmcArgs.reps,
      '--seed',
      1,
    ])
  : null;

// ------------------------------------------------------------------ 3. link-worker inner loop
const RATES = [25, 60, 90];
const lwYears = quick ? 2 : 10;
const lwReps = quick ? 10 : 20;
const LW_WARMUP = 182;
const rateSet = (rate) => `referrals.practices.0.referralsPerMonth=${rate}`;
log(`3/${STEPS} link-worker inner loop: ${lwReps} replications × ${lwYears} years at ${RATES.join(' / ')} referrals a month, Goldilocks and SimPy ...`);
const lwScenario = (rate) => loadScenarioFile(join(root, 'bench/linkworker.yaml'), [rateSet(rate)]).scenario;
{
  const s = lwScenario(60);
  runScenario(s, runSettings(s, { years: 2, replications: 2, warmupDays: LW_WARMUP })); // JIT warm-up
}
const innerRuns = quick ? 1 : 3; // Goldilocks: best of three (identical results, noisy timings)
const simpyRuns = 1; // SimPy: one run per rate (seconds each, and the machine is shared)
const linkWorker = [];
for (const rate of RATES) {
  const scenario = lwScenario(rate);
  const settings = runSettings(scenario, { years: lwYears, replications: lwReps, warmupDays: LW_WARMUP });
  let results;
  let seconds = Infinity;
  for (let k = 0; k < innerRuns; k++) {
    const t0 = performance.now();
    results = runScenario(scenario, settings);
    seconds = Math.min(seconds, (performance.now() - t0) / 1000);
  }
  const events = results.replications.reduce((n, r) => n + r.diagnostics.events, 0);
  const patients = results.replications.reduce((n, r) => n + r.diagnostics.created, 0);
  let simpy = null;
  if (simpyVersion) {
    for (let k = 0; k < simpyRuns; k++) {
      const r = python('linkworker_simpy.py', ['--years', lwYears, '--warmup-days', LW_WARMUP, '--reps', lwReps, '--seed', 1, '--referrals-per-month', rate]);
      if (simpy === null || r.wallSeconds < simpy.wallSeconds) simpy = r;
    }
  }
  const g = {
    waitDays: ci(results.replications.map((r) => r.metrics.waitDays)),
    caseloadPerWorker: ci(results.replications.map((r) => r.metrics.caseloadPerWorker)),
    utilisation: ci(results.replications.map((r) => r.metrics.utilisation)),
  };
  const s = simpy ? Object.fromEntries(Object.keys(g).map((k) => [k, ci(simpy.metrics[k])])) : null;
  const agree = s ? Object.fromEntries(Object.keys(g).map((k) => [k, overlap(g[k], s[k])])) : null;
  linkWorker.push({
    referralsPerMonth: rate,
    goldilocks: { wallSeconds: seconds, events, eventsPerSecond: events / seconds, patients, patientsPerSecond: patients / seconds, metrics: g },
    simpy: simpy
      ? { wallSeconds: simpy.wallSeconds, events: simpy.events, eventsPerSecond: simpy.events / simpy.wallSeconds, patients: simpy.patients, metrics: s }
      : null,
    speedup: simpy ? simpy.wallSeconds / seconds : null,
    outputsAgree: agree,
    allAgree: agree ? Object.values(agree).every(Boolean) : null,
  });
  log(`   ${rate}/month: Goldilocks ${fmt(seconds)} s, SimPy ${simpy ? fmt(simpy.wallSeconds) : '–'} s`);
}

// Where the inner loop's time goes (one extra run at 60 a month, profiled; not timed).
const innerProfile = (() => {
  const scenario = lwScenario(60);
  return topSelfTime(() => runScenario(scenario, runSettings(scenario, { years: lwYears, replications: quick ? 2 : 5, warmupDays: LW_WARMUP })), 8);
})();

// Where the events come from: events by kind and decision epochs per replication (issue 20).
const eventsByKind = RATES.map((rate) => ({
  referralsPerMonth: rate,
  ...eventCounts(lwScenario(rate), { replications: quick ? 2 : lwReps, years: lwYears, warmupDays: LW_WARMUP }),
}));

// The floor under the inner loop (issue 20): the replication's draws and calendar alone, against
// the 30× budget (the peer's time per replication / 30). Measured after the timed runs.
const floors = eventsByKind.map((counts) => ({
  referralsPerMonth: counts.referralsPerMonth,
  ...innerLoopFloor(lwScenario(counts.referralsPerMonth), counts, { years: lwYears, warmupDays: LW_WARMUP }),
}));
for (const f of floors) {
  const row = linkWorker.find((r) => r.referralsPerMonth === f.referralsPerMonth);
  f.budgetMs = row?.simpy ? (1000 * row.simpy.wallSeconds) / lwReps / TARGETS.innerLoopVsSimPy : null;
  f.floorShareOfBudget = f.budgetMs ? f.floorMs / f.budgetMs : null;
  f.modelMs = row ? (1000 * row.goldilocks.wallSeconds) / lwReps : null;
}

// ------------------------------------------------------------------ 4. link-worker whole process
const WHOLE_RATE = 60;
log(`4/${STEPS} link-worker whole process at ${WHOLE_RATE} a month: goldilocks run vs python3 linkworker_simpy.py ...`);
const wholeG = wall(process.execPath, [
  GOLDILOCKS,
  'run',
  'bench/linkworker.yaml',
  '--no-charts',
  '--reps',
  lwReps,
  '--years',
  lwYears,
  '--warmup-days',
  LW_WARMUP,
  '--seed',
  1,
  '--set',
  rateSet(WHOLE_RATE),
  '--out',
  join(work, 'lw-run'),
]);
const wholeS = simpyVersion
  ? wall(PYTHON, [
      join(root, 'bench/peers/linkworker_simpy.py'),
      '--years',
      lwYears,
      '--warmup-days',
      LW_WARMUP,
      '--reps',
      lwReps,
      '--seed',
      1,
      '--referrals-per-month',
      WHOLE_RATE,
    ])
  : NaN;

// ------------------------------------------------------------------ 5. start-up
const startRuns = 5;
log(`5/${STEPS} start-up: node -e 0, --version, validate, run --reps 1 --years 1 (median of ${startRuns}) ...`);
wall(process.execPath, [GOLDILOCKS, '--version']); // warm the file cache
const startup = {
  nodeBare: medianWall(startRuns, process.execPath, ['-e', '0']),
  version: medianWall(startRuns, process.execPath, [GOLDILOCKS, '--version']),
  validate: medianWall(startRuns, process.execPath, [GOLDILOCKS, 'validate', 'scenarios/default.yaml']),
  runOneYear: medianWall(startRuns, process.execPath, [GOLDILOCKS, 'run', '--no-charts', '--reps', 1, '--years', 1, '--out', join(work, 'run-1y')]),
};
const STARTUP_RUN_TARGET = TARGETS.startupRunSeconds;

// ------------------------------------------------------------------ 6. team-size scaling
log(`6/${STEPS} team-size scaling: default scenario, 2 … 1000 posts ...`);
const team = teamScaling([2, 20, 200, 1000], quick ? 200 : 2000);
const teamRatio = team.at(-1).msPerPostYear / team[0].msPerPostYear;
const TEAM_TARGET = TARGETS.teamCostRatio;

// ------------------------------------------------------------------ 7. sweep scaling
log(`7/${STEPS} sweep: 200 points × ${quick ? 2 : 10} replications × ${quick ? 1 : 5} years on 1 and 2 workers ...`);
const sweepFile = join(work, 'sweep-bench.yaml');
writeFileSync(
  sweepFile,
  `name: sweep-bench
base: ${join(root, 'scenarios/default.yaml')}
factors:
  - path: referrals.practices.0.referralsPerMonth
    range: { from: 5, to: 24, steps: 20 }
  - path: policy.sessionCap
    values: [2, 3, 4, 5, 6, 7, 8, 10, 12, open]
replications: ${quick ? 2 : 10}
years: ${quick ? 1 : 5}
warmupDays: 182
`,
);
const timeSweep = (workers) =>
  wall(process.execPath, [GOLDILOCKS, 'sweep', sweepFile, '--workers', workers, '--no-charts', '--out', join(work, `w${workers}`)]);
const sweep1 = timeSweep(1);
const sweep2 = timeSweep(2);

// ------------------------------------------------------------------ 8b. every core: run, compare, explore
log(`8/${STEPS} cores: run, compare of 3 designs and explore, whole process, on 1 and 2 workers ...`);
const coreYears = quick ? 1 : 5;
const coreReps = quick ? 4 : 20;
const coreJobs = [
  { name: `\`run\` (${coreReps} reps × ${coreYears} y, 60/month)`, args: ['run', 'bench/linkworker.yaml', '--set', rateSet(60)] },
  {
    name: `\`compare\` of 3 designs (${coreReps} reps × ${coreYears} y each)`,
    args: ['compare', 'scenarios/compare-open.yaml', 'scenarios/compare-capped.yaml', 'scenarios/compare-two-workers.yaml'],
  },
  { name: `\`explore\` (11 levels × ${coreReps} reps × ${coreYears} y)`, args: ['explore', 'scenarios/default.yaml'] },
];
const cores = coreJobs.map((j) => {
  const time = (workers) =>
    wall(process.execPath, [
      GOLDILOCKS,
      ...j.args,
      '--no-charts',
      '--reps',
      coreReps,
      '--years',
      coreYears,
      '--workers',
      workers,
      '--out',
      join(work, `cores-${workers}`),
    ]);
  const one = Math.min(time(1), time(1));
  const two = Math.min(time(2), time(2));
  return { job: j.name, oneWorkerSeconds: one, twoWorkerSeconds: two, speedup: one / two };
});

// ------------------------------------------------------------------ 8. memory
log(`9/${STEPS} memory: default scenario over 1 and ${quick ? 10 : 50} years ...`);
function peakRss(years) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench/memory-child.mjs'), String(years)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const mem1 = peakRss(1);
const mem50 = peakRss(quick ? 10 : 50);
rmSync(work, { recursive: true, force: true });

// ------------------------------------------------------------------ report
const mmcWaitG = ci(mmcGoldilocks.waits);
const mmcWaitS = mmcSimpy ? ci(mmcSimpy.metrics.waitMinutes) : null;
const mmcGoldilocksRate = mmcGoldilocks.customersPerSecond;
const mmcSimpyRate = mmcSimpy ? mmcSimpy.customers / mmcSimpy.wallSeconds : NaN;
const lwMid = linkWorker.find((r) => r.referralsPerMonth === WHOLE_RATE);
const INNER_TARGET = TARGETS.innerLoopVsSimPy;
const WHOLE_TARGET = TARGETS.wholeProcessVsSimPy;
const sweepPoints = 200;
const sweepProjected1000 = (sweep2 * 1000) / sweepPoints;

const bench = {
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    availableParallelism: availableParallelism(),
    loadAverage1m: loadavg()[0],
    node: process.version,
    simpy: simpyVersion,
    quick,
  },
  engineCustomersPerSecond: Math.round(engine.customersPerSecond),
  engineEventsPerSecond: Math.round(engine.eventsPerSecond),
  bareHeap: {
    pendingSmall: bareSmall.pending,
    eventsPerSecondSmall: bareSmall.eventsPerSecond,
    pendingModel: bareModel.pending,
    eventsPerSecondModel: bareModel.eventsPerSecond,
  },
  mmc: {
    horizonMinutes: mmcArgs.horizon,
    replications: mmcArgs.reps,
    goldilocks: {
      wallSeconds: mmcGoldilocks.wallSeconds,
      eventsPerSecond: mmcGoldilocks.eventsPerSecond,
      customersPerSecond: mmcGoldilocksRate,
      waitMinutes: mmcWaitG,
    },
    simpy: mmcSimpy
      ? { wallSeconds: mmcSimpy.wallSeconds, eventsPerSecond: mmcSimpy.events / mmcSimpy.wallSeconds, customersPerSecond: mmcSimpyRate, waitMinutes: mmcWaitS }
      : null,
    waitsAgree: mmcWaitS ? overlap(mmcWaitG, mmcWaitS) : null,
  },
  mmcSpeedupVsSimPy: mmcSimpy ? mmcGoldilocksRate / mmcSimpyRate : null,
  linkWorker: {
    years: lwYears,
    replications: lwReps,
    warmupDays: LW_WARMUP,
    rates: linkWorker,
    innerLoopTarget: INNER_TARGET,
    profileTopSelfTime: innerProfile,
    eventsByKind,
    floor: floors,
  },
  /** Inner-loop ratio (simulation time, in-process) at 60 referrals a month. */
  modelSpeedupVsSimPy: lwMid?.speedup ?? null,
  modelSpeedupVsSimPyByRate: Object.fromEntries(linkWorker.map((r) => [r.referralsPerMonth, r.speedup])),
  linkWorkerWholeProcess: {
    referralsPerMonth: WHOLE_RATE,
    goldilocksSeconds: wholeG,
    simpySeconds: Number.isFinite(wholeS) ? wholeS : null,
    speedup: Number.isFinite(wholeS) ? wholeS / wholeG : null,
    target: WHOLE_TARGET,
  },
  startup: {
    ...startup,
    medianOf: startRuns,
    versionRatio: startup.version / startup.nodeBare,
    validateRatio: startup.validate / startup.nodeBare,
    runTargetSeconds: STARTUP_RUN_TARGET,
  },
  teamScaling: { rows: team, ratio1000To2: teamRatio, target: TEAM_TARGET },
  sweep: {
    points: sweepPoints,
    replications: quick ? 2 : 10,
    years: quick ? 1 : 5,
    oneWorkerSeconds: sweep1,
    twoWorkerSeconds: sweep2,
    projected1000PointsTwoWorkersSeconds: sweepProjected1000,
  },
  sweepSpeedupTwoWorkers: sweep1 / sweep2,
  peakRssMbOneYear: mem1.peakRssMb,
  peakRssMbFiftyYears: mem50.peakRssMb,
  memory: { oneYear: mem1, fiftyYears: mem50 },
  cores: { rows: cores, target: TARGETS.jobSpeedupTwoWorkers },
};

const lwSize = `${lwReps} × ${lwYears} y`;
const rows = [
  [
    'Engine (kernel only) M/M/c',
    `${fmt(engine.customersPerSecond / 1e6)} M customers/s, ${fmt(engine.eventsPerSecond / 1e6)} M events/s`,
    `bare binary heap (${bareSmall.pending} pending, the physical limit): ${fmt(bareSmall.eventsPerSecond / 1e6)} M events/s; kernel at ${fmt((100 * engine.eventsPerSecond) / bareSmall.eventsPerSecond, 0)} %`,
    `≥ ${TARGETS.engineCustomersPerSecond / 1e6} M customers/s`,
    met(engine.customersPerSecond >= TARGETS.engineCustomersPerSecond),
  ],
  [
    'M/M/c Goldilocks vs SimPy',
    `${fmt(mmcGoldilocksRate / 1e6, 3)} M customers/s`,
    `SimPy ${fmt(mmcSimpyRate / 1e6, 3)} M customers/s = ${fmt(bench.mmcSpeedupVsSimPy, 1)}×; waits ${fmtCi(mmcWaitG)} vs ${mmcWaitS ? fmtCi(mmcWaitS) : '–'} min`,
    'waits agree (95 % CIs overlap)',
    met(bench.mmc.waitsAgree),
  ],
];
for (const r of linkWorker) {
  rows.push([
    `Link-worker inner loop, ${r.referralsPerMonth}/month (${lwSize})`,
    `${fmt(r.goldilocks.wallSeconds)} s, ${fmt(r.goldilocks.eventsPerSecond / 1e6)} M events/s (bare heap, ${bareModel.pending} pending: ${fmt(bareModel.eventsPerSecond / 1e6)} M)`,
    r.simpy ? `SimPy ${fmt(r.simpy.wallSeconds)} s = ${fmt(r.speedup, 1)}×` : 'SimPy –',
    `≥ ${INNER_TARGET}×`,
    met(r.speedup === null ? null : r.speedup >= INNER_TARGET),
  ]);
  const g = r.goldilocks.metrics;
  const s = r.simpy?.metrics;
  const dp = r.referralsPerMonth >= 90 ? 1 : 2;
  rows.push([
    `&nbsp;&nbsp;outputs at ${r.referralsPerMonth}/month: wait (days), caseload/worker, utilisation`,
    `${fmtCi(g.waitDays, dp)}; ${fmtCi(g.caseloadPerWorker)}; ${fmtCi(g.utilisation, 3)}`,
    s ? `SimPy ${fmtCi(s.waitDays, dp)}; ${fmtCi(s.caseloadPerWorker)}; ${fmtCi(s.utilisation, 3)}` : 'SimPy –',
    'all three agree (95 % CIs overlap)',
    met(r.allAgree),
  ]);
}
{
  const f = floors.find((x) => x.referralsPerMonth === WHOLE_RATE);
  rows.push([
    `Link-worker floor, ${WHOLE_RATE}/month: its draws and calendar alone`,
    `${fmt(f.floorMs)} ms a replication (draws ${fmt(f.drawsMs)}, calendar ${fmt(f.calendarMs)}); the model ${fmt(f.modelMs)} ms`,
    f.budgetMs
      ? `30× SimPy leaves ${fmt(f.budgetMs)} ms a replication: the floor is ${fmt(100 * f.floorShareOfBudget, 0)} % of it (${floors.map((x) => `${x.referralsPerMonth}/month ${fmt(100 * x.floorShareOfBudget, 0)} %`).join(', ')})`
      : 'SimPy –',
    'reference',
    '–',
  ]);
}
rows.push(
  [
    `Link-worker whole process, ${WHOLE_RATE}/month (${lwSize})`,
    `\`goldilocks run --no-charts\` ${fmt(wholeG)} s`,
    `\`python3 linkworker_simpy.py\` ${fmt(wholeS)} s = ${fmt(bench.linkWorkerWholeProcess.speedup, 1)}×`,
    `≥ ${WHOLE_TARGET}×`,
    met(bench.linkWorkerWholeProcess.speedup === null ? null : bench.linkWorkerWholeProcess.speedup >= WHOLE_TARGET),
  ],
  ['Start-up: bare `node -e 0`', `${fmt(startup.nodeBare, 3)} s`, `median of ${startRuns}, whole process`, 'reference', '–'],
  [
    'Start-up: `goldilocks --version`',
    `${fmt(startup.version, 3)} s`,
    `${fmt(bench.startup.versionRatio, 1)}× node -e 0`,
    `≤ ${TARGETS.startupVsBareNode}× node -e 0`,
    met(bench.startup.versionRatio <= TARGETS.startupVsBareNode),
  ],
  [
    'Start-up: `validate scenarios/default.yaml`',
    `${fmt(startup.validate, 3)} s`,
    `${fmt(bench.startup.validateRatio, 1)}× node -e 0`,
    `≤ ${TARGETS.startupVsBareNode}× node -e 0`,
    met(bench.startup.validateRatio <= TARGETS.startupVsBareNode),
  ],
  [
    'Start-up: `run --no-charts --reps 1 --years 1`',
    `${fmt(startup.runOneYear, 3)} s`,
    `${fmt(startup.runOneYear / startup.nodeBare, 1)}× node -e 0`,
    `≤ ${STARTUP_RUN_TARGET} s`,
    met(startup.runOneYear <= STARTUP_RUN_TARGET),
  ],
  [
    'Team size: cost per post-year, 1000 vs 2 posts',
    team.map((t) => `${t.posts}: ${fmt(t.msPerPostYear, 2)}`).join(', ') + ' ms/post-year',
    `ratio ${fmt(teamRatio)}`,
    `≤ ${TEAM_TARGET} (cost must not grow with the team)`,
    met(teamRatio <= TEAM_TARGET),
  ],
  [
    `Sweep 200 pts × ${bench.sweep.replications} reps × ${bench.sweep.years} y`,
    `${fmt(sweep1, 1)} s (1 worker), ${fmt(sweep2, 1)} s (2 workers)`,
    `speed-up ${fmt(bench.sweepSpeedupTwoWorkers)}×; 1,000 points ≈ ${fmt(sweepProjected1000, 0)} s on 2 workers${quick ? ' (quick sizes)' : ''}`,
    `≥ ${TARGETS.sweepSpeedupTwoWorkers}× with 2 workers; 1,000 pts × 10 × 5 y ≤ ${TARGETS.sweep1000PointsSeconds} s`,
    quick
      ? met(bench.sweepSpeedupTwoWorkers >= TARGETS.sweepSpeedupTwoWorkers) + ' (speed-up only)'
      : met(bench.sweepSpeedupTwoWorkers >= TARGETS.sweepSpeedupTwoWorkers && sweepProjected1000 <= TARGETS.sweep1000PointsSeconds),
  ],
  ...cores.map((c) => [
    `Every core: ${c.job}`,
    `${fmt(c.oneWorkerSeconds)} s (1 worker), ${fmt(c.twoWorkerSeconds)} s (2 workers)`,
    `speed-up ${fmt(c.speedup)}×, whole process, identical outputs`,
    `≥ ${TARGETS.jobSpeedupTwoWorkers}× with 2 workers`,
    met(c.speedup >= TARGETS.jobSpeedupTwoWorkers),
  ]),
  [
    'Peak RSS, default scenario',
    `${fmt(mem1.peakRssMb, 0)} MB (1 year), ${fmt(mem50.peakRssMb, 0)} MB (${quick ? 10 : 50} years)`,
    `ratio ${fmt(mem50.peakRssMb / mem1.peakRssMb)}`,
    `≤ ${TARGETS.memoryRatio}`,
    met(mem50.peakRssMb / mem1.peakRssMb <= TARGETS.memoryRatio),
  ],
);
const table = ['| measure | Goldilocks | comparison | target | met |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const teamTable = [
  '| posts | replications × 1 year | time | ms per post-year | events/s |',
  '|---|---|---|---|---|',
  ...team.map((t) => `| ${t.posts} | ${t.replications} | ${fmt(t.seconds)} s | ${fmt(t.msPerPostYear)} | ${fmt(t.eventsPerSecond / 1e6)} M |`),
].join('\n');
const header = `Machine: ${bench.machine.cpus} × ${bench.machine.cpuModel ?? '?'}, Node ${process.version}, SimPy ${simpyVersion ?? '–'}, load average ${fmt(bench.machine.loadAverage1m, 1)} at the end${quick ? '; --quick sizes (smoke test, not the figures to quote)' : ''}.`;
const innerMissed = linkWorker.some((r) => r.speedup !== null && r.speedup < INNER_TARGET);
const profileMd = innerMissed
  ? `\n\nThe inner loop misses its target; its profile at 60 a month (self time, top ${innerProfile.length}):\n\n| function | self time |\n|---|---|\n${innerProfile.map((p) => `| \`${p.where}\` | ${fmt(100 * p.share, 1)} % |`).join('\n')}`
  : '';
const kinds = Object.keys(eventsByKind[0].byKind);
const eventsMd = [
  `\n\nEvents and decision epochs per replication of the inner loop (${lwYears} years, mean of ${eventsByKind[0].replications} replications), by kind:\n`,
  `| events per replication | ${eventsByKind.map((e) => `${e.referralsPerMonth}/month`).join(' | ')} |`,
  `|---|${eventsByKind.map(() => '---').join('|')}|`,
  ...kinds.map((k) => `| \`${k}\` | ${eventsByKind.map((e) => fmt(e.byKind[k] / 1000, 1) + ' k').join(' | ')} |`),
  `| all events | ${eventsByKind.map((e) => `${fmt(e.events / 1000, 1)} k`).join(' | ')} |`,
  `| decision epochs | ${eventsByKind.map((e) => `${fmt(e.decisionEpochs / 1000, 1)} k`).join(' | ')} |`,
].join('\n');
const md = `${header}\n\n${table}${profileMd}${eventsMd}\n\nTeam-size scaling (default scenario, 18 referrals a month per post, in-process):\n\n${teamTable}\n`;
const outDir = join(root, 'output/bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench.json'), JSON.stringify(bench, null, 2) + '\n');
writeFileSync(join(outDir, 'bench.md'), md);
// The README's bench table is this run's (a full run only: --quick sizes are not figures to quote).
const README = join(root, 'README.md');
const BEGIN = '<!-- bench:begin (written by npm run bench; tests/docs/bench-table.test.ts checks its rows) -->';
const END = '<!-- bench:end -->';
let readmeNote = '';
if (!quick) {
  const text = readFileSync(README, 'utf8');
  const from = text.indexOf('<!-- bench:begin');
  const to = text.indexOf(END);
  if (from >= 0 && to > from) {
    const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
    const stamp = `Goldilocks ${version}, measured ${new Date().toISOString().slice(0, 10)}. ${header}`;
    writeFileSync(README, `${text.slice(0, from)}${BEGIN}\n${stamp}\n\n${table}${profileMd}${eventsMd}\n${END}${text.slice(to + END.length)}`);
    readmeNote = ', README.md (bench table)';
  }
}
process.stdout.write(`${md}\nWritten: output/bench/bench.json, output/bench/bench.md${readmeNote}\n`);
