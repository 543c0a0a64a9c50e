/** Plain-text tables for the terminal: metric, mean and 95 % interval, aligned. */
import { METRICS, type MetricId } from '../model/index.js';
import type { MetricSummary } from '../experiment/summary.js';

export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  if (a >= 1000) return x.toFixed(0);
  if (a >= 100) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
}

export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function metricsTable(metrics: Record<MetricId, MetricSummary>): string {
  const rows = METRICS.map((m) => {
    const s = metrics[m.id];
    return [`${m.label} (${m.unit})`, formatNumber(s.mean), `${formatNumber(s.ci95[0])} – ${formatNumber(s.ci95[1])}`];
  });
  return renderTable(['metric', 'mean', '95% CI'], rows);
}
