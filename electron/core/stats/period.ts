/**
 * A statistics period: calendar days in the workstation's local time (as the
 * deadlines are), turned into the UTC instants the tables store, and cut into
 * the months it touches for the monthly series.
 */
import { CodedError } from '../../../shared/api/envelope';
import { MAX_PERIOD_DAYS } from '../../../shared/api/schemas/stats';
import { localDay, parseDay } from '../../../shared/time/localDays';

export interface Month {
  /** 'YYYY-MM' */
  key: string;
  /** First instant of the month within the period (UTC ISO) and first instant after it. */
  start: string;
  end: string;
  /** The same as calendar days (YYYY-MM-DD), both included: for day columns (services). */
  firstDay: string;
  lastDay: string;
}

export interface Period {
  from: string;
  to: string;
  days: number;
  /** Local midnight at the start of `from`, as UTC ISO. */
  fromIso: string;
  /** Local midnight after `to` (exclusive), as UTC ISO. */
  toIsoExclusive: string;
  months: Month[];
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dayOf = localDay;
const localDate = parseDay;

export function periodOf(from: string, to: string): Period {
  const start = localDate(from);
  const last = localDate(to);
  if (last < start) throw new CodedError('stats.periodInvalid', { field: 'to' });
  const end = new Date(last.getFullYear(), last.getMonth(), last.getDate() + 1);
  const days = Math.round((Date.UTC(last.getFullYear(), last.getMonth(), last.getDate()) - Date.UTC(start.getFullYear(), start.getMonth(), start.getDate())) / 86_400_000) + 1;
  if (days > MAX_PERIOD_DAYS) throw new CodedError('stats.periodTooLong', { field: 'to', days: MAX_PERIOD_DAYS });

  const months: Month[] = [];
  let cursor = new Date(start.getFullYear(), start.getMonth(), 1);
  while (cursor < end) {
    const next = new Date(cursor.getFullYear(), cursor.getMonth() + 1, 1);
    const s = cursor < start ? start : cursor;
    const e = next > end ? end : next;
    const lastDay = new Date(e.getFullYear(), e.getMonth(), e.getDate() - 1);
    months.push({ key: `${cursor.getFullYear()}-${pad(cursor.getMonth() + 1)}`, start: s.toISOString(), end: e.toISOString(), firstDay: dayOf(s), lastDay: dayOf(lastDay) });
    cursor = next;
  }
  return { from, to, days, fromIso: start.toISOString(), toIsoExclusive: end.toISOString(), months };
}

/**
 * SQL that maps a column to the index of its month in the period: a CASE over
 * the month ends, with named parameters (the values come from `monthParams`).
 * `kind` 'instant' compares UTC ISO moments, 'day' compares YYYY-MM-DD days.
 */
export function monthIndexSql(column: string, months: readonly Month[], kind: 'instant' | 'day'): string {
  const prefix = kind === 'instant' ? 'mi' : 'md';
  const op = kind === 'instant' ? '<' : '<=';
  // A balanced tree of comparisons: about log2(months) of them a row, even over ten years.
  const tree = (lo: number, hi: number): string => {
    if (lo === hi) return String(lo);
    const mid = (lo + hi) >> 1;
    return `CASE WHEN ${column} ${op} @${prefix}${mid} THEN ${tree(lo, mid)} ELSE ${tree(mid + 1, hi)} END`;
  };
  return `(${tree(0, months.length - 1)})`;
}

export function monthParams(months: readonly Month[]): Record<string, string> {
  const params: Record<string, string> = {};
  months.slice(0, -1).forEach((m, i) => {
    params[`mi${i}`] = m.end;
    params[`md${i}`] = m.lastDay;
  });
  return params;
}
