/**
 * Who is acting, and which cases they may see. Supervisors ('case:readAll')
 * see every case; anyone else only the cases they are responsible for or
 * co-work on, and while a supervisor's cover is active (issue 17) the cases of
 * the colleague they cover. A case out of sight answers 'cases.notFound',
 * exactly like a case that does not exist, so ids cannot be probed.
 *
 * A cover runs from its first to its last local calendar day, both inclusive:
 * it ends at local midnight after `to_day`, on the core's clock (SQL's
 * `kalkan_today()`, registered in db/open.ts).
 */
import { CodedError } from '../../../shared/api/envelope';
import { can, type Role } from '../../../shared/auth/permissions';
import type { Db } from '../db/open';
import type { Session } from '../session';

export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  /** Sees every case. */
  readAll: boolean;
  /** May approve closures and reassign. */
  approve: boolean;
}

export function actorOf(session: Session): Actor {
  return {
    userId: session.userId,
    username: session.username,
    roles: session.roles,
    readAll: can(session.roles, 'case:readAll'),
    approve: can(session.roles, 'case:approve'),
  };
}

/**
 * SQL condition (with named parameter @viewer) restricting `column` to the actor's cases; '' for
 * readAll. 'probe' checks each row (one primary-key seek): right when another index drives the
 * query and stops early (a sorted first page, FTS newest first). 'set' builds the actor's set of
 * case ids first: right when every visible row is needed anyway (a count).
 */
export function visibleSql(actor: Actor, column = 'c.id', mode: 'probe' | 'set' = 'probe'): string {
  if (actor.readAll) return '';
  return mode === 'probe'
    ? `EXISTS (SELECT 1 FROM case_workers w WHERE w.case_id = ${column} AND w.user_id IN (${VIEWER_USERS_SQL}))`
    : `${column} IN (SELECT case_id FROM case_workers WHERE user_id IN (${VIEWER_USERS_SQL}))`;
}

/** Covers in force today (alias v): not revoked, today within from_day..to_day (local days). */
export const ACTIVE_COVER_SQL = 'v.revoked_at IS NULL AND v.from_day <= kalkan_today() AND v.to_day >= kalkan_today()';

/**
 * The users whose cases @viewer works on today: the viewer, and the colleagues they cover
 * (an active cover). Not transitive: covering A does not bring the cases A covers.
 */
export const VIEWER_USERS_SQL = `SELECT @viewer UNION ALL SELECT v.covered_user_id FROM case_covers v WHERE v.cover_user_id = @viewer AND ${ACTIVE_COVER_SQL}`;

const SEES_CASE_SQL = `SELECT 1 FROM case_workers WHERE case_id = @caseId AND user_id IN (${VIEWER_USERS_SQL})`;

/** Is the case in the actor's sight through their own assignment or an active cover (not readAll)? */
export function workerSeesCase(db: Db, userId: string, caseId: number): boolean {
  return db.prepare(SEES_CASE_SQL).get({ caseId, viewer: userId }) !== undefined;
}

export function canSeeCase(db: Db, actor: Actor, caseId: number): boolean {
  if (actor.readAll) return db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) !== undefined;
  return workerSeesCase(db, actor.userId, caseId);
}

/**
 * For a case the actor sees only through a cover: the colleague (responsible caseworker) they
 * cover; null when the case is the actor's own (responsible or co-worker) or no cover applies.
 */
export function coverForOf(db: Db, actor: Actor, caseId: number): string | null {
  if (db.prepare('SELECT 1 FROM case_workers WHERE case_id = ? AND user_id = ?').get(caseId, actor.userId)) return null;
  const row = db
    .prepare(
      `SELECT w.user_id AS userId FROM case_workers w JOIN case_covers v ON v.covered_user_id = w.user_id
       WHERE w.case_id = @caseId AND v.cover_user_id = @viewer AND ${ACTIVE_COVER_SQL}
       ORDER BY w.role = 'responsible' DESC LIMIT 1`,
    )
    .get({ caseId, viewer: actor.userId }) as { userId: string } | undefined;
  return row?.userId ?? null;
}

export function assertCaseVisible(db: Db, actor: Actor, caseId: number): void {
  if (!canSeeCase(db, actor, caseId)) throw new CodedError('cases.notFound');
}

/** Case ids (of the given set) the actor may see. */
export function visibleCaseIds(db: Db, actor: Actor, caseIds: Iterable<number>): Set<number> {
  const ids = [...new Set(caseIds)];
  if (actor.readAll || ids.length === 0) return new Set(ids);
  const out = new Set<number>();
  const stmt = db.prepare(SEES_CASE_SQL);
  for (const id of ids) if (stmt.get({ caseId: id, viewer: actor.userId })) out.add(id);
  return out;
}
