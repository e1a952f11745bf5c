/**
 * Reading the database file around SQLite's lock bytes (vault/dbFileBytes.ts):
 * Windows refuses reads of those bytes while the core holds the file, so
 * backups and copies of a vault over 1 GiB must never ask for them. Here the
 * range is moved into a small file (lockStart) and filled with 0xFF on disk:
 * zeros in the result show it was not taken from the file.
 */
import { closeSync, openSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyDbFile, LOCK_BYTES, PENDING_BYTE, readDbBytes } from '../../electron/core/vault/dbFileBytes';
import { openEncrypted } from '../../electron/core/db/open';
import { ADMIN, createdVault, tempDir } from '../fixtures/vaults';

const LOCK_AT = 10_000;

function sample(): { path: string; bytes: Buffer; expected: Buffer } {
  const bytes = Buffer.alloc(30_000);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = (i * 7 + 3) % 251;
  bytes.fill(0xff, LOCK_AT, LOCK_AT + LOCK_BYTES);
  const path = join(tempDir('kalkan-lockbytes-'), 'sample.db');
  writeFileSync(path, bytes);
  const expected = Buffer.from(bytes);
  expected.fill(0, LOCK_AT, LOCK_AT + LOCK_BYTES);
  return { path, bytes, expected };
}

describe('reading the database file around the lock bytes', () => {
  it('gives zeros for the lock range and the file itself everywhere else, however a read straddles it', () => {
    const { path, expected } = sample();
    const fd = openSync(path, 'r');
    try {
      const cases: Array<[position: number, length: number]> = [
        [0, 4096], // before
        [LOCK_AT - 100, 100], // ends where the range starts
        [LOCK_AT - 100, 300], // into the range
        [LOCK_AT + 10, 100], // inside it
        [LOCK_AT + 500, 300], // out of it
        [LOCK_AT - 1000, 3000], // across it
        [LOCK_AT + LOCK_BYTES, 2000], // just after
        [0, 30_000], // the whole file
      ];
      for (const [position, length] of cases) {
        const buffer = Buffer.alloc(length, 0xaa);
        expect(readDbBytes(fd, buffer, length, position, LOCK_AT)).toBe(length);
        expect(buffer.equals(expected.subarray(position, position + length))).toBe(true);
      }
    } finally {
      closeSync(fd);
    }
  });

  it('copies chunk by chunk into a new owner-only file, the lock range zeros, and never over an existing file', () => {
    const { path, expected } = sample();
    const copy = join(tempDir('kalkan-lockbytes-'), 'copy.db');
    copyDbFile(path, copy, { lockStart: LOCK_AT, durable: true });
    expect(readFileSync(copy).equals(expected)).toBe(true);
    if (process.platform !== 'win32') expect(statSync(copy).mode & 0o777).toBe(0o600);
    expect(() => copyDbFile(path, copy)).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(readFileSync(copy).equals(expected)).toBe(true);
  });

  it('leaves a real vault byte for byte (its lock page lies past 1 GiB) and the copy opens with the key', async () => {
    expect(PENDING_BYTE).toBe(1024 * 1024 * 1024);
    const { vault } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const db = vault.database;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const copy = join(tempDir('kalkan-lockbytes-'), 'vault-copy.db');
    copyDbFile(vault.paths.db, copy);
    expect(readFileSync(copy).equals(readFileSync(vault.paths.db))).toBe(true);
    const opened = vault.withKey((key) => openEncrypted(copy, Buffer.from(key), { exclusive: false }));
    try {
      expect(opened.pragma('quick_check', { simple: true })).toBe('ok');
    } finally {
      opened.close();
      vault.lock('shutdown');
    }
  });
});
