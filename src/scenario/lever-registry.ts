/**
 * The discretion and boundary levers, in one table (Tierney et al. 2024, Table 5 and the CMOCs
 * of Table 6). Each row gives the lever's schema, how the `discretion` dial sets it when it is
 * not set explicitly, how much autonomy it leaves the worker (for satisfaction), its value with
 * the mechanism switched off, its source in the paper, and its line in reports. The schema
 * (`LeversSchema`), the resolved levers (src/model/discretion.ts), the report's assumptions, the
 * tests' "all mechanisms off" helper and the dial table in docs/model.md all derive from here:
 * a new lever is one new row.
 */
import { z } from 'zod';

/** Maximum share of sessions held at home at full discretion (an assumption, docs/model.md). */
export const MAX_HOME_VISIT_SHARE = 0.2;

const share = (what: string) => z.number().min(0).max(1).describe(what);
const pct = (x: number) => `${Math.round(x * 100)} %`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/0+$/, ''));

/** With no dial set, dial levers take the dial's value here: a middle service. */
export const MIDDLE_DIAL = 0.5;

interface LeverRow<T> {
  schema: z.ZodType<T>;
  /** Default of a lever the dial does not set (dial levers take `dial.at(MIDDLE_DIAL)` instead). */
  fallback?: T;
  /** The dial's mapping d ∈ [0, 1] → value (dial levers only), and its words for the docs table. */
  dial?: { at: (d: number) => T; words: string };
  /** 0..1: the autonomy this value leaves the worker (dial levers; mean over them = `autonomy`). */
  autonomy?: (v: T) => number;
  /** The value with this mechanism switched off (the version-1 service). */
  off?: T;
  paper: string;
  note: string;
  show: (v: T) => string;
}

const row = <T>(r: LeverRow<T>): LeverRow<T> => r;

export const LEVER_REGISTRY = {
  capExtension: row<number>({
    schema: share('probability that a worker extends the cap for a patient who still has need (discretion)'),
    dial: { at: (d) => d, words: 'd' }, autonomy: (v) => v, off: 0,
    paper: 'T5 "How often patients were seen"; Site 1 LW02', note: 'chance the session cap is extended for a patient who still has need', show: pct,
  }),
  capExtensionSessions: row<number>({
    schema: z.number().int().min(1).max(52).describe('extra sessions allowed when the cap is extended'),
    fallback: 3, paper: 'T5; Site 1 LW02', note: 'extra sessions when the cap is extended (once per episode)', show: (v) => `${v} session${v === 1 ? '' : 's'}`,
  }),
  reReferral: row<number>({
    schema: share('probability that a patient discharged with unmet need is re-referred (the "revolving door")'),
    fallback: 0.3, off: 0, paper: 'T5; cal.', note: 'chance a patient discharged at the cap with need left is re-referred ("revolving door")', show: pct,
  }),
  reReferralDelayDays: row<number>({
    schema: z.number().nonnegative().max(3650).describe('delay before such a re-referral'),
    fallback: 90, paper: 'assumption', note: 'delay before such a re-referral arrives', show: (v) => `${num(v)} days`,
  }),
  followUpSizing: row<'fixed' | 'needs'>({
    schema: z.enum(['fixed', 'needs']).describe('fixed slots, or follow-ups sized to the patient\'s need'),
    dial: { at: (d) => (d >= 0.5 ? 'needs' : 'fixed'), words: '`needs` if d ≥ 0.5, else `fixed`' }, autonomy: (v) => (v === 'needs' ? 1 : 0), off: 'needs',
    paper: 'T5 "Time spent with patients"; CMOC 1, 2, 14', note: 'follow-ups last as long as the need takes, or a fixed slot', show: (v) => (v === 'needs' ? 'sized to need' : 'fixed slots'),
  }),
  fixedSlotMinutes: row<number>({
    schema: z.number().positive().max(480).describe('length of a fixed follow-up slot'),
    fallback: 30, paper: 'assumption', note: 'length of a fixed follow-up slot', show: (v) => `${num(v)} min`,
  }),
  declineInappropriate: row<number>({
    schema: share('probability an experienced worker declines an inappropriate referral (boundary)'),
    dial: { at: (d) => 1 - d, words: '1 − d' }, autonomy: (v) => 1 - v, off: 0,
    paper: 'CMOC 8, 9; T5 "Referral types"', note: 'chance an experienced worker declines an inappropriate referral (× confidence)', show: pct,
  }),
  receptionReferrals: row<boolean>({
    schema: z.boolean().describe('reception staff may refer directly'),
    dial: { at: (d) => d > 0.5, words: 'open if d > 0.5' }, autonomy: (v) => (v ? 1 : 0), off: false,
    paper: 'T5 "Referral routes"', note: 'reception staff may refer directly', show: (v) => (v ? 'open' : 'closed'),
  }),
  selfReferrals: row<boolean>({
    schema: z.boolean().describe('patients may refer themselves'),
    dial: { at: (d) => d >= 0.25, words: 'open if d ≥ 0.25' }, autonomy: (v) => (v ? 1 : 0), off: false,
    paper: 'T5 "Referral routes"; T4 referrers', note: 'patients may refer themselves', show: (v) => (v ? 'open' : 'closed'),
  }),
  triage: row<boolean>({
    schema: z.boolean().describe('an initial short contact resolves quick needs or redirects (boundary)'),
    dial: { at: (d) => d < 0.25, words: 'on if d < 0.25' }, autonomy: (v) => (v ? 0 : 1), off: false,
    paper: 'T5 "Referral routes"', note: 'a short first contact resolves quick needs or redirects', show: (v) => (v ? 'on' : 'off'),
  }),
  triageMinutes: row<number>({
    schema: z.number().positive().max(480).describe('length of a triage contact'),
    fallback: 15, paper: 'assumption', note: 'length of a triage contact', show: (v) => `${num(v)} min`,
  }),
  triageResolvedShare: row<number>({
    schema: share('share of triaged patients whose need is met at triage'),
    fallback: 0.2, paper: 'T5; assumption', note: 'share of triaged patients whose need is met at triage', show: pct,
  }),
  triageRedirectedShare: row<number>({
    schema: share('share of triaged patients redirected to another service'),
    fallback: 0.1, paper: 'T5; assumption', note: 'share of triaged patients redirected to another service', show: pct,
  }),
  homeVisitShare: row<number>({
    schema: share('share of sessions held as home visits (longer, plus travel)'),
    dial: { at: (d) => MAX_HOME_VISIT_SHARE * d, words: '0.2 d' }, autonomy: (v) => Math.min(1, v / MAX_HOME_VISIT_SHARE), off: 0,
    paper: 'T5 "Where patients were seen"', note: `share of sessions held as home visits (the dial reaches at most ${pct(MAX_HOME_VISIT_SHARE)})`, show: pct,
  }),
  homeVisitExtraMinutes: row<number>({
    schema: z.number().nonnegative().max(480).describe('a home visit lasts this much longer'),
    fallback: 10, paper: 'assumption', note: 'a home visit lasts this much longer', show: (v) => `${num(v)} min`,
  }),
  travelMinutes: row<number>({
    schema: z.number().nonnegative().max(480).describe('round-trip travel per home visit'),
    fallback: 20, paper: 'assumption', note: 'round-trip travel per home visit', show: (v) => `${num(v)} min`,
  }),
  checkIns: row<number>({
    schema: share('probability that a vulnerable discharged patient gets recurring check-in calls'),
    dial: { at: (d) => d, words: 'd' }, autonomy: (v) => v, off: 0,
    paper: 'T5 check-in calls', note: 'chance a vulnerable discharged patient gets check-in calls', show: pct,
  }),
  acceptOutOfRemit: row<number>({
    schema: share('probability a worker accepts an out-of-remit request'),
    dial: { at: (d) => d, words: 'd' }, autonomy: (v) => v, off: 0,
    paper: 'Site 2 VCSE01; CMOC 10, 13', note: 'chance a worker accepts an out-of-remit request', show: pct,
  }),
  protectNetworking: row<number>({
    schema: share('probability protected networking is kept when demand is high (boundary)'),
    dial: { at: (d) => 1 - d, words: '1 − d' }, autonomy: (v) => 1 - v, off: 1,
    paper: 'CMOC 4, 14', note: 'chance protected networking is kept when patients are waiting', show: pct,
  }),
} as const;

