import { describe, it, expect } from 'vitest';
import { erfc, logFactorial, normalCdf, normalQuantile } from '../../src/random/special.js';

// Reference values computed with mpmath at 30 significant digits.
const relErr = (x: number, ref: number): number => (ref === 0 ? Math.abs(x) : Math.abs(x - ref) / Math.abs(ref));

describe('special functions', () => {
  it('normalCdf has full relative precision, including the far lower tail', () => {
    const refs: Array<[number, number]> = [
      [-30, 4.9067139271481871e-198],
      [-10, 7.6198530241605261e-24],
      [-8, 6.2209605742717841e-16],
      [-5, 2.8665157187919391e-7],
      [-1.5, 0.066807201268858066],
      [0, 0.5],
      [0.5, 0.6914624612740131],
      [2, 0.97724986805182079],
      [4, 0.99996832875816688],
    ];
    for (const [x, ref] of refs) expect(relErr(normalCdf(x), ref)).toBeLessThan(1e-13);
  });

  it('erfc is accurate', () => {
    const refs: Array<[number, number]> = [
      [0.1, 0.8875370839817151],
      [1, 0.15729920705028513],
      [5, 1.5374597944280349e-12],
      [10, 2.0884875837625448e-45],
      [20, 5.3958656116079009e-176],
      [-1, 1.8427007929497149],
    ];
    for (const [x, ref] of refs) expect(relErr(erfc(x), ref)).toBeLessThan(1e-13);
  });

  it('normalQuantile is accurate and inverts normalCdf', () => {
    const refs: Array<[number, number]> = [
      [1e-200, -30.205594179579643],
      [1e-20, -9.2623400897981532],
      [1e-5, -4.2648907939228246],
      [0.025, -1.9599639845400542],
      [0.3, -0.52440051270804078],
      [0.5, 0],
      [0.975, 1.9599639845400542],
    ];
    for (const [p, ref] of refs) expect(Math.abs(normalQuantile(p) - ref)).toBeLessThan(1e-13 * Math.max(1, Math.abs(ref)));
    for (let x = -35; x <= 0; x += 0.37) expect(Math.abs(normalQuantile(normalCdf(x)) - x)).toBeLessThan(1e-12 * Math.max(1, -x));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
  });

  it('logFactorial is accurate to 1e-10 (relative, and absolute for small k)', () => {
    const refs: Array<[number, number]> = [
      [0, 0],
      [1, 0],
      [2, 0.69314718055994530942],
      [10, 15.104412573075515295],
      [30, 74.658236348830164385],
      [100, 363.73937555556349014],
      [170, 706.57306224578734711],
      [171, 711.71472580229000695],
      [500, 2611.3304584601560844],
      [1000, 5912.1281784881633489],
      [12345, 103962.95347844967567],
      [1e6, 12815518.384658169624],
      [1e9, 19723265848.226982608],
    ];
    for (const [k, ref] of refs) expect(Math.abs(logFactorial(k) - ref)).toBeLessThan(1e-10 * Math.max(1, ref));
    // Table and Stirling branches agree with the recurrence ln k! = ln (k−1)! + ln k.
    for (let k = 1; k < 400; k++) {
      expect(Math.abs(logFactorial(k) - logFactorial(k - 1) - Math.log(k))).toBeLessThan(1e-11);
    }
  });
});
