/**
 * Working days for reply deadlines: Monday to Friday, without Turkey's
 * fixed-date national holidays. The religious holidays (Ramazan and Kurban
 * Bayramı) move every year and are not counted here; the user can set another
 * reply day when sending.
 */
import { addDays, format, parseISO } from 'date-fns';

/** MM-dd of the fixed national holidays (1 Jan, 23 Apr, 1 May, 19 May, 15 Jul, 30 Aug, 29 Oct). */
const FIXED_HOLIDAYS = new Set(['01-01', '04-23', '05-01', '05-19', '07-15', '08-30', '10-29']);

export function isWorkingDay(day: Date): boolean {
  const weekday = day.getDay();
  return weekday !== 0 && weekday !== 6 && !FIXED_HOLIDAYS.has(format(day, 'MM-dd'));
}

/** The working day `count` working days after `day` (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addWorkingDays(day: string, count: number): string {
  let date = parseISO(day);
  let left = count;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date)) left -= 1;
  }
  return format(date, 'yyyy-MM-dd');
}
