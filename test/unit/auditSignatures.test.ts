/**
 * Issue 13: each audit row is signed by the user it names. Before, every signed-in user held the
 * database key, so she could append a row in another user's name, recompute the SHA-256 chain,
 * and `verify` said ok. Now the row needs the named user's own key, which is sealed under that
 * user's password; and after a rotation the old office signing key signs nothing.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appendAudit } from '../../electron/core/audit/auditLog';
import { newAuditKey, registerAuditKey, setAuditSigner } from '../../electron/core/audit/auditSigning';
import { openEncrypted, type Db } from '../../electron/core/db/open';
import { verifyVault } from '../../electron/core/vault/backup';
import { newAuthority, signEntry, signGrant, type Authority } from '../../electron/core/vault/authority';
import { TEST_KDF } from '../../electron/core/vault/kdf';
import { readKeyring, unwrapEntry, unwrapForUser, userTag, wrapForUser, writeKeyring } from '../../electron/core/vault/keyring';
import { newClientState } from '../../electron/core/session';
import { cli } from '../fixtures/cli';
import { activate, ADMIN, signedInCore, TEMP_PASSWORD } from '../fixtures/vaults';

const AYSE_PW = 'turuncu-bulut-yavas-gecer';
const AYSE_PW2 = 'yesil-vadi-sessiz-akar-su';
const CHOSEN = 'benim-sectigim-parola-gizli-kapi';

/** An office with a caseworker (ayse) who has signed in once; the vault is locked. */
async function office() {
  const { core, admin, recoveryKey } = await signedInCore();
  await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });
  await core.call(admin, 'auth.signOut');
  await activate(core, 'ayse', AYSE_PW);
  const vault = core.services.vault;
  const paths = vault.paths;
  /** The insider: ayse, with the files and her own password. */
  const insider = {
    async withDb<T>(use: (db: Db) => T): Promise<T> {
      const key = await unwrapForUser(readKeyring(paths.keyring), 'ayse', AYSE_PW);
      const db = openEncrypted(paths.db, key, { exclusive: false });
      try {
        return use(db);
      } finally {
        db.pragma('wal_checkpoint(TRUNCATE)');
        db.close();
        key.fill(0);
      }
    },
  };
  const signIn = async (username: string, password: string) => {
    const client = newClientState();
    const reply = await core.router.handle(client, 'auth.signIn', { username, password });
    return { client, reply };
  };
  /** verify as an administrator would run it: signed in, with the key she unseals. */
  const adminVerify = async () => {
    await vault.unlock(ADMIN.username, ADMIN.password);
    try {
      return verifyVault(vault.database, vault.anchorStatus(), vault.officePublicKey());
    } finally {
      vault.lock('user');
    }
  };
  const userId = (db: Db, username: string) => (db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: string }).id;
  return { core, vault, paths, insider, signIn, adminVerify, userId, recoveryKey };
}

