/**
 * One process, one horizon: run one replication of the default scenario for the given
 * number of years and report the peak resident set size, and the heap still in use after a
 * full garbage collection (what the model keeps). Run by bench/run.mjs with --expose-gc, in a
 * fresh process per horizon so that the peaks do not mix. A replication keeps its weekly
 * series (52 rows a year, the output itself); nothing else grows with the horizon.
 */
import { loadDefaultScenario } from '../dist/scenario/load.js';
import { runReplication } from '../dist/model/index.js';
import { runSettings } from '../dist/experiment/replications.js';

const years = Number(process.argv[2] ?? 1);
const { scenario } = loadDefaultScenario();
const result = runReplication(scenario, 0, runSettings(scenario, { years, warmupDays: 182 }));
globalThis.gc?.();
process.stdout.write(
  JSON.stringify({
    years,
    events: result.diagnostics.events,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedAfterGcMb: process.memoryUsage().heapUsed / 1e6,
  }) + '\n',
);
