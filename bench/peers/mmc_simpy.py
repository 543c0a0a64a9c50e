#!/usr/bin/python3
"""SimPy peer of Goldilocks for the benchmark: an M/M/c queue.

The textbook SimPy M/M/c model (a source process, one process per customer, a
``simpy.Resource`` with ``capacity=c``), the peer of bench/engine-mmc.mjs. Run with Debian's
Python and SimPy 3.0.11::

    /usr/bin/python3 bench/peers/mmc_simpy.py --servers 2 --arrival-rate-per-minute 0.02667 \
        --mean-service-minutes 60 --horizon-minutes 2e7 --warmup-minutes 0 --reps 5 --seed 1

Output: ONE JSON document on stdout::

    {"model": "mmc", "reps": R, "wallSeconds": ..., "events": ..., "modelEvents": ...,
     "customers": ..., "metrics": {"waitMinutes": [...], "utilisation": [...]}}

(one entry per replication in each metric list; ``modelEvents`` is an addition, see "Events").

Modelling assumptions
---------------------
Time
  * Time unit: minutes, from 0 (Monday 00:00 of week 0, as in Goldilocks; the M/M/c queue has
    no calendar, so the origin only fixes the unit). A year would be 365.25 days, but this
    model takes its horizon and warm-up directly in minutes.
  * Horizon T = --horizon-minutes; warm-up W = --warmup-minutes; window [W, T].
  * The run is ``env.run(until=T)``: SimPy stops before processing events at exactly T
    (Goldilocks runs them); with continuous arrival and service times such ties have
    probability zero.

Queue
  * c identical servers (``simpy.Resource(capacity=c)``), one FIFO queue, no balking, no
    reneging, unlimited waiting room; the system starts empty and idle at t = 0.
  * Poisson arrivals at rate lambda per minute (exponential interarrival times, first arrival
    after one interarrival time from 0).
  * Exponential service times with mean s minutes, drawn when service starts.

Same-instant order
  * SimPy order (time, priority, event id): a departure releasing a server and the next
    customer's request are handled in scheduling order at the same instant; exact ties
    between arrivals and departures have probability zero with continuous distributions,
    so no explicit priorities are needed.

Statistics, per replication
  * waitMinutes: mean wait in queue (service start - arrival) over customers who arrived at
    or after W and started service before T (customers still queued at T are excluded).
  * utilisation: busy server-minutes inside [W, T] (each service interval clipped to the
    window; a service in progress at T counts up to T) / (c x (T - W)). Busy time is
    credited when service starts, clipped to the window.
  * customers: customers that arrived in [0, T], summed over replications.

Random numbers
  * One ``random.Random(seed * 1000 + rep)`` stream per replication (rep = 0 .. R-1), used in
    event order for both interarrival and service times (Goldilocks uses separate named
    streams, so results agree in distribution, not draw for draw).

Events
  * ``events`` counts every event SimPy's kernel processes (each ``Environment.step()``):
    timeouts, process starts and ends, resource request and release events; the final stop
    event of ``env.run(until=T)`` is not counted. ``modelEvents`` counts arrivals and
    service completions processed before T, the two event kinds Goldilocks' engine counts
    (bench/engine-mmc.mjs).
  * wallSeconds times the replications only (environments included; not imports, argument
    parsing or JSON output).
"""
import argparse
import json
import random
import time

import simpy


class CountingEnvironment(simpy.Environment):
    """An Environment that counts the events it processes."""

    def __init__(self):
        super().__init__()
        self.events = 0

    def step(self):
        self.events += 1
        simpy.Environment.step(self)


class MMc:
    def __init__(self, env, servers, arrival_rate, mean_service, warmup, horizon, rng):
        self.env = env
        self.servers = servers
        self.resource = simpy.Resource(env, capacity=servers)
        self.arrival_rate = arrival_rate
        self.service_rate = 1.0 / mean_service
        self.warmup = warmup
        self.horizon = horizon
        self.rng = rng
        self.customers = 0
        self.departures = 0
        self.wait_sum = 0.0
        self.wait_count = 0
        self.busy = 0.0
        env.process(self.source())

    def source(self):
        env = self.env
        expovariate = self.rng.expovariate
        while True:
            yield env.timeout(expovariate(self.arrival_rate))
            self.customers += 1
            env.process(self.customer())

    def customer(self):
        env = self.env
        arrived = env.now
        with self.resource.request() as req:
            yield req
            start = env.now
            service = self.rng.expovariate(self.service_rate)
            if arrived >= self.warmup:
                self.wait_sum += start - arrived
                self.wait_count += 1
            self.busy += max(0.0, min(start + service, self.horizon) - max(start, self.warmup))
            yield env.timeout(service)
            self.departures += 1

    def metrics(self):
        return (
            self.wait_sum / self.wait_count if self.wait_count else None,
            self.busy / (self.servers * (self.horizon - self.warmup)),
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--servers', type=int, required=True, help='c, number of servers')
    ap.add_argument('--arrival-rate-per-minute', type=float, required=True, help='lambda')
    ap.add_argument('--mean-service-minutes', type=float, required=True, help='s, mean service time')
    ap.add_argument('--horizon-minutes', type=float, required=True, help='T')
    ap.add_argument('--warmup-minutes', type=float, default=0.0, help='W, excluded from the metrics')
    ap.add_argument('--reps', type=int, default=1, help='replications')
    ap.add_argument('--seed', type=int, default=1, help='base seed: replication r uses random.Random(seed*1000+r)')
    args = ap.parse_args()
    if args.servers < 1 or args.arrival_rate_per_minute <= 0 or args.mean_service_minutes <= 0:
        ap.error('need servers >= 1 and positive rates')
    if not 0 <= args.warmup_minutes < args.horizon_minutes:
        ap.error('warm-up must be shorter than the horizon')

    waits, utilisation = [], []
    events = model_events = customers = 0
    started = time.perf_counter()
    for rep in range(args.reps):
        env = CountingEnvironment()
        q = MMc(env, args.servers, args.arrival_rate_per_minute, args.mean_service_minutes,
                args.warmup_minutes, args.horizon_minutes, random.Random(args.seed * 1000 + rep))
        env.run(until=args.horizon_minutes)
        w, u = q.metrics()
        waits.append(w)
        utilisation.append(u)
        events += env.events - 1  # the stop event of run(until=T)
        model_events += q.customers + q.departures
        customers += q.customers
    wall = time.perf_counter() - started

    print(json.dumps({
        'model': 'mmc',
        'reps': args.reps,
        'wallSeconds': wall,
        'events': events,
        'modelEvents': model_events,
        'customers': customers,
        'metrics': {'waitMinutes': waits, 'utilisation': utilisation},
    }))


if __name__ == '__main__':
    main()
