#!/usr/bin/python3
"""SimPy peer of Goldilocks for the benchmark: a simple link-worker service.

The same service as the Goldilocks scenario ``bench/linkworker.yaml``, written the way SimPy's
documentation and examples write such a model: a referral generator process, one process per
link worker taking one piece of work after another (a ``Timeout`` per session), a rota process
per worker that sleeps until the next patient block opens (computed from the weekly plan, no
process or event per block end), patients as plain Python objects, due follow-ups as ``Timeout``
events with a callback. Run with Debian's Python and SimPy 3 (``python3-simpy3``, 3.0.11)::

    /usr/bin/python3 bench/peers/linkworker_simpy.py --years 10 --warmup-days 182 --reps 20 \
        --seed 1 --referrals-per-month 60

Output: ONE JSON document on stdout::

    {"model": "linkworker", "reps": R, "referralsPerMonth": ..., "wallSeconds": ...,
     "events": ..., "patients": ..., "metrics": {"waitDays": [...], "caseloadPerWorker": [...],
                                                 "utilisation": [...]}}

one entry per replication in each metric list (``null`` where a replication has no value).

Modelling assumptions: those of Goldilocks (docs/model.md sections 2, 3 and 5; src/model/
replication.ts, dispatcher.ts, work-sources.ts, sessions.ts, working-time.ts, intake.ts,
statistics.ts) for bench/linkworker.yaml, where every lever, extra workload and worker dynamic
is switched off
------------------------------------------------------------------------------------------------
Time
  * Minutes from Monday 00:00 of week 0. Day = 1440 min, week = 7 days, year = 365.25 days,
    month = year / 12 (30.4375 days).
  * Horizon T = years x 365.25 days; warm-up W = warm-up days. Events at exactly T still happen
    (Goldilocks runs events with time <= T): the run stops on an event at T that sorts after
    every other event of that instant.

Team and rota
  * 2 identical link workers (index 0 and 1), full time; no annual leave, no vacancies, no
    caseload limit, no networking squeeze (the networking block is protected).
  * Weekly rota: Monday-Friday 09:00-12:00 and 13:00-17:00 patient blocks, except Wednesday
    13:00-17:00, a networking block (contracted time, never patients): 35 h contracted a week,
    31 h of it for patients.
  * A worker is on patient time while the clock is before the end of the patient block that
    opened last (Goldilocks has no block-end event either). The rota process of each worker
    wakes when a patient block opens; networking blocks need no event (they only count as
    contracted time, computed from the plan at the end).

Referrals and patients
  * One practice, Poisson referrals at --referrals-per-month (default 40) per month, constant,
    around the clock (nights and weekends too), from t = 0.
  * Sessions needed, drawn at referral: 1 + negative binomial with mean 3.1 and variance 4.9^2
    (mean 4.1, SD 4.9, minimum 1), drawn as a gamma-Poisson mixture: lambda ~ Gamma(shape
    r = 3.1^2 / (4.9^2 - 3.1), scale 3.1 / r), need = 1 + Poisson(lambda).
  * No patience: nobody leaves the waiting list unseen.
  * Fixed session lengths: 60 min while the patient has attended no session (a patient who
    missed the first session gets a 60-min first session again), 30 min after; each session is
    followed by 10 min of admin. The worker is busy for length + admin; the session ends at the
    end of the admin.
  * Each session is missed (did not attend) with probability 0.1, decided at its end. A missed
    session takes its full length + admin and counts neither towards the cap nor as progress.
  * After each session: if attended >= needed, discharge (need met); else if attended >= 6 (the
    session cap), discharge with unmet need; else the next follow-up falls due 14 days after the
    end of the session (admin included) and joins the worker's own due list (oldest first).

Allocation: decision epochs (docs/model.md section 3)
  * Events only change state: a session ends, a follow-up falls due, a referral joins the
    waiting list, a patient block opens. What anyone does next is decided once, at the END of
    the instant, after every state change of that instant (an ``EndOfInstant`` event, scheduled
    with a priority after SimPy's URGENT and NORMAL, so it sorts after every ordinary event of
    the same time, including those its predecessors trigger). So a session that ends at the
    instant one of the worker's follow-ups falls due sees that follow-up, whatever the order of
    the two events.
  * At the epoch, each free worker on patient time (1) takes its oldest due follow-up if its
    length + admin fits in what is left of the block; if it does not fit, the worker starts
    nothing else in that block (no reordering, no new patient); (2) only with no follow-up of
    its own due, the free workers are offered the head of the single FIFO waiting list in order
    of smallest caseload (lowest index on ties), each once, while the list is not empty; a
    worker takes it if 60 + 10 min fit in what is left of its block (else the next worker is
    asked: nobody behind the head is tried).
  * Continuity: a patient stays with the worker who started the first session (attended or
    missed). Allocation (joining the caseload, end of the wait) happens when it starts.
  * Why no simpy.Store / Resource: a Store hands an item to the longest-waiting getter at the
    moment it is put, and a Resource grants requests in request order; this service's rule
    (smallest caseload, only if the session fits, after all changes of the instant) is a
    decision, so it is made by the dispatcher at the epoch, which then wakes the chosen
    worker's process with the patient.

Statistics per replication, over the window [W, T] (Goldilocks statistics.ts)
  * waitDays: mean calendar days from referral to the start of the first session, over
    patients referred at or after W whose first session started by T (null if none).
  * caseloadPerWorker: time-average over [W, T] of the patients allocated and not discharged,
    divided by the 2 workers.
  * utilisation: minutes of session + admin (attended or missed) inside [W, T] (clipped to the
    window; credited at the start, which equals crediting at the end plus the session in
    progress at T) divided by contracted minutes inside [W, T] (every rota block, patient and
    networking, clipped to the window).
  * patients: referrals in [0, T], summed over replications.

Random numbers
  * One ``random.Random(seed * 1000 + rep)`` stream per replication. Goldilocks uses its own
    streams, so the tools agree in distribution, not draw for draw.

Measurement
  * wallSeconds times the replications only (environments and processes included; not the
    imports, argument parsing or JSON output): the inner loop.
  * events: events SimPy processed (scheduled minus still queued at the end, from the
    environment's event counter, so counting costs nothing), the final stop event excluded.
"""
import argparse
import json
import math
import random
import time
from collections import deque

