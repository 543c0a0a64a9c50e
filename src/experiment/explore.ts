/**
 * `goldilocks explore`: the Goldilocks question for one scenario. Runs it across the
 * discretion dial (0 = all boundaries … 1 = all discretion) on common random numbers and names
 * the "just right" zone (docs/model.md §11). One function, `justRightZone`, decides the zone;
 * the table, the text, the JSON and the chart all read its `levels` and `label`.
 *
 * The rule:
 * 1. Limits: a level keeps within the limits when its mean overload index ≤
 *    `goldilocks.maxOverloadIndex` and its mean turnover ≤ `goldilocks.maxTurnoverPerYear` (the
 *    scenario fields are limits on the mean). A level whose 95 % interval contains a limit is
 *    borderline: whether it is in or out rests on overlapping intervals, and the result says so.
 * 2. Objective: among the levels within the limits, the best is the one with the best mean
 *    objective (`goldilocks.objective`). Every other such level is compared with the best on the
 *    paired per-replication difference (the levels run on common random numbers, so replication r
 *    of one level saw the same patients as replication r of the best), with a 95 % paired-t
 *    interval. A level is detectably worse when that interval excludes 0 on the worse side and
 *    meaningfully worse when the mean difference is more than `goldilocks.tolerance`; it is in
 *    the zone unless it is both. A level that is in only because its interval reaches 0 (it is
 *    worse than the best by more than the tolerance on the means) is named as resting on
 *    overlapping intervals.
 * Nothing is forced: when no level keeps within the limits, or the zone is one end of the
 * dial, the result says so.
 */
import { METRIC_BY_ID, type MetricId } from '../model/index.js';
import type { Scenario } from '../scenario/schema.js';
import { pairedDifference, runScenario, type PairedReplication, type RunSettings, type ScenarioResults } from './replications.js';
import type { MetricSummary } from './summary.js';

export interface ExploreLevel {
  discretion: number;
  results: ScenarioResults;
}

export interface JustRight {
  /** Lowest and highest level of the zone (null when there is none); the zone need not be contiguous. */
  from: number | null;
  to: number | null;
  /** Levels inside the zone, in dial order: the one list every output marks. */
  levels: number[];
  /** The zone in words, e.g. "0.5–1", "0.3–0.4 and 0.6" or "none". */
  label: string;
  /** The level with the best mean objective within the limits. */
  best: number | null;
  /** Levels whose place in or out of the zone rests on overlapping intervals. */
  uncertain: number[];
  reason: string;
}

export interface Exploration {
  settings: RunSettings;
  levels: ExploreLevel[];
  justRight: JustRight;
}

/** What the zone needs of each level: its summaries and its per-replication values (for pairing). */
export interface LevelInput {
  discretion: number;
  metrics: Record<MetricId, MetricSummary>;
  replications: readonly PairedReplication[];
}

export function dialLevels(steps: number): number[] {
  return Array.from({ length: steps }, (_, i) => Math.round((i / (steps - 1)) * 1e6) / 1e6);
}

export function explore(scenario: Scenario, settings: RunSettings, steps: number, onLevel?: (done: number, total: number) => void): Exploration {
  const levels = dialLevels(steps).map((discretion, i) => {
    const results = runScenario(atDiscretion(scenario, discretion), settings);
    onLevel?.(i + 1, steps);
    return { discretion, results };
  });
  return explorationOf(scenario, settings, levels);
}

/** The scenario with the dial at `discretion` (the variant every runner simulates for a level). */
export function atDiscretion(scenario: Scenario, discretion: number): Scenario {
  return { ...scenario, discretion };
}

/** The exploration of levels already run: the zone decided by `justRightZone` (the job pipeline runs the levels on its workers). */
export function explorationOf(scenario: Scenario, settings: RunSettings, levels: ExploreLevel[]): Exploration {
  return {
    settings,
    levels,
    justRight: justRightZone(
      scenario.goldilocks,
      levels.map((l) => ({ discretion: l.discretion, metrics: l.results.metrics, replications: l.results.replications })),
    ),
  };
}

