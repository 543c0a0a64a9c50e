import { groupsToName, moreGroupsWords } from './many-groups.js';
import { resolveLevers } from '../model/discretion.js';
import { DIAL_LEVER_IDS } from '../scenario/lever-registry.js';
import type { Scenario, WorkerGroup } from '../scenario/schema.js';
import { andList, describeRota, num, pct, plural, proseDistribution } from './assumptions.js';
import { groupPostCount, teamPosts, teamWte } from '../model/posts.js';
import { leaveWords, postsHeads, shareAndWte, wteWords } from './posts-words.js';
import { capInForceWords } from './design-words.js';

/** The levers that follow the discretion dial unless set (the others have plain defaults). */
const DIAL_LEVERS = DIAL_LEVER_IDS;

function sourceMixWords(s: Scenario, receptionOpen: boolean, selfOpen: boolean): string {
  const m = s.referrals.sourceMix;
  const parts: Array<[string, number]> = [
    ['GPs', m.gp],
    ['nurses', m.nurse],
    ['reception staff', receptionOpen ? m.reception : 0],
    ['patients themselves', selfOpen ? m.self : 0],
    ['other professionals', m.other],
  ];
  const total = parts.reduce((a, [, w]) => a + w, 0);
  if (total <= 0) return '';
  return andList(parts.filter(([, w]) => w > 0).map(([who, w]) => `${who} ${Math.round((100 * w) / total)} %`));
}

function workerGroupWords(w: WorkerGroup): string {
  const posts = groupPostCount(w);
  const who = posts === 1 ? `one link worker` : postsHeads(w);
  const name = w.name && w.name !== 'Link worker' ? ` (“${w.name}”)` : '';
  const each = posts === 1 ? 'with' : 'each with';
  const carved: string[] = [];
  carved.push(
    w.networkingHoursPerWeek > 0
      ? `${num(w.networkingHoursPerWeek)} hours a week protected for networking with community groups`
      : 'no protected networking time',
  );
  if (w.supervisionHoursPerWeek > 0) carved.push(`${num(w.supervisionHoursPerWeek)} hour${w.supervisionHoursPerWeek === 1 ? '' : 's'} of supervision`);
  else carved.push('no supervision');
  if (w.teamLeadHoursPerWeek > 0) carved.push(`${num(w.teamLeadHoursPerWeek)} hours leading a team`);
  if (w.otherDutiesHoursPerWeek > 0) carved.push(`${num(w.otherDutiesHoursPerWeek)} hours of other duties`);
  return (
    `${who}${name} on ${describeRota(w.rota)}${shareAndWte(w)}, ${each} ${andList(carved)}; ` +
    `${num(w.adminMinutesPerSession)} minutes of admin after every session, ${leaveWords(w)}, ` +
    `${num(w.monthsInRole)} months in role at the start and ${w.management} management`
  );
}

