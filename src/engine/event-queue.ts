/**
 * The event calendar: a binary min-heap ordered by (time, priority, sequence).
 *
 * Why this shape:
 * - Same-instant order must be total and explicit. Ties in time are broken by an integer
 *   priority chosen by the caller (lower runs first), then by the order of scheduling
 *   (sequence), never by object identity or heap accidents.
 * - The hot loop must not allocate. Events are not objects: an event is a slot in
 *   struct-of-arrays storage holding an integer `kind` and a numeric `payload` (the
 *   model's entity id). The heap stores slot indices; priority and sequence are packed
 *   into one float64 key so a comparison is two numeric compares.
 * - Memory is proportional to the events pending, not to the events ever scheduled or
 *   cancelled: slots are recycled through a free list as soon as an event fires or is
 *   cancelled.
 *
 * Cancel is eager: each slot knows its place in the heap, so a cancelled event leaves the heap
 * at once (O(log n)). A lazy cancel (mark, skip when it surfaces) kept every cancelled event in
 * the heap until its time came: with a drop-out timer per waiting patient (60 days on average,
 * cancelled when the patient is seen within days) that was most of the heap. The default scenario
 * with 1,000 posts kept 35,000 entries in its heap on average for 3,400 live events (one year;
 * measured when this changed), and every push and pop paid for them.
 * A handle carries the slot's generation so that cancelling an event that already fired (and
 * whose slot was reused) is a harmless no-op rather than cancelling a stranger.
 */

/** Opaque handle to a scheduled event, usable with {@link EventQueue.cancel}. */
export type EventHandle = number;

/** Largest priority accepted; priorities are small non-negative integers. */
export const MAX_PRIORITY = 1023;

// Sequence numbers up to 2^42 (4.4e12 events) fit beside a 10-bit priority in a double's
// 53-bit mantissa: key = priority * 2^42 + sequence.
const SEQ_SPAN = 2 ** 42;
// handle = generation * 2^24 + slot, kept below 2^30 so it is a small integer (no heap
// allocation on the hot path): up to 16.7M pending events, generations counted modulo 64.
const SLOT_BITS = 24;
const GEN_SPAN = 2 ** SLOT_BITS;
const GEN_MOD = 64;

export class EventQueue {
  // Heap of slot indices, with the ordering keys copied alongside for cache-friendly compares.
  private heapSlot: Int32Array;
  private heapTime: Float64Array;
  private heapKey: Float64Array;
  private heapSize = 0;

  // Slot storage.
  private slotKind: Int32Array;
  private slotPayload: Float64Array;
  private slotGen: Int32Array;
  /** Each pending slot's index in the heap (−1: free), so that cancel can take it out at once. */
  private slotPos: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotCount = 0;

  private sequence = 0;

  constructor(initialCapacity = 1024) {
    const cap = Math.max(16, initialCapacity);
    this.heapSlot = new Int32Array(cap);
    this.heapTime = new Float64Array(cap);
    this.heapKey = new Float64Array(cap);
    this.slotKind = new Int32Array(cap);
    this.slotPayload = new Float64Array(cap);
    this.slotGen = new Int32Array(cap);
    this.slotPos = new Int32Array(cap).fill(-1);
    this.freeSlots = new Int32Array(cap);
  }

  /** Number of events pending (not cancelled). */
  get size(): number {
    return this.heapSize;
  }

  /** Capacity currently allocated (for memory tests): grows with pending events only. */
  get capacity(): number {
    return this.slotKind.length;
  }

  /** Schedule an event; returns a handle for {@link cancel}. */
  push(time: number, priority: number, kind: number, payload: number): EventHandle {
    if (!(time === time) || priority < 0 || priority > MAX_PRIORITY) throw invalidEvent(time, priority);
    const slot = this.allocSlot();
    this.slotKind[slot] = kind;
    this.slotPayload[slot] = payload;
    const key = priority * SEQ_SPAN + this.sequence++;
    this.siftUp(this.heapSize++, slot, time, key);
    return this.slotGen[slot] * GEN_SPAN + slot;
  }

