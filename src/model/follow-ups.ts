/**
 * Follow-ups not yet due, kept by worker instead of one event each (issue 20: fewer events, same
 * model). A follow-up falls due (sessions.ts `onFollowUpDue`: onto the worker's due list, told to
 * the monitor and the weekly account) at exactly the point of the run where its event used to
 * fire, so every number and every trace line is the same:
 *
 *   - before each event, the follow-ups due before its instant fall due, and those due at its
 *     instant too when the event comes after them in the same-instant order (Priority.FollowUpDue);
 *   - before each decision epoch, every follow-up due at or before the instant falls due;
 *   - in (time, order of scheduling) order across all workers, as the calendar ordered them.
 *
 * A follow-up found due only at a later instant than its own changed nothing in between: no event
 * or epoch came between its time and now, and it falls due before anything of now is handled. Its
 * worker was then busy or not free for patients (see below), so the decision epoch its event used
 * to ask for had nothing to decide: none is asked for.
 *
 * The one case that needs its own instant is a worker idle in a patient block when a follow-up
 * falls due: the worker may start it there and then. After each decision epoch, each worker whose
 * state changed and is idle in a patient block gets a wake-up (a Kind.FollowUpDue event, payload
 * the worker) at its earliest pending follow-up, if that comes before its block ends. A wake-up
 * that turns out not to be needed (the worker became busy first) only makes the follow-ups fall
 * due at their own instant, which is always right.
 *
 * Pending follow-ups are held per worker, in a binary heap on (time, sequence); the workers are
 * held in a heap on their earliest follow-up, so the next one of the whole service is at the top.
 */
import { KeyedHeap } from '../engine/index.js';
import type { ServiceContext } from './context.js';
import { Activity, type Worker } from './entities.js';
import { Kind, Priority } from './events.js';

/** One worker's pending follow-ups: a binary heap on (time, seq) in parallel arrays. */
class Pending {
  time: number[] = [];
  seq: number[] = [];
  slot: number[] = [];
  size = 0;

  headTime(): number {
    return this.size > 0 ? this.time[0] : Infinity;
  }

  push(time: number, seq: number, slot: number): void {
    let i = this.size++;
    const T = this.time,
      S = this.seq,
      P = this.slot;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = T[parent];
      if (pt < time || (pt === time && S[parent] < seq)) break;
      T[i] = pt;
      S[i] = S[parent];
      P[i] = P[parent];
      i = parent;
    }
    T[i] = time;
    S[i] = seq;
    P[i] = slot;
  }

  /** Remove the head (size > 0). */
  pop(): void {
    const n = --this.size;
    if (n === 0) return;
    const T = this.time,
      S = this.seq,
      P = this.slot;
    const time = T[n],
      seq = S[n],
      slot = P[n];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      let ct = T[c],
        cs = S[c];
      const r = c + 1;
      if (r < n && (T[r] < ct || (T[r] === ct && S[r] < cs))) {
        c = r;
        ct = T[r];
        cs = S[r];
      }
      if (time < ct || (time === ct && seq < cs)) break;
      T[i] = ct;
      S[i] = cs;
      P[i] = P[c];
      i = c;
    }
    T[i] = time;
    S[i] = seq;
    P[i] = slot;
  }
}

export class FollowUps {
  private readonly pending: Pending[];
  /** Workers in a heap on their earliest pending follow-up (time, seq); an empty one sorts last. */
  private readonly byHead: KeyedHeap;
  private sequence = 0;
  /** Time of each worker's pending wake-up (Infinity: none) and its handle. */
  private readonly wakeAt: Float64Array;
  private readonly wakeHandle: Float64Array;
  /** Wake-up events scheduled (for the bench). */
  wakeUps = 0;
  private readonly oldestFirst: boolean;

