import Database from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import type { Migration } from '../../electron/core/db/migrations';

const table = (version: number, name: string): Migration => ({ version, name, up: (db) => db.exec(`CREATE TABLE t${version} (x INTEGER) STRICT`) });
const tables = (db: Database.Database) => (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 't%' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migrate', () => {
  it('applies every registered migration in order on a new database, each recorded in the ledger', () => {
    const db = new Database(':memory:');
    const backups: number[] = [];
    expect(migrate(db, { migrations: [table(1, 'a'), table(2, 'b')], backup: (v) => backups.push(v) })).toEqual({ from: 0, to: 2, applied: [1, 2] });
    expect(tables(db)).toEqual(['t1', 't2']);
    expect(backups).toEqual([]); // nothing to back up in a new database
  });

  it('applies a migration numbered below one already applied, after a backup', () => {
    const db = new Database(':memory:');
    migrate(db, { migrations: [table(1, 'a'), table(3, 'c')] });
    const backups: number[] = [];
    expect(migrate(db, { migrations: [table(1, 'a'), table(2, 'b'), table(3, 'c')], backup: (v) => backups.push(v) })).toEqual({ from: 3, to: 3, applied: [2] });
    expect(tables(db)).toEqual(['t1', 't2', 't3']);
    expect(backups).toEqual([3]);
  });

  it('refuses a database from a newer Kalkan and writes nothing', () => {
    const db = new Database(':memory:');
    migrate(db, { migrations: [table(1, 'a'), table(2, 'b')] });
    expect(() => migrate(db, { migrations: [table(1, 'a')] })).toThrow(expect.objectContaining({ code: 'vault.tooNew' }));
    // A newer build's migration numbered inside our range is recognised too.
    const other = new Database(':memory:');
    migrate(other, { migrations: [table(1, 'a'), table(3, 'c')] });
    expect(() => migrate(other, { migrations: [table(1, 'a'), table(2, 'b')] })).toThrow(expect.objectContaining({ code: 'vault.tooNew' }));
    expect(tables(other)).toEqual(['t1', 't3']);
  });

  it('rolls a failing migration back entirely', () => {
    const db = new Database(':memory:');
    migrate(db, { migrations: [table(1, 'a')] });
    const broken: Migration = { version: 2, name: 'broken', up: (d) => (d.exec('CREATE TABLE t2 (x INTEGER) STRICT'), d.exec('THIS IS NOT SQL')) };
    expect(() => migrate(db, { migrations: [table(1, 'a'), broken] })).toThrow();
    expect(tables(db)).toEqual(['t1']);
    expect(schemaVersion(db)).toBe(1);
  });

  it('the real registry has unique versions and applies cleanly', () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(new Set(versions).size).toBe(versions.length);
    const db = new Database(':memory:');
    expect(migrate(db).applied).toEqual([...versions].sort((a, b) => a - b));
  });
});
