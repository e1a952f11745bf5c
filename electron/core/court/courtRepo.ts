/**
 * Court hearings, orders and the orders' compliance updates: owns the SQL of
 * `court_hearings`, `court_orders` and `court_order_updates` (issue 12: the
 * rules — visibility, tasks, audit — stay in courtService.ts). Rows come back
 * as stored (snake_case) with the names of the case's child, the order's
 * person and its responsible institution joined in.
 */
import type { ComplianceStatus, HearingStatus, OrderKind } from '../../../shared/api/schemas/court';
import { visibleSql, type Actor } from '../cases/access';
import type { Db } from '../db/open';

/** What every hearing and order row carries: its bookkeeping, and the case's number and child (joined). */
interface CourtRowBase {
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  case_number: string;
  child_first: string | null;
  child_last: string | null;
}

export interface HearingRow extends CourtRowBase {
  id: number;
  case_id: number;
  court_name: string;
  court_institution_id: number | null;
  file_number: string | null;
  hearing_at: string;
  judge: string | null;
  to_bring: string | null;
  status: HearingStatus;
  outcome: string | null;
}

export interface OrderRow extends CourtRowBase {
  id: number;
  case_id: number;
  hearing_id: number | null;
  person_id: number | null;
  kind: OrderKind;
  description: string | null;
  ordered_on: string;
  responsible_institution_id: number | null;
  responsible_user_id: string | null;
  due_on: string | null;
  compliance: ComplianceStatus;
  person_first: string | null;
  person_last: string | null;
  inst_name: string | null;
}

export interface OrderUpdateRow {
  id: number;
  order_id: number;
  from_status: ComplianceStatus | null;
  to_status: ComplianceStatus;
  on_day: string;
  note: string | null;
  at: string;
  by_user_id: string;
}

const HEARING_SELECT = `
  SELECT h.*, c.case_number, p.first_name AS child_first, p.last_name AS child_last
  FROM court_hearings h JOIN cases c ON c.id = h.case_id LEFT JOIN people p ON p.id = c.primary_child_id`;

const ORDER_SELECT = `
  SELECT o.*, c.case_number, pc.first_name AS child_first, pc.last_name AS child_last,
    pp.first_name AS person_first, pp.last_name AS person_last, i.name AS inst_name
  FROM court_orders o
  JOIN cases c ON c.id = o.case_id
  LEFT JOIN people pc ON pc.id = c.primary_child_id
  LEFT JOIN people pp ON pp.id = o.person_id
  LEFT JOIN institutions i ON i.id = o.responsible_institution_id`;

/** An order this office still has to follow: not complied with or ended, and its case not sent to another office. */
const OPEN_ORDER_SQL = `o.compliance IN ('pending', 'in_progress') AND NOT EXISTS (SELECT 1 FROM cases tc WHERE tc.id = o.case_id AND tc.transferred_at IS NOT NULL)`;

// --- hearings --------------------------------------------------------------------------------

export interface HearingValues {
  courtName: string;
  institution: number | null;
  fileNumber: string | null;
  hearingAt: string;
  judge: string | null;
  toBring: string | null;
}

export const hearingRow = (db: Db, id: number): HearingRow | undefined => db.prepare(`${HEARING_SELECT} WHERE h.id = ?`).get(id) as HearingRow | undefined;

/** The case's hearings, the latest first. */
export const hearingRowsOfCase = (db: Db, caseId: number): HearingRow[] =>
  db.prepare(`${HEARING_SELECT} WHERE h.case_id = ? ORDER BY h.hearing_at DESC, h.id DESC`).all(caseId) as HearingRow[];

/** Scheduled hearings from `from` on, on the cases the actor may see, the soonest first. */
export const upcomingHearingRows = (db: Db, actor: Actor, from: string, limit: number): HearingRow[] => {
  const see = visibleSql(actor, 'h.case_id');
  return db
    .prepare(`${HEARING_SELECT} WHERE h.status = 'scheduled' AND h.hearing_at >= @from AND c.transferred_at IS NULL ${see ? `AND ${see}` : ''} ORDER BY h.hearing_at, h.id LIMIT @limit`)
    .all({ from, viewer: actor.userId, limit }) as HearingRow[];
};

/** The case of a hearing, or null when there is no such hearing. */
export const hearingCaseId = (db: Db, id: number): number | null =>
  (db.prepare('SELECT case_id FROM court_hearings WHERE id = ?').get(id) as { case_id: number } | undefined)?.case_id ?? null;

