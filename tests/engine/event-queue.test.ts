import { describe, it, expect } from 'vitest';
import { EventQueue } from '../../src/engine/index.js';

function drain(q: EventQueue): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  while (q.pop()) out.push([q.poppedTime, q.poppedPayload]);
  return out;
}

describe('EventQueue', () => {
  it('pops events in time order', () => {
    const q = new EventQueue(4);
    const times = [5, 1, 9, 3, 7, 2, 8, 0, 6, 4];
    times.forEach((t, i) => q.push(t, 0, 0, i));
    expect(drain(q).map(([t]) => t)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('breaks same-time ties by priority, then by scheduling order', () => {
    const q = new EventQueue();
    q.push(10, 2, 0, 1);
    q.push(10, 1, 0, 2);
    q.push(10, 2, 0, 3);
    q.push(10, 1, 0, 4);
    q.push(9, 5, 0, 5);
    expect(drain(q).map(([, p]) => p)).toEqual([5, 2, 4, 1, 3]);
  });

  it('keeps FIFO order among thousands of equal keys after heap churn', () => {
    const q = new EventQueue(2);
    for (let i = 0; i < 5000; i++) q.push(1, 3, 0, i);
    const out = drain(q).map(([, p]) => p);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('matches a sort of random (time, priority, seq) keys', () => {
    const q = new EventQueue(8);
    const keys: Array<[number, number, number]> = [];
    let s = 12345;
    const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 20000; i++) {
      const t = Math.floor(rnd() * 100);
      const p = Math.floor(rnd() * 4);
      q.push(t, p, 0, i);
      keys.push([t, p, i]);
    }
    keys.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(drain(q).map(([, p]) => p)).toEqual(keys.map((k) => k[2]));
  });

  it('cancels a pending event and reports whether it did', () => {
    const q = new EventQueue();
    const a = q.push(1, 0, 0, 1);
    const b = q.push(2, 0, 0, 2);
    q.push(3, 0, 0, 3);
    expect(q.cancel(b)).toBe(true);
    expect(q.cancel(b)).toBe(false);
    expect(q.size).toBe(2);
    expect(drain(q).map(([, p]) => p)).toEqual([1, 3]);
    expect(q.cancel(a)).toBe(false); // already fired
  });

  it('does not cancel a newer event that reuses a fired event slot', () => {
    const q = new EventQueue();
    const old = q.push(1, 0, 0, 1);
    q.pop();
    q.push(2, 0, 0, 2); // reuses the freed slot
    expect(q.cancel(old)).toBe(false);
    expect(drain(q).map(([, p]) => p)).toEqual([2]);
  });

  it('cancelling the top event exposes the next one', () => {
    const q = new EventQueue();
    const a = q.push(1, 0, 0, 1);
    q.push(2, 0, 0, 2);
    q.cancel(a);
    expect(q.peekTime()).toBe(2);
  });

  it('keeps storage proportional to pending events, not to events ever scheduled', () => {
    const q = new EventQueue(16);
    for (let i = 0; i < 100000; i++) {
      q.push(i, 0, 0, i);
      q.push(i + 0.5, 0, 0, i);
      q.pop();
      q.pop();
    }
    expect(q.size).toBe(0);
    expect(q.capacity).toBeLessThanOrEqual(16);
  });

  it('a cancelled event leaves the calendar at once: storage follows the live events, not the cancelled ones', () => {
    // A drop-out timer per waiting patient, cancelled days later when the patient is seen, long
    // before it would have fired: the calendar must not keep the dead timers.
    const q = new EventQueue(16);
    for (let i = 0; i < 100000; i++) {
      const timer = q.push(i + 1e6, 3, 1, i);
      q.push(i, 0, 0, i);
      expect(q.cancel(timer)).toBe(true);
      q.pop();
    }
    expect(q.size).toBe(0);
    expect(q.capacity).toBeLessThanOrEqual(16);
  });

  it('pushes, cancels and pops in any mix give the order of a sorted list (property, 20,000 operations)', () => {
    // Reference: the pending events kept in a plain array, the next one found by a linear scan on (time, priority, order pushed).
    let seed = 12345;
    const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    const q = new EventQueue(4);
    type Ref = { time: number; priority: number; order: number; handle: number };
    const pending: Ref[] = [];
    let order = 0;
    let popped = 0;
    for (let step = 0; step < 20000; step++) {
      const r = rand();
      if (r < 0.5 || pending.length === 0) {
        const time = Math.floor(rand() * 50); // many equal times: ties must go by priority, then order
        const priority = Math.floor(rand() * 3);
        const handle = q.push(time, priority, 0, order);
        pending.push({ time, priority, order: order++, handle });
      } else if (r < 0.75) {
        const k = Math.floor(rand() * pending.length);
        expect(q.cancel(pending[k].handle)).toBe(true);
        expect(q.cancel(pending[k].handle)).toBe(false);
        pending.splice(k, 1);
      } else {
        let best = 0;
        for (let k = 1; k < pending.length; k++) {
          const a = pending[k];
          const b = pending[best];
          if (a.time < b.time || (a.time === b.time && (a.priority < b.priority || (a.priority === b.priority && a.order < b.order)))) best = k;
        }
        expect(q.pop()).toBe(true);
        expect([q.poppedTime, q.poppedPayload]).toEqual([pending[best].time, pending[best].order]);
        const [gone] = pending.splice(best, 1);
        expect(q.cancel(gone.handle)).toBe(false); // already fired
        popped++;
      }
      expect(q.size).toBe(pending.length);
    }
    expect(popped).toBeGreaterThan(1000);
  });

  it('rejects NaN times and out-of-range priorities', () => {
    const q = new EventQueue();
    expect(() => q.push(NaN, 0, 0, 0)).toThrow(RangeError);
    expect(() => q.push(0, -1, 0, 0)).toThrow(RangeError);
    expect(() => q.push(0, 5000, 0, 0)).toThrow(RangeError);
  });
});
