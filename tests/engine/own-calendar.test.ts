/**
 * A handler's own calendar (nextOwnTime / ownInstant): times known in advance (a rota) reached
 * after every event of their instant and before its end-of-instant hook, never after the horizon,
 * and not counted as events.
 */
import { describe, it, expect } from 'vitest';
import { Simulation, type EventHandler } from '../../src/engine/index.js';

class Timetable implements EventHandler {
  log: string[] = [];
  constructor(
    private readonly sim: Simulation,
    private readonly times: number[],
  ) {}
  handle(kind: number, _payload: number, time: number): void {
    this.log.push(`event ${kind} @${time}`);
    this.sim.requestEndOfInstant();
  }
  endOfInstant(time: number): void {
    // The own changes of the instant come before its end (as the lowest priority would).
    while (this.times.length > 0 && this.times[0] <= time) this.ownInstant(this.times[0]);
    this.log.push(`epoch @${time}`);
  }
  nextOwnTime(): number {
    return this.times.length > 0 ? this.times[0] : Infinity;
  }
  ownInstant(time: number): void {
    this.times.shift();
    this.log.push(`own @${time}`);
  }
}

describe('a handler calendar of its own', () => {
  it('is reached between events, after the events of its instant, and stops at the horizon', () => {
    const sim = new Simulation();
    const h = new Timetable(sim, [1, 3, 5, 9]);
    sim.at(2, 0, 7);
    sim.at(3, 0, 8);
    sim.run(h, 5);
    expect(h.log).toEqual(['own @1', 'event 7 @2', 'epoch @2', 'event 8 @3', 'own @3', 'epoch @3', 'own @5']);
    expect(sim.eventCount).toBe(2);
    expect(sim.now).toBe(5);
  });

  it('is reached at an instant whose events asked for no end-of-instant hook', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const times = [4];
    const handler: EventHandler = {
      handle: (_k, _p, t) => log.push(`event @${t}`),
      nextOwnTime: () => (times.length > 0 ? times[0] : Infinity),
      ownInstant: (t) => {
        times.shift();
        log.push(`own @${t} (clock ${sim.now})`);
      },
    };
    sim.at(4, 0, 1);
    sim.run(handler);
    expect(log).toEqual(['event @4', 'own @4 (clock 4)']);
  });
});