  /**
   * Cancel a pending event: it leaves the calendar now. Returns false if it already fired or was
   * cancelled (a handle whose slot has since been reused 64 times over is the one case this
   * cannot detect).
   */
  cancel(handle: EventHandle): boolean {
    const slot = handle & (GEN_SPAN - 1);
    const gen = handle >>> SLOT_BITS;
    if (slot >= this.slotCount || this.slotGen[slot] !== gen) return false;
    const i = this.slotPos[slot];
    if (i < 0) return false;
    this.freeSlot(slot);
    const last = --this.heapSize;
    if (i === last) return true;
    // The last entry fills the hole, then moves up or down to its place.
    const s = this.heapSlot[last];
    const t = this.heapTime[last];
    const k = this.heapKey[last];
    const parent = (i - 1) >> 1;
    if (i > 0 && (t < this.heapTime[parent] || (t === this.heapTime[parent] && k < this.heapKey[parent]))) this.siftUp(i, s, t, k);
    else this.siftDown(i, s, t, k);
    return true;
  }

  /** Time of the next pending event, or Infinity if none. */
  peekTime(): number {
    return this.heapSize > 0 ? this.heapTime[0] : Infinity;
  }

  /** Remove the next event if it is due at or before `until`; false when there is none. */
  popUntil(until: number): boolean {
    if (this.heapSize === 0 || this.heapTime[0] > until) return false;
    const slot = this.heapSlot[0];
    this.poppedTime = this.heapTime[0];
    this.poppedKind = this.slotKind[slot];
    this.poppedPayload = this.slotPayload[slot];
    this.freeSlot(slot);
    const last = --this.heapSize;
    if (last > 0) this.siftDown(0, this.heapSlot[last], this.heapTime[last], this.heapKey[last]);
    return true;
  }

  /**
   * Remove the next event. Its fields are then readable through {@link poppedKind},
   * {@link poppedPayload} and {@link poppedTime} until the next pop (no object is returned,
   * so nothing is allocated). Returns false when the queue is empty.
   */
  pop(): boolean {
    return this.popUntil(Infinity);
  }

  poppedTime = 0;
  poppedKind = 0;
  poppedPayload = 0;

  private siftUp(index: number, slot: number, time: number, key: number): void {
    const hs = this.heapSlot,
      ht = this.heapTime,
      hk = this.heapKey,
      pos = this.slotPos;
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = ht[parent];
      if (pt < time || (pt === time && hk[parent] < key)) break;
      const ps = hs[parent];
      hs[i] = ps;
      pos[ps] = i;
      ht[i] = pt;
      hk[i] = hk[parent];
      i = parent;
    }
    hs[i] = slot;
    pos[slot] = i;
    ht[i] = time;
    hk[i] = key;
  }

  private siftDown(index: number, slot: number, time: number, key: number): void {
    const hs = this.heapSlot,
      ht = this.heapTime,
      hk = this.heapKey,
      pos = this.slotPos;
    const n = this.heapSize;
    let i = index;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      let ct = ht[child];
      let ck = hk[child];
      const right = child + 1;
      if (right < n) {
        const rt = ht[right];
        if (rt < ct || (rt === ct && hk[right] < ck)) {
          child = right;
          ct = rt;
          ck = hk[right];
        }
      }
      if (time < ct || (time === ct && key < ck)) break;
      const cs = hs[child];
      hs[i] = cs;
      pos[cs] = i;
      ht[i] = ct;
      hk[i] = ck;
      i = child;
    }
    hs[i] = slot;
    pos[slot] = i;
    ht[i] = time;
    hk[i] = key;
  }

  private allocSlot(): number {
    if (this.freeCount > 0) return this.freeSlots[--this.freeCount];
    if (this.slotCount === this.slotKind.length) this.grow();
    return this.slotCount++;
  }

  private freeSlot(slot: number): void {
    this.slotGen[slot] = (this.slotGen[slot] + 1) % GEN_MOD;
    this.slotPos[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
  }

  private grow(): void {
    if (this.slotCount === GEN_SPAN) throw new RangeError(`more than ${GEN_SPAN} pending events`);
    const cap = this.slotKind.length * 2;
    const growF64 = (a: Float64Array) => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const growI32 = (a: Int32Array) => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.heapSlot = growI32(this.heapSlot);
    this.heapTime = growF64(this.heapTime);
    this.heapKey = growF64(this.heapKey);
    this.slotKind = growI32(this.slotKind);
    this.slotPayload = growF64(this.slotPayload);
    this.slotGen = growI32(this.slotGen);
    this.freeSlots = growI32(this.freeSlots);
    const pos = new Int32Array(cap).fill(-1);
    pos.set(this.slotPos);
    this.slotPos = pos;
  }
}

// Out of line: keeps `push` small enough to inline on the hot path.
function invalidEvent(time: number, priority: number): RangeError {
  return new RangeError(`invalid event: time ${time}, priority ${priority}`);
}
