/**
 * The capacity planner's search: which candidate design meets every target with the stated
 * confidence at the best objective (least cost by default), simulating replications only where
 * they decide something. docs/model.md §13 describes it; in short:
 *
 * 1. Feasibility, one candidate at a time, by a sequential test: replications are added in
 *    looks at n0, 2n0, 4n0, … up to maxReplications. At each look every target gets a one-sided
 *    bound at level 1 − α/L (L looks: a Bonferroni split over the looks, so that looking
 *    repeatedly does not inflate the error): the candidate is *feasible* once every target's
 *    bound meets its target, *infeasible* once some target's opposite bound misses it, and
 *    *undecided* if neither has happened at maxReplications (it is then not shown to meet the
 *    targets and is not chosen).
 * 2. A monotone factor (a higher value never makes a target worse and never costs less, e.g.
 *    WTE) is searched by bisection on each line of the other factors' values: the highest value
 *    first (if it fails, nothing on the line can pass), then the lowest, then halving. The
 *    assumption is checked on the values tried: a failure above a pass, or a target that gets
 *    worse by more than its noise going up (paired, common random numbers), is reported.
 * 3. Selection among the feasible candidates (for a monotone factor: the lowest feasible value of
 *    each line) by Kim & Nelson's KN procedure (./kn.ts) on the objective, on common random
 *    numbers, with probability of correct selection 1 − α given the indifference zone δ.
 *
 * The search is deterministic: replication r of every candidate draws from the same streams, and
 * the looks, bisection rounds and KN decisions depend only on the numbers, never on how many
 * threads ran them (the caller's `simulate` may run a round's replications in any order).
 */
import { METRIC_BY_ID, METRIC_IDS, type MetricId } from '../model/index.js';
import * as math from '../random/math.js';
import { KnSelection } from './kn.js';
import { type BoundReplication, metricBounds } from './plan-bounds.js';
import type { Comparator, Target } from './plan-schema.js';
import { pooledQuantileOf } from './pooled-waits.js';
import { pairedDifference, summariseMetric } from './replications.js';
import type { MetricSummary } from './summary.js';
import type { SweepValue } from './sweep-schema.js';

export interface SearchFactor {
  path: string;
  /** The values to try, in order (a monotone factor's ascending). */
  values: SweepValue[];
  monotone: boolean;
}

export interface SearchSettings {
  factors: SearchFactor[];
  targets: Target[];
  objective: { metric: MetricId; sense: 'minimise' | 'maximise' };
  confidence: number;
  /** δ; undefined: 1 % of the first feasible candidate's objective estimate. */
  indifference?: number;
  replications: number;
  maxReplications: number;
}

/** Replications `from` (inclusive) to `to` (exclusive) of a candidate. */
export interface SimulationRequest {
  candidate: number;
  values: SweepValue[];
  from: number;
  to: number;
}

/** Runs requests (in any order, on any threads) and returns each one's replications in order. */
export type Simulate = (requests: readonly SimulationRequest[], stage: string) => Promise<BoundReplication[][]>;

export type CandidateStatus = 'chosen' | 'feasible' | 'infeasible' | 'undecided' | 'dominated';

export interface TargetCheck {
  target: string;
  metric: MetricId;
  comparator: Comparator;
  value: number;
  mean: number;
  /** The 95 % interval of the metric (as in a run's report). */
  ci95: [number, number];
  /** The one-sided bound the decision used (at 1 − α/L). */
  bound: number;
  /** Both one-sided bounds at 1 − α/L: the side that shows the target met and the side that shows it missed. */
  lower: number;
  upper: number;
  /** mean − value for >=, value − mean for <=: positive is room to spare. */
  margin: number;
  /** Shown to hold, shown to fail, or neither yet. */
  verdict: 'met' | 'missed' | 'unsettled';
}

export interface CandidateOutcome {
  id: number;
  values: SweepValue[];
  status: CandidateStatus;
  /** Why it was not chosen (or why it was). */
  reason: string;
  replications: number;
  targets: TargetCheck[];
  objective: MetricSummary;
}

