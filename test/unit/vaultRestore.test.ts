/**
 * Issue 13, part 2: restore only by an administrator of this office; another office's
 * backup only when confirmed; the replaced database is kept aside.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMeta } from '../../electron/core/vault/vault';
import { backupVault, restoreVault, shortVaultId } from '../../electron/core/vault/backup';
import { readKeyring } from '../../electron/core/vault/keyring';
import { cli } from '../fixtures/cli';
import { activate, ADMIN, signedInCore, TEMP_PASSWORD, tempDir } from '../fixtures/vaults';

const WORKER_PW = 'turuncu-bulut-yavas-gecer';
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

/** An office with a caseworker and one backup made by the admin; the vault is left locked. */
async function officeWithBackup() {
  const { core, admin } = await signedInCore();
  await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });
  const backup = join(tempDir('kalkan-bk-'), 'b.kbak');
  backupVault(core.services.vault, backup, null);
  const vaultId = readMeta(core.services.vault.database).vaultId;
  await core.call(admin, 'auth.signOut');
  await activate(core, 'ayse', WORKER_PW);
  return { core, admin, backup, vaultId, db: core.services.vault.paths.db };
}

describe('restore', () => {
  it('a caseworker cannot restore (her entry is in the backup keyring, which used to be enough)', async () => {
    const { backup, db, core } = await officeWithBackup();
    // The backup still holds her temporary password's entry; her current password opens the current vault.
    expect(await codeOf(restoreVault(backup, db, 'ayse', WORKER_PW))).toBe('auth.forbidden');
    expect(await codeOf(restoreVault(backup, db, 'ayse', TEMP_PASSWORD))).toBe('vault.wrongPassword');
    expect(readdirSync(join(db, '..')).some((f) => f.includes('before-restore'))).toBe(false);
    // Through the router: the app's backup.restore needs vault:restore.
    const client = { session: null };
    await core.call(client, 'auth.signIn', { username: 'ayse', password: WORKER_PW });
    expect(await core.router.handle(client, 'backup.restore', { file: backup, password: WORKER_PW })).toEqual({ ok: false, error: { code: 'auth.forbidden' } });
    await core.call(client, 'auth.signOut');
    // The CLI says the same (exit 1, permission).
    const run = await cli(['restore', '--from', backup, '--db', db, '--user', 'ayse', '--lang', 'en'], { KALKAN_PASSWORD: WORKER_PW });
    expect(run.code).toBe(1);
    expect(run.err).toContain('You do not have permission');
    // The administrator may, and the replaced database is kept aside.
    const result = await restoreVault(backup, db, ADMIN.username, ADMIN.password);
    expect(result.previousKeptAt && existsSync(join(result.previousKeptAt, 'kalkan.db'))).toBe(true);
  }, 60_000);

  it("another office's backup is refused unless --other-office confirms its id", async () => {
    const here = await officeWithBackup();
    const there = await officeWithBackup(); // same admin name and password, another vault id
    expect(there.vaultId).not.toBe(here.vaultId);
    expect(await codeOf(restoreVault(there.backup, here.db, ADMIN.username, ADMIN.password))).toBe('backup.otherOffice');
    expect(readKeyring(`${here.db}.keyring`).vaultId).toBe(here.vaultId);
    const refused = await cli(['restore', '--from', there.backup, '--db', here.db, '--user', ADMIN.username, '--lang', 'en'], { KALKAN_PASSWORD: ADMIN.password });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`--other-office ${shortVaultId(there.vaultId)}`);
    // A wrong or too short confirmation is no confirmation.
    expect(await codeOf(restoreVault(there.backup, here.db, ADMIN.username, ADMIN.password, undefined, { otherOffice: shortVaultId(here.vaultId) }))).toBe('backup.otherOffice');
    expect(await codeOf(restoreVault(there.backup, here.db, ADMIN.username, ADMIN.password, undefined, { otherOffice: there.vaultId.slice(0, 4) }))).toBe('backup.otherOffice');
    const ok = await cli(['restore', '--from', there.backup, '--db', here.db, '--user', ADMIN.username, '--other-office', shortVaultId(there.vaultId), '--json'], {
      KALKAN_PASSWORD: ADMIN.password,
    });
    expect(ok.code, ok.err).toBe(0);
    expect(readKeyring(`${here.db}.keyring`).vaultId).toBe(there.vaultId);
    expect(existsSync(join(JSON.parse(ok.out).previousKeptAt, 'kalkan.db.keyring'))).toBe(true);
  }, 60_000);

  it('the app refuses a foreign backup before locking the vault', async () => {
    const here = await officeWithBackup();
    const there = await officeWithBackup();
    const client = { session: null };
    await here.core.call(client, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(await here.core.router.handle(client, 'backup.restore', { file: there.backup, password: ADMIN.password })).toEqual({
      ok: false,
      error: { code: 'backup.otherOffice', params: { office: expect.any(String), id: shortVaultId(there.vaultId) } },
    });
    expect(here.core.services.vault.state()).toBe('unlocked');
    await here.core.call(client, 'auth.signOut');
  }, 60_000);
});
