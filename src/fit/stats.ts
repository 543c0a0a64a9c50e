/**
 * The small statistics `goldilocks fit` needs (pure): intervals for a mean, a share and a rate,
 * a Poisson regression with trend and month effects, and a negative binomial fitted to counts
 * that a session cap cuts off (right-censored), with a seeded bootstrap for its intervals.
 */
import seedrandom from 'seedrandom';

export const Z95 = 1.959963984540054;

/** An estimate with its 95 % interval and the number of records behind it. */
export interface Estimate {
  value: number;
  lo: number;
  hi: number;
  n: number;
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length > 0 ? s / xs.length : NaN;
}

export function sd(xs: readonly number[]): number {
  if (xs.length < 2) return NaN;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return Math.sqrt(s / (xs.length - 1));
}

/** Type-7 quantile of sorted values. */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Mean with a normal-theory 95 % interval (n large enough in every use here; t would differ by < 1 % from n = 200). */
export function meanEstimate(xs: readonly number[]): Estimate {
  const m = mean(xs);
  const half = xs.length > 1 ? (Z95 * sd(xs)) / Math.sqrt(xs.length) : NaN;
  return { value: m, lo: m - half, hi: m + half, n: xs.length };
}

/** A share k of n with Wilson's 95 % interval. */
export function shareEstimate(k: number, n: number): Estimate {
  if (n === 0) return { value: NaN, lo: NaN, hi: NaN, n };
  const p = k / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { value: p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half), n };
}

/** ln Γ(x), x > 0 (Lanczos, g = 7, 9 terms: about 15 digits). */
export function lnGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
    9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Nelder–Mead minimisation (enough for the two- and few-parameter likelihoods here). */
export function nelderMead(f: (x: number[]) => number, x0: number[], step = 0.5, iterations = 2000): number[] {
  const n = x0.length;
  let simplex = [x0, ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))].map((x) => ({ x, f: f(x) }));
  for (let it = 0; it < iterations; it++) {
    simplex.sort((a, b) => a.f - b.f);
    if (Math.abs(simplex[n].f - simplex[0].f) < 1e-10 && it > 20) break;
    const centroid = new Array(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const towards = (t: number) => centroid.map((c, j) => c + t * (simplex[n].x[j] - c));
    const r = towards(-1);
    const fr = f(r);
    if (fr < simplex[0].f) {
      const e = towards(-2);
      const fe = f(e);
      simplex[n] = fe < fr ? { x: e, f: fe } : { x: r, f: fr };
    } else if (fr < simplex[n - 1].f) {
      simplex[n] = { x: r, f: fr };
    } else {
      const c = towards(fr < simplex[n].f ? -0.5 : 0.5);
      const fc = f(c);
      if (fc < Math.min(fr, simplex[n].f)) simplex[n] = { x: c, f: fc };
      else
        simplex = simplex
          .map((s, i) => (i === 0 ? s : { x: s.x.map((v, j) => simplex[0].x[j] + 0.5 * (v - simplex[0].x[j])), f: NaN }))
          .map((s) => ({ x: s.x, f: Number.isNaN(s.f) ? f(s.x) : s.f }));
    }
  }
  simplex.sort((a, b) => a.f - b.f);
  return simplex[0].x;
}

/** A seeded uniform generator (the fit's bootstrap: the same file gives the same intervals). */
export function seededUniform(seed: string): () => number {
  return seedrandom.alea(seed);
}

export interface CensoredNegBin {
  /** Mean and sd of the count as the scenario writes them (min 1 included): `patients.sessionsNeeded`. */
  mean: Estimate;
  sd: Estimate;
}

/**
 * Negative binomial counts of at least 1 (the scenario's `{type: negativeBinomial, mean, sd, min: 1}`),
 * fitted by maximum likelihood to episodes whose count is known exactly (`exact[k]`: episodes that
 * needed k) or only known to be at least k (`atLeast[k]`: discharged at the session cap, or still open
 * when the data end). Intervals: seeded nonparametric bootstrap over episodes (percentile).
 */
