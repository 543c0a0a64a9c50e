/**
 * A min-heap of the ids 0 … n − 1, each on a key (time, sequence) it holds, with each id's place
 * kept so that one id's key can change in O(log n). For calendars the model keeps itself beside
 * the event calendar, one entry per entity: each worker's next rota block start, each worker's
 * earliest pending follow-up. Ties in time go to the lower sequence, as in the event calendar; an
 * id whose time is Infinity (nothing scheduled) sorts last. No allocation after construction.
 */
export class KeyedHeap {
  private readonly time: Float64Array;
  private readonly seq: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;

  constructor(n: number) {
    this.time = new Float64Array(n).fill(Infinity);
    this.seq = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n);
    for (let i = 0; i < n; i++) this.heap[i] = this.pos[i] = i;
  }

  /** The id with the smallest key (undefined when n = 0). */
  get top(): number {
    return this.heap[0];
  }

  /** The smallest time (Infinity: nothing scheduled). */
  get topTime(): number {
    return this.heap.length > 0 ? this.time[this.heap[0]] : Infinity;
  }

  /** Give `id` the key (time, seq); Infinity takes it out of the running. */
  set(id: number, time: number, seq: number): void {
    const later = time > this.time[id] || (time === this.time[id] && seq > this.seq[id]);
    this.time[id] = time;
    this.seq[id] = seq;
    // A later key can only move down, an earlier one only up.
    if (later) this.siftDown(this.pos[id]);
    else this.siftUp(this.pos[id]);
  }

  private before(a: number, b: number): boolean {
    const ta = this.time[a];
    const tb = this.time[b];
    return ta < tb || (ta === tb && this.seq[a] < this.seq[b]);
  }

  private siftUp(i: number): void {
    const { heap, pos } = this;
    const id = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const up = heap[p];
      if (!this.before(id, up)) break;
      heap[i] = up;
      pos[up] = i;
      i = p;
    }
    heap[i] = id;
    pos[id] = i;
  }

  private siftDown(i: number): void {
    const { heap, pos } = this;
    const n = heap.length;
    const id = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(heap[c + 1], heap[c])) c++;
      const down = heap[c];
      if (!this.before(down, id)) break;
      heap[i] = down;
      pos[down] = i;
      i = c;
    }
    heap[i] = id;
    pos[id] = i;
  }
}
