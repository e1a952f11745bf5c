/**
 * Referrals and their state history: owns the SQL of `referrals` and
 * `referral_history` (issue 12: the rules — visibility, transitions, tasks,
 * audit — stay in referralsService.ts). Rows come back as stored (snake_case)
 * with the case, child, person, consent giver and institution joined in.
 */
import type { Referral, ReferralState, Urgency } from '../../../shared/api/schemas/referrals';
import { visibleSql, type Actor } from '../cases/access';
import type { Db } from '../db/open';

export interface ReferralRow {
  id: number;
  case_id: number;
  person_id: number | null;
  institution_id: number;
  services: string;
  services_other: string | null;
  urgency: Urgency;
  reason: string;
  consent_person_id: number | null;
  consent_name: string | null;
  consent_method: 'written' | 'verbal' | null;
  consent_on: string | null;
  legal_ground: string | null;
  shared_sections: string;
  shared_note_ids: string;
  state: ReferralState;
  sent_on: string | null;
  reply_due_on: string | null;
  acknowledged_on: string | null;
  service_started_on: string | null;
  ended_on: string | null;
  outcome: string | null;
  decline_reason: string | null;
  reply_received_on: string | null;
  reply_service_started_on: string | null;
  reply_contact_person: string | null;
  reply_outcome: string | null;
  reply_recorded_at: string | null;
  reply_recorded_by: string | null;
  version: number;
  created_at: string;
  created_by: string;
  updated_at: string;
  case_number: string;
  case_status: string;
  child_first: string | null;
  child_last: string | null;
  person_first: string | null;
  person_last: string | null;
  consent_first: string | null;
  consent_last: string | null;
  inst_name: string;
  inst_type: Referral['institution']['type'];
}

const SELECT = `
  SELECT r.*, c.case_number, c.status AS case_status, pc.first_name AS child_first, pc.last_name AS child_last,
    pp.first_name AS person_first, pp.last_name AS person_last, cp.first_name AS consent_first, cp.last_name AS consent_last,
    i.name AS inst_name, i.type AS inst_type
  FROM referrals r
  JOIN cases c ON c.id = r.case_id
  JOIN institutions i ON i.id = r.institution_id
  LEFT JOIN people pc ON pc.id = c.primary_child_id
  LEFT JOIN people pp ON pp.id = r.person_id
  LEFT JOIN people cp ON cp.id = r.consent_person_id`;

export interface ReferralHistoryRow {
  id: number;
  referral_id: number;
  from_state: ReferralState | null;
  to_state: ReferralState;
  on_day: string;
  note: string | null;
  at: string;
  by_user_id: string;
}

/** A draft's fields as stored (arrays as JSON text). */
export interface ReferralFieldValues {
  personId: number | null;
  institutionId: number;
  services: string;
  servicesOther: string | null;
  urgency: Urgency;
  reason: string;
  consentPersonId: number | null;
  consentName: string | null;
  consentMethod: 'written' | 'verbal' | null;
  consentOn: string | null;
  legalGround: string | null;
  sharedSections: string;
  sharedNoteIds: string;
}

// A reply still awaited on a case sent to another office is that office's to chase, not ours.
const OVERDUE_SQL = `r.state = 'sent' AND r.reply_due_on < @today AND NOT EXISTS (SELECT 1 FROM cases tc WHERE tc.id = r.case_id AND tc.transferred_at IS NOT NULL)`;

export const referralRow = (db: Db, id: number): ReferralRow | undefined => db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as ReferralRow | undefined;

/** The case's referrals, the newest first. */
export const referralRowsOfCase = (db: Db, caseId: number): ReferralRow[] =>
  db.prepare(`${SELECT} WHERE r.case_id = ? ORDER BY r.created_at DESC, r.id DESC`).all(caseId) as ReferralRow[];

export interface ReferralFilter {
  state?: readonly ReferralState[] | undefined;
  overdue?: boolean | undefined;
  institutionId?: number | undefined;
  offset: number;
  limit: number;
}

/** A page of the referrals of the cases the actor may see (overdue replies first, then the newest), the filter's total and all overdue. */
export function referralPage(db: Db, actor: Actor, query: ReferralFilter, today: string): { total: number; overdue: number; rows: ReferralRow[] } {
  const where = [visibleSql(actor, 'r.case_id')];
  const params: Record<string, string | number> = { viewer: actor.userId, today, limit: query.limit, offset: query.offset };
  if (query.state?.length) {
    where.push(`r.state IN (${query.state.map((_, i) => `@s${i}`).join(',')})`);
    query.state.forEach((s, i) => (params[`s${i}`] = s));
  }
  if (query.overdue) where.push(OVERDUE_SQL);
  if (query.institutionId !== undefined) {
    where.push('r.institution_id = @institutionId');
    params.institutionId = query.institutionId;
  }
  const clause = where.filter(Boolean).length ? `WHERE ${where.filter(Boolean).join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM referrals r ${clause}`).get(params) as { n: number }).n;
  const overdueClause = [visibleSql(actor, 'r.case_id'), OVERDUE_SQL].filter(Boolean).join(' AND ');
  const overdue = (db.prepare(`SELECT count(*) AS n FROM referrals r WHERE ${overdueClause}`).get({ viewer: actor.userId, today }) as { n: number }).n;
  const rows = db
    .prepare(
      `${SELECT} ${clause}
       ORDER BY (${OVERDUE_SQL}) DESC, r.updated_at DESC, r.id DESC LIMIT @limit OFFSET @offset`,
    )
    .all(params) as ReferralRow[];
  return { total, overdue, rows };
}

