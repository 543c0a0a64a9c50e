/**
 * One meaning of WTE, of posts and of leave (issue 19 §3; docs/model.md §5.2a, §5.3):
 * WTE = contracted hours a week / 37.5, the same in every per-WTE metric, in the costs and in the
 * words; `count` is in posts of the rota; annual leave is per full-time post and pro rata to a
 * post's working days, so every post takes the same weeks off.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/experiment/load.js';
import { costPlan } from '../../src/model/costs.js';
import { runReplication } from '../../src/model/index.js';
import type { Monitor, WorkerView } from '../../src/model/monitor.js';
import { NULL_MONITOR } from '../../src/model/monitor.js';
import { buildPosts, FULL_TIME_HOURS_PER_WEEK, groupWte, postWte, teamPosts, teamWte } from '../../src/model/posts.js';
import { buildWeekPlan, groupWeekPlan, leaveWeeks, postLeaveWeeks } from '../../src/model/rota.js';
import { describeScenario } from '../../src/report/scenario-words.js';
import { designLine } from '../../src/report/summary.js';
import { scenario } from '../helpers.js';

type Day = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
/** The part-time worker's rota of compare-two-workers.yaml: 20 hours over 3 days. */
const TWENTY_HOURS: Array<{ days: Day[]; from: string; to: string; activity: 'patients' }> = [
  { days: ['tue', 'wed'], from: '09:00', to: '17:00', activity: 'patients' },
  { days: ['thu'], from: '09:00', to: '13:00', activity: 'patients' },
];
const weeksOff = (w: Uint8Array) => w.reduce((n, x) => n + x, 0);

describe('one definition of WTE: contracted hours a week / 37.5', () => {
  it('a 20-hour rota counts as 20/37.5 WTE in metrics and in costs', () => {
    const s = scenario({ workers: [{ count: 1, rota: [...TWENTY_HOURS], networkingHoursPerWeek: 1.5 }] });
    expect(FULL_TIME_HOURS_PER_WEEK).toBe(37.5);
    const [post] = buildPosts(s.workers);
    expect(post.fte).toBeCloseTo(20 / 37.5, 12);
    expect(post.fte).toBeCloseTo(post.plan.contractedMinutes / 60 / 37.5, 12); // the WTE is the plan's hours
    const plan = costPlan(s);
    expect(plan.wte).toBeCloseTo(20 / 37.5, 12);
    expect(plan.posts).toBe(1);
    expect(plan.staffPerYear).toBeCloseTo((20 / 37.5) * 32_324 * 1.275, 6);
    const r = runReplication(s, 0);
    // One post: per post is the total; per WTE is the total over 0.533, not over 1.
    expect(r.metrics.newPatientsPerWorkerYear).toBeGreaterThan(0);
    expect(r.metrics.newPatientsPerWteYear).toBeCloseTo(r.metrics.newPatientsPerWorkerYear / (20 / 37.5), 9);
    expect(r.metrics.caseloadPerWte).toBeCloseTo(r.metrics.caseloadPerWorker / (20 / 37.5), 9);
    // Cost per patient seen divides the cost by the patients the per-WTE figure implies.
    expect(r.metrics.costPerPatientSeen).toBeCloseTo(r.metrics.costPerYear / r.metrics.newPatientsPerWorkerYear, 6);
  });

  it('count 2.5 is 3 posts and 2.5 WTE, and per-post figures times posts give the caseload (so do per-WTE figures times WTE)', () => {
    const s = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 55 }] }, workers: [{ count: 2.5 }] });
    expect(teamPosts(s.workers)).toBe(3);
    expect(teamWte(s.workers)).toBe(2.5);
    expect(buildPosts(s.workers).map((w) => w.fte)).toEqual([1, 1, 0.5]);
    expect(costPlan(s)).toMatchObject({ posts: 3, wte: 2.5 });
    const r = runReplication(s, 0);
    const caseload = r.metrics.caseloadPerWorker * 3;
    expect(caseload).toBeGreaterThan(0);
    expect(r.metrics.caseloadPerWte * 2.5).toBeCloseTo(caseload, 9);
    expect(r.metrics.newPatientsPerWteYear * 2.5).toBeCloseTo(r.metrics.newPatientsPerWorkerYear * 3, 9);
  });

  it('a share of the rota and a short rota combine: WTE = count × fte × rota hours / 37.5', () => {
    expect(groupWte({ count: 3, fte: 0.6, rota: 'standard' })).toBe(1.8);
    expect(groupWte({ count: 2.5, fte: 1, rota: [...TWENTY_HOURS] })).toBeCloseTo((2.5 * 20) / 37.5, 9);
    expect(postWte({ rota: 'always' }, 1)).toBe(1); // the validation rota counts as one full-time post
  });

  it('the words say posts for heads and WTE where it differs, never "2.5 link workers"', () => {
    const s = scenario({ referrals: { practices: [{ name: 'A', referralsPerMonth: 50 }] }, workers: [{ count: 2.5 }] });
    const line = designLine(s);
    expect(line).toContain('3 link workers on 37.5 h a week, the last working 0.5 of it (2.5 WTE)');
    const text = describeScenario(s).join(' ');
    expect(text).not.toMatch(/2\.5 (link workers|posts)/);
    expect(text).toContain('That is about 20 referrals a month per whole-time equivalent (2.5 WTE in 3 posts');
    const two = loadScenario('scenarios/compare-two-workers.yaml').scenario;
    expect(designLine(two)).toContain('1 link worker (Part-time link worker) on 20 h a week (0.53 WTE)');
  });

  it('a caseload limit is per full-time post, pro rata to WTE: a 20-hour post stops taking new patients at 20/37.5 of it', () => {
    const s = scenario({
      referrals: { practices: [{ name: 'A', referralsPerMonth: 60 }] },
      workers: [{ count: 1, rota: [...TWENTY_HOURS], networkingHoursPerWeek: 0, annualLeaveDays: 0 }],
      patients: { sessionsNeeded: 6, daysBetweenSessions: 28 },
      policy: { maxCaseload: 10, sessionCap: 'open' },
    });
    let atFirst = 0;
    const monitor: Monitor = {
      ...NULL_MONITOR,
      workStarted(_t: number, w: WorkerView, _p: unknown, kind: string) {
        if (kind === 'first') atFirst = Math.max(atFirst, (w as unknown as { caseload: number }).caseload);
      },
    };
    runReplication(s, 0, { monitor });
    // 10 × 20/37.5 = 5.33: a new patient only while it holds 5 or fewer (6 with the new one), never 10.
    expect(atFirst).toBeGreaterThanOrEqual(5);
    expect(atFirst).toBeLessThanOrEqual(6);
  });
});

