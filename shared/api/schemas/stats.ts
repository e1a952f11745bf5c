/**
 * Period statistics (issue 8): what a unit publishes for a period — cases by
 * concern as percentages (seed 000), by channel, priority and status; children
 * and households served; services by type; assessments against the risk-tool
 * deadlines; referrals and court work — as one typed object shared by the
 * screen, the CLI's JSON, the CSV and the PDF. The counting rules are written
 * down in electron/core/stats/statsService.ts.
 */
import { z } from 'zod';
import { LANGUAGES } from '../../i18n/languages';
import { Day, UserRef } from './cases';

/** A custom period may be at most this long (ten years and a few leap days). */
export const MAX_PERIOD_DAYS = 3660;
/** Thresholds for hiding small counts in exports (k-anonymity style). */
export const MIN_SUPPRESS = 2;
export const MAX_SUPPRESS = 20;

export const CSV_SEPARATORS = ['semicolon', 'comma', 'tab'] as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[number];

export const DEADLINE_OUTCOMES = ['onTime', 'late', 'overdue', 'pending', 'withdrawn'] as const;
export type DeadlineOutcome = (typeof DEADLINE_OUTCOMES)[number];

/** The period and filter every statistics request carries. Dates are local calendar days, both included. */
export const StatsQuery = z
  .object({
    from: Day,
    to: Day,
    /** Only the cases this user is responsible for. */
    caseworkerId: z.string().min(1).max(64).optional(),
    /** Hide cells under this count (exports, or the JSON when asked). */
    suppressBelow: z.number().int().min(MIN_SUPPRESS).max(MAX_SUPPRESS).optional(),
    /** Follow `job.progress` for this computation. */
    jobId: z.string().max(64).optional(),
  })
  .strict();
export type StatsQuery = z.output<typeof StatsQuery>;

export const Labels = z.object({ tr: z.string(), en: z.string() });
export type Labels = z.infer<typeof Labels>;

/**
 * One cell of a table. `count` is null when the cell is hidden (shown as "<k");
 * `percent` (one decimal, largest-remainder rounded so a table sums to exactly
 * 100.0) is null for hidden cells, empty tables and series.
 */
export const StatCell = z.object({
  key: z.string(),
  count: z.number().int().nonnegative().nullable(),
  percent: z.number().nullable(),
  hidden: z.boolean(),
  /** Names of lookup codes (concerns, channels, services, institutions); enums are translated by the reader. */
  label: Labels.nullable(),
  /** Services: sessions delivered (null when hidden). */
  sessions: z.number().int().nonnegative().nullable().optional(),
});
export type StatCell = z.infer<typeof StatCell>;

export const StatTable = z.object({
  cells: z.array(StatCell),
  /** Sum of the shown counts (hidden cells are left out of every total). */
  total: z.number().int().nonnegative(),
  hiddenCells: z.number().int().nonnegative(),
  /** Services: sum of the shown sessions. */
  sessions: z.number().int().nonnegative().optional(),
});
export type StatTable = z.infer<typeof StatTable>;

/** A single figure; null when hidden or when it has no meaning (a median of nothing). */
export const StatFigure = z.object({ value: z.number().nullable(), hidden: z.boolean() });
export type StatFigure = z.infer<typeof StatFigure>;

export const StatsPeriod = z.object({
  period: z.object({
    from: Day,
    to: Day,
    days: z.number().int().positive(),
    /** The months the period touches, 'YYYY-MM', in order (the keys of the monthly series). */
    months: z.array(z.string()),
  }),
  caseworker: UserRef.nullable(),
  /** 'own': a caseworker's statistics cover only the cases they work on. */
  scope: z.enum(['all', 'own']),
  suppressBelow: z.number().int().nullable(),
  generatedAt: z.string(),
  /** False when nothing at all happened in the period (the screen shows its empty state). */
  hasData: z.boolean(),
  summary: z.object({
    newCases: StatFigure,
    reports: StatFigure,
    reportedCases: StatFigure,
    activeCases: StatFigure,
    closedCases: StatFigure,
    childrenServed: StatFigure,
    householdsServed: StatFigure,
    services: StatFigure,
    serviceSessions: StatFigure,
    servicePeople: StatFigure,
    assessmentsDone: StatFigure,
    /** Percent of the deadlines due in the period that were met on time (of on time + late + overdue). */
    deadlinesOnTimeRate: StatFigure,
    referrals: StatFigure,
    hearingsHeld: StatFigure,
  }),
  /** Reported cases by concern: a case counts once per concern it was reported for; percent = share of all such mentions. */
  concerns: StatTable.extend({ casesWithSeveral: StatFigure }),
  /** Reports (intakes) received in the period by channel. */
  channels: StatTable,
  /** Cases active in the period by the level of their first assessment ('unassessed' if none yet). */
  priorityFirst: StatTable,
  /** The same cases by their priority now. */
  priorityNow: StatTable,
  /** The same cases by their status now. */
  status: StatTable,
  /** Services delivered in the period by type: count of records and sessions. */
  services: StatTable,
  /** Assessments recorded in the period by final level. */
  assessmentLevels: StatTable,
  /** Re-assessment deadlines of the risk tool falling due in the period, by outcome. */
  deadlines: StatTable,
  referrals: z.object({
    available: z.boolean(),
    byInstitution: StatTable,
    byOutcome: StatTable,
    medianReplyDays: StatFigure,
    replied: StatFigure,
  }),
  court: z.object({
    available: z.boolean(),
    hearingsHeld: StatFigure,
    ordersByCompliance: StatTable,
  }),
  monthly: z.object({
    newCases: StatTable,
    reports: StatTable,
    assessments: StatTable,
    services: StatTable,
  }),
});
export type StatsPeriod = z.infer<typeof StatsPeriod>;

export const StatsOptions = z.object({
  scope: z.enum(['all', 'own']),
  /** Caseworkers and supervisors who hold cases (for the filter; empty for 'own'). */
  caseworkers: z.array(UserRef),
  /** The first day with a case in sight, for the year list (null: no cases yet). */
  firstDay: Day.nullable(),
});
export type StatsOptions = z.infer<typeof StatsOptions>;

export const CsvExportInput = StatsQuery.extend({
  /** Absolute path of the .csv file to write. */
  path: z.string().trim().min(1).max(1000),
  separator: z.enum(CSV_SEPARATORS).default('semicolon'),
  language: z.enum(LANGUAGES),
  overwrite: z.boolean().default(false),
}).strict();

export const CsvExportResult = z.object({ path: z.string(), bytes: z.number().int(), rows: z.number().int() });
