import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../fixtures/cli';
import { tempDir } from '../fixtures/vaults';

const ADMIN_PW = 'mavi-kedi-sabah-çayı-içer';
const WORKER_PW = 'turuncu-bulut-yavas-gecer';

describe('kalkan sync clone / kalkan sync', () => {
  it('clones a replica, syncs with --json {exported, imported, conflicts, devices}, refuses a tampered file with its message', async () => {
    const dir = tempDir('kalkan-cli-sync-');
    const a = join(dir, 'a.db');
    const b = join(tempDir(), 'b.db');
    const syncDir = tempDir('kalkan-sync-');
    expect((await cli(['init', '--db', a, '--admin', 'yonetici', '--office', 'Beyoğlu ÇKB'], { KALKAN_PASSWORD: ADMIN_PW })).code).toBe(0);
    const add = await cli(['user', 'add', '--db', a, '--user', 'yonetici', '--name', 'ayse', '--display-name', 'Ayşe Demir'], { KALKAN_PASSWORD: ADMIN_PW, KALKAN_NEW_PASSWORD: WORKER_PW });
    expect(add.code, add.err).toBe(0);

    const notSetUp = await cli(['sync', '--db', a, '--user', 'yonetici', '--dir', syncDir, '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(notSetUp.code).toBe(1);
    expect(notSetUp.err).toContain('does not sync yet');

    const forbidden = await cli(['sync', 'clone', '--db', a, '--user', 'ayse', '--out', b, '--lang', 'en'], { KALKAN_PASSWORD: WORKER_PW });
    expect(forbidden.code).toBe(1);

    const clone = await cli(['sync', 'clone', '--db', a, '--user', 'yonetici', '--out', b, '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(clone.code, clone.err).toBe(0);
    expect(JSON.parse(clone.out)).toMatchObject({ file: b, deviceId: expect.stringMatching(/^[0-9A-F]{16}$/) });

    const syncA = await cli(['sync', '--db', a, '--user', 'yonetici', '--dir', syncDir, '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(syncA.code, syncA.err).toBe(0);
    const first = JSON.parse(syncA.out);
    expect(Object.keys(first)).toEqual(['exported', 'imported', 'conflicts', 'devices']);
    expect(first).toMatchObject({ imported: 0, conflicts: 0, devices: 2 });
    expect(first.exported).toBeGreaterThan(0);

    // The caseworker syncs on the new workstation with her own password (the keyring came with the copy).
    const syncB = await cli(['sync', '--db', b, '--user', 'ayse', '--dir', syncDir, '--json'], { KALKAN_PASSWORD: WORKER_PW });
    expect(syncB.code, syncB.err).toBe(0);
    expect(JSON.parse(syncB.out)).toMatchObject({ conflicts: 0, devices: 2 });
    expect(JSON.parse(syncB.out).imported).toBeGreaterThan(0);

    // A writes again (its sign-in is audited, and audit rows replicate); B reads A's new file only after it was altered.
    const text = await cli(['sync', '--db', a, '--user', 'yonetici', '--dir', syncDir, '--lang', 'en'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(text.code, text.err).toBe(0);
    expect(text.out).toMatch(/^Synced: [1-9]\d* changes written, \d+ changes taken; unresolved conflicts: 0; devices: 2\.$/);
    const deviceA = readdirSync(syncDir).find((d) => readdirSync(join(syncDir, d)).length > 1)!;
    const files = readdirSync(join(syncDir, deviceA)).sort();
    const last = join(syncDir, deviceA, files[files.length - 1]!);
    const bytes = readFileSync(last);
    bytes[40] = bytes[40]! ^ 0x20;
    writeFileSync(last, bytes);
    const refused = await cli(['sync', '--db', b, '--user', 'ayse', '--dir', syncDir, '--lang', 'en'], { KALKAN_PASSWORD: WORKER_PW });
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`file ${Number(files[files.length - 1]!.slice(0, 8))} of device ${deviceA}`);
    expect(refused.err).toContain('Nothing was applied');

    const verify = await cli(['verify', '--db', b, '--user', 'ayse', '--lang', 'en'], { KALKAN_PASSWORD: WORKER_PW });
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain(`Audit chain of device ${deviceA}: ok`);
  }, 60_000);
});
