/**
 * `--uncertainty N` for run, compare and explore: after the plain job (its result unchanged), N
 * parameter draws of the assumptions (src/experiment/uncertainty.ts) are run on the same runner,
 * R replications each (the job's replications), every design or dial level on the same draws and
 * the same seeds (common random numbers). The outcome is added to the job's document: each
 * metric gains `ci95Total` and `assumptionShare`, compare's differences gain `beatsShare` and `worseShare`,
 * explore's levels gain `justRightShare`, and an `uncertainty` block says how it was done.
 */
import { METRIC_IDS, type MetricId, type ReplicationResult } from '../model/index.js';
import { HINTS } from '../messages.js';
import type { Scenario } from '../scenario/schema.js';
import { uncertaintyProblem, uncertaintyReplicationsProblem } from '../scenario/uncertainty-option.js';
import { summariseMetric } from '../experiment/replications.js';
import { metricRange, type Range } from '../experiment/ranges.js';
import { atDiscretion, justRightZone, type LevelInput } from '../experiment/explore.js';
import type { MetricSummary } from '../experiment/summary.js';
import {
  drawOutcomes,
  decompose,
  drawReplication,
  drawScenario,
  finiteOrNull,
  hingesOn,
  HYPERCUBE_COLUMNS,
  latinHypercube,
  metricGroups,
  metricsUncertainty,
  type MetricUncertainty,
  type DrawnParameter,
  type UncertaintyOutcome,
  parametersFor,
  totalInterval,
  parameterValue,
} from '../experiment/uncertainty.js';
import { quantileOf } from '../scenario/assumption-registry.js';
import { OptionError } from './check.js';
import type { ReplicationRunner, ReplicationTask } from './runner.js';
import type { CheckedJob, JobProgress, JobResult } from './types.js';
import type { Door } from '../messages.js';

/** Refuse a bad `uncertainty` (before anything runs), with the door's words. */
export function checkUncertainty(value: unknown, door: Door, kind: string, replications?: number): void {
  if (value === undefined) return;
  const problems = [uncertaintyProblem(value, door), replications === undefined ? null : uncertaintyReplicationsProblem(replications, door)].filter(
    (p): p is string => p !== null,
  );
  if (problems.length) throw new OptionError(problems, HINTS.runOptions(door, kind));
}

/**
 * Everything about `uncertainty` that can be refused before the plain job runs, so no door runs a
 * job only to refuse its draws: the bound, the replications per draw (the job's), and a
 * comparison's `uncertainty:` sections, which must agree.
 */
export function checkUncertaintyBeforeJob(value: unknown, door: Door, job: Pick<CheckedJob, 'kind' | 'designs' | 'settings' | 'precision'>): void {
  if (value === undefined) return;
  // With replications until precision ('auto') the count is known only after the job: checked then.
  checkUncertainty(value, door, job.kind, job.precision ? undefined : job.settings.replications);
  if (job.kind === 'compare') {
    const problem = uncertaintySectionsProblem(job.designs);
    if (problem) throw new OptionError([problem], SECTIONS_HINT);
  }
}

const SECTIONS_HINT = 'See docs/model.md §11b (how sure are we?).';

/** The most replication results held at once (draws run in batches of at most this many results). */
const BATCH_RESULTS = 600;

export type { DrawnParameter, UncertaintyOutcome };

/** The variants of a job (designs, or dial levels) at the plain parameters. */
function variantsOf(result: JobResult): { names: string[]; scenarios: Scenario[] } {
  const job = result.job;
  if (result.kind === 'explore') {
    const dial = result.exploration.levels.map((l) => l.discretion);
    return { names: dial.map(String), scenarios: dial.map((d) => atDiscretion(job.designs[0].scenario, d)) };
  }
  return { names: job.designs.map((d) => d.name), scenarios: job.designs.map((d) => d.scenario) };
}

/**
 * The problem when a comparison's designs have different `uncertainty:` sections (one set of
 * draws serves every design, so they must agree on how the assumptions vary), or null.
 */
