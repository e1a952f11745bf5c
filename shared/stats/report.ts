/**
 * The layout of the period statistics report, shared by the screen, the CSV
 * and the PDF so they show the same tables in the same order with the same
 * names: the summary figures, then one table per breakdown. Pure: labels come
 * from the caller's i18next `t`.
 */
import type { TFunction } from 'i18next';
import { LOCALE, type Language } from '../i18n/languages';
import type { StatCell, StatFigure, StatsPeriod, StatTable } from '../api/schemas/stats';

export type TableId =
  | 'concerns'
  | 'channels'
  | 'priorityFirst'
  | 'priorityNow'
  | 'status'
  | 'services'
  | 'assessmentLevels'
  | 'deadlines'
  | 'referralInstitutions'
  | 'referralOutcomes'
  | 'courtOrders';

export interface ReportTable {
  id: TableId;
  /** i18n key of the heading. */
  title: string;
  /** i18n key of the count column ("Vaka", "Başvuru", "Hizmet" …). */
  unit: string;
  table: (s: StatsPeriod) => StatTable;
  /** Only when the data exists (referrals and court need migration 4). */
  available?: (s: StatsPeriod) => boolean;
}

export const REPORT_TABLES: readonly ReportTable[] = [
  { id: 'concerns', title: 'stats.table.concerns', unit: 'stats.unit.cases', table: (s) => s.concerns },
  { id: 'channels', title: 'stats.table.channels', unit: 'stats.unit.reports', table: (s) => s.channels },
  { id: 'priorityFirst', title: 'stats.table.priorityFirst', unit: 'stats.unit.cases', table: (s) => s.priorityFirst },
  { id: 'priorityNow', title: 'stats.table.priorityNow', unit: 'stats.unit.cases', table: (s) => s.priorityNow },
  { id: 'status', title: 'stats.table.status', unit: 'stats.unit.cases', table: (s) => s.status },
  { id: 'services', title: 'stats.table.services', unit: 'stats.unit.services', table: (s) => s.services },
  { id: 'assessmentLevels', title: 'stats.table.assessmentLevels', unit: 'stats.unit.assessments', table: (s) => s.assessmentLevels },
  { id: 'deadlines', title: 'stats.table.deadlines', unit: 'stats.unit.deadlines', table: (s) => s.deadlines },
  { id: 'referralInstitutions', title: 'stats.table.referralInstitutions', unit: 'stats.unit.referrals', table: (s) => s.referrals.byInstitution, available: (s) => s.referrals.available },
  { id: 'referralOutcomes', title: 'stats.table.referralOutcomes', unit: 'stats.unit.referrals', table: (s) => s.referrals.byOutcome, available: (s) => s.referrals.available },
  { id: 'courtOrders', title: 'stats.table.courtOrders', unit: 'stats.unit.orders', table: (s) => s.court.ordersByCompliance, available: (s) => s.court.available },
];

export const tableById = (id: TableId): ReportTable => REPORT_TABLES.find((t) => t.id === id)!;

export type FigureKind = 'count' | 'percent' | 'days';
export interface SummaryFigure {
  key: string;
  kind: FigureKind;
  get: (s: StatsPeriod) => StatFigure;
  available?: (s: StatsPeriod) => boolean;
}

