/**
 * Decision epochs. Event handlers only change state and tell the dispatcher what changed; once
 * every event of the instant has been handled, the kernel calls `decide`, and idle workers
 * choose work once, by the documented rules (docs/model.md §3):
 *   1. blocks opening now are opened (networking kept or squeezed, seeing everything due now);
 *   2. each worker whose state changed walks its work sources (WORK_ORDER); one that reaches a
 *      shared source with work waiting defers to step 3;
 *   3. while shared work is waiting, the idle workers in a patient block are asked in the order
 *      of the allocation rule, each at most once per instant; one that finds nothing that fits is
 *      not asked again until its own state changes (time left in a block only shrinks).
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
  // Arrays with explicit counts: truncating an array's length is slow on the hot path.
  private readonly changed: Worker[] = [];
  private changedCount = 0;
  private sharedChanged = false;
  /** Workers idle in a patient block (kept lazily: checked again when used). */
  private readonly free: Worker[] = [];
  private freeCount = 0;
  /** roundRobin only: the free workers ordered afresh for one choice. */
  private readonly heap: Worker[] = [];
  private heapCount = 0;
  private readonly sharedSources: readonly WorkSource[];
  private roundRobinNext = 0;
  private readonly key: RuleKey;
  /** The free pool is a heap on the rule's key (not for roundRobin, whose key moves with the turn). */
  private readonly ordered: boolean;

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
    this.sharedSources = sources.filter((s) => s.shared);
    this.ordered = ctx.params.allocation !== 'roundRobin';
  }

  /**
   * A worker's own state changed (free again, a follow-up fell due, a block opened, …). A busy
   * worker needs no epoch: it looks again when its work ends.
   */
  workerChanged(w: Worker): void {
    if (w.activity !== Activity.Idle) return;
    if (w.dirtyEpoch !== this.epoch) {
      w.dirtyEpoch = this.epoch;
      this.changed[this.changedCount++] = w;
    }
    this.request();
  }

  /** Shared work changed (a new head of the waiting list or triage list). */
  sharedWorkChanged(): void {
    this.sharedChanged = true;
    this.request();
  }

  /** Something must be settled at the end of the instant (a block opening). */
  request(): void {
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
    this.ctx.workingTime.openBlocks(now); // may mark workers changed: consumed by this epoch
    this.requested = false;
    const changed = this.changed;
    const n = this.changedCount;
    this.changedCount = 0;
    this.epoch++;
    let deferred = false;
    for (let i = 0; i < n; i++) {
      const w = changed[i];
      if (!this.available(w, now)) continue;
      // Re-place a worker already in the pool: its key (e.g. caseload after a colleague left) may have changed.
      if (w.poolPos >= 0) this.removeFree(w);
      this.addFree(w);
      const outcome = this.walk(w, now, true);
      if (outcome === 'deferred') deferred = true;
      else if (outcome === 'passed') this.removeFree(w);
    }
    if (deferred || this.sharedChanged) this.offerSharedWork(now);
    this.sharedChanged = false;
    // A worker left idle in a patient block is woken when its next follow-up falls due (follow-ups.ts).
    for (let i = 0; i < n; i++) this.ctx.followUps.wakeWhenDue(changed[i], now);
  }

  /**
   * Walk the work sources; with `deferShared`, stop at a shared source that has work. 'passed':
   * there was work but none of it fitted (or the worker's own due follow-up holds the block); the
   * worker then leaves the free pool until its own state changes (its next block, a follow-up
   * falling due, its work ending), since time left in a block only shrinks.
   */
  private walk(w: Worker, now: number, deferShared: boolean): 'started' | 'deferred' | 'none' | 'passed' {
    // Fast path: nothing of its own and nothing shared waiting.
    if (w.due.length === 0 && w.remitBacklog <= 0 && !this.sharedWorkWaiting()) return 'none';
    const left = w.patientBlockEnd - now;
    for (const source of this.sources) {
      if (deferShared && source.shared && source.hasWork(this.ctx)) return 'deferred';
      const offer = source.offer(this.ctx, w, now, left);
      if (offer === Offer.Started) {
        this.removeFree(w);
        return 'started';
      }
      if (offer === Offer.Stop) return 'passed';
    }
    return this.sharedWorkWaiting() ? 'passed' : 'none';
  }

  private sharedWorkWaiting(): boolean {
    const shared = this.sharedSources;
    for (let i = 0; i < shared.length; i++) if (shared[i].hasWork(this.ctx)) return true;
    return false;
  }

  /** Lower key first; ties by worker index. */
  private before(a: Worker, b: Worker): boolean {
    const ka = this.key(a);
    const kb = this.key(b);
    return ka < kb || (ka === kb && a.index < b.index);
  }

  /**
   * Ask idle workers in allocation order, each once, while shared work is waiting. For
   * smallestCaseload and longestIdle the free pool is kept as a binary heap on the rule's key
   * (keys do not change while a worker is free), so a choice costs O(log pool), whatever the team
   * size; roundRobin's key moves with the turn, so its pool is ordered afresh each time.
   */
  private offerSharedWork(now: number): void {
    if (!this.sharedWorkWaiting()) return;
    if (this.ordered) {
      while (this.freeCount > 0 && this.sharedWorkWaiting()) {
        const w = this.free[0];
        if (!this.available(w, now)) {
          this.removeFree(w);
          continue;
        }
        const outcome = this.walk(w, now, false);
        if (outcome === 'none') break;
        this.removeFree(w); // started or passed: not asked again this instant
      }
      return;
    }
    const heap = this.heap;
    let n = 0;
    for (let i = this.freeCount - 1; i >= 0; i--) {
      const w = this.free[i];
      if (this.available(w, now)) heap[n++] = w;
      else this.removeFree(w);
    }
    this.heapCount = n;
    for (let i = (n >> 1) - 1; i >= 0; i--) this.siftDown(heap, this.heapCount, i);
    while (this.heapCount > 0 && this.sharedWorkWaiting()) {
      const w = heap[0];
      const last = heap[--this.heapCount];
      if (this.heapCount > 0) {
        heap[0] = last;
        this.siftDown(heap, this.heapCount, 0);
      }
      const caseload = w.caseload;
      const outcome = this.walk(w, now, false);
      if (outcome === 'started' && w.caseload > caseload) this.roundRobinNext = (w.index + 1) % this.ctx.workers.length;
      else if (outcome === 'passed') this.removeFree(w);
    }
  }

  /** Sift a[i] down a heap of n by the allocation rule (positions kept when `a` is the pool). */
  private siftDown(a: Worker[], n: number, i: number): void {
    const track = a === this.free;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const m = r < n && this.before(a[r], a[l]) ? r : l;
      if (!this.before(a[m], a[i])) return;
      const t = a[i];
      a[i] = a[m];
      a[m] = t;
      if (track) {
        a[i].poolPos = i;
        a[m].poolPos = m;
      }
      i = m;
    }
  }

  private siftUp(i: number): void {
    const a = this.free;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.before(a[i], a[p])) return;
      const t = a[i];
      a[i] = a[p];
      a[p] = t;
      a[i].poolPos = i;
      a[p].poolPos = p;
      i = p;
    }
  }

  private addFree(w: Worker): void {
    const i = this.freeCount++;
    w.poolPos = i;
    this.free[i] = w;
    if (this.ordered) this.siftUp(i);
  }

  private removeFree(w: Worker): void {
    const i = w.poolPos;
    if (i < 0) return;
    const last = this.free[--this.freeCount];
    w.poolPos = -1;
    if (last === w) return;
    this.free[i] = last;
    last.poolPos = i;
    if (this.ordered) {
      this.siftDown(this.free, this.freeCount, i);
      this.siftUp(last.poolPos);
    }
  }
}
