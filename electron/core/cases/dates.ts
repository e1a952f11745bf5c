/**
 * Dates in the cases area. Moments are stored as UTC ISO strings; calendar
 * days (birth dates, due days) as YYYY-MM-DD. "Today" and day boundaries are
 * the workstation's local calendar (core runs on the user's own computer).
 */
import { addDays, format, startOfDay } from 'date-fns';

/** Local calendar day of a moment. */
export const localDay = (moment: Date): string => format(moment, 'yyyy-MM-dd');

/** Input moment (ISO with offset, or local without) → UTC ISO. */
export const toUtc = (moment: string): string => new Date(moment).toISOString();

/** A local calendar day's end as UTC ISO (the instant the next day starts). */
export const dayEndUtc = (day: string): string => addDays(startOfDay(new Date(`${day}T00:00:00`)), 1).toISOString();
/** A local calendar day's start as UTC ISO. */
export const dayStartUtc = (day: string): string => startOfDay(new Date(`${day}T00:00:00`)).toISOString();

/** Local "end of today" and "end of the 7 days after today" for the dashboard. */
export function dashboardBounds(now: Date): { now: string; todayEnd: string; weekEnd: string } {
  const tomorrow = addDays(startOfDay(now), 1);
  return { now: now.toISOString(), todayEnd: tomorrow.toISOString(), weekEnd: addDays(tomorrow, 7).toISOString() };
}

/** A due day (YYYY-MM-DD) as the moment a task is due: the end of that local day (a deadline "on" a day may be met all day). */
export const dueAtOfDay = (day: string): string => new Date(new Date(`${day}T23:59:00`).getTime()).toISOString();
