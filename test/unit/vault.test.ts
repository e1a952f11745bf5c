import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync, copyFileSync, truncateSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain, queryAudit } from '../../electron/core/audit/auditLog';
import { openEncrypted } from '../../electron/core/db/open';
import { formatRecoveryKey, newRecoverySecret } from '../../electron/core/vault/recoveryKey';
import { type Vault } from '../../electron/core/vault/vault';
import { ADMIN, OFFICE, createdVault, newVault } from '../fixtures/vaults';

const opened: Vault[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.lock('shutdown');
});
async function unlocked(vault: Vault, username = ADMIN.username, password = ADMIN.password) {
  const user = await vault.unlock(username, password);
  opened.push(vault);
  return user;
}
const codeOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
    return 'no error';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
};

describe('vault set-up', () => {
  it('creates an encrypted database and keyring that contain none of the text written into them', async () => {
    const { vault, recoveryKey, dir } = await createdVault();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){10}[0-9A-Z]{1,5}$/);
    await unlocked(vault);
    // Leave this write in the WAL (no checkpoint) so the WAL's bytes are checked too.
    vault.database.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('probe', JSON.stringify('Zeynep Öztürk TC 10000000146'));
    const files = [vault.paths.db, `${vault.paths.db}-wal`].filter(existsSync);
    expect(files).toContain(`${vault.paths.db}-wal`);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const secret of ['Zeynep', 'Öztürk', '10000000146', 'Hülya', 'yonetici', 'audit_log', 'SQLite format 3']) {
        expect(bytes.includes(Buffer.from(secret)), `${file} contains ${secret}`).toBe(false);
      }
    }
    const keyring = readFileSync(vault.paths.keyring, 'utf8');
    expect(keyring).not.toContain('yonetici');
    expect(keyring).not.toContain(ADMIN.password);
    expect(JSON.parse(keyring).officeName).toBe(OFFICE);
    expect(dir).toBeTruthy();
  });

  it('refuses to overwrite an existing database and refuses a weak password', async () => {
    const { dir } = await createdVault();
    expect(await codeOf(newVault(dir).create({ officeName: OFFICE, admin: ADMIN }))).toBe('vault.exists');
    const fresh = newVault();
    expect(await codeOf(fresh.create({ officeName: OFFICE, admin: { ...ADMIN, password: 'short' } }))).toBe('password.tooShort');
    expect(await codeOf(fresh.create({ officeName: OFFICE, admin: { ...ADMIN, password: 'yonetici-2024-beyoglu' } }))).toBe('password.containsName');
    // The office's district is as guessable as its name: "Kecioren2026!" for an office in Keçiören, whatever it is called.
    expect(await codeOf(fresh.create({ officeName: 'Çocuk Koruma Birimi', province: 'Ankara', district: 'Keçiören', admin: { ...ADMIN, password: 'Kecioren2026!x' } }))).toBe('password.containsName');
    expect(existsSync(fresh.paths.db)).toBe(false);
    expect(existsSync(fresh.paths.keyring)).toBe(false);
  });
});

