/** Reading the just-right zone back out of an explore chart spec (for tests). */
import type { ChartSpec } from '../../src/report/charts.js';

/** The shaded bands: the inline data of the rect layers (every panel shades the same bands; the first is read). */
export function zoneBandsOf(c: ChartSpec): Array<{ from: number; to: number }> {
  let found: Array<{ from: number; to: number }> | null = null;
  const walk = (node: unknown): void => {
    if (found || !node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const mark = o.mark as { type?: string } | string | undefined;
    const values = (o.data as { values?: unknown[] } | undefined)?.values;
    if (
      (mark === 'rect' || (typeof mark === 'object' && mark?.type === 'rect')) &&
      Array.isArray(values) &&
      values.every((v) => v && typeof v === 'object' && 'from' in v && 'to' in v)
    ) {
      found = (values as Array<{ from: number; to: number }>).map((v) => ({ from: v.from, to: v.to }));
      return;
    }
    for (const v of Object.values(o)) walk(v);
  };
  walk(c.spec);
  return found ?? [];
}

/** The dial levels a chart shades: those inside any band. */
export function shadedLevels(c: ChartSpec, dial: readonly number[]): number[] {
  const bands = zoneBandsOf(c);
  return dial.filter((d) => bands.some((b) => b.from <= d && d <= b.to));
}
