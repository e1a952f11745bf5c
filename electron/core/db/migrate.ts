/**
 * Brings a database to LATEST_VERSION: refuses a newer one (never downgrades),
 * takes an encrypted backup before the first pending migration, then applies
 * each pending migration in its own transaction.
 */
import { CodedError } from '../../../shared/api/envelope';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';
import type { Db } from './open';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Called once before the first pending migration of an existing database. */
  backup?: (fromVersion: number) => void;
  migrations?: Migration[];
}

export function migrate(db: Db, options: MigrateOptions = {}): { from: number; to: number } {
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const latest = options.migrations ? Math.max(0, ...migrations.map((m) => m.version)) : LATEST_VERSION;
  const from = schemaVersion(db);
  if (from > latest) throw new CodedError('vault.tooNew', { version: from, supported: latest });
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length === 0) return { from, to: from };
  if (from > 0) options.backup?.(from);
  for (const migration of pending) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${Number(migration.version)}`);
    })();
  }
  return { from, to: schemaVersion(db) };
}
