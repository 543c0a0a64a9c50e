/** The discrete-event kernel: time, events, priorities, run/stop. No domain, no randomness. */
export { EventQueue, MAX_PRIORITY, type EventHandle } from './event-queue.js';
export { Simulation, type EventHandler } from './simulation.js';
export { KeyedHeap } from './keyed-heap.js';