export interface SearchOutcome {
  chosen: CandidateOutcome | null;
  /** All metrics of the chosen design over all its replications. */
  chosenMetrics: Record<MetricId, MetricSummary> | null;
  /** Why nothing was chosen. */
  reason: string | null;
  candidates: CandidateOutcome[];
  /** Candidate designs in the plan (the grid), and how many were simulated. */
  gridSize: number;
  /** Replications simulated in all. */
  replications: number;
  /** δ used by the selection. */
  indifference: number;
  /** Probability of correct selection stated (1 − α of the selection). */
  probabilityOfCorrectSelection: number;
  /** Where the monotone assumption looked wrong, in words. */
  warnings: string[];
  /** How the search went, for the notes. */
  method: string[];
}

interface State {
  id: number;
  values: SweepValue[];
  reps: BoundReplication[];
  look: number;
  status: 'pending' | 'feasible' | 'infeasible' | 'undecided';
  checks: TargetCheck[];
}

/** The looks of the sequential feasibility test: n0, 2n0, 4n0, … and maxReplications. */
export function looksOf(n0: number, max: number): number[] {
  const out: number[] = [];
  for (let n = n0; n < max; n *= 2) out.push(n);
  out.push(max);
  return out;
}

export async function searchPlan(s: SearchSettings, simulate: Simulate): Promise<SearchOutcome> {
  const looks = looksOf(s.replications, s.maxReplications);
  const alphaLook = (1 - s.confidence) / looks.length;
  const levels = s.factors.map((f) => f.values.length);
  const gridSize = levels.reduce((a, b) => a * b, 1);
  const states = new Map<number, State>();
  let simulated = 0;
  const warnings: string[] = directionWarnings(s);
  const method: string[] = [
    `feasibility: each target's one-sided bound at ${fmtPct(1 - alphaLook)} (${fmtPct(s.confidence)} split over ${looks.length} looks at ${looks.join(', ')} replications)`,
  ];

  const valuesOf = (id: number): SweepValue[] => {
    const out = new Array<SweepValue>(levels.length);
    let rest = id;
    for (let j = levels.length - 1; j >= 0; j--) {
      out[j] = s.factors[j].values[rest % levels[j]];
      rest = Math.floor(rest / levels[j]);
    }
    return out;
  };
  const stateOf = (id: number): State => {
    let st = states.get(id);
    if (!st) {
      st = { id, values: valuesOf(id), reps: [], look: 0, status: 'pending', checks: [] };
      states.set(id, st);
    }
    return st;
  };

  /** Bring each state to `want` replications, in one round of requests. */
  const topUp = async (wanted: Array<{ st: State; want: number }>, stage: string) => {
    const requests = wanted
      .filter((w) => w.st.reps.length < w.want)
      .map((w) => ({ candidate: w.st.id, values: w.st.values, from: w.st.reps.length, to: w.want }));
    if (requests.length === 0) return;
    const results = await simulate(requests, stage);
    requests.forEach((r, i) => {
      const st = states.get(r.candidate)!;
      st.reps.push(...results[i]);
      simulated += results[i].length;
    });
  };

  /** The sequential feasibility test of every pending candidate in `ids`, side by side. */
  const decide = async (ids: number[], stage: string) => {
    let pending = ids.map(stateOf).filter((st) => st.status === 'pending');
    while (pending.length > 0) {
      await topUp(
        pending.map((st) => ({ st, want: looks[st.look] })),
        stage,
      );
      for (const st of pending) {
        st.checks = s.targets.map((t) => checkTarget(st.reps, t, alphaLook));
        if (st.checks.some((c) => c.verdict === 'missed')) st.status = 'infeasible';
        else if (st.checks.every((c) => c.verdict === 'met')) st.status = 'feasible';
        else if (st.look === looks.length - 1) st.status = 'undecided';
        else st.look++;
      }
      pending = pending.filter((st) => st.status === 'pending');
    }
  };

  // Feasibility: bisection along a monotone factor, or every candidate.
  const m = s.factors.findIndex((f) => f.monotone);
  let contenders: number[];
  if (m < 0) {
    method.push(`every one of the ${gridSize} candidates tested`);
    const all = Array.from({ length: gridSize }, (_, i) => i);
    await decide(all, `testing ${gridSize} candidates`);
    contenders = all.filter((id) => stateOf(id).status === 'feasible');
  } else {
    const f = s.factors[m];
    method.push(`${f.path} searched by bisection (assumed monotone: a higher value never makes a target worse and never costs less)`);
    // A line: the other factors' values fixed; its candidates differ in the monotone factor only.
    const stride = levels.slice(m + 1).reduce((a, b) => a * b, 1);
    const lineCount = gridSize / levels[m];
    const lines = Array.from({ length: lineCount }, (_, line) => {
      const base = Math.floor(line / stride) * stride * levels[m] + (line % stride);
      return { at: (level: number) => base + level * stride, lo: -1, hi: levels[m] - 1, done: false, answer: -1 };
    });
    let round = 0;
    // Round 1: the top of every line; round 2: the bottom of every line (also where the top
    // failed: a bottom that passes there shows the assumption wrong); then halving.
    await decide(
      lines.map((l) => l.at(l.hi)),
      'bisection: the highest value of each line',
    );
    const topFailed = new Set(lines.filter((l) => stateOf(l.at(l.hi)).status !== 'feasible'));
    for (const l of topFailed) l.done = true;
    const open = () => lines.filter((l) => !l.done);
    if (levels[m] > 1) {
      await decide(
        lines.map((l) => l.at(0)),
        'bisection: the lowest value of each line',
      );
      for (const l of open()) {
        if (stateOf(l.at(0)).status === 'feasible') {
          l.hi = 0;
          l.done = true;
        } else l.lo = 0;
      }
    }
    for (const l of lines) if (l.done) l.answer = stateOf(l.at(l.hi)).status === 'feasible' ? l.hi : -1;
    while (open().length > 0) {
      round++;
      const active = open();
      for (const l of active) if (l.hi - l.lo <= 1) l.done = true;
      const halving = active.filter((l) => !l.done);
      if (halving.length > 0) {
        await decide(
          halving.map((l) => l.at((l.lo + l.hi) >> 1)),
          `bisection: round ${round}`,
        );
        for (const l of halving) {
          const mid = (l.lo + l.hi) >> 1;
          if (stateOf(l.at(mid)).status === 'feasible') l.hi = mid;
          else l.lo = mid;
        }
      }
      for (const l of active) if (l.done) l.answer = l.hi;
    }
    // The assumption, checked on the decisions: a target shown met at a value below one where it is
    // shown missed contradicts it (e.g. utilisation, which falls as WTE rises: the highest value
    // misses it and the lowest meets it). Such a line is not trusted to bisection: every value on
    // it is tested, and each that meets the targets goes to the selection.
    const contradicted = lines.filter((l) => {
      const tried = triedOn(l, states, levels[m]);
      return tried.some((lo, i) => tried.slice(i + 1).some((hi) => lo.checks.some((c, k) => c.verdict === 'met' && hi.checks[k]?.verdict === 'missed')));
    });
    if (contradicted.length > 0) {
      const every = contradicted.flatMap((l) => Array.from({ length: levels[m] }, (_, level) => l.at(level)));
      await decide(every, `testing every value of ${contradicted.length} line${contradicted.length > 1 ? 's' : ''} where ${f.path} is not monotone`);
      for (const l of contradicted) {
        const label = lines.length > 1 ? ` (${lineLabel(s.factors, valuesOf(l.at(0)), m)})` : '';
        warnings.push(
          `${f.path}${label}: a target met at a lower value is missed at a higher one, so the monotone assumption does not hold; every value of ${f.path} on this line was tested instead of bisecting (mark it monotone: false to test every value everywhere)`,
        );
      }
    }
    const contradictedSet = new Set(contradicted);
    contenders = lines.flatMap((l) =>
      contradictedSet.has(l)
        ? Array.from({ length: levels[m] }, (_, level) => l.at(level)).filter((id) => stateOf(id).status === 'feasible')
        : l.answer >= 0
          ? [l.at(l.answer)]
          : [],
    );
    // The candidates above a line's answer that were tried are dominated by it.
    // The assumption's check makes one paired comparison per target and neighbouring pair of
    // values tried, on every line: at 95 % each, a flat (truly monotone) response would raise a
    // false alarm in a large share of plans, so the level is split over them all (Bonferroni):
    // when the assumption holds, no warning is raised in at least 95 % of plans.
    const tried = lines.map((l) => triedOn(l, states, levels[m]));
    const comparisons = tried.reduce((n, t) => n + Math.max(0, t.length - 1), 0) * s.targets.length;
    lines.forEach((l, i) => {
      if (contradictedSet.has(l)) return;
      const label = lines.length > 1 ? lineLabel(s.factors, valuesOf(l.at(0)), m) : '';
      warnings.push(...monotoneWarnings(f.path, label, tried[i], s.targets, MONOTONE_CHECK_ALPHA / Math.max(1, comparisons)));
    });
  }

  // Selection among the feasible.
  const outcome = (st: State, status: CandidateStatus, reason: string): CandidateOutcome => ({
    id: st.id,
    values: st.values,
    status,
    reason,
    replications: st.reps.length,
    targets: st.checks,
    objective: summariseMetric(st.reps, s.objective.metric),
  });
  const sign = s.objective.sense === 'minimise' ? 1 : -1;
  let chosenId = -1;
  let indifference = s.indifference ?? NaN;
  const lostToSelection = new Map<number, string>();
  const tiedWithChosen = new Set<number>();
  const alphaSelect = 1 - s.confidence;
  if (contenders.length > 0) {
    const first = stateOf(contenders[0]);
    if (!(indifference > 0)) {
      const est = Math.abs(summariseMetric(first.reps, s.objective.metric).mean);
      indifference = est > 0 ? 0.01 * est : 1e-9;
    }
    if (contenders.length === 1) chosenId = contenders[0];
    else {
      const obs = contenders.map(() => [] as number[]);
      const sync = () =>
        contenders.forEach((id, i) => {
          const reps = stateOf(id).reps;
          for (let j = obs[i].length; j < reps.length; j++) obs[i].push(sign * reps[j].metrics[s.objective.metric]);
        });
      sync();
      const kn = new KnSelection(obs, { alpha: alphaSelect, delta: indifference, n0: Math.max(2, s.replications) });
      while (!kn.advance()) {
        const alive = kn.survivors().map((i) => stateOf(contenders[i]));
        const want = Math.min(s.maxReplications, kn.needed + s.replications - 1);
        if (alive.every((st) => st.reps.length >= s.maxReplications)) break;
        await topUp(
          alive.map((st) => ({ st, want: Math.max(want, st.reps.length) })),
          `selecting among ${alive.length} feasible designs`,
        );
        sync();
      }
      const survivors = kn.survivors();
      const means = kn.means();
      let best = survivors[0];
      for (const i of survivors) if (means[i] < means[best]) best = i;
      // Exact ties on the objective (a session cap costs nothing: the same salary bill) are broken
      // by room to spare: the design whose tightest target is furthest inside its bound, in units
      // of that target's uncertainty, not by the order the plan happens to list values in.
      const tied = survivors.filter((i) => means[i] === means[best]);
      if (tied.length > 1) {
        best = tied.reduce((a, b) => (room(stateOf(contenders[b])) > room(stateOf(contenders[a])) ? b : a));
        for (const i of tied) if (i !== best) tiedWithChosen.add(contenders[i]);
      }
      chosenId = contenders[best];
      method.push(
        `selection: KN (Kim & Nelson 2001) among ${contenders.length} feasible designs on ${s.objective.metric}, indifference zone ${fmtNumber(indifference)}, probability of correct selection ≥ ${fmtPct(1 - alphaSelect)}${kn.done ? '' : ` (not reached within ${s.maxReplications} replications: the best mean is taken)`}`,
      );
      if (survivors.length > 1)
        warnings.push(
          `${survivors.length} designs were within the indifference zone (${fmtNumber(indifference)}) of each other on ${s.objective.metric}; the one with the best mean was chosen`,
        );
      const unrankable = new Set(kn.unrankable().map((i) => contenders[i]));
      for (const id of contenders)
        if (id !== chosenId)
          lostToSelection.set(
            id,
            unrankable.has(id)
              ? `meets every target, but ${s.objective.metric} is not a number in some of its replications (nothing to divide by), so it cannot be ranked`
              : tiedWithChosen.has(id)
                ? `meets every target and ties with the chosen design on ${s.objective.metric}; the chosen one has more room on its tightest target`
                : `meets every target, but ${betterWord(s)} than the chosen design`,
          );
    }
  }

  const chosenState = chosenId >= 0 ? stateOf(chosenId) : null;
  const candidates: CandidateOutcome[] = [...states.values()]
    .sort((a, b) => a.id - b.id)
    .map((st) => {
      if (st.id === chosenId) return outcome(st, 'chosen', 'meets every target at the best objective');
      if (st.status === 'feasible') {
        const lost = lostToSelection.get(st.id);
        if (lost && chosenState) {
          const n = Math.min(chosenState.reps.length, st.reps.length);
          const d = pairedDifference(chosenState.reps.slice(0, n), st.reps.slice(0, n), s.objective.metric);
          return outcome(st, 'feasible', `${lost}: ${s.objective.metric} ${fmtSigned(d.mean)} [${fmtNumber(d.ci95[0])}, ${fmtNumber(d.ci95[1])}] against it`);
        }
        return outcome(st, 'dominated', 'meets every target, but a lower value of the monotone factor on its line does too');
      }
      const missed = st.checks.filter((c) => c.verdict === 'missed');
      if (st.status === 'infeasible')
        return outcome(
          st,
          'infeasible',
          `misses ${missed.map((c) => `${c.target} (${fmtNumber(c.mean)} [${fmtNumber(c.ci95[0])}, ${fmtNumber(c.ci95[1])}])`).join('; ')}`,
        );
      const open = st.checks.filter((c) => c.verdict === 'unsettled');
      return outcome(
        st,
        'undecided',
        `not shown to meet ${open.map((c) => `${c.target} (${fmtNumber(c.mean)} [${fmtNumber(c.ci95[0])}, ${fmtNumber(c.ci95[1])}])`).join('; ')} within ${st.reps.length} replications`,
      );
    });

  let chosenMetrics: Record<MetricId, MetricSummary> | null = null;
  if (chosenState) {
    chosenMetrics = {} as Record<MetricId, MetricSummary>;
    for (const id of METRIC_IDS) chosenMetrics[id] = summariseMetric(chosenState.reps, id);
  }
  return {
    chosen: candidates.find((c) => c.status === 'chosen') ?? null,
    chosenMetrics,
    reason: chosenState ? null : infeasibleReason(s, candidates),
    candidates,
    gridSize,
    replications: simulated,
    indifference,
    probabilityOfCorrectSelection: s.confidence,
    warnings,
    method,
  };
}