export function uncertaintySectionsProblem(designs: ReadonlyArray<{ label: string; scenario: Pick<Scenario, 'uncertainty'> }>): string | null {
  const key = (s: Pick<Scenario, 'uncertainty'>) => JSON.stringify(s.uncertainty ?? null);
  const other = designs.find((d) => key(d.scenario) !== key(designs[0].scenario));
  return other
    ? `${designs[0].label} and ${other.label} have different uncertainty: sections; an uncertainty analysis runs every design on the same draws of the assumptions, so their uncertainty: sections must be the same (copy one into the other, or leave both out).`
    : null;
}

/**
 * The hypercube's columns held at each variant's own value: a parameter that differs between the
 * designs (compare) or the dial levels (explore), and the paths the caller holds (a plan's factors).
 */
export function heldParameters(kind: JobResult['kind'], scenarios: readonly Scenario[], hold: readonly string[] = []): UncertaintyOutcome['held'] {
  return HYPERCUBE_COLUMNS.flatMap((id) => {
    const values = scenarios.map((s) => parameterValue(s, id));
    const differs = values.some((v) => v !== values[0]);
    if (!differs && !hold.includes(id)) return [];
    const reason = hold.includes(id) ? 'a factor of the plan' : kind === 'explore' ? 'set by the dial' : 'differs between the designs';
    return [{ parameter: id, reason, values }];
  });
}

/**
 * Run the N draws of a finished job and decompose its metrics' uncertainty. `hold`: assumed
 * parameters (registry ids) held at the design's value besides those that differ between the
 * designs or levels (a plan's factors).
 */
