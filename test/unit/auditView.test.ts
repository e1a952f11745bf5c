import { describe, expect, it } from 'vitest';
import type { ReadableAuditEntry } from '../../shared/api/methods/audit';
import { auditFields, auditSentence } from '../../shared/audit/readable';
import { translator } from '../../shared/i18n';
import { signedInCore } from '../fixtures/vaults';

async function office() {
  const { core, admin } = await signedInCore({ now: () => new Date('2026-03-02T09:00:00Z') });
  const make = async (first: string) =>
    (await core.call(admin, 'cases.create', {
      household: { name: 'Öztürk', city: 'İstanbul' },
      members: [{ person: { firstName: first, lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true }],
      intake: { receivedAt: '2026-03-01T08:30:00Z', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul bildirdi.' },
    })) as { id: number; caseNumber: string };
  const one = await make('Elif');
  const two = await make('Zeynep');
  await core.call(admin, 'cases.get', { caseId: one.id });
  await core.call(admin, 'notes.add', { caseId: one.id, type: 'phone_call', occurredAt: '2026-03-02T08:00:00Z', present: { people: [], users: [], others: null }, visitRefused: false, body: 'Anne arandı.' });
  await core.call(admin, 'cases.get', { caseId: two.id });
  return { core, admin, one, two };
}

describe('the readable audit log', () => {
  it('names the actor, the case number and the child instead of ids, and filters by case, user and action', async () => {
    const { core, admin, one } = await office();
    const all = (await core.call(admin, 'audit.search', { limit: 100 })) as { rows: ReadableAuditEntry[]; actors: Array<{ displayName: string }> };
    expect(all.actors.map((a) => a.displayName)).toEqual(['Hülya Yönetici']);

    const ofCase = (await core.call(admin, 'audit.search', { limit: 100, caseNumber: one.caseNumber })) as { rows: ReadableAuditEntry[] };
    expect(ofCase.rows.map((r) => r.action)).toEqual(['note.added', 'case.viewed', 'case.created']);
    expect(ofCase.rows.every((r) => r.caseNumber === one.caseNumber && r.caseName === 'Elif Öztürk')).toBe(true);

    const tr = translator('tr');
    const en = translator('en');
    const viewed = ofCase.rows.find((r) => r.action === 'case.viewed')!;
    expect(auditSentence(viewed, tr)).toBe(`Hülya Yönetici, ${one.caseNumber} (Elif Öztürk) numaralı vakayı açtı`);
    expect(auditSentence(viewed, en)).toBe(`Hülya Yönetici opened case ${one.caseNumber} (Elif Öztürk)`);
    const note = ofCase.rows.find((r) => r.action === 'note.added')!;
    expect(auditFields(note, en)).toEqual([
      ['Flag', '—'],
      ['Type', en('notes.type.phone_call')],
    ]);

    const viewsOnly = (await core.call(admin, 'audit.search', { limit: 100, action: 'case.viewed' })) as { rows: ReadableAuditEntry[] };
    expect(viewsOnly.rows).toHaveLength(2);
    expect((await core.call(admin, 'audit.search', { limit: 100, actorId: 'nobody' })) as { rows: unknown[] }).toMatchObject({ rows: [] });
    expect(await core.call(admin, 'audit.search', { limit: 100, caseNumber: '1999/9999' })).toMatchObject({ rows: [], unknownCase: true });
  });

  it('exports the filtered log as CSV in the chosen language, and the export is audited', async () => {
    const { core, admin, one } = await office();
    const out = (await core.call(admin, 'audit.exportCsv', { caseNumber: one.caseNumber, language: 'en' })) as { csv: string; rows: number; truncated: boolean };
    expect(out.rows).toBe(3);
    expect(out.truncated).toBe(false);
    const lines = out.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe('Date;User;Action;Case;Description;Details');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toContain(`Hülya Yönetici opened case ${one.caseNumber} (Elif Öztürk)`);
    expect(out.csv).not.toContain('Zeynep');
    const exported = (await core.call(admin, 'audit.search', { limit: 1, action: 'audit.exported' })) as { rows: ReadableAuditEntry[] };
    expect(exported.rows[0]!.details).toMatchObject({ format: 'csv', rows: 3, filterCase: one.caseNumber });
  });

  it('prints the filtered log as a PDF document (registered and audited like every document)', async () => {
    const { core, admin, one } = await office();
    const pdf = (await core.call(admin, 'documents.auditLog', { caseNumber: one.caseNumber, language: 'tr' })) as { pages: number; documentNumber: string };
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    const printed = (await core.call(admin, 'audit.search', { limit: 1, action: 'document.printed' })) as { rows: ReadableAuditEntry[] };
    expect(printed.rows[0]!.details).toMatchObject({ kind: 'auditLog', number: pdf.documentNumber });
  });
});
