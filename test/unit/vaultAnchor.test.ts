/**
 * Issue 13, part 4: the audit chain's head anchored outside the database (keyring, backups).
 * Before, a key holder could delete rows at the end, the whole log, or put an older copy of the
 * file back, and `verify` still said ok (the chain of what is left is intact).
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openEncrypted } from '../../electron/core/db/open';
import { backupVault, verifyVault } from '../../electron/core/vault/backup';
import { readBackupHeader } from '../../electron/core/vault/backupFile';
import { readKeyring, unwrapForUser } from '../../electron/core/vault/keyring';
import type { Vault } from '../../electron/core/vault/vault';
import { cli } from '../fixtures/cli';
import { ADMIN, createdVault, tempDir } from '../fixtures/vaults';

const opened: Vault[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.lock('shutdown');
});

/** A vault used for a while (sign-ins, locks): its anchor is in the keyring. */
async function usedVault() {
  const made = await createdVault();
  for (let i = 0; i < 3; i++) {
    await made.vault.unlock(ADMIN.username, ADMIN.password);
    made.vault.lock('user');
  }
  return made;
}

/** The insider: the database key from her password, the triggers dropped, rows deleted. */
async function deleteRows(vault: Vault, where: string) {
  const key = await unwrapForUser(readKeyring(vault.paths.keyring), ADMIN.username, ADMIN.password);
  const db = openEncrypted(vault.paths.db, key, { exclusive: false });
  db.exec('DROP TRIGGER audit_log_no_delete');
  db.prepare(`DELETE FROM audit_log WHERE ${where}`).run();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

async function signIn(vault: Vault) {
  await vault.unlock(ADMIN.username, ADMIN.password);
  opened.push(vault);
  return verifyVault(vault.database, vault.anchorStatus());
}

describe('anchored audit log', () => {
  it('an intact vault verifies, and its backups carry the anchor', async () => {
    const { vault, dir } = await usedVault();
    const report = await signIn(vault);
    expect(report).toMatchObject({ ok: true, auditChain: true, auditAnchor: true });
    const file = join(dir, 'b.kbak');
    backupVault(vault, file, null);
    const anchored = readBackupHeader(file).header.keyring.audit;
    expect(anchored?.latest?.seq).toBeGreaterThan(5);
    expect(anchored?.signed?.seq).toBe(anchored?.latest?.seq); // an administrator's session signs it
  });

  it('rows deleted at the end: verify fails, saying where (the chain alone still says ok)', async () => {
    const { vault } = await usedVault();
    const anchorSeq = readKeyring(vault.paths.keyring).audit!.latest!.seq;
    await deleteRows(vault, `seq > ${anchorSeq - 3}`);
    const report = await signIn(vault);
    expect(report.auditChain).toBe(true); // what the old verify looked at
    expect(report).toMatchObject({ ok: false, auditAnchor: false, anchorProblem: 'tailMissing', anchorSeq, headSeq: anchorSeq - 3 });
    const actions = (vault.database.prepare('SELECT action FROM audit_log ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action);
    expect(actions).toContain('audit.anchorMismatch');
    // The session that found it does not move the anchor: the evidence stays.
    vault.lock('user');
    expect(readKeyring(vault.paths.keyring).audit!.latest!.seq).toBe(anchorSeq);
  });

  it('the whole log gone', async () => {
    const { vault } = await usedVault();
    await deleteRows(vault, '1 = 1');
    const report = await signIn(vault);
    expect(report).toMatchObject({ ok: false, auditAnchor: false, anchorProblem: 'logMissing', headSeq: 0 });
  });

  it('a database older than the anchor (rolled back, or a WAL that lost commits)', async () => {
    const { vault, dir } = await usedVault();
    const old = join(dir, 'old.db');
    copyFileSync(vault.paths.db, old);
    await vault.unlock(ADMIN.username, ADMIN.password);
    vault.lock('user');
    copyFileSync(old, vault.paths.db);
    const report = await signIn(vault);
    expect(report).toMatchObject({ ok: false, auditAnchor: false, anchorProblem: 'tailMissing' });
  });

  it('kalkan verify exits 5 and says where; an administrator re-anchors after investigating', async () => {
    const dir = tempDir('kalkan-anchor-');
    const db = join(dir, 'ofis.db');
    const env = { KALKAN_PASSWORD: ADMIN.password };
    expect((await cli(['init', '--db', db, '--admin', ADMIN.username], env)).code).toBe(0);
    expect((await cli(['verify', '--db', db, '--user', ADMIN.username], env)).code).toBe(0);
    const anchorSeq = JSON.parse(readFileSync(`${db}.keyring`, 'utf8')).audit.latest.seq as number;
    const key = await unwrapForUser(readKeyring(`${db}.keyring`), ADMIN.username, ADMIN.password);
    const handle = openEncrypted(db, key, { exclusive: false });
    handle.exec('DROP TRIGGER audit_log_no_delete');
    handle.prepare('DELETE FROM audit_log WHERE seq > ?').run(anchorSeq - 2);
    handle.close();
    const failed = await cli(['verify', '--db', db, '--user', ADMIN.username, '--lang', 'en'], env);
    expect(failed.code).toBe(5);
    expect(failed.out).toContain(`the log ends at row ${anchorSeq - 2}, the anchor points at row ${anchorSeq}`);
    expect((await cli(['verify', '--db', db, '--user', ADMIN.username], env)).code).toBe(5); // still, until re-anchored
    expect((await cli(['verify', '--db', db, '--user', ADMIN.username, '--reanchor'], env)).code).toBe(5);
    expect((await cli(['verify', '--db', db, '--user', ADMIN.username], env)).code).toBe(0);
  }, 90_000);
});
