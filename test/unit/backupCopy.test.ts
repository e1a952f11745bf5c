/**
 * Issue 16: the backup copies the encrypted database file as it is on disk (no decrypt and
 * re-encrypt, no VACUUM) and stays sealed and verified: the bundle holds exactly the vault's
 * checkpointed bytes, opens with the key and nothing else, and any change is refused.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/core/db/open';
import { backupVault } from '../../electron/core/vault/backup';
import { readBackupHeader, verifyAndExtract } from '../../electron/core/vault/backupFile';
import type { Vault } from '../../electron/core/vault/vault';
import { ADMIN, createdVault, tempDir } from '../fixtures/vaults';

const opened: Vault[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.lock('shutdown');
});

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('backup by page copy', () => {
  it('bundles the checkpointed encrypted file byte for byte, and the copy opens with the key only', async () => {
    const { vault, dir } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    opened.push(vault);
    const db = vault.database;
    db.transaction(() => {
      const insert = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
      for (let i = 0; i < 500; i += 1) insert.run(`probe.${i}`, `değer ${i} `.repeat(20));
    })();
    // Still in the WAL before the backup: the backup checkpoints it into the file first.
    expect(readFileSync(`${vault.paths.db}-wal`).length).toBeGreaterThan(0);

    const out = join(dir, 'out', 'b.kbak');
    const steps: string[] = [];
    backupVault(vault, out, null, (_done, _total, step) => steps.push(step));
    expect(steps).toEqual(['backup.step.copy', 'backup.step.write', 'backup.step.verify', 'backup.step.done']);

    const { header, offset } = readBackupHeader(out);
    const inside = readFileSync(out).subarray(offset);
    // The vault file itself (the audit row of the backup went to the WAL, not into the file).
    expect(sha(inside)).toBe(header.dbSha256);
    expect(sha(readFileSync(vault.paths.db))).toBe(header.dbSha256);
    expect(inside.includes(Buffer.from('değer 42'))).toBe(false); // encrypted on disk

    const extracted = join(tempDir(), 'x.db');
    vault.withKey((key) => verifyAndExtract(out, key, extracted));
    const copy = vault.withKey((key) => openEncrypted(extracted, key, { exclusive: false }));
    try {
      expect(copy.prepare("SELECT value FROM settings WHERE key = 'probe.42'").get()).toEqual({ value: 'değer 42 '.repeat(20) });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      copy.close();
    }
    expect(() => openEncrypted(extracted, Buffer.alloc(32, 7), { exclusive: false })).toThrow(expect.objectContaining({ code: 'vault.damaged' }));

    // One flipped byte of the database part: the hash no longer matches.
    const bytes = readFileSync(out);
    bytes[offset + 5000] = bytes[offset + 5000]! ^ 1;
    const altered = join(dir, 'altered.kbak');
    writeFileSync(altered, bytes);
    expect(() => vault.withKey((key) => verifyAndExtract(altered, key, null))).toThrow(expect.objectContaining({ code: 'backup.damaged' }));
  }, 60_000);
});
