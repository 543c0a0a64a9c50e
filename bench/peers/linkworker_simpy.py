#!/usr/bin/python3
"""SimPy peer of Goldilocks for the benchmark: a simple link-worker service.

The same service as the Goldilocks scenario ``bench/linkworker.yaml``, written as a SimPy
model (processes for the referral source, each patient, each worker's work and each worker's
rota). Run with Debian's Python and SimPy 3.0.11::

    /usr/bin/python3 bench/peers/linkworker_simpy.py --years 5 --warmup-days 182 --reps 20 --seed 1

Output: ONE JSON document on stdout::

    {"model": "linkworker", "reps": R, "wallSeconds": ..., "events": ..., "modelEvents": ...,
     "patients": ..., "metrics": {"waitDays": [...], "caseloadPerWorker": [...],
                                  "utilisation": [...]}}

(one entry per replication in each metric list; ``modelEvents`` is an addition, see "Events").

Modelling assumptions (identical to Goldilocks src/model/service.ts, statistics.ts, rota.ts,
time.ts and docs/model.md sections 5 and 7 for this scenario)
---------------------------------------------------------------------------------------------
Time
  * Time unit: minutes from Monday 00:00 of week 0 (also 1 January of year 0).
  * Day = 1440 min, week = 7 days, year = 365.25 days, month = year / 12.
  * Horizon T = years x 365.25 x 1440 min; warm-up W = warm-up days x 1440 min.
  * Events at exactly T still run (Goldilocks runs events with time <= T): the run stops on an
    event at T scheduled after every model priority.

Team and rota
  * 2 link workers (index 0 and 1), identical; no annual leave; no caseload limit.
  * Weekly rota, Monday to Friday: 09:00-12:00 patient block and 13:00-17:00 patient block,
    except Wednesday 13:00-17:00, a protected networking block (contracted time, never holds
    patients). Contracted 35 h per worker-week, of which 31 h patients and 4 h networking.
  * A block opens at its start and closes at its end; at a block's end the worker is no
    longer available for patients. A session never runs past the end of its block (fit
    rule below), so nothing is in progress when a block closes.

Referrals and patients
  * One practice: Poisson referrals at 40 per month (rate 40 / (365.25/12 x 1440) per minute),
    constant, around the clock (nights and weekends included), from t = 0.
  * Sessions needed, drawn at referral: 1 + NB(mean 3.1, variance 4.9^2) drawn as a
    gamma-Poisson mixture: lambda ~ Gamma(shape r = 3.1^2/(4.9^2 - 3.1), scale
    (4.9^2 - 3.1)/3.1), need = 1 + Poisson(lambda), rounded, at least 1 (mean 4.1, SD 4.9).
  * No patience: nobody leaves the waiting list before being seen.
  * Session lengths are fixed: 60 min while the patient has attended no session yet (a
    patient who missed the first session gets the 60-min first session again), 30 min after.
  * 10 min admin follow every session, attended or missed; the worker is busy for
    length + admin and the session "ends" at the end of the admin.
  * Each booked session is missed (did not attend) with probability 0.1, decided at its end;
    a missed session takes its full length + admin and does not count as attended.
  * After each session (attended or missed): if attended >= needed, discharge (need met);
    elif attended >= 6 (session cap), discharge with unmet need; else the next follow-up
    falls DUE exactly 14 days after the end of that session (admin included) and joins the
    FIFO due queue of the patient's worker.

Allocation (Goldilocks tryStart / offerToIdleWorkers)
  * Waiting list: one FIFO for the service. Continuity: a patient is allocated to the worker
    who starts the first session (attended or missed) and stays with that worker.
  * A worker who is free (not in a session) inside a patient block takes, in this order:
    (1) the oldest due follow-up of its own, if its length + admin fits in what is left of
        the block; if it does not fit, the worker takes nothing else for the rest of that
        block (no reordering, no new patient);
    (2) only if no follow-up of its own is due: the head of the waiting list, if its session
        length (60) + admin fits in what is left of the block; otherwise nothing.
  * A worker looks for work when one of its patient blocks opens, when its session ends, and
    when one of its follow-ups falls due.
  * A referral joins the end of the waiting list and the head of the list is offered to the
    workers that are idle (in a patient block, not in a session), smallest caseload first,
    lowest index on ties, until one of them takes a patient from the list.
  * Allocation (joining the caseload, end of the wait) happens when the first session starts.

Same-instant order
  * Goldilocks orders events by (time, priority, scheduling sequence), lower first:
    session end 0, block end 1, follow-up due 4, referral 5, block start 6.
  * Here every model event is a Timeout scheduled through the public
    ``Environment.schedule(event, priority, delay)`` with priority = 2 + that number, so the
    SimPy heap order (time, priority, event id) is the Goldilocks order. SimPy's own
    bookkeeping events (process start URGENT=0, ``succeed()`` NORMAL=1) therefore run
    before any model event of the same instant: every model event is handled completely
    (the woken worker has started its session, the woken patient has scheduled its next
    follow-up) before the next model event, as in Goldilocks' synchronous handlers.
  * Work is chosen synchronously, at the model event that triggers the search, exactly as in
    Goldilocks (so ties such as "a session ends at the instant another patient of the same
    worker falls due" - common here, because sessions start on the block grid - resolve the
    same way: the session end is handled first, without the patient who falls due).
    Ties of equal time and priority run in scheduling order in both simulators.
  * Referral times are continuous, so ties with them have probability zero.

Statistics, per replication, over the window [W, T] (Goldilocks statistics.ts)
  * waitDays: mean calendar days from referral to the start of the first session (attended or
    missed), over patients referred at or after W whose first session started by T.
  * caseloadPerWorker: time-average over [W, T] of the number of patients allocated and not
    discharged (integrated only inside the window), divided by 2 workers.
  * utilisation: minutes of session + admin work (attended or missed) inside [W, T] (a session
    straddling W or T is clipped to the window) divided by contracted minutes inside [W, T] of
    all blocks opened (patient and networking blocks, clipped to the window). Work is
    credited when the session starts, clipped to the window; this equals Goldilocks'
    crediting at the session end plus the session in progress at T up to T.
  * patients: referrals with time in [0, T], summed over replications.

Random numbers
  * One ``random.Random(seed * 1000 + rep)`` stream per replication (rep = 0 .. R-1), used in
    event order for interarrival times, needs (gamma, then Poisson by counting unit-rate
    exponential arrivals up to lambda, exact) and did-not-attend draws. Goldilocks uses its
    own streams, so results agree in distribution, not draw for draw.

Events
  * ``events`` counts every event SimPy's kernel processes (each ``Environment.step()``):
    model timeouts, process starts and ends, ``succeed()`` wake-ups; the final stop event is
    not counted. ``modelEvents`` counts only model events (referral, block start, block end,
    session end, follow-up due), the units Goldilocks counts (Goldilocks also counts one
    week-tick event per week for its overload index, which this model does not compute).
  * wallSeconds times the replications only (environments included; not imports, argument
    parsing or JSON output).
"""
import argparse
import json
import math
import random
import time
from collections import deque

