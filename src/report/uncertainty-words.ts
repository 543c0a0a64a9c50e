/**
 * `--uncertainty N` in words and terminal tables: each metric's noise-only interval beside its
 * interval with the assumptions' uncertainty, the share of the variance from the assumptions,
 * the summary sentence ("need met 64 % (noise 63–65 %; with the assumptions' uncertainty
 * 55–71 %)"), what the answer hinges on, compare's share of draws in which a design is better,
 * and how robust explore's just-right zone is.
 */
import { METRIC_BY_ID, METRICS, type MetricId } from '../model/index.js';
import type { MetricSummary } from '../experiment/summary.js';
import { fewestDrawsToTell, type Hinge, type MetricUncertainty, type UncertaintyOutcome } from '../experiment/uncertainty.js';
import { formatInterval, formatValue, labelWithUnit } from './format.js';
import { renderTable } from './table.js';

/** The metrics the summary sentence and the hinges speak of. */
export const HEADLINE_METRICS: readonly MetricId[] = ['needMetShare', 'waitDays', 'overloadIndex', 'turnoverPerYear'];

const pct = (x: number) => (Number.isFinite(x) ? `${Math.round(100 * x)} %` : '–');
const label = (id: MetricId) => (METRIC_BY_ID[id]?.label ?? id).toLowerCase();

/** "need met 64 % (noise 63–65 %; with the assumptions' uncertainty 55–71 %)". */
export function uncertaintySentence(id: MetricId, plain: MetricSummary, u: Pick<MetricUncertainty, 'ci95Total'>): string {
  return `${label(id)} ${formatValue(id, plain.mean)} (noise ${formatInterval(id, plain.ci95, { joiner: '–' })}; with the assumptions' uncertainty ${formatInterval(id, u.ci95Total, { joiner: '–' })})`;
}

/** The run's table: estimate, noise-only interval, interval with the assumptions, share from the assumptions. */
export function uncertaintyTable(
  plain: Record<MetricId, MetricSummary>,
  u: Record<MetricId, Pick<MetricUncertainty, 'ci95Total' | 'assumptionShare'>>,
  ids?: readonly MetricId[],
): string {
  const rows = METRICS.filter((m) => !ids || ids.includes(m.id)).map((m) => [
    labelWithUnit(m.id),
    formatValue(m.id, plain[m.id].mean),
    formatInterval(m.id, plain[m.id].ci95, { joiner: ' – ' }),
    formatInterval(m.id, u[m.id].ci95Total, { joiner: ' – ' }),
    pct(u[m.id].assumptionShare),
  ]);
  return renderTable(['metric', 'estimate', '95% CI (noise)', '95% CI (noise + assumptions)', 'from assumptions'], rows);
}

/** "workload.knowledgeMatchFloor (ρ² 0.41, rises with it)". */
export function hingeWords(h: Hinge): string {
  return `${h.parameter} (ρ² ${h.rho2.toFixed(2)}, ${h.sign > 0 ? 'rises with it' : 'falls with it'})`;
}

/** "Need met hinges on workload.knowledgeMatchFloor (ρ² 0.41, +), …". */
export function hingeLines(u: Record<MetricId, MetricUncertainty>, ids: readonly MetricId[] = HEADLINE_METRICS, draws?: number, parameters?: number): string {
  // With too few draws no correlation can pass the threshold: naming "the strongest" would be noise.
  if (draws !== undefined && parameters !== undefined && draws < fewestDrawsToTell(parameters))
    return `  too few draws (${draws}) to tell which assumptions matter; use --uncertainty 64 or more`;
  return ids
    .map((id) => {
      const h = u[id].hingesOn.filter((x) => x.clear).slice(0, 3);
      const top = u[id].hingesOn[0];
      const what = h.length ? h.map(hingeWords).join(', ') : `no single assumption clearly${top ? ` (the strongest: ${hingeWords(top)})` : ''}`;
      return `  ${METRIC_BY_ID[id].label}: ${what}`;
    })
    .join('\n');
}

/** The lines a run prints after its table. */
export function runUncertaintyText(plain: Record<MetricId, MetricSummary>, o: UncertaintyOutcome): string {
  const u = o.groups[0].metrics as Record<MetricId, MetricUncertainty>;
  return (
    `How sure are we? ${o.draws} draws of the ${o.parameters.length} assumed parameters (Latin hypercube), ${o.replicationsPerDraw} replications each (${o.wallSeconds.toFixed(0)} s):\n\n` +
    uncertaintyTable(plain, u) +
    `\n\nIn short: ${HEADLINE_METRICS.map((id) => uncertaintySentence(id, plain[id], u[id])).join('; ')}.\n` +
    `The answer hinges most on (squared rank correlation of the draws' means with each assumption; listed when clear at the 5 % level, Bonferroni over the parameters):\n${hingeLines(u, HEADLINE_METRICS, o.draws, o.parameters.length)}`
  );
}

