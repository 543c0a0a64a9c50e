/**
 * The model's clock: minutes since Monday 00:00 of week 0, which is also 1 January of
 * year 0 (so month-of-year seasonality and weekly rotas share one origin). A year is
 * 365.25 days and a month a twelfth of it, so rates per month and per year stay exact
 * over long horizons. Waits are reported in calendar days (nights and weekends count).
 */
export const MINUTE = 1;
export const HOUR = 60;
export const DAY = 24 * HOUR;
export const WEEK = 7 * DAY;
export const YEAR = 365.25 * DAY;
export const MONTH = YEAR / 12;
/** Weeks in the leave calendar (annual leave repeats every 52 weeks). */
export const LEAVE_CYCLE_WEEKS = 52;

const DAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;
export type DayName = keyof typeof DAY_INDEX;

/** Minutes from Monday 00:00 to `day` at clock time "HH:MM". */
export function weekMinute(day: DayName, clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return DAY_INDEX[day] * DAY + h * HOUR + m;
}
