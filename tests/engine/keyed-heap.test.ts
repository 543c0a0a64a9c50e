/** The keyed heap behind the model's own calendars (src/engine/keyed-heap.ts). */
import { describe, expect, it } from 'vitest';
import { KeyedHeap } from '../../src/engine/index.js';

describe('KeyedHeap', () => {
  it('puts the smallest time on top, ties to the lower sequence, and an id with time Infinity last', () => {
    const h = new KeyedHeap(4);
    expect(h.topTime).toBe(Infinity);
    h.set(2, 10, 5);
    h.set(0, 10, 3);
    h.set(3, 12, 0);
    expect([h.top, h.topTime]).toEqual([0, 10]);
    h.set(0, Infinity, 0); // taken out
    expect([h.top, h.topTime]).toEqual([2, 10]);
    h.set(2, 13, 6); // a key that grows
    expect([h.top, h.topTime]).toEqual([3, 12]);
  });

  it('pops in (time, sequence) order whatever the order of setting, as a sort would', () => {
    const n = 50;
    const h = new KeyedHeap(n);
    const keys = Array.from({ length: n }, (_, i) => [((i * 37) % 11) * 1.5, (i * 13) % n] as const);
    keys.forEach(([t, s], i) => h.set(i, t, s));
    const expected = keys
      .map((k, i) => ({ k, i }))
      .sort((a, b) => a.k[0] - b.k[0] || a.k[1] - b.k[1])
      .map((x) => x.i);
    const popped: number[] = [];
    while (h.topTime < Infinity) {
      popped.push(h.top);
      h.set(h.top, Infinity, 0);
    }
    expect(popped).toEqual(expected);
  });
});