import simpy
from simpy.events import Timeout

# ---------------------------------------------------------------------------- time

DAY = 24 * 60
WEEK = 7 * DAY
YEAR = 365.25 * DAY
MONTH = YEAR / 12

# ---------------------------------------------------------------------------- scenario

WORKERS = 2
REFERRALS_PER_MONTH = 40.0
NEED_MEAN, NEED_SD, NEED_MIN = 4.1, 4.9, 1
FIRST_MINUTES = 60
FOLLOW_UP_MINUTES = 30
ADMIN_MINUTES = 10
DAYS_BETWEEN_SESSIONS = 14
DID_NOT_ATTEND = 0.1
SESSION_CAP = 6

# Weekly plan: (start, end, patients?) in minutes from Monday 00:00, sorted by start.
PLAN = []
for _day in range(5):
    PLAN.append((_day * DAY + 9 * 60, _day * DAY + 12 * 60, True))
    PLAN.append((_day * DAY + 13 * 60, _day * DAY + 17 * 60, _day != 2))  # Wednesday pm: networking

# Same-instant priorities: Goldilocks' numbers shifted past SimPy's URGENT (0) and NORMAL (1).
SESSION_END = 2 + 0
BLOCK_END = 2 + 1
FOLLOW_UP_DUE = 2 + 4
REFERRAL = 2 + 5
BLOCK_START = 2 + 6
STOP = 2 + 100