/** The smallest margin over the targets, each in units of its distance from estimate to bound (its uncertainty). */
function room(st: State): number {
  let least = Infinity;
  for (const c of st.checks) {
    const spread = Math.abs(c.mean - c.bound);
    least = Math.min(least, spread > 0 ? c.margin / spread : c.margin > 0 ? Infinity : c.margin);
  }
  return least;
}

/**
 * Targets and objectives that pull a metric the way its definition calls worse (a floor on a
 * drop-out share, the fewest needs met): allowed, since a plan may mean it (a budget floor), but said.
 */
export function directionWarnings(s: Pick<SearchSettings, 'targets' | 'objective'>): string[] {
  const out: string[] = [];
  for (const t of s.targets) {
    const better = METRIC_BY_ID[t.metric].better;
    if ((better === 'lower' && t.comparator === '>=') || (better === 'higher' && t.comparator === '<='))
      out.push(
        `target ${t.text} asks for at ${t.comparator === '>=' ? 'least' : 'most'} a value of ${t.metric}, where ${better} is better; check that this is meant`,
      );
  }
  const better = METRIC_BY_ID[s.objective.metric].better;
  if ((better === 'lower' && s.objective.sense === 'maximise') || (better === 'higher' && s.objective.sense === 'minimise'))
    out.push(`the objective ${s.objective.sense}s ${s.objective.metric}, where ${better} is better; check that this is meant`);
  return out;
}

