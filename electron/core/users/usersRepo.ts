/** Reads and writes of the users table. Callers never write SQL for users. */
import { randomUUID } from 'node:crypto';
import { USER_TITLES, type UserTitle } from '../../../shared/api/schemas/office';
import { ROLES, type Role } from '../../../shared/auth/permissions';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';

export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Professional title printed under a signature (migration 12), or null. */
  title: UserTitle | null;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  username: string;
  display_name: string;
  roles: string;
  title?: string | null;
  disabled: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
}

const toRecord = (row: Row): UserRecord => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  roles: (JSON.parse(row.roles) as string[]).filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
  title: (USER_TITLES as readonly string[]).includes(row.title ?? '') ? (row.title as UserTitle) : null,
  disabled: row.disabled === 1,
  mustChangePassword: row.must_change_password === 1,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export function findUserByName(db: Db, username: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE username_folded = ?').get(fold(username)) as Row | undefined;
  return row ? toRecord(row) : null;
}

export function findUserById(db: Db, id: string): UserRecord | null {
  const row = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as Row | undefined;
  return row ? toRecord(row) : null;
}

export function listUsers(db: Db): UserRecord[] {
  return (db.prepare('SELECT * FROM users ORDER BY display_name COLLATE NOCASE').all() as Row[]).map(toRecord);
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  mustChangePassword?: boolean;
}

export function insertUser(db: Db, user: NewUser): UserRecord {
  const now = new Date().toISOString();
  const id = randomUUID();
  db.prepare(
    `INSERT INTO users (id, username, username_folded, display_name, roles, disabled, must_change_password, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)`,
  ).run(id, user.username, fold(user.username), user.displayName, JSON.stringify([...new Set(user.roles)]), user.mustChangePassword ? 1 : 0, now, now);
  return findUserById(db, id)!;
}

export interface UserPatch {
  displayName?: string;
  title?: UserTitle | null;
  roles?: Role[];
  disabled?: boolean;
  mustChangePassword?: boolean;
}

export function updateUser(db: Db, id: string, patch: UserPatch): UserRecord | null {
  const current = findUserById(db, id);
  if (!current) return null;
  const next = { ...current, ...patch };
  db.prepare(
    `UPDATE users SET display_name = ?, roles = ?, title = ?, disabled = ?, must_change_password = ?, updated_at = ? WHERE id = ?`,
  ).run(next.displayName, JSON.stringify([...new Set(next.roles)]), next.title, next.disabled ? 1 : 0, next.mustChangePassword ? 1 : 0, new Date().toISOString(), id);
  return findUserById(db, id);
}

/** Enabled admins; the last one may not be disabled or lose the role (the office would be locked out). */
export function countActiveAdmins(db: Db): number {
  return listUsers(db).filter((u) => !u.disabled && u.roles.includes('admin')).length;
}
