/**
 * Colleague cover, co-work requests and handovers (issue 17). Owns the SQL of case_covers,
 * cowork_requests and case_handovers (migration 19). The scope check itself is in
 * cases/access.ts (VIEWER_USERS_SQL).
 */
import type { Cover, CoworkRequest } from '../../../shared/api/methods/calendar';
import { CodedError } from '../../../shared/api/envelope';
import { localDay } from '../../../shared/time/localDays';
import { type Actor } from '../cases/access';
import { assertAssignable, caseWorkerIds } from '../cases/casesRepo';
import { insertNote } from '../cases/notesRepo';
import type { UserLookup } from '../cases/userRefs';
import type { Db } from '../db/open';

interface CoverRow {
  id: number;
  covered_user_id: string;
  cover_user_id: string;
  from_day: string;
  to_day: string;
  granted_at: string;
  granted_by: string;
  revoked_at: string | null;
}

function toCover(r: CoverRow, today: string, users: UserLookup): Cover {
  const state = r.revoked_at ? 'revoked' : today < r.from_day ? 'upcoming' : today > r.to_day ? 'ended' : 'active';
  return {
    id: r.id,
    covered: users(r.covered_user_id),
    cover: users(r.cover_user_id),
    from: r.from_day,
    to: r.to_day,
    state,
    grantedBy: users(r.granted_by),
    grantedAt: r.granted_at,
  };
}

/** Covers a supervisor sees all of; anyone else those they give or take. Newest first. */
export function listCovers(db: Db, actor: Actor, now: Date, users: UserLookup): Cover[] {
  const rows = (
    actor.readAll
      ? db.prepare('SELECT * FROM case_covers ORDER BY from_day DESC, id DESC LIMIT 500').all()
      : db.prepare('SELECT * FROM case_covers WHERE covered_user_id = ? OR cover_user_id = ? ORDER BY from_day DESC, id DESC LIMIT 500').all(actor.userId, actor.userId)
  ) as CoverRow[];
  const today = localDay(now);
  return rows.map((r) => toCover(r, today, users));
}

export function getCover(db: Db, id: number, now: Date, users: UserLookup): Cover {
  const row = db.prepare('SELECT * FROM case_covers WHERE id = ?').get(id) as CoverRow | undefined;
  if (!row) throw new CodedError('covers.notFound', { field: 'coverId' });
  return toCover(row, localDay(now), users);
}

export function grantCover(db: Db, input: { coveredUserId: string; coverUserId: string; from: string; to: string }, actorId: string, now: Date): number {
  if (input.to < input.from) throw new CodedError('covers.rangeInvalid', { field: 'to' });
  if (input.to < localDay(now)) throw new CodedError('covers.inPast', { field: 'to' });
  if (input.coveredUserId === input.coverUserId) throw new CodedError('covers.sameUser', { field: 'coverUserId' });
  assertAssignable(db, input.coveredUserId, 'coveredUserId');
  assertAssignable(db, input.coverUserId, 'coverUserId');
  return Number(
    db
      .prepare('INSERT INTO case_covers (covered_user_id, cover_user_id, from_day, to_day, granted_at, granted_by) VALUES (?, ?, ?, ?, ?, ?)')
      .run(input.coveredUserId, input.coverUserId, input.from, input.to, now.toISOString(), actorId).lastInsertRowid,
  );
}

export function revokeCover(db: Db, id: number, actorId: string, now: Date): void {
  const row = db.prepare('SELECT revoked_at FROM case_covers WHERE id = ?').get(id) as { revoked_at: string | null } | undefined;
  if (!row) throw new CodedError('covers.notFound', { field: 'coverId' });
  if (row.revoked_at) throw new CodedError('covers.alreadyRevoked');
  db.prepare('UPDATE case_covers SET revoked_at = ?, revoked_by = ? WHERE id = ?').run(now.toISOString(), actorId, id);
}

// --- co-work requests ------------------------------------------------------------------------

interface CoworkRow {
  id: number;
  case_id: number;
  case_number: string;
  colleague_id: string;
  requested_by: string;
  requested_at: string;
  status: CoworkRequest['status'];
}

const COWORK_SQL = 'SELECT r.*, c.case_number FROM cowork_requests r JOIN cases c ON c.id = r.case_id';