class At(Timeout):
    """A Timeout with an explicit same-instant priority (see the module docstring)."""

    def __init__(self, env, delay, priority):
        self.env = env
        self.callbacks = []
        self._value = None
        self._delay = delay
        self._ok = True
        env.schedule(self, priority, delay)


class CountingEnvironment(simpy.Environment):
    """An Environment that counts the events it processes."""

    def __init__(self):
        super().__init__()
        self.events = 0

    def step(self):
        self.events += 1
        simpy.Environment.step(self)


class Patient:
    __slots__ = ('referred_at', 'needed', 'attended', 'worker', 'seen')

    def __init__(self, referred_at, needed):
        self.referred_at = referred_at
        self.needed = needed
        self.attended = 0
        self.worker = None
        self.seen = None  # event: the session booked next has ended (attended or missed)


class Worker:
    def __init__(self, service, index):
        self.service = service
        self.env = service.env
        self.index = index
        self.due = deque()       # own due follow-ups, oldest first
        self.in_block = False    # inside a patient block
        self.block_end = 0.0
        self.current = None      # patient in session (or just handed over), else None
        self.caseload = 0
        self.idle = None         # event the work process waits on while idle
        self.env.process(self.rota())
        self.env.process(self.work())

    def next_patient(self):
        """The next piece of work that fits in what is left of the block, or None."""
        if not self.in_block:
            return None
        left = self.block_end - self.env.now
        due = self.due
        if due:
            p = due[0]
            if (FIRST_MINUTES if p.attended == 0 else FOLLOW_UP_MINUTES) + ADMIN_MINUTES <= left:
                return due.popleft()
            return None  # no reordering: the rest of the block is left for admin
        waiting = self.service.waiting
        if waiting and FIRST_MINUTES + ADMIN_MINUTES <= left:
            p = waiting.popleft()
            self.service.allocate(p, self)
            return p
        return None

    def poke(self):
        """Something happened that may give an idle worker work: choose it now."""
        if self.current is None and self.idle is not None:
            p = self.next_patient()
            if p is not None:
                self.current = p
                self.idle.succeed(p)

    def work(self):
        """The worker's sessions, one after another; idle until poked when nothing fits."""
        env = self.env
        service = self.service
        while True:
            p = self.next_patient()
            if p is None:
                self.idle = env.event()
                p = yield self.idle
                self.idle = None
            self.current = p
            busy = (FIRST_MINUTES if p.attended == 0 else FOLLOW_UP_MINUTES) + ADMIN_MINUTES
            service.work_done(env.now, env.now + busy)
            yield At(env, busy, SESSION_END)
            service.model_events += 1
            self.current = None
            p.seen.succeed()

    def rota(self):
        """Open and close the blocks of the weekly plan, week after week."""
        env = self.env
        service = self.service
        week = 0
        while True:
            for start, end, patients in PLAN:
                yield At(env, week + start - env.now, BLOCK_START)
                service.model_events += 1
                block_end = week + end
                service.contracted(env.now, block_end)
                if patients:
                    self.in_block = True
                    self.block_end = block_end
                    self.poke()
                yield At(env, block_end - env.now, BLOCK_END)
                service.model_events += 1
                self.in_block = False
            week += WEEK


