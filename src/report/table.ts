/** Plain-text tables for the terminal: metric, mean and 95 % interval, aligned (numbers as src/report/format.ts shows them). */
import { METRICS, type MetricId } from '../model/index.js';
import type { MetricSummary } from '../experiment/summary.js';
import { formatInterval, formatValue, labelWithUnit } from './format.js';

export { formatNumber } from './format.js';

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function metricsTable(metrics: Record<MetricId, MetricSummary>): string {
  const rows = METRICS.map((m) => {
    const s = metrics[m.id];
    return [labelWithUnit(m.id), formatValue(m.id, s.mean), formatInterval(m.id, s.ci95, { joiner: ' – ', oneSided: s.oneSided })];
  });
  return renderTable(['metric', 'estimate', '95% CI'], rows);
}
