#!/usr/bin/env node
/**
 * `npm run bench`: Goldilocks side by side with SimPy on the same machine, in one run.
 *
 *   1. Engine: the kernel alone on M/M/c — events/s and customers/s on one core.
 *   2. M/M/c peer: the same queue in SimPy (bench/peers/mmc_simpy.py), same horizon and
 *      replications; mean waits of both with 95 % CIs, and the speed ratio.
 *   3. Link-worker peer: bench/linkworker.yaml in Goldilocks and the same service in SimPy
 *      (bench/peers/linkworker_simpy.py); mean wait, caseload and utilisation with CIs.
 *   4. Scale: a sweep of 200 points × 10 replications × 5 years on 1 and 2 worker threads.
 *   5. Memory: peak RSS of the default scenario over 1 and 50 years (separate processes).
 *
 * Writes output/bench/bench.json and output/bench/bench.md, and prints the table.
 * Not part of `npm test`: timings belong here, never in unit tests.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, availableParallelism, cpus } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runEngineMMc } from './engine-mmc.mjs';
import { loadScenarioFile } from '../dist/scenario/load.js';
import { runScenario, runSettings } from '../dist/experiment/replications.js';
import { summarise } from '../dist/experiment/summary.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = '/usr/bin/python3';
const quick = process.argv.includes('--quick'); // smaller sizes, for a smoke test of the bench itself
const log = (msg) => process.stderr.write(`${msg}\n`);

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

const ci = (xs) => {
  const s = summarise(xs);
  return { mean: s.mean, ci95: s.ci95 };
};
const overlap = (a, b) => a.ci95[0] <= b.ci95[1] && b.ci95[0] <= a.ci95[1];
const fmt = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
const fmtCi = (s, d = 2) => `${fmt(s.mean, d)} [${fmt(s.ci95[0], d)}, ${fmt(s.ci95[1], d)}]`;

// ------------------------------------------------------------------ 1. engine
log('1/5 engine: kernel-only M/M/c ...');
runEngineMMc({ reps: 1, horizon: 2e6 }); // JIT warm-up
const engine = runEngineMMc({ reps: 5, horizon: quick ? 2e6 : 2e7 });

// ------------------------------------------------------------------ 2. M/M/c vs SimPy
const simpyVersion = ensureSimPy();
const mmcArgs = { servers: 2, lambda: (0.8 * 2) / 60, meanService: 60, horizon: quick ? 5e5 : 4e6, reps: 5, seed: 1 };
log('2/5 M/M/c: Goldilocks kernel and SimPy ...');
const mmcGoldilocks = [runEngineMMc({ ...mmcArgs }), runEngineMMc({ ...mmcArgs }), runEngineMMc({ ...mmcArgs })].reduce((b, r) => (r.wallSeconds < b.wallSeconds ? r : b));
const mmcSimpy = simpyVersion
  ? python('mmc_simpy.py', ['--servers', mmcArgs.servers, '--arrival-rate-per-minute', mmcArgs.lambda, '--mean-service-minutes', mmcArgs.meanService, '--horizon-minutes', mmcArgs.horizon, '--warmup-minutes', 0, '--reps', mmcArgs.reps, '--seed', 1])
  : null;

// ------------------------------------------------------------------ 3. link-worker model vs SimPy
log('3/5 link-worker service: Goldilocks model and SimPy ...');
const lw = loadScenarioFile(join(root, 'bench/linkworker.yaml')).scenario;
const lwYears = quick ? 1 : 5;
const lwReps = quick ? 4 : 20;
const lwSettings = runSettings(lw, { years: lwYears, replications: lwReps, warmupDays: 182 });
runScenario(lw, { ...lwSettings, replications: 2 }); // JIT warm-up
// Best of three timed runs for each tool (the results are identical; the timing noise is not).
let lwResults;
let lwWall = Infinity;
for (let k = 0; k < 3; k++) {
  const t0 = performance.now();
  lwResults = runScenario(lw, lwSettings);
  lwWall = Math.min(lwWall, (performance.now() - t0) / 1000);
}
const lwEvents = lwResults.replications.reduce((n, r) => n + r.diagnostics.events, 0);
const lwPatients = lwResults.replications.reduce((n, r) => n + r.diagnostics.created, 0);
const bestOf3 = (run) => [run(), run(), run()].reduce((best, r) => (r.wallSeconds < best.wallSeconds ? r : best));
const lwSimpy = simpyVersion ? bestOf3(() => python('linkworker_simpy.py', ['--years', lwYears, '--warmup-days', 182, '--reps', lwReps, '--seed', 1])) : null;

// ------------------------------------------------------------------ 4. sweep scaling
log('4/5 sweep: 200 points × 10 replications × 5 years on 1 and 2 workers ...');
const work = mkdtempSync(join(tmpdir(), 'goldilocks-bench-'));
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
function timeSweep(workers) {
  const out = join(work, `w${workers}`);
  const started = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'bin/goldilocks'), 'sweep', sweepFile, '--workers', String(workers), '--no-charts', '--out', out], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (r.status !== 0) throw new Error(`sweep failed: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}
const sweep1 = timeSweep(1);
const sweep2 = timeSweep(2);
rmSync(work, { recursive: true, force: true });

// ------------------------------------------------------------------ 5. memory
log('5/5 memory: default scenario over 1 and 50 years ...');
function peakRss(years) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench/memory-child.mjs'), String(years)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
const mem1 = peakRss(1);
const mem50 = peakRss(quick ? 10 : 50);

// ------------------------------------------------------------------ report
const mmcWaitG = ci(mmcGoldilocks.waits);
const mmcWaitS = mmcSimpy ? ci(mmcSimpy.metrics.waitMinutes) : null;
const lwG = {
  waitDays: ci(lwResults.replications.map((r) => r.metrics.waitDays)),
  caseloadPerWorker: ci(lwResults.replications.map((r) => r.metrics.caseloadPerWorker)),
  utilisation: ci(lwResults.replications.map((r) => r.metrics.utilisation)),
};
const lwS = lwSimpy ? Object.fromEntries(Object.entries(lwSimpy.metrics).map(([k, v]) => [k, ci(v)])) : null;
const mmcGoldilocksRate = mmcGoldilocks.customersPerSecond;
const mmcSimpyRate = mmcSimpy ? mmcSimpy.customers / mmcSimpy.wallSeconds : NaN;
const lwGoldilocksRate = lwPatients / lwWall;
const lwSimpyRate = lwSimpy ? lwSimpy.patients / lwSimpy.wallSeconds : NaN;

const bench = {
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, availableParallelism: availableParallelism(), node: process.version, simpy: simpyVersion, quick },
  engineCustomersPerSecond: Math.round(engine.customersPerSecond),
  engineEventsPerSecond: Math.round(engine.eventsPerSecond),
  mmc: {
    horizonMinutes: mmcArgs.horizon,
    replications: mmcArgs.reps,
    goldilocks: { wallSeconds: mmcGoldilocks.wallSeconds, eventsPerSecond: mmcGoldilocks.eventsPerSecond, customersPerSecond: mmcGoldilocksRate, waitMinutes: mmcWaitG },
    simpy: mmcSimpy ? { wallSeconds: mmcSimpy.wallSeconds, eventsPerSecond: mmcSimpy.events / mmcSimpy.wallSeconds, customersPerSecond: mmcSimpyRate, waitMinutes: mmcWaitS } : null,
    waitsAgree: mmcWaitS ? overlap(mmcWaitG, mmcWaitS) : null,
  },
  mmcSpeedupVsSimPy: mmcSimpy ? mmcGoldilocksRate / mmcSimpyRate : null,
  linkWorker: {
    years: lwYears,
    replications: lwReps,
    goldilocks: { wallSeconds: lwWall, eventsPerSecond: lwEvents / lwWall, patientsPerSecond: lwGoldilocksRate, metrics: lwG },
    simpy: lwSimpy ? { wallSeconds: lwSimpy.wallSeconds, eventsPerSecond: lwSimpy.events / lwSimpy.wallSeconds, patientsPerSecond: lwSimpyRate, metrics: lwS } : null,
    outputsAgree: lwS ? Object.fromEntries(Object.keys(lwG).map((k) => [k, overlap(lwG[k], lwS[k])])) : null,
  },
  modelSpeedupVsSimPy: lwSimpy ? lwGoldilocksRate / lwSimpyRate : null,
  sweep: { points: 200, replications: quick ? 2 : 10, years: quick ? 1 : 5, oneWorkerSeconds: sweep1, twoWorkerSeconds: sweep2 },
  sweepSpeedupTwoWorkers: sweep1 / sweep2,
  peakRssMbOneYear: mem1.peakRssMb,
  peakRssMbFiftyYears: mem50.peakRssMb,
  memory: { oneYear: mem1, fiftyYears: mem50 },
};

const rows = [
  ['Engine (kernel only) M/M/c', `${fmt(engine.customersPerSecond / 1e6)} M customers/s, ${fmt(engine.eventsPerSecond / 1e6)} M events/s`, 'target ≥ 4 M customers/s'],
  ['M/M/c Goldilocks vs SimPy', `${fmt(mmcGoldilocksRate / 1e6, 3)} vs ${fmt(mmcSimpyRate / 1e6, 3)} M customers/s = ${fmt(bench.mmcSpeedupVsSimPy, 1)}×`, `waits ${fmtCi(mmcWaitG)} vs ${mmcWaitS ? fmtCi(mmcWaitS) : '–'} min (${bench.mmc.waitsAgree ? 'agree' : 'DIFFER'})`],
  ['Link-worker model vs SimPy', `${fmt(lwGoldilocksRate, 0)} vs ${fmt(lwSimpyRate, 0)} patients/s = ${fmt(bench.modelSpeedupVsSimPy, 1)}×`, 'target ≥ 30×'],
  ['  mean wait (days)', fmtCi(lwG.waitDays), lwS ? `${fmtCi(lwS.waitDays)} (${bench.linkWorker.outputsAgree.waitDays ? 'agree' : 'DIFFER'})` : '–'],
  ['  caseload per worker', fmtCi(lwG.caseloadPerWorker), lwS ? `${fmtCi(lwS.caseloadPerWorker)} (${bench.linkWorker.outputsAgree.caseloadPerWorker ? 'agree' : 'DIFFER'})` : '–'],
  ['  utilisation', fmtCi(lwG.utilisation, 3), lwS ? `${fmtCi(lwS.utilisation, 3)} (${bench.linkWorker.outputsAgree.utilisation ? 'agree' : 'DIFFER'})` : '–'],
  ['Sweep 200 pts × 10 reps × 5 y', `${fmt(sweep1, 1)} s (1 worker), ${fmt(sweep2, 1)} s (2 workers)`, `speed-up ${fmt(bench.sweepSpeedupTwoWorkers)}× (target ≥ 1.8×)`],
  ['Peak RSS, default scenario', `${fmt(mem1.peakRssMb, 0)} MB (1 year), ${fmt(mem50.peakRssMb, 0)} MB (${quick ? 10 : 50} years)`, `ratio ${fmt(mem50.peakRssMb / mem1.peakRssMb)} (target ≤ 1.5)`],
];
const table = ['| measure | Goldilocks | comparison / target |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const outDir = join(root, 'output/bench');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'bench.json'), JSON.stringify(bench, null, 2) + '\n');
writeFileSync(join(outDir, 'bench.md'), `${table}\n`);
process.stdout.write(`${table}\n\nWritten: output/bench/bench.json, output/bench/bench.md\n`);
