/** The report of `goldilocks explore` (pure): the just-right zone of the discretion dial, every level's numbers and the curve. */
import type { MetricId } from '../../model/metrics.js';
import type { MetricSummary } from '../../experiment/summary.js';
import { esc } from '../html-text.js';
import { assumptionsInForce, andList, describeScenario, num } from '../assumptions.js';
import { designLine, headlineTable, summarySection } from '../summary.js';
import { ASSUMPTIONS_LEAD, assumptionsTable } from './assumptions-section.js';
import {
  asRun,
  definitions,
  type Estimate,
  hasTotalInterval,
  metricCell,
  metricIds,
  metricLabel,
  metricOf,
  missingScenario,
  paragraphs,
  sentence,
  table,
  TOTAL_INTERVAL_NOTE,
  unitColumn,
  years,
} from './blocks.js';
import { figures } from './figures.js';
import type { ExplorationDocument, ExploreReportInput } from './input.js';
import { MANIFEST_LEAD, manifestTable, overridesSentence } from './manifest-table.js';
import type { Page } from './page-shell.js';

const EXPLORE_COLUMNS: MetricId[] = ['overloadIndex', 'needMetShare', 'turnoverPerYear', 'satisfaction', 'waitDays'];

export function explorePage(input: ExploreReportInput): Page {
  const { doc, manifest, scenario, scenarioProblem: problem } = input;
  const jr = doc.justRight;
  const zoneLevels = jr.levels;
  const inZone = (d: number) => zoneLevels.some((z) => Math.abs(z - d) < 1e-9);
  const zoneText =
    jr.from === null || jr.to === null
      ? 'none'
      : jr.label
        ? `discretion ${jr.label}`
        : jr.from === jr.to
          ? `discretion ${num(jr.from)}`
          : `discretion ${num(jr.from)} to ${num(jr.to)}`;
  const sections: Page['sections'] = [];

  const callout = `<div class="callout${jr.from === null ? ' none' : ''}"><p class="big">Just right: ${esc(zoneText)}</p><p>${esc(sentence(jr.reason))}.</p></div>`;
  const limits = scenario?.goldilocks;
  const limitsText = limits
    ? `<p>“Just right” means: the mean overload index at most ${esc(num(limits.maxOverloadIndex))} and mean turnover at most ${esc(num(limits.maxTurnoverPerYear))} a year, and ${esc(metricLabel(limits.objective).toLowerCase())} not detectably worse than at the best level that keeps within both: a level is left out only when the 95 % interval of its paired difference from the best excludes 0 and the difference is more than ${esc(num(limits.tolerance))}. Where a limit lies inside a level’s 95 % interval, or a level is in only because its paired interval includes 0, the answer rests on overlapping intervals and says so. Nothing is forced: the answer may be “none” or an end of the dial.</p>`
    : '';
  const scenarioBody = scenario
    ? paragraphs(describeScenario(asRun(scenario, doc))) +
      `<p class="note">Explore moves the discretion dial from 0 (all boundaries) to 1 (all discretion) across ${esc(doc.levels.length)} levels; levers set explicitly in the scenario keep their values at every level.</p>`
    : missingScenario('scenario.json', problem);
  sections.push({ id: 'answer', title: 'The answer', body: callout + limitsText });
  sections.push({ id: 'scenario', title: 'The service explored', body: scenarioBody });

  const levelRows = doc.levels.map((l) => {
    const z = inZone(l.discretion);
    const label = l.discretion === 0 ? ' (all boundaries)' : l.discretion === 1 ? ' (all discretion)' : '';
    return `<tr${z ? ' class="zone"' : ''}><th scope="row" class="num">${esc(num(l.discretion))}${esc(label)}${z ? '<br><span class="tag zone">✔ just right</span>' : ''}</th>${EXPLORE_COLUMNS.map((id) => metricCell(id, l.metrics[id])).join('')}</tr>`;
  });
  // All metrics at a few levels: the ends, the middle and the zone.
  const pick = [...new Set([0, 0.5, 1, ...(jr.from !== null ? [jr.from] : []), ...(jr.to !== null ? [jr.to] : [])])]
    .map((d) => doc.levels.find((l) => Math.abs(l.discretion - d) < 1e-9))
    .filter((l): l is ExplorationDocument['levels'][number] => l !== undefined)
    .sort((a, b) => a.discretion - b.discretion)
    .slice(0, 5);
  const allIds = metricIds(...doc.levels.map((l) => l.metrics));
  const allRows = allIds.map(
    (id) =>
      `<tr><th scope="row">${esc(metricLabel(id))} <span class="unit">(${esc(unitColumn(id))})</span></th>${pick.map((l) => metricCell(id, metricOf<MetricSummary>(l.metrics, id))).join('')}</tr>`,
  );
  sections.push({
    id: 'numbers',
    title: 'Key numbers by level',
    body:
      `<p>Means over ${esc(doc.replications)} replications per level with 95 % confidence intervals (below each mean); every level saw the same patients (common random numbers).${zoneLevels.length ? ' Shaded rows are just right.' : ''}${hasTotalInterval(doc.levels.flatMap((l) => allIds.map((id) => metricOf<Estimate>(l.metrics, id)))) ? TOTAL_INTERVAL_NOTE : ''}</p>` +
      table(['Discretion', ...EXPLORE_COLUMNS.map((id) => `${esc(metricLabel(id))}<br><span class="unit">${esc(unitColumn(id))}</span>`)], levelRows, {
        cls: 'levels',
        numeric: [true, ...EXPLORE_COLUMNS.map(() => true)],
      }) +
      `<h3>Every metric at ${esc(andList(pick.map((l) => num(l.discretion))))}</h3>` +
      table(['Metric', ...pick.map((l) => `discretion ${esc(num(l.discretion))}${inZone(l.discretion) ? ' ✔' : ''}`)], allRows, {
        cls: 'metrics long',
        numeric: [false, ...pick.map(() => true)],
      }) +
      robustnessTable(doc.levels as ReadonlyArray<{ discretion: number; justRightShare?: number }>, inZone),
  });
  sections.push({
    id: 'charts',
    title: 'Charts',
    body: figures(input.charts, [
      {
        file: 'explore-curve.svg',
        caption: 'Overload index, need met and turnover across the discretion dial (mean with 95 % interval); the just-right zone is marked.',
      },
    ]),
  });
  sections.push({
    id: 'assumptions',
    title: 'Assumptions in force',
    body: scenario
      ? ASSUMPTIONS_LEAD +
        '<p class="note">Lever values are shown at the scenario’s own dial setting; explore moves the dial, so levers not set explicitly change from level to level.</p>' +
        assumptionsTable(assumptionsInForce(asRun(scenario, doc)))
      : missingScenario('scenario.json', problem),
  });
  sections.push({ id: 'manifest', title: 'How this was run', body: MANIFEST_LEAD + manifestTable(manifest, null) });
  sections.push({ id: 'definitions', title: 'What the numbers mean', body: definitions(allIds) });
  return {
    kind: 'explore',
    summary: summarySection({
      designs: `<p><strong>${esc(doc.scenario)}</strong>: ${esc(scenario ? designLine(asRun(scenario, doc), { dial: false }) : '')} Explored at ${esc(doc.levels.length)} settings of the discretion dial, from 0 (all boundaries) to 1 (all discretion).</p>`,
      figures: (() => {
        const best = typeof jr.best === 'number' ? jr.best : null;
        const wanted = [...new Set([0, ...(best !== null ? [best] : []), 1])];
        const cols = wanted
          .map((d) => doc.levels.find((l) => Math.abs(l.discretion - d) < 1e-9))
          .filter((l): l is ExplorationDocument['levels'][number] => l !== undefined)
          .map((l) => ({
            title: `discretion ${num(l.discretion)}${best !== null && Math.abs(l.discretion - best) < 1e-9 ? ' (best just right)' : l.discretion === 0 ? ' (all boundaries)' : l.discretion === 1 ? ' (all discretion)' : ''}`,
            metrics: l.metrics,
          }));
        return (
          `<h3>Headline figures at the ends of the dial${best !== null ? ' and the best just-right level' : ''} (95 % confidence intervals)</h3>` +
          headlineTable(cols)
        );
      })(),
      findings: `<div class="callout${jr.from === null ? ' none' : ''}"><p class="big">Just right: ${esc(zoneText)}</p><p>${esc(sentence(jr.reason))}.</p></div>`,
      note: esc(
        `Means over ${doc.replications} replications per level of ${years(doc.horizonDays)} (seed ${doc.seed}); every level saw the same patients (common random numbers).${overridesSentence(manifest)}`,
      ),
    }),
    title: `Goldilocks explore report: ${doc.scenario}`,
    question: 'How much discretion is just right for this service?',
    lead: `<p class="lead">Goldilocks ran the service “${esc(doc.scenario)}” at ${esc(doc.levels.length)} settings of the discretion dial, ${esc(doc.replications)} replications of ${esc(years(doc.horizonDays))} each (seed ${esc(doc.seed)}), and looked for the settings that keep overload and turnover within limits while meeting the most need.</p>`,
    sections,
  };
}

/** With --uncertainty (justRightShare in explore.json): the share of the parameter draws in which each level is just right. */
function robustnessTable(levels: ReadonlyArray<{ discretion: number; justRightShare?: number }>, inZone: (d: number) => boolean): string {
  if (!levels.some((l) => typeof l.justRightShare === 'number')) return '';
  const rows = [...levels]
    .sort((a, b) => a.discretion - b.discretion)
    .map(
      (l) =>
        `<tr><td class="num">${esc(num(l.discretion))}</td><td>${inZone(l.discretion) ? 'yes' : ''}</td><td class="num">${typeof l.justRightShare === 'number' ? `${Math.round(100 * l.justRightShare)} %` : '–'}</td></tr>`,
    );
  return (
    `<h3>Just right under the assumptions’ uncertainty</h3><p>The share of the parameter draws (uncertainty.json) in which each level is just right, the zone decided in each draw as above. A zone level just right in most draws is robust to what the assumptions do not know; one just right in under half of them is fragile.</p>` +
    table(['Discretion', 'Zone (plain run)', 'Just right in (share of draws)'], rows, { cls: 'levels', numeric: [true, false, true] })
  );
}
