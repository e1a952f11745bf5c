/**
 * Who is acting, and which cases they may see. Supervisors ('case:readAll')
 * see every case; anyone else only the cases they are responsible for or
 * co-work on. A case out of sight answers 'cases.notFound', exactly like a
 * case that does not exist, so ids cannot be probed.
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
    ? `EXISTS (SELECT 1 FROM case_workers w WHERE w.case_id = ${column} AND w.user_id = @viewer)`
    : `${column} IN (SELECT case_id FROM case_workers WHERE user_id = @viewer)`;
}

export function canSeeCase(db: Db, actor: Actor, caseId: number): boolean {
  if (actor.readAll) return db.prepare('SELECT 1 FROM cases WHERE id = ?').get(caseId) !== undefined;
  return db.prepare('SELECT 1 FROM case_workers WHERE case_id = ? AND user_id = ?').get(caseId, actor.userId) !== undefined;
}

export function assertCaseVisible(db: Db, actor: Actor, caseId: number): void {
  if (!canSeeCase(db, actor, caseId)) throw new CodedError('cases.notFound');
}

/** Case ids (of the given set) the actor may see. */
export function visibleCaseIds(db: Db, actor: Actor, caseIds: Iterable<number>): Set<number> {
  const ids = [...new Set(caseIds)];
  if (actor.readAll || ids.length === 0) return new Set(ids);
  const out = new Set<number>();
  const stmt = db.prepare('SELECT 1 FROM case_workers WHERE case_id = ? AND user_id = ?');
  for (const id of ids) if (stmt.get(id, actor.userId)) out.add(id);
  return out;
}
