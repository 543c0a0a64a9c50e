/**
 * The keyed random draws of the model, in one place. Each stochastic decision has its own
 * stream and a key (entity, sub-key), so that what a policy does cannot shift which number a
 * later decision receives (common random numbers; docs/model.md §4). Adding a decision means
 * adding a sub-key here, never reusing one, and describing it in src/model/generated-docs.ts.
 */
import { KeyedStream } from '../random/index.js';

/** Stream names (part of the seed derivation: renaming one changes every number drawn from it). */
export const KEYED_STREAMS = [
  'sessionsNeeded',
  'referralSource',
  'patience',
  'referralType',
  'sessionLength',
  'didNotAttend',
  'daysBetweenSessions',
  'discharge',
  'workers',
  'networkingSqueeze',
] as const;

/** Sub-keys of the patient-keyed streams with several decisions (key = (patient id, sub-key)). */
export const ReferralTypeKey = { Type: 0, Decline: 1, Triage: 2, KnowledgeNeed: 3 } as const;
export const DischargeKey = { CapExtension: 0, Match: 1, ReReferral: 2, CheckIns: 3 } as const;

/**
 * The key layout of every stream, and what each draw serves, is the table of docs/model.md §4,
 * generated from this file (src/model/generated-docs.ts, `npm run docs:model`; a test checks it).
 * A new stream or sub-key does not compile until it is described there.
 */
export type DrawStreams = Record<(typeof KEYED_STREAMS)[number], KeyedStream>;

export function drawStreams(seed: number, replication: number): DrawStreams {
  const out = {} as DrawStreams;
  for (const name of KEYED_STREAMS) out[name] = new KeyedStream(seed, replication, name);
  return out;
}