export async function simulateUncertainty(
  result: JobResult,
  draws: number,
  runner: ReplicationRunner,
  onProgress?: JobProgress,
  hold: readonly string[] = [],
): Promise<UncertaintyOutcome> {
  const started = performance.now();
  const job: CheckedJob = result.job;
  const settings = result.kind === 'run' ? result.results.settings : job.settings;
  const R = settings.replications;
  // Each door checked what it could before the job (checkUncertaintyBeforeJob); a run's replications
  // until precision are known only now, so every door's draws are checked here, in its words.
  checkUncertainty(draws, job.door, result.kind, R);
  if (result.kind === 'compare') {
    const problem = uncertaintySectionsProblem(job.designs);
    if (problem) throw new OptionError([problem], SECTIONS_HINT);
  }
  const cube = latinHypercube(draws, HYPERCUBE_COLUMNS.length, settings.seed);
  const { names, scenarios } = variantsOf(result);
  const V = scenarios.length;
  // The decisions compared are never drawn: each variant keeps its own value in every draw.
  const held = heldParameters(result.kind, scenarios, hold);
  const heldIds = new Set(held.map((h) => h.parameter));
  const params = scenarios.map((s) => parametersFor(s).map((p) => (p && heldIds.has(p.id) ? null : p)));
  // Results by variant, draw-major (draw j's R replications together).
  const byVariant: Array<Array<Pick<ReplicationResult, 'metrics'>>> = scenarios.map(() => []);
  const zones: number[][] = [];
  const perBatch = Math.max(1, Math.floor(BATCH_RESULTS / (V * R)));
  for (let j0 = 0; j0 < draws; j0 += perBatch) {
    const js = Array.from({ length: Math.min(perBatch, draws - j0) }, (_, k) => j0 + k);
    const variants: Scenario[] = [];
    const tasks: ReplicationTask[] = [];
    for (const j of js)
      for (let v = 0; v < V; v++) {
        variants.push(drawScenario(scenarios[v], params[v], cube, j));
        for (let r = 0; r < R; r++) tasks.push({ variant: variants.length - 1, replication: drawReplication(j, r, R) });
      }
    const out = await runner.run(variants, settings, tasks, (done) =>
      onProgress?.(j0 * V * R + done, draws * V * R, `replications of ${draws} parameter draws`),
    );
    js.forEach((_j, k) => {
      const levels: LevelInput[] = [];
      for (let v = 0; v < V; v++) {
        const reps = out.slice((k * V + v) * R, (k * V + v + 1) * R);
        for (const r of reps) byVariant[v].push({ metrics: r.metrics });
        if (result.kind === 'explore') {
          const metrics = {} as Record<MetricId, MetricSummary>;
          const s = scenarios[0];
          for (const id of new Set<MetricId>(['overloadIndex', 'turnoverPerYear', s.goldilocks.objective])) metrics[id] = summariseMetric(reps, id);
          levels.push({ discretion: result.exploration.levels[v].discretion, metrics, replications: reps.map((r) => ({ metrics: r.metrics })) });
        }
      }
      if (result.kind === 'explore') zones.push(justRightZone(variants[k * V].goldilocks, levels).levels);
    });
  }
  const columns = HYPERCUBE_COLUMNS.filter((_, c) => params[0][c] !== null);
  const columnValues = HYPERCUBE_COLUMNS.flatMap((_, c) => {
    const p = params[0][c];
    return p ? [Array.from({ length: draws }, (_, j) => quantileOf(p, cube[c][j]))] : [];
  });
  const plainOf = (v: number): Record<MetricId, MetricSummary> =>
    result.kind === 'run'
      ? result.results.metrics
      : result.kind === 'compare'
        ? result.comparison.designs[v].results.metrics
        : result.exploration.levels[v].results.metrics;
  const groups: UncertaintyOutcome['groups'] = names.map((name, v) => {
    if (result.kind !== 'explore') return { name, metrics: metricsUncertainty(plainOf(v), byVariant[v], R, columnValues, columns) };
    const metrics = {} as Record<MetricId, Pick<MetricUncertainty, 'ci95Total' | 'assumptionShare'>>;
    for (const id of METRIC_IDS) metrics[id] = metricsUncertaintyOne(plainOf(v)[id], metricGroups(byVariant[v], R, id), metricRange(id));
    return { name, metrics };
  });
  const outcome: UncertaintyOutcome = {
    kind: result.kind,
    draws,
    replicationsPerDraw: R,
    seed: settings.seed,
    parameters: params[0].flatMap((p) =>
      p ? [{ parameter: p.id, default: parameterValue(scenarios[0], p.id), low: p.low, high: p.high, distribution: p.distribution }] : [],
    ),
    groups,
    held,
    wallSeconds: 0,
  };
  if (result.kind === 'compare') {
    outcome.differences = result.comparison.differences.map((d, i) => {
      const metrics = {} as NonNullable<UncertaintyOutcome['differences']>[number]['metrics'];
      for (const id of METRIC_IDS) {
        const base = metricGroups(byVariant[0], R, id);
        const design = metricGroups(byVariant[i + 1], R, id);
        const diffs = design.map((g, j) => g.map((x, r) => x - base[j][r]));
        const u = metricsUncertaintyOne(d.metrics[id], diffs);
        metrics[id] = { ...u, ...drawOutcomes(base, design, id) };
      }
      return { scenario: d.scenario, versus: d.versus, metrics };
    });
  }
  if (result.kind === 'explore') {
    const dial = result.exploration.levels.map((l) => l.discretion);
    outcome.zones = zones;
    outcome.justRightShare = dial.map((d) => zones.filter((z) => z.includes(d)).length / zones.length);
    outcome.zoneHinges = result.exploration.justRight.levels.map((d) => ({
      discretion: d,
      hingesOn: hingesOn(
        columnValues,
        columns,
        zones.map((z) => (z.includes(d) ? 1 : 0)),
      ),
    }));
  }
  outcome.wallSeconds = (performance.now() - started) / 1000;
  return outcome;
}

/** The total interval and share of one metric (no ranking): explore's levels, compare's differences. */
function metricsUncertaintyOne(plain: Pick<MetricSummary, 'mean' | 'ci95'>, groups: number[][], range?: Range) {
  const u = metricsUncertaintyLite(groups);
  return { ...totalInterval(plain, u, range), sigma2Assumptions: u };
}

function metricsUncertaintyLite(groups: number[][]): number {
  return decompose(groups).sigma2Assumptions;
}

/** A metric's summary with the uncertainty fields (JSON-safe). */
function withTotal<T extends object>(summary: T, u: Pick<MetricUncertainty, 'ci95Total' | 'assumptionShare'> | undefined): T {
  if (!u) return summary;
  return { ...summary, ci95Total: u.ci95Total.map(finiteOrNull), assumptionShare: finiteOrNull(u.assumptionShare) };
}