/** The summary, in print order; labels are `stats.summary.<key>`. */
export const SUMMARY_FIGURES: readonly SummaryFigure[] = [
  { key: 'newCases', kind: 'count', get: (s) => s.summary.newCases },
  { key: 'reports', kind: 'count', get: (s) => s.summary.reports },
  { key: 'reportedCases', kind: 'count', get: (s) => s.summary.reportedCases },
  { key: 'casesWithSeveral', kind: 'count', get: (s) => s.concerns.casesWithSeveral },
  { key: 'activeCases', kind: 'count', get: (s) => s.summary.activeCases },
  { key: 'closedCases', kind: 'count', get: (s) => s.summary.closedCases },
  { key: 'childrenServed', kind: 'count', get: (s) => s.summary.childrenServed },
  { key: 'householdsServed', kind: 'count', get: (s) => s.summary.householdsServed },
  { key: 'services', kind: 'count', get: (s) => s.summary.services },
  { key: 'serviceSessions', kind: 'count', get: (s) => s.summary.serviceSessions },
  { key: 'servicePeople', kind: 'count', get: (s) => s.summary.servicePeople },
  { key: 'assessmentsDone', kind: 'count', get: (s) => s.summary.assessmentsDone },
  { key: 'deadlinesOnTimeRate', kind: 'percent', get: (s) => s.summary.deadlinesOnTimeRate },
  { key: 'referrals', kind: 'count', get: (s) => s.summary.referrals, available: (s) => s.referrals.available },
  { key: 'referralsReplied', kind: 'count', get: (s) => s.referrals.replied, available: (s) => s.referrals.available },
  { key: 'medianReplyDays', kind: 'days', get: (s) => s.referrals.medianReplyDays, available: (s) => s.referrals.available },
  { key: 'hearingsHeld', kind: 'count', get: (s) => s.summary.hearingsHeld, available: (s) => s.court.available },
];

export const MONTHLY_SERIES = ['newCases', 'reports', 'assessments', 'services'] as const;
export type MonthlySeries = (typeof MONTHLY_SERIES)[number];

/** The name of a cell: a lookup's own label, or the translation of an enum key. */
export function cellLabel(t: TFunction, language: Language, id: TableId, cell: StatCell): string {
  if (cell.label) return cell.label[language];
  switch (id) {
    case 'priorityFirst':
    case 'priorityNow':
    case 'assessmentLevels':
      return t(`cases.priority.${cell.key === 'unassessed' ? 'unset' : cell.key}`);
    case 'status':
      return t(`cases.status.${cell.key}`);
    case 'deadlines':
      return t(`stats.deadline.${cell.key}`);
    case 'referralOutcomes':
      return t(`stats.referralState.${cell.key}`);
    case 'courtOrders':
      return t(`stats.compliance.${cell.key}`);
    default:
      return cell.key;
  }
}

/** "Ocak 2026" / "January 2026" for 'YYYY-MM'. */
export function monthLabel(key: string, language: Language, style: 'long' | 'short' = 'long'): string {
  const [y, m] = key.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(LOCALE[language], { month: style, year: 'numeric' }).format(new Date(y, m - 1, 1));
}

/** 31.12.2026 (tr) or 31/12/2026 (en) for 'YYYY-MM-DD', without time-zone arithmetic. */
export function dayLabel(day: string, language: Language): string {
  const [y, m, d] = day.split('-');
  return language === 'tr' ? `${d}.${m}.${y}` : `${d}/${m}/${y}`;
}

/** One decimal in the language's form: 23,1 (tr) / 23.1 (en). */
export const formatDecimal = (value: number, language: Language): string =>
  new Intl.NumberFormat(LOCALE[language], { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);

/** A percentage as each language writes it: %23,1 (tr) / 23.1% (en). */
export const formatPercent = (value: number, language: Language): string =>
  new Intl.NumberFormat(LOCALE[language], { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value / 100);

/** The text of a hidden cell: "<5". */
export const hiddenText = (k: number | null): string => `<${k ?? ''}`;

/** Cells worth drawing or listing: everything that holds records (hidden ones too). */
export function shownCells(table: StatTable): StatCell[] {
  return table.cells.filter((c) => c.hidden || (c.count ?? 0) > 0);
}

/** The counting rules, printed at the end of the report and shown on screen: `stats.rules.<key>`. */
export const RULE_KEYS = ['period', 'scope', 'reports', 'concerns', 'active', 'children', 'services', 'deadlines', 'referrals', 'suppression'] as const;
