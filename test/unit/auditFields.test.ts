/**
 * Every audit detail shows as a labelled field (issue 14, items 4 and 7): real writes whose
 * details used to show raw keys (a transfer request and approval, a cover grant, a co-working
 * request, an attachment and the attachment limit, the backup schedule) read back through
 * `audit.search` + readable.ts with labels from the catalog and readable values (names
 * instead of user ids, sizes in KB/MB, dates, labelled codes). The catalogs hold a label for
 * every key of AUDIT_DETAIL_KEYS, the list `details` is typed by.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_DETAIL_KEYS } from '../../shared/api/auditDetailKeys';
import type { ReadableAuditEntry } from '../../shared/api/methods/audit';
import { auditFields, formatBytes } from '../../shared/audit/readable';
import { translator } from '../../shared/i18n';
import en from '../../shared/i18n/en.json' with { type: 'json' };
import tr from '../../shared/i18n/tr.json' with { type: 'json' };
import { newCase, office } from '../fixtures/cases';
import { tempDir } from '../fixtures/vaults';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
type Created = { id: number; caseNumber: string };

describe('audit detail labels', () => {
  it('every key of AUDIT_DETAIL_KEYS has its own label in both catalogs', () => {
    const trFields = tr.audit.field as Record<string, string>;
    const enFields = en.audit.field as Record<string, string>;
    expect(AUDIT_DETAIL_KEYS.filter((key) => !trFields[key]?.trim())).toEqual([]);
    expect(AUDIT_DETAIL_KEYS.filter((key) => !enFields[key]?.trim())).toEqual([]);
    // A label is words, not the key again.
    expect(AUDIT_DETAIL_KEYS.filter((key) => trFields[key] === key || enFields[key] === key)).toEqual([]);
    expect(new Set(AUDIT_DETAIL_KEYS).size).toBe(AUDIT_DETAIL_KEYS.length);
  });

  it('a key outside the list (an older row) gets a neutral label, never the raw key', () => {
    const row = { details: { someOldKey: 3 }, action: 'sync.run' } as unknown as ReadableAuditEntry;
    expect(auditFields(row, translator('tr'), 'tr')).toEqual([['Diğer ayrıntı', '3']]);
  });

  it('formats byte sizes', () => {
    expect(formatBytes(512, 'en')).toBe('512 B');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(1536, 'tr')).toBe('1,5 KB');
    expect(formatBytes(25 * 1024 * 1024, 'tr')).toBe('25 MB');
  });
});

describe('real writes read back as labelled fields', () => {
  it('transfer, cover, co-working, attachment and settings rows show labels and readable values', async () => {
    const dir = tempDir('kalkan-audit-fields-');
    // The receiving office's key file.
    const other = await office();
    const pub = join(dir, 'b.pub');
    const receiver = await other.ok(await other.as('yonetici'), 'transfers.exportOfficeKey', { path: pub });

    const o = await office();
    const own = await o.ok(await o.as('yonetici'), 'transfers.exportOfficeKey', { path: join(dir, 'a.pub') });
    const ayse = await o.as('ayse');
    const kase = await o.ok<Created>(ayse, 'cases.create', newCase());
    const png = await o.ok(ayse, 'attachments.add', { caseId: kase.id, fileName: 'foto.png', base64: PNG.toString('base64') });
    await o.ok(ayse, 'cowork.request', { caseId: kase.id, colleagueId: o.ids.mehmet! });
    const child = (await o.ok(ayse, 'cases.get', { caseId: kase.id })).members[0]!.person;
    await o.ok(ayse, 'services.add', { caseId: kase.id, service: 'developmental_assessment', personId: child.id, deliveredOn: '2026-06-11' });
    await o.ok(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes', 'assessments'], attachmentIds: [png.id], keyFile: pub });
    const derya = await o.as('derya');
    await o.ok(derya, 'covers.grant', { coveredUserId: o.ids.ayse!, coverUserId: o.ids.mehmet!, from: '2026-06-16', to: '2026-06-20' });
    const request = (await o.ok(derya, 'transfers.forCase', { caseId: kase.id })).requests[0]!;
    await o.ok(derya, 'transfers.approve', { caseId: kase.id, requestId: request.id, out: join(dir, 'case.kcase') });
    const admin = await o.as('yonetici');
    await o.ok(admin, 'attachments.setLimit', { maxMb: 25 });
    await o.ok(admin, 'backup.setSchedule', { enabled: false, folder: '', keep: 7 });

    const { rows } = await o.ok(admin, 'audit.search', { limit: 100 });
    const row = (action: string) => {
      const found = rows.find((r) => r.action === action);
      expect(found, action).toBeDefined();
      return found!;
    };
    const t = translator('tr');
    const e = translator('en');
    const fields = (action: string, language: 'tr' | 'en' = 'tr') => auditFields(row(action), language === 'tr' ? t : e, language);

    // No row shows a raw key as its label: every label is a catalog text.
    const labels = new Set([...Object.values(tr.audit.field), ...Object.values(en.audit.field), ...Object.values(tr.audit.label.period), ...Object.values(en.audit.label.period)]);
    for (const r of rows) {
      for (const [label] of auditFields(r, t, 'tr')) expect(labels.has(label), `${r.action}: ${label}`).toBe(true);
      for (const key of Object.keys(r.details)) expect(auditFields(r, t, 'tr').map(([label]) => label)).not.toContain(key);
    }

    expect(fields('transfer.requested')).toEqual(
      expect.arrayContaining([
        ['Alıcının parmak izi', receiver.fingerprint],
        ['Paylaşılan bölümler', `${t('transfers.section.notes')}, ${t('transfers.section.assessments')}`],
        ['Ek dosya sayısı', '1'],
      ]),
    );
    const approved = fields('case.transferredOut');
    expect(approved).toEqual(expect.arrayContaining([['Alıcının parmak izi', receiver.fingerprint], ['Ek dosya sayısı', '1']]));
    expect(fields('office.transferKeyExported')).toEqual([['Parmak izi', own.fingerprint]]);
    // The request's and the transfer's internal ids are not shown (stored as before).
    expect(row('case.transferredOut').details).toMatchObject({ requestId: request.id, transferId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(approved.map(([label]) => label)).not.toContain('Talep');
    expect(approved.map(([label]) => label)).not.toContain('Devir no.');
    expect(fields('case.transferredOut', 'en')).toEqual(expect.arrayContaining([["Receiver's fingerprint", receiver.fingerprint], ['Attached files', '1']]));

    // User ids as display names, days as dates.
    expect(fields('cover.granted')).toEqual([
      ['Vekâlet eden', 'Mehmet Çelik'],
      ['Kimin vakaları', 'Ayşe Yıldırım'],
      ['Başlangıç', '16.06.2026'],
      ['Bitiş', '20.06.2026'],
    ]);
    expect(fields('cowork.requested', 'en')).toEqual([['Colleague', 'Mehmet Çelik']]);
    // A code from the office's lists by its label in the reader's language.
    expect(fields('service.added')).toEqual([['Hizmet', 'Gelişimsel değerlendirme']]);
    expect(fields('service.added', 'en')).toEqual([['Service', 'Developmental assessment']]);

    // A size in bytes, a file kind and the limit in MB; a boolean as Evet/Hayır.
    expect(fields('attachment.added')).toEqual([
      ['Tür', 'PNG'],
      ['Bağlı olduğu kayıt', '—'],
      ['Boyut', `${PNG.length} B`],
    ]);
    expect(fields('attachment.limitChanged')).toEqual([['Dosya boyutu sınırı', '25 MB']]);
    expect(fields('backup.scheduleChanged')).toEqual([
      ['Açık', 'Hayır'],
      ['Saklanan', '7'],
    ]);
    expect(fields('backup.scheduleChanged', 'en')).toEqual([
      ['On', 'No'],
      ['Kept', '7'],
    ]);
  });
});
