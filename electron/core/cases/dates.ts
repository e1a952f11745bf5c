/**
 * Dates in the cases area. Moments are stored as UTC ISO strings; calendar
 * days (birth dates, due days) as YYYY-MM-DD. "Today" and day boundaries are
 * the workstation's local calendar (core runs on the user's own computer).
 * The day arithmetic lives in `shared/time/localDays.ts`.
 */
import { addDays, startOfDay } from 'date-fns';

export { dayEndUtc, dayStartUtc, dueAtOfDay, localDay } from '../../../shared/time/localDays';

/** Input moment (ISO with offset, or local without) → UTC ISO. */
export const toUtc = (moment: string): string => new Date(moment).toISOString();

/** Local "end of today" and "end of the 7 days after today" for the dashboard. */
export function dashboardBounds(now: Date): { now: string; todayEnd: string; weekEnd: string } {
  const tomorrow = addDays(startOfDay(now), 1);
  return { now: now.toISOString(), todayEnd: tomorrow.toISOString(), weekEnd: addDays(tomorrow, 7).toISOString() };
}
