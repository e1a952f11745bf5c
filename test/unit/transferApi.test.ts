/**
 * Transfer to another office in the app (issue 17): the transfers.* methods between offices made
 * by the cases fixture (each its own encrypted vault): key export, a caseworker's request, the
 * supervisor's approval (a caseworker's is refused) or rejection, preview with the duplicate check,
 * import as a new case or merged into the matched child's case, and the refusals (same office,
 * wrong office, altered file, replay). Sync: a person and the audit row an import writes are
 * recorded for the other workstations.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachmentList } from '../../shared/api/schemas/attachments';
import type { CalendarOutput } from '../../shared/api/methods/calendar';
import type { CaseFile, DuplicateCandidate } from '../../shared/api/schemas/cases';
import { appendAudit } from '../../electron/core/audit/auditLog';
import { importCase, markTransferred, type CasePayload } from '../../electron/core/transfer/caseTransfer';
import { ensureTransferKeys, officeKeyFile, openTransfer } from '../../electron/core/transfer/transfer';
import { runSync } from '../../electron/core/sync/sync';
import { signerFor } from '../../electron/core/vault/authority';
import { actorOf } from '../../electron/core/cases/access';
import { childCase, newCase, office, type Office } from '../fixtures/cases';
import { closeAll, syncOffice, type Replica } from '../fixtures/syncOffice';
import { tempDir } from '../fixtures/vaults';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
type Created = { id: number; caseNumber: string };

/** An office whose administrator exported its transfer key to `dir/name.pub`. */
async function keyedOffice(dir: string, name: string) {
  const o = await office();
  const admin = await o.as('yonetici');
  const pub = join(dir, `${name}.pub`);
  const key = await o.ok(admin, 'transfers.exportOfficeKey', { path: pub });
  expect(key.fingerprint).toMatch(/^[0-9A-F]{4}( [0-9A-F]{4}){5}$/);
  expect(JSON.parse(readFileSync(pub, 'utf8'))).toMatchObject({ format: 'kalkan-office-key/v1', fingerprint: key.fingerprint });
  expect((await o.ok(admin, 'transfers.officeKey', {})).fingerprint).toBe(key.fingerprint);
  return { o, pub, fingerprint: key.fingerprint };
}

/** Ayşe asks, Derya approves: the .kcase path. */
async function send(o: Office, caseId: number, pub: string, out: string, sections: Array<'notes' | 'assessments' | 'referrals'> = ['notes', 'assessments', 'referrals'], attachmentIds: number[] = []) {
  const ayse = await o.as('ayse');
  const request = await o.ok(ayse, 'transfers.request', { caseId, sections, attachmentIds, keyFile: pub });
  const derya = await o.as('derya');
  await o.ok(derya, 'transfers.approve', { caseId, requestId: request.id, out });
  return out;
}