describe('per-user audit signatures', () => {
  it('an untouched vault verifies: every row from the first is signed by the user it names', async () => {
    const { core, adminVerify, signIn } = await office();
    const report = await adminVerify();
    expect(report).toMatchObject({ ok: true, auditChain: true, auditAnchor: true });
    expect(report.auditSignatures).toMatchObject({ ok: true, boundaryOk: true, signedFrom: 1, legacyRows: 0, failedRows: 0, problems: [] });
    expect(report.auditSignatures.signedRows).toBeGreaterThan(8);
    // The app's verify says the same.
    const { client } = await signIn(ADMIN.username, ADMIN.password);
    const app = await core.call(client, 'audit.verify', {});
    expect(app).toMatchObject({ ok: true, signatures: { ok: true, failedRows: 0 } });
    await core.call(client, 'auth.signOut');
  }, 60_000);

  it('user B with the database key writes rows claiming user A (chain recomputed): verify names each row and the claimed actor', async () => {
    const { core, paths, insider, adminVerify, signIn, userId } = await office();
    // Her own audit key, unsealed from her own entry with her password.
    const mine = (await unwrapEntry(readKeyring(paths.keyring), 'ayse', AYSE_PW)).signer!;
    const vaultId = readKeyring(paths.keyring).vaultId;
    const forged = await insider.withDb((db) => {
      const adminId = userId(db, ADMIN.username);
      const claim = { action: 'vault.exportDecrypted' as const, actorId: adminId, actorName: ADMIN.username };
      // 1. unsigned, as appendAudit wrote every row before (the SHA-256 chain is recomputed correctly).
      const unsigned = appendAudit(db, claim).seq;
      // 2. signed with her own audit key.
      setAuditSigner(db, { ...mine, userId: adminId });
      const withHerKey = appendAudit(db, claim).seq;
      // 3. a key she made up for the administrator, registered without a certificate.
      const madeUp = newAuditKey();
      db.transaction(() => registerAuditKey(db, vaultId, ADMIN.username, madeUp, null))();
      setAuditSigner(db, { ...madeUp, userId: adminId });
      const uncertified = appendAudit(db, claim).seq;
      // 4. the same, certified by an office key of her own making.
      const certified = newAuditKey();
      db.transaction(() => registerAuditKey(db, vaultId, ADMIN.username, certified, newAuthority()))();
      setAuditSigner(db, { ...certified, userId: adminId });
      const ownCert = appendAudit(db, claim).seq;
      setAuditSigner(db, null);
      return { unsigned, withHerKey, uncertified, ownCert };
    });
    const report = await adminVerify();
    expect(report.auditChain).toBe(true); // all the old verify looked at
    expect(report.ok).toBe(false);
    expect(report.auditSignatures.problems).toEqual([
      { seq: forged.unsigned, actor: ADMIN.username, problem: 'unsigned' },
      { seq: forged.withHerKey, actor: ADMIN.username, problem: 'otherUsersKey' },
      { seq: forged.uncertified, actor: ADMIN.username, problem: 'uncertifiedKey' },
      { seq: forged.ownCert, actor: ADMIN.username, problem: 'uncertifiedKey' },
    ]);
    expect(report.auditSignatures.failedRows).toBe(4);
    // The app's verify (Administration → Audit log) says the same.
    const { client } = await signIn(ADMIN.username, ADMIN.password);
    const app = await core.call(client, 'audit.verify', {});
    expect(app).toMatchObject({ ok: false, signatures: { ok: false, failedRows: 4, problems: [{ seq: forged.unsigned, actor: ADMIN.username, problem: 'unsigned' }, {}, {}, {}] } });
    expect(app.brokenAt).toBeUndefined();
    await core.call(client, 'auth.signOut');

    // kalkan verify: exit 5, naming the row and the claimed actor.
    const result = await cli(['verify', '--db', paths.db, '--user', ADMIN.username, '--lang', 'en'], { KALKAN_PASSWORD: ADMIN.password });
    expect(result.code).toBe(5);
    expect(result.out).toContain(`row ${forged.unsigned}, claimed by ${ADMIN.username}: not signed`);
    expect(result.out).toContain(`row ${forged.withHerKey}, claimed by ${ADMIN.username}: signed with another user's key`);
  }, 90_000);

  it("a row's signature copied onto another row, or the legacy boundary raised to hide rows, fails", async () => {
    const { insider, adminVerify, userId } = await office();
    const seq = await insider.withDb((db) => {
      const adminId = userId(db, ADMIN.username);
      const row = appendAudit(db, { action: 'vault.exportDecrypted', actorId: adminId, actorName: ADMIN.username });
      // The administrator's real signature of an earlier row, on the forged row (the trigger dropped).
      const real = (db.prepare('SELECT actor_mac AS mac FROM audit_log WHERE actor_id = ? AND actor_mac IS NOT NULL ORDER BY seq LIMIT 1').get(adminId) as { mac: string }).mac;
      db.exec('DROP TRIGGER audit_log_no_update');
      db.prepare('UPDATE audit_log SET actor_mac = ? WHERE seq = ?').run(real, row.seq);
      return row.seq;
    });
    expect((await adminVerify()).auditSignatures.problems).toEqual([{ seq, actor: ADMIN.username, problem: 'badSignature' }]);
    await insider.withDb((db) => db.prepare("UPDATE meta SET value = ? WHERE key = 'audit_signed_from'").run(String(seq + 1)));
    const report = await adminVerify();
    expect(report.auditSignatures).toMatchObject({ ok: false, boundaryOk: false, signedFrom: seq + 1, failedRows: 0 });
    expect(report.ok).toBe(false);
  }, 60_000);

  it('own password change keeps the key; a reset gives a new one; after a rotation every row still verifies', async () => {
    const { core, paths, insider, adminVerify, signIn } = await office();
    const keyIdOf = () => readKeyring(paths.keyring).entries.find((e) => e.userTag === userTag(readKeyring(paths.keyring).vaultId, 'ayse'))!.signer!.keyId;
    const first = keyIdOf();
    const ayse = (await signIn('ayse', AYSE_PW)).client;
    await core.call(ayse, 'auth.changePassword', { current: AYSE_PW, next: AYSE_PW2 });
    await core.call(ayse, 'auth.signOut');
    expect(keyIdOf()).toBe(first);

    const boss = (await signIn(ADMIN.username, ADMIN.password)).client;
    const id = (await core.call(boss, 'users.list')).find((u) => u.username === 'ayse')!.id;
    await core.call(boss, 'users.resetPassword', { id, password: TEMP_PASSWORD });
    await core.call(boss, 'auth.signOut');
    expect(keyIdOf()).not.toBe(first);
    await activate(core, 'ayse', AYSE_PW);

    const boss2 = (await signIn(ADMIN.username, ADMIN.password)).client;
    await core.call(boss2, 'vault.rotate', {});
    await core.call(boss2, 'auth.signOut');
    const again = (await signIn('ayse', AYSE_PW)).client;
    await core.call(again, 'auth.signOut');

    const report = await adminVerify();
    expect(report.auditSignatures).toMatchObject({ ok: true, failedRows: 0, legacyRows: 0 });
    expect(report.ok).toBe(true);
    // Rows ayse signed with her first key (before the reset) are among them: keys are never dropped.
    const keys = await insider.withDb((db) => db.prepare("SELECT DISTINCT substr(actor_mac, 1, 36) AS k FROM audit_log WHERE actor_name = 'ayse' AND actor_mac IS NOT NULL").all() as Array<{ k: string }>);
    expect(keys.map((k) => k.k)).toContain(first);
    expect(keys).toHaveLength(2);
  }, 120_000);

  it('an upgraded vault: rows from before migration 24 are legacy; a key a user makes herself counts once an administrator has signed in', async () => {
    const { vault, paths, insider, adminVerify } = await office();
    // Back to schema 23: no audit keys, no boundary, entries without audit keys.
    const before = await insider.withDb((db) => {
      db.exec("DROP TABLE audit_keys; DELETE FROM meta WHERE key LIKE 'audit_signed_from%'; DELETE FROM schema_migrations WHERE version = 24; PRAGMA user_version = 23;");
      db.exec('DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_mac = NULL;');
      db.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;");
      return (db.prepare('SELECT MAX(seq) AS n FROM audit_log').get() as { n: number }).n;
    });
    const ring = readKeyring(paths.keyring);
    writeKeyring(paths.keyring, { ...ring, entries: ring.entries.map(({ signer: _signer, ...e }) => e) });

    // ayse signs in first: the migration records the boundary; her new key waits for an administrator.
    await vault.unlock('ayse', AYSE_PW);
    const hers = verifyVault(vault.database, vault.anchorStatus(), vault.officePublicKey());
    expect(hers.auditSignatures).toMatchObject({ ok: false, boundaryOk: false, signedFrom: before + 1, legacyRows: before });
    expect(hers.auditSignatures.problems.length).toBeGreaterThan(0);
    expect(hers.auditSignatures.problems.every((p) => p.problem === 'uncertifiedKey' && p.actor === 'ayse')).toBe(true);
    vault.lock('user');
    expect(readKeyring(paths.keyring).entries.every((e) => e.signer)).toBe(false); // the administrator's entry gets one at her sign-in

    const report = await adminVerify();
    expect(report.auditSignatures).toMatchObject({ ok: true, boundaryOk: true, signedFrom: before + 1, legacyRows: before, failedRows: 0 });
    expect(readKeyring(paths.keyring).entries.every((e) => e.signer)).toBe(true);
  }, 90_000);
});

