/** The office's letterhead (issue 15): `kalkan office`, office.get/update, the logo's checks, users' titles. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffImage } from '../../electron/core/office/officeService';
import { translator } from '../../shared/i18n';
import { cli } from '../fixtures/cli';
import { pngImage } from '../fixtures/images';
import { signedInCore, tempDir } from '../fixtures/vaults';

const ADMIN_PW = 'mavi-kedi-sabah-çayı-içer';

describe('kalkan office', () => {
  it('shows, sets (flags exactly as documented), clears and refuses a bad logo; --json', async () => {
    const dir = tempDir('kalkan-office-');
    const db = join(dir, 'ofis.db');
    const init = await cli(['init', '--db', db, '--admin', 'yonetici', '--office', 'Keçiören ÇKB', '--json'], { KALKAN_PASSWORD: ADMIN_PW });
    expect(init.code, init.err).toBe(0);
    const office = (args: string[]) => cli(['office', '--db', db, '--user', 'yonetici', ...args], { KALKAN_PASSWORD: ADMIN_PW });

    const empty = await office(['--json']);
    expect(empty.code, empty.err).toBe(0);
    expect(JSON.parse(empty.out)).toMatchObject({ name: null, printedName: 'Keçiören ÇKB', address: null, logo: null, public: true });

    const logo = join(dir, 'logo.png');
    writeFileSync(logo, pngImage(120, 80));
    const set = await office([
      '--name', 'Keçiören Çocuk Koruma Birimi',
      '--address', 'Ovacık Mah. Fatih Cad. No: 5, 06290 Keçiören / Ankara',
      '--phone', '0312 555 12 34',
      '--email', 'kecioren.ckb@example.gov.tr',
      '--kep', 'kecioren.ckb@hs01.kep.tr',
      '--province', 'Ankara',
      '--district', 'Keçiören',
      '--file-code', 'E-12345678-105.01',
      '--logo', logo,
      '--json',
    ]);
    expect(set.code, set.err).toBe(0);
    const shown = JSON.parse(set.out);
    expect(shown).toMatchObject({
      name: 'Keçiören Çocuk Koruma Birimi',
      printedName: 'Keçiören Çocuk Koruma Birimi',
      phone: '0312 555 12 34',
      kep: 'kecioren.ckb@hs01.kep.tr',
      province: 'Ankara',
      district: 'Keçiören',
      fileCode: 'E-12345678-105.01',
      logo: { mime: 'image/png', width: 120, height: 80 },
    });

    // Shown as text in the language asked for; an empty value clears a field.
    const cleared = await office(['--phone', '', '--lang', 'en']);
    expect(cleared.code, cleared.err).toBe(0);
    expect(cleared.out).toMatch(/^Office +Keçiören Çocuk Koruma Birimi$/m);
    expect(cleared.out).toMatch(/^Phone +\(not stated\)$/m);
    expect(cleared.out).toMatch(/^File code +E-12345678-105\.01$/m);
    expect(cleared.out).toMatch(/^Logo +image\/png, 120×80$/m);

    // Not a PNG/JPEG (a text file named .png), too many pixels, a bad e-mail: refused, nothing changed.
    const fake = join(dir, 'sahte.png');
    writeFileSync(fake, 'bu bir resim değil');
    const bad = await office(['--logo', fake]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(translator('tr')('errors.office.logoType'));
    const huge = join(dir, 'buyuk.png');
    writeFileSync(huge, pngImage(5000, 4));
    const tooLarge = await office(['--logo', huge, '--lang', 'en']);
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.err).toContain('too large');
    const badMail = await office(['--email', 'yok']);
    expect(badMail.code).toBe(2);
    const after = JSON.parse((await office(['--json'])).out);
    expect(after.logo).toMatchObject({ width: 120, height: 80 });
    expect(after.email).toBe('kecioren.ckb@example.gov.tr');
  }, 60_000);

  it('reads the size of PNG and JPEG files from their bytes', () => {
    expect(sniffImage(pngImage(33, 17))).toEqual({ mime: 'image/png', width: 33, height: 17 });
    // A minimal JPEG header: SOI, APP0 (JFIF), SOF0 with 40 × 30.
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
    const sof0 = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x1e, 0x00, 0x28, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
    expect(sniffImage(Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof0, Buffer.alloc(16)]))).toEqual({ mime: 'image/jpeg', width: 40, height: 30 });
    expect(sniffImage(Buffer.from('GIF89a........................'))).toBeNull();
  });

  it('office.update keeps the fields not given; users get a title from the list', async () => {
    const { core, admin } = await signedInCore();
    const call = (method: 'office.update' | 'users.list' | 'users.update', input: object) => core.call(admin, method, input as never) as Promise<unknown>;
    const updated = await call('office.update', { institution: 'Aile ve Sosyal Hizmetler Bakanlığı', public: false });
    expect(updated).toMatchObject({ institution: 'Aile ve Sosyal Hizmetler Bakanlığı', public: false });
    const again = await call('office.update', { phone: '0312 000 00 00' });
    expect(again).toMatchObject({ institution: 'Aile ve Sosyal Hizmetler Bakanlığı', public: false, phone: '0312 000 00 00' });
    const users = (await call('users.list', {})) as Array<{ id: string; title: string | null }>;
    expect(users[0]!.title).toBeNull();
    const titled = await call('users.update', { id: users[0]!.id, title: 'psychologist' });
    expect(titled).toMatchObject({ title: 'psychologist' });
    const refused = await core.router.handle(admin, 'users.update', { id: users[0]!.id, title: 'astronaut' });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).toContain('api.invalidInput');
  });
});