const audit = (o: Office, action: string) => o.db().prepare('SELECT target_type, target_id, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as Array<{ target_type: string | null; target_id: string | null; details: string }>;

describe('transfer to another office (API)', () => {
  it('request, approval by a supervisor only, rejection with reason, same office refused', async () => {
    const dir = tempDir('kalkan-tr-api-');
    const a = await keyedOffice(dir, 'a');
    const b = await keyedOffice(dir, 'b');
    expect(a.fingerprint).not.toBe(b.fingerprint);
    const { o } = a;
    let ayse = await o.as('ayse');
    const kase = await o.ok<Created>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'notes.add', { caseId: kase.id, type: 'phone_call', occurredAt: '2026-06-15T08:30', body: 'Anne arandı; çocuk okulda.' });
    const png = await o.ok(ayse, 'attachments.add', { caseId: kase.id, fileName: 'foto.png', base64: PNG.toString('base64') });
    const other = await o.ok(ayse, 'attachments.add', { caseId: kase.id, fileName: 'ikinci.png', base64: PNG.toString('base64') });

    // The receiver's key file, read to show the fingerprint; this office's own key is refused.
    expect(await o.ok(ayse, 'transfers.readKeyFile', { path: b.pub })).toEqual({ office: expect.any(String), fingerprint: b.fingerprint });
    await o.fails(ayse, 'transfers.readKeyFile', { path: a.pub }, 'transfer.sameOffice');
    await o.fails(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: a.pub }, 'transfer.sameOffice');
    const broken = join(dir, 'broken.pub');
    writeFileSync(broken, readFileSync(b.pub, 'utf8').replace(b.fingerprint, 'AAAA BBBB CCCC DDDD EEEE FFFF'));
    await o.fails(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: broken }, 'transfer.keyFileInvalid');
    await o.fails(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: join(dir, 'missing.pub') }, 'transfer.fileUnreadable');

    const request = await o.ok(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [png.id], keyFile: b.pub });
    expect(request).toMatchObject({ state: 'pending', sections: ['notes'], attachmentIds: [png.id], receiver: { fingerprint: b.fingerprint }, requestedBy: { id: o.ids.ayse } });
    await o.fails(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: b.pub }, 'transfer.pending');
    expect(audit(o, 'transfer.requested')).toEqual([{ target_type: 'case', target_id: String(kase.id), details: expect.stringContaining(b.fingerprint) }]);

    // A caseworker cannot approve, nor see the office's pending list.
    const out = join(dir, 'case.kcase');
    await o.fails(ayse, 'transfers.approve', { caseId: kase.id, requestId: request.id, out }, 'auth.forbidden');
    await o.fails(ayse, 'transfers.pending', {}, 'auth.forbidden');

    // The supervisor sees it pending, rejects it with a reason: the case stays open here.
    let derya = await o.as('derya');
    expect((await o.ok(derya, 'transfers.pending', {})).map((r) => r.id)).toEqual([request.id]);
    const rejected = await o.ok(derya, 'transfers.reject', { caseId: kase.id, requestId: request.id, reason: 'Önce aileyle görüşülsün.' });
    expect(rejected).toMatchObject({ state: 'rejected', reason: 'Önce aileyle görüşülsün.', decidedBy: { id: o.ids.derya } });
    await o.fails(derya, 'transfers.approve', { caseId: kase.id, requestId: request.id, out }, 'transfer.decided');
    expect(audit(o, 'transfer.rejected')[0]!.details).not.toContain('aileyle');
    expect((await o.ok(derya, 'transfers.pending', {})).length).toBe(0);
    ayse = await o.as('ayse');
    await o.ok(ayse, 'notes.add', { caseId: kase.id, type: 'phone_call', occurredAt: '2026-06-14T09:30', body: 'İkinci görüşme.' });

    // Asked again and approved: the .kcase is written, the case here is read-only, audited.
    const again = await o.ok(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [png.id], keyFile: b.pub });
    derya = await o.as('derya');
    const sent = await o.ok(derya, 'transfers.approve', { caseId: kase.id, requestId: again.id, out });
    expect(sent).toMatchObject({ caseNumber: kase.caseNumber, path: out, receiver: { fingerprint: b.fingerprint }, attachments: 1 });
    const file = readFileSync(out, 'utf8');
    expect(file).not.toContain('Öztürk');
    expect(JSON.parse(file)).toMatchObject({ transferId: sent.transferId, receiver: { fingerprint: b.fingerprint }, sender: { fingerprint: a.fingerprint } });
    expect((await o.ok<CaseFile>(derya, 'cases.get', { caseId: kase.id })).case).toMatchObject({ id: kase.id });
    await o.fails(derya, 'notes.add', { caseId: kase.id, type: 'phone_call', occurredAt: '2026-06-14T10:30', body: 'Yazılamaz.' }, 'cases.transferred');
    await o.fails(derya, 'transfers.approve', { caseId: kase.id, requestId: again.id, out: join(dir, 'x.kcase') }, 'cases.transferred');
    ayse = await o.as('ayse');
    await o.fails(ayse, 'transfers.request', { caseId: kase.id, sections: [], attachmentIds: [], keyFile: b.pub }, 'cases.transferred');

    // The child comes back: the sent case is read-only here and no longer open, so a new report opens a
    // new case without a reason, and the duplicate check shows the sent case as transferred (not offered).
    const sentFile = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: kase.id });
    const child = sentFile.members.find((m) => m.role === 'child')!.person;
    const { candidates } = await o.ok<{ candidates: DuplicateCandidate[] }>(ayse, 'people.findDuplicates', { firstName: child.firstName, lastName: child.lastName, birthDate: child.birthDate });
    expect(candidates.find((c) => c.personId === child.id)!.cases).toEqual([expect.objectContaining({ id: kase.id, transferred: true })]);
    const back = await o.ok<Created>(ayse, 'cases.create', newCase({ members: [{ personId: child.id, role: 'child', relationship: 'self' }] }));
    expect(back.id).not.toBe(kase.id);
    const forCase = await o.ok(ayse, 'transfers.forCase', { caseId: kase.id });
    expect(forCase.requests.map((r) => [r.state, r.transferId])).toEqual([
      ['approved', sent.transferId],
      ['rejected', null],
    ]);
    expect(audit(o, 'case.transferredOut')).toEqual([{ target_type: 'case', target_id: String(kase.id), details: expect.stringContaining(sent.transferId) }]);

    // Only the chosen section and attachment travel: notes yes, assessments and referrals no, one of two attachments.
    const bo = b.o;
    const bsup = await bo.as('derya');
    const preview = await bo.ok(bsup, 'transfers.preview', { file: out });
    expect(preview.counts).toEqual({ people: 4, notes: 2, assessments: 0, referrals: 0, attachments: 1 });
    expect(other.id).not.toBe(png.id);
  }, 120_000);

  it('preview, import as a new case, merge into the matched child’s case; altered, wrong office and replay refused', async () => {
    const dir = tempDir('kalkan-tr-api-');
    const a = await keyedOffice(dir, 'a');
    const b = await keyedOffice(dir, 'b');
    const c = await keyedOffice(dir, 'c');
    const { o } = a;
    const ayse = await o.as('ayse');
    const first = await o.ok<Created>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'notes.add', { caseId: first.id, type: 'phone_call', occurredAt: '2026-06-15T08:30', body: 'Anne arandı; çocuk okulda.' });
    const png = await o.ok(ayse, 'attachments.add', { caseId: first.id, fileName: 'foto.png', base64: PNG.toString('base64') });
    const second = await o.ok<Created>(ayse, 'cases.create', childCase('Zeynep', 'Kaya'));
    await o.ok(ayse, 'notes.add', { caseId: second.id, type: 'home_visit', occurredAt: '2026-06-14T11:00', body: 'Ev ziyareti yapıldı.' });
    const merged = await send(o, first.id, b.pub, join(dir, 'first.kcase'), ['notes'], [png.id]);
    const fresh = await send(o, second.id, b.pub, join(dir, 'second.kcase'));

    // B already has the first child (same name and birth date, no identity number) in an open case.
    const bo = b.o;
    let bAyse = await bo.as('ayse');
    const existing = await bo.ok<Created>(bAyse, 'cases.create', childCase('Ayşe', 'Öztürk', {}, { birthDate: '2016-03-02', birthYear: undefined, sex: 'female' }));
    await bo.ok(bAyse, 'notes.add', { caseId: existing.id, type: 'phone_call', occurredAt: '2026-06-14T08:30', body: 'Yerel not.' });
    const before = await bo.ok<CaseFile>(bAyse, 'cases.get', { caseId: existing.id });

    // Import is a supervisor's: a caseworker is refused.
    await bo.fails(bAyse, 'transfers.preview', { file: merged }, 'auth.forbidden');
    await bo.fails(bAyse, 'transfers.import', { file: merged }, 'auth.forbidden');

    const sup = await bo.as('derya');
    // One flipped byte in the sealed payload, or in the header, is refused.
    const envelope = JSON.parse(readFileSync(merged, 'utf8')) as { payload: { ciphertext: string }; transferId: string };
    const bytes = Buffer.from(envelope.payload.ciphertext, 'base64');
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const altered = join(dir, 'altered.kcase');
    writeFileSync(altered, JSON.stringify({ ...envelope, payload: { ...envelope.payload, ciphertext: bytes.toString('base64') } }));
    await bo.fails(sup, 'transfers.preview', { file: altered }, 'transfer.tampered');
    await bo.fails(sup, 'transfers.import', { file: altered }, 'transfer.tampered');
    writeFileSync(altered, JSON.stringify({ ...envelope, transferId: envelope.transferId.replace(/^./, (ch) => (ch === 'a' ? 'b' : 'a')) }));
    await bo.fails(sup, 'transfers.import', { file: altered }, 'transfer.tampered');
    // Another office cannot open it.
    const cSup = await c.o.as('derya');
    await c.o.fails(cSup, 'transfers.preview', { file: merged }, 'transfer.wrongOffice');
    await c.o.fails(cSup, 'transfers.import', { file: merged }, 'transfer.wrongOffice');

    // Preview: sender, counts, the duplicate check, the case it can merge into. Nothing written but the audit row.
    const casesBefore = bo.count('cases');
    const peopleBefore = bo.count('people');
    const preview = await bo.ok(sup, 'transfers.preview', { file: merged });
    expect(preview.sender).toEqual({ office: expect.any(String), fingerprint: a.fingerprint });
    expect(preview.receiver.fingerprint).toBe(b.fingerprint);
    expect(preview.counts).toEqual({ people: 4, notes: 1, assessments: 0, referrals: 0, attachments: 1 });
    const child = preview.people.find((p) => p.isPrimary)!;
    expect(child).toMatchObject({ firstName: 'Ayşe', lastName: 'Öztürk', role: 'child', linkedPersonId: null });
    expect(child.candidates[0]).toMatchObject({ personId: before.members.find((m) => m.isPrimary)!.person.id, reasons: expect.arrayContaining(['birthDate']) });
    expect(preview.mergeTargets).toEqual([expect.objectContaining({ caseId: existing.id, caseNumber: existing.caseNumber })]);
    expect([bo.count('cases'), bo.count('people')]).toEqual([casesBefore, peopleBefore]);
    expect(audit(bo, 'transfer.previewed')).toHaveLength(1);

    // A case that is not a merge target is refused.
    const unrelated = await bo.ok<Created>(sup, 'cases.create', childCase('Can', 'Demir'));
    await bo.fails(sup, 'transfers.import', { file: merged, targetCaseId: unrelated.id }, 'transfer.notMergeTarget');

    // Merge: appended, nothing overwritten.
    const result = await bo.ok(sup, 'transfers.import', { file: merged, targetCaseId: existing.id });
    expect(result).toMatchObject({ caseId: existing.id, caseNumber: existing.caseNumber, merged: true, people: 4, linked: 1, notes: 1, attachments: 1, sender: { fingerprint: a.fingerprint } });
    expect(bo.count('cases')).toBe(casesBefore + 1); // only the unrelated case made above
    expect(bo.count('people')).toBe(peopleBefore + 1 + 3); // Can Demir, and the three not found here
    bAyse = await bo.as('ayse');
    const after = await bo.ok<CaseFile>(bAyse, 'cases.get', { caseId: existing.id });
    expect(after.case.status).toBe(before.case.status);
    expect(after.household).toEqual(before.household);
    expect(after.members.find((m) => m.isPrimary)!.person).toEqual(before.members.find((m) => m.isPrimary)!.person);
    expect(after.members.map((m) => m.person.firstName).sort()).toEqual(['Ayşe', 'Fatma', 'Hasan', 'İsmail']);
    const notes = bo.db().prepare('SELECT n.id, t.transfer_id FROM notes n LEFT JOIN transfer_rows t ON t.kind = ? AND t.row_id = n.id WHERE n.case_id = ? ORDER BY n.id').all('note', existing.id) as Array<{ id: number; transfer_id: string | null }>;
    expect(notes.map((n) => n.transfer_id)).toEqual([null, result.transferId]);
    expect((await bo.ok<AttachmentList>(bAyse, 'attachments.list', { caseId: existing.id })).items.map((i) => i.fileName)).toEqual(['foto.png']);
    const provenance = await bo.ok(bAyse, 'transfers.forCase', { caseId: existing.id });
    expect(provenance.received).toEqual([expect.objectContaining({ transferId: result.transferId, merged: true, notes: 1, attachments: 1, noteIds: [notes[1]!.id], assessmentIds: [], sender: { office: expect.any(String), fingerprint: a.fingerprint } })]);
    expect(audit(bo, 'case.transferredIn')).toEqual([{ target_type: 'case', target_id: String(existing.id), details: expect.stringContaining('"merged":true') }]);

    // Replay: the same file again is refused, in preview and import.
    const sup2 = await bo.as('derya');
    await bo.fails(sup2, 'transfers.preview', { file: merged }, 'transfer.replayed');
    await bo.fails(sup2, 'transfers.import', { file: merged, targetCaseId: existing.id }, 'transfer.replayed');

    // The second file: a new case, the transferred child's status kept, open for work here.
    const created = await bo.ok(sup2, 'transfers.import', { file: fresh });
    expect(created).toMatchObject({ merged: false, people: 1, linked: 0, notes: 1 });
    expect(created.caseId).not.toBe(existing.id);
    await bo.ok(sup2, 'notes.add', { caseId: created.caseId, type: 'phone_call', occurredAt: '2026-06-14T12:00', body: 'Yeni birimde ilk not.' });
  }, 180_000);
});

