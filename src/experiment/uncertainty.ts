/**
 * Second-order Monte Carlo: how sure are we, given that the assumptions are uncertain?
 *
 * Outer loop: N parameter sets (draws) from a Latin hypercube over the assumed parameters of
 * src/scenario/assumption-registry.ts. Inner loop: R replications of each draw (the run's
 * replications). Draw j's replication r is the model's replication (j + 1)·R + r, so the draws'
 * random numbers are independent of each other and of the plain run (replications 0 … R − 1),
 * and every design (or dial level) of a job sees the same draws and the same seeds in draw j
 * (common random numbers across designs).
 *
 * The decomposition (law of total variance, one-way random-effects ANOVA over the draws):
 *   Var(Y) = Var_θ(E[Y | θ]) + E_θ[Var(Y | θ)] = σ²_A (assumptions) + σ²_noise (the replications)
 *   MSW = Σ_j Σ_r (y_jr − ȳ_j)² / (Σ n_j − N)               (noise, per replication)
 *   MSB = Σ_j n_j (ȳ_j − ȳ)² / (N − 1)
 *   σ²_A = max(0, (MSB − MSW) / n₀),  n₀ = (Σ n_j − Σ n_j² / Σ n_j) / (N − 1)  (= R when balanced)
 * Each metric's interval with the assumptions' uncertainty, around the plain run's estimate m with
 * its noise-only interval [lo, hi]:
 *   ci95Total = [m − √((m − lo)² + (z σ_A)²),  m + √((hi − m)² + (z σ_A)²)],  z = 1.96
 * and the share of its variance from the assumptions:
 *   assumptionShare = σ²_A / (σ²_A + v),  v = ((hi − lo) / (2 z))²  (the estimate's noise variance).
 * Which assumptions a metric hinges on: the squared Spearman rank correlation ρ² of the draw means
 * ȳ_j with each parameter's values over the draws, flagged as clear when |ρ| > z / √(N − 1), z the
 * two-sided 5 % normal quantile with Bonferroni's correction over the k parameters (z ≈ 3.1 for 48).
 * Intervals are clipped to the metric's natural range (experiment/ranges.ts).
 */
import { METRIC_BY_ID, METRIC_IDS, type MetricId, type ReplicationResult } from '../model/index.js';
import { DEFAULT_ASSUMPTIONS } from '../model/assumptions.js';
import { createStream } from '../random/index.js';
import { ASSUMPTION_REGISTRY, FIXED_PREFIX, quantileOf, type AssumptionOverride, type VariedParameter } from '../scenario/assumption-registry.js';
import type { Scenario } from '../scenario/schema.js';
import type { MetricSummary } from './summary.js';
import { metricRange, type Range, UNBOUNDED } from './ranges.js';
import { normalQuantile } from '../random/special.js';

export const Z95 = 1.959963984540054;

/** The columns of the Latin hypercube: every registry row that is varied, in registry order (the same whatever a scenario overrides). */
export const HYPERCUBE_COLUMNS: readonly string[] = ASSUMPTION_REGISTRY.filter((r) => !r.notVaried).map((r) => r.id);

/** The name of the random stream of the hypercube (replication 0 of the run's seed: no model stream has this name). */
export const HYPERCUBE_STREAM = 'uncertainty.latinHypercube';

/**
 * A Latin hypercube of n rows in [0, 1)^k, seeded: column by column, a random permutation of the
 * n strata (Fisher–Yates, n − 1 draws), then one jitter within each stratum (n draws).
 */
export function latinHypercube(n: number, k: number, seed: number): Float64Array[] {
  const rng = createStream(seed, 0, HYPERCUBE_STREAM);
  const cols: Float64Array[] = [];
  for (let c = 0; c < k; c++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = (perm[i] + rng.next()) / n;
    cols.push(col);
  }
  return cols;
}

/** The value of an assumed parameter in a scenario (fixed assumptions: the `assumptions:` section or the default). */
export function parameterValue(s: Scenario, id: string): number {
  const [section, field] = id.split('.') as [string, string];
  if (section === FIXED_PREFIX) {
    const v = (s.assumptions as Record<string, number | undefined> | undefined)?.[field];
    return v ?? (DEFAULT_ASSUMPTIONS as unknown as Record<string, number>)[field];
  }
  return (s as unknown as Record<string, Record<string, number>>)[section][field];
}

