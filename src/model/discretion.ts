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
  // Built by adding the keys in one fixed order (no spread): every run's levers then share one
  // hidden class, so the model's code compiled for one replication's levers serves the next.
  // A spread gave each call a class of its own, and each new replication deoptimised the model.
  const out: Record<string, unknown> = {};
  for (const k of LEVER_IDS) {
    const row = LEVER_REGISTRY[k] as { dial?: { at: (d: number) => unknown }; fallback: unknown };
    out[k] = explicit[k] ?? (row.dial ? (d === undefined ? noDialValue(k as (typeof DIAL_LEVER_IDS)[number]) : row.dial.at(d)) : row.fallback);
  }
  let autonomy = 0;
  for (const k of DIAL_LEVER_IDS) autonomy += (LEVER_REGISTRY[k].autonomy as (v: unknown) => number)(out[k]);
  out.autonomy = autonomy / DIAL_LEVER_IDS.length;
  return out as unknown as ResolvedLevers;
}