function checkTarget(reps: readonly BoundReplication[], t: Target, alpha: number): TargetCheck {
  const b = metricBounds(reps, t.metric, alpha);
  const s = summariseMetric(reps, t.metric);
  const ge = t.comparator === '>=';
  // The bound on the side that must meet the target, and the opposite one that shows a miss.
  const meets = ge ? b.lower >= t.value : b.upper <= t.value;
  const misses = ge ? b.upper < t.value : b.lower > t.value;
  return {
    target: t.text,
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    mean: s.mean,
    ci95: s.ci95,
    bound: ge ? b.lower : b.upper,
    lower: b.lower,
    upper: b.upper,
    margin: ge ? s.mean - t.value : t.value - s.mean,
    verdict: meets ? 'met' : misses ? 'missed' : 'unsettled',
  };
}

interface LineState {
  at: (level: number) => number;
  answer: number;
}

/** Family-wise level of the monotone assumption's check (the chance of a false warning when it holds). */
const MONOTONE_CHECK_ALPHA = 0.05;

/** The states tried on one line, in ascending order of the monotone factor. */
function triedOn(line: LineState, states: Map<number, State>, count: number): State[] {
  const out: State[] = [];
  for (let level = 0; level < count; level++) {
    const st = states.get(line.at(level));
    if (st) out.push(st);
  }
  return out;
}