/** The scenario with these parameter values (a copy: sections touched are copied, the rest shared). */
export function withValues(s: Scenario, values: ReadonlyMap<string, number>): Scenario {
  const out = { ...s } as unknown as Record<string, Record<string, number> | undefined>;
  for (const [id, v] of values) {
    const [section, field] = id.split('.') as [string, string];
    const copy = { ...(out[section] ?? {}) };
    copy[field] = v;
    out[section] = copy;
  }
  return out as unknown as Scenario;
}

/**
 * The distribution of each hypercube column for one scenario: the registry's row with the
 * scenario's overrides (`uncertainty.assumptions`), its mode at the scenario's own value (the
 * default unless the scenario sets it), the range widened to include that value. A row the
 * scenario marks `fixed` is null (held at the scenario's value).
 */
export function parametersFor(s: Scenario): Array<VariedParameter | null> {
  const overrides = new Map<string, AssumptionOverride>();
  for (const o of s.uncertainty?.assumptions ?? []) overrides.set(o.parameter, o as AssumptionOverride);
  return HYPERCUBE_COLUMNS.map((id) => {
    const row = ASSUMPTION_REGISTRY.find((r) => r.id === id)!;
    const o = overrides.get(id);
    if (o?.distribution === 'fixed') return null;
    const v = parameterValue(s, id);
    const low = Math.min(o?.low ?? row.low, v);
    const high = Math.max(o?.high ?? row.high, v);
    return { id, default: v, low, high, distribution: o?.distribution ?? row.distribution, integer: row.integer === true };
  });
}

/** Draw j's scenario: every varied parameter at its quantile u_j of the hypercube. */
export function drawScenario(s: Scenario, params: ReadonlyArray<VariedParameter | null>, cube: readonly Float64Array[], j: number): Scenario {
  const values = new Map<string, number>();
  params.forEach((p, c) => {
    if (p) values.set(p.id, quantileOf(p, cube[c][j]));
  });
  return withValues(s, values);
}

/** The replication number of draw j's replication r (R replications per draw). */
export function drawReplication(j: number, r: number, replications: number): number {
  return (j + 1) * replications + r;
}

export interface Decomposition {
  /** Draws with at least one finite value. */
  draws: number;
  grandMean: number;
  /** Mean square within draws: the replications' noise variance (per replication). */
  msw: number;
  msb: number;
  /** Variance of the metric's expectation over the assumptions' draws. */
  sigma2Assumptions: number;
}

/** One-way random-effects ANOVA of values grouped by draw (non-finite values left out). */
export function decompose(groups: ReadonlyArray<readonly number[]>): Decomposition {
  const g = groups.map((v) => v.filter(Number.isFinite)).filter((v) => v.length > 0);
  const N = g.length;
  const n = g.map((v) => v.length);
  const total = n.reduce((a, b) => a + b, 0);
  const means = g.map((v) => v.reduce((a, b) => a + b, 0) / v.length);
  const grandMean = total > 0 ? g.reduce((a, v) => a + v.reduce((x, y) => x + y, 0), 0) / total : NaN;
  let ssw = 0;
  g.forEach((v, j) => {
    for (const y of v) ssw += (y - means[j]) ** 2;
  });
  let ssb = 0;
  means.forEach((m, j) => {
    ssb += n[j] * (m - grandMean) ** 2;
  });
  const msw = total > N ? ssw / (total - N) : NaN;
  const msb = N > 1 ? ssb / (N - 1) : NaN;
  const n0 = N > 1 ? (total - n.reduce((a, b) => a + b * b, 0) / total) / (N - 1) : NaN;
  const sigma2Assumptions = Number.isFinite(msb) && Number.isFinite(msw) && n0 > 0 ? Math.max(0, (msb - msw) / n0) : NaN;
  return { draws: N, grandMean, msw, msb, sigma2Assumptions };
}

export interface TotalInterval {
  ci95Total: [number, number];
  assumptionShare: number;
}

/** The noise-only interval widened by the assumptions' variance (formula in the module comment). */
export function totalInterval(s: Pick<MetricSummary, 'mean' | 'ci95'>, sigma2Assumptions: number, range: Range = UNBOUNDED): TotalInterval {
  const [lo, hi] = s.ci95;
  const m = s.mean;
  const a = Z95 * Z95 * sigma2Assumptions;
  const v = ((hi - lo) / (2 * Z95)) ** 2;
  return {
    // Clipped to the metric's natural range (a share stays in [0, 1], a count ≥ 0), as the noise-only intervals are.
    ci95Total: [Math.max(range[0], m - Math.sqrt((m - lo) ** 2 + a)), Math.min(range[1], m + Math.sqrt((hi - m) ** 2 + a))],
    assumptionShare: sigma2Assumptions + v > 0 ? sigma2Assumptions / (sigma2Assumptions + v) : 0,
  };
}

