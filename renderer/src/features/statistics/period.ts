/** The period picker's choices as calendar days (the core reads them in local time). */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'custom';
export const PERIOD_KINDS: PeriodKind[] = ['month', 'quarter', 'year', 'custom'];

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1–12 */
  month: number;
  /** 1–4 */
  quarter: number;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (year: number, month: number) => new Date(year, month, 0).getDate();

/** The from/to days of a choice; null when a custom period is incomplete or reversed. */
export function rangeOf(p: PeriodChoice): { from: string; to: string } | null {
  switch (p.kind) {
    case 'month':
      return { from: `${p.year}-${pad(p.month)}-01`, to: `${p.year}-${pad(p.month)}-${pad(lastDay(p.year, p.month))}` };
    case 'quarter': {
      const first = (p.quarter - 1) * 3 + 1;
      return { from: `${p.year}-${pad(first)}-01`, to: `${p.year}-${pad(first + 2)}-${pad(lastDay(p.year, first + 2))}` };
    }
    case 'year':
      return { from: `${p.year}-01-01`, to: `${p.year}-12-31` };
    case 'custom':
      return p.from && p.to && p.from <= p.to ? { from: p.from, to: p.to } : null;
  }
}

export function initialPeriod(today: Date = new Date()): PeriodChoice {
  const year = today.getFullYear();
  const month = today.getMonth() + 1;
  return { kind: 'year', year, month, quarter: Math.ceil(month / 3), from: `${year}-01-01`, to: `${year}-${pad(month)}-${pad(today.getDate())}` };
}

/** Years from the first case to this year, newest first. */
export function yearsSince(firstDay: string | null, today: Date = new Date()): number[] {
  const last = today.getFullYear();
  const first = firstDay ? Math.min(Number(firstDay.slice(0, 4)), last) : last;
  return Array.from({ length: last - first + 1 }, (_, i) => last - i);
}
