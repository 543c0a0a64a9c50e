/**
 * One source of truth for distributions (issue 9): every distribution the scenario schema
 * accepts must build with the model's factory (`makeDistribution`) and draw finite values.
 *
 * A seeded generator draws random specs from the schema's space, with the edge values mixed in
 * (0, the ±1e9 parameter limit, the smallest lognormal mean, min = max, mean = min, truncations
 * near the smallest mass allowed, zero weights, the longest empirical table). Valid specs must be
 * accepted by the schema; every spec the schema accepts — valid by construction or a random
 * near-miss — must build, have a finite mean and variance, and sample finite values, also from
 * a generator that often returns the extreme uniforms 0 and 1 − 2⁻⁵³.
 */
import { describe, it, expect } from 'vitest';
import { DistributionSchema, LIMITS } from '../../src/scenario/schema.js';
import { createStream, makeDistribution, normalQuantile, type DistributionSpec, type Rng } from '../../src/random/index.js';

const P = LIMITS.distributionParameter;
// Seeded, so a failure reproduces; GOLDILOCKS_PROPERTY_SEED=n explores other seeds.
const rng = createStream(Number(process.env.GOLDILOCKS_PROPERTY_SEED ?? 20240611), 0, 'distribution-property');
const u = () => rng.next();
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(u() * xs.length)];
const chance = (p: number) => u() < p;

/** A number spread over many orders of magnitude, with the edges often. */
function magnitude(min: number, max: number): number {
  if (chance(0.2)) return pick([min, max]);
  const lo = Math.log10(Math.max(min, 1e-9));
  const hi = Math.log10(max);
  return Math.min(max, Math.max(min, 10 ** (lo + (hi - lo) * u())));
}
const signed = () => (chance(0.15) ? pick([0, P, -P]) : (chance(0.5) ? -1 : 1) * magnitude(1e-9, P));
const positive = () => magnitude(1e-9, P);

/** A spec the schema must accept (its documented rules, see src/scenario/schema.ts). */
function validSpec(): DistributionSpec {
  switch (
    pick(['number', 'fixed', 'exponential', 'uniform', 'triangular', 'normal', 'lognormal', 'gamma', 'poisson', 'negativeBinomial', 'empirical'] as const)
  ) {
    case 'number':
      return signed();
    case 'fixed':
      return { type: 'fixed', value: signed() };
    case 'exponential':
      return { type: 'exponential', mean: positive() };
    case 'uniform': {
      const a = signed();
      const b = chance(0.15) ? a : signed();
      return { type: 'uniform', min: Math.min(a, b), max: Math.max(a, b) };
    }
    case 'triangular': {
      const xs = [signed(), signed(), signed()].sort((x, y) => x - y);
      if (xs[0] === xs[2]) xs[2] = xs[0] === P ? P : Math.min(P, xs[0] + 1);
      if (xs[0] === xs[2]) xs[0] -= 1;
      const mode = chance(0.2) ? pick([xs[0], xs[2]]) : xs[1];
      return { type: 'triangular', min: xs[0], mode, max: xs[2] };
    }
    case 'normal': {
      const mean = signed() / (chance(0.5) ? 1e3 : 1);
      // sd not below a millionth of the mean, so that mean + z·sd is representable as written.
      const sd = Math.max(positive() / (chance(0.5) ? 1e3 : 1), Math.abs(mean) * 1e-6);
      // Bounds at z-scores from far inside to just inside the smallest mass allowed (≈ 4.7 sd);
      // with both bounds, one each side of the mean, so the interval keeps enough mass.
      const zEdge = -normalQuantile(LIMITS.truncatedNormalMinMass * 1.5);
      const lowZ = () => pick([-zEdge, -1, 0, -zEdge * u()]);
      const highZ = () => pick([zEdge, 1, 0.01, 0.01 + (zEdge - 0.01) * u()]);
      const clamp = (x: number) => Math.min(P, Math.max(-P, x));
      const spec: DistributionSpec = { type: 'normal', mean, sd };
      const shape = pick(['none', 'min', 'max', 'both'] as const);
      if (shape === 'min') spec.min = clamp(mean + pick([-zEdge, zEdge, 0, (u() - 0.5) * 2 * zEdge]) * sd);
      if (shape === 'max') spec.max = clamp(mean + pick([-zEdge, zEdge, 0, (u() - 0.5) * 2 * zEdge]) * sd);
      if (shape === 'both') {
        spec.min = clamp(mean + lowZ() * sd);
        spec.max = clamp(mean + highZ() * sd);
        if (spec.max <= spec.min) delete spec.max; // both clamped to the parameter limit
      }
      return spec;
    }
    case 'lognormal':
      return { type: 'lognormal', mean: magnitude(LIMITS.lognormalMinMean, P), sd: positive() };
    case 'gamma':
      return { type: 'gamma', shape: positive(), scale: positive() };
    case 'poisson':
      return { type: 'poisson', mean: chance(0.1) ? 0 : positive() };
    case 'negativeBinomial': {
      const min = chance(0.3) ? 0 : Math.floor(magnitude(1, 1e6));
      if (chance(0.1)) return { type: 'negativeBinomial', mean: min, sd: 0, min };
      const m = magnitude(1e-6, 1e8);
      // sd² must exceed mean − min: put sd above √m by a random factor (up to the limit).
      const sd = Math.min(P, Math.sqrt(m) * (1 + magnitude(1e-3, 1e4)));
      return { type: 'negativeBinomial', mean: min + m, sd, min };
    }
    case 'empirical': {
      const n = chance(0.02) ? LIMITS.empiricalValues : 1 + Math.floor(u() * 30);
      const values = Array.from({ length: n }, signed);
      if (chance(0.5)) return { type: 'empirical', values };
      const weights: number[] = values.map(() => (chance(0.3) ? 0 : chance(0.1) ? P : positive()));
      if (!weights.some((w) => w > 0)) weights[Math.floor(u() * n)] = chance(0.5) ? P : 1e-9;
      return { type: 'empirical', values, weights };
    }
  }
}