describe('annual leave is per full-time post and pro rata to working days', () => {
  it('leave is pro rata to working days: a 3-day post takes 7 weeks of its working days', () => {
    const plan = buildWeekPlan(
      [...TWENTY_HOURS].map((b) => ({ ...b, activity: 'patients' as const })),
      1.5,
      0,
    );
    expect(postLeaveWeeks(35, 3)).toBe(7); // 35 × 3/5 = 21 days = 7 weeks of 3 days, not 12
    expect(weeksOff(leaveWeeks(plan, 35, 0, 1))).toBe(7);
    const two = loadScenario('scenarios/compare-two-workers.yaml').scenario;
    expect(buildPosts(two.workers).map((w) => weeksOff(w.onLeave))).toEqual([7, 7]);
  });

  it('a non-whole-day fraction still takes 7 weeks', () => {
    const g = { rota: 'standard' as const, networkingHoursPerWeek: 3.5, otherDutiesHoursPerWeek: 0, supervisionHoursPerWeek: 1, teamLeadHoursPerWeek: 0 };
    for (const f of [0.5, 0.3, 0.7, 0.9]) expect(weeksOff(leaveWeeks(groupWeekPlan(g, f), 35, 0, 1)), `fraction ${f}`).toBe(7);
    const s = scenario({ workers: [{ count: 2.5 }] });
    expect(buildPosts(s.workers).map((w) => weeksOff(w.onLeave))).toEqual([7, 7, 7]);
  });

  it('a full-time post takes annualLeaveDays / 5 weeks, rounded, and float error never rounds 6.5 down', () => {
    const plan = buildWeekPlan('standard', 0, 0);
    expect(weeksOff(leaveWeeks(plan, 25, 0, 1))).toBe(5);
    expect(weeksOff(leaveWeeks(plan, 33, 0, 1))).toBe(7);
    for (const d of [1, 2, 3, 4, 6, 7]) expect(postLeaveWeeks(32.5, d), `${d} days`).toBe(7);
    expect(weeksOff(leaveWeeks(buildWeekPlan('always', 0, 0), 35, 0, 1))).toBe(0); // the validation rota has no leave
  });
});