describe('sign-in', () => {
  it('opens with the right password only; unknown users get the same answer', async () => {
    const { vault } = await createdVault();
    expect(await codeOf(vault.unlock(ADMIN.username, 'wrong-password-123'))).toBe('vault.wrongPassword');
    expect(await codeOf(vault.unlock('nobody', ADMIN.password))).toBe('vault.wrongPassword');
    expect(vault.state()).toBe('locked');
    const user = await unlocked(vault, 'YONETİCİ', ADMIN.password); // Turkish-folded user names
    expect(user).toMatchObject({ username: 'yonetici', roles: ['admin', 'supervisor'] });
    expect(vault.state()).toBe('unlocked');
  });

  it('throttles after three failures, even for the right password, and audits the failures', async () => {
    const { vault } = await createdVault();
    for (let i = 0; i < 3; i++) expect(await codeOf(vault.unlock(ADMIN.username, `wrong-${i}`))).toBe('vault.wrongPassword');
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.throttled');
    expect(vault.throttleSeconds(ADMIN.username)).toBeGreaterThan(0);
    // Time passes (the throttle file records when); simulate by rewriting its timestamp.
    const state = JSON.parse(readFileSync(vault.paths.throttle, 'utf8'));
    for (const entry of Object.values(state.users) as Array<{ lastAt: number }>) entry.lastAt -= 60_000;
    writeFileSync(vault.paths.throttle, JSON.stringify(state));
    await unlocked(vault);
    const failed = queryAudit(vault.database, { action: 'auth.signInFailed', limit: 10 });
    expect(failed).toHaveLength(3);
    expect(failed.every((row) => row.actorName === 'yonetici')).toBe(true);
  });

  it('keeps a second workstation out with who, where and since, and changes nothing', async () => {
    const { vault, dir } = await createdVault();
    await unlocked(vault);
    const second = newVault(dir);
    let error: { code?: string; params?: Record<string, string> } = {};
    try {
      await second.unlock(ADMIN.username, ADMIN.password);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('vault.inUse');
    expect(error.params).toMatchObject({ user: 'yonetici', host: expect.any(String), since: expect.stringMatching(/^\d{4}-/) });
    expect(vault.state()).toBe('unlocked');
    vault.database.prepare('SELECT 1').get();
  });

  it('recovers a stale lock left by a crashed process', async () => {
    const { vault } = await createdVault();
    const child = spawn(process.execPath, ['-e', 'setTimeout(()=>{}, 60000)']);
    const pid = child.pid!;
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    writeFileSync(vault.paths.lock, JSON.stringify({ id: 'x', host: (await import('node:os')).hostname(), user: 'eski', pid, since: '2026-01-01T00:00:00Z' }));
    await unlocked(vault);
    expect(JSON.parse(readFileSync(vault.paths.lock, 'utf8')).pid).toBe(process.pid);
  });

  it('locks: closes the database, wipes the key, releases the workstation lock, and audits it', async () => {
    const { vault } = await createdVault();
    const user = await vault.unlock(ADMIN.username, ADMIN.password);
    vault.lock('idle', { id: user.id, username: user.username });
    expect(vault.state()).toBe('locked');
    expect(() => vault.database).toThrow();
    expect(existsSync(vault.paths.lock)).toBe(false);
    await unlocked(vault);
    expect(queryAudit(vault.database, { action: 'auth.lock', limit: 5 })[0]!.details).toBe('{"reason":"idle"}');
  });
});

describe('damaged, foreign and mismatched files', () => {
  it('names a missing or damaged keyring', async () => {
    const { vault } = await createdVault();
    const keyring = readFileSync(vault.paths.keyring);
    rmSync(vault.paths.keyring);
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.keyringMissing');
    writeFileSync(vault.paths.keyring, '{"format":"kalkan-keyring","version":1');
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.keyringDamaged');
    const altered = JSON.parse(keyring.toString());
    altered.entries[0].boxed.key.ciphertext = Buffer.alloc(32, 7).toString('base64');
    writeFileSync(vault.paths.keyring, JSON.stringify(altered));
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.wrongPassword');
  });

  it('refuses a truncated, zeroed or foreign database file and leaves it as it was', async () => {
    for (const damage of ['truncate', 'zero', 'foreign'] as const) {
      const { vault } = await createdVault();
      if (damage === 'truncate') truncateSync(vault.paths.db, Math.floor(statSync(vault.paths.db).size / 3));
      if (damage === 'zero') writeFileSync(vault.paths.db, Buffer.alloc(statSync(vault.paths.db).size));
      if (damage === 'foreign') writeFileSync(vault.paths.db, 'name,tc\nAli,123\n');
      const before = readFileSync(vault.paths.db);
      expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password)), damage).toBe('vault.damaged');
      expect(readFileSync(vault.paths.db).equals(before)).toBe(true);
      expect(existsSync(vault.paths.lock)).toBe(false);
    }
  });

  it('refuses a database whose keyring belongs to another vault', async () => {
    const a = await createdVault();
    const b = await createdVault();
    copyFileSync(a.vault.paths.db, b.vault.paths.db); // a's database copied without its keyring
    expect(await codeOf(b.vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.damaged');
  });

  it('refuses an encrypted SQLite file that is not a Kalkan vault, and a vault from a newer Kalkan', async () => {
    const { vault, recoveryKey } = await createdVault();
    await unlocked(vault);
    vault.lock('user');
    const { parseRecoveryKey, databaseKeyFrom } = await import('../../electron/core/vault/recoveryKey');
    const key = databaseKeyFrom(parseRecoveryKey(recoveryKey)!);
    const db = openEncrypted(vault.paths.db, key);
    db.pragma('user_version = 999');
    db.close();
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.tooNew');
    const db2 = openEncrypted(vault.paths.db, key);
    db2.pragma('user_version = 1');
    db2.exec('DROP TABLE meta');
    db2.close();
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.notKalkan');
  });
});

