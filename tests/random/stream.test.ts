import { describe, it, expect } from 'vitest';
import { createStream, createKeyedStream, KeyedStream, RandomStream } from '../../src/random/stream.js';

function draws(stream: { next(): number }, n: number): number[] {
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = stream.next();
  return out;
}

function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

describe('RandomStream', () => {
  it('gives the same sequence for the same (seed, replication, name)', () => {
    expect(draws(createStream(7, 2, 'arrivals'), 1000)).toEqual(draws(createStream(7, 2, 'arrivals'), 1000));
  });

  it('uses the documented seed string', () => {
    expect(createStream(7, 2, 'arrivals').seedString).toBe('goldilocks/7/2/arrivals');
    expect(draws(new RandomStream('goldilocks/7/2/arrivals'), 10)).toEqual(draws(createStream(7, 2, 'arrivals'), 10));
  });

  it('gives different sequences for a different name, replication or seed', () => {
    const base = draws(createStream(7, 2, 'arrivals'), 100);
    for (const other of [createStream(7, 2, 'sessions'), createStream(7, 3, 'arrivals'), createStream(8, 2, 'arrivals')]) {
      const d = draws(other, 100);
      const same = d.filter((v, i) => v === base[i]).length;
      expect(same).toBe(0);
    }
  });

  it('draws lie in [0, 1) and have 53-bit resolution', () => {
    const s = createStream(1, 0, 'range');
    let fine = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const u = s.next();
      if (!(u >= 0 && u < 1)) outside++;
      // A 32-bit-resolution double times 2^32 is an integer; a 53-bit one usually is not.
      if (!Number.isInteger(u * 2 ** 32)) fine++;
    }
    expect(outside).toBe(0);
    expect(fine).toBeGreaterThan(99_000);
  });

  it('nextUint32 gives integers in [0, 2^32)', () => {
    const s = createStream(1, 0, 'ints');
    let bad = 0;
    for (let i = 0; i < 10_000; i++) {
      const v = s.nextUint32();
      if (!(Number.isInteger(v) && v >= 0 && v < 2 ** 32)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('two streams are uncorrelated', () => {
    const n = 20_000;
    const x = draws(createStream(3, 0, 'a'), n);
    const y = draws(createStream(3, 0, 'b'), n);
    // Under independence the sample correlation is ≈ N(0, 1/n).
    expect(Math.abs(correlation(x, y))).toBeLessThan(4 / Math.sqrt(n));
    // And a stream is not correlated with its own next replication.
    const z = draws(createStream(3, 1, 'a'), n);
    expect(Math.abs(correlation(x, z))).toBeLessThan(4 / Math.sqrt(n));
  });

  it('has uniform mean and variance', () => {
    const n = 100_000;
    const x = draws(createStream(9, 0, 'moments'), n);
    const mean = x.reduce((a, b) => a + b, 0) / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
  });
});

describe('KeyedStream', () => {
  const first = (k: KeyedStream, i: number, j: number, n = 4): number[] => draws(k.at(i, j), n);

  it('is reproducible regardless of call order', () => {
    const keys: Array<[number, number]> = [];
    for (let i = 0; i < 50; i++) for (let j = 0; j < 4; j++) keys.push([i, j]);
    const a = createKeyedStream(11, 0, 'sessions');
    const forward = new Map(keys.map(([i, j]) => [`${i},${j}`, first(a, i, j)]));

    const b = new KeyedStream(11, 0, 'sessions');
    // Reverse order, interleaving extra draws from unrelated keys in between.
    for (const [i, j] of [...keys].reverse()) {
      draws(b.at(i + 1000, j), 3);
      expect(first(b, i, j)).toEqual(forward.get(`${i},${j}`));
    }
    // Asking for the same key twice in a row restarts its sequence.
    expect(first(a, 5, 2)).toEqual(first(a, 5, 2));
  });

  it('gives different sequences for different keys, names, replications and seeds', () => {
    const k = createKeyedStream(11, 0, 'sessions');
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) for (let j = 0; j < 50; j++) seen.add(k.at(i, j).next());
    expect(seen.size).toBe(200 * 50);
    const base = first(k, 3, 4);
    expect(first(k, 4, 3)).not.toEqual(base);
    expect(first(createKeyedStream(11, 0, 'other'), 3, 4)).not.toEqual(base);
    expect(first(createKeyedStream(11, 1, 'sessions'), 3, 4)).not.toEqual(base);
    expect(first(createKeyedStream(12, 0, 'sessions'), 3, 4)).not.toEqual(base);
  });

  it('accepts keys up to 2^31 − 1 and rejects others', () => {
    const k = createKeyedStream(1, 0, 'bounds');
    expect(() => k.at(2 ** 31 - 1, 2 ** 31 - 1).next()).not.toThrow();
    expect(() => k.at(-1, 0)).toThrow(RangeError);
    expect(() => k.at(0, 2 ** 31)).toThrow(RangeError);
    expect(() => k.at(1.5, 0)).toThrow(RangeError);
  });

  it('is uniform over many keys: first draws and later draws', () => {
    const k = createKeyedStream(5, 0, 'uniform');
    const n = 50_000;
    const firstDraws = new Float64Array(n);
    const thirdDraws = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const g = k.at(i, 7);
      firstDraws[i] = g.next();
      g.next();
      thirdDraws[i] = g.next();
    }
    expect(firstDraws.every((u) => u >= 0 && u < 1)).toBe(true);
    expect(thirdDraws.every((u) => u >= 0 && u < 1)).toBe(true);
    const se = Math.sqrt(1 / 12 / n);
    for (const x of [firstDraws, thirdDraws]) {
      const mean = x.reduce((a, b) => a + b, 0) / n;
      expect(Math.abs(mean - 0.5)).toBeLessThan(4 * se);
      // Variance of U(0,1) is 1/12; Var(S²) ≈ (μ4 − σ⁴)/n with μ4 = 1/80.
      const v = x.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
      expect(Math.abs(v - 1 / 12)).toBeLessThan(4 * Math.sqrt((1 / 80 - 1 / 144) / n));
    }
    // Neighbouring keys and successive draws within a key are uncorrelated.
    expect(Math.abs(correlation(firstDraws.subarray(1), firstDraws.subarray(0, n - 1)))).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(correlation(firstDraws, thirdDraws))).toBeLessThan(4 / Math.sqrt(n));
  });

  it('keys differing only in j are uncorrelated', () => {
    const k = createKeyedStream(5, 0, 'j');
    const n = 20_000;
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i] = k.at(i, 0).next();
      y[i] = k.at(i, 1).next();
    }
    expect(Math.abs(correlation(x, y))).toBeLessThan(4 / Math.sqrt(n));
  });

  it('nextUint32 gives integers in [0, 2^32)', () => {
    const g = createKeyedStream(5, 0, 'u32').at(1, 1);
    for (let i = 0; i < 1000; i++) {
      const v = g.nextUint32();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });
});
