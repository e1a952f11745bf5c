/**
 * Issue 13, part 3: signed authority. The insider with file access (a caseworker who copies
 * the vault and unwraps the database key with her own password) tries the probe's attacks.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openEncrypted, type Db } from '../../electron/core/db/open';
import { getVaultSetting } from '../../electron/core/db/vaultSettings';
import { newAuthority, signEntry, signGrant } from '../../electron/core/vault/authority';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { readKeyring, unwrapForUser, userTag, wrapForUser, writeKeyring, type KeyringData } from '../../electron/core/vault/keyring';
import { newClientState } from '../../electron/core/session';
import { activate, ADMIN, signedInCore, TEMP_PASSWORD } from '../fixtures/vaults';

const WORKER_PW = 'turuncu-bulut-yavas-gecer';
const CHOSEN = 'benim-sectigim-parola-gizli-kapi';

/** An office with a caseworker (ayse); the vault is locked. Returns the insider's tools. */
async function office() {
  const { core, admin } = await signedInCore();
  await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });
  await core.call(admin, 'auth.signOut');
  await activate(core, 'ayse', WORKER_PW);
  const paths = core.services.vault.paths;
  const original = readFileSync(paths.keyring, 'utf8');
  /** What the insider can do with the files and her own password. */
  const insider = {
    keyring: () => readKeyring(paths.keyring),
    dbKey: async () => unwrapForUser(readKeyring(paths.keyring), 'ayse', WORKER_PW),
    async withDb<T>(use: (db: Db) => T): Promise<T> {
      const db = openEncrypted(paths.db, await insider.dbKey(), { exclusive: false });
      try {
        return use(db);
      } finally {
        db.close();
      }
    },
    putBackOriginalKeyring: () => writeFileSync(paths.keyring, original),
  };
  const signIn = async (username: string, password: string) => {
    const client = newClientState();
    const reply = await core.router.handle(client, 'auth.signIn', { username, password });
    return { client, reply };
  };
  const auditActions = () => (core.services.vault.database.prepare('SELECT action FROM audit_log ORDER BY seq').all() as Array<{ action: string }>).map((r) => r.action);
  return { core, insider, signIn, auditActions, paths };
}

