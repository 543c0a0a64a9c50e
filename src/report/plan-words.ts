/**
 * A plan's answer in words (pure, from the plan document, so the CLI, the report and the explorer
 * say the same): "2 WTE meets seen within 28 days ≥ 90 % and overload index ≤ 1.00 at £82,426 a
 * year; 1.5 WTE does not: overload index 1.06 [1.02, 1.13]."
 */
import { METRIC_BY_ID, type MetricId } from '../model/metrics.js';
import type { PlanDocument } from '../experiment/plan-output.js';
import { formatInterval, formatValue } from './format.js';

/** A factor value in words: "2 WTE", "a cap of 6 sessions", "open sessions", "networking 2 h a week", else "path = value". */
export function factorWords(path: string, value: unknown): string {
  const v = typeof value === 'number' ? String(Number(value.toPrecision(6))) : String(value);
  if (/^workers\.\d+\.count$/.test(path)) return `${v} WTE${path === 'workers.0.count' ? '' : ` in worker group ${path.split('.')[1]}`}`;
  if (path === 'policy.sessionCap') return value === 'open' ? 'open sessions' : `a cap of ${v} sessions`;
  if (/^workers\.\d+\.networkingHoursPerWeek$/.test(path)) return `${v} h of networking a week`;
  return `${path} = ${v}`;
}

/** A design in words: its factor values joined ("2 WTE, a cap of 6 sessions"). */
export function pointWords(point: Readonly<Record<string, unknown>>): string {
  return Object.entries(point)
    .map(([p, v]) => factorWords(p, v))
    .join(', ');
}

/** A target in words: "seen within 28 days ≥ 90 %", "overload index ≤ 1.00". */
export function targetWords(t: { metric: string; comparator: string; value: number }): string {
  const label = METRIC_BY_ID[t.metric as MetricId]?.label ?? t.metric;
  return `${label.charAt(0).toLowerCase()}${label.slice(1)} ${t.comparator === '>=' ? '≥' : '≤'} ${formatValue(t.metric, t.value)}`;
}

/** An estimate in words: "1.06 [1.02, 1.13]", "96.6 % [92.6, 97.7 %]", "£82,426" (no interval when it has no width). */
export function estimateWords(metric: string, s: { mean: number; ci95: readonly [number, number] }): string {
  if (s.ci95[0] === s.ci95[1] || !Number.isFinite(s.ci95[0]) || !Number.isFinite(s.ci95[1])) return formatValue(metric, s.mean);
  return `${formatValue(metric, s.mean)} [${formatInterval(metric, s.ci95, { joiner: ', ' })}]`;
}

function objectiveWords(metric: string, mean: number): string {
  if (metric === 'costPerYear') return `${formatValue(metric, mean)} a year`;
  const label = METRIC_BY_ID[metric as MetricId]?.label ?? metric;
  return `${label.charAt(0).toLowerCase()}${label.slice(1)} ${formatValue(metric, mean)}`;
}

type DocCandidate = PlanDocument['candidates'][number];

/**
 * The design that came nearest to winning but lost on a target: among the designs tried that
 * missed a target (or were left undecided) with a better objective than the chosen one's, those
 * that differ from it in the monotone factor only first (for WTE: the value just below the
 * chosen), then the one closest to it on the objective. Null when there is none.
 */
export function nearestMiss(doc: PlanDocument): DocCandidate | null {
  const chosen = doc.candidates.find((c) => c.status === 'chosen');
  const sign = doc.objective.sense === 'minimise' ? 1 : -1;
  const lost = doc.candidates.filter((c) => c.status === 'infeasible' || c.status === 'undecided');
  if (!chosen) return lost.reduce<DocCandidate | null>((a, b) => (a === null || sign * (b.objective.mean - a.objective.mean) > 0 ? b : a), null);
  const better = lost.filter((c) => sign * (c.objective.mean - chosen.objective.mean) < 0);
  const pool = better.length > 0 ? better : lost.filter((c) => c.objective.mean === chosen.objective.mean);
  if (pool.length === 0) return null;
  const others = doc.factors.filter((f) => !f.monotone).map((f) => f.path);
  const sameLine = (c: DocCandidate) => others.every((p) => c.point[p] === chosen.point[p]);
  const rank = (c: DocCandidate) => (sameLine(c) ? 0 : 1);
  return pool.reduce((a, b) => {
    if (rank(a) !== rank(b)) return rank(b) < rank(a) ? b : a;
    return sign * (b.objective.mean - a.objective.mean) > 0 ? b : a;
  });
}

/** The targets a candidate missed (or left unsettled), in words: "overload index 1.06 [1.02, 1.13]". */
export function lostWords(c: DocCandidate): string {
  const missed = c.targets.filter((t) => t.verdict === 'missed');
  const shown = missed.length > 0 ? missed : c.targets.filter((t) => t.verdict !== 'met');
  return shown
    .map((t) => {
      const label = METRIC_BY_ID[t.metric as MetricId]?.label ?? t.metric;
      return `${label.charAt(0).toLowerCase()}${label.slice(1)} ${estimateWords(t.metric, t)}`;
    })
    .join(', ');
}

/** "does not: overload index 1.06 [1.02, 1.13]" or "is not shown to: … (undecided after 40 replications)". */
export function missWords(c: DocCandidate): string {
  return c.status === 'undecided' ? `is not shown to: ${lostWords(c)} (undecided after ${c.replications} replications)` : `does not: ${lostWords(c)}`;
}

/**
 * The answer in one sentence: "2 WTE meets seen within 28 days ≥ 90 % and overload index ≤ 1.00 at
 * £82,426 a year; 1.5 WTE does not: overload index 1.06 [1.02, 1.13]." Or why nothing does.
 */
export function planAnswer(doc: PlanDocument): string {
  const c = doc.chosen;
  if (!c) return `No design meets every target with ${pct(doc.confidence)} confidence: ${doc.reason ?? 'no candidate was shown to meet them'}`;
  const chosen = doc.candidates.find((x) => x.status === 'chosen');
  const targets = c.targets.map(targetWords);
  const head = `${pointWords(c.point)} meets ${targets.length > 1 ? `${targets.slice(0, -1).join(', ')} and ${targets.at(-1)}` : targets[0]} at ${chosen ? objectiveWords(doc.objective.metric, chosen.objective.mean) : '–'}`;
  const miss = nearestMiss(doc);
  // Designs as good on the objective (a session cap costs nothing): the choice between them is not the objective's.
  const tied = doc.candidates.filter((x) => x.status === 'feasible' && /ties with the chosen design/.test(x.reason));
  const ties =
    tied.length > 0
      ? ` ${tied.map((x) => pointWords(x.point)).join('; ')} ${tied.length > 1 ? 'meet' : 'meets'} the targets at the same ${doc.objective.metric === 'costPerYear' ? 'cost' : 'objective'}; the chosen one has more room on its tightest target.`
      : '';
  return (miss ? `${head}; ${pointWords(miss.point)} ${missWords(miss)}.` : `${head}.`) + ties;
}

function pct(p: number): string {
  return `${Number((p * 100).toPrecision(4))} %`;
}
