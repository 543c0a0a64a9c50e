/** The report of `goldilocks sweep` (pure): the factors and design, the points or the Morris screening, and the charts. */
import { METRICS } from '../../model/metrics.js';
import type { MetricSummary } from '../../experiment/summary.js';
import { esc } from '../html-text.js';
import { formatValue } from '../format.js';
import { andList, assumptionsInForce, describeScenario, num } from '../assumptions.js';
import { designLine, summarySection } from '../summary.js';
import type { FactorValue, SensitivityRow } from '../sweep-tables.js';
import { ASSUMPTIONS_LEAD, assumptionsTable } from './assumptions-section.js';
import { definitions, effect, metricCell, metricLabel, paragraphs, pathHtml, table, unitColumn, valueText, years } from './blocks.js';
import { figures, type ExpectedChart } from './figures.js';
import type { SweepReportInput } from './input.js';
import { MANIFEST_LEAD, manifestTable } from './manifest-table.js';
import type { Page } from './page-shell.js';

interface SweepFactorInfo {
  path: string;
  values?: unknown[];
  range?: { from: number; to: number; step?: number; steps?: number };
  integer?: boolean;
}

function designWords(design: Record<string, unknown> | undefined, points: unknown): string {
  const t = design?.type ?? 'grid';
  if (t === 'lhs') return `a Latin hypercube sample of ${String(design?.samples)} points (seed ${String(design?.seed)})`;
  if (t === 'morris')
    return `Morris screening: ${String(design?.trajectories)} trajectories on ${String(design?.levels)} levels (seed ${String(design?.seed)}, ${String(design?.bootstrap)} bootstrap resamples for the intervals), ${String(points)} points`;
  if (t === 'sobol')
    return `Sobol indices: a Saltelli design of ${String(design?.samples)} base rows (seed ${String(design?.seed)}, ${String(design?.bootstrap)} bootstrap resamples for the intervals), ${String(points)} points; S1 and ST are in sensitivity.csv`;
  return `a full grid of ${String(points)} points`;
}

function factorWords(f: SweepFactorInfo, grid: boolean): string {
  if (f.values) return f.values.map((v) => (typeof v === 'number' ? num(v) : String(v))).join(', ');
  if (f.range)
    return grid
      ? `${num(f.range.from)} to ${num(f.range.to)} ${f.range.step !== undefined ? `by ${num(f.range.step)}` : `in ${String(f.range.steps ?? 5)} steps`}${f.integer ? ' (whole numbers)' : ''}`
      : `anywhere from ${num(f.range.from)} to ${num(f.range.to)}${f.integer ? ' (whole numbers)' : ''}`;
  return '–';
}

const MAX_POINT_ROWS = 40;