import simpy
from simpy.events import Event

# ---------------------------------------------------------------------------- scenario

DAY = 24 * 60
WEEK = 7 * DAY
YEAR = 365.25 * DAY
MONTH = YEAR / 12

WORKERS = 2
NEED_MEAN, NEED_SD, NEED_MIN = 4.1, 4.9, 1
FIRST_MINUTES = 60
FOLLOW_UP_MINUTES = 30
ADMIN_MINUTES = 10
DAYS_BETWEEN_SESSIONS = 14
DID_NOT_ATTEND = 0.1
SESSION_CAP = 6

# The weekly plan, in minutes from Monday 00:00: (start, end, for patients?).
PLAN = []
for _day in range(5):
    PLAN.append((_day * DAY + 9 * 60, _day * DAY + 12 * 60, True))
    PLAN.append((_day * DAY + 13 * 60, _day * DAY + 17 * 60, _day != 2))  # Wednesday pm: networking
PATIENT_BLOCKS = [(s, e) for s, e, patients in PLAN if patients]

# SimPy processes events of one instant by priority: URGENT (0), then NORMAL (1). The decision
# epoch comes after both, and the stop event at the horizon after that.
LATE = 2
LAST = 3


class EndOfInstant(Event):
    """An event, triggered at creation like a ``Timeout``, that SimPy processes after every
    URGENT and NORMAL event of its instant (``Environment.schedule`` with a later priority)."""

    def __init__(self, env, delay=0, priority=LATE):
        super().__init__(env)
        self._ok = True
        self._value = None
        env.schedule(self, priority, delay)


def next_patient_block(now):
    """(start, end) of the first patient block starting after `now` (rota arithmetic)."""
    week = math.floor(now / WEEK) * WEEK
    offset = now - week
    for start, end in PATIENT_BLOCKS:
        if start > offset:
            return week + start, week + end
    start, end = PATIENT_BLOCKS[0]
    return week + WEEK + start, week + WEEK + end