export function fitCensoredNegBin(exact: readonly number[], atLeast: readonly number[], seed: string, resamples = 400): CensoredNegBin {
  // Categories: [k, censored?, count]; an episode is one draw of a category in the bootstrap.
  const cats: { k: number; censored: boolean; count: number }[] = [];
  exact.forEach((c, k) => c > 0 && k >= 1 && cats.push({ k, censored: false, count: c }));
  atLeast.forEach((c, k) => c > 0 && k >= 1 && cats.push({ k, censored: true, count: c }));
  const total = cats.reduce((a, c) => a + c.count, 0);
  const one = (counts: readonly number[]) => {
    const nll = (x: number[]) => {
      const mu = Math.exp(x[0]);
      const r = Math.exp(x[1]);
      const lr = lnGamma(r);
      const lq = r * Math.log(r / (r + mu));
      const lm = Math.log(mu / (r + mu));
      // Y = k − 1 ~ NB(mu, r): log P(Y = y).
      const lp = (y: number) => lnGamma(y + r) - lr - lnGamma(y + 1) + lq + y * lm;
      let s = 0;
      cats.forEach((c, i) => {
        if (!counts[i]) return;
        if (!c.censored) s += counts[i] * lp(c.k - 1);
        else if (c.k > 1) {
          // P(need ≥ k) = 1 − P(Y ≤ k − 2).
          let below = 0;
          for (let y = 0; y <= c.k - 2; y++) below += Math.exp(lp(y));
          s += counts[i] * Math.log(Math.max(1e-300, 1 - below));
        }
      });
      return -s;
    };
    let n = 0;
    let m = 0;
    cats.forEach((c, i) => {
      n += counts[i];
      m += counts[i] * (c.k - 1);
    });
    const x = nelderMead(nll, [Math.log(Math.max(0.05, m / Math.max(1, n))), 0]);
    const mu = Math.exp(x[0]);
    const r = Math.exp(x[1]);
    return { mean: 1 + mu, sd: Math.sqrt(mu + (mu * mu) / r) };
  };
  const point = one(cats.map((c) => c.count));
  const rng = seededUniform(seed);
  const cdf: number[] = [];
  let acc = 0;
  for (const c of cats) {
    acc += c.count;
    cdf.push(acc / total);
  }
  const means: number[] = [];
  const sds: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const h = new Array(cats.length).fill(0);
    for (let i = 0; i < total; i++) {
      const u = rng();
      let lo = 0;
      let hi = cdf.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cdf[mid] > u) hi = mid;
        else lo = mid + 1;
      }
      h[lo]++;
    }
    const f = one(h);
    means.push(f.mean);
    sds.push(f.sd);
  }
  means.sort((a, b) => a - b);
  sds.sort((a, b) => a - b);
  return {
    mean: { value: point.mean, lo: quantileSorted(means, 0.025), hi: quantileSorted(means, 0.975), n: total },
    sd: { value: point.sd, lo: quantileSorted(sds, 0.025), hi: quantileSorted(sds, 0.975), n: total },
  };
}

/**
 * Poisson regression by Newton–Raphson: counts y_i with exposure e_i and covariates X_i,
 * E[y_i] = e_i exp(X_i β). Returns β, its covariance (inverse Fisher information) and the deviance.
 */
export function poissonRegression(
  y: readonly number[],
  exposure: readonly number[],
  X: readonly number[][],
): { beta: number[]; cov: number[][]; logLik: number } {
  const p = X[0].length;
  const totalY = y.reduce((a, b) => a + b, 0);
  const totalE = exposure.reduce((a, b) => a + b, 0);
  let beta = new Array(p).fill(0);
  beta[0] = Math.log(Math.max(totalY, 0.5) / totalE);
  let info: number[][] = [];
  for (let it = 0; it < 50; it++) {
    const grad = new Array(p).fill(0);
    info = Array.from({ length: p }, () => new Array(p).fill(0));
    for (let i = 0; i < y.length; i++) {
      const mu = exposure[i] * Math.exp(X[i].reduce((s, x, j) => s + x * beta[j], 0));
      for (let j = 0; j < p; j++) {
        grad[j] += (y[i] - mu) * X[i][j];
        for (let k = 0; k < p; k++) info[j][k] += mu * X[i][j] * X[i][k];
      }
    }
    const step = solve(info, grad);
    beta = beta.map((b, j) => b + step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  let logLik = 0;
  for (let i = 0; i < y.length; i++) {
    const eta = X[i].reduce((s, x, j) => s + x * beta[j], 0);
    const mu = exposure[i] * Math.exp(eta);
    logLik += y[i] * Math.log(Math.max(mu, 1e-300)) - mu - lnGamma(y[i] + 1);
  }
  return { beta, cov: invert(info), logLik };
}

function solve(A: number[][], b: number[]): number[] {
  const inv = invert(A);
  return inv.map((row) => row.reduce((s, v, j) => s + v * b[j], 0));
}

/** Gauss–Jordan inverse with partial pivoting (small symmetric positive-definite matrices). */
export function invert(A: readonly number[][]): number[][] {
  const n = A.length;
  const M = A.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let c = 0; c < n; c++) {
    let pivot = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[pivot][c])) pivot = r;
    [M[c], M[pivot]] = [M[pivot], M[c]];
    const d = M[c][c] || 1e-300;
    for (let j = 0; j < 2 * n; j++) M[c][j] /= d;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = M[r][c];
      if (f !== 0) for (let j = 0; j < 2 * n; j++) M[r][j] -= f * M[c][j];
    }
  }
  return M.map((row) => row.slice(n));
}

/** The p-quantile of χ² with k degrees of freedom, p 0.95 or 0.99 (Wilson–Hilferty; within 1 % for k ≥ 3). */
export function chiSquareUpper(k: number, p: 0.95 | 0.99): number {
  const z = p === 0.95 ? 1.6448536269514722 : 2.3263478740408408;
  const h = 2 / (9 * k);
  return k * Math.pow(1 - h + z * Math.sqrt(h), 3);
}