export function sweepPage(input: SweepReportInput): Page {
  const { manifest, timing, scenario, scenarioProblem: problem } = input;
  const shard = typeof manifest.shard === 'string' ? manifest.shard : null;
  const shardNote = shard
    ? `<p class="note"><strong>One shard (${esc(shard)}) of the sweep:</strong> ${esc(String(manifest.pointsInShard ?? '?'))} of its ${esc(String(manifest.points ?? '?'))} points. The findings below are over this shard's points only; merge every shard (<code>goldilocks merge</code>) for the whole sweep's report.</p>`
    : '';
  const factors = (manifest.factors as SweepFactorInfo[] | undefined) ?? [];
  const design = manifest.design as Record<string, unknown> | undefined;
  const grid = !design || design.type === 'grid';
  const name = String(manifest.sweep ?? input.folder);
  const metricsKept = (manifest.metrics as string[] | undefined) ?? [];
  const sections: Page['sections'] = [];

  const factorRows = factors.map((f) => `<tr><td><code>${pathHtml(f.path)}</code></td><td>${esc(factorWords(f, grid))}</td></tr>`);
  sections.push({
    id: 'scenario',
    title: 'The sweep',
    body:
      `<p>Base scenario <strong>${esc(manifest.scenario ?? '?')}</strong>, with ${esc(factors.length)} factor${factors.length === 1 ? '' : 's'} varied by ${esc(designWords(design, manifest.points))}. Every point runs the same ${esc(manifest.replications ?? '?')} replications of ${esc(manifest.horizonDays !== undefined ? years(Number(manifest.horizonDays)) : '?')} (seed ${esc(manifest.seed ?? '?')}, ${esc(manifest.warmupDays ?? '?')} days of warm-up), so points share common random numbers. Metrics kept: ${esc(andList(metricsKept.map((m) => metricLabel(m).toLowerCase())) || 'all')}.</p>` +
      table(['Factor (scenario field)', grid ? 'Values' : 'Range'], factorRows, { cls: 'factors' }) +
      (scenario ? `<h3>The base scenario</h3>${paragraphs(describeScenario(scenario))}` : ''),
  });

  // Results: the Morris table, or the first points.
  let results = '';
  const sensitivity = input.sensitivity;
  const hasMorris = sensitivity !== null;
  if (sensitivity) {
    const byMetric = new Map<string, SensitivityRow[]>();
    for (const r of sensitivity) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), r]);
    results += `<p>Morris elementary effects: <strong>μ*</strong> (mean absolute effect) ranks how much each factor moves a metric when it goes across its whole range; <strong>σ</strong> is large when the effect depends on the other factors or is not linear; μ is the signed mean effect. 95 % bootstrap intervals for μ*. Factors are sorted by μ* within each metric.</p>`;
    for (const [metric, rs] of byMetric) {
      rs.sort((a, b) => b.muStar - a.muStar);
      results += table(
        ['Factor', 'μ*', '95 % CI of μ*', 'μ', 'σ'],
        rs.map(
          (r) =>
            `<tr><td><code>${pathHtml(r.factor)}</code></td><td class="num">${esc(effect(metric, r.muStar))}</td><td class="num">${esc(`${effect(metric, r.muStarCi95[0])} – ${effect(metric, r.muStarCi95[1])}`)}</td><td class="num">${esc(formatValue(metric, r.mu, { difference: true }))}</td><td class="num">${esc(effect(metric, r.sigma))}</td></tr>`,
        ),
        {
          cls: 'morris',
          caption: `${esc(metricLabel(metric))} <span class="unit">(${esc(unitColumn(metric) === '%' ? 'percentage points' : unitColumn(metric))})</span>`,
          numeric: [false, true, true, true, true],
        },
      );
    }
  }
  const pointRows = input.points;
  if (pointRows && !hasMorris) {
    const factorPaths = pointRows.factors;
    const points = new Map<number, { values: FactorValue[]; metrics: Map<string, MetricSummary> }>();
    for (const r of pointRows.rows) {
      const p = points.get(r.point) ?? { values: r.values, metrics: new Map<string, MetricSummary>() };
      p.metrics.set(r.metric, r.summary);
      points.set(r.point, p);
    }
    const present = [...new Set(pointRows.rows.map((r) => r.metric as string))];
    const preferred: string[] = ['overloadIndex', 'waitDays', 'needMetShare', 'unmetNeedShare', 'turnoverPerYear', 'caseloadPerWorker'];
    const shown = [...preferred.filter((m) => present.includes(m)), ...present.filter((m) => !preferred.includes(m))].slice(0, 4);
    const list = [...points.entries()].slice(0, MAX_POINT_ROWS);
    results +=
      `<p>${list.length < points.size ? `The first ${list.length} of ${points.size} points` : `All ${points.size} points`}, with ${shown.length < present.length ? `${shown.length} of the ${present.length} metrics kept` : 'every metric kept'}: mean over replications with the 95 % confidence interval below. Every value is in <code>points.csv</code>.</p>` +
      table(
        [
          'Point',
          ...factorPaths.map((p) => `<code>${pathHtml(p)}</code>`),
          ...shown.map((m) => `${esc(metricLabel(m))}<br><span class="unit">${esc(unitColumn(m))}</span>`),
        ],
        list.map(
          ([id, p]) =>
            `<tr><td class="num">${esc(id)}</td>${p.values.map((v) => `<td class="num">${esc(valueText(v))}</td>`).join('')}${shown.map((m) => metricCell(m, p.metrics.get(m))).join('')}</tr>`,
        ),
        { cls: 'points long', numeric: [true, ...factorPaths.map(() => true), ...shown.map(() => true)] },
      );
  }
  let sweepFindings = '';
  if (sensitivity) {
    const top = new Map<string, SensitivityRow>();
    for (const r of sensitivity) {
      const prev = top.get(r.metric);
      if (!prev || r.muStar > prev.muStar) top.set(r.metric, r);
    }
    sweepFindings = `<h3>Findings</h3><ul class="findings">${[...top.entries()]
      .slice(0, 6)
      .map(([metric, r]) => `<li>${esc(metricLabel(metric))}: moved most by <code>${pathHtml(r.factor)}</code> (μ* ${esc(effect(metric, r.muStar))}).</li>`)
      .join('')}</ul>`;
  } else if (pointRows) {
    const byMetric = new Map<string, Array<{ values: FactorValue[]; mean: number }>>();
    for (const r of pointRows.rows) byMetric.set(r.metric, [...(byMetric.get(r.metric) ?? []), { values: r.values, mean: r.summary.mean }]);
    const at = (p: { values: FactorValue[] }) => pointRows.factors.map((f, i) => `${f} = ${valueText(p.values[i])}`).join(', ');
    const items = [...byMetric.entries()].slice(0, 5).map(([metric, ps]) => {
      const finite = ps.filter((p) => Number.isFinite(p.mean));
      if (!finite.length) return '';
      const lo = finite.reduce((a, b) => (b.mean < a.mean ? b : a));
      const hi = finite.reduce((a, b) => (b.mean > a.mean ? b : a));
      return `<li>${esc(metricLabel(metric))}: from ${esc(formatValue(metric, lo.mean))} (${esc(at(lo))}) to ${esc(formatValue(metric, hi.mean))} (${esc(at(hi))}).</li>`;
    });
    sweepFindings = `<h3>Findings: the range of each metric across the points</h3><ul class="findings">${items.join('')}</ul>`;
  }
  if (!results) results = '<p class="note">No points.csv in this folder: the sweep has not finished (resume it with --resume) or this is one shard of it.</p>';
  sections.push({ id: 'numbers', title: hasMorris ? 'Which parameters matter' : 'Key numbers by point', body: results });

  const expected: ExpectedChart[] = [];
  if (factors.length >= 2)
    expected.push({
      file: 'sweep-heatmap.svg',
      caption: `Mean ${metricsKept.includes('overloadIndex') ? 'overload index' : 'of the first metric kept'} over the first two factors (${factors
        .slice(0, 2)
        .map((f) => f.path)
        .join(' × ')}), averaged over any others.`,
    });
  if (hasMorris)
    expected.push({
      file: 'sweep-morris.svg',
      caption: 'Morris screening: μ* (overall influence) against σ (interactions or non-linearity) for each factor and metric.',
    });
  sections.push({ id: 'charts', title: 'Charts', body: figures(input.charts, expected) });
  sections.push({
    id: 'assumptions',
    title: 'Assumptions in force',
    body: scenario
      ? ASSUMPTIONS_LEAD +
        '<p class="note">Values of the base scenario; the factors above vary some of them.</p>' +
        assumptionsTable(assumptionsInForce(scenario))
      : `<p class="note">The base scenario (${esc(manifest.scenario ?? '?')}) is not saved in a sweep folder; its assumptions are listed in the report of <code>goldilocks run</code> on that scenario. The factors above are the parameters this sweep varies.</p>`,
  });
  if (problem) sections[sections.length - 1].body += `<p class="note">scenario.json: ${esc(problem)}</p>`;
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, timing) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(metricsKept.length ? metricsKept : METRICS.map((m) => m.id)) });
  return {
    kind: 'sweep',
    summary: summarySection({
      // One shard holds every n-th point only: its ranges are not the sweep's.
      designs:
        shardNote +
        `<p>Base scenario <strong>${esc(manifest.scenario ?? '?')}</strong>${scenario ? `: ${esc(designLine(scenario))}` : '.'}</p>` +
        `<ul>${factors.map((f) => `<li><code>${pathHtml(f.path)}</code>: ${esc(factorWords(f, grid))}</li>`).join('')}</ul>`,
      figures: '',
      findings: sweepFindings,
      note: esc(`${designWords(design, manifest.points)}; ${String(manifest.replications ?? '?')} replications per point on common random numbers.`),
    }),
    title: `Goldilocks sweep report: ${name}${shard ? ` (shard ${shard} only)` : ''}`,
    question: hasMorris
      ? `Which of ${andList(factors.map((f) => f.path))} move the results most?`
      : `How do the results change with ${andList(factors.map((f) => f.path))}?`,
    lead: `<p class="lead">A parameter sweep of the service “${esc(manifest.scenario ?? '?')}”: ${esc(designWords(design, manifest.points))}. It shows how sensitive the answer to the Goldilocks question — <em>how much discretion is just right for this service?</em> — is to what we assumed.</p>${shardNote}`,
    sections,
  };
}
