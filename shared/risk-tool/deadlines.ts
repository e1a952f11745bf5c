/**
 * What each priority level of the risk tool (seed 002, "Önerilen müdahale")
 * asks of the caseworker, as data, and the concrete due dates it implies.
 *
 * Pure: no clock is read here (the caller passes `from`), no Node import.
 * Due dates are computed in local time with date-fns `add`, which adds
 * calendar units (months, days) on the local calendar and only then hours as
 * elapsed time: "within 1 month" from 31 January is the last day of February,
 * "within 1 week" keeps the wall-clock time across a DST change, and "within
 * 24 hours" is 24 real hours.
 */
import { add } from 'date-fns';
import type { TFunction } from 'i18next';
import type { LevelId } from './types';

export const DEADLINE_KINDS = [
  'firstContact',
  'protection',
  'followUp',
  'assessment',
  'casePlan',
  'monitoring',
  'closureReview',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface Within {
  hours?: number;
  days?: number;
  months?: number;
}

export interface Deadline {
  kind: DeadlineKind;
  /** Time allowed from the assessment; all zero means "immediately". */
  within: Within;
  /** Recurring tasks (follow-up): `within` is when the first one is due, then `perWeek` times a week. */
  recurrence?: { perWeek: number };
  /** i18n key naming the task (the interval is rendered from `within`/`recurrence`, see deadlineText). */
  labelKey: string;
}

const label = (kind: DeadlineKind): string => `risk.deadline.kind.${kind}`;
const d = (kind: DeadlineKind, within: Within, recurrence?: { perWeek: number }): Deadline =>
  recurrence ? { kind, within, recurrence, labelKey: label(kind) } : { kind, within, labelKey: label(kind) };

/**
 * The seed's table, row "Önerilen müdahale", plus its notes:
 * - Acil: "hemen ve en geç 24 saat içinde", "koruma mekanizmaları hemen devreye
 *   alınır". Follow-up: the notes say the frequency is adapted to the situation
 *   and "may even be daily" for Acil/Yüksek; for Acil we set daily, the
 *   assessor can adapt. The seed names no assessment / case-plan time for Acil;
 *   we apply Yüksek's one week, so a more severe level never has fewer or
 *   later deadlines than a milder one.
 * - Yüksek: "24-48 saat içinde" (we take the outer bound, 48 h), "haftada iki
 *   kez takip" (first follow-up within 3 days: a twice-weekly rhythm never
 *   leaves more than 3.5 days between visits), "bir hafta içinde değerlendirme
 *   ve vaka planlaması".
 * - Orta: "1 hafta içinde; haftalık takip", "değerlendirme 2 hafta içinde",
 *   "vaka planlaması bir ay içinde".
 * - Düşük: monitoring needed; "değerlendirme ve planlama 1 ay içinde". The seed
 *   gives monitoring no interval; its first check is due with the assessment.
 * - Risk Yok: no intervention or monitoring; closing the case is recommended.
 *   The case still has to be closed by someone (supervisor approval), so the
 *   level yields one closure-review task; its one-month horizon is ours, not
 *   the seed's.
 */
export const DEADLINES: Readonly<Record<LevelId, readonly Deadline[]>> = {
  urgent: [
    d('firstContact', { hours: 24 }),
    d('protection', { hours: 0 }),
    d('followUp', { days: 1 }, { perWeek: 7 }),
    d('assessment', { days: 7 }),
    d('casePlan', { days: 7 }),
  ],
  high: [
    d('firstContact', { hours: 48 }),
    d('followUp', { days: 3 }, { perWeek: 2 }),
    d('assessment', { days: 7 }),
    d('casePlan', { days: 7 }),
  ],
  medium: [
    d('firstContact', { days: 7 }),
    d('followUp', { days: 7 }, { perWeek: 1 }),
    d('assessment', { days: 14 }),
    d('casePlan', { months: 1 }),
  ],
  low: [d('monitoring', { months: 1 }), d('assessment', { months: 1 }), d('casePlan', { months: 1 })],
  none: [d('closureReview', { months: 1 })],
};

/** The deadlines a level implies, in the seed's order (a fresh copy the caller may keep). */
export function deadlinesFor(level: LevelId): Deadline[] {
  return DEADLINES[level].map(cloneDeadline);
}

function cloneDeadline(deadline: Deadline): Deadline {
  const copy: Deadline = { kind: deadline.kind, within: { ...deadline.within }, labelKey: deadline.labelKey };
  if (deadline.recurrence) copy.recurrence = { ...deadline.recurrence };
  return copy;
}

export interface DueDate extends Deadline {
  due: Date;
}

/** `from` plus `within`, in local time (calendar units first, then hours). */
export function dueAt(within: Within, from: Date): Date {
  return add(from, { months: within.months ?? 0, days: within.days ?? 0, hours: within.hours ?? 0 });
}

/** True for a deadline the seed words as "hemen" (immediately): no time allowed at all. */
export function isImmediate(within: Within): boolean {
  return !within.months && !within.days && !within.hours;
}

/**
 * Concrete due dates for a level's deadlines, counted from `from` (normally the assessment's date).
 * A "hemen" (immediate) task is due by the level's first-contact deadline ("hemen ve en geç 24 saat
 * içinde"), not at the assessment's own moment: it starts at once but is not overdue when created.
 */
export function dueDates(level: LevelId, from: Date): DueDate[] {
  const deadlines = deadlinesFor(level);
  const firstContact = deadlines.find((deadline) => deadline.kind === 'firstContact');
  return deadlines.map((deadline) => ({
    ...deadline,
    due: dueAt(isImmediate(deadline.within) && firstContact ? firstContact.within : deadline.within, from),
  }));
}

/**
 * One readable line for a deadline, e.g. "First contact: within 48 hours" or
 * "Follow-up: twice a week, first within 3 days". Lives here so the renderer,
 * PDFs and the CLI word deadlines the same way.
 */
export function deadlineText(t: TFunction, deadline: Deadline): string {
  const parts: string[] = [];
  const perWeek = deadline.recurrence?.perWeek;
  if (perWeek !== undefined) parts.push(perWeek === 7 ? t('risk.deadline.daily') : t('risk.deadline.perWeek', { count: perWeek }));
  parts.push(withinText(t, deadline.within, deadline.recurrence !== undefined));
  return t('risk.deadline.line', { task: t(deadline.labelKey), when: parts.join(', ') });
}

function withinText(t: TFunction, within: Within, first: boolean): string {
  const spans: string[] = [];
  if (within.months) spans.push(t('risk.deadline.months', { count: within.months }));
  if (within.days) spans.push(t('risk.deadline.days', { count: within.days }));
  if (within.hours) spans.push(t('risk.deadline.hours', { count: within.hours }));
  if (spans.length === 0) return t('risk.deadline.immediately');
  return t(first ? 'risk.deadline.firstWithin' : 'risk.deadline.within', { span: spans.join(' ') });
}
