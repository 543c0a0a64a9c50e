import { EventQueue, type EventHandle } from './event-queue.js';

/**
 * Whatever reacts to events. The kernel calls `handle` once per event, with the integer
 * kind and numeric payload it was scheduled with; the handler switches on `kind`.
 * One handler object per run keeps the call site monomorphic and allocates nothing.
 */
export interface EventHandler {
  handle(kind: number, payload: number, time: number): void;
  /**
   * Called once the events of an instant are all handled, if `requestEndOfInstant` was called
   * during it: the place for decisions that must see every state change of the instant first
   * (a decision epoch). Events it schedules at the same instant run next, then it may be
   * requested again.
   */
  endOfInstant?(time: number): void;
  /**
   * Optional: a calendar the handler keeps itself, of state changes that come after every event
   * of their instant (the lowest priority), e.g. times known in advance from a timetable. The
   * kernel asks for the earliest (`nextOwnTime`, Infinity for none) before each event; when it
   * comes before the next event (or at the current instant, once its events are handled) and not
   * after the run's end, the clock moves to it and `ownInstant` applies them; the instant then goes
   * on as usual (its events, a requested end-of-instant hook). Not counted as events.
   */
  nextOwnTime?(): number;
  ownInstant?(time: number): void;
}

/**
 * The discrete-event kernel: a clock and an event calendar. It knows nothing of what the
 * events mean, draws no random numbers and never prints.
 */
export class Simulation {
  private readonly queue: EventQueue;
  private clock = 0;
  private stopped = false;
  private eventsRun = 0;
  private endOfInstantRequested = false;

  constructor(initialCapacity = 1024) {
    this.queue = new EventQueue(initialCapacity);
  }

  /** Current simulated time. */
  get now(): number {
    return this.clock;
  }

  /** Events executed so far (for benchmarks). */
  get eventCount(): number {
    return this.eventsRun;
  }

  /** Events pending. */
  get pending(): number {
    return this.queue.size;
  }

  /** Schedule `kind` at absolute time `time` (not before now). */
  at(time: number, priority: number, kind: number, payload = 0): EventHandle {
    if (time < this.clock) throw pastError(time, this.clock);
    return this.queue.push(time, priority, kind, payload);
  }

  /** Schedule `kind` after a delay from now. */
  after(delay: number, priority: number, kind: number, payload = 0): EventHandle {
    return this.at(this.clock + delay, priority, kind, payload);
  }

  /** Cancel a pending event; false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  /**
   * Ask for the handler's `endOfInstant` once the current instant has no events left. Cheap
   * to call many times in one instant: the hook runs once.
   */
  requestEndOfInstant(): void {
    this.endOfInstantRequested = true;
  }

  /** Ask the run loop to return after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /**
   * Run events in (time, priority, sequence) order until the calendar is empty, `stop()`
   * is called, or the next event lies beyond `until`; the clock then stands at `until`
   * (or at the last event if stopped or empty earlier). Events exactly at `until` run.
   * A requested end-of-instant hook runs before the clock moves on (also before returning).
   */
  run(handler: EventHandler, until = Infinity): void {
    const q = this.queue;
    const own = handler.nextOwnTime && handler.ownInstant ? handler : null;
    this.stopped = false;
    while (!this.stopped) {
      const next = q.peekTime();
      if (this.endOfInstantRequested && next > this.clock) {
        this.endOfInstantRequested = false;
        handler.endOfInstant?.(this.clock);
        continue;
      }
      if (own !== null) {
        const t = own.nextOwnTime!();
        if (t <= until && t < next) {
          this.clock = t;
          own.ownInstant!(t);
          continue;
        }
      }
      if (!q.popUntil(until)) {
        if (until !== Infinity) this.clock = until;
        return;
      }
      const time = q.poppedTime;
      this.clock = time;
      this.eventsRun++;
      handler.handle(q.poppedKind, q.poppedPayload, time);
    }
  }
}

// Kept out of line so that `at` stays small enough to be inlined into every handler.
function pastError(time: number, now: number): RangeError {
  return new RangeError(`cannot schedule in the past: ${time} < now ${now}`);
}
