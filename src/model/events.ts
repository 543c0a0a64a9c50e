/**
 * The model's event kinds and their same-instant order. Handlers only change state; choices
 * (who sees whom next, whether networking is squeezed) are made once per instant, after every
 * event of the instant, by the Dispatcher (a decision epoch). The priorities then decide only
 * the order in which state changes of one instant are recorded:
 *   SessionEnd first  — a session ending at the week boundary belongs to the closing week;
 *   WeekTick          — the weekly account sees the instant's discharges, not its arrivals;
 *   Patience          — a patient whose patience runs out now has left before anyone is chosen;
 *   FollowUpDue, Referral, BlockStart — queued before the epoch, so the epoch sees them all.
 * Follow-ups are not events each (follow-ups.ts): they fall due where a FollowUpDue event of
 * this priority would have fired; a Kind.FollowUpDue event is a wake-up for an idle worker.
 */
export const Priority = {
  SessionEnd: 0,
  WeekTick: 2,
  Patience: 3,
  FollowUpDue: 4,
  Referral: 5,
  BlockStart: 6,
} as const;

export const enum Kind {
  Referral,
  Patience,
  FollowUpDue,
  SessionEnd,
  BlockStart,
  WeekTick,
  ReReferral,
}

/**
 * The kinds' names, indexed by Kind (for the bench's count of events by kind). A FollowUpDue event
 * is now only a wake-up of an idle worker, and a BlockStart only the end of a vacancy on the
 * always-open rota: the follow-ups and block starts themselves are not events (follow-ups.ts,
 * working-time.ts).
 */
export const KIND_NAMES: readonly string[] = ['referral', 'patience', 'followUpWakeUp', 'sessionEnd', 'blockStart', 'weekTick', 'reReferral'];

/** The priority of each kind of event. */
export const KIND_PRIORITY: readonly number[] = (() => {
  const p: number[] = [];
  p[Kind.Referral] = Priority.Referral;
  p[Kind.Patience] = Priority.Patience;
  p[Kind.FollowUpDue] = Priority.FollowUpDue;
  p[Kind.SessionEnd] = Priority.SessionEnd;
  p[Kind.BlockStart] = Priority.BlockStart;
  p[Kind.WeekTick] = Priority.WeekTick;
  p[Kind.ReReferral] = Priority.Referral;
  return p;
})();
