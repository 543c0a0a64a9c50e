/**
 * Round trip (issue 22): a shipped scenario's event log, fed to the fit, gives back the scenario's
 * parameters within their intervals. One replication of three years per scenario (fixed seeds), with
 * the mechanisms the fit does not fit switched off (see roundTrip).
 *
 * Tolerance: 8 parameters × 3 scenarios = 24 checks. Each must hold at a Bonferroni level (the 95 %
 * interval widened to 99.79 %: z = 3.08 instead of 1.96, so that all 24 hold with 95 % probability
 * for a correct fit), and the number of true values inside the plain 95 % intervals must be at
 * least the binomial floor (the smallest count a correct fit falls below with probability < 0.5 %).
 *
 * Days between sessions: the data measure from one session's start to the next one's; the model's
 * daysBetweenSessions runs from a session's end (admin included) to the next one falling due, and
 * the worker's next free slot may come later. The truth for the gap is therefore the scenario's
 * interval plus the session, its admin and the wait for a slot, measured in the same run.
 */
import { describe, expect, it } from 'vitest';
import { readActivity } from '../../src/fit/activity.js';
import { fitActivity, routeMultiplierOf } from '../../src/fit/fit.js';
import { simulateActivity } from '../../src/fit/simulate-log.js';
import type { Estimate } from '../../src/fit/stats.js';
import { DAY, NULL_MONITOR, type Monitor } from '../../src/model/index.js';
import { makeDistribution, type DistributionSpec } from '../../src/random/index.js';
import { parseYamlFile } from '../../src/scenario/load.js';
import { ScenarioSchema } from '../../src/scenario/schema.js';
import { MECHANISMS_OFF, merge } from '../helpers.js';

const Z = 1.959963984540054;
const Z_BONFERRONI = 3.08; // two-sided 0.05 / 24: Φ⁻¹(1 − 0.025 / 24)

interface Check {
  scenario: string;
  parameter: string;
  truth: number;
  fitted: Estimate;
}

/** The model's own added time between sessions, from the same run: slot waits and session + admin. */
function gapMonitor() {
  const due = new Map<number, number>();
  const started = new Map<number, number>();
  const delays: number[] = [];
  const busy: number[] = [];
  const session: boolean[] = [];
  const monitor: Monitor = {
    ...NULL_MONITOR,
    followUpDue(t, _w, p) {
      due.set(p.id, t);
    },
    workStarted(t, w, p, kind) {
      session[w.index] = !!p && (kind === 'first' || kind === 'followUp');
      if (!p || (kind !== 'first' && kind !== 'followUp')) return;
      const d = due.get(p.id);
      if (kind === 'followUp' && d !== undefined) delays.push((t - d) / DAY);
      started.set(p.id, t);
    },
    workDone(w, start, end) {
      if (session[w.index]) busy.push((end - start) / DAY);
    },
  };
  return { monitor, delays, busy };
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function roundTrip(file: string): Check[] {
  // The discretion levers, extra workload and workforce dynamics off: they change what the data show
  // (a novice's longer sessions, a worker's knowledge on the sessions needed, declines, check-ins), and
  // they are what the fit cannot tell apart and takes from the base as assumptions (docs/fit.md).
  const raw = merge(parseYamlFile(`scenarios/${file}`), { ...MECHANISMS_OFF, discretion: undefined, run: { startDate: '2022-01-01' } });
  const scenario = ScenarioSchema.parse(raw);
  const gaps = gapMonitor();
  const { text } = simulateActivity(scenario, 0, gaps.monitor);
  const fit = fitActivity(readActivity(file, text), { base: scenario });
  const p = scenario.patients;
  const meanOf = (d: unknown) => makeDistribution(d as DistributionSpec).mean;
  const rate = scenario.referrals.practices.reduce((a, x) => a + x.referralsPerMonth, 0) * routeMultiplierOf(scenario);
  const needs = p.sessionsNeeded as { mean: number; sd: number };
  const checks: Check[] = [
    { scenario: file, parameter: 'referrals a month', truth: rate, fitted: fit.referrals.perMonth },
    { scenario: file, parameter: 'sessions needed (mean)', truth: needs.mean, fitted: fit.sessions.mean },
    { scenario: file, parameter: 'sessions needed (sd)', truth: needs.sd, fitted: fit.sessions.sd },
    { scenario: file, parameter: 'did not attend', truth: p.didNotAttend, fitted: fit.didNotAttend },
    { scenario: file, parameter: 'first session minutes (mean)', truth: meanOf(p.firstSessionMinutes), fitted: fit.firstSessionMinutes!.mean },
    { scenario: file, parameter: 'follow-up minutes (mean)', truth: meanOf(p.followUpMinutes), fitted: fit.followUpMinutes!.mean },
    {
      scenario: file,
      parameter: 'days between sessions (+ slot wait + session)',
      truth: meanOf(p.daysBetweenSessions) + mean(gaps.delays) + mean(gaps.busy),
      fitted: fit.daysBetweenSessions!.mean,
    },
  ];
  if (p.patienceDays !== 'open' && fit.patience.dropOuts >= 10) {
    checks.push({ scenario: file, parameter: 'patience (mean days)', truth: meanOf(p.patienceDays), fitted: fit.patience.mean });
  }
  return checks;
}

describe('fit round trip: shipped scenarios → event log → fit', () => {
  const all: Check[] = [];
  for (const file of ['default.yaml', 'site-4.yaml', 'site-6.yaml']) {
    it(`recovers ${file}'s parameters within their intervals`, () => {
      const checks = roundTrip(file);
      all.push(...checks);
      for (const c of checks) {
        const { value, lo, hi } = c.fitted;
        // Widen the 95 % interval about its estimate to the Bonferroni level (intervals may be asymmetric).
        const wlo = value - ((value - lo) * Z_BONFERRONI) / Z;
        const whi = value + ((hi - value) * Z_BONFERRONI) / Z;
        expect(c.truth, `${file} ${c.parameter}: true ${c.truth}, fitted ${value} [${lo}, ${hi}]`).toBeGreaterThanOrEqual(wlo);
        expect(c.truth, `${file} ${c.parameter}: true ${c.truth}, fitted ${value} [${lo}, ${hi}]`).toBeLessThanOrEqual(whi);
      }
    });
  }
  it('puts most true values inside the plain 95 % intervals', () => {
    const inside = all.filter((c) => c.truth >= c.fitted.lo && c.truth <= c.fitted.hi).length;
    if (process.env.GOLDILOCKS_PRINT_RECOVERY) {
      for (const c of all) {
        console.log(
          `| ${c.scenario} | ${c.parameter} | ${c.truth.toFixed(3)} | ${c.fitted.value.toFixed(3)} [${c.fitted.lo.toFixed(3)}, ${c.fitted.hi.toFixed(3)}] | ${c.fitted.n} |`,
        );
      }
    }
    expect(all.length).toBe(24);
    // P(X ≤ k) for X ~ Binomial(n, 0.95) below 0.5 %: the fewest inside a correct fit gives.
    let k = all.length;
    const binom = (n: number, x: number) => {
      let c = 1;
      for (let i = 0; i < x; i++) c = (c * (n - i)) / (i + 1);
      return c * 0.95 ** x * 0.05 ** (n - x);
    };
    let tail = 0;
    while (k > 0 && tail + binom(all.length, k - 1) < 0.005) tail += binom(all.length, --k);
    expect(inside).toBeGreaterThanOrEqual(k);
  });
});
