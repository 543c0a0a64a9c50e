/**
 * From the scenario to the levers in force. Each lever set explicitly in `levers` wins;
 * otherwise it follows the `discretion` dial d (0 = all boundaries, 1 = all discretion);
 * with no dial, unset levers take the dial's value at 0.5 (a middle service), except where the
 * registry gives a `noDial` value (the cap extension: a cap is a cap until discretion is on).
 *
 * Which levers follow the dial, how, and from which source: the dial table (§6.0) and lever table
 * (§8) of docs/model.md, generated from src/scenario/lever-registry.ts by `npm run docs:model`
 * (tests/docs/generated-blocks.test.ts checks them; a table kept in this comment could not be).
 */
import type { Scenario } from '../scenario/schema.js';
import { DIAL_LEVER_IDS, LEVER_IDS, LEVER_REGISTRY, noDialValue, type LeverValues } from '../scenario/lever-registry.js';

export interface ResolvedLevers extends LeverValues {
  /** 0..1: how much discretion the levers in force leave to the worker (mean over the dial levers). */
  autonomy: number;
}

export function resolveLevers(s: Scenario): ResolvedLevers {
  const d = s.discretion;
  const explicit = s.levers as Partial<LeverValues>;
  const out: Record<string, unknown> = {};
  for (const k of LEVER_IDS) {
    const row = LEVER_REGISTRY[k] as { dial?: { at: (d: number) => unknown }; fallback: unknown };
    out[k] = explicit[k] ?? (row.dial ? (d === undefined ? noDialValue(k as (typeof DIAL_LEVER_IDS)[number]) : row.dial.at(d)) : row.fallback);
  }
  const r = out as unknown as LeverValues;
  let autonomy = 0;
  for (const k of DIAL_LEVER_IDS) autonomy += (LEVER_REGISTRY[k].autonomy as (v: unknown) => number)(r[k]);
  return { ...r, autonomy: autonomy / DIAL_LEVER_IDS.length };
}