describe('recovery key', () => {
  it('rejects a typo and a key of another vault; resets a password and rebuilds a lost keyring', async () => {
    const { vault, recoveryKey } = await createdVault();
    // Change a character in the middle (the last one partly encodes padding bits).
    const typo = recoveryKey.slice(0, 2) + (recoveryKey[2] === 'A' ? 'B' : 'A') + recoveryKey.slice(3);
    expect(await codeOf(vault.recover(typo, ADMIN.username, 'yepyeni-uzun-parola-42'))).toBe('vault.recoveryKeyInvalid');
    const other = formatRecoveryKey(newRecoverySecret());
    expect(await codeOf(vault.recover(other, ADMIN.username, 'yepyeni-uzun-parola-42'))).toBe('vault.recoveryKeyWrong');

    rmSync(vault.paths.keyring);
    await vault.recover(recoveryKey.toLowerCase().replace(/-/g, ' '), ADMIN.username, 'yepyeni-uzun-parola-42');
    expect(vault.state()).toBe('locked');
    expect(await codeOf(vault.unlock(ADMIN.username, ADMIN.password))).toBe('vault.wrongPassword');
    const throttle = vault.paths.throttle;
    rmSync(throttle, { force: true });
    await unlocked(vault, ADMIN.username, 'yepyeni-uzun-parola-42');
    expect(queryAudit(vault.database, { action: 'auth.recovered', limit: 1 })[0]!.details).toBe('{"keyringRebuilt":true}');
  });
});

describe('audit log', () => {
  it('is append-only and its hash chain detects tampering', async () => {
    const { vault } = await createdVault();
    await unlocked(vault);
    const db = vault.database;
    expect(verifyAuditChain(db)).toMatchObject({ ok: true });
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 1').run()).toThrow(/append-only/);
    // Someone with the key drops the trigger and edits a row: the chain shows it.
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare("UPDATE audit_log SET actor_name = 'baskasi' WHERE seq = 2").run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, brokenAt: 2 });
  });
});

describe('crash safety', () => {
  it('keeps every committed write after kill -9 in the middle of writing', async () => {
    const { vault, dir } = await createdVault();
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../fixtures/crashWriter.ts'), vault.paths.db], {
      env: { ...process.env, KALKAN_PASSWORD: ADMIN.password, KALKAN_USER: ADMIN.username },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let committed = 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const last = chunk.toString().trim().split('\n').pop();
        committed = Number(last);
        if (committed >= 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => child.on('exit', r));
    const reopened = newVault(dir);
    await unlocked(reopened);
    const rows = reopened.database.prepare("SELECT count(*) AS n FROM settings WHERE key LIKE 'crash-%'").get() as { n: number };
    expect(rows.n).toBeGreaterThanOrEqual(committed);
    expect(reopened.database.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(reopened.database).ok).toBe(true);
  }, 60_000);
});

