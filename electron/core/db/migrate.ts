/**
 * Brings a database up to date with the migration registry. A ledger table
 * records every migration applied, so a migration numbered below one already
 * applied (features land in parallel) is still applied later. A database that
 * holds a migration this build does not know comes from a newer Kalkan and is
 * refused before anything is written (never "downgraded"). An encrypted
 * backup is taken before the first pending migration of an existing database,
 * then each migration runs in its own transaction together with its ledger row.
 */
import { CodedError } from '../../../shared/api/envelope';
import { MIGRATIONS, type Migration } from './migrations';
import type { Db } from './open';

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export interface MigrateOptions {
  /** Called once before the first pending migration of an existing database. */
  backup?: (fromVersion: number) => void;
  migrations?: Migration[];
}

function ledgerExists(db: Db): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get() !== undefined;
}

/** Versions already applied: from the ledger, or (older files without one) every known version up to user_version. */
function appliedVersions(db: Db, known: Migration[], userVersion: number): Set<number> {
  if (ledgerExists(db)) return new Set((db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version));
  return new Set(known.filter((m) => m.version <= userVersion).map((m) => m.version));
}

export function migrate(db: Db, options: MigrateOptions = {}): { from: number; to: number; applied: number[] } {
  const migrations = [...(options.migrations ?? MIGRATIONS)].sort((a, b) => a.version - b.version);
  const knownVersions = new Set(migrations.map((m) => m.version));
  const latest = Math.max(0, ...knownVersions);
  const from = schemaVersion(db);
  const applied = appliedVersions(db, migrations, from);
  const unknown = [...applied].filter((v) => !knownVersions.has(v));
  if (from > latest || unknown.length > 0) throw new CodedError('vault.tooNew', { version: Math.max(from, ...unknown), supported: latest });

  const pending = migrations.filter((m) => !applied.has(m.version));
  if (pending.length === 0) return { from, to: from, applied: [] };
  if (applied.size > 0) options.backup?.(from);

  const now = new Date().toISOString();
  for (const migration of pending) {
    db.transaction(() => {
      if (!ledgerExists(db)) {
        db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
        const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
        for (const m of migrations) if (applied.has(m.version)) record.run(m.version, m.name, now);
      }
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, now);
      applied.add(migration.version);
      db.pragma(`user_version = ${Math.max(...applied)}`);
    })();
  }
  return { from, to: schemaVersion(db), applied: pending.map((m) => m.version) };
}
