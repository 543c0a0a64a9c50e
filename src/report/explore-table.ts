/** The terminal table of `goldilocks explore`: one row per dial level, numbers as src/report/format.ts shows them. */
import type { MetricId } from '../model/index.js';
import type { Exploration } from '../experiment/explore.js';
import { formatInterval, formatValue } from './format.js';
import { renderTable } from './table.js';

const COLUMNS: Array<[MetricId, string]> = [
  ['overloadIndex', 'overload index'],
  ['needMetShare', 'need met (% of episodes)'],
  ['turnoverPerYear', 'turnover /yr'],
  ['satisfaction', 'satisfaction'],
  ['stress', 'stress'],
  ['waitDays', 'wait (days)'],
  ['costPerNeedMet', 'cost per person with need met'],
];

export function explorationTable(e: Exploration): string {
  const rows = e.levels.map((l) => {
    const m = l.results.metrics;
    return [
      `${l.discretion}${e.justRight.levels.includes(l.discretion) ? ' ◀ just right' : ''}`,
      ...COLUMNS.map(([id]) => `${formatValue(id, m[id].mean)} [${formatInterval(id, m[id].ci95, { joiner: ', ', bare: true, oneSided: m[id].oneSided })}]`),
    ];
  });
  return renderTable(['discretion', ...COLUMNS.map(([, h]) => h)], rows);
}
