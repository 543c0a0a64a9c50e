/**
 * The model's event kinds and their same-instant order. Handlers only change state; choices
 * (who sees whom next, whether networking is squeezed) are made once per instant, after every
 * event of the instant, by the Dispatcher (a decision epoch). The priorities then decide only
 * the order in which state changes of one instant are recorded:
 *   SessionEnd first  — a session ending at the week boundary belongs to the closing week;
 *   WeekTick          — the weekly account sees the instant's discharges, not its arrivals;
 *   Patience          — a patient whose patience runs out now has left before anyone is chosen;
 *   FollowUpDue, Referral, BlockStart — queued before the epoch, so the epoch sees them all.
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

/** The kinds' names, indexed by Kind (for the bench's count of events by kind). */
export const KIND_NAMES: readonly string[] = ['referral', 'patience', 'followUpDue', 'sessionEnd', 'blockStart', 'weekTick', 'reReferral'];