/** Compare: per design and metric with a direction, the share of draws in which it beats the baseline. */
export function compareUncertaintyText(o: UncertaintyOutcome): string {
  const diffs = o.differences ?? [];
  // Every metric: those without a better direction have their interval and share, and no "better in".
  const ids = METRICS.map((m) => m.id);
  const rows = ids.map((id) => [
    labelWithUnit(id),
    ...diffs.flatMap((d) => [
      formatInterval(id, d.metrics[id].ci95Total, { joiner: ' – ', difference: true }),
      pct(d.metrics[id].assumptionShare),
      d.metrics[id].beatsShare === null ? '' : pct(d.metrics[id].beatsShare ?? NaN),
      d.metrics[id].worseShare === null ? '' : pct(d.metrics[id].worseShare ?? NaN),
    ]),
  ]);
  const header = [
    'metric',
    ...diffs.flatMap((d) => [`${d.scenario} − ${d.versus}, 95% CI (noise + assumptions)`, 'from assumptions', 'better in', 'worse in']),
  ];
  return `How sure are we? ${o.draws} draws of the ${o.parameters.length} assumed parameters, ${o.replicationsPerDraw} replications each, the same draws and seeds for every design (${o.wallSeconds.toFixed(0)} s). "better in" / "worse in": the shares of draws in which the design's mean beats ${diffs[0]?.versus ?? 'the baseline'}'s or falls behind it (the rest are ties; blank for a metric with no better direction).\n\n${renderTable(header, rows)}`;
}

/** How robust explore's zone is, in one sentence (the zone as the plain run found it). */
export function zoneRobustness(zone: readonly number[], dial: readonly number[], shares: readonly number[], draws: number): string {
  const share = (d: number) => shares[dial.indexOf(d)];
  const most = dial.filter((_, i) => shares[i] >= 0.5);
  const mostText = most.length ? most.join(', ') : 'none';
  if (zone.length === 0)
    return `With the assumptions' uncertainty (${draws} draws), no level is just right in the plain run; levels just right in at least half of the draws: ${mostText}.`;
  const inZone =
    zone.length === 1
      ? `level ${zone[0]} is just right in ${pct(share(zone[0]))}`
      : `levels ${zone.map((d) => `${d} (${pct(share(d))})`).join(', ')} are just right in that share`;
  const weakest = Math.min(...zone.map(share));
  const verdict = weakest >= 0.8 ? 'robust' : weakest >= 0.5 ? 'fairly robust' : 'fragile';
  return `How robust the zone is: across ${draws} draws of the assumptions, ${inZone} of the draws, so the zone is ${verdict} (robust: every level of it just right in at least 80 % of the draws; fragile: some level in under half); levels just right in at least half of the draws: ${mostText}.`;
}

/** Explore: the share of draws in which each level is just right, and the robustness sentence. */
export function exploreUncertaintyText(zone: readonly number[], dial: readonly number[], o: UncertaintyOutcome): string {
  const shares = o.justRightShare ?? [];
  const rows = dial.map((d, i) => [String(d), zone.includes(d) ? 'yes' : '', pct(shares[i]), '█'.repeat(Math.round(shares[i] * 20))]);
  return (
    `Just right under the assumptions' uncertainty (${o.draws} draws, ${o.replicationsPerDraw} replications each, ${o.wallSeconds.toFixed(0)} s):\n\n` +
    renderTable(['dial', 'zone (plain run)', 'just right in', ''], rows)
      .split('\n')
      .map((l) => l.trimEnd())
      .join('\n') +
    `\n\n${zoneRobustness(zone, dial, shares, o.draws)}\n` +
    (o.zoneHinges ?? [])
      .map((z) => {
        const clear = z.hingesOn.filter((h) => h.clear).slice(0, 3);
        return clear.length
          ? `Whether ${z.discretion} is just right hinges most on ${clear.map((h) => `${h.parameter} (ρ² ${h.rho2.toFixed(2)}, ${h.sign > 0 ? 'more often with more of it' : 'less often with more of it'})`).join(', ')}.\n`
          : '';
      })
      .join('')
  );
}

/** What plan --uncertainty adds for each target of the chosen design (plan.json's `uncertainty.targets`). */
export interface PlanTargetUncertaintyWords {
  target: string;
  metShare: number | null;
  hingesOn: readonly Hinge[];
}

/** What each target's metric hinges on, a sentence per target, or one sentence when the draws are too few to tell (fewestDrawsToTell). */
export function planHingeSentences(
  draws: number,
  parameters: number,
  targets: readonly PlanTargetUncertaintyWords[],
  more = 'use --uncertainty 64 or more',
): string[] {
  if (draws < fewestDrawsToTell(parameters)) return [`Too few draws (${draws}) to tell which assumptions the targets hinge on; ${more}.`];
  return targets.map((t) =>
    t.hingesOn.length ? `${t.target} hinges most on ${t.hingesOn.map(hingeWords).join(', ')}.` : `${t.target} hinges on no single assumption clearly.`,
  );
}

/** "Under the assumptions' uncertainty (32 draws, 5 replications each), the chosen design meets a in 81 % of the draws; … (on each draw's mean)." */
export function planMetSentence(draws: number, replicationsPerDraw: number, targets: readonly PlanTargetUncertaintyWords[]): string {
  const share = (x: number | null) => (x === null ? '–' : pct(x));
  return `Under the assumptions' uncertainty (${draws} draws, ${replicationsPerDraw} replications each), the chosen design meets ${targets
    .map((t) => `${t.target} in ${share(t.metShare)} of the draws`)
    .join('; ')} (on each draw's mean).`;
}
