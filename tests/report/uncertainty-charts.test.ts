/**
 * explore's uncertainty chart: the curve and the bars of the share of draws share one x scale, so
 * each bar sits under its level (the two panels once had 0–1 and −0.1–1.1).
 */
import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { exploreUncertaintyCharts } from '../../src/report/uncertainty-charts.js';
import type { UncertaintyOutcome } from '../../src/experiment/uncertainty.js';

describe('explore-uncertainty chart', () => {
  it('has one x scale for both panels, padded by half the levels’ spacing', () => {
    const dial = [0, 0.25, 0.5, 0.75, 1];
    const summary = { mean: 0.6, ci95: [0.55, 0.65] };
    const outcome = {
      draws: 4,
      justRightShare: [0, 0.25, 1, 0.75, 0],
      groups: dial.map((d) => ({ name: String(d), metrics: { needMetShare: { ci95Total: [0.5, 0.7], assumptionShare: 0.5 } } })),
    } as unknown as UncertaintyOutcome;
    const [chart] = exploreUncertaintyCharts({
      scenario: 's',
      objective: 'needMetShare',
      levels: dial.map((discretion) => ({ discretion, metrics: { needMetShare: summary } as never })),
      zone: [0.5, 0.75],
      outcome,
    });
    const vega = compile(chart.spec as never).spec as { scales?: Array<{ name: string; domain: unknown }> };
    const xs = (vega.scales ?? []).filter((s) => s.name.endsWith('x'));
    expect(xs.map((s) => s.name)).toEqual(['x']);
    expect(xs[0].domain).toEqual([-0.125, 1.125]);
  });
});
