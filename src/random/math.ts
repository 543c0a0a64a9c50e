/**
 * The transcendental functions every number of the model and its statistics goes through.
 *
 * Why not `Math.exp`, `Math.log`, …: ECMAScript leaves their last bit to the engine, and engines
 * differ (Chromium's V8 and Node 20's V8 disagree on `Math.exp`, `pow`, `sin`, `cos` for a few per
 * cent of inputs). With these pure-JS ports of FreeBSD's msun (stdlib), which use only IEEE-754
 * arithmetic (+, −, ×, ÷ and `Math.sqrt`, exactly rounded everywhere), the same scenario and seed
 * give bit-identical numbers in Node, in the browser explorer and across Node versions.
 * Rounding, `Math.floor`, `Math.sqrt`, `Math.abs`, `Math.min/max` are exact and stay native.
 */
import stdlibExp from '@stdlib/math-base-special-exp';
import stdlibLn from '@stdlib/math-base-special-ln';
import stdlibLog1p from '@stdlib/math-base-special-log1p';
import stdlibPow from '@stdlib/math-base-special-pow';
import stdlibSin from '@stdlib/math-base-special-sin';
import stdlibCos from '@stdlib/math-base-special-cos';
import stdlibTQuantile from '@stdlib/stats-base-dists-t-quantile';
import stdlibErfc from '@stdlib/math-base-special-erfc';

export const exp: (x: number) => number = stdlibExp;
/** Natural logarithm. */
export const log: (x: number) => number = stdlibLn;
export const log1p: (x: number) => number = stdlibLog1p;
export const pow: (base: number, exponent: number) => number = stdlibPow;
export const sin: (x: number) => number = stdlibSin;
export const cos: (x: number) => number = stdlibCos;
/** The standard normal CDF Φ(x) = erfc(−x/√2)/2. */
export const normalCdf = (x: number): number => 0.5 * stdlibErfc(-x / Math.SQRT2);
/** Quantile of Student's t distribution with `dof` degrees of freedom. */
export const tQuantile: (p: number, dof: number) => number = stdlibTQuantile;
