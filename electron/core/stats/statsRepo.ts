/**
 * The SQL of the period statistics: read-only aggregate queries over the case
 * tables (migrations 2, 3 and 4), each answered from an index on its date
 * column (migration 5 adds the ones the other areas did not need). Each query
 * returns a small cube (one row per combination of breakdowns) or a distinct
 * count, never case rows, so a year of a busy office stays well under a second.
 *
 * Every query takes the same scope: the cases the caller may see (a caseworker:
 * the cases they are responsible for or co-work on) and, optionally, the cases
 * one caseworker is responsible for.
 */
import type { Db } from '../db/open';
import { monthIndexSql, monthParams, type Period } from './period';

export interface StatsScope {
  /** Restrict to the cases this user works on (null: every case). */
  viewer: string | null;
  /** Restrict to the cases this user is responsible for. */
  caseworker: string | null;
}

type Params = Record<string, string | number | null>;

/**
 * Conditions restricting a case id column to the scope, each starting with AND.
 * Both are semi-joins the planner answers from an index once per query
 * (case_workers_user, cases_responsible), so a row never needs its case read.
 */
function scopeSql(scope: StatsScope, column: string): string {
  return [
    scope.viewer ? ` AND ${column} IN (SELECT w.case_id FROM case_workers w WHERE w.user_id = @viewer)` : '',
    scope.caseworker ? ` AND ${column} IN (SELECT r.id FROM cases r WHERE r.responsible_user_id = @caseworker)` : '',
  ].join('');
}

function baseParams(period: Period, scope: StatsScope): Params {
  return {
    from: period.fromIso,
    toEx: period.toIsoExclusive,
    fromDay: period.from,
    toDay: period.to,
    viewer: scope.viewer,
    caseworker: scope.caseworker,
    ...monthParams(period.months),
  };
}

/**
 * A case is active in the period when it was open at some moment of it: reported
 * before the period ended and not closed before it began. A case closed before
 * the period and reopened only after it was closed throughout, and is not active.
 */
const ACTIVE = `c.opened_at < @toEx AND (c.closed_at IS NULL OR c.closed_at >= @from)
  AND (c.id NOT IN (SELECT r.case_id FROM case_status_history r WHERE r.event = 'reopened' AND r.at >= @toEx)
       OR NOT EXISTS (SELECT 1 FROM case_status_history h
                      WHERE h.case_id = c.id AND h.event = 'closure_approved' AND h.at < @from
                        AND (SELECT min(r.at) FROM case_status_history r WHERE r.case_id = c.id AND r.event = 'reopened' AND r.at > h.at) >= @toEx))`;

export interface ReportRow {
  channel: string;
  m: number;
  opens: 0 | 1;
  n: number;
}
export interface ActiveRow {
  id: number;
  status: string;
  household: number;
  first: string;
  now: string;
}
export interface ServiceRow {
  service: string;
  m: number;
  n: number;
  sessions: number;
}
export interface AssessmentRow {
  level: string;
  m: number;
  n: number;
}
export interface DeadlineRow {
  due: string;
  done: string | null;
  cancelled: number;
  next: string | null;
}
export interface ReferralRow {
  institution: number;
  state: string;
  /** Days from sending to the first reply; null while there is none. */
  days: number | null;
  n: number;
}
export interface LookupRow {
  kind: string;
  code: string;
  tr: string;
  en: string;
  active: number;
}

