import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../electron/core/vault/vault';
import { tempDir } from '../fixtures/vaults';
import { cli } from '../fixtures/cli';

const ADMIN_PW = 'mavi-kedi-sabah-çayı-içer';
const WORKER_PW = 'turuncu-bulut-yavas-gecer';

async function initVault() {
  const dir = tempDir('kalkan-cli-vault-');
  const db = join(dir, 'ofis.db');
  const init = await cli(['init', '--db', db, '--admin', 'yonetici', '--office', 'Beyoğlu ÇKB', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
  expect(init.code, init.err).toBe(0);
  return { dir, db, recoveryKey: JSON.parse(init.out).recoveryKey as string };
}

describe('kalkan init / user / verify / backup / restore / export', () => {
  it('init prints {db, recoveryKey} and refuses to overwrite', async () => {
    const { db, recoveryKey } = await initVault();
    expect(recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5}){10}$/);
    expect(existsSync(db)).toBe(true);
    const again = await cli(['init', '--db', db, '--admin', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const noPassword = await cli(['init', '--db', join(tempDir(), 'x.db'), '--admin', 'a1', '--lang', 'en']);
    expect(noPassword.code).toBe(2);
    expect(noPassword.err).toContain('KALKAN_PASSWORD');
  });

  it('manages users with the admin password and maps sign-in failures to exit 3', async () => {
    const { db } = await initVault();
    const add = await cli(['user', 'add', '--db', db, '--user', 'yonetici', '--name', 'ayse', '--display-name', 'Ayşe Demir', '--roles', 'caseworker', '--json'], {
      KALKAN_PASSWORD: ADMIN_PW,
      KALKAN_NEW_PASSWORD: WORKER_PW,
    });
    expect(add.code, add.err).toBe(0);
    expect(JSON.parse(add.out)).toMatchObject({ username: 'ayse', roles: ['caseworker'], mustChangePassword: true });

    const list = await cli(['user', 'list', '--db', db, '--user', 'yonetici', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(JSON.parse(list.out).map((u: { username: string }) => u.username).sort()).toEqual(['ayse', 'yonetici']);

    const wrong = await cli(['user', 'list', '--db', db, '--user', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: 'not-the-password' });
    expect(wrong.code).toBe(3);
    expect(wrong.err).toMatch(/^The user name or password is wrong/);

    const forbidden = await cli(['user', 'list', '--db', db, '--user', 'ayse', '--lang', 'en'], { KALKAN_PASSWORD: WORKER_PW });
    expect(forbidden.code).toBe(1);
    expect(forbidden.err).toContain('You do not have permission');

    const passwd = await cli(['user', 'passwd', '--db', db, '--user', 'ayse'], { KALKAN_PASSWORD: WORKER_PW, KALKAN_NEW_PASSWORD: 'yesil-cay-sicak-demlenir' });
    expect(passwd.code, passwd.err).toBe(0);
    const disable = await cli(['user', 'disable', '--db', db, '--user', 'yonetici', '--name', 'ayse'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(disable.code).toBe(0);
    const disabledSignIn = await cli(['verify', '--db', db, '--user', 'ayse'], { KALKAN_PASSWORD: 'yesil-cay-sicak-demlenir' });
    expect(disabledSignIn.code).toBe(3);
  }, 60_000);

  it('verify exits 0 when all holds; the database in use elsewhere is exit 4; damaged is exit 5', async () => {
    const { db } = await initVault();
    const ok = await cli(['verify', '--db', db, '--user', 'yonetici', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ ok: true, key: true, integrity: true, auditChain: true });

    const holder = new Vault(db);
    await holder.unlock('yonetici', ADMIN_PW);
    try {
      const busy = await cli(['verify', '--db', db, '--user', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
      expect(busy.code).toBe(4);
      expect(busy.err).toMatch(/in use by yonetici on .+ since /);
    } finally {
      holder.lock('shutdown');
    }
    writeFileSync(db, Buffer.alloc(8192));
    const damaged = await cli(['verify', '--db', db, '--user', 'yonetici'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(damaged.code).toBe(5);
  }, 60_000);

  it('backs up, detects an altered backup, restores and keeps the replaced database', async () => {
    const { db, dir } = await initVault();
    const out = join(dir, 'yedek.kbak');
    const backup = await cli(['backup', '--db', db, '--user', 'yonetici', '--out', out, '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(backup.code, backup.err).toBe(0);
    expect(JSON.parse(backup.out).bytes).toBeGreaterThan(0);

    const altered = join(dir, 'altered.kbak');
    const bytes = readFileSync(out);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 100) ^ 0xff, bytes.length - 100);
    writeFileSync(altered, bytes);
    const target = join(dir, 'restored.db');
    const refused = await cli(['restore', '--from', altered, '--db', target, '--user', 'yonetici', '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('damaged or was altered');
    expect(existsSync(target)).toBe(false);

    const restored = await cli(['restore', '--from', out, '--db', db, '--user', 'yonetici', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(restored.code, restored.err).toBe(0);
    const kept = JSON.parse(restored.out).previousKeptAt as string;
    expect(existsSync(join(kept, 'ofis.db'))).toBe(true);
    const verify = await cli(['verify', '--db', db, '--user', 'yonetici'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(verify.code).toBe(0);
  }, 60_000);

  it('exports decrypted JSON only with --decrypted and only for admins', async () => {
    const { db, dir } = await initVault();
    const out = join(dir, 'disari.json');
    const noFlag = await cli(['export', '--db', db, '--user', 'yonetici', '--out', out], { KALKAN_PASSWORD: ADMIN_PW });
    expect(noFlag.code).toBe(2);
    expect(existsSync(out)).toBe(false);
    const exported = await cli(['export', '--db', db, '--user', 'yonetici', '--out', out, '--decrypted', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(exported.code, exported.err).toBe(0);
    const data = JSON.parse(readFileSync(out, 'utf8'));
    expect(data.tables.users[0].username).toBe('yonetici');
    expect(data.tables.audit_log.some((r: { action: string }) => r.action === 'vault.exportDecrypted')).toBe(true);
  }, 60_000);

  it('runs as a real process through npm run -s kalkan, with no stack trace on errors', () => {
    const help = execFileSync('npm', ['run', '-s', 'kalkan', '--', '--help', '--lang', 'en'], { encoding: 'utf8' });
    expect(help).toContain('kalkan init --db FILE --admin NAME');
    const bad = spawnSync('npm', ['run', '-s', 'kalkan', '--', 'verify', '--db', '/nonexistent/x.db', '--user', 'a', '--lang', 'en'], {
      encoding: 'utf8',
      env: { ...process.env, KALKAN_PASSWORD: 'x' },
    });
    expect(bad.status).toBe(5); // a missing database is exit 5 (issue 13)
    expect(bad.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn'))).toEqual(['There is no Kalkan database yet. Run the set-up first (kalkan init).']);
  }, 60_000);
});

describe('a vault made by kalkan init', () => {
  it('contains none of the text written into it, in the database or its WAL, and opens with the right password only', async () => {
    const dir = tempDir('kalkan-init-bytes-');
    const db = join(dir, 'ofis.db');
    const init = await cli(['init', '--db', db, '--admin', 'hatice.sosyal', '--display-name', 'Hatice Şimşek', '--office', 'Kadıköy Çocuk Birimi'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(init.code, init.err).toBe(0);
    const add = await cli(['user', 'add', '--db', db, '--user', 'hatice.sosyal', '--name', 'gulsum', '--display-name', 'Gülsüm Öztürkoğlu'], {
      KALKAN_PASSWORD: ADMIN_PW,
      KALKAN_NEW_PASSWORD: WORKER_PW,
    });
    expect(add.code, add.err).toBe(0);
    const files = [db, `${db}-wal`].filter((f) => existsSync(f));
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const text of ['Hatice', 'Şimşek', 'hatice.sosyal', 'Gülsüm', 'Öztürkoğlu', 'gulsum', 'Kadıköy', 'users', 'SQLite format 3']) {
        expect(bytes.includes(Buffer.from(text)), `${file} contains ${text}`).toBe(false);
      }
    }
    expect((await cli(['verify', '--db', db, '--user', 'gulsum'], { KALKAN_PASSWORD: 'yanlis-parola-deneme' })).code).toBe(3);
    expect((await cli(['verify', '--db', db, '--user', 'gulsum'], { KALKAN_PASSWORD: WORKER_PW })).code).toBe(0);
  }, 60_000);
});
