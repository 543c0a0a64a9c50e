/**
 * Special functions needed by the samplers, written to be accurate in the tails and
 * allocation-free (they are called per sample by the truncated normal and Poisson).
 *
 * jStat is deliberately not used here: its normal CDF is computed as 0.5 * (1 + erf(x)),
 * which loses all relative accuracy in the lower tail (Φ(−8) comes out 2 % low), exactly
 * where inverse-CDF sampling of a tail-truncated normal operates, and its erf allocates a
 * coefficient array on every call.
 */
import * as math from './math.js'; // engine-independent last bits (see math.ts)

/** Chebyshev coefficients of erfc (Numerical Recipes 3rd ed., Erf::erfccheb). */
const ERFC_COF = new Float64Array([
  -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3, -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5,
  -2.0278578112534e-5, -1.624290004647e-6, 1.30365583558e-6, 1.5626441722e-8, -8.5238095915e-8, 6.529054439e-9, 5.059343495e-9, -9.91364156e-10,
  -2.27365122e-10, 9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13, 3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15, -1.523e-15, -9.4e-17, 1.21e-16,
  -2.8e-17,
]);

/** erfc(z) for z >= 0, with full relative precision (no cancellation in the tail). */
function erfcNonNegative(z: number): number {
  const t = 2 / (2 + z);
  const ty = 4 * t - 2;
  let d = 0;
  let dd = 0;
  for (let j = ERFC_COF.length - 1; j > 0; j--) {
    const tmp = d;
    d = ty * d - dd + ERFC_COF[j];
    dd = tmp;
  }
  return t * math.exp(-z * z + 0.5 * (ERFC_COF[0] + ty * d) - dd);
}

/** Complementary error function. */
export function erfc(x: number): number {
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2PI = 2.5066282746310002;

/** Standard normal density φ(x). */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * math.exp(-0.5 * x * x);
}

/**
 * Standard normal CDF Φ(x), with full relative precision for x < 0 (lower tail).
 * For the upper tail use Φ(−x) = 1 − Φ(x) by symmetry rather than 1 − normalCdf(x).
 */
export function normalCdf(x: number): number {
  if (x < 0) return 0.5 * erfcNonNegative(-x * SQRT1_2);
  return 1 - 0.5 * erfcNonNegative(x * SQRT1_2);
}

// Acklam's rational approximation to Φ⁻¹ (relative error < 1.15e-9 before refinement).
const A0 = -3.969683028665376e1;
const A1 = 2.209460984245205e2;
const A2 = -2.759285104469687e2;
const A3 = 1.38357751867269e2;
const A4 = -3.066479806614716e1;
const A5 = 2.506628277459239;
const B0 = -5.447609879822406e1;
const B1 = 1.615858368580409e2;
const B2 = -1.556989798598866e2;
const B3 = 6.680131188771972e1;
const B4 = -1.328068155288572e1;
const C0 = -7.784894002430293e-3;
const C1 = -3.223964580411365e-1;
const C2 = -2.400758277161838;
const C3 = -2.549732539343734;
const C4 = 4.374664141464968;
const C5 = 2.938163982698783;
const D0 = 7.784695709041462e-3;
const D1 = 3.224671290700398e-1;
const D2 = 2.445134137142996;
const D3 = 3.754408661907416;
const P_LOW = 0.02425;

/** Φ⁻¹(p) for 0 < p <= 0.5: Acklam's approximation plus one Halley step (≈ full precision). */
function normalQuantileLower(p: number): number {
  let x: number;
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * math.log(p));
    x = (((((C0 * q + C1) * q + C2) * q + C3) * q + C4) * q + C5) / ((((D0 * q + D1) * q + D2) * q + D3) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((A0 * r + A1) * r + A2) * r + A3) * r + A4) * r + A5) * q) / (((((B0 * r + B1) * r + B2) * r + B3) * r + B4) * r + 1);
  }
  // Halley refinement using the lower-tail-accurate CDF (x <= 0 here, up to rounding).
  const e = normalCdf(x) - p;
  const u = e * SQRT_2PI * math.exp(0.5 * x * x);
  if (Number.isFinite(u)) x -= u / (1 + 0.5 * x * u);
  return x;
}

/**
 * Standard normal quantile Φ⁻¹(p). Returns −Infinity at 0 and +Infinity at 1.
 * Accurate to a few ulps; for p > 0.5 uses Φ⁻¹(p) = −Φ⁻¹(1 − p), where 1 − p is exact.
 */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  return p <= 0.5 ? normalQuantileLower(p) : -normalQuantileLower(1 - p);
}

// ln(k!) for k <= 170 from the exactly-rounded running product (error ~1e-13 absolute).
const LOG_FACTORIAL_TABLE_MAX = 170;
const LOG_FACTORIAL = new Float64Array(LOG_FACTORIAL_TABLE_MAX + 1);
{
  let f = 1;
  for (let k = 1; k <= LOG_FACTORIAL_TABLE_MAX; k++) {
    f *= k;
    LOG_FACTORIAL[k] = math.log(f);
  }
}
const HALF_LOG_2PI = 0.9189385332046728;

/**
 * ln(k!) for a non-negative integer k. Table lookup up to 170, then the Stirling series
 * ln k! = k ln k − k + ½ ln(2πk) + 1/(12k) − 1/(360k³) + 1/(1260k⁵) − 1/(1680k⁷),
 * whose truncation error is below 1/(1188 k⁹) < 1e-22 for k > 170.
 */
export function logFactorial(k: number): number {
  if (k <= LOG_FACTORIAL_TABLE_MAX) return LOG_FACTORIAL[k];
  const r = 1 / k;
  const r2 = r * r;
  const series = r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
  return k * math.log(k) - k + HALF_LOG_2PI + 0.5 * math.log(k) + series;
}