export function insertReferral(db: Db, caseId: number, f: ReferralFieldValues, actor: string, at: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO referrals (case_id, person_id, institution_id, services, services_other, urgency, reason, consent_person_id, consent_name,
           consent_method, consent_on, legal_ground, shared_sections, shared_note_ids, state, version, created_at, created_by, updated_at, updated_by)
         VALUES (@caseId, @personId, @institutionId, @services, @servicesOther, @urgency, @reason, @consentPersonId, @consentName,
           @consentMethod, @consentOn, @legalGround, @sharedSections, @sharedNoteIds, 'draft', 1, @at, @actor, @at, @actor)`,
      )
      .run({ caseId, ...f, at, actor }).lastInsertRowid,
  );
}

export function updateReferralFields(db: Db, id: number, f: ReferralFieldValues, actor: string, at: string): void {
  db.prepare(
    `UPDATE referrals SET person_id = @personId, institution_id = @institutionId, services = @services, services_other = @servicesOther, urgency = @urgency,
       reason = @reason, consent_person_id = @consentPersonId, consent_name = @consentName, consent_method = @consentMethod, consent_on = @consentOn,
       legal_ground = @legalGround, shared_sections = @sharedSections, shared_note_ids = @sharedNoteIds,
       version = version + 1, updated_at = @at, updated_by = @actor
     WHERE id = @id`,
  ).run({ id, ...f, at, actor });
}

export function markReferralSent(db: Db, id: number, on: string, replyDueOn: string, actor: string, at: string): void {
  db.prepare(`UPDATE referrals SET state = 'sent', sent_on = @on, reply_due_on = @due, version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`).run({
    id,
    on,
    due: replyDueOn,
    at,
    actor,
  });
}

/** The day column each later state sets. */
const DAY_COLUMN: Partial<Record<ReferralState, string>> = { acknowledged: 'acknowledged_on', service_started: 'service_started_on', closed: 'ended_on', declined: 'ended_on' };

/** Moves the referral to `to` on `on`; false when `to` is not a state with a day (nothing written). */
export function setReferralState(db: Db, id: number, to: ReferralState, on: string, actor: string, at: string): boolean {
  const column = DAY_COLUMN[to];
  if (!column) return false;
  db.prepare(`UPDATE referrals SET state = @to, ${column} = @on, version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`).run({ id, to, on, at, actor });
  return true;
}

export const setReferralOutcome = (db: Db, id: number, outcome: string | null): void => void db.prepare('UPDATE referrals SET outcome = ? WHERE id = ?').run(outcome, id);
export const setReferralDeclineReason = (db: Db, id: number, reason: string | null): void => void db.prepare('UPDATE referrals SET decline_reason = ? WHERE id = ?').run(reason, id);

export interface ReplyValues {
  received: string;
  started: string | null;
  contact: string | null;
  outcome: string | null;
}

export function setReferralReply(db: Db, id: number, v: ReplyValues, actor: string, at: string): void {
  db.prepare(
    `UPDATE referrals SET reply_received_on = @received, reply_service_started_on = @started, reply_contact_person = @contact, reply_outcome = @outcome,
       reply_recorded_at = @at, reply_recorded_by = @actor, version = version + 1, updated_at = @at, updated_by = @actor WHERE id = @id`,
  ).run({ id, ...v, at, actor });
}

// --- history ---------------------------------------------------------------------------------

export function insertReferralHistory(db: Db, h: { referralId: number; from: ReferralState | null; to: ReferralState; on: string; note: string | null; by: string; at: string }): void {
  db.prepare('INSERT INTO referral_history (referral_id, from_state, to_state, on_day, note, at, by_user_id) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    h.referralId,
    h.from,
    h.to,
    h.on,
    h.note,
    h.at,
    h.by,
  );
}

/** The day of the referral's latest state change (null before the first). */
export const lastReferralChangeDay = (db: Db, referralId: number): string | null =>
  (db.prepare('SELECT max(on_day) AS d FROM referral_history WHERE referral_id = ?').get(referralId) as { d: string | null }).d;

/** The history of the given referrals, oldest first per referral. */
export function referralHistoryRows(db: Db, referralIds: readonly number[]): ReferralHistoryRow[] {
  if (!referralIds.length) return [];
  return db
    .prepare(`SELECT * FROM referral_history WHERE referral_id IN (${referralIds.map(() => '?').join(',')}) ORDER BY referral_id, id`)
    .all(...referralIds) as ReferralHistoryRow[];
}
