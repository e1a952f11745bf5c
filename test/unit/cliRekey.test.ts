/** `kalkan rekey` (issue 13): rotates the office key from the command line; the password never on argv. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli';
import { tempDir } from '../fixtures/vaults';

const ADMIN_PW = 'mavi-kedi-sabah-çayı-içer';
const WORKER_PW = 'turuncu-bulut-yavas-gecer';

describe('kalkan rekey', () => {
  it('prints a new recovery key, writes its sheet, keeps passwords, and refuses a non-administrator', async () => {
    const dir = tempDir('kalkan-cli-rekey-');
    const db = join(dir, 'ofis.db');
    const init = await cli(['init', '--db', db, '--admin', 'yonetici', '--office', 'Beyoğlu ÇKB', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(init.code, init.err).toBe(0);
    const oldKey = JSON.parse(init.out).recoveryKey as string;
    const add = await cli(['user', 'add', '--db', db, '--user', 'yonetici', '--name', 'ayse', '--display-name', 'Ayşe Demir', '--roles', 'caseworker'], {
      KALKAN_PASSWORD: ADMIN_PW,
      KALKAN_NEW_PASSWORD: WORKER_PW,
    });
    expect(add.code, add.err).toBe(0);

    const refused = await cli(['rekey', '--db', db, '--user', 'ayse', '--lang', 'en'], { KALKAN_PASSWORD: WORKER_PW });
    expect(refused.code).not.toBe(0);

    const sheet = join(dir, 'kurtarma.pdf');
    const rekey = await cli(['rekey', '--db', db, '--user', 'yonetici', '--sheet', sheet, '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(rekey.code, rekey.err).toBe(0);
    const result = JSON.parse(rekey.out);
    expect(result).toMatchObject({ rewrapped: 2, dropped: 0, needPassword: [], sheet });
    expect(result.recoveryKey).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{1,5}){10}$/);
    expect(result.recoveryKey).not.toBe(oldKey);
    expect(result).not.toHaveProperty('sheetToken');
    expect(readFileSync(sheet).subarray(0, 5).toString()).toBe('%PDF-');

    const again = await cli(['rekey', '--db', db, '--user', 'yonetici', '--sheet', sheet, '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(again.code).not.toBe(0);
    expect(existsSync(sheet)).toBe(true);

    const verify = await cli(['verify', '--db', db, '--user', 'yonetici', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(verify.code, verify.err).toBe(0);
    expect(JSON.parse(verify.out)).toMatchObject({ ok: true, auditAnchor: true });
  }, 120_000);
});
