/**
 * Issue 13: rotating the office key. A new database key and recovery key; every active user
 * keeps her password; copies of the keyring taken before a password change or before the
 * rotation, a disabled user's entry and the old recovery key open nothing current; old backups
 * keep their old key. A rotation cut short at any step leaves a vault its users can open.
 */
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodedError } from '../../shared/api/envelope';
import { openEncrypted } from '../../electron/core/db/open';
import { getVaultSetting } from '../../electron/core/db/vaultSettings';
import { newSyncKeys, openSyncKeys } from '../../electron/core/sync/keys';
import { backupVault, restoreVault } from '../../electron/core/vault/backup';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { readKeyring, unwrapForUser, writeKeyring } from '../../electron/core/vault/keyring';
import { Vault, type RotationStep } from '../../electron/core/vault/vault';
import { newClientState } from '../../electron/core/session';
import { activate, ADMIN, createdVault, signedInCore, TEMP_PASSWORD, tempDir } from '../fixtures/vaults';

const FIRST_PW = 'turuncu-bulut-yavas-gecer';
const SECOND_PW = 'yesil-vadi-sessiz-akar-su';

/** Does this keyring file, with this user's password, open the database at `db` now? */
async function opensWith(keyringPath: string, db: string, username: string, password: string): Promise<boolean> {
  const key = await unwrapForUser(readKeyring(keyringPath), username, password);
  try {
    openEncrypted(db, key, { exclusive: false }).close();
    return true;
  } catch (error) {
    expect((error as CodedError).code).toBe('vault.damaged');
    return false;
  } finally {
    key.fill(0);
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return error instanceof CodedError ? error.code : String(error);
  }
}

