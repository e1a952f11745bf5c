/**
 * Calendar days on the office's local calendar (the workstation's time zone).
 *
 * Instants are stored as UTC ISO strings; days (birth dates, due days, "today",
 * delivered-on, …) as local `YYYY-MM-DD`. A day is never taken from the UTC part
 * of an ISO string (`iso.slice(0, 10)`, `toISOString().slice(0, 10)`), and a bare
 * day is never parsed with `new Date('2026-03-02')` (that is UTC midnight, the
 * previous evening west of Greenwich). Use these helpers instead.
 *
 * Pure: no Node import, used by core, CLI and renderer alike.
 */

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Is this string a bare calendar day (`YYYY-MM-DD`)? */
export const isDayString = (value: string): boolean => DAY_PATTERN.test(value);

/** The local calendar day of an instant (default: now). */
export function localDay(moment: Date = new Date()): string {
  return `${pad(moment.getFullYear(), 4)}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** Today on this workstation's calendar. `now` lets callers pass their clock. */
export const todayLocal = (now: Date = new Date()): string => localDay(now);

/** The local calendar day of a stored instant (UTC ISO or ISO with offset); a bare day is returned as is. */
export function dayOfMoment(iso: string): string {
  return isDayString(iso) ? iso : localDay(new Date(iso));
}

/** A day as the Date of its local midnight. */
export function parseDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const date = new Date(y, m - 1, d);
  // Years 0–99 would be read as 1900–1999.
  if (y < 100) date.setFullYear(y);
  return date;
}

/** A day or an instant as a Date: a bare day at its local midnight, an instant as is. */
export const toDate = (dayOrMoment: string | Date): Date =>
  dayOrMoment instanceof Date ? dayOrMoment : isDayString(dayOrMoment) ? parseDay(dayOrMoment) : new Date(dayOrMoment);

/** `count` calendar days after `day` (negative: before). */
export function addDaysToDay(day: string, count: number): string {
  const date = parseDay(day);
  date.setDate(date.getDate() + count);
  return localDay(date);
}

/** The first instant of a local day, as UTC ISO. */
export const dayStartUtc = (day: string): string => parseDay(day).toISOString();

/** The first instant after a local day (the next day's local midnight), as UTC ISO. */
export const dayEndUtc = (day: string): string => parseDay(addDaysToDay(day, 1)).toISOString();

/** A due day as the moment a task is due: 23:59 local on that day (a deadline "on" a day may be met all day). */
export function dueAtOfDay(day: string): string {
  const date = parseDay(day);
  date.setHours(23, 59, 0, 0);
  return date.toISOString();
}

/** A day and a local time (`HH:mm`) as a UTC ISO instant. */
export function localMoment(day: string, time: string): string {
  const [h = '0', m = '0'] = (time || '00:00').split(':');
  const date = parseDay(day);
  date.setHours(Number(h) || 0, Number(m) || 0, 0, 0);
  return date.toISOString();
}

/** The local `HH:mm` of an instant. */
export function localTime(iso: string | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whole local calendar days from `from` to `to` (both days; negative when `to` is earlier). DST-safe. */
export function daysBetween(from: string, to: string): number {
  const a = parseDay(from);
  const b = parseDay(to);
  return Math.round((Date.UTC(b.getFullYear(), b.getMonth(), b.getDate()) - Date.UTC(a.getFullYear(), a.getMonth(), a.getDate())) / 86_400_000);
}
