/**
 * Team-size scaling: the default scenario with n posts and 18 referrals a month per post, one year,
 * simulated in-process (no start-up). Cost per post-year should not grow with n: allocation cost is
 * independent of the team size (docs/model.md §3, decision epochs).
 */
import { loadScenarioFile } from '../dist/scenario/load.js';
import { runReplication } from '../dist/model/index.js';

export function teamScaling(sizes = [2, 20, 200, 1000], postYears = 2000) {
  const rows = [];
  for (const n of sizes) {
    const { scenario } = loadScenarioFile('scenarios/default.yaml', [
      `workers.0.count=${n}`,
      `referrals.practices=[{name: all, referralsPerMonth: ${18 * n}}]`,
    ]);
    const reps = Math.max(1, Math.round(postYears / n));
    runReplication(scenario, 0, { horizonDays: 365.25 }); // warm the JIT
    const t0 = performance.now();
    let events = 0;
    for (let r = 0; r < reps; r++) events += runReplication(scenario, r, { horizonDays: 365.25 }).diagnostics.events;
    const seconds = (performance.now() - t0) / 1000;
    rows.push({ posts: n, replications: reps, seconds, msPerPostYear: (1000 * seconds) / (n * reps), eventsPerSecond: events / seconds });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = teamScaling();
  console.log('| posts | replications × 1 year | time | ms per post-year | events/s |\n|---|---|---|---|---|');
  for (const r of rows)
    console.log(`| ${r.posts} | ${r.replications} | ${r.seconds.toFixed(2)} s | ${r.msPerPostYear.toFixed(2)} | ${(r.eventsPerSecond / 1e6).toFixed(2)} M |`);
}