class Service:
    def __init__(self, env, rng, warmup, horizon):
        self.env = env
        self.rng = rng
        self.warmup = warmup
        self.horizon = horizon
        self.waiting = deque()
        self.patients = 0
        self.model_events = 0
        # statistics
        self.wait_sum = 0.0
        self.wait_count = 0
        self.caseload_now = 0
        self.caseload_area = 0.0
        self.last_t = 0.0
        self.busy_minutes = 0.0
        self.contracted_minutes = 0.0
        # gamma-Poisson mixture for sessions needed
        m = NEED_MEAN - NEED_MIN
        v = NEED_SD * NEED_SD
        self.need_shape = m * m / (v - m)
        self.need_scale = (v - m) / m
        self.workers = [Worker(self, i) for i in range(WORKERS)]
        env.process(self.referrals())

    # ------------------------------------------------------------------ statistics

    def clipped(self, start, end):
        return max(0.0, min(end, self.horizon) - max(start, self.warmup))

    def work_done(self, start, end):
        self.busy_minutes += self.clipped(start, end)

    def contracted(self, start, end):
        self.contracted_minutes += self.clipped(start, end)

    def caseload_changed(self, t, delta):
        if t > self.warmup:
            self.caseload_area += self.caseload_now * (t - max(self.last_t, self.warmup))
        self.last_t = t
        self.caseload_now += delta

    # ------------------------------------------------------------------ processes

    def sessions_needed(self):
        lam = self.rng.gammavariate(self.need_shape, self.need_scale)
        k = 0
        t = self.rng.expovariate(1.0)
        while t <= lam:
            k += 1
            t += self.rng.expovariate(1.0)
        return max(1, round(NEED_MIN + k))

    def referrals(self):
        """Poisson referrals from the practice."""
        env = self.env
        rate = REFERRALS_PER_MONTH / MONTH
        expovariate = self.rng.expovariate
        while True:
            yield At(env, expovariate(rate), REFERRAL)
            self.model_events += 1
            self.patients += 1
            env.process(self.patient(Patient(env.now, self.sessions_needed())))

    def patient(self, p):
        """One patient's episode: waiting list, then sessions until discharge."""
        env = self.env
        rng = self.rng
        p.seen = env.event()
        self.waiting.append(p)
        self.offer_to_idle_workers()
        while True:
            yield p.seen
            if rng.random() >= DID_NOT_ATTEND:
                p.attended += 1
            if p.attended >= p.needed or p.attended >= SESSION_CAP:
                p.worker.caseload -= 1
                self.caseload_changed(env.now, -1)
                return
            yield At(env, DAYS_BETWEEN_SESSIONS * DAY, FOLLOW_UP_DUE)
            self.model_events += 1
            p.seen = env.event()
            w = p.worker
            w.due.append(p)
            w.poke()

    def offer_to_idle_workers(self):
        """Offer the head of the list to idle workers, smallest caseload first, until one takes it."""
        idle = [w for w in self.workers if w.in_block and w.current is None]
        if not idle:
            return
        idle.sort(key=lambda w: w.caseload)  # stable: lowest index on ties
        before = len(self.waiting)
        for w in idle:
            w.poke()
            if len(self.waiting) < before:
                return

    def allocate(self, p, w):
        now = self.env.now
        p.worker = w
        w.caseload += 1
        self.caseload_changed(now, +1)
        if p.referred_at >= self.warmup:
            self.wait_sum += (now - p.referred_at) / DAY
            self.wait_count += 1

    def finish(self):
        self.caseload_changed(self.horizon, 0)
        window = self.horizon - self.warmup
        return {
            'waitDays': self.wait_sum / self.wait_count if self.wait_count else None,
            'caseloadPerWorker': self.caseload_area / window / WORKERS,
            'utilisation': self.busy_minutes / self.contracted_minutes if self.contracted_minutes else None,
        }


def run_replication(seed, rep, warmup, horizon):
    env = CountingEnvironment()
    service = Service(env, random.Random(seed * 1000 + rep), warmup, horizon)
    env.run(until=At(env, horizon, STOP))
    return service.finish(), env.events - 1, service.model_events, service.patients


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--years', type=float, default=5.0, help='horizon in years of 365.25 days, warm-up included')
    ap.add_argument('--warmup-days', type=float, default=182.0, help='warm-up excluded from statistics')
    ap.add_argument('--reps', type=int, default=20, help='replications')
    ap.add_argument('--seed', type=int, default=1, help='base seed: replication r uses random.Random(seed*1000+r)')
    args = ap.parse_args()
    horizon = args.years * YEAR
    warmup = args.warmup_days * DAY
    if not 0 <= warmup < horizon:
        ap.error('warm-up must be shorter than the horizon')

    metrics = {'waitDays': [], 'caseloadPerWorker': [], 'utilisation': []}
    events = model_events = patients = 0
    started = time.perf_counter()
    for rep in range(args.reps):
        m, e, me, n = run_replication(args.seed, rep, warmup, horizon)
        for k in metrics:
            metrics[k].append(m[k])
        events += e
        model_events += me
        patients += n
    wall = time.perf_counter() - started

    print(json.dumps({
        'model': 'linkworker',
        'reps': args.reps,
        'wallSeconds': wall,
        'events': events,
        'modelEvents': model_events,
        'patients': patients,
        'metrics': metrics,
    }))


if __name__ == '__main__':
    main()