/**
 * The monotone assumption checked on the values tried on one line: a failure above a pass, or a
 * target that is worse at the higher of two neighbouring values by more than its noise (paired,
 * one-sided at level `alpha`).
 */
function monotoneWarnings(path: string, label: string, tried: State[], targets: Target[], alpha: number): string[] {
  const out: string[] = [];
  const where = label ? ` (${label})` : '';
  // Neighbours among the values tried (not every pair: that many tests would raise false alarms).
  for (let i = 0; i + 1 < tried.length; i++) {
    const lo = tried[i];
    const hi = tried[i + 1];
    if (lo.status === 'feasible' && hi.status === 'infeasible')
      out.push(
        `${path}${where}: ${lo.values.join(', ')} meets the targets but the higher ${hi.values.join(', ')} misses one; the monotone assumption does not hold here (plan without monotone: true)`,
      );
    const n = Math.min(lo.reps.length, hi.reps.length);
    for (const t of targets) {
      const d = pairedDifference(lo.reps.slice(0, n), hi.reps.slice(0, n), t.metric);
      const worse =
        t.comparator === '>='
          ? pairedBound(lo.reps.slice(0, n), hi.reps.slice(0, n), t.metric, alpha, 'upper') < 0
          : pairedBound(lo.reps.slice(0, n), hi.reps.slice(0, n), t.metric, alpha, 'lower') > 0;
      if (worse)
        out.push(
          `${path}${where}: ${t.metric} is worse at the higher value ${hi.values.join(', ')} than at ${lo.values.join(', ')} (difference ${fmtSigned(d.mean)} [${fmtNumber(d.ci95[0])}, ${fmtNumber(d.ci95[1])}]); the monotone assumption is doubtful`,
        );
    }
  }
  return out;
}

