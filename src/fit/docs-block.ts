/**
 * The numbers of docs/fit.md (a `numbers:fit-example` block of src/docs/numbers.ts): the fit of the
 * shipped synthetic example against the parameters it was made with, and its back-test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { makeDistribution, type DistributionSpec } from '../random/index.js';
import { loadDefaultScenario } from '../scenario/load.js';
import { parseScenarioText } from '../scenario/parse.js';
import { readActivity } from './activity.js';
import { backtest } from './backtest.js';
import { fitActivity, routeMultiplierOf } from './fit.js';
import { fittedScenarioText } from './scenario-text.js';
import { SYNTHETIC_OVERRIDES } from './simulate-log.js';
import type { Estimate } from './stats.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/activity-synthetic.csv', import.meta.url));

export function fitExampleBlock(): string {
  const { scenario: truth } = loadDefaultScenario([...SYNTHETIC_OVERRIDES]);
  const { scenario: base } = loadDefaultScenario();
  const activity = readActivity('examples/activity-synthetic.csv', readFileSync(EXAMPLE, 'utf8'));
  const fit = fitActivity(activity, { base });
  const p = truth.patients;
  const meanOf = (d: unknown) => makeDistribution(d as DistributionSpec).mean;
  const needs = p.sessionsNeeded as { mean: number };
  const f = (x: number, d: number) => (Number.isFinite(x) ? x.toFixed(d) : '–');
  const row = (name: string, made: string, e: Estimate, d: number, scale = 1) =>
    `| ${name} | ${made} | ${f(e.value * scale, d)} [${f(e.lo * scale, d)}, ${f(e.hi * scale, d)}] | ${e.n.toLocaleString('en-GB')} |`;
  const rate = truth.referrals.practices.reduce((a, x) => a + x.referralsPerMonth, 0) * routeMultiplierOf(truth);
  const rows = [
    '| parameter | made with | fitted [95 % CI] | records |',
    '|---|---|---|---|',
    row('referrals a month (at the start, all routes)', f(rate, 1), fit.referrals.perMonth, 1),
    row('referral growth a year (%)', f(truth.referrals.annualGrowth * 100, 1), fit.referrals.annualGrowth, 1, 100),
    row('sessions needed, mean (censored at the cap of 6 and at the end)', `${f(needs.mean, 1)} (before the levers)`, fit.sessions.mean, 2),
    row('did not attend (%)', f(p.didNotAttend * 100, 1), fit.didNotAttend, 1, 100),
    row('first session (minutes)', f(meanOf(p.firstSessionMinutes), 1), fit.firstSessionMinutes!.mean, 1),
    row('follow-up (minutes)', f(meanOf(p.followUpMinutes), 1), fit.followUpMinutes!.mean, 1),
    row('days between sessions (start to start)', `${f(meanOf(p.daysBetweenSessions), 1)} + slot wait`, fit.daysBetweenSessions!.mean, 1),
    row('patience (mean days)', f(meanOf(p.patienceDays), 1), fit.patience.mean, 1),
  ];
  const scenario = parseScenarioText(
    fittedScenarioText(fit, base, readFileSync(fileURLToPath(new URL('../../scenarios/default.yaml', import.meta.url)), 'utf8'), 'default.yaml'),
  );
  const bt = backtest(fit, activity, scenario);
  const btRows = [
    '| measure | months in the simulated 95 % band | data vs model over the period | z of the total |',
    '|---|---|---|---|',
    ...bt.measures.map(
      (m) =>
        `| ${m.label} | ${Math.round(m.shareInside * 100)} % of ${m.months} | ${m.relativeError >= 0 ? '+' : ''}${f(m.relativeError * 100, 1)} % | ${f(m.totalZ, 1)} |`,
    ),
  ];
  return `${rows.join('\n')}\n\nBack-test (${bt.replications} replications, ${bt.from} to ${bt.to}):\n\n${btRows.join('\n')}\n\n${bt.words.map((w) => `- ${w}`).join('\n')}\n`;
}
