/**
 * Working time: each worker's rota as a repeating week of blocks, leave weeks and vacancies.
 * A block-start event only records that the block opens; the opening itself (is protected
 * networking kept, or squeezed for patients?) happens at the decision epoch, when everything
 * that fell due at that instant is known. There is no block-end event: the end is stored and
 * compared with the clock (a worker is in a patient block while now < patientBlockEnd).
 *
 * Block starts are not events (issue 20): the rota says when each worker's next block starts, so
 * the workers are kept in a heap on (next start, order scheduled) and the kernel asks for the
 * earliest (Simulation: `nextOwnTime`, `ownInstant`). A start is reached where its BlockStart event
 * used to fire: after every event of its instant (Priority.BlockStart is the last), before the epoch.
 * Only the end of a vacancy on the always-open rota is still an event.
 */
import type { ServiceContext } from './context.js';
import type { Worker } from './entities.js';
import type { Activity } from './rota.js';
import { Kind, Priority } from './events.js';
import { HOUR, WEEK } from './time.js';

export class WorkingTime {
  // Blocks whose start was reached this instant (explicit count: no array truncation on the hot path).
  private readonly opening: Worker[] = [];
  private readonly openingEnd: number[] = [];
  private readonly openingActivity: Activity[] = [];
  private openingCount = 0;

  // The rota calendar: workers with blocks, in a heap on (next block start, order scheduled).
  private readonly nextStart: Float64Array;
  private readonly startSeq: Float64Array;
  private readonly heap: Int32Array;
  private readonly pos: Int32Array;
  private heapCount = 0;
  private sequence = 0;
  /** The earliest next block start of any worker (Infinity: none). */
  nextTime = Infinity;

  constructor(private readonly ctx: ServiceContext) {
    const n = ctx.workers.length;
    this.nextStart = new Float64Array(n).fill(Infinity);
    this.startSeq = new Float64Array(n);
    this.heap = new Int32Array(n);
    this.pos = new Int32Array(n).fill(-1);
  }

  start(): void {
    for (const w of this.ctx.workers) {
      if (w.plan.always) w.patientBlockEnd = Infinity;
      else {
        const i = this.heapCount++;
        this.heap[i] = w.index;
        this.pos[w.index] = i;
        this.scheduleNextBlock(w);
      }
      this.ctx.dispatcher.workerChanged(w);
    }
  }

  private scheduleNextBlock(w: Worker): void {
    const blocks = w.plan.blocks;
    if (w.nextBlock === blocks.length) {
      w.nextBlock = 0;
      w.weekOrigin += WEEK;
    }
    const i = w.index;
    this.nextStart[i] = w.weekOrigin + blocks[w.nextBlock].start;
    this.startSeq[i] = this.sequence++;
    // The key only grows once the worker is in place (a start reached); at start(), it is placed.
    this.siftUp(this.pos[i]);
    this.siftDown(this.pos[i]);
    this.nextTime = this.nextStart[this.heap[0]];
  }

  /** Every block start at or before `now` is reached, in the order their events used to fire. */
  reachStarts(now: number): void {
    while (this.nextTime <= now) this.onBlockStart(this.ctx.workers[this.heap[0]]);
  }

  /** A block's start time is reached (or, on the always-open rota, a vacancy ends). */
  onBlockStart(w: Worker): void {
    if (!w.plan.always) {
      const block = w.plan.blocks[w.nextBlock++];
      const k = this.openingCount++;
      this.opening[k] = w;
      this.openingEnd[k] = w.weekOrigin + block.end;
      this.openingActivity[k] = block.activity;
      this.scheduleNextBlock(w); // blocks never overlap: the next one starts after this one ends
      this.ctx.dispatcher.request();
    } else {
      this.ctx.dispatcher.workerChanged(w); // a vacancy on the always-open rota ends
    }
  }

  private before(a: number, b: number): boolean {
    const ta = this.nextStart[a];
    const tb = this.nextStart[b];
    return ta < tb || (ta === tb && this.startSeq[a] < this.startSeq[b]);
  }

  private siftUp(i: number): void {
    const heap = this.heap;
    const w = heap[i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pw = heap[p];
      if (!this.before(w, pw)) break;
      heap[i] = pw;
      this.pos[pw] = i;
      i = p;
    }
    heap[i] = w;
    this.pos[w] = i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.heapCount;
    const w = heap[i];
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && this.before(heap[c + 1], heap[c])) c++;
      if (!this.before(heap[c], w)) break;
      const cw = heap[c];
      heap[i] = cw;
      this.pos[cw] = i;
      i = c;
    }
    heap[i] = w;
    this.pos[w] = i;
  }

  /**
   * Open the blocks whose start is now (at the decision epoch). Networking is squeezed (used for
   * patients) when work is pending and it is not protected (CMOC 4, 14).
   */
  openBlocks(now: number): void {
    const opening = this.opening;
    const n = this.openingCount;
    this.openingCount = 0;
    for (let i = 0; i < n; i++) {
      const w = opening[i];
      const end = this.openingEnd[i];
      const planned = this.openingActivity[i];
      if (w.isOnLeave(now) || w.isVacant(now)) continue;
      let activity = planned;
      if (activity === 'networking' && (w.due.length > 0 || this.ctx.intake.waitingCount > 0)) {
        if (this.ctx.draws.networkingSqueeze.at(w.index, Math.floor(now / HOUR)).next() >= this.ctx.levers.protectNetworking) activity = 'patients';
      }
      const squeezed = planned === 'networking' && activity === 'patients';
      this.ctx.monitor.blockOpened(w, activity, now, end, squeezed);
      this.ctx.account.blockOpened(w, activity, end - now, squeezed);
      if (activity === 'networking') w.networkingMinutesThisWeek += end - now;
      if (activity === 'patients') {
        w.patientBlockEnd = end;
        this.ctx.dispatcher.workerChanged(w);
      }
    }
  }

  /** The post falls vacant until `until`: no patient time until then. */
  vacate(w: Worker, until: number): void {
    if (w.plan.always) {
      // The always-open rota has no block to reopen it: an event marks the end of the vacancy.
      if (until <= this.ctx.params.horizon) this.ctx.sim.at(until, Priority.BlockStart, Kind.BlockStart, w.index);
    } else {
      w.patientBlockEnd = 0;
    }
  }
}
