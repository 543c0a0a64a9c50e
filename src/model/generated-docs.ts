/**
 * Text blocks of the docs generated from the registries, so the docs cannot drift from the model:
 * `npm run docs:model` writes them, tests/model/registry.test.ts and tests/docs/generated-blocks.test.ts
 * compare. docs/model.md: the dial table and the lever table (src/scenario/lever-registry.ts), the
 * random streams and draw keys (src/model/draw-keys.ts), the fixed assumptions
 * (src/model/assumptions.ts), the assumed parameters' ranges (src/scenario/assumption-registry.ts); README.md: the metric table (src/model/metrics.ts).
 */
import { DIAL_LEVER_IDS, dialTableMarkdown, LEVER_IDS, LEVER_REGISTRY, MIDDLE_DIAL, noDialValue } from '../scenario/lever-registry.js';
import { FIXED_ASSUMPTIONS } from './assumptions.js';
import { assumptionTableMarkdown } from '../scenario/assumption-registry.js';
import { DischargeKey, KEYED_STREAMS, ReferralTypeKey } from './draw-keys.js';
import { METRICS } from './metrics.js';

const WHY: Record<keyof typeof FIXED_ASSUMPTIONS, string> = {
  DECLINE_CONFIDENCE_NOVICE: 'a novice team declines inappropriate referrals at this fraction of `declineInappropriate` (CMOC 8)',
  DECLINE_CONFIDENCE_FULL_MONTHS: 'months of mean experience at which confidence to decline reaches 1 (CMOC 8, Site 3 LW01)',
  NOVICE_MONTHS: 'months in role during which a worker is a novice: slower sessions, hands-off stress (T2 time in role)',
  KNOWLEDGE_NOVICE: 'community knowledge of a new worker (CMOC 4)',
  KNOWLEDGE_EXPERIENCED: 'community knowledge reached with experience (CMOC 4)',
  KNOWLEDGE_EXPERIENCED_MONTHS: 'months in role to reach it',
  NEUTRAL_STRESS: 'stress of a new or neutral worker; neutral point of the leaving hazard',
  NEUTRAL_SATISFACTION: 'satisfaction of a new or neutral worker; neutral point of the leaving hazard',
  NEUTRAL_NEED_MET_RATE: 'team need-met rate assumed for a week in which no episode ended',
  MAX_HOME_VISIT_SHARE: 'share of sessions held at home at full discretion (T5 where patients were seen)',
};

export function fixedAssumptionsMarkdown(): string {
  const lines = ['| Constant | Value | What it is (all **assumptions**) |', '|---|---|---|'];
  for (const [k, v] of Object.entries(FIXED_ASSUMPTIONS)) lines.push(`| \`${k}\` | ${v} | ${WHY[k as keyof typeof WHY]} |`);
  return lines.join('\n') + '\n';
}

/** Escape a cell of a markdown table. */
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** README's metric table: one row per entry of METRICS, in its order. */
export function metricTableMarkdown(): string {
  const lines = ['| id | metric | unit | better | definition |', '|---|---|---|---|---|'];
  for (const m of METRICS) lines.push(`| \`${m.id}\` | ${cell(m.label)} | ${cell(m.unit)} | ${m.better ?? '—'} | ${cell(m.definition)} |`);
  return lines.join('\n') + '\n';
}

/** The lever rows of docs/model.md §8: every lever of LEVER_REGISTRY, its default and its source. */
export function leverTableMarkdown(): string {
  const lines = ['| Field path | What it is | Default | Source |', '|---|---|---|---|'];
  for (const k of LEVER_IDS) {
    const r = LEVER_REGISTRY[k] as unknown as {
      fallback?: unknown;
      dial?: { at: (d: number) => unknown; words: string };
      paper: string;
      note: string;
      show: (v: unknown) => string;
    };
    const noDial = r.dial ? noDialValue(k as (typeof DIAL_LEVER_IDS)[number]) : undefined;
    const dflt = r.dial
      ? `${r.dial.words} (${r.show(noDial)}${noDial === r.dial.at(MIDDLE_DIAL) ? '' : `, not the dial's middle ${r.show(r.dial.at(MIDDLE_DIAL))}: §6.0`})`
      : r.show(r.fallback);
    const paper = r.paper.replace(/\bassumption\b/g, '**assumption**');
    lines.push(`| \`levers.${k}\` | ${cell(r.note)} | ${cell(dflt)} | ${cell(paper)} |`);
  }
  if (lines.length - 2 !== LEVER_IDS.length || DIAL_LEVER_IDS.some((k) => !LEVER_IDS.includes(k))) throw new Error('lever table out of step');
  return lines.join('\n') + '\n';
}

type KeyedStreamName = (typeof KEYED_STREAMS)[number];

/**
 * What each keyed stream's key is and what it serves. Typed over KEYED_STREAMS and the sub-key
 * objects, so a new stream or sub-key in src/model/draw-keys.ts does not compile until it is
 * described here.
 */
const KEYED_STREAM_DOCS: Record<
  KeyedStreamName,
  { key: string; serves: string | { subKeys: Record<string, number>; each: Record<string, string>; after?: string } }