describe('key rotation', () => {
  it('old keyrings (before a password change, before rotation) and the old recovery key open nothing after rotation; everyone keeps her password', async () => {
    const { core, admin, recoveryKey: oldRecovery } = await signedInCore();
    await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });
    await core.call(admin, 'auth.signOut');
    await activate(core, 'ayse', FIRST_PW);
    const paths = core.services.vault.paths;
    const copies = tempDir();
    const beforeChange = join(copies, 'before-change.keyring');
    copyFileSync(paths.keyring, beforeChange);

    // Ayşe changes her password; the copy still opens the database until the office key is rotated.
    const ayse = newClientState();
    await core.call(ayse, 'auth.signIn', { username: 'ayse', password: FIRST_PW });
    await core.call(ayse, 'auth.changePassword', { current: FIRST_PW, next: SECOND_PW });
    await core.call(ayse, 'auth.signOut');
    expect(await opensWith(beforeChange, paths.db, 'ayse', FIRST_PW)).toBe(true);
    const beforeRotation = join(copies, 'before-rotation.keyring');
    copyFileSync(paths.keyring, beforeRotation);

    const boss = newClientState();
    await core.call(boss, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const rotated = await core.call(boss, 'vault.rotate', {});
    expect(rotated.rewrapped).toBe(2);
    expect(rotated.needPassword).toEqual([]);
    expect(rotated.recoveryKey).not.toBe(oldRecovery);
    expect(rotated.sheetToken.length).toBeGreaterThan(16);
    const actions = (core.services.vault.database.prepare("SELECT action FROM audit_log WHERE action = 'security.keyRotated'").all() as unknown[]).length;
    expect(actions).toBe(1);
    // The new recovery key's sheet prints from the open vault.
    const sheet = await core.call(boss, 'documents.recoverySheet', { sheetToken: rotated.sheetToken, recoveryKey: rotated.recoveryKey, language: 'tr' });
    expect(sheet.pages).toBeGreaterThan(0);
    await core.call(boss, 'auth.signOut');

    expect(await opensWith(beforeChange, paths.db, 'ayse', FIRST_PW)).toBe(false);
    expect(await opensWith(beforeRotation, paths.db, 'ayse', SECOND_PW)).toBe(false);
    expect(await opensWith(beforeRotation, paths.db, ADMIN.username, ADMIN.password)).toBe(false);
    expect(await opensWith(paths.keyring, paths.db, 'ayse', SECOND_PW)).toBe(true);
    expect(readFileSync(paths.keyring, 'utf8')).not.toContain('"sealed"');

    // Both sign in with their passwords; the administrator still holds the office key.
    for (const [username, password] of [
      ['ayse', SECOND_PW],
      [ADMIN.username, ADMIN.password],
    ] as const) {
      const client = newClientState();
      await core.call(client, 'auth.signIn', { username, password });
      if (username === ADMIN.username) await core.call(client, 'users.list');
      await core.call(client, 'auth.signOut');
    }
    const vault = core.services.vault;
    expect(() => vault.withRecoveryKey(oldRecovery, () => 1)).toThrow(expect.objectContaining({ code: 'vault.recoveryKeyWrong' }));
    expect(vault.withRecoveryKey(rotated.recoveryKey, () => 1)).toBe(1);
    // The new recovery key also unseals the office authority (recover rebuilds an admin entry).
    await vault.recover(rotated.recoveryKey, ADMIN.username, 'kirmizi-elma-agacta-sallanir');
    const client = newClientState();
    await core.call(client, 'auth.signIn', { username: ADMIN.username, password: 'kirmizi-elma-agacta-sallanir' });
    await core.call(client, 'users.list');
    await core.call(client, 'auth.signOut');
  });

  it('disabling a user recommends rotation until it is done; her entry from a copy opens nothing after', async () => {
    const { core, admin } = await signedInCore();
    const created = await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });
    await core.call(admin, 'auth.signOut');
    await activate(core, 'ayse', FIRST_PW);
    const paths = core.services.vault.paths;
    const copy = join(tempDir(), 'copy.keyring');
    copyFileSync(paths.keyring, copy);
    // The copy holds the current key (her entry will be removed from the keyring, not from the copy).
    expect(await opensWith(copy, paths.db, 'ayse', FIRST_PW)).toBe(true);
    const boss = newClientState();
    const before = await core.call(boss, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    expect(before.rotationRecommended).toBeNull();
    await core.call(boss, 'users.update', { id: created.id, disabled: true });
    const session = await core.call(boss, 'auth.session');
    expect(session?.rotationRecommended?.reason).toBe('userDisabled');
    const rotated = await core.call(boss, 'vault.rotate', {});
    expect(rotated.rewrapped).toBe(1);
    expect((await core.call(boss, 'auth.session'))?.rotationRecommended).toBeNull();
    await core.call(boss, 'auth.signOut');
    expect(await opensWith(copy, paths.db, 'ayse', FIRST_PW)).toBe(false);
  });

  it('a backup made before rotation keeps its old key: it restores with its password and opens with the old recovery key', async () => {
    const { vault, recoveryKey: oldRecovery, dir } = await createdVault();
    await vault.unlock(ADMIN.username, ADMIN.password);
    const backup = join(dir, 'before.kbak');
    backupVault(vault, backup, null);
    const { recoveryKey: newRecovery } = await vault.rotate({ id: 'x', username: ADMIN.username });
    vault.lock('user');
    const restoredAt = join(tempDir(), 'restored.db');
    await restoreVault(backup, restoredAt, ADMIN.username, ADMIN.password);
    const restored = new Vault(restoredAt, { kdf: TEST_KDF });
    expect(restored.withRecoveryKey(oldRecovery, () => 'opened')).toBe('opened');
    expect(() => restored.withRecoveryKey(newRecovery, () => 'opened')).toThrow(expect.objectContaining({ code: 'vault.recoveryKeyWrong' }));
    await restored.unlock(ADMIN.username, ADMIN.password);
    restored.lock('user');
  });

  it("re-seals this workstation's sync keys under the new database key", async () => {
    const { vault } = await createdVault();
    const keyring = readKeyring(vault.paths.keyring);
    const dbKey = await unwrapForUser(keyring, ADMIN.username, ADMIN.password);
    const { keys, open } = newSyncKeys(keyring.vaultId, dbKey);
    writeKeyring(vault.paths.keyring, { ...keyring, sync: keys });
    await vault.unlock(ADMIN.username, ADMIN.password);
    await vault.rotate({ id: 'x', username: ADMIN.username });
    vault.lock('user');
    const after = readKeyring(vault.paths.keyring);
    const newKey = await unwrapForUser(after, ADMIN.username, ADMIN.password);
    const reopened = openSyncKeys(after.sync!, after.vaultId, newKey);
    expect(reopened.deviceId).toBe(open.deviceId);
    expect(reopened.syncKey.equals(open.syncKey)).toBe(true);
    expect(() => openSyncKeys(after.sync!, after.vaultId, dbKey)).toThrow();
  });

  for (const fault of ['staged', 'signed', 'rekeyed'] as RotationStep[]) {
    it(`a rotation cut short after step "${fault}" leaves a vault its users open, with nothing half-done`, async () => {
      const dir = tempDir();
      const first = new Vault(join(dir, 'kalkan.db'), { kdf: TEST_KDF, rotationFault: fault });
      await first.create({ officeName: 'Ofis', admin: ADMIN });
      await first.unlock(ADMIN.username, ADMIN.password);
      expect(await codeOf(first.rotate({ id: 'x', username: ADMIN.username }))).toBe('vault.rotationInterrupted');
      first.lock('user');
      expect(existsSync(`${first.paths.keyring}.next`)).toBe(true);
      // The next start (no fault): the password opens the vault, the pending keyring is settled.
      const next = new Vault(join(dir, 'kalkan.db'), { kdf: TEST_KDF });
      await next.unlock(ADMIN.username, ADMIN.password);
      expect(existsSync(`${next.paths.keyring}.next`)).toBe(false);
      // Cut short after the rekey, the new recovery key was never shown: rotation is recommended again.
      expect(getVaultSetting(next.database, 'rotationRecommended')?.reason ?? null).toBe(fault === 'staged' ? null : 'rotationInterrupted');
      const { recoveryKey } = await next.rotate({ id: 'x', username: ADMIN.username });
      next.lock('user');
      await next.unlock(ADMIN.username, ADMIN.password);
      next.lock('user');
      expect(next.withRecoveryKey(recoveryKey, () => true)).toBe(true);
    });
  }
});
