/**
 * MSER-5 (White 1997; White, Cobb & Spratt 2000): choose the warm-up by truncating the start of
 * an output series where the marginal standard error of the remaining mean is smallest.
 * The series is cut into batches of 5; for each candidate truncation d (in batches, up to half
 * of them),  MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (m − d)²,  and d* minimises it.
 */
export interface MserResult {
  batchSize: number;
  /** Batches truncated (d*). */
  truncatedBatches: number;
  /** Observations truncated: d* × batch size. */
  truncatedObservations: number;
  /** MSER(d) for d = 0 … ⌊m/2⌋. */
  statistics: number[];
}

export function mser(series: readonly number[], batchSize = 5): MserResult {
  const m = Math.floor(series.length / batchSize);
  if (m < 2) throw new RangeError(`MSER-${batchSize} needs at least ${2 * batchSize} observations, got ${series.length}`);
  const batches = new Array<number>(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < batchSize; i++) s += series[j * batchSize + i];
    batches[j] = s / batchSize;
  }
  const statistics: number[] = [];
  let best = 0;
  for (let d = 0; d <= Math.floor(m / 2); d++) {
    let mean = 0;
    for (let j = d; j < m; j++) mean += batches[j];
    mean /= m - d;
    let ss = 0;
    for (let j = d; j < m; j++) ss += (batches[j] - mean) ** 2;
    statistics.push(ss / (m - d) ** 2);
    if (statistics[d] < statistics[best]) best = d;
  }
  return { batchSize, truncatedBatches: best, truncatedObservations: best * batchSize, statistics };
}