  constructor(private readonly ctx: ServiceContext) {
    const n = ctx.workers.length;
    this.oldestFirst = ctx.params.followUpOrder === 'oldestFirst';
    this.pending = Array.from({ length: n }, () => new Pending());
    this.byHead = new KeyedHeap(n);
    this.wakeAt = new Float64Array(n).fill(Infinity);
    this.wakeHandle = new Float64Array(n).fill(-1);
  }

  /** Time of the next follow-up to fall due in the whole service (Infinity: none); read before every event. */
  nextTime = Infinity;

  /** The patient in `slot`, on worker `w`'s caseload, is next due at `time` (not before now). */
  add(w: number, time: number, slot: number): void {
    const q = this.pending[w];
    const head = q.size > 0 ? q.seq[0] : -1;
    q.push(time, this.sequence++, slot);
    // Most follow-ups fall due after the worker's earliest one: the workers' heap is then unchanged.
    if (q.seq[0] !== head) this.keyOf(w);
  }

  /**
   * Every follow-up due before `now`, and at `now` too when `atNow`, falls due, in calendar
   * order. Those due at `now` are the instant's own state changes (the dispatcher is told);
   * earlier ones were due when their worker was not free for them (see the file's comment).
   */
  release(now: number, atNow: boolean): void {
    const pending = this.pending;
    const sessions = this.ctx.sessions;
    const pool = this.ctx.pool;
    const workers = this.ctx.workers;
    for (;;) {
      const t = this.nextTime;
      if (t > now || (t === now && !atNow)) return;
      const w = this.byHead.top;
      const q = pending[w];
      const slot = q.slot[0];
      q.pop();
      this.keyOf(w);
      // The heap's worker is the patient's (handOver moves both): the patient itself is not read here.
      sessions.onFollowUpDue(workers[w], pool.get(slot), t, t === now);
    }
  }

  /** Worker `w`'s place in the heap after its earliest pending follow-up changed, and the service's next time. */
  private keyOf(w: number): void {
    const q = this.pending[w];
    if (q.size > 0) this.byHead.set(w, q.time[0], q.seq[0]);
    else this.byHead.set(w, Infinity, 0);
    this.nextTime = this.byHead.topTime;
  }

  /** A wake-up event for worker `w` at `now` (the follow-ups due by now have fallen due before it). */
  onWakeUp(w: number, now: number): void {
    if (this.wakeAt[w] === now) this.wakeAt[w] = Infinity;
  }

  /**
   * After a decision epoch at `now`, for a worker whose state changed: if it is idle in a patient
   * block, it must be woken at its earliest pending follow-up, should that fall due before the
   * block ends (it may then start it at once).
   */
  wakeWhenDue(w: Worker, now: number): void {
    if (w.activity !== Activity.Idle || !(w.patientBlockEnd > now) || now < w.vacantUntil) return;
    // Oldest first, with a follow-up already due: the worker has just found that it does not fit
    // (it walked its work sources at this epoch and is still idle), and it never will in this
    // block (time left only shrinks; its length is drawn once), so it holds the block and the
    // follow-ups falling due behind it change nothing: no wake-up.
    if (this.oldestFirst && w.due.length > 0) return;
    const t = this.pending[w.index].headTime();
    if (!(t < w.patientBlockEnd)) return;
    const i = w.index;
    const at = this.wakeAt[i];
    if (at === t) return;
    if (at > now && at !== Infinity) this.ctx.sim.cancel(this.wakeHandle[i]);
    this.wakeAt[i] = t;
    this.wakeHandle[i] = this.ctx.sim.at(t, Priority.FollowUpDue, Kind.FollowUpDue, i);
    this.wakeUps++;
  }

  /** A worker leaves: its patients, and so their pending follow-ups, move to `to`. */
  handOver(from: Worker, to: Worker): void {
    const a = this.pending[from.index];
    const b = this.pending[to.index];
    for (let i = 0; i < a.size; i++) b.push(a.time[i], a.seq[i], a.slot[i]);
    a.size = 0;
    this.keyOf(from.index);
    this.keyOf(to.index);
  }
}