function toCowork(r: CoworkRow, users: UserLookup): CoworkRequest {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    colleague: users(r.colleague_id),
    requestedBy: users(r.requested_by),
    requestedAt: r.requested_at,
    status: r.status,
  };
}

export function getCowork(db: Db, id: number, users: UserLookup): CoworkRequest {
  const row = db.prepare(`${COWORK_SQL} WHERE r.id = ?`).get(id) as CoworkRow | undefined;
  if (!row) throw new CodedError('cowork.notFound', { field: 'requestId' });
  return toCowork(row, users);
}

export function requestCowork(db: Db, caseId: number, colleagueId: string, actorId: string, now: Date): number {
  assertAssignable(db, colleagueId, 'colleagueId');
  const workers = caseWorkerIds(db, caseId);
  if (workers.responsible === colleagueId || workers.co.includes(colleagueId)) throw new CodedError('cowork.alreadyWorker', { field: 'colleagueId' });
  if (db.prepare("SELECT 1 FROM cowork_requests WHERE case_id = ? AND colleague_id = ? AND status = 'pending'").get(caseId, colleagueId)) {
    throw new CodedError('cowork.alreadyRequested', { field: 'colleagueId' });
  }
  return Number(
    db.prepare('INSERT INTO cowork_requests (case_id, colleague_id, requested_at, requested_by) VALUES (?, ?, ?, ?)').run(caseId, colleagueId, now.toISOString(), actorId)
      .lastInsertRowid,
  );
}

export function pendingCowork(db: Db, users: UserLookup): CoworkRequest[] {
  return (db.prepare(`${COWORK_SQL} WHERE r.status = 'pending' ORDER BY r.requested_at, r.id LIMIT 500`).all() as CoworkRow[]).map((r) => toCowork(r, users));
}

/** A supervisor's decision; approving adds the colleague as a co-worker (case_workers role 'co'). */
export function decideCowork(db: Db, caseId: number, requestId: number, approve: boolean, actorId: string, now: Date): void {
  const row = db.prepare('SELECT case_id, colleague_id, status FROM cowork_requests WHERE id = ?').get(requestId) as
    | { case_id: number; colleague_id: string; status: string }
    | undefined;
  if (!row || row.case_id !== caseId) throw new CodedError('cowork.notFound', { field: 'requestId' });
  if (row.status !== 'pending') throw new CodedError('cowork.decided');
  db.prepare('UPDATE cowork_requests SET status = ?, decided_at = ?, decided_by = ? WHERE id = ?').run(approve ? 'approved' : 'refused', now.toISOString(), actorId, requestId);
  if (approve) {
    assertAssignable(db, row.colleague_id, 'colleagueId');
    db.prepare("INSERT OR IGNORE INTO case_workers (case_id, user_id, role, added_at, added_by) VALUES (?, ?, 'co', ?, ?)").run(caseId, row.colleague_id, now.toISOString(), actorId);
  }
}

// --- handover ----------------------------------------------------------------------------------

/** The handover note of a reassignment: a note on the case (type 'other') linked as the case's handover. */
export function recordHandover(db: Db, input: { caseId: number; from: string; to: string; body: string }, actorId: string, now: Date): number {
  const at = now.toISOString();
  const noteId = insertNote(db, input.caseId, { type: 'other', occurredAt: at, body: input.body, present: { people: [], users: [], others: null }, visitRefused: false }, actorId, at);
  db.prepare('INSERT INTO case_handovers (case_id, note_id, from_user_id, to_user_id, at, by_user_id) VALUES (?, ?, ?, ?, ?, ?)').run(
    input.caseId,
    noteId,
    input.from,
    input.to,
    at,
    actorId,
  );
  return noteId;
}

/** The case's latest handover (pinned on top of its notes), or null. */
export function latestHandover(db: Db, caseId: number, users: UserLookup): { noteId: number; from: ReturnType<UserLookup>; to: ReturnType<UserLookup>; at: string } | null {
  const row = db.prepare('SELECT note_id, from_user_id, to_user_id, at FROM case_handovers WHERE case_id = ? ORDER BY at DESC, id DESC LIMIT 1').get(caseId) as
    | { note_id: number; from_user_id: string; to_user_id: string; at: string }
    | undefined;
  return row ? { noteId: row.note_id, from: users(row.from_user_id), to: users(row.to_user_id), at: row.at } : null;
}
