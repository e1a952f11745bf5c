/** Display references to users ({id, displayName}) for case files, lists and dashboards. */
import type { UserRef } from '../../../shared/api/schemas/cases';
import type { Db } from '../db/open';

export type UserLookup = (id: string) => UserRef;

/** The users table is small (an office): load it once per request. */
export function userLookup(db: Db): UserLookup {
  const rows = db.prepare('SELECT id, display_name FROM users').all() as Array<{ id: string; display_name: string }>;
  const map = new Map(rows.map((r) => [r.id, { id: r.id, displayName: r.display_name }]));
  return (id) => map.get(id) ?? { id, displayName: '?' };
}
