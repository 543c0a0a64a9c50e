import { describe, it, expect } from 'vitest';
import { Simulation, type EventHandler } from '../../src/engine/index.js';

class Recorder implements EventHandler {
  log: Array<[number, number, number]> = [];
  constructor(private readonly onEvent?: (kind: number, payload: number, time: number) => void) {}
  handle(kind: number, payload: number, time: number): void {
    this.log.push([time, kind, payload]);
    this.onEvent?.(kind, payload, time);
  }
}

describe('Simulation', () => {
  it('advances the clock to each event and runs them in order', () => {
    const sim = new Simulation();
    sim.at(5, 0, 1, 10);
    sim.at(2, 0, 2, 20);
    const rec = new Recorder();
    sim.run(rec);
    expect(rec.log).toEqual([
      [2, 2, 20],
      [5, 1, 10],
    ]);
    expect(sim.now).toBe(5);
    expect(sim.eventCount).toBe(2);
  });

  it('lets handlers schedule further events, including at the current instant', () => {
    const sim = new Simulation();
    const rec = new Recorder((kind, payload) => {
      if (kind === 1 && payload < 3) sim.after(0, 0, 1, payload + 1);
    });
    sim.at(1, 0, 1, 0);
    sim.run(rec);
    expect(rec.log.map((e) => e[2])).toEqual([0, 1, 2, 3]);
    expect(sim.now).toBe(1);
  });

  it('stops at the horizon, runs events exactly at it, and resumes later', () => {
    const sim = new Simulation();
    [1, 2, 3, 4].forEach((t) => sim.at(t, 0, 0, t));
    const rec = new Recorder();
    sim.run(rec, 2);
    expect(rec.log.map((e) => e[0])).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    sim.run(rec, 10);
    expect(rec.log.map((e) => e[0])).toEqual([1, 2, 3, 4]);
    expect(sim.now).toBe(10);
  });

  it('stop() returns after the current event', () => {
    const sim = new Simulation();
    [1, 2, 3].forEach((t) => sim.at(t, 0, 0, t));
    const rec = new Recorder((_k, p) => {
      if (p === 2) sim.stop();
    });
    sim.run(rec);
    expect(rec.log.length).toBe(2);
    expect(sim.pending).toBe(1);
  });

  it('refuses to schedule in the past', () => {
    const sim = new Simulation();
    sim.at(5, 0, 0);
    sim.run(new Recorder());
    expect(() => sim.at(4, 0, 0)).toThrow(RangeError);
  });

  it('cancelled events never run', () => {
    const sim = new Simulation();
    const h = sim.at(1, 0, 0, 1);
    sim.at(2, 0, 0, 2);
    expect(sim.cancel(h)).toBe(true);
    const rec = new Recorder();
    sim.run(rec);
    expect(rec.log.map((e) => e[2])).toEqual([2]);
  });
});
