/**
 * The assumptions in force (pure): every documented assumption of the model with the value a
 * scenario gives it (src/report/assumptions.ts), grouped by part of the scenario.
 */
import { esc } from '../html-text.js';
import type { AssumptionRow } from '../assumptions.js';
import { pathHtml, table } from './blocks.js';

const ASSUMPTION_GROUPS: Array<[RegExp, string]> = [
  [/^run\./, 'The run'],
  [/^referrals\./, 'Referrals'],
  [/^workers\[/, 'The team'],
  [/^patients\./, 'Patients'],
  [/^(policy|initialState)\./, 'Policy and start'],
  [/^(discretion|levers\.)/, 'Discretion and boundaries (levers in force)'],
  [/^workload\./, 'Workload and effect sizes'],
  [/^workforce\./, 'The link worker as an agent'],
  [/^goldilocks\./, '“Just right” limits'],
  [/^costs/, 'Costs (pounds a year)'],
  [/^\(code\)/, 'Constants in the code'],
];

export function assumptionsTable(rows: readonly AssumptionRow[]): string {
  let group = '';
  const body: string[] = [];
  for (const r of rows) {
    const g = ASSUMPTION_GROUPS.find(([re]) => re.test(r.path))?.[1] ?? 'Other';
    if (g !== group) {
      group = g;
      body.push(`<tr class="group"><th colspan="3" scope="colgroup">${esc(g)}</th></tr>`);
    }
    body.push(`<tr><td class="path"><code>${pathHtml(r.path)}</code></td><td>${esc(r.value)}</td><td>${esc(r.note)}</td></tr>`);
  }
  return table(['Parameter', 'Value in force', 'What it means'], body, { cls: 'assumptions long' });
}

export const ASSUMPTIONS_LEAD =
  '<p>Values the paper (Tierney et al. 2024) and the calibration notes do not give: <strong>assumptions</strong> of the model (docs/model.md, §8 “Parameters”), with the value used here. Results depend on them; a sweep (<code>goldilocks sweep</code>) shows how much.</p>';