describe('a case sent to another office leaves this office\'s work lists', () => {
  it('its open tasks end with the transfer; later visits, hearings, awaited replies and open orders leave the calendar and overviews', async () => {
    const dir = tempDir('kalkan-tr-lists-');
    const a = await keyedOffice(dir, 'a');
    const b = await keyedOffice(dir, 'b');
    const { o } = a;
    let ayse = await o.as('ayse');
    const kase = await o.ok<Created>(ayse, 'cases.create', newCase());
    const [institution] = await o.ok<Array<{ id: number }>>(ayse, 'institutions.list', {});
    const draft = await o.ok<{ id: number }>(ayse, 'referrals.create', {
      caseId: kase.id,
      institutionId: institution!.id,
      services: ['individual_counselling'],
      reason: 'Bireysel psikolojik destek.',
      legalGround: '5395 sayılı Kanun m. 6',
      sharedSections: ['identity'],
    });
    await o.ok(ayse, 'referrals.send', { id: draft.id });
    await o.ok(ayse, 'calendar.planVisit', { caseId: kase.id, kind: 'home_visit', startsAt: '2026-08-20T10:30' });
    await o.ok(ayse, 'hearings.add', { caseId: kase.id, courtName: 'İstanbul 3. Çocuk Mahkemesi', hearingAt: '2026-08-21T09:30' });
    await o.ok(ayse, 'orders.add', { caseId: kase.id, kind: 'counselling_measure', orderedOn: '2026-06-15', responsibleUserId: o.ids.ayse, dueOn: '2026-07-01' });

    // A month and a half on: the reply is overdue, the order too, the visit and hearing ahead.
    o.clock.now = new Date('2026-08-03T09:00:00.000');
    ayse = await o.as('ayse');
    const openTasks = () => (o.db().prepare('SELECT count(*) AS n FROM tasks WHERE case_id = ? AND done_at IS NULL').get(kase.id) as { n: number }).n;
    const listsOf = async () => {
      const derya = await o.as('derya');
      const calendar = await o.ok<CalendarOutput>(derya, 'calendar.events', { from: '2026-08-17', to: '2026-08-23' });
      const court = await o.ok<{ upcoming: Array<{ caseId: number }>; openOrders: number; overdueOrders: number }>(derya, 'court.overview', {});
      const referrals = await o.ok<{ overdue: number }>(derya, 'referrals.list', { overdue: true });
      return {
        calendar: calendar.events.filter((e) => e.caseId === kase.id && e.kind !== 'task').map((e) => e.kind).sort(),
        hearings: court.upcoming.filter((h) => h.caseId === kase.id).length,
        openOrders: court.openOrders,
        overdueOrders: court.overdueOrders,
        overdueReplies: referrals.overdue,
      };
    };
    expect(openTasks()).toBeGreaterThan(0);
    expect(await listsOf()).toEqual({ calendar: ['hearing', 'home_visit'], hearings: 1, openOrders: 1, overdueOrders: 1, overdueReplies: 1 });

    await send(o, kase.id, b.pub, join(dir, 'case.kcase'));
    // The receiving office takes the work over: nothing of it stays open, due or overdue here.
    expect(openTasks()).toBe(0);
    expect(await listsOf()).toEqual({ calendar: [], hearings: 0, openOrders: 0, overdueOrders: 0, overdueReplies: 0 });
    expect(audit(o, 'case.transferredOut')[0]!.details).toContain('"cancelledTasks":');
    // The file itself says it is read-only here, and keeps its history.
    const file = await o.ok<CaseFile>(await o.as('ayse'), 'cases.get', { caseId: kase.id });
    expect(file.case.transferredAt).toBe(new Date('2026-08-03T09:00:00.000').toISOString());
    expect(file.tasks.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('a request pending in the app', () => {
  it('is settled when the case is sent another way (the CLI export): no request left pending on a transferred case', async () => {
    const dir = tempDir('kalkan-tr-api-');
    const a = await keyedOffice(dir, 'a');
    const b = await keyedOffice(dir, 'b');
    const { o } = a;
    const ayse = await o.as('ayse');
    const kase = await o.ok<Created>(ayse, 'cases.create', newCase());
    const request = await o.ok(ayse, 'transfers.request', { caseId: kase.id, sections: ['notes'], attachmentIds: [], keyFile: b.pub });
    const derya = await o.as('derya');
    expect((await o.ok(derya, 'transfers.pending', {})).length).toBe(1);
    // What `kalkan transfer export` does in its transaction.
    o.db().transaction(() => markTransferred(o.db(), kase.id, '0190f3a0-0000-4000-8000-000000000001', { office: 'B', fingerprint: b.fingerprint }, o.ids.derya!, '2026-06-15T09:00:00.000Z'))();
    expect(await o.ok(derya, 'transfers.pending', {})).toEqual([]);
    expect((await o.ok(derya, 'transfers.forCase', { caseId: kase.id })).requests).toEqual([expect.objectContaining({ id: request.id, state: 'approved', transferId: '0190f3a0-0000-4000-8000-000000000001', decidedBy: { id: o.ids.derya, displayName: 'Derya Aksoy' } })]);
    await o.fails(derya, 'transfers.approve', { caseId: kase.id, requestId: request.id, out: join(dir, 'x.kcase') }, 'cases.transferred');
  }, 120_000);
});

describe('transfer import and sync', () => {
  let open: Replica[] = [];
  afterEach(() => {
    closeAll(open);
    open = [];
  });

  it('the people an import creates and its audit row are recorded as sync messages and reach the other workstation', async () => {
    const dir = tempDir('kalkan-tr-sync-');
    const sender = await keyedOffice(dir, 'sender');
    const so = sender.o;
    const ayse = await so.as('ayse');
    const kase = await so.ok<Created>(ayse, 'cases.create', newCase());

    // The receiving office has two workstations (replicas of one vault).
    const [r1, r2] = await syncOffice(2);
    open = [r1!, r2!];
    const db = r1!.vault.database;
    const pub = join(dir, 'receiver.pub');
    r1!.vault.withKey((dbKey, keyring) => writeFileSync(pub, JSON.stringify(officeKeyFile(ensureTransferKeys(db, dbKey, keyring.vaultId, signerFor(db)?.authority ?? null), keyring.vaultId, 'Alıcı'))));
    const file = await send(so, kase.id, pub, join(dir, 'case.kcase'));

    const messagesBefore = (db.prepare("SELECT count(*) AS n FROM sync_messages WHERE tbl = 'people'").get() as { n: number }).n;
    const imported = r1!.vault.withKey((dbKey, keyring) => {
      const keys = ensureTransferKeys(db, dbKey, keyring.vaultId, null);
      const { header, payload } = openTransfer(readFileSync(file, 'utf8'), keys, keyring.vaultId);
      const actor = actorOf({ userId: r1!.actor.id, username: r1!.actor.username, roles: ['admin', 'supervisor'] } as never);
      // What the transfers.import handler does in the router's transaction.
      return db.transaction(() => {
        const result = importCase(db, payload as CasePayload, { transferId: header.transferId, senderVaultId: header.sender.vaultId, senderFingerprint: header.sender.fingerprint, senderOffice: header.sender.office }, actor, '2026-06-15T10:00:00.000Z');
        appendAudit(db, { action: 'case.transferredIn', actorId: actor.userId, actorName: actor.username, targetType: 'case', targetId: String(result.caseId), details: { transferId: header.transferId } });
        return result;
      })();
    });
    expect(imported.people).toBe(4);
    const uids = (db.prepare('SELECT p.uid FROM people p JOIN case_members m ON m.person_id = p.id WHERE m.case_id = ?').all(imported.caseId) as Array<{ uid: string }>).map((r) => r.uid);
    expect(uids).toHaveLength(4);
    const messaged = db.prepare("SELECT DISTINCT row_uid AS row FROM sync_messages WHERE tbl = 'people' AND segment IS NULL").all() as Array<{ row: string }>;
    expect(new Set(messaged.map((m) => m.row))).toEqual(new Set(uids));
    expect((db.prepare("SELECT count(*) AS n FROM sync_messages WHERE tbl = 'people'").get() as { n: number }).n).toBeGreaterThan(messagesBefore);

    const folder = tempDir('kalkan-tr-syncdir-');
    runSync(r1!.vault, r1!.actor, folder);
    runSync(r2!.vault, r2!.actor, folder);
    const other = r2!.vault.database;
    const arrived = other.prepare(`SELECT first_name FROM people WHERE uid IN (${uids.map(() => '?').join(', ')}) ORDER BY first_name`).all(...uids) as Array<{ first_name: string }>;
    expect(arrived.map((p) => p.first_name)).toEqual(['Ayşe', 'Fatma', 'Hasan', 'İsmail']);
    expect(other.prepare("SELECT count(*) AS n FROM sync_audit WHERE action = 'case.transferredIn'").get()).toEqual({ n: 1 });
  }, 180_000);
});