export function statsQueries(db: Db, period: Period, scope: StatsScope) {
  const params = baseParams(period, scope);
  const where = (column: string) => scopeSql(scope, column);
  const month = (column: string) => monthIndexSql(column, period.months, 'instant');
  const monthDay = (column: string) => monthIndexSql(column, period.months, 'day');
  const count = (sql: string, extra: Params = {}): number => (db.prepare(sql).get({ ...params, ...extra }) as { n: number | null }).n ?? 0;

  return {
    /** Reports (intakes) received in the period by channel and month; `opens` = the report that opened its case. */
    reports: (): ReportRow[] =>
      db
        .prepare(
          `SELECT i.channel_code AS channel, ${month('i.received_at')} AS m,
             CASE WHEN i.id = (SELECT min(f.id) FROM intakes f WHERE f.case_id = i.case_id) THEN 1 ELSE 0 END AS opens,
             count(*) AS n
           FROM intakes i
           WHERE i.received_at >= @from AND i.received_at < @toEx${where('i.case_id')}
           GROUP BY 1, 2, 3`,
        )
        .all(params) as ReportRow[],

    /** Cases reported in the period per concern (a case counts once per concern, whatever the number of reports). */
    concerns: (): Array<{ concern: string; n: number }> =>
      db
        .prepare(
          `SELECT ic.concern_code AS concern, count(DISTINCT ic.case_id) AS n
           FROM intakes i JOIN intake_concerns ic ON ic.intake_id = i.id
           WHERE i.received_at >= @from AND i.received_at < @toEx${where('i.case_id')}
           GROUP BY ic.concern_code`,
        )
        .all(params) as Array<{ concern: string; n: number }>,

    /** Distinct cases reported in the period, and how many of them with more than one concern. */
    reportedCases: (): { cases: number; several: number } => {
      const row = db
        .prepare(
          `SELECT count(*) AS cases, coalesce(sum(k > 1), 0) AS several FROM (
             SELECT i.case_id, count(DISTINCT ic.concern_code) AS k
             FROM intakes i LEFT JOIN intake_concerns ic ON ic.intake_id = i.id
             WHERE i.received_at >= @from AND i.received_at < @toEx${where('i.case_id')}
             GROUP BY i.case_id)`,
        )
        .get(params) as { cases: number; several: number };
      return row;
    },

    /**
     * The cases active in the period, one row each: status now, first assessed level, priority now,
     * household (the cube and the distinct households are made from these rows in one pass).
     */
    active: (): ActiveRow[] =>
      db
        .prepare(
          `SELECT c.id AS id, c.status AS status, c.household_id AS household,
             coalesce((SELECT a.final_level FROM assessments a WHERE a.case_id = c.id ORDER BY a.assessed_at, a.id LIMIT 1), 'unassessed') AS first,
             coalesce(c.priority, 'unassessed') AS now
           FROM cases c
           WHERE ${ACTIVE}${where('c.id')}`,
        )
        .all(params) as ActiveRow[],

    /** Distinct children (members in the role 'child') of these cases: a child in two cases counts once. */
    children: (caseIds: readonly number[]): number =>
      count(
        `SELECT count(DISTINCT m.person_id) AS n FROM json_each(@ids) j JOIN case_members m ON m.case_id = j.value
         WHERE m.role = 'child' AND m.added_at < @toEx`,
        { ids: JSON.stringify(caseIds) },
      ),

    /** Cases whose closure was approved in the period (a case closed, reopened and closed again counts once). */
    closed: (): number =>
      count(
        `SELECT count(DISTINCT h.case_id) AS n FROM case_status_history h
         WHERE h.event = 'closure_approved' AND h.at >= @from AND h.at < @toEx${where('h.case_id')}`,
      ),

    services: (): ServiceRow[] =>
      db
        .prepare(
          `SELECT s.service_code AS service, ${monthDay('s.delivered_on')} AS m, count(*) AS n, sum(s.sessions) AS sessions
           FROM case_services s
           WHERE s.delivered_on >= @fromDay AND s.delivered_on <= @toDay${where('s.case_id')}
           GROUP BY 1, 2`,
        )
        .all(params) as ServiceRow[],

    /** Distinct people who received a service in the period (records without a person are not counted). */
    servicePeople: (): number =>
      count(
        `SELECT count(DISTINCT s.person_id) AS n FROM case_services s
         WHERE s.delivered_on >= @fromDay AND s.delivered_on <= @toDay${where('s.case_id')}`,
      ),

    assessments: (): AssessmentRow[] =>
      db
        .prepare(
          `SELECT a.final_level AS level, ${month('a.assessed_at')} AS m, count(*) AS n
           FROM assessments a
           WHERE a.assessed_at >= @from AND a.assessed_at < @toEx${where('a.case_id')}
           GROUP BY 1, 2`,
        )
        .all(params) as AssessmentRow[],

    /**
     * The re-assessment deadlines the risk tool set ('assessment' tasks; a level
     * without one falls back to its 'firstContact' task) that fall due in the
     * period, with the first assessment recorded on the case after the one that
     * set the deadline (`next`).
     */
    deadlines: (): DeadlineRow[] =>
      db
        .prepare(
          `SELECT t.due_at AS due, t.done_at AS done, t.cancelled AS cancelled,
             (SELECT min(a.assessed_at) FROM assessments a
              WHERE a.case_id = t.case_id AND a.id > coalesce(CAST(t.source_id AS INTEGER), 0) AND a.assessed_at >= t.created_at) AS next
           FROM tasks t
           WHERE t.source = 'risk' AND t.kind IN ('assessment', 'firstContact') AND t.due_at >= @from AND t.due_at < @toEx${where('t.case_id')}
             AND (t.kind = 'assessment' OR NOT EXISTS (
               SELECT 1 FROM tasks o WHERE o.case_id = t.case_id AND o.source = 'risk' AND o.kind = 'assessment'
                 AND o.source_id IS t.source_id AND o.created_at = t.created_at))`,
        )
        .all(params) as DeadlineRow[],

    /** Migration 4 (referrals and court) is applied. */
    hasReferrals: (): boolean => db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name IN ('referrals', 'court_hearings', 'court_orders')`).all().length === 3,

    /**
     * Referrals sent in the period (drafts are not referrals yet) by institution
     * and current state, with the days from sending to the institution's first
     * reply: acknowledgement, reply slip, service start or refusal, whichever
     * came first (null while none).
     */
    referrals: (): ReferralRow[] =>
      db
        .prepare(
          `SELECT r.institution_id AS institution, r.state AS state,
             CAST(julianday(nullif(min(coalesce(r.acknowledged_on, '9999-12-31'), coalesce(r.reply_received_on, '9999-12-31'),
                                       coalesce(r.service_started_on, '9999-12-31'), CASE WHEN r.state = 'declined' THEN r.ended_on ELSE '9999-12-31' END), '9999-12-31'))
                  - julianday(r.sent_on) AS INTEGER) AS days,
             count(*) AS n
           FROM referrals r
           WHERE r.sent_on >= @fromDay AND r.sent_on <= @toDay${where('r.case_id')}
           GROUP BY 1, 2, 3`,
        )
        .all(params) as ReferralRow[],

    institutions: (): Array<{ id: number; name: string; active: number }> =>
      db.prepare('SELECT id, name, active FROM institutions ORDER BY sort_key, id').all() as Array<{ id: number; name: string; active: number }>,

    /** Hearings held in the period (status 'held'; postponed and cancelled ones are not counted). */
    hearingsHeld: (): number =>
      count(
        `SELECT count(*) AS n FROM court_hearings h
         WHERE h.status = 'held' AND h.hearing_at >= @from AND h.hearing_at < @toEx${where('h.case_id')}`,
      ),

    /** Court orders made in the period by their compliance now. */
    orders: (): Array<{ compliance: string; n: number }> =>
      db
        .prepare(
          `SELECT o.compliance AS compliance, count(*) AS n FROM court_orders o
           WHERE o.ordered_on >= @fromDay AND o.ordered_on <= @toDay${where('o.case_id')}
           GROUP BY 1`,
        )
        .all(params) as Array<{ compliance: string; n: number }>,

    firstDay: (): string | null => {
      const row = db.prepare(`SELECT min(c.opened_at) AS at FROM cases c WHERE 1 = 1${where('c.id')}`).get(params) as { at: string | null };
      return row.at;
    },
  };
}

export function lookups(db: Db): LookupRow[] {
  return db.prepare('SELECT kind, code, label_tr AS tr, label_en AS en, active FROM lookups ORDER BY kind, sort_order, id').all() as LookupRow[];
}
