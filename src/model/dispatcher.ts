/**
 * Decision epochs. Event handlers only change state and tell the dispatcher what changed; once
 * every event of the instant has been handled, the kernel calls `decide`, and idle workers
 * choose work once, by the documented rules (docs/model.md §3):
 *   1. blocks opening now are opened (networking kept or squeezed, seeing everything due now);
 *   2. each worker whose state changed walks its work sources (WORK_ORDER); one that reaches a
 *      shared source with work waiting defers to step 3;
 *   3. while shared work is waiting, the idle workers in a patient block are asked in the order
 *      of the allocation rule, each at most once per instant.
 * So a session ending at the instant a follow-up falls due sees the follow-up first, whatever
 * the order the two events were scheduled in.
 */
import type { ServiceContext } from './context.js';
import { Activity, type Worker } from './entities.js';
import { Offer, type WorkSource } from './work-sources.js';

/** Lower key = asked first; ties by worker index. */
type RuleKey = (w: Worker) => number;

export class Dispatcher {
  private requested = false;
  private epoch = 0;
  private readonly changed: Worker[] = [];
  private sharedChanged = false;
  /** Workers idle in a patient block (kept lazily: checked again when used). */
  private readonly free: Worker[] = [];
  private readonly heap: Worker[] = [];
  private roundRobinNext = 0;
  private readonly key: RuleKey;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly sources: readonly WorkSource[],
  ) {
    const n = ctx.workers.length;
    this.key =
      ctx.params.allocation === 'longestIdle'
        ? (w) => w.idleSince
        : ctx.params.allocation === 'roundRobin'
          ? (w) => (w.index - this.roundRobinNext + n) % n
          : (w) => w.caseload / w.fte;
  }

  /** A worker's own state changed (free again, a follow-up fell due, a block opened, …). */
  workerChanged(w: Worker): void {
    if (w.dirtyEpoch !== this.epoch) {
      w.dirtyEpoch = this.epoch;
      this.changed.push(w);
    }
    this.request();
  }

  /** Shared work changed (a new head of the waiting list or triage list). */
  sharedWorkChanged(): void {
    this.sharedChanged = true;
    this.request();
  }

  private request(): void {
    if (!this.requested) {
      this.requested = true;
      this.ctx.sim.requestEndOfInstant();
    }
  }

  private available(w: Worker, now: number): boolean {
    return w.activity === Activity.Idle && w.patientBlockEnd > now && now >= w.vacantUntil;
  }

  /** The decision epoch at `now` (called by the kernel at the end of the instant). */
  decide(now: number): void {
    this.requested = false;
    this.ctx.workingTime.openBlocks(now);
    const changed = this.changed;
    this.epoch++;
    let deferred = false;
    for (let i = 0; i < changed.length; i++) {
      const w = changed[i];
      if (!this.available(w, now)) continue;
      if (w.poolPos < 0) this.addFree(w);
      if (this.walk(w, now, true) === 'deferred') deferred = true;
    }
    changed.length = 0;
    if (deferred || this.sharedChanged) this.offerSharedWork(now);
    this.sharedChanged = false;
  }

  /** Walk the work sources; with `deferShared`, stop at a shared source that has work. */
  private walk(w: Worker, now: number, deferShared: boolean): 'started' | 'deferred' | 'none' {
    const left = w.patientBlockEnd - now;
    for (const source of this.sources) {
      if (deferShared && source.shared && source.hasWork(this.ctx)) return 'deferred';
      const offer = source.offer(this.ctx, w, now, left);
      if (offer === Offer.Started) {
        this.removeFree(w);
        return 'started';
      }
      if (offer === Offer.Stop) return 'none';
    }
    return 'none';
  }

  private sharedWorkWaiting(): boolean {
    for (const s of this.sources) if (s.shared && s.hasWork(this.ctx)) return true;
    return false;
  }

  /** Ask idle workers in allocation order, each once, while shared work is waiting. */
  private offerSharedWork(now: number): void {
    if (!this.sharedWorkWaiting()) return;
    const heap = this.heap;
    heap.length = 0;
    for (let i = this.free.length - 1; i >= 0; i--) {
      const w = this.free[i];
      if (this.available(w, now)) heap.push(w);
      else this.removeFree(w);
    }
    if (heap.length === 0) return;
    const key = this.key;
    const less = (a: Worker, b: Worker) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb || (ka === kb && a.index < b.index);
    };
    heapify(heap, less);
    while (heap.length > 0 && this.sharedWorkWaiting()) {
      const w = popMin(heap, less);
      const caseload = w.caseload;
      if (this.walk(w, now, false) === 'started' && w.caseload > caseload) this.roundRobinNext = (w.index + 1) % this.ctx.workers.length;
    }
  }

  private addFree(w: Worker): void {
    w.poolPos = this.free.length;
    this.free.push(w);
  }

  private removeFree(w: Worker): void {
    const i = w.poolPos;
    if (i < 0) return;
    const last = this.free.pop()!;
    if (last !== w) {
      this.free[i] = last;
      last.poolPos = i;
    }
    w.poolPos = -1;
  }
}

function heapify<T>(a: T[], less: (x: T, y: T) => boolean): void {
  for (let i = (a.length >> 1) - 1; i >= 0; i--) siftDown(a, i, less);
}

function popMin<T>(a: T[], less: (x: T, y: T) => boolean): T {
  const top = a[0];
  const last = a.pop()!;
  if (a.length > 0) {
    a[0] = last;
    siftDown(a, 0, less);
  }
  return top;
}

function siftDown<T>(a: T[], i: number, less: (x: T, y: T) => boolean): void {
  const n = a.length;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) return;
    const r = l + 1;
    const m = r < n && less(a[r], a[l]) ? r : l;
    if (!less(a[m], a[i])) return;
    const t = a[i];
    a[i] = a[m];
    a[m] = t;
    i = m;
  }
}