/** Ranks from 1, ties sharing their mean rank. */
function ranks(x: readonly number[]): number[] {
  const idx = x.map((_, i) => i).sort((a, b) => x[a] - x[b]);
  const r = new Array<number>(x.length);
  for (let i = 0; i < idx.length; ) {
    let k = i;
    while (k + 1 < idx.length && x[idx[k + 1]] === x[idx[i]]) k++;
    for (let t = i; t <= k; t++) r[idx[t]] = (i + k) / 2 + 1;
    i = k + 1;
  }
  return r;
}

/** Spearman's rank correlation (NaN with fewer than 3 pairs or no spread). */
export function spearman(x: readonly number[], y: readonly number[]): number {
  const keep = x.map((_, i) => i).filter((i) => Number.isFinite(x[i]) && Number.isFinite(y[i]));
  if (keep.length < 3) return NaN;
  const rx = ranks(keep.map((i) => x[i]));
  const ry = ranks(keep.map((i) => y[i]));
  const mx = rx.reduce((a, b) => a + b, 0) / rx.length;
  const my = ry.reduce((a, b) => a + b, 0) / ry.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < rx.length; i++) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

export interface Hinge {
  parameter: string;
  /** Squared Spearman correlation of the draw means with the parameter. */
  rho2: number;
  /** +1: the metric rises with the parameter; −1: it falls. */
  sign: 1 | -1;
  /** |ρ| above z / √(N − 1), z at the 5 % level two-sided with Bonferroni's correction over the k parameters ranked. */
  clear: boolean;
}

/**
 * The fewest draws with which any of k parameters could be clear: |ρ| ≤ 1, so a clear one needs
 * z / √(N − 1) < 1, i.e. N > z² + 1 (z the Bonferroni-corrected two-sided 5 % quantile; 12 for 48).
 */
export function fewestDrawsToTell(k: number): number {
  const z = normalQuantile(1 - 0.025 / Math.max(1, k));
  return Math.floor(z * z + 1) + 1;
}

/** The parameters ranked by ρ² with the draw means (largest first; at most `top`). */
export function hingesOn(values: ReadonlyArray<readonly number[]>, columns: readonly string[], drawMeans: readonly number[], top = 5): Hinge[] {
  const n = drawMeans.filter(Number.isFinite).length;
  const cut = n > 1 && columns.length > 0 ? normalQuantile(1 - 0.025 / columns.length) / Math.sqrt(n - 1) : Infinity;
  const out: Hinge[] = [];
  columns.forEach((id, c) => {
    const rho = spearman(values[c], drawMeans);
    if (Number.isFinite(rho)) out.push({ parameter: id, rho2: rho * rho, sign: rho >= 0 ? 1 : -1, clear: Math.abs(rho) > cut });
  });
  return out.sort((a, b) => b.rho2 - a.rho2).slice(0, top);
}

/** Per metric, the values of each draw's replications (draw-major), from results in draw order (R per draw). */
export function metricGroups(results: ReadonlyArray<Pick<ReplicationResult, 'metrics'>>, replications: number, id: MetricId): number[][] {
  const out: number[][] = [];
  for (let j = 0; j * replications < results.length; j++) out.push(results.slice(j * replications, (j + 1) * replications).map((r) => r.metrics[id]));
  return out;
}

export interface MetricUncertainty extends TotalInterval {
  sigma2Assumptions: number;
  sigma2Noise: number;
  /** Mean of the metric over the draws (the assumptions' distribution), and its 2.5 % and 97.5 % quantiles of the draw means. */
  drawMean: number;
  drawRange: [number, number];
  /** Each draw's mean (draw order): for shares of draws (plan's targets). */
  drawMeans: number[];
  hingesOn: Hinge[];
}

function quantileSorted(v: readonly number[], p: number): number {
  if (v.length === 0) return NaN;
  const h = (v.length - 1) * p;
  const lo = Math.floor(h);
  return v[lo] + (h - lo) * ((v[Math.min(lo + 1, v.length - 1)] ?? v[lo]) - v[lo]);
}