/**
 * A one-sided bound at level 1 − alpha of the paired difference hi − lo of a metric: Student's t
 * on the replication-by-replication differences; for a pooled wait quantile (no per-replication
 * value) the standard error is read off its bootstrap 95 % interval (half-width over t₀.₉₇₅).
 * NaN when it cannot be made.
 */
function pairedBound(
  lo: readonly State['reps'][number][],
  hi: readonly State['reps'][number][],
  metric: MetricId,
  alpha: number,
  side: 'lower' | 'upper',
): number {
  let mean: number;
  let se: number;
  let n: number;
  if (pooledQuantileOf(metric) !== undefined) {
    const d = pairedDifference(lo, hi, metric);
    const [a, b] = d.ci95;
    n = d.n;
    if (!Number.isFinite(a) || !Number.isFinite(b) || !(n >= 2)) return NaN;
    mean = d.mean;
    se = (b - a) / (2 * math.tQuantile(0.975, n - 1));
  } else {
    const ds: number[] = [];
    for (let j = 0; j < Math.min(lo.length, hi.length); j++) {
      const x = hi[j].metrics[metric] - lo[j].metrics[metric];
      if (Number.isFinite(x)) ds.push(x);
    }
    n = ds.length;
    if (n < 2) return NaN;
    mean = ds.reduce((a, b) => a + b, 0) / n;
    se = Math.sqrt(ds.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1) / n);
  }
  const t = math.tQuantile(1 - alpha, n - 1);
  return side === 'upper' ? mean + t * se : mean - t * se;
}