/** A near-miss: a valid spec with one parameter replaced by an extreme or nonsensical value. */
function mutatedSpec(): unknown {
  const spec = validSpec();
  if (typeof spec === 'number') return pick([spec, -spec, 1e308, -1e308, 1e-308, Number.MAX_SAFE_INTEGER, 2 * P]);
  const keys = Object.keys(spec).filter((k) => k !== 'type');
  const key = pick(keys);
  const bad = pick([0, -0, -1, 1, 1e-308, 1e308, -1e308, 2 * P, -2 * P, 1e-7, 0.5, Number.EPSILON]);
  const out: Record<string, unknown> = { ...spec };
  out[key] = Array.isArray(out[key]) ? (out[key] as number[]).map((x, i) => (i === 0 ? bad : x)) : bad;
  return out;
}

/** Mostly fair uniforms, often the extremes 0 and 1 − 2⁻⁵³ (rejection samplers still terminate). */
const edgeRng: Rng = {
  next: () => (chance(0.1) ? 0 : chance(0.1) ? 1 - 2 ** -53 : u()),
};

function assertBuildsAndSamplesFinite(spec: DistributionSpec): void {
  let dist;
  try {
    dist = makeDistribution(spec);
  } catch (err) {
    throw new Error(`schema accepted ${JSON.stringify(spec)} but makeDistribution threw: ${(err as Error).message}`);
  }
  expect(Number.isFinite(dist.mean), `mean of ${JSON.stringify(spec)}`).toBe(true);
  expect(Number.isFinite(dist.variance), `variance of ${JSON.stringify(spec)}`).toBe(true);
  for (const r of [rng, edgeRng]) {
    for (let i = 0; i < 50; i++) {
      const x = dist.sample(r);
      if (!Number.isFinite(x)) throw new Error(`${JSON.stringify(spec)} sampled ${x}`);
    }
  }
}

describe('every distribution the schema accepts builds and samples finite values', () => {
  it('random valid specs (edge values included) are accepted, build and sample finitely', () => {
    const counts: Record<string, number> = {};
    for (let i = 0; i < 3000; i++) {
      const spec = validSpec();
      const parsed = DistributionSchema.safeParse(spec);
      if (!parsed.success)
        throw new Error(`schema refused the valid ${JSON.stringify(spec).slice(0, 300)}: ${parsed.error.issues.map((x) => x.message).join('; ')}`);
      assertBuildsAndSamplesFinite(parsed.data as DistributionSpec);
      const type = typeof spec === 'number' ? 'number' : spec.type;
      counts[type] = (counts[type] ?? 0) + 1;
    }
    expect(Object.keys(counts)).toHaveLength(11);
  });

  it('whatever the schema accepts among random near-misses builds and samples finitely', () => {
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      const spec = mutatedSpec();
      const parsed = DistributionSchema.safeParse(spec);
      if (!parsed.success) {
        refused++;
        continue;
      }
      accepted++;
      assertBuildsAndSamplesFinite(parsed.data as DistributionSpec);
    }
    console.log(`distribution near-misses: ${accepted} accepted (all build and sample finitely), ${refused} refused`);
    expect(accepted).toBeGreaterThan(300);
    expect(refused).toBeGreaterThan(300);
  });
});