/** One metric under uncertainty: decomposition, total interval around the plain summary, what it hinges on. */
export function metricUncertainty(
  plain: Pick<MetricSummary, 'mean' | 'ci95'>,
  groups: ReadonlyArray<readonly number[]>,
  columnValues: ReadonlyArray<readonly number[]>,
  columns: readonly string[],
  range: Range = UNBOUNDED,
): MetricUncertainty {
  const d = decompose(groups);
  const drawMeans = groups.map((g) => {
    const f = g.filter(Number.isFinite);
    return f.length ? f.reduce((a, b) => a + b, 0) / f.length : NaN;
  });
  const sorted = drawMeans.filter(Number.isFinite).sort((a, b) => a - b);
  return {
    ...totalInterval(plain, d.sigma2Assumptions, range),
    sigma2Assumptions: d.sigma2Assumptions,
    sigma2Noise: d.msw,
    drawMean: d.grandMean,
    drawRange: [quantileSorted(sorted, 0.025), quantileSorted(sorted, 0.975)],
    drawMeans,
    hingesOn: hingesOn(columnValues, columns, drawMeans),
  };
}

/** Every metric of one design (or level) under uncertainty. */
export function metricsUncertainty(
  plain: Record<MetricId, MetricSummary>,
  results: ReadonlyArray<Pick<ReplicationResult, 'metrics'>>,
  replications: number,
  columnValues: ReadonlyArray<readonly number[]>,
  columns: readonly string[],
): Record<MetricId, MetricUncertainty> {
  const out = {} as Record<MetricId, MetricUncertainty>;
  for (const id of METRIC_IDS) out[id] = metricUncertainty(plain[id], metricGroups(results, replications, id), columnValues, columns, metricRange(id));
  return out;
}

/**
 * Shares of draws in which `design` beats `baseline`, and in which it does worse, on a metric with a
 * direction (draw means; null without a direction). The rest are draws in which the two are equal
 * (e.g. a metric a lever cannot move): "better in 50 %" alone would hide that the other half are ties.
 */
export function drawOutcomes(
  baseline: ReadonlyArray<readonly number[]>,
  design: ReadonlyArray<readonly number[]>,
  id: MetricId,
): { beatsShare: number | null; worseShare: number | null } {
  const better = METRIC_BY_ID[id]?.better;
  if (!better) return { beatsShare: null, worseShare: null };
  let wins = 0;
  let losses = 0;
  let n = 0;
  baseline.forEach((b, j) => {
    const d = design[j];
    const diffs = d.map((x, r) => x - b[r]).filter(Number.isFinite);
    if (diffs.length === 0) return;
    const m = diffs.reduce((a, x) => a + x, 0) / diffs.length;
    n++;
    if (m === 0) return;
    if (better === 'higher' ? m > 0 : m < 0) wins++;
    else losses++;
  });
  return n > 0 ? { beatsShare: wins / n, worseShare: losses / n } : { beatsShare: null, worseShare: null };
}

/** A number for JSON (NaN and infinities become null). */
export const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

export interface DrawnParameter {
  parameter: string;
  default: number;
  low: number;
  high: number;
  distribution: string;
}

export interface UncertaintyOutcome {
  kind: 'run' | 'compare' | 'explore';
  draws: number;
  replicationsPerDraw: number;
  seed: number;
  /** The baseline design's varied parameters (the hypercube's columns it varies). */
  parameters: DrawnParameter[];
  /** run: the one design; compare: every design; explore: every level. */
  groups: Array<{ name: string; metrics: Record<MetricId, MetricUncertainty> | Record<MetricId, Pick<MetricUncertainty, 'ci95Total' | 'assumptionShare'>> }>;
  /** compare: each design against the baseline. */
  differences?: Array<{
    scenario: string;
    versus: string;
    metrics: Record<
      MetricId,
      { ci95Total: [number, number]; assumptionShare: number; sigma2Assumptions: number; beatsShare: number | null; worseShare: number | null }
    >;
  }>;
  /** explore: per level, the share of draws in which it is just right. */
  justRightShare?: number[];
  /** explore: each draw's just-right levels. */
  zones?: number[][];
  /** explore: for each level of the plain run's zone, what its being just right hinges on (ρ² with the draw's 0/1). */
  zoneHinges?: Array<{ discretion: number; hingesOn: Hinge[] }>;
  /**
   * Assumed parameters held at each design's (or level's) own value, not drawn: the decisions
   * compared (a parameter that differs between the designs or dial levels, or a plan's factor).
   */
  held: HeldParameter[];
  /** Seconds of the draws: for the terminal and manifest.json only (never in a document, which must be byte-identical for the same seed). */
  wallSeconds: number;
}

export interface HeldParameter {
  parameter: string;
  /** Why it is held: 'differs between the designs', 'set by the dial', 'a factor of the plan'. */
  reason: string;
  /** Its value in each design (or level), in order. */
  values: number[];
}