/** The scenario in plain sentences for a commissioner (no JSON, no field paths). */
export function describeScenario(scenario: Scenario): string[] {
  const s = scenario;
  const out: string[] = [];
  const L = resolveLevers(s);

  const desc = s.description.trim();
  out.push(desc ? `Scenario “${s.name}”: ${desc}${/[.!?]$/.test(desc) ? '' : '.'}` : `Scenario “${s.name}”.`);
  if (s.site) {
    const facts: string[] = [];
    if (s.site.deprivation) facts.push(`${s.site.deprivation} deprivation`);
    if (s.site.employer)
      facts.push(`link workers employed by ${s.site.employer === 'vcse' ? 'a voluntary and community (VCSE) organisation' : 'primary care'}`);
    if (s.site.teamLead) facts.push(s.site.teamLead === 'no' ? 'no team lead' : `an ${s.site.teamLead} team lead`);
    if (s.site.supervision) facts.push(`supervision ${s.site.supervision}`);
    if (facts.length) out.push(`The site: ${andList(facts)}.`);
  }

  // Referrals
  const practices = s.referrals.practices;
  const total = practices.reduce((a, p) => a + p.referralsPerMonth, 0);
  const demand = (L.receptionReferrals ? s.workload.receptionRateMultiplier : 1) * (L.selfReferrals ? s.workload.selfRateMultiplier : 1);
  const practiceText =
    practices.length === 1
      ? `One practice (${practices[0].name}) refers about ${num(total)} patients a month`
      : `${practices.length} practices refer about ${num(total)} patients a month between them (${andList(practices.map((p) => `${p.name} ${num(p.referralsPerMonth)}`))})`;
  const seasonal = s.referrals.monthMultipliers || practices.some((p) => p.monthMultipliers) ? ', varying with the month of the year' : '';
  const growth = s.referrals.annualGrowth === 0 ? '' : `, growing by ${pct(s.referrals.annualGrowth)} a year`;
  out.push(`${practiceText}, arriving at random${seasonal}${growth}.`);
  const routes = [
    L.receptionReferrals ? 'reception staff may refer directly' : 'reception staff may not refer',
    L.selfReferrals ? 'patients may refer themselves' : 'patients may not refer themselves',
  ];
  const demandText =
    demand > 1 ? `, which adds about ${pct(demand - 1)} on top of the ${num(total)} entered (${num(Math.round(total * demand * 10) / 10)} a month)` : '';
  const reReferralText =
    L.reReferral > 0 && s.policy.sessionCap !== 'open'
      ? ` Re-referrals of patients discharged at the cap with need left (${pct(L.reReferral)} of them, ${num(L.reReferralDelayDays)} days later) come on top of that.`
      : '';
  const mix = sourceMixWords(s, L.receptionReferrals, L.selfReferrals);
  out.push(`Referral routes: ${andList(routes)}${demandText}.${reReferralText}${mix ? ` Referrals come from ${mix}.` : ''}`);

  // Team
  const workers = teamPosts(s.workers);
  const wte = teamWte(s.workers);
  const { named, rest, restPosts } = groupsToName(s.workers);
  const groups = [...named.map(workerGroupWords), ...(rest ? [moreGroupsWords(rest, restPosts)] : [])];
  out.push(`The team is ${andList(groups)}.`);
  out.push(
    Math.abs(wte - workers) < 1e-9
      ? `That is about ${num(Math.round((total * demand * 10) / workers) / 10)} referrals a month ${workers === 1 ? 'for the one post' : `for each of the ${plural(workers, 'post')}`}.`
      : `That is about ${num(Math.round((total * demand * 10) / wte) / 10)} referrals a month per whole-time equivalent (${wteWords(wte)} in ${plural(workers, 'post')}; 1 WTE = 37.5 contracted hours a week).`,
  );

  // Patients and the cap
  const p = s.patients;
  out.push(
    `A patient needs ${proseDistribution(p.sessionsNeeded, 'sessions')}. ` +
      `A first meeting takes ${proseDistribution(p.firstSessionMinutes, 'minutes')} and a follow-up ${proseDistribution(p.followUpMinutes, 'minutes')}; ` +
      `the next session falls due ${proseDistribution(p.daysBetweenSessions, 'days')} after the last, and ${pct(p.didNotAttend)} of booked sessions are missed.`,
  );
  out.push(
    p.patienceDays === 'open'
      ? 'Patients wait as long as it takes for a first appointment: nobody drops out.'
      : `A patient still waiting for a first appointment gives up after ${proseDistribution(p.patienceDays, 'days')}.`,
  );
  const cap =
    s.policy.sessionCap === 'open' ? 'There is no session cap: support is open-ended' : `The session cap in force: ${capInForceWords(s.policy.sessionCap, L)}`;
  const maxCase =
    s.policy.maxCaseload === 'open'
      ? "and there is no limit on a worker's caseload"
      : `and a full-time post holding ${num(s.policy.maxCaseload)} patients takes no new ones (a part-time post pro rata to its WTE)`;
  out.push(`${cap}, ${maxCase}.`);

  // Discretion and levers
  const explicit = DIAL_LEVERS.filter((k) => (s.levers as Record<string, unknown>)[k] !== undefined);
  const dial =
    s.discretion === undefined
      ? 'No discretion dial is set, so levers not set explicitly take middle values, except the cap extension, which stays off (a cap is a cap until discretion is turned on)'
      : `The discretion dial is at ${num(s.discretion)} (0 = all boundaries, 1 = all discretion)`;
  const leverWords = [
    L.capExtension > 0
      ? `the cap is extended by up to ${plural(L.capExtensionSessions, 'session')} for ${pct(L.capExtension)} of patients who still have need`
      : 'the cap is never extended',
    L.followUpSizing === 'needs' ? 'follow-ups are sized to need' : `follow-ups are fixed ${num(L.fixedSlotMinutes)}-minute slots`,
    `inappropriate referrals are declined with probability ${pct(L.declineInappropriate)} (scaled by the team's confidence)`,
    L.triage ? `a ${num(L.triageMinutes)}-minute triage contact comes first` : 'there is no triage',
    L.homeVisitShare > 0 ? `${pct(L.homeVisitShare)} of sessions are home visits` : 'there are no home visits',
    L.checkIns > 0 ? `${pct(L.checkIns)} of vulnerable patients get check-in calls after discharge` : 'there are no check-in calls',
    L.acceptOutOfRemit > 0 ? `${pct(L.acceptOutOfRemit)} of out-of-remit requests are accepted` : 'out-of-remit requests are refused',
    `networking is kept ${pct(L.protectNetworking)} of the time when patients are waiting`,
  ];
  out.push(`${dial}${explicit.length ? ` (set explicitly: ${explicit.join(', ')})` : ''}. In force: ${andList(leverWords)}.`);

  // Workforce
  out.push(
    s.workforce.enabled
      ? `Workers' stress, job satisfaction and leaving are modelled week by week; a post that falls vacant stays empty for ${num(s.workforce.recruitmentDelayDays)} days and is filled by a novice.`
      : "Workers' stress, satisfaction and leaving are not modelled (the team never changes).",
  );

  // Start and run
  const start =
    s.initialState.caseloadPerWorker === 0 && s.initialState.waitingList === 0
      ? 'The service starts empty'
      : `The service starts with ${plural(s.initialState.caseloadPerWorker, 'patient')} per full-time post (pro rata to WTE) and ${plural(s.initialState.waitingList, 'patient')} waiting`;
  out.push(
    `${start}. Each replication simulates ${num(s.run.years)} year${s.run.years === 1 ? '' : 's'}; the first ${num(s.run.warmupDays)} days are a warm-up left out of the statistics. ` +
      `Results are means over ${plural(s.run.replications, 'replication')} (seed ${num(s.run.seed)}) with 95 % confidence intervals, except the median and 90th percentile waits: quantiles of every replication's waits pooled.`,
  );
  return out;
}
