/**
 * Issue 14 item 4: the office's province seeds the directory (İstanbul keeps
 * seed 000's list, any other province gets the national institutions named for
 * it), set at set-up (setup.create, `kalkan init --province --district`) and
 * changed by an admin (office.update); the directory's CSV export and import.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryCsv, parseCsv } from '../../electron/core/referrals/directoryCsv';
import { newClientState } from '../../electron/core/session';
import { DISTRICTS, findProvince, PROVINCES } from '../../shared/geo/provinces';
import type { Institution } from '../../shared/api/schemas/referrals';
import { cli } from '../fixtures/cli';
import { ADMIN, OFFICE, signedInCore, tempDir, testCore } from '../fixtures/vaults';

async function officeIn(province?: string, district?: string) {
  const core = testCore();
  const admin = newClientState();
  await core.call(admin, 'setup.create', {
    officeName: OFFICE,
    username: ADMIN.username,
    displayName: ADMIN.displayName,
    password: ADMIN.password,
    ...(province !== undefined ? { province } : {}),
    ...(district !== undefined ? { district } : {}),
  });
  await core.call(admin, 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  const names = async () => (await core.call(admin, 'institutions.list', { limit: 1000 })).map((i) => i.name);
  return { core, admin, names };
}

describe('provinces', () => {
  it('lists the 81 provinces with unique codes 01–81, found Turkish-folded', () => {
    expect(PROVINCES).toHaveLength(81);
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(81);
    expect(PROVINCES.map((p) => Number(p.code)).sort((a, b) => a - b)).toEqual(Array.from({ length: 81 }, (_, i) => i + 1));
    expect(findProvince('istanbul')?.code).toBe('34');
    expect(findProvince('SANLIURFA')?.name).toBe('Şanlıurfa');
    expect(findProvince('Atlantis')).toBeUndefined();
    expect(DISTRICTS['06']).toContain('Keçiören');
    expect(DISTRICTS['34']).toHaveLength(39);
  });
});

describe('the seeded directory follows the office province', () => {
  it('an Ankara office gets Ankara national institutions and none of İstanbul', async () => {
    const { core, admin, names } = await officeIn('ankara', 'Keçiören');
    const list = await names();
    for (const name of [
      'Ankara Aile ve Sosyal Hizmetler İl Müdürlüğü',
      'Ankara Aile Mahkemesi',
      'Ankara Çocuk Mahkemesi',
      'Ankara Cumhuriyet Başsavcılığı',
      'Ankara Emniyet Müdürlüğü Çocuk Şube Müdürlüğü (Çocuk Bürosu)',
      'Ankara Çocuk İzlem Merkezi (ÇİM)',
      'Ankara İl Sağlık Müdürlüğü',
      'Ankara İl Millî Eğitim Müdürlüğü',
    ]) {
      expect(list).toContain(name);
    }
    expect(list.filter((n) => /İstanbul|İBB|İSADEM/.test(n))).toEqual([]);
    const office = await core.call(admin, 'office.get', {});
    expect(office).toMatchObject({ province: 'Ankara', district: 'Keçiören' });
    // Ready for contact details: nothing invented.
    const entries = await core.call(admin, 'institutions.list', { limit: 1000 });
    expect(entries.every((i) => i.phone === null && i.email === null && i.kep === null && i.contactPerson === null)).toBe(true);
  });

  it('an İstanbul office (and one set up without a province) keeps seed 000’s İstanbul list', async () => {
    const istanbul = await (await officeIn('İstanbul')).names();
    expect(istanbul).toContain('İstanbul Aile ve Sosyal Hizmetler İl Müdürlüğü');
    expect(istanbul).toContain('İstanbul Aile Danışmanlık ve Eğitim Merkezi (İSADEM)');
    expect(istanbul.some((n) => n.startsWith('Ankara'))).toBe(false);
    expect(await (await officeIn()).names()).toEqual(istanbul);
  });

  it('refuses a province that does not exist, and creates nothing', async () => {
    const core = testCore();
    const result = await core.router.handle(newClientState(), 'setup.create', {
      officeName: OFFICE,
      username: ADMIN.username,
      displayName: ADMIN.displayName,
      password: ADMIN.password,
      province: 'Atlantis',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'office.unknownProvince', params: { field: 'province' } } });
    expect(core.services.vault.state()).toBe('absent');
  });

  it('an admin moving the office re-seeds: unused seeded entries go, used or edited ones stay inactive, own entries stay', async () => {
    const { core, admin, names } = await officeIn('İstanbul');
    const all = await core.call(admin, 'institutions.list', { limit: 1000 });
    const edited = all.find((i) => i.name === 'İstanbul Aile Mahkemesi')!;
    await core.call(admin, 'institutions.upsert', {
      id: edited.id,
      expectedVersion: edited.version,
      name: edited.name,
      type: edited.type,
      phone: '0212 000 00 00',
      services: edited.services,
    });
    const own = await core.call(admin, 'institutions.upsert', { name: 'Keçiören Belediyesi Sosyal Destek Müdürlüğü', type: 'municipality_unit', services: [] });

    await core.call(admin, 'office.update', { province: 'izmir', district: 'Konak' });
    const active = await names();
    expect(active).toContain('İzmir Çocuk Mahkemesi');
    expect(active).toContain(own.name);
    expect(active.filter((n) => n.includes('İstanbul'))).toEqual([]);
    const everything = await core.call(admin, 'institutions.list', { includeInactive: true, limit: 1000 });
    expect(everything.find((i) => i.id === edited.id)).toMatchObject({ active: false, phone: '0212 000 00 00' });
    expect(everything.filter((i) => i.name.includes('İSADEM'))).toEqual([]);
    expect((await core.call(admin, 'office.get', {})).province).toBe('İzmir');
  });

  it('kalkan init takes --province and --district', async () => {
    const dir = tempDir('kalkan-init-province-');
    const db = join(dir, 'ofis.db');
    const init = await cli(['init', '--db', db, '--admin', 'yonetici', '--office', 'Keçiören ÇKB', '--province', 'Ankara', '--district', 'Keçiören', '--json'], {
      KALKAN_PASSWORD: ADMIN.password,
    });
    expect(init.code, init.err).toBe(0);
    const office = await cli(['office', '--db', db, '--user', 'yonetici', '--json'], { KALKAN_PASSWORD: ADMIN.password });
    expect(JSON.parse(office.out)).toMatchObject({ province: 'Ankara', district: 'Keçiören' });
  });
});

describe('directory CSV', () => {
  it('round trip: an exported file imported again changes nothing; edits in the file apply', async () => {
    const { core, admin } = await signedInCore();
    await core.call(admin, 'institutions.upsert', {
      name: '=HYPERLINK("x") Vakfı',
      type: 'ngo',
      address: 'Ovacık Mah.; No: 5\n06290 Keçiören',
      phone: '0312 555 12 34',
      email: 'vakif@example.org',
      kep: 'vakif@hs01.kep.tr',
      contactPerson: 'Ayşe "Ablа" Yıldız',
      services: ['family_counselling', 'Gıda yardımı'],
    });
    const before = await core.call(admin, 'institutions.list', { includeInactive: true, limit: 1000 });
    const exported = await core.call(admin, 'institutions.exportCsv', {});
    expect(exported.rows).toBe(before.length);
    expect(exported.csv.startsWith('\uFEFFid;name;type;address;phone;email;kep;contact_person;services;active\r\n')).toBe(true);
    // The formula-like name is neutralised for a spreadsheet.
    expect(exported.csv).toContain(`"'=HYPERLINK(""x"") Vakfı"`);

    const same = await core.call(admin, 'institutions.importCsv', { csv: exported.csv });
    expect(same).toEqual({ applied: true, created: 0, updated: 0, errors: [] });
    expect(await core.call(admin, 'institutions.list', { includeInactive: true, limit: 1000 })).toEqual(before);

    const vakif = before.find((i) => i.name.startsWith('=HYPERLINK'))!;
    const edited = exported.csv
      .replace('vakif@hs01.kep.tr', 'yeni@hs02.kep.tr')
      .concat('id;name;type;address;phone;email;kep;contact_person;services;active\r\n'.replace(/.*/, ';Yeni Dernek;Sivil toplum kuruluşu;;;;;;;1'), '\r\n');
    const applied = await core.call(admin, 'institutions.importCsv', { csv: edited });
    expect(applied).toEqual({ applied: true, created: 1, updated: 1, errors: [] });
    const after = await core.call(admin, 'institutions.list', { includeInactive: true, limit: 1000 });
    expect(after.find((i) => i.id === vakif.id)).toMatchObject({ kep: 'yeni@hs02.kep.tr', name: vakif.name, address: vakif.address, contactPerson: vakif.contactPerson, services: vakif.services });
    expect(after.find((i) => i.name === 'Yeni Dernek')).toMatchObject({ type: 'ngo', active: true });

    const audit = await core.call(admin, 'audit.list', { action: 'institution.imported' });
    expect(audit.rows.map((r) => r.details)).toEqual([
      { applied: true, created: 1, updated: 1, rejected: 0 },
      { applied: true, created: 0, updated: 0, rejected: 0 },
    ]);
    expect((await core.call(admin, 'audit.list', { action: 'institution.exported' })).rows).toHaveLength(1);
  });

  it('a file with errors changes nothing and says which line, column and problem', async () => {
    const { core, admin } = await signedInCore();
    const before = await core.call(admin, 'institutions.list', { includeInactive: true, limit: 1000 });
    const csv = [
      'name,type,email,active',
      'Yeni Dernek,ngo,,1', // fine on its own, but the file fails: not added
      ',ngo,,1',
      'Başka Kurum,uzay ajansı,,1',
      'Üçüncü Kurum,school,not-an-email,1',
      'Yeni Dernek,ngo,,1',
      'Dördüncü Kurum,school,,belki',
      'Fazla,ngo,,1,1',
    ].join('\n');
    const result = await core.call(admin, 'institutions.importCsv', { csv });
    expect(result.applied).toBe(false);
    expect(result.errors).toEqual([
      { row: 3, column: 'name', code: 'required' },
      { row: 4, column: 'type', code: 'unknownType' },
      { row: 5, column: 'email', code: 'invalid' },
      { row: 6, column: 'name', code: 'duplicateInFile' },
      { row: 7, column: 'active', code: 'invalid' },
      { row: 8, column: null, code: 'columnCount' },
    ]);
    expect(await core.call(admin, 'institutions.list', { includeInactive: true, limit: 1000 })).toEqual(before);

    const unknownId = await core.call(admin, 'institutions.importCsv', { csv: 'id;name;type\n99999;X Kurumu;ngo\n' });
    expect(unknownId.errors).toEqual([{ row: 2, column: 'id', code: 'unknownId' }]);
    const noType = await core.call(admin, 'institutions.importCsv', { csv: 'name;phone\nX Kurumu;1\n' });
    expect(noType.errors).toEqual([{ row: 1, column: 'type', code: 'missingColumns' }]);
    const rejected = await core.call(admin, 'audit.list', { action: 'institution.imported' });
    expect(rejected.rows.map((r) => r.details)).toEqual([
      { applied: false, created: 0, updated: 0, rejected: 1 },
      { applied: false, created: 0, updated: 0, rejected: 1 },
      { applied: false, created: 0, updated: 0, rejected: 6 },
    ]);
  });

  it('parses quoted cells with separators, quotes and line breaks', () => {
    const one: Institution = {
      id: 7,
      code: null,
      name: 'A; "B"',
      type: 'ngo',
      address: 'x\r\ny',
      phone: '-5',
      email: null,
      kep: null,
      contactPerson: '@ali',
      services: [],
      active: false,
      version: 1,
      updatedAt: '2026-01-01T00:00:00Z',
    };
    const rows = parseCsv(directoryCsv([one]).slice(1), ';');
    expect(rows[1]).toEqual({ line: 2, cells: ['7', 'A; "B"', 'ngo', 'x\r\ny', '-5', '', '', "'@ali", '', '0'] });
  });
});