class Patient:
    __slots__ = ('referred_at', 'needed', 'attended', 'worker')

    def __init__(self, referred_at, needed):
        self.referred_at = referred_at
        self.needed = needed
        self.attended = 0
        self.worker = None


class Worker:
    def __init__(self, service, index):
        self.service = service
        self.env = service.env
        self.index = index
        self.caseload = 0
        self.due = deque()      # own follow-ups that have fallen due, oldest first
        self.block_end = 0.0    # end of the patient block that opened last
        self.busy = False
        self.job = None         # the event the work process waits on while free
        self.env.process(self.work())
        self.env.process(self.rota())

    def free_on_patient_time(self, now):
        return not self.busy and now < self.block_end

    def work(self):
        """One session after another, each chosen at a decision epoch."""
        env = self.env
        service = self.service
        while True:
            self.job = env.event()
            patient, minutes = yield self.job
            end = env.now + minutes + ADMIN_MINUTES
            yield env.timeout(end - env.now)
            self.busy = False
            service.session_ended(self, patient)

    def rota(self):
        """Sleep until the next patient block opens; then look for work at the epoch."""
        env = self.env
        service = self.service
        while True:
            start, end = next_patient_block(env.now)
            yield env.timeout(start - env.now)
            self.block_end = end
            if self.due or service.waiting:
                service.request_epoch()

    def follow_up_due(self, event):
        """Timeout callback: one of this worker's patients falls due for a follow-up."""
        self.due.append(event.value)
        if self.free_on_patient_time(self.env.now):
            self.service.request_epoch()


class Service:
    def __init__(self, env, rng, referrals_per_month, warmup, horizon):
        self.env = env
        self.rng = rng
        self.rate = referrals_per_month / MONTH
        self.warmup = warmup
        self.horizon = horizon
        self.waiting = deque()
        self.patients = 0
        self.epoch_pending = False
        # statistics
        self.wait_sum = 0.0
        self.wait_count = 0
        self.caseload_now = 0
        self.caseload_area = 0.0
        self.last_t = 0.0
        self.busy_minutes = 0.0
        # sessions needed: 1 + gamma-Poisson mixture
        m = NEED_MEAN - NEED_MIN
        v = NEED_SD * NEED_SD
        self.need_shape = m * m / (v - m)
        self.need_scale = m / self.need_shape
        self.workers = [Worker(self, i) for i in range(WORKERS)]
        env.process(self.referrals())

    # ------------------------------------------------------------------ processes

    def sessions_needed(self):
        lam = self.rng.gammavariate(self.need_shape, self.need_scale)
        # Poisson(lam) by inversion (one uniform)
        u = self.rng.random()
        k = 0
        p = s = math.exp(-lam)
        while u > s and p > 0.0:
            k += 1
            p *= lam / k
            s += p
        return NEED_MIN + k

    def referrals(self):
        """Poisson referrals from the practice join the waiting list."""
        env = self.env
        expovariate = self.rng.expovariate
        rate = self.rate
        workers = self.workers
        while True:
            yield env.timeout(expovariate(rate))
            self.patients += 1
            self.waiting.append(Patient(env.now, self.sessions_needed()))
            now = env.now
            for w in workers:
                if w.free_on_patient_time(now):
                    self.request_epoch()
                    break

    def session_ended(self, w, p):
        """State change at the end of a session: attendance, discharge or the next follow-up."""
        env = self.env
        if self.rng.random() >= DID_NOT_ATTEND:
            p.attended += 1
        if p.attended >= p.needed or p.attended >= SESSION_CAP:
            w.caseload -= 1
            self.caseload_changed(env.now, -1)
        else:
            due = env.now + DAYS_BETWEEN_SESSIONS * DAY
            env.timeout(due - env.now, p).callbacks.append(w.follow_up_due)
        self.request_epoch()

    # ------------------------------------------------------------------ decision epochs

    def request_epoch(self):
        if not self.epoch_pending:
            self.epoch_pending = True
            EndOfInstant(self.env).callbacks.append(self.decide)

    def decide(self, _event):
        """Every state change of this instant is in: free workers choose (docs/model.md §3)."""
        self.epoch_pending = False
        now = self.env.now
        offer = []
        for w in self.workers:
            if not w.free_on_patient_time(now):
                continue
            if w.due:
                # Existing patients first: the oldest due follow-up, or nothing in this block.
                p = w.due[0]
                minutes = FIRST_MINUTES if p.attended == 0 else FOLLOW_UP_MINUTES
                if minutes + ADMIN_MINUTES <= w.block_end - now:
                    w.due.popleft()
                    self.start(w, p, minutes, now)
            else:
                offer.append(w)
        waiting = self.waiting
        if waiting and offer:
            if len(offer) > 1:
                offer.sort(key=lambda w: w.caseload)  # stable: lowest index on ties
            for w in offer:
                if FIRST_MINUTES + ADMIN_MINUTES <= w.block_end - now:
                    p = waiting.popleft()
                    self.allocate(p, w, now)
                    self.start(w, p, FIRST_MINUTES, now)
                    if not waiting:
                        break

    def start(self, w, p, minutes, now):
        w.busy = True
        self.busy_minutes += self.clipped(now, now + minutes + ADMIN_MINUTES)
        w.job.succeed((p, minutes))

    def allocate(self, p, w, now):
        p.worker = w
        w.caseload += 1
        self.caseload_changed(now, +1)
        if p.referred_at >= self.warmup:
            self.wait_sum += (now - p.referred_at) / DAY
            self.wait_count += 1

    # ------------------------------------------------------------------ statistics

    def clipped(self, start, end):
        return max(0.0, min(end, self.horizon) - max(start, self.warmup))

    def caseload_changed(self, t, delta):
        if t > self.warmup:
            self.caseload_area += self.caseload_now * (t - max(self.last_t, self.warmup))
        self.last_t = t
        self.caseload_now += delta

    def contracted_minutes(self):
        """Every rota block (patient and networking) of every worker, clipped to [W, T]."""
        total = 0.0
        week = 0.0
        while week <= self.horizon:
            for start, end, _ in PLAN:
                total += self.clipped(week + start, week + end)
            week += WEEK
        return total * WORKERS

    def finish(self):
        self.caseload_changed(self.horizon, 0)
        contracted = self.contracted_minutes()
        return {
            'waitDays': self.wait_sum / self.wait_count if self.wait_count else None,
            'caseloadPerWorker': self.caseload_area / (self.horizon - self.warmup) / WORKERS,
            'utilisation': self.busy_minutes / contracted if contracted else None,
        }