> = {
  sessionsNeeded: { key: '(patient key, 0)', serves: 'sessions each new patient needs, drawn at referral (and for seeded patients)' },
  referralSource: { key: '(patient key, 0)', serves: 'referral source category, drawn at referral' },
  patience: { key: '(patient key, 0)', serves: 'patience of each patient joining the waiting list' },
  referralType: {
    key: '(patient key, sub-key)',
    serves: {
      subKeys: ReferralTypeKey,
      each: {
        Type: "first draw whether the referral is inappropriate, second whether the patient is vulnerable, third the stochastic rounding of an inappropriate referral's need (drawn only when `inappropriateShare` or `vulnerableShare` > 0)",
        Decline: 'the decline decision (inappropriate referrals only)',
        Triage: 'the triage outcome (resolved / redirected / on to the waiting list)',
        KnowledgeNeed: "the stochastic rounding of the need scaled by the worker's knowledge at allocation (only when the factor is not 1)",
      } satisfies Record<keyof typeof ReferralTypeKey, string>,
    },
  },
  sessionLength: {
    key: '(patient key, session number)',
    serves: 'length of that session (first or follow-up), then one more draw for whether it is a home visit (not drawn for check-in calls)',
  },
  didNotAttend: { key: '(patient key, session number)', serves: 'whether that booked session is missed (not drawn for check-in calls)' },
  daysBetweenSessions: { key: '(patient key, session number)', serves: "gap from that session's end to the next follow-up falling due" },
  discharge: {
    key: '(patient key, sub-key)',
    serves: {
      subKeys: DischargeKey,
      each: {
        CapExtension: 'whether the cap is extended (drawn at most once, the first time the cap is reached, only when `capExtension` > 0)',
        Match: 'whether the support found matched the need (only when the chance is below 1)',
        ReReferral: 'whether a patient discharged at the cap is re-referred (only when `reReferral` > 0)',
        CheckIns: 'whether a vulnerable patient gets check-in calls (only when `checkIns` > 0)',
      } satisfies Record<keyof typeof DischargeKey, string>,
      after: 'Each decision has its own key, so a draw that cannot matter is skipped without shifting any other',
    },
  },
  workers: {
    key: '(worker index, week number)',
    serves:
      'at each week tick, for a worker whose post is not vacant: the number of out-of-remit requests (Poisson by inversion, one draw), one draw per request for its acceptance, then (workforce enabled, worker idle) one draw for leaving',
  },
  networkingSqueeze: {
    key: '(worker index, hour of the block start)',
    serves: 'whether a networking block that opens while work is pending is squeezed; the hour is ⌊block start in minutes / 60⌋ from time 0',
  },
};

/**
 * The sequential streams of one replication (created with `createStream` in src/model/; not keyed).
 * tests/docs/generated-blocks.test.ts checks that these are exactly the names src/model/ creates.
 */
export const SEQUENTIAL_STREAM_DOCS: Record<string, { file: string; serves: string }> = {
  'referrals.practice.{i}': { file: 'intake.ts', serves: "unit exponentials for practice *i*'s arrival process (`referrals.ts`)" },
  initialState: { file: 'replication.ts', serves: "when each pre-existing caseload patient's first follow-up falls due" },
};

/** The stream table of docs/model.md §4: the keyed streams of draw-keys.ts with their sub-keys, then the sequential ones. */
export function drawKeyTableMarkdown(): string {
  const lines = ['| Stream name | Kind | Serves |', '|---|---|---|'];
  for (const name of KEYED_STREAMS) {
    const d = KEYED_STREAM_DOCS[name];
    if (typeof d.serves === 'string') {
      lines.push(`| \`${name}\` | keyed \`${d.key}\` | ${cell(d.serves)} |`);
      continue;
    }
    const { subKeys, each, after } = d.serves;
    const entries = Object.entries(subKeys).sort((a, b) => a[1] - b[1]);
    const key = d.key.replace('sub-key', entries.map(([, v]) => v).join(' / '));
    const text = entries.map(([k, v]) => `${v} (\`${k}\`): ${each[k]}`).join('; ') + (after ? `. ${after}` : '');
    lines.push(`| \`${name}\` | keyed \`${key}\` | ${cell(text)} |`);
  }
  for (const [name, d] of Object.entries(SEQUENTIAL_STREAM_DOCS)) lines.push(`| \`${name}\` | sequential (\`${d.file}\`) | ${cell(d.serves)} |`);
  return lines.join('\n') + '\n';
}

/** The generated blocks of docs/model.md, by marker name. */
export function generatedModelDocBlocks(): Record<string, string> {
  return {
    'dial-table': dialTableMarkdown(),
    'lever-table': leverTableMarkdown(),
    'draw-keys': drawKeyTableMarkdown(),
    'fixed-assumptions': fixedAssumptionsMarkdown(),
    'assumption-registry': assumptionTableMarkdown(),
  };
}

/** Every generated block, by file (relative to the repository root) and marker name. */
export function generatedDocBlocks(): Record<string, Record<string, string>> {
  return { 'docs/model.md': generatedModelDocBlocks(), 'README.md': { metrics: metricTableMarkdown() } };
}

/** Replace each `<!-- name:begin … -->…<!-- name:end -->` block's body with the generated text. */
export function fillGeneratedBlocks(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const re = new RegExp(`(<!-- ${name}:begin[^>]*-->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!re.test(out)) throw new Error(`marker ${name} not found`);
    out = out.replace(re, (_m, a: string, b: string) => a + body + b);
  }
  return out;
}
