/**
 * The kernel alone on an M/M/c queue: no link-worker model, just the event calendar, two
 * event kinds (arrival, departure) and two random streams. Measures what the engine itself
 * sustains: events and customers per second on one core.
 */
import { Simulation } from '../dist/engine/index.js';
import { createStream } from '../dist/random/index.js';

const ARRIVAL = 0;
const DEPARTURE = 1;

class MMcQueue {
  constructor(sim, servers, lambda, meanService, seed, rep) {
    this.sim = sim;
    this.servers = servers;
    this.meanArrival = 1 / lambda;
    this.meanService = meanService;
    this.arrivals = createStream(seed, rep, 'arrivals');
    this.services = createStream(seed, rep, 'services');
    this.busy = 0;
    this.queue = new Float64Array(1024);
    this.head = 0;
    this.length = 0;
    this.customers = 0;
    this.served = 0;
    // Accumulators in a typed array: a double held in an ordinary field is re-boxed on every
    // update (a heap allocation per customer), a Float64Array slot is not.
    this.sums = new Float64Array(1);
  }
  start() {
    this.sim.at(-Math.log(1 - this.arrivals.next()) * this.meanArrival, 0, ARRIVAL, 0);
  }
  startService(arrivedAt, now) {
    this.busy++;
    this.sums[0] += now - arrivedAt;
    this.served++;
    this.sim.at(now - Math.log(1 - this.services.next()) * this.meanService, 0, DEPARTURE, 0);
  }
  handle(kind, _payload, now) {
    if (kind === ARRIVAL) {
      this.customers++;
      this.sim.at(now - Math.log(1 - this.arrivals.next()) * this.meanArrival, 0, ARRIVAL, 0);
      if (this.busy < this.servers) this.startService(now, now);
      else this.enqueue(now);
    } else {
      this.busy--;
      if (this.length > 0) {
        const arrivedAt = this.queue[this.head];
        this.head = (this.head + 1) & (this.queue.length - 1);
        this.length--;
        this.startService(arrivedAt, now);
      }
    }
  }
  enqueue(t) {
    if (this.length === this.queue.length) {
      const grown = new Float64Array(this.queue.length * 2);
      for (let i = 0; i < this.length; i++) grown[i] = this.queue[(this.head + i) & (this.queue.length - 1)];
      this.queue = grown;
      this.head = 0;
    }
    this.queue[(this.head + this.length++) & (this.queue.length - 1)] = t;
  }
}

/** Run `reps` replications; returns totals and wall time. */
export function runEngineMMc({ servers = 2, lambda = (0.8 * 2) / 60, meanService = 60, horizon = 5e6, reps = 5, seed = 1 } = {}) {
  let events = 0;
  let customers = 0;
  const waits = [];
  const started = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) {
    const sim = new Simulation(1024);
    const q = new MMcQueue(sim, servers, lambda, meanService, seed, r);
    q.start();
    sim.run(q, horizon);
    events += sim.eventCount;
    customers += q.customers;
    waits.push(q.sums[0] / q.served);
  }
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { wallSeconds, events, customers, waits, eventsPerSecond: events / wallSeconds, customersPerSecond: customers / wallSeconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runEngineMMc({ reps: 1 }); // warm up the JIT
  console.log(JSON.stringify(runEngineMMc({ reps: 5, horizon: 2e7 })));
}
