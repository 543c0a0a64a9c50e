/**
 * Where the events come from: one replication's events by kind and its decision epochs (the
 * dispatcher's end-of-instant decisions), counted by wrapping the service's two entry points from
 * outside, so the model's hot path is not touched. Issue 20 asks for these before and after every
 * change that removes events.
 */
import { DAY, KIND_NAMES, LinkWorkerService, YEAR } from '../dist/model/index.js';

/** Mean events by kind and decision epochs per replication over `replications` replications. */
export function eventCounts(scenario, { replications, years, warmupDays, seed = scenario.run.seed }) {
  const byKind = new Array(KIND_NAMES.length).fill(0);
  let epochs = 0;
  let events = 0;
  let patients = 0;
  let pendingSum = 0;
  for (let r = 0; r < replications; r++) {
    const service = new LinkWorkerService({ scenario, seed, replication: r, horizonDays: (years * YEAR) / DAY, warmupDays });
    const handle = service.handle.bind(service);
    const endOfInstant = service.endOfInstant.bind(service);
    service.handle = (kind, payload, time) => {
      byKind[kind]++;
      pendingSum += service.sim.pending;
      handle(kind, payload, time);
    };
    service.endOfInstant = (time) => {
      epochs++;
      endOfInstant(time);
    };
    const { diagnostics } = service.run();
    events += diagnostics.events;
    patients += diagnostics.created;
  }
  const per = (x) => x / replications;
  return {
    replications,
    events: per(events),
    decisionEpochs: per(epochs),
    /** Patients created, and events pending on average when an event is handled (for bench/floor.mjs). */
    patients: per(patients),
    pending: events > 0 ? pendingSum / events : 0,
    byKind: Object.fromEntries(KIND_NAMES.map((name, k) => [name, per(byKind[k])]).sort((a, b) => b[1] - a[1])),
  };
}

// `node bench/event-counts.mjs [rate]`: the counts at one rate of bench/linkworker.yaml (20 × 10 years), as JSON.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { loadScenarioFile } = await import('../dist/scenario/load.js');
  const { fileURLToPath } = await import('node:url');
  const rate = Number(process.argv[2] ?? 60);
  const file = fileURLToPath(new URL('./linkworker.yaml', import.meta.url));
  const { scenario } = loadScenarioFile(file, [`referrals.practices.0.referralsPerMonth=${rate}`]);
  process.stdout.write(`${JSON.stringify({ referralsPerMonth: rate, ...eventCounts(scenario, { replications: 20, years: 10, warmupDays: 182 }) }, null, 2)}\n`);
}
