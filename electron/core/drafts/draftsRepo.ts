/** The SQL of the drafts table (migration 11). Every query is scoped to one user. */
import type { Db } from '../db/open';
import type { Draft, DraftSummary } from '../../../shared/api/methods/drafts';

/** Drafts untouched this long are forgotten the next time their user saves one. */
export const DRAFT_KEEP_DAYS = 30;

export function saveDraft(db: Db, userId: string, draft: { key: string; route: string; data: string }, now: Date): string {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - DRAFT_KEEP_DAYS * 86_400_000).toISOString();
  db.prepare(
    `INSERT INTO drafts (user_id, key, route, data, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id, key) DO UPDATE SET route = excluded.route, data = excluded.data, updated_at = excluded.updated_at`,
  ).run(userId, draft.key, draft.route, draft.data, at);
  db.prepare('DELETE FROM drafts WHERE user_id = ? AND updated_at < ?').run(userId, cutoff);
  return at;
}

export function getDraft(db: Db, userId: string, key: string): Draft | null {
  const row = db.prepare('SELECT key, route, data, updated_at AS updatedAt FROM drafts WHERE user_id = ? AND key = ?').get(userId, key) as Draft | undefined;
  return row ?? null;
}

export function deleteDraft(db: Db, userId: string, key: string): void {
  db.prepare('DELETE FROM drafts WHERE user_id = ? AND key = ?').run(userId, key);
}

export function listDrafts(db: Db, userId: string): DraftSummary[] {
  return db.prepare('SELECT key, route, updated_at AS updatedAt FROM drafts WHERE user_id = ? ORDER BY updated_at DESC, key').all(userId) as DraftSummary[];
}