describe('recovery', () => {
  it('with the keyring lost, the recovery key vouches for the office as it is: every row still verifies', async () => {
    const { vault, paths, recoveryKey } = await office();
    rmSync(paths.keyring);
    await vault.recover(recoveryKey, ADMIN.username, CHOSEN);
    await vault.unlock(ADMIN.username, CHOSEN);
    const report = verifyVault(vault.database, vault.anchorStatus(), vault.officePublicKey());
    vault.lock('user');
    expect(report.auditSignatures).toMatchObject({ ok: true, boundaryOk: true, failedRows: 0 });
  }, 60_000);
});

describe('rotation replaces the office signing key', () => {
  /** A former administrator's copy of the signing key: unsealed from the admin entry she once had. */
  async function oldAuthority(keyringPath: string): Promise<Authority> {
    return (await unwrapEntry(readKeyring(keyringPath), ADMIN.username, ADMIN.password)).authority!;
  }

  /** She adds "yardimci" as supervisor, grant and keyring entry signed with that key. */
  async function forgeWith(authority: Authority, o: Awaited<ReturnType<typeof office>>) {
    const vaultId = readKeyring(o.paths.keyring).vaultId;
    await o.insider.withDb((db) => {
      db.prepare(
        `INSERT INTO users (id, username, username_folded, display_name, roles, disabled, must_change_password, created_at, updated_at) VALUES ('u-x', 'yardimci', 'yardimci', 'Y', '["supervisor"]', 0, 0, 'x', 'x')`,
      ).run();
      db.prepare('UPDATE users SET grant_sig = ? WHERE id = ?').run(signGrant(authority, vaultId, { id: 'u-x', username: 'yardimci', roles: ['supervisor'], disabled: false }), 'u-x');
    });
    const key = await unwrapForUser(readKeyring(o.paths.keyring), 'ayse', AYSE_PW);
    const ring = await wrapForUser(readKeyring(o.paths.keyring), 'yardimci', CHOSEN, key, TEST_KDF);
    const tag = userTag(vaultId, 'yardimci');
    writeKeyring(o.paths.keyring, { ...ring, entries: ring.entries.map((e) => (e.userTag === tag ? { ...e, sig: signEntry(authority, vaultId, tag) } : e)) });
    key.fill(0);
  }

  it('before: a copy of the signing key forges an entry and a grant that sign in', async () => {
    const o = await office();
    await forgeWith(await oldAuthority(o.paths.keyring), o);
    const { reply } = await o.signIn('yardimci', CHOSEN);
    expect(reply).toMatchObject({ ok: true, value: { user: { roles: ['supervisor'] } } });
  }, 60_000);

  it('after a rotation the old key signs nothing: the same forgery is refused; the new key is pinned and sealed for administrators', async () => {
    const o = await office();
    const old = await oldAuthority(o.paths.keyring);
    const boss = (await o.signIn(ADMIN.username, ADMIN.password)).client;
    await o.core.call(boss, 'vault.rotate', {});
    await o.core.call(boss, 'auth.signOut');
    const pinned = readKeyring(o.paths.keyring).authority!.publicKey;
    expect(pinned).not.toBe(old.publicKeyText);
    expect((await oldAuthority(o.paths.keyring)).publicKeyText).toBe(pinned);

    await forgeWith(old, o);
    expect((await o.signIn('yardimci', CHOSEN)).reply).toEqual({ ok: false, error: { code: 'vault.entryUnsigned' } });
    // A grant she re-signs for herself with the old key is refused too.
    const vaultId = readKeyring(o.paths.keyring).vaultId;
    await o.insider.withDb((db) => {
      const id = o.userId(db, 'ayse');
      db.prepare(`UPDATE users SET roles = '["supervisor"]', grant_sig = ? WHERE id = ?`).run(signGrant(old, vaultId, { id, username: 'ayse', roles: ['supervisor'], disabled: false }), id);
    });
    expect((await o.signIn('ayse', AYSE_PW)).reply).toEqual({ ok: false, error: { code: 'vault.grantInvalid' } });
    // The refusals are recorded; every row still verifies under the new key.
    const report = await o.adminVerify();
    expect(report.auditSignatures).toMatchObject({ ok: true, failedRows: 0 });
  }, 90_000);
});
