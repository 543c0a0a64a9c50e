/**
 * The physical limit for an event calendar on this machine: a bare binary min-heap of event
 * times in a Float64Array, in plain JS, driven by the classic "hold" loop (pop the earliest
 * event, push one new event a random exponential time later). No payloads, no priorities, no
 * handler: what any discrete-event engine in JS could at best sustain per core.
 */
export function bareHeapEventsPerSecond({ events = 2e7, pending = 64 } = {}) {
  const heap = new Float64Array(pending + 1);
  let n = 0;
  const push = (t) => {
    let i = n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent] <= t) break;
      heap[i] = heap[parent];
      i = parent;
    }
    heap[i] = t;
  };
  const pop = () => {
    const top = heap[0];
    const last = heap[--n];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const m = r < n && heap[r] < heap[l] ? r : l;
      if (heap[m] >= last) break;
      heap[i] = heap[m];
      i = m;
    }
    heap[i] = last;
    return top;
  };
  for (let k = 0; k < pending; k++) push(-Math.log(1 - Math.random()));
  let check = 0;
  const t0 = performance.now();
  for (let k = 0; k < events; k++) {
    const now = pop();
    check += now;
    push(now - Math.log(1 - Math.random()));
  }
  const seconds = (performance.now() - t0) / 1000;
  if (!Number.isFinite(check)) throw new Error('bare heap: non-finite clock');
  return { events, pending, seconds, eventsPerSecond: events / seconds };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  bareHeapEventsPerSecond({ events: 2e6 });
  const r = bareHeapEventsPerSecond();
  console.log(`bare binary heap (hold, ${r.pending} pending): ${(r.eventsPerSecond / 1e6).toFixed(1)} M events/s`);
}