function lineLabel(factors: SearchFactor[], values: SweepValue[], monotone: number): string {
  return factors
    .map((f, j) => (j === monotone ? null : `${f.path} = ${String(values[j])}`))
    .filter((x) => x !== null)
    .join(', ');
}

/** "even the best candidate does not reach …": the target no candidate met, and the best reached. */
function infeasibleReason(s: SearchSettings, candidates: CandidateOutcome[]): string {
  if (candidates.length === 0) return 'no candidate was simulated';
  const point = (c: CandidateOutcome) => s.factors.map((f, j) => `${f.path} = ${String(c.values[j])}`).join(', ');
  for (const [k, t] of s.targets.entries()) {
    const met = candidates.some((c) => c.targets[k]?.verdict === 'met');
    if (met) continue;
    const ge = t.comparator === '>=';
    let best = candidates[0];
    for (const c of candidates) if ((ge ? 1 : -1) * (c.targets[k].mean - best.targets[k].mean) > 0) best = c;
    const c = best.targets[k];
    // Where the best was reached says what may help: at the end of a factor's range, going further;
    // inside every range, not that (the metric has peaked or levelled off on the values tried).
    const edges = s.factors.flatMap((f, j) => {
      const v = best.values[j];
      const n = f.values.length;
      if (n < 2 || typeof v !== 'number') return [];
      if (v === f.values[n - 1]) return [`raise the highest ${f.path}`];
      if (v === f.values[0]) return [`lower the lowest ${f.path}`];
      return [];
    });
    const next =
      edges.length > 0
        ? `It was reached at the end of a range: ${edges.join(', or ')} (if that is realistic), or relax the target.`
        : 'It was reached inside the ranges tried, so wider ranges may not help: relax the target, or vary another lever.';
    return `no candidate is shown to meet ${t.text}: the best reached is ${fmtNumber(c.mean)} [${fmtNumber(c.ci95[0])}, ${fmtNumber(c.ci95[1])}] (${point(best)}). ${next}`;
  }
  return 'every target is met by some candidate, but no candidate is shown to meet them all at once; widen the ranges, relax a target, or raise maxReplications if candidates were undecided';
}

function betterWord(s: SearchSettings): string {
  return s.objective.sense === 'minimise' ? `higher on ${s.objective.metric}` : `lower on ${s.objective.metric}`;
}

function fmtPct(p: number): string {
  return `${Number((p * 100).toPrecision(4))} %`;
}

export function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-GB');
  return String(Number(x.toPrecision(3)));
}

function fmtSigned(x: number): string {
  return `${x > 0 ? '+' : ''}${fmtNumber(x)}`;
}
