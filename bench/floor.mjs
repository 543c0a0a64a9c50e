/**
 * The floor under the link-worker inner loop: what one replication of bench/linkworker.yaml costs
 * before any of the model's logic runs, namely
 *   - its random numbers: the draws the model makes, from the same streams and distributions
 *     (a referral's arrival from the practice's sequential stream, its referral route and sessions
 *     needed from keyed streams; per session its length, attendance and the days to the next),
 *     with the same engine-independent math (src/random/math.ts) and keyed reseeds;
 *   - its calendar: as many pushes and pops of the event calendar (src/engine/event-queue.ts)
 *     as the replication has events, with as many events pending as the model keeps.
 * The counts (patients, sessions, events, pending) come from real replications of the scenario
 * (bench/event-counts.mjs), so the floor follows the model. Issue 20 asks for 30× the SimPy peer: the bench compares this
 * floor with that budget (the peer's time per replication / 30).
 */
import { DAY, LinkWorkerService, YEAR } from '../dist/model/index.js';
import { EventQueue } from '../dist/engine/index.js';
import { KeyedStream, createStream } from '../dist/random/index.js';
import * as math from '../dist/random/math.js';
import { eventCounts } from './event-counts.mjs';

/** The draws of one replication: the model's draw sites for `patients` referrals and `sessions` sessions. */
function drawReplication(params, replication, patients, sessions) {
  const arrivals = createStream(1, replication, 'referrals.practice.0');
  const source = new KeyedStream(1, replication, 'referralSource');
  const needs = new KeyedStream(1, replication, 'sessionsNeeded');
  const length = new KeyedStream(1, replication, 'sessionLength');
  const attendance = new KeyedStream(1, replication, 'didNotAttend');
  const interval = new KeyedStream(1, replication, 'daysBetweenSessions');
  let check = 0;
  for (let i = 0; i < patients; i++) {
    check -= math.log(1 - arrivals.next());
    check += source.at(i, 0).next();
    check += params.needs.sample(needs.at(i, 0));
  }
  const perPatient = Math.max(1, Math.round(sessions / Math.max(1, patients)));
  for (let s = 0; s < sessions; s++) {
    const i = Math.floor(s / perPatient) % Math.max(1, patients);
    const k = s % perPatient;
    check += (k === 0 ? params.firstLength : params.followUpLength).sample(length.at(i, k));
    check += attendance.at(i, k).next();
    check += params.interval.sample(interval.at(i, k));
  }
  return check;
}

/** The calendar of one replication: `events` pops and pushes with `pending` events waiting. */
function calendarReplication(queue, events, pending) {
  let now = 0;
  for (let i = 0; i < pending; i++) queue.push((i + 1) * 7, i % 3, 0, i);
  for (let i = 0; i < events; i++) {
    queue.pop();
    now = queue.poppedTime;
    queue.push(now + 1 + ((i * 7919) % (pending * 13)), i % 3, 0, i); // spread out like the model's session ends and referrals
  }
  while (queue.pop());
  return now;
}

function bestMs(fn, runs, reps) {
  let check = 0;
  for (let r = 0; r < reps; r++) check += fn(r); // warm
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) check += fn(r);
    best = Math.min(best, (performance.now() - t0) / reps);
  }
  if (!Number.isFinite(check)) throw new Error('floor: non-finite check sum');
  return best;
}

/**
 * The floor of a replication of `scenario` (10 years by default), in ms: draws, calendar and their
 * sum, for the patients, sessions, events and pending events that `counts` (eventCounts) found.
 */
export function innerLoopFloor(scenario, counts, { years = 10, warmupDays = 182, runs = 5 } = {}) {
  // The scenario's distributions, as the model resolves them (a service built, not run).
  const { params } = new LinkWorkerService({ scenario, seed: scenario.run.seed, replication: 0, horizonDays: (years * YEAR) / DAY, warmupDays });
  const patients = Math.round(counts.patients);
  const sessions = Math.round(counts.byKind.sessionEnd);
  const events = Math.round(counts.events);
  const pending = Math.max(1, Math.round(counts.pending));
  const drawsMs = bestMs((r) => drawReplication(params, r, patients, sessions), runs, 10);
  const queue = new EventQueue(256);
  const calendarMs = bestMs(() => calendarReplication(queue, events, pending), runs, 10);
  return { patients, sessions, events, pending, drawsMs, calendarMs, floorMs: drawsMs + calendarMs };
}

// `node bench/floor.mjs [rate]`: the floor at one rate of bench/linkworker.yaml, as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadScenarioFile } = await import('../dist/scenario/load.js');
  const { fileURLToPath } = await import('node:url');
  const rate = Number(process.argv[2] ?? 60);
  const { scenario } = loadScenarioFile(fileURLToPath(new URL('./linkworker.yaml', import.meta.url)), [`referrals.practices.0.referralsPerMonth=${rate}`]);
  const counts = eventCounts(scenario, { replications: 5, years: 10, warmupDays: 182 });
  process.stdout.write(`${JSON.stringify({ referralsPerMonth: rate, ...innerLoopFloor(scenario, counts) }, null, 2)}\n`);
}