function metricsWithTotal(metrics: Record<string, object>, u: Record<string, Pick<MetricUncertainty, 'ci95Total' | 'assumptionShare'>>) {
  return Object.fromEntries(Object.entries(metrics).map(([id, s]) => [id, withTotal(s, u[id])]));
}

/** The block `uncertainty` of a document: the design, the method, and per metric what it hinges on. */
export function uncertaintyBlock(o: UncertaintyOutcome) {
  const hinges = (m: UncertaintyOutcome['groups'][number]['metrics']) =>
    Object.fromEntries(
      Object.entries(m as Record<string, MetricUncertainty>).flatMap(([id, u]) =>
        'hingesOn' in u
          ? [
              [
                id,
                {
                  sigma2Assumptions: finiteOrNull(u.sigma2Assumptions),
                  sigma2Noise: finiteOrNull(u.sigma2Noise),
                  drawMean: finiteOrNull(u.drawMean),
                  drawRange: u.drawRange.map(finiteOrNull),
                  hingesOn: u.hingesOn,
                },
              ],
            ]
          : [],
      ),
    );
  return {
    draws: o.draws,
    replicationsPerDraw: o.replicationsPerDraw,
    design: `Latin hypercube of ${o.draws} draws (seeded from the run's seed); draw j runs replications (j + 1)·R … (j + 2)·R − 1 of every design on common random numbers`,
    decomposition:
      'one-way random-effects ANOVA over the draws: sigma2Assumptions = max(0, (MSB − MSW) / R), sigma2Noise = MSW; ci95Total = mean ∓ sqrt(noise half-width² + (1.96·σ_A)²); assumptionShare = σ²_A / (σ²_A + ((hi − lo) / 3.92)²) (docs/model.md §11b)',
    parameters: o.parameters,
    held: o.held,
    heldNote:
      "parameters in `held` are the decisions compared (they differ between the designs or dial levels, or are the plan's factors): each design keeps its own value in every draw, so the draws never blur the difference being compared",
    ...(o.kind !== 'explore'
      ? { metrics: o.kind === 'run' ? hinges(o.groups[0].metrics) : Object.fromEntries(o.groups.map((g) => [g.name, hinges(g.metrics)])) }
      : {}),
    ...(o.zones ? { zones: o.zones } : {}),
    ...(o.zoneHinges ? { zoneHingesOn: o.zoneHinges } : {}),
  };
}

/** The job's document with the uncertainty fields added (the plain fields unchanged). */
export function documentWithUncertainty<D extends Record<string, unknown>>(
  doc: D,
  o: UncertaintyOutcome,
): D & { uncertainty: ReturnType<typeof uncertaintyBlock> } {
  const out: Record<string, unknown> = { ...doc };
  if (o.kind === 'run') out.metrics = metricsWithTotal(doc.metrics as Record<string, object>, o.groups[0].metrics);
  if (o.kind === 'compare') {
    out.designs = (doc.designs as Array<{ scenario: string; metrics: Record<string, object> }>).map((d, i) => ({
      ...d,
      metrics: metricsWithTotal(d.metrics, o.groups[i].metrics),
    }));
    out.differences = (doc.differences as Array<{ metrics: Record<string, object> }>).map((d, i) => ({
      ...d,
      metrics: Object.fromEntries(
        Object.entries(d.metrics).map(([id, s]) => {
          const u = o.differences![i].metrics[id as MetricId];
          const share = (x: number | null) => (x === null ? null : finiteOrNull(x));
          return [id, u ? { ...withTotal(s, u), beatsShare: share(u.beatsShare), worseShare: share(u.worseShare) } : s];
        }),
      ),
    }));
  }
  if (o.kind === 'explore') {
    out.levels = (doc.levels as Array<{ discretion: number; metrics: Record<string, object> }>).map((l, i) => ({
      ...l,
      justRightShare: o.justRightShare![i],
      metrics: metricsWithTotal(l.metrics, o.groups[i].metrics),
    }));
  }
  out.uncertainty = uncertaintyBlock(o);
  return out as D & { uncertainty: ReturnType<typeof uncertaintyBlock> };
}
