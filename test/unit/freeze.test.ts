/**
 * The frozen database file (vault/freeze.ts) is shared by the jobs that read
 * it: statistics join a running backup's freeze instead of running in the core
 * thread, a backup waits for an older freeze to end so its file holds every
 * committed write, and automatic checkpoints come back with the last holder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { freezeDbFile, frozenHolders } from '../../electron/core/vault/freeze';
import { tempDir } from '../fixtures/vaults';

const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function walDb(): { db: Database.Database; path: string } {
  const path = join(tempDir('kalkan-freeze-'), 'f.db');
  const db = new Database(path);
  open.push(db);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 500');
  db.exec('CREATE TABLE t (v TEXT)');
  return { db, path };
}

const autocheckpoint = (db: Database.Database) => Number(db.pragma('wal_autocheckpoint', { simple: true }));
const insert = (db: Database.Database, v: string) => db.prepare('INSERT INTO t (v) VALUES (?)').run(v);

describe('freezeDbFile', () => {
  it('puts every committed write into the file, then keeps later writes out of it until released', async () => {
    const { db, path } = walDb();
    insert(db, 'önce-yazılan');
    const release = await freezeDbFile(db, 'fresh');
    expect(readFileSync(path).includes(Buffer.from('önce-yazılan'))).toBe(true);
    expect(autocheckpoint(db)).toBe(0);
    // More than 500 pages of WAL: an automatic checkpoint would have run had it not been stopped.
    db.transaction(() => {
      for (let i = 0; i < 800; i += 1) insert(db, `sonra-yazılan-${i}-${'x'.repeat(4000)}`);
    })();
    expect(readFileSync(path).includes(Buffer.from('sonra-yazılan-0-'))).toBe(false);
    release();
    expect(autocheckpoint(db)).toBe(500);
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(readFileSync(path).includes(Buffer.from('sonra-yazılan-0-'))).toBe(true);
  });

  it("lets statistics share a backup's freeze, and restores checkpoints only when the last holder releases", async () => {
    const { db } = walDb();
    const backup = await freezeDbFile(db, 'fresh');
    const stats = await freezeDbFile(db, 'any');
    expect(frozenHolders(db)).toBe(2);
    backup();
    expect(autocheckpoint(db)).toBe(0);
    expect(frozenHolders(db)).toBe(1);
    stats();
    stats(); // a second release of the same hold changes nothing
    expect(frozenHolders(db)).toBe(0);
    expect(autocheckpoint(db)).toBe(500);
  });

  it('makes a backup wait for an older freeze to end, then freezes again with the writes made meanwhile', async () => {
    const { db, path } = walDb();
    const stats = await freezeDbFile(db, 'any');
    insert(db, 'istatistik-sırasında');
    let backupHeld = false;
    const backup = freezeDbFile(db, 'fresh').then((release) => {
      backupHeld = true;
      return release;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(backupHeld).toBe(false);
    expect(readFileSync(path).includes(Buffer.from('istatistik-sırasında'))).toBe(false);
    stats();
    const release = await backup;
    expect(backupHeld).toBe(true);
    expect(frozenHolders(db)).toBe(1);
    expect(readFileSync(path).includes(Buffer.from('istatistik-sırasında'))).toBe(true);
    release();
    expect(autocheckpoint(db)).toBe(500);
  });

  it('refuses a backup that waited while the vault was locked (the connection closed meanwhile)', async () => {
    const { db } = walDb();
    const stats = await freezeDbFile(db, 'any');
    const backup = freezeDbFile(db, 'fresh');
    open.splice(open.indexOf(db), 1);
    db.close();
    stats();
    await expect(backup).rejects.toMatchObject({ code: 'auth.locked' });
  });
});
