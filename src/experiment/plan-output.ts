/**
 * What a plan gives back, in the three forms every result has: the `--json` document (the
 * library's return value too), a tidy CSV of the candidates tried (one row per candidate and
 * metric, for R or pandas), and the words the CLI and the report print. Pure: the page shares it.
 */
import { METRIC_BY_ID, type MetricId } from '../model/metrics.js';
import { csvRow } from './csv.js';
import type { PlanContext } from './plan-context.js';
import type { Plan } from './plan-schema.js';
import { type CandidateOutcome, fmtNumber, type SearchOutcome } from './plan-search.js';

export interface PlanOutput {
  plan: Plan;
  context: PlanContext;
  outcome: SearchOutcome;
  chosenScenario: string | null;
}

function pointOf(ctx: PlanContext, values: readonly unknown[]): Record<string, unknown> {
  // A user's paths are data: an object built key by key from them could meet "__proto__".
  const out: Record<string, unknown> = Object.create(null);
  ctx.point.paths.forEach((p, j) => {
    out[p] = values[j];
  });
  return { ...out };
}

function candidateDoc(ctx: PlanContext, c: CandidateOutcome) {
  return {
    point: pointOf(ctx, c.values),
    status: c.status,
    reason: c.reason,
    replications: c.replications,
    targets: c.targets.map((t) => ({
      target: t.target,
      metric: t.metric,
      comparator: t.comparator,
      value: t.value,
      mean: t.mean,
      ci95: t.ci95,
      bound: t.bound,
      lower: t.lower,
      upper: t.upper,
      margin: t.margin,
      verdict: t.verdict,
    })),
    objective: { mean: c.objective.mean, ci95: c.objective.ci95 },
  };
}

/** The `--json` document: `{ chosen: { point, metrics } | null, candidates, confidence, replications, … }`. */
export function planDocument(o: PlanOutput) {
  const { plan, context: ctx, outcome } = o;
  const c = outcome.chosen;
  const metrics: Record<string, { mean: number; ci95: [number, number] }> = {};
  if (outcome.chosenMetrics) for (const [id, s] of Object.entries(outcome.chosenMetrics)) metrics[id] = { mean: s.mean, ci95: s.ci95 };
  return {
    plan: plan.name,
    /** The base scenario as the plan file names it (relative to the plan file). */
    base: plan.base,
    factors: ctx.search.factors.map((f) => ({ path: f.path, values: f.values, monotone: f.monotone })),
    chosen: c
      ? {
          point: pointOf(ctx, c.values),
          metrics,
          targets: candidateDoc(ctx, c).targets,
          replications: c.replications,
          scenario: o.chosenScenario,
        }
      : null,
    reason: outcome.reason,
    candidates: outcome.candidates.map((x) => candidateDoc(ctx, x)),
    targets: plan.targets.map((t) => t.text),
    objective: ctx.search.objective,
    confidence: plan.confidence,
    probabilityOfCorrectSelection: outcome.probabilityOfCorrectSelection,
    indifference: outcome.indifference,
    replications: outcome.replications,
    candidatesInPlan: outcome.gridSize,
    candidatesSimulated: outcome.candidates.length,
    settings: {
      startReplications: plan.replications,
      maxReplications: plan.maxReplications,
      seed: ctx.settings.seed,
      years: Number((ctx.settings.horizonDays / 365.25).toFixed(6)),
      warmupDays: ctx.settings.warmupDays,
    },
    method: outcome.method,
    warnings: outcome.warnings,
  };
}

export type PlanDocument = ReturnType<typeof planDocument>;

/** candidates.csv: one row per candidate tried and metric (the targets' and the objective's). */
export function candidatesCsv(o: PlanOutput): string {
  const { context: ctx, outcome } = o;
  const paths = ctx.point.paths;
  let out = csvRow([
    'candidate',
    ...paths.map((p) => `factor:${p}`),
    'status',
    'replications',
    'metric',
    'role',
    'mean',
    'ci95_low',
    'ci95_high',
    'target',
    'bound',
    'bound_lower',
    'bound_upper',
    'margin',
    'verdict',
  ]);
  for (const c of outcome.candidates) {
    const head = [c.id, ...c.values.map((v) => (typeof v === 'number' ? v : String(v))), c.status, c.replications];
    for (const t of c.targets)
      out += csvRow([...head, t.metric, 'target', t.mean, t.ci95[0], t.ci95[1], t.target, t.bound, t.lower, t.upper, t.margin, t.verdict]);
    out += csvRow([
      ...head,
      ctx.search.objective.metric,
      ctx.search.objective.sense,
      c.objective.mean,
      c.objective.ci95[0],
      c.objective.ci95[1],
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
  }
  return out;
}

/** The plan's answer in words, as the CLI prints it and the report opens with it. */
export function planSummaryLines(o: PlanOutput): string[] {
  const { plan, context: ctx, outcome } = o;
  const lines: string[] = [];
  const obj = ctx.search.objective;
  const c = outcome.chosen;
  // Without a chosen design the answer sentence (report/plan-words.ts), printed above these lines, gives the reason.
  if (c) {
    lines.push(`Chosen: ${ctx.point.paths.map((p, j) => `${p} = ${String(c.values[j])}`).join(', ')}`);
    const om = outcome.chosenMetrics?.[obj.metric];
    if (om)
      lines.push(
        `  ${obj.metric} ${fmtNumber(om.mean)}${om.ci95[0] === om.ci95[1] ? '' : ` [${fmtNumber(om.ci95[0])}, ${fmtNumber(om.ci95[1])}]`} (${unit(obj.metric)}; ${obj.sense}d)`,
      );
    lines.push(
      `  over ${c.replications} replications: each target's estimate [95 % interval], and the one-sided bound that showed it met (${pct(plan.confidence)} confidence, split over the looks):`,
    );
    for (const t of c.targets)
      lines.push(
        `  ${t.target.padEnd(34)} ${fmtNumber(t.mean)} [${fmtNumber(t.ci95[0])}, ${fmtNumber(t.ci95[1])}]  bound ${fmtNumber(t.bound)}  margin ${fmtNumber(t.margin)}`,
      );
  }
  const others = outcome.candidates.filter((x) => x.status !== 'chosen');
  if (others.length > 0) {
    lines.push('', 'Other candidates tried:');
    for (const x of others) lines.push(`  ${ctx.point.paths.map((p, j) => `${p} = ${String(x.values[j])}`).join(', ')}: ${x.status}, ${x.reason}`);
  }
  lines.push(
    '',
    `${outcome.candidates.length} of ${outcome.gridSize} candidate designs simulated, ${outcome.replications} replications in all.`,
    ...outcome.method.map((m) => `Method: ${m}.`),
    ...outcome.warnings.map((w) => `Warning: ${w}.`),
  );
  return lines;
}

function pct(p: number): string {
  return `${Number((p * 100).toPrecision(4))} %`;
}

function unit(id: MetricId): string {
  return METRIC_BY_ID[id].unit;
}
