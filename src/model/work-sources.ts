/**
 * The kinds of work an idle worker chooses from, in order. A worker takes the first source that
 * offers work fitting in what is left of the patient block; a source may also stop the walk
 * (e.g. a due follow-up that does not fit protects the rest of the block for it).
 *
 * A new kind of work is one new WorkSource added to WORK_ORDER. `shared` sources hold work any
 * worker may take (the Dispatcher decides who, by the allocation rule); the others hold the
 * worker's own work.
 */
import type { ServiceContext } from './context.js';
import type { Worker } from './entities.js';

export const enum Offer {
  /** The worker started something. */
  Started,
  /** Nothing here: try the next source. */
  Nothing,
  /** Nothing here, and nothing else either in this block. */
  Stop,
}

export interface WorkSource {
  readonly name: string;
  readonly shared: boolean;
  /** True when the source has work any worker might take (shared sources only). */
  hasWork(ctx: ServiceContext): boolean;
  offer(ctx: ServiceContext, w: Worker, now: number, left: number): Offer;
}

/**
 * The worker's own due follow-ups and check-ins: existing patients before new ones (docs/model.md
 * §3). `oldestFirst`: the oldest due one, or nothing this block if it does not fit;
 * `firstThatFits`: the oldest due one that fits, or nothing this block if none does.
 */
export const dueFollowUps: WorkSource = {
  name: 'dueFollowUps',
  shared: false,
  hasWork: () => false,
  offer(ctx, w, now, left) {
    const due = w.due;
    if (due.length === 0) return Offer.Nothing;
    const scan = ctx.params.followUpOrder === 'firstThatFits' ? due.length : 1;
    for (let i = 0; i < scan; i++) {
      const p = due.at(i);
      const length = ctx.sessions.length(p, w, now);
      if (length + w.adminMinutes <= left) {
        due.removeAt(i);
        ctx.sessions.startSession(w, p, now, length);
        return Offer.Started;
      }
    }
    return Offer.Stop;
  },
};

/** A short first contact with a triaged referral (Table 5 referral routes). */
export const triageContacts: WorkSource = {
  name: 'triage',
  shared: true,
  hasWork: (ctx) => ctx.intake.triage.length > 0,
  offer(ctx, w, now, left) {
    if (ctx.intake.triage.length === 0 || ctx.levers.triageMinutes > left) return Offer.Nothing;
    ctx.sessions.startTriage(w, ctx.intake.takeTriage(), now);
    return Offer.Started;
  },
};

/** Accepted out-of-remit work (Site 2 VCSE01), done in chunks that fit the block. */
export const outOfRemitWork: WorkSource = {
  name: 'outOfRemit',
  shared: false,
  hasWork: () => false,
  offer(ctx, w, now, left) {
    if (w.remitBacklog <= 0) return Offer.Nothing;
    ctx.sessions.startRemit(w, Math.min(w.remitBacklog, left), now);
    return Offer.Started;
  },
};

/** A new patient from the head of the waiting list (first come, first served). */
export const waitingList: WorkSource = {
  name: 'waitingList',
  shared: true,
  hasWork: (ctx) => ctx.intake.headOfWaitingList() !== null,
  offer(ctx, w, now, left) {
    if (w.caseload >= ctx.params.maxCaseload * w.fte) return Offer.Nothing;
    const next = ctx.intake.headOfWaitingList();
    if (next === null) return Offer.Nothing;
    const length = ctx.sessions.length(next, w, now);
    if (length + w.adminMinutes > left) return Offer.Nothing;
    ctx.intake.takeHead(now);
    ctx.sessions.allocate(next, w, now);
    ctx.sessions.startSession(w, next, now, length);
    return Offer.Started;
  },
};

/** The order in which a worker looks for work. */
export const WORK_ORDER: readonly WorkSource[] = [dueFollowUps, triageContacts, outOfRemitWork, waitingList];
