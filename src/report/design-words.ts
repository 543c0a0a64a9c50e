/**
 * What a design does, in the words page 1 of every report, the explorer and the scenario
 * description use: the session cap as it is in force (with any extension), the levers that change
 * the story (cap extension, referral routes, declining, out-of-remit work), and where the referrals
 * the service receives come from (what was entered, what the open routes add, what comes back as
 * re-referrals). One place, so the texts cannot disagree with each other or with the model.
 */
import { resolveLevers } from '../model/discretion.js';
import type { ResolvedLevers } from '../model/discretion.js';
import type { Scenario } from '../scenario/schema.js';

const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number) => (Number.isInteger(x) ? x.toLocaleString('en-GB') : (Math.round(x * 10) / 10).toLocaleString('en-GB'));
const sessions = (n: number) => `${num(n)} session${n === 1 ? '' : 's'}`;

/**
 * The session cap in force: "at most 6 sessions per patient" (a hard cap), or with the
 * extension "at most 6 sessions per patient, extended by up to 3 for half of those who still need
 * more"; "open-ended sessions" without a cap.
 */
export function capInForceWords(cap: number | 'open', levers: Pick<ResolvedLevers, 'capExtension' | 'capExtensionSessions'>): string {
  if (cap === 'open') return 'open-ended sessions';
  const base = `at most ${sessions(cap)} per patient`;
  const x = levers.capExtension;
  if (!(x > 0)) return base;
  const who = x >= 1 ? 'everyone' : x === 0.5 ? 'half of those' : `${pct(x)} of those`;
  return `${base}, extended by up to ${sessions(levers.capExtensionSessions)} for ${who} who still need more`;
}

/** The referral routes, declining and out-of-remit work in force: the levers that change what the figures mean. */
export function storyLeverWords(levers: ResolvedLevers): string[] {
  const routes =
    levers.selfReferrals && levers.receptionReferrals
      ? 'self-referral and reception referrals open'
      : levers.selfReferrals
        ? 'self-referral open (reception may not refer)'
        : levers.receptionReferrals
          ? 'reception referrals open (no self-referral)'
          : 'no self-referral or reception referrals';
  return [
    routes,
    levers.declineInappropriate > 0
      ? `${pct(levers.declineInappropriate)} of inappropriate referrals declined (× the team's confidence)`
      : 'inappropriate referrals never declined',
    levers.acceptOutOfRemit > 0 ? `${pct(levers.acceptOutOfRemit)} of out-of-remit requests accepted` : 'out-of-remit requests refused',
  ];
}

/** The factor the open referral routes put on the referrals entered (workload.*RateMultiplier). */
export function routeFactor(s: Scenario, levers: Pick<ResolvedLevers, 'receptionReferrals' | 'selfReferrals'>): number {
  return (levers.receptionReferrals ? s.workload.receptionRateMultiplier : 1) * (levers.selfReferrals ? s.workload.selfRateMultiplier : 1);
}

/** The referrals entered (sum over practices, per month) and what the routes add on top, in words. */
export function referralsEnteredWords(s: Scenario, levers: ResolvedLevers): string {
  const entered = s.referrals.practices.reduce((a, p) => a + p.referralsPerMonth, 0);
  const practices = s.referrals.practices.length;
  const from = practices === 1 ? 'one practice' : `${practices} practices`;
  const f = routeFactor(s, levers);
  const routes = [levers.selfReferrals ? 'self-referrals' : '', levers.receptionReferrals ? 'reception referrals' : ''].filter(Boolean).join(' and ');
  const plus = f > 1 ? `${routes} (+${pct(f - 1)})` : '';
  const reRef = levers.reReferral > 0 && s.policy.sessionCap !== 'open' ? 're-referrals' : '';
  const extra = [plus, reRef].filter(Boolean).join(' and ');
  return `${num(entered)} referrals a month entered from ${from}${extra ? `, plus ${extra} on top` : ''}`;
}

/**
 * The referrals received, split: "44.2 referrals a month received = 39.9 as entered + 2.0
 * self-referrals + 2.3 re-referrals". From the metrics: re-referrals = reReferralShare × received;
 * the first referrals are split by the routes' factor (an expected split: referrals carry no route
 * tag in the model). Null when the figures are missing.
 */
export function referralsReceivedSplit(
  s: Scenario,
  levers: ResolvedLevers,
  received: number,
  reReferralShare: number,
): { received: number; entered: number; routes: number; reReferrals: number; words: string } | null {
  if (!Number.isFinite(received) || !Number.isFinite(reReferralShare)) return null;
  const reReferrals = received * reReferralShare;
  const first = received - reReferrals;
  const f = routeFactor(s, levers);
  const entered = first / f;
  const routes = first - entered;
  const one = (x: number) => (Math.round(x * 10) / 10).toFixed(1);
  const routeName = [levers.selfReferrals ? 'self-referrals' : '', levers.receptionReferrals ? 'reception referrals' : ''].filter(Boolean).join(' and ');
  const parts = [`${one(entered)} from the practices as entered`];
  if (f > 1) parts.push(`${one(routes)} ${routeName} (the open route${levers.selfReferrals && levers.receptionReferrals ? 's add' : ' adds'} ${pct(f - 1)})`);
  if (reReferrals > 0 || levers.reReferral > 0) parts.push(`${one(reReferrals)} re-referrals of patients discharged at the cap with need left`);
  return { received, entered, routes, reReferrals, words: `${one(received)} referrals a month received = ${parts.join(' + ')}` };
}

/** The referrals line under the CLI's table: the received figure split, so it is never read as the figure entered. */
export function referralsReceivedLine(s: Scenario, metrics: Partial<Record<'referralsPerMonth' | 'reReferralShare', { mean: number }>>): string | null {
  const received = metrics.referralsPerMonth?.mean ?? NaN;
  const split = referralsReceivedSplit(s, resolveLevers(s), received, metrics.reReferralShare?.mean ?? NaN);
  return split ? `Referrals: ${split.words}.` : null;
}