describe('signed authority', () => {
  it('a keyring entry forged for the administrator under a password the insider chose does not sign in', async () => {
    const { core, insider, signIn, auditActions } = await office();
    const key = await insider.dbKey();
    // The probe's attack: the database key sealed for the admin's tag under her password (the
    // admin entry's signature of its tag is even carried over by wrapForUser).
    writeKeyring(core.services.vault.paths.keyring, await wrapForUser(insider.keyring(), ADMIN.username, CHOSEN, key, TEST_KDF));
    expect((await signIn(ADMIN.username, CHOSEN)).reply).toEqual({ ok: false, error: { code: 'vault.adminKeyMissing' } });
    // Variant: her entry seals an office key of her own making and she signs the entry with it.
    const hers = newAuthority();
    const withOwnKey = await wrapForUser(insider.keyring(), ADMIN.username, CHOSEN, key, TEST_KDF, { signWith: hers, sealAuthority: hers });
    writeKeyring(core.services.vault.paths.keyring, withOwnKey);
    expect((await signIn(ADMIN.username, CHOSEN)).reply).toEqual({ ok: false, error: { code: 'vault.adminKeyMissing' } });
    // The real administrator, with the original keyring back, sees the refusals in the log.
    insider.putBackOriginalKeyring();
    const { client, reply } = await signIn(ADMIN.username, ADMIN.password);
    expect(reply.ok).toBe(true);
    expect(auditActions().filter((a) => a === 'security.adminKeyMissing')).toHaveLength(2);
    await core.call(client, 'auth.signOut');
  }, 60_000);

  it('an entry copied in for a new user name (no office signature) is refused and audited', async () => {
    const { core, insider, signIn, auditActions } = await office();
    // She adds a row for "yardimci" as supervisor and an entry for it, both unsigned.
    const key = await insider.dbKey();
    await insider.withDb((db) =>
      db
        .prepare(`INSERT INTO users (id, username, username_folded, display_name, roles, disabled, must_change_password, created_at, updated_at) VALUES ('u-x', 'yardimci', 'yardimci', 'Y', '["supervisor"]', 0, 0, 'x', 'x')`)
        .run(),
    );
    writeKeyring(core.services.vault.paths.keyring, await wrapForUser(insider.keyring(), 'yardimci', CHOSEN, key, TEST_KDF));
    expect((await signIn('yardimci', CHOSEN)).reply).toEqual({ ok: false, error: { code: 'vault.entryUnsigned' } });
    // Signed by her own key pair instead: still not the office's.
    const hers = newAuthority();
    writeKeyring(core.services.vault.paths.keyring, await wrapForUser(insider.keyring(), 'yardimci', CHOSEN, key, TEST_KDF, { signWith: hers }));
    expect((await signIn('yardimci', CHOSEN)).reply).toEqual({ ok: false, error: { code: 'vault.entryUnsigned' } });
    const { client } = await signIn(ADMIN.username, ADMIN.password);
    expect(auditActions().filter((a) => a === 'security.forgedEntry')).toHaveLength(2);
    // The administrator's sign-in counted the forged entry and the unsigned grant, and the dashboard shows it.
    expect(auditActions()).toContain('security.tamperDetected');
    expect(getVaultSetting(core.services.vault.database, 'securityAlert')).toMatchObject({ forgedEntries: 1, badGrants: 1, keyReplaced: false });
    expect(((await core.call(client, 'auth.session')) as { securityAlert?: unknown }).securityAlert).toMatchObject({ forgedEntries: 1, badGrants: 1 });
  }, 60_000);

  it('a role edited in the users table is refused at sign-in (before: she was admin)', async () => {
    const { insider, signIn, auditActions, core } = await office();
    await insider.withDb((db) => db.prepare(`UPDATE users SET roles = '["admin","caseworker"]' WHERE username = 'ayse'`).run());
    // An administrator's grant needs the office key in her entry.
    expect((await signIn('ayse', WORKER_PW)).reply).toEqual({ ok: false, error: { code: 'vault.adminKeyMissing' } });
    await insider.withDb((db) => db.prepare(`UPDATE users SET roles = '["supervisor"]' WHERE username = 'ayse'`).run());
    expect((await signIn('ayse', WORKER_PW)).reply).toEqual({ ok: false, error: { code: 'vault.grantInvalid' } });
    // Put back as it was, her own signed grant verifies again.
    await insider.withDb((db) => db.prepare(`UPDATE users SET roles = '["caseworker"]' WHERE username = 'ayse'`).run());
    expect((await signIn('ayse', WORKER_PW)).reply.ok).toBe(true);
    expect(auditActions()).toEqual(expect.arrayContaining(['security.adminKeyMissing', 'security.grantInvalid']));
    await core.router.handle(newClientState(), 'auth.signOut', {});
  }, 60_000);

  it('replacing the office key everywhere lets her in, and the next administrator sign-in detects it', async () => {
    const { core, insider, signIn, auditActions, paths } = await office();
    const key = await insider.dbKey();
    const hers = newAuthority();
    const ring = insider.keyring();
    const vaultId = ring.vaultId;
    // Full replacement: her key pinned in the keyring and the database, every grant and entry re-signed,
    // an admin entry sealing her key under her password.
    await insider.withDb((db) => {
      db.prepare("UPDATE meta SET value = ? WHERE key = 'authority_public_key'").run(hers.publicKeyText);
      for (const u of db.prepare('SELECT id, username, roles, disabled FROM users').all() as Array<{ id: string; username: string; roles: string; disabled: number }>) {
        const grant = { id: u.id, username: u.username, roles: JSON.parse(u.roles), disabled: u.disabled === 1 };
        db.prepare('UPDATE users SET grant_sig = ? WHERE id = ?').run(signGrant(hers, vaultId, grant), u.id);
      }
    });
    let forged: KeyringData = { ...ring, authority: { publicKey: hers.publicKeyText }, entries: ring.entries.map((e) => ({ ...e, sig: signEntry(hers, vaultId, e.userTag) })) };
    forged = await wrapForUser(forged, ADMIN.username, CHOSEN, key, TEST_KDF, { signWith: hers, sealAuthority: hers });
    writeKeyring(paths.keyring, forged);
    const { client, reply } = await signIn(ADMIN.username, CHOSEN);
    expect(reply.ok).toBe(true); // not prevented: she holds the database key and wrote every file
    await core.call(client, 'auth.signOut');
    insider.putBackOriginalKeyring(); // and covers her tracks
    // A caseworker cannot sign in while the two pins disagree.
    expect((await signIn('ayse', WORKER_PW)).reply).toEqual({ ok: false, error: { code: 'vault.tampered' } });
    // The administrator's own entry unseals the true key: everything signed with hers is reported.
    const admin = await signIn(ADMIN.username, ADMIN.password);
    expect(admin.reply.ok).toBe(true);
    expect(getVaultSetting(core.services.vault.database, 'securityAlert')).toMatchObject({ keyReplaced: true, badGrants: 2 });
    expect(auditActions()).toContain('security.tamperDetected');
    expect(userTag(vaultId, ADMIN.username)).toBeTruthy();
  }, 60_000);

  it('a new vault signs its administrator; a user made and re-saved by an administrator signs in', async () => {
    const { signIn, core } = await office();
    const { client, reply } = await signIn('ayse', WORKER_PW);
    expect(reply).toMatchObject({ ok: true, value: { user: { roles: ['caseworker'] } } });
    await core.call(client, 'auth.signOut');
  }, 60_000);
});