export type LeverId = keyof typeof LEVER_REGISTRY;
type ValueOf<R> = R extends LeverRow<infer T> ? T : never;
/** The value of every lever once resolved. */
export type LeverValues = { -readonly [K in LeverId]: ValueOf<(typeof LEVER_REGISTRY)[K]> };

export const LEVER_IDS = Object.keys(LEVER_REGISTRY) as LeverId[];
/** The levers the dial sets when they are not set explicitly. */
export const DIAL_LEVER_IDS = [
  'capExtension', 'followUpSizing', 'declineInappropriate', 'receptionReferrals', 'selfReferrals',
  'triage', 'homeVisitShare', 'checkIns', 'acceptOutOfRemit', 'protectNetworking',
] as const satisfies readonly LeverId[];
// The list above and the rows with a dial must agree (checked once, at load).
if (LEVER_IDS.filter((k) => 'dial' in LEVER_REGISTRY[k]).join() !== DIAL_LEVER_IDS.join()) throw new Error('DIAL_LEVER_IDS out of step with LEVER_REGISTRY');

/** Dial levers are optional (the dial fills them); the others default to their fallback. */
export function leverShape(): Record<LeverId, z.ZodType> {
  const shape = {} as Record<LeverId, z.ZodType>;
  for (const k of LEVER_IDS) {
    const r = LEVER_REGISTRY[k] as LeverRow<unknown>;
    shape[k] = r.dial ? r.schema.optional() : (r.schema as z.ZodType).default(r.fallback as never);
  }
  return shape;
}

/** Every lever at the value that switches its mechanism off (levers without one stay unset). */
export function leversOff(): Partial<LeverValues> {
  const out: Record<string, unknown> = {};
  for (const k of LEVER_IDS) if (LEVER_REGISTRY[k].off !== undefined) out[k] = LEVER_REGISTRY[k].off;
  return out as Partial<LeverValues>;
}

/** The dial table of docs/model.md §6.0, generated from the registry. */
export function dialTableMarkdown(): string {
  const lines = ['| Lever | d = 0 (boundaries) | d = 1 (discretion) | mapping | without a dial | paper |', '|---|---|---|---|---|---|'];
  for (const k of DIAL_LEVER_IDS) {
    const r = LEVER_REGISTRY[k] as LeverRow<unknown>;
    lines.push(`| \`levers.${k}\` | ${r.show(r.dial!.at(0))} | ${r.show(r.dial!.at(1))} | ${r.dial!.words} | ${r.show(r.dial!.at(MIDDLE_DIAL))} | ${r.paper} |`);
  }
  return lines.join('\n') + '\n';
}
