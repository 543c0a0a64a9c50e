/**
 * From the scenario to the levers in force. Each lever set explicitly in `levers` wins;
 * otherwise it follows the `discretion` dial d (0 = all boundaries, 1 = all discretion);
 * with no dial, unset levers take the dial's value at 0.5 (a middle service).
 *
 *   lever                     d = 0 (boundaries)      d = 1 (discretion)     source
 *   capExtension              0                       1  (linear in d)       Table 5, Site 1 LW02
 *   followUpSizing            fixed slots (d < 0.5)   sized to need          Table 5 time with patients
 *   declineInappropriate      1                       0  (1 − d)             CMOC 8, 9
 *   receptionReferrals        closed (d ≤ 0.5)        open                   Table 5 referral routes
 *   selfReferrals             closed (d < 0.25)       open                   Table 5 referral routes
 *   triage                    on (d < 0.25)           off                    Table 5 referral routes
 *   homeVisitShare            0                       0.2 (0.2 d)            Table 5 where patients were seen
 *   checkIns                  0                       1  (d)                 Table 5 check-in calls
 *   acceptOutOfRemit          0                       1  (d)                 Site 2 VCSE01; CMOC 10, 13
 *   protectNetworking         1                       0  (1 − d)             CMOC 4, 14
 */
import type { Scenario } from '../scenario/schema.js';
import { MAX_HOME_VISIT_SHARE } from './assumptions.js';

export interface ResolvedLevers {
  capExtension: number;
  capExtensionSessions: number;
  reReferral: number;
  reReferralDelayDays: number;
  followUpSizing: 'fixed' | 'needs';
  fixedSlotMinutes: number;
  declineInappropriate: number;
  receptionReferrals: boolean;
  selfReferrals: boolean;
  triage: boolean;
  triageMinutes: number;
  triageResolvedShare: number;
  triageRedirectedShare: number;
  homeVisitShare: number;
  homeVisitExtraMinutes: number;
  travelMinutes: number;
  checkIns: number;
  acceptOutOfRemit: number;
  protectNetworking: number;
  /** 0..1: how much discretion the levers in force leave to the worker (mean of the ten). */
  autonomy: number;
}

export { MAX_HOME_VISIT_SHARE } from './assumptions.js';

export function resolveLevers(s: Scenario): ResolvedLevers {
  const d = s.discretion ?? 0.5;
  const l = s.levers;
  const r: Omit<ResolvedLevers, 'autonomy'> = {
    capExtension: l.capExtension ?? d,
    capExtensionSessions: l.capExtensionSessions,
    reReferral: l.reReferral,
    reReferralDelayDays: l.reReferralDelayDays,
    followUpSizing: l.followUpSizing ?? (d >= 0.5 ? 'needs' : 'fixed'),
    fixedSlotMinutes: l.fixedSlotMinutes,
    declineInappropriate: l.declineInappropriate ?? 1 - d,
    receptionReferrals: l.receptionReferrals ?? d > 0.5,
    selfReferrals: l.selfReferrals ?? d >= 0.25,
    triage: l.triage ?? d < 0.25,
    triageMinutes: l.triageMinutes,
    triageResolvedShare: l.triageResolvedShare,
    triageRedirectedShare: l.triageRedirectedShare,
    homeVisitShare: l.homeVisitShare ?? MAX_HOME_VISIT_SHARE * d,
    homeVisitExtraMinutes: l.homeVisitExtraMinutes,
    travelMinutes: l.travelMinutes,
    checkIns: l.checkIns ?? d,
    acceptOutOfRemit: l.acceptOutOfRemit ?? d,
    protectNetworking: l.protectNetworking ?? 1 - d,
  };
  const parts = [
    r.capExtension,
    r.followUpSizing === 'needs' ? 1 : 0,
    1 - r.declineInappropriate,
    r.receptionReferrals ? 1 : 0,
    r.selfReferrals ? 1 : 0,
    r.triage ? 0 : 1,
    Math.min(1, r.homeVisitShare / MAX_HOME_VISIT_SHARE),
    r.checkIns,
    r.acceptOutOfRemit,
    1 - r.protectNetworking,
  ];
  return { ...r, autonomy: parts.reduce((a, b) => a + b, 0) / parts.length };
}
