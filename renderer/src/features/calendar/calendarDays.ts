/** Day arithmetic for the calendar views: weeks start on Monday (Turkish usage), days are local `YYYY-MM-DD`. */
import { addDaysToDay, parseDay } from '../../../../shared/time/localDays';

export type View = 'week' | 'month';

/** The Monday of the week holding `day`. */
export const weekStart = (day: string): string => addDaysToDay(day, -((parseDay(day).getDay() + 6) % 7));

export const monthStart = (day: string): string => `${day.slice(0, 7)}-01`;

/** The days a view shows around `day`: one week, or the six weeks (Monday first) holding its month. */
export function visibleDays(view: View, day: string): string[] {
  const first = weekStart(view === 'week' ? day : monthStart(day));
  const count = view === 'week' ? 7 : 42;
  return Array.from({ length: count }, (_, i) => addDaysToDay(first, i));
}

/** The same day one month later or earlier, kept inside the target month (31 March → 30 April). */
export function addMonths(day: string, count: number): string {
  const d = parseDay(day);
  const target = new Date(d.getFullYear(), d.getMonth() + count, 1);
  const last = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(d.getDate(), last));
  return `${target.getFullYear()}-${String(target.getMonth() + 1).padStart(2, '0')}-${String(target.getDate()).padStart(2, '0')}`;
}

/** Where a key moves the focused day in the grid (null: not a navigation key). */
export function moveByKey(key: string, day: string): string | null {
  switch (key) {
    case 'ArrowLeft':
      return addDaysToDay(day, -1);
    case 'ArrowRight':
      return addDaysToDay(day, 1);
    case 'ArrowUp':
      return addDaysToDay(day, -7);
    case 'ArrowDown':
      return addDaysToDay(day, 7);
    case 'Home':
      return weekStart(day);
    case 'End':
      return addDaysToDay(weekStart(day), 6);
    case 'PageUp':
      return addMonths(day, -1);
    case 'PageDown':
      return addMonths(day, 1);
    default:
      return null;
  }
}
