/**
 * A sweep's two tables read back as typed rows (pure): points.csv (one row per point and metric:
 * the point's factor values and the metric's mean over its replications) and sensitivity.csv
 * (Morris elementary effects). A sweep streams them to disk and holds no document in memory, so
 * its report and its charts are built from these. Columns are found by their header names
 * (src/experiment/sweep-output.ts and sensitivity.ts write them), never by position: a column
 * added to either file cannot shift the others.
 */
import type { MetricId } from '../model/metrics.js';
import type { MetricSummary } from '../experiment/summary.js';

/** Minimal RFC 4180 CSV parser (quoted fields, doubled quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** A CSV number: an empty field (how the writers spell NaN) is NaN. */
export const csvNumber = (v: string | undefined): number => (v === undefined || v === '' ? NaN : Number(v));

/** A factor value as a CSV holds it: a number when the text is one, else the text ("open"). */
export type FactorValue = number | string;

export const factorValue = (v: string): FactorValue => (v !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** One row of points.csv: one metric at one point. */
export interface SweepPointRow {
  point: number;
  /** The factors' values at the point, in the order of `SweepPoints.factors`. */
  values: FactorValue[];
  metric: MetricId;
  summary: MetricSummary;
}

export interface SweepPoints {
  /** The factors' paths, in the file's column order. */
  factors: string[];
  rows: SweepPointRow[];
}

/** One row of sensitivity.csv: the Morris indices of one factor on one metric, in the metric's unit. */
export interface SensitivityRow {
  metric: MetricId;
  factor: string;
  mu: number;
  muStar: number;
  muStarCi95: [number, number];
  sigma: number;
  sigmaCi95: [number, number];
}

/** Column indices by header name; a missing column is an error naming the file. */
function columns<K extends string>(file: string, head: readonly string[], names: readonly K[]): Record<K, number> {
  const out = {} as Record<K, number>;
  const missing: string[] = [];
  for (const n of names) {
    const i = head.indexOf(n);
    if (i < 0) missing.push(n);
    out[n] = i;
  }
  if (missing.length) throw new Error(`${file} has no column ${missing.join(', ')}`);
  return out;
}

/** points.csv: the factors are the columns between `point` and `metric`. */
export function readPoints(text: string): SweepPoints {
  const [head = [], ...rows] = parseCsv(text);
  const c = columns('points.csv', head, ['point', 'metric', 'mean', 'ci_low', 'ci_high', 'sd', 'n'] as const);
  const factorColumns = head.map((_, i) => i).filter((i) => i > c.point && i < c.metric);
  return {
    factors: factorColumns.map((i) => head[i]),
    rows: rows.map((r) => ({
      point: Number(r[c.point]),
      values: factorColumns.map((i) => factorValue(r[i] ?? '')),
      metric: r[c.metric] as MetricId,
      summary: { mean: csvNumber(r[c.mean]), ci95: [csvNumber(r[c.ci_low]), csvNumber(r[c.ci_high])], sd: csvNumber(r[c.sd]), n: csvNumber(r[c.n]) },
    })),
  };
}

export function readSensitivity(text: string): SensitivityRow[] {
  const [head = [], ...rows] = parseCsv(text);
  const c = columns('sensitivity.csv', head, [
    'metric',
    'factor',
    'mu',
    'mu_star',
    'mu_star_ci_low',
    'mu_star_ci_high',
    'sigma',
    'sigma_ci_low',
    'sigma_ci_high',
  ] as const);
  return rows.map((r) => ({
    metric: r[c.metric] as MetricId,
    factor: r[c.factor],
    mu: csvNumber(r[c.mu]),
    muStar: csvNumber(r[c.mu_star]),
    muStarCi95: [csvNumber(r[c.mu_star_ci_low]), csvNumber(r[c.mu_star_ci_high])],
    sigma: csvNumber(r[c.sigma]),
    sigmaCi95: [csvNumber(r[c.sigma_ci_low]), csvNumber(r[c.sigma_ci_high])],
  }));
}
