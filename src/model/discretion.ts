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
import { DIAL_LEVER_IDS, LEVER_IDS, LEVER_REGISTRY, MIDDLE_DIAL, type LeverValues } from '../scenario/lever-registry.js';

export interface ResolvedLevers extends LeverValues {
  /** 0..1: how much discretion the levers in force leave to the worker (mean over the dial levers). */
  autonomy: number;
}


export function resolveLevers(s: Scenario): ResolvedLevers {
  const d = s.discretion ?? MIDDLE_DIAL;
  const explicit = s.levers as Partial<LeverValues>;
  const out: Record<string, unknown> = {};
  for (const k of LEVER_IDS) {
    const row = LEVER_REGISTRY[k] as { dial?: { at: (d: number) => unknown }; fallback: unknown };
    out[k] = explicit[k] ?? (row.dial ? row.dial.at(d) : row.fallback);
  }
  const r = out as unknown as LeverValues;
  let autonomy = 0;
  for (const k of DIAL_LEVER_IDS) autonomy += (LEVER_REGISTRY[k].autonomy as (v: unknown) => number)(r[k]);
  return { ...r, autonomy: autonomy / DIAL_LEVER_IDS.length };
}