export function insertHearing(db: Db, caseId: number, v: HearingValues, actor: string, at: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO court_hearings (case_id, court_name, court_institution_id, file_number, hearing_at, judge, to_bring, status, version, created_at, created_by, updated_at, updated_by)
         VALUES (@caseId, @courtName, @institution, @fileNumber, @hearingAt, @judge, @toBring, 'scheduled', 1, @at, @actor, @at, @actor)`,
      )
      .run({ caseId, ...v, at, actor }).lastInsertRowid,
  );
}

export function updateHearingRow(db: Db, id: number, v: HearingValues & { status: HearingStatus; outcome: string | null }, actor: string, at: string): void {
  db.prepare(
    `UPDATE court_hearings SET court_name = @courtName, court_institution_id = @institution, file_number = @fileNumber, hearing_at = @hearingAt,
       judge = @judge, to_bring = @toBring, status = @status, outcome = @outcome, version = version + 1, updated_at = @at, updated_by = @actor
     WHERE id = @id`,
  ).run({ id, ...v, at, actor });
}

// --- orders ----------------------------------------------------------------------------------

export interface NewOrder {
  caseId: number;
  hearingId: number | null;
  personId: number | null;
  kind: OrderKind;
  description: string | null;
  orderedOn: string;
  institution: number | null;
  user: string | null;
  dueOn: string | null;
}

export const orderRow = (db: Db, id: number): OrderRow | undefined => db.prepare(`${ORDER_SELECT} WHERE o.id = ?`).get(id) as OrderRow | undefined;

/** The case's orders, the latest first. */
export const orderRowsOfCase = (db: Db, caseId: number): OrderRow[] =>
  db.prepare(`${ORDER_SELECT} WHERE o.case_id = ? ORDER BY o.ordered_on DESC, o.id DESC`).all(caseId) as OrderRow[];

/** Orders on the cases the actor may see: open first, overdue first, then by due day. */
export function overviewOrderRows(db: Db, actor: Actor, compliance: readonly ComplianceStatus[] | undefined, today: string, limit: number): OrderRow[] {
  const where = [visibleSql(actor, 'o.case_id')];
  const params: Record<string, string | number> = { viewer: actor.userId, today, limit };
  if (compliance?.length) {
    where.push(`o.compliance IN (${compliance.map((_, i) => `@c${i}`).join(',')})`);
    compliance.forEach((c, i) => (params[`c${i}`] = c));
  }
  const clause = where.filter(Boolean).length ? `WHERE ${where.filter(Boolean).join(' AND ')}` : '';
  return db
    .prepare(
      `${ORDER_SELECT} ${clause}
       ORDER BY (${OPEN_ORDER_SQL}) DESC, (${OPEN_ORDER_SQL} AND o.due_on < @today) DESC, o.due_on IS NULL, o.due_on, o.id DESC LIMIT @limit`,
    )
    .all(params) as OrderRow[];
}

/** How many open (and overdue) orders the actor's cases have. */
export function openOrderCounts(db: Db, actor: Actor, today: string): { open: number; overdue: number } {
  const see = visibleSql(actor, 'o.case_id');
  return db
    .prepare(`SELECT count(*) AS open, coalesce(sum(o.due_on < @today), 0) AS overdue FROM court_orders o WHERE ${OPEN_ORDER_SQL} ${see ? `AND ${see}` : ''}`)
    .get({ today, viewer: actor.userId }) as { open: number; overdue: number };
}

export function insertOrder(db: Db, o: NewOrder, actor: string, at: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO court_orders (case_id, hearing_id, person_id, kind, description, ordered_on, responsible_institution_id, responsible_user_id, due_on,
           compliance, version, created_at, created_by, updated_at, updated_by)
         VALUES (@caseId, @hearingId, @personId, @kind, @description, @orderedOn, @institution, @user, @dueOn, 'pending', 1, @at, @actor, @at, @actor)`,
      )
      .run({ ...o, at, actor }).lastInsertRowid,
  );
}

export function updateOrderRow(db: Db, id: number, v: { description: string | null; institution: number | null; user: string | null; dueOn: string | null }, actor: string, at: string): void {
  db.prepare(
    `UPDATE court_orders SET description = @description, responsible_institution_id = @institution, responsible_user_id = @user, due_on = @dueOn,
       version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`,
  ).run({ id, ...v, at, actor });
}

export function setOrderCompliance(db: Db, id: number, status: ComplianceStatus, actor: string, at: string): void {
  db.prepare('UPDATE court_orders SET compliance = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?').run(status, at, actor, id);
}

// --- compliance updates ----------------------------------------------------------------------

export function insertOrderUpdate(db: Db, u: { orderId: number; from: ComplianceStatus | null; to: ComplianceStatus; on: string; note: string | null; by: string; at: string }): void {
  db.prepare('INSERT INTO court_order_updates (order_id, from_status, to_status, on_day, note, at, by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    u.orderId,
    u.from,
    u.to,
    u.on,
    u.note,
    u.at,
    u.by,
  );
}

/** The day of the order's latest compliance update (null before the first). */
export const lastComplianceDay = (db: Db, orderId: number): string | null =>
  (db.prepare('SELECT max(on_day) AS d FROM court_order_updates WHERE order_id = ?').get(orderId) as { d: string | null }).d;

/** The updates of the given orders, oldest first per order. */
export function orderUpdateRows(db: Db, orderIds: readonly number[]): OrderUpdateRow[] {
  if (!orderIds.length) return [];
  return db.prepare(`SELECT * FROM court_order_updates WHERE order_id IN (${orderIds.map(() => '?').join(',')}) ORDER BY order_id, id`).all(...orderIds) as OrderUpdateRow[];
}
