/**
 * Text blocks of docs/model.md generated from code (the dial table, the fixed assumptions), so the
 * docs cannot drift from the model: `npm run docs:model` writes them, a test compares.
 */
import { dialTableMarkdown } from '../scenario/lever-registry.js';
import { FIXED_ASSUMPTIONS } from './assumptions.js';

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

/** The generated blocks, by marker name. */
export function generatedModelDocBlocks(): Record<string, string> {
  return { 'dial-table': dialTableMarkdown(), 'fixed-assumptions': fixedAssumptionsMarkdown() };
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