/** Levels in words: runs of neighbouring dial levels joined with "–", e.g. "0.3–0.4 and 0.6". */
export function zoneLabel(zone: readonly number[], all: readonly number[]): string {
  if (zone.length === 0) return 'none';
  const order = [...all].sort((a, b) => a - b);
  const inZone = new Set(zone);
  const runs: number[][] = [];
  let run: number[] = [];
  for (const d of order) {
    if (inZone.has(d)) run.push(d);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  const words = runs.map((r) => (r.length === 1 ? `${r[0]}` : `${r[0]}–${r[r.length - 1]}`));
  return words.length === 1 ? words[0] : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Does a 95 % interval contain the limit (so being on either side of it is not settled)? A level
 * with replications but no interval (every replication at a bound, nothing counted to bound it)
 * is not settled either: a limit check never passes on an interval it does not have.
 */
function straddles(s: MetricSummary, limit: number): boolean {
  if (!Number.isFinite(s.ci95[0]) || !Number.isFinite(s.ci95[1])) return s.n > 1;
  return s.ci95[0] <= limit && limit < s.ci95[1];
}

export function justRightZone(limits: Scenario['goldilocks'], levels: readonly LevelInput[]): JustRight {
  const all = levels.map((l) => l.discretion);
  const limitText = `overload index ≤ ${limits.maxOverloadIndex} and turnover ≤ ${limits.maxTurnoverPerYear} a year`;
  const within = (l: LevelInput) => l.metrics.overloadIndex.mean <= limits.maxOverloadIndex && l.metrics.turnoverPerYear.mean <= limits.maxTurnoverPerYear;
  const overloadOpen = (l: LevelInput) => straddles(l.metrics.overloadIndex, limits.maxOverloadIndex);
  const turnoverOpen = (l: LevelInput) => straddles(l.metrics.turnoverPerYear, limits.maxTurnoverPerYear);
  const eligible = levels.filter(within);
  if (eligible.length === 0) {
    const open = levels.filter((l) => overloadOpen(l) || turnoverOpen(l)).map((l) => l.discretion);
    const maybe = open.length ? `; the 95 % intervals at ${zoneLabel(open, all)} reach within the limits, so more replications may find a zone` : '';
    return {
      from: null,
      to: null,
      levels: [],
      label: 'none',
      best: null,
      uncertain: open,
      reason: `no dial level keeps ${limitText} on its mean: this service needs more capacity or different limits, whatever its discretion${maybe}`,
    };
  }
  const objective = limits.objective;
  const sign = METRIC_BY_ID[objective].better === 'lower' ? -1 : 1;
  const score = (l: LevelInput) => sign * l.metrics[objective].mean;
  const best = eligible.reduce((a, b) => (score(b) > score(a) ? b : a));
  /** The objective against the best: not worse (in), or worse only on the means (in, but resting on overlapping intervals). */
  const versusBest = (l: LevelInput): { ok: boolean; overlapping: boolean } => {
    if (l === best) return { ok: true, overlapping: false };
    // Paired difference from the best, signed so that negative is worse.
    const raw = pairedDifference(best.replications, l.replications, objective);
    const d = sign > 0 ? raw : { ...raw, mean: -raw.mean, ci95: [-raw.ci95[1], -raw.ci95[0]] as [number, number] };
    const worseBy = Number.isFinite(d.mean) ? -d.mean : score(best) - score(l);
    const meaningful = !(worseBy <= limits.tolerance);
    // With one replication there is no interval: the means and the tolerance decide.
    const detectable = Number.isFinite(d.ci95[1]) ? d.ci95[1] < 0 : meaningful;
    return { ok: !(detectable && meaningful), overlapping: meaningful && !detectable };
  };
  const judged = levels.map((l) => ({ l, within: within(l), ...versusBest(l) }));
  const inZone = judged.filter((j) => j.within && j.ok);
  const zone = inZone.map((j) => j.l.discretion);
  // Intervals that matter: a limit inside the interval of a level in the zone, or of a level kept
  // out only by limits whose intervals contain them (its objective would let it in).
  const overloadNear: number[] = [];
  const turnoverNear: number[] = [];
  for (const j of judged) {
    if (!j.ok) continue;
    const overOverload = !(j.l.metrics.overloadIndex.mean <= limits.maxOverloadIndex);
    const overTurnover = !(j.l.metrics.turnoverPerYear.mean <= limits.maxTurnoverPerYear);
    if (!j.within && !((!overOverload || overloadOpen(j.l)) && (!overTurnover || turnoverOpen(j.l)))) continue;
    if (overloadOpen(j.l) && (j.within || overOverload)) overloadNear.push(j.l.discretion);
    if (turnoverOpen(j.l) && (j.within || overTurnover)) turnoverNear.push(j.l.discretion);
  }
  const overlapping = inZone.filter((j) => j.overlapping).map((j) => j.l.discretion);
  const from = Math.min(...zone);
  const to = Math.max(...zone);
  const label = zoneLabel(zone, all);
  const uncertain = all.filter((d) => overlapping.includes(d) || overloadNear.includes(d) || turnoverNear.includes(d));
  const ends =
    from === 0 && to === 0
      ? ' (at the boundaries end of the dial: no interior optimum)'
      : to === 1 && from === 1
        ? ' (at the discretion end of the dial: no interior optimum)'
        : '';
  const notes: string[] = [];
  if (overlapping.length)
    notes.push(
      `${zoneLabel(overlapping, all)} ${overlapping.length === 1 ? 'is' : 'are'} worse than the best by more than ${limits.tolerance} on the means but not detectably (the paired interval includes 0)`,
    );
  if (overloadNear.length) notes.push(`the overload interval contains ${limits.maxOverloadIndex} at ${zoneLabel(overloadNear, all)}`);
  if (turnoverNear.length) notes.push(`the turnover interval contains ${limits.maxTurnoverPerYear} at ${zoneLabel(turnoverNear, all)}`);
  const rests = notes.length ? `; the choice rests on overlapping intervals: ${notes.join('; ')}, so more replications could move the zone` : '';
  return {
    from,
    to,
    levels: zone,
    label,
    best: best.discretion,
    uncertain,
    reason:
      `${zone.length === 1 ? 'level' : 'levels'} ${label} ${zone.length === 1 ? 'keeps' : 'keep'} ${limitText} (on the means) and ${zone.length === 1 ? 'its' : 'their'} ${objectiveWords(objective)} is not detectably worse than the best ` +
      `(${objectiveValue(objective, best.metrics[objective].mean)} at ${best.discretion}; paired differences, tolerance ${limits.tolerance})${ends}${rests}`,
  };
}

/** "need met": the objective's label as words in a sentence. */
function objectiveWords(id: MetricId): string {
  return (METRIC_BY_ID[id]?.label ?? id).toLowerCase();
}

/** The objective's value as people read it: shares in whole per cent, the rest to 3 significant figures. */
function objectiveValue(id: MetricId, v: number): string {
  if (!Number.isFinite(v)) return '–';
  return METRIC_BY_ID[id]?.unit === 'share' ? `${Math.round(100 * v)} %` : String(Number(v.toPrecision(3)));
}

/** The one JSON document of `explore --json` (also written as explore.json). */
export function explorationDocument(scenarioName: string, e: Exploration) {
  const jr = e.justRight;
  return {
    scenario: scenarioName,
    seed: e.settings.seed,
    replications: e.settings.replications,
    horizonDays: e.settings.horizonDays,
    warmupDays: e.settings.warmupDays,
    levels: e.levels.map((l) => ({ discretion: l.discretion, metrics: l.results.metrics })),
    justRight: { from: jr.from, to: jr.to, levels: jr.levels, label: jr.label, best: jr.best, uncertain: jr.uncertain, reason: jr.reason },
  };
}
