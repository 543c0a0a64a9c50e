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
import { KeyedHeap } from '../engine/index.js';
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

  /** The rota calendar: each worker's next block start, in the order their events used to fire. */
  private readonly starts: KeyedHeap;
  private sequence = 0;
  /** The earliest next block start of any worker (Infinity: none). */
  nextTime = Infinity;

  constructor(private readonly ctx: ServiceContext) {
    this.starts = new KeyedHeap(ctx.workers.length);
  }

  start(): void {
    for (const w of this.ctx.workers) {
      if (w.plan.always) w.patientBlockEnd = Infinity;
      else this.scheduleNextBlock(w);
      this.ctx.dispatcher.workerChanged(w);
    }
  }

  private scheduleNextBlock(w: Worker): void {
    const blocks = w.plan.blocks;
    if (w.nextBlock === blocks.length) {
      w.nextBlock = 0;
      w.weekOrigin += WEEK;
    }
    this.starts.set(w.index, w.weekOrigin + blocks[w.nextBlock].start, this.sequence++);
    this.nextTime = this.starts.topTime;
  }

  /** Every block start at or before `now` is reached, in the order their events used to fire. */
  reachStarts(now: number): void {
    while (this.nextTime <= now) this.onBlockStart(this.ctx.workers[this.starts.top]);
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