def run_replication(seed, rep, referrals_per_month, warmup, horizon):
    env = simpy.Environment()
    service = Service(env, random.Random(seed * 1000 + rep), referrals_per_month, warmup, horizon)
    env.run(until=EndOfInstant(env, horizon, LAST))
    events = next(env._eid) - len(env._queue) - 1  # processed = scheduled - still queued; not the stop
    return service.finish(), events, service.patients


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--years', type=float, default=5.0, help='horizon in years of 365.25 days, warm-up included')
    ap.add_argument('--warmup-days', type=float, default=182.0, help='warm-up excluded from statistics')
    ap.add_argument('--reps', type=int, default=20, help='replications')
    ap.add_argument('--seed', type=int, default=1, help='base seed: replication r uses random.Random(seed*1000+r)')
    ap.add_argument('--referrals-per-month', type=float, default=40.0, help='Poisson referral rate (months of 365.25/12 days)')
    args = ap.parse_args()
    horizon = args.years * YEAR
    warmup = args.warmup_days * DAY
    if not 0 <= warmup < horizon:
        ap.error('warm-up must be shorter than the horizon')
    if not args.referrals_per_month > 0:
        ap.error('--referrals-per-month must be positive')

    metrics = {'waitDays': [], 'caseloadPerWorker': [], 'utilisation': []}
    events = patients = 0
    started = time.perf_counter()
    for rep in range(args.reps):
        m, e, n = run_replication(args.seed, rep, args.referrals_per_month, warmup, horizon)
        for k in metrics:
            metrics[k].append(m[k])
        events += e
        patients += n
    wall = time.perf_counter() - started

    print(json.dumps({
        'model': 'linkworker',
        'reps': args.reps,
        'referralsPerMonth': args.referrals_per_month,
        'wallSeconds': wall,
        'events': events,
        'patients': patients,
        'metrics': metrics,
    }))


if __name__ == '__main__':
    main()
