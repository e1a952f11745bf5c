import { describe, expect, it } from 'vitest';
import type { Dashboard, Task } from '../../shared/api/schemas/cases';
import type { Institution, Referral, ReferralList } from '../../shared/api/schemas/referrals';
import { actorOf } from '../../electron/core/cases/access';
import { SEED_INSTITUTIONS } from '../../electron/core/db/migrations/m004ReferralsCourt';
import { referralForLetter } from '../../electron/core/referrals/letterData';
import { addWorkingDays } from '../../electron/core/referrals/workingDays';
import { referralsOffice } from '../fixtures/referralsOffice';

async function institutionId(o: Awaited<ReturnType<typeof referralsOffice>>, client: Parameters<typeof o.ok>[0], code: string): Promise<number> {
  const all = await o.ok<Institution[]>(client, 'institutions.list', {});
  return all.find((i) => i.code === code)!.id;
}

const draftFields = (institutionId: number, extra: Record<string, unknown> = {}) => ({
  institutionId,
  services: ['individual_counselling'],
  urgency: 'routine',
  reason: 'Elif için bireysel psikolojik destek; evde şiddete tanıklık.',
  sharedSections: ['identity', 'concerns'],
  ...extra,
});

const consent = (personId: number) => ({ givenByPersonId: personId, method: 'written', on: '2026-03-02' });

describe('institution directory', () => {
  it('is seeded with the institutions seed 000 refers to, with Turkish names, plus Istanbul courts, prosecutor, police and health', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const all = await o.ok<Institution[]>(worker, 'institutions.list', {});
    const names = all.map((i) => i.name);
    for (const expected of [
      'İBB Psikolojik Danışma Merkezi',
      'İBB Kadın Danışma Birimi',
      'İBB Engelliler Müdürlüğü',
      'İstanbul Aile Danışmanlık ve Eğitim Merkezi (İSADEM)',
      'İBB İstihdam Ofisleri',
      'Çocuk İzlem Merkezi (ÇİM)',
      'İstanbul Aile ve Sosyal Hizmetler İl Müdürlüğü',
      'İstanbul İl Sağlık Müdürlüğü',
      'Yuvamız İstanbul Çocuk Etkinlik Merkezleri',
    ]) {
      expect(names).toContain(expected);
    }
    expect(all).toHaveLength(SEED_INSTITUTIONS.length);
    const types = new Set(all.map((i) => i.type));
    for (const type of ['court', 'prosecutor', 'police', 'hospital', 'school', 'employment_office', 'isadem', 'child_monitoring_centre']) expect(types).toContain(type);
    // Turkish order: Ç after C, İ after I, Y at the end.
    expect(names.indexOf('Çocuk İzlem Merkezi (ÇİM)')).toBeLessThan(names.indexOf('Devlet hastanesi – Çocuk ve Ergen Ruh Sağlığı Polikliniği'));
    expect(names.at(-1)).toBe('Yuvamız İstanbul Çocuk Etkinlik Merkezleri');
    // Folded search: no diacritics needed, any case, words in any order.
    expect((await o.ok<Institution[]>(worker, 'institutions.list', { q: 'isadem' })).map((i) => i.code)).toEqual(['isadem']);
    expect((await o.ok<Institution[]>(worker, 'institutions.list', { q: 'IZLEM cocuk' })).map((i) => i.code)).toEqual(['child_monitoring_centre']);
    expect((await o.ok<Institution[]>(worker, 'institutions.list', { type: 'court' })).length).toBeGreaterThanOrEqual(3);
  });

  it('is edited only with directory:write, with version checks, and audited without names', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const entry = { name: 'Beyoğlu Rehberlik ve Araştırma Merkezi', type: 'school', phone: '0212 000 00 00', email: 'ram@example.org', contactPerson: 'Selin Kaya', services: ['developmental_assessment', 'RAM raporu'] };
    await o.fails(worker, 'institutions.upsert', entry, 'auth.forbidden');

    const admin = await o.as('sistem');
    const created = await o.ok<Institution>(admin, 'institutions.upsert', entry);
    expect(created).toMatchObject({ code: null, name: entry.name, type: 'school', active: true, version: 1, services: entry.services });
    await o.fails(admin, 'institutions.upsert', { ...entry, name: 'BEYOĞLU rehberlik ve araştırma merkezi' }, 'institutions.duplicateName');
    await o.fails(admin, 'institutions.upsert', { ...entry, email: 'not-an-address' }, 'api.invalidInput');

    const supervisor = await o.as('derya');
    const updated = await o.ok<Institution>(supervisor, 'institutions.upsert', { ...entry, id: created.id, expectedVersion: 1, active: false });
    expect(updated).toMatchObject({ active: false, version: 2 });
    await o.fails(supervisor, 'institutions.upsert', { ...entry, id: created.id, expectedVersion: 1 }, 'institutions.conflict');
    // Inactive entries are hidden unless asked for, and cannot be referred to.
    expect((await o.ok<Institution[]>(supervisor, 'institutions.list', { q: 'beyoglu rehberlik' })).length).toBe(0);
    expect((await o.ok<Institution[]>(supervisor, 'institutions.list', { q: 'beyoglu rehberlik', includeInactive: true })).length).toBe(1);
    await o.fails(supervisor, 'referrals.create', { caseId: o.caseId, ...draftFields(created.id) }, 'institutions.notFound');

    const rows = o.db().prepare(`SELECT action, details FROM audit_log WHERE action LIKE 'institution.%' ORDER BY seq`).all() as Array<{ action: string; details: string }>;
    expect(rows.map((r) => r.action)).toEqual(['institution.created', 'institution.updated']);
    for (const r of rows) expect(r.details).not.toMatch(/Beyoğlu|Selin|ram@/);
  });
});

describe('referrals', () => {
  it('refuses to send without consent or a legal ground, and nothing changes', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const pdm = await institutionId(o, worker, 'ibb_psychological_counselling_centre');
    const draft = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, personId: o.person.elif, ...draftFields(pdm) });
    expect(draft).toMatchObject({ state: 'draft', consentRecorded: false, version: 1, person: { name: 'Elif Öztürk' }, institution: { name: 'İBB Psikolojik Danışma Merkezi' } });

    const before = { audit: o.count('audit_log'), tasks: o.count('tasks'), history: o.count('referral_history') };
    expect(await o.fails(worker, 'referrals.send', { id: draft.id }, 'referrals.consentRequired')).toEqual({ field: 'consent' });
    // Half a consent (who, but not how and when) is not a consent.
    const partial = await o.ok<Referral>(worker, 'referrals.updateDraft', { id: draft.id, expectedVersion: 1, personId: o.person.elif, ...draftFields(pdm, { consent: { givenByPersonId: o.person.ayten } }) });
    expect(partial.consentRecorded).toBe(false);
    const afterEdit = { audit: o.count('audit_log'), tasks: o.count('tasks'), history: o.count('referral_history') };
    await o.fails(worker, 'referrals.send', { id: draft.id }, 'referrals.consentRequired');
    expect({ audit: o.count('audit_log'), tasks: o.count('tasks'), history: o.count('referral_history') }).toEqual(afterEdit);
    expect(afterEdit).toEqual({ ...before, audit: before.audit + 1 });
    const still = await o.ok<Referral>(worker, 'referrals.get', { id: draft.id });
    expect(still).toMatchObject({ state: 'draft', sentOn: null, replyDueOn: null, version: 2 });

    // A legal ground instead of consent is enough.
    const grounded = await o.ok<Referral>(worker, 'referrals.updateDraft', {
      id: draft.id,
      expectedVersion: 2,
      ...draftFields(pdm, { legalGround: '5395 sayılı Kanun m. 6: çocuğun korunma ihtiyacı; veli ulaşılamıyor.' }),
    });
    expect(grounded.consentRecorded).toBe(true);
    const sent = await o.ok<Referral>(worker, 'referrals.send', { id: draft.id });
    expect(sent.state).toBe('sent');
  });

  it('validates the draft: members, services, notes, consent date; a draft only changes while a draft', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const pdm = await institutionId(o, worker, 'ibb_psychological_counselling_centre');
    await o.fails(worker, 'referrals.create', { caseId: o.caseId, personId: 999_999, ...draftFields(pdm) }, 'api.notFound');
    await o.fails(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { services: ['no_such_service'] }) }, 'lookups.unknownCode');
    await o.fails(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { consent: { ...consent(o.person.ayten), on: '2026-03-03' } }) }, 'referrals.dateInFuture');
    await o.fails(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { sharedSections: ['notes'] }) }, 'referrals.notesNotPicked');
    await o.fails(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { sharedSections: ['nothing'] }) }, 'api.invalidInput');
    const noServices = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { services: [], consent: consent(o.person.ayten) }) });
    await o.fails(worker, 'referrals.send', { id: noServices.id }, 'referrals.servicesRequired');

    const r = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { consent: consent(o.person.ayten) }) });
    expect(r.consent).toEqual({ givenByPersonId: o.person.ayten, givenByName: 'Ayten Öztürk', method: 'written', on: '2026-03-02' });
    await o.fails(worker, 'referrals.updateDraft', { id: r.id, expectedVersion: 7, ...draftFields(pdm) }, 'referrals.conflict');
    await o.ok(worker, 'referrals.send', { id: r.id });
    await o.fails(worker, 'referrals.updateDraft', { id: r.id, expectedVersion: 2, ...draftFields(pdm) }, 'referrals.notDraft');
  });

  it('follows the state machine, each change dated and kept in the history', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const pdm = await institutionId(o, worker, 'ibb_psychological_counselling_centre');
    const r = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { consent: consent(o.person.ayten) }) });
    await o.fails(worker, 'referrals.acknowledge', { id: r.id }, 'referrals.transitionInvalid');
    await o.fails(worker, 'referrals.send', { id: r.id, on: '2026-03-03' }, 'referrals.dateInFuture');
    await o.fails(worker, 'referrals.send', { id: r.id, on: '2026-03-02', replyDueOn: '2026-03-01' }, 'referrals.replyDueBeforeSent');

    // Monday 2 March + 10 working days = Monday 16 March.
    const sent = await o.ok<Referral>(worker, 'referrals.send', { id: r.id });
    expect(sent).toMatchObject({ state: 'sent', sentOn: '2026-03-02', replyDueOn: '2026-03-16', replyOverdue: false });
    await o.fails(worker, 'referrals.send', { id: r.id }, 'referrals.transitionInvalid');
    expect(await o.fails(worker, 'referrals.serviceStarted', { id: r.id }, 'referrals.transitionInvalid')).toEqual({ from: 'sent', to: 'service_started' });

    o.clock.now = new Date('2026-03-10T10:00:00');
    await o.fails(worker, 'referrals.acknowledge', { id: r.id, on: '2026-03-01' }, 'referrals.dateBeforePrevious');
    await o.ok(worker, 'referrals.acknowledge', { id: r.id, on: '2026-03-09', note: 'Telefonla teyit edildi.' });
    const started = await o.ok<Referral>(worker, 'referrals.serviceStarted', { id: r.id });
    expect(started).toMatchObject({ state: 'service_started', acknowledgedOn: '2026-03-09', serviceStartedOn: '2026-03-10' });
    await o.fails(worker, 'referrals.decline', { id: r.id, reason: 'x' }, 'referrals.transitionInvalid');
    await o.fails(worker, 'referrals.close', { id: r.id, outcome: '   ' }, 'api.invalidInput');
    const closed = await o.ok<Referral>(worker, 'referrals.close', { id: r.id, outcome: 'Sekiz seans tamamlandı; Elif okula uyum sağladı.' });
    expect(closed).toMatchObject({ state: 'closed', endedOn: '2026-03-10', outcome: 'Sekiz seans tamamlandı; Elif okula uyum sağladı.' });
    expect(closed.history.map((h) => [h.from, h.to, h.on])).toEqual([
      [null, 'draft', '2026-03-02'],
      ['draft', 'sent', '2026-03-02'],
      ['sent', 'acknowledged', '2026-03-09'],
      ['acknowledged', 'service_started', '2026-03-10'],
      ['service_started', 'closed', '2026-03-10'],
    ]);
    expect(closed.history[2]).toMatchObject({ note: 'Telefonla teyit edildi.', by: { displayName: 'Ayşe Yıldırım' } });
    for (const action of ['acknowledge', 'serviceStarted']) await o.fails(worker, `referrals.${action}`, { id: r.id }, 'referrals.transitionInvalid');

    // Declined from sent, with its reason; the history cannot be rewritten.
    const other = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { urgency: 'urgent', consent: consent(o.person.ayten) }) });
    const urgent = await o.ok<Referral>(worker, 'referrals.send', { id: other.id });
    expect(urgent.replyDueOn).toBe('2026-03-12'); // Tuesday + 2 working days
    const declined = await o.ok<Referral>(worker, 'referrals.decline', { id: other.id, reason: 'Kontenjan dolu.' });
    expect(declined).toMatchObject({ state: 'declined', declineReason: 'Kontenjan dolu.' });
    expect(() => o.db().prepare('DELETE FROM referral_history WHERE referral_id = ?').run(other.id)).toThrow(/kept as written/);

    const actions = (o.db().prepare(`SELECT action, details FROM audit_log WHERE target_type = 'referral' ORDER BY seq`).all() as Array<{ action: string; details: string }>);
    expect(actions.map((a) => a.action)).toEqual([
      'referral.created',
      'referral.sent',
      'referral.acknowledged',
      'referral.serviceStarted',
      'referral.closed',
      'referral.created',
      'referral.sent',
      'referral.declined',
    ]);
    for (const a of actions) expect(a.details).not.toMatch(/Elif|seans|Kontenjan|Telefon/);
  });

  it('sending writes a reply task for the caseworker that turns overdue on the dashboard; answers close it', async () => {
    const o = await referralsOffice();
    const supervisor = await o.as('derya');
    const pdm = await institutionId(o, supervisor, 'ibb_psychological_counselling_centre');
    // The supervisor prepares and sends; the task goes to the case's caseworker.
    const r = await o.ok<Referral>(supervisor, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { consent: { givenByName: 'Zehra Öztürk (anneanne)', method: 'verbal', on: '2026-03-01' } }) });
    expect(r.consent).toMatchObject({ givenByPersonId: null, givenByName: 'Zehra Öztürk (anneanne)' });
    await o.ok(supervisor, 'referrals.send', { id: r.id });
    const openTasks = () => o.db().prepare(`SELECT kind, assignee_user_id AS assignee, due_at AS due, title_key AS titleKey FROM tasks WHERE source = 'referral' AND source_id = ? AND done_at IS NULL`).all(String(r.id));
    expect(openTasks()).toEqual([{ kind: 'referralReply', assignee: o.ids.ayse, due: new Date('2026-03-16T23:59:00').toISOString(), titleKey: 'tasks.referral.replyExpected' }]);

    const worker = await o.as('ayse');
    o.clock.now = new Date('2026-03-17T09:00:00');
    const dash = await o.ok<Dashboard>(worker, 'tasks.list', { scope: 'mine' });
    const overdue = dash.overdue.items.find((t: Task) => t.source === 'referral')!;
    expect(overdue).toMatchObject({ titleKey: 'tasks.referral.replyExpected', titleParams: { institution: 'İBB Psikolojik Danışma Merkezi' }, caseId: o.caseId });
    const list = await o.ok<ReferralList>(worker, 'referrals.list', { overdue: true });
    expect(list).toMatchObject({ total: 1, overdue: 1 });
    expect(list.rows[0]).toMatchObject({ id: r.id, replyOverdue: true });

    // The reply slip: received on the 16th, service started on the 17th.
    await o.fails(worker, 'referrals.recordReply', { id: r.id, receivedOn: '2026-02-27' }, 'referrals.dateBeforePrevious');
    await o.fails(worker, 'referrals.recordReply', { id: r.id, receivedOn: '2026-03-16', serviceStartedOn: '2026-03-15' }, 'referrals.serviceBeforeReceived');
    const acknowledged = await o.ok<Referral>(worker, 'referrals.recordReply', { id: r.id, receivedOn: '2026-03-16', contactPerson: 'Psk. Deniz Arslan' });
    expect(acknowledged).toMatchObject({ state: 'acknowledged', acknowledgedOn: '2026-03-16', replyOverdue: false, reply: { receivedOn: '2026-03-16', contactPerson: 'Psk. Deniz Arslan' } });
    // The reply task is done; a follow-up waits for the service to start.
    expect(openTasks()).toEqual([expect.objectContaining({ kind: 'referralServiceStart', titleKey: 'tasks.referral.serviceStartExpected', assignee: o.ids.ayse })]);
    const replyTask = o.db().prepare(`SELECT done_at, done_by, cancelled FROM tasks WHERE source = 'referral' AND kind = 'referralReply'`).get() as { done_at: string; done_by: string; cancelled: number };
    expect(replyTask).toMatchObject({ done_by: o.ids.ayse, cancelled: 0 });

    const started = await o.ok<Referral>(worker, 'referrals.recordReply', { id: r.id, receivedOn: '2026-03-16', serviceStartedOn: '2026-03-17', contactPerson: 'Psk. Deniz Arslan', outcome: 'Haftalık seanslar planlandı.' });
    expect(started).toMatchObject({ state: 'service_started', serviceStartedOn: '2026-03-17', reply: { outcome: 'Haftalık seanslar planlandı.' } });
    expect(started.history.map((h) => h.to)).toEqual(['draft', 'sent', 'acknowledged', 'service_started']);
    expect(openTasks()).toEqual([]);
    expect((await o.ok<ReferralList>(worker, 'referrals.list', { overdue: true })).total).toBe(0);
    expect((await o.ok<ReferralList>(worker, 'referrals.list', { state: ['service_started'] })).total).toBe(1);
  });

  it('follows the case: a caseworker sees only the referrals of their cases', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const pdm = await institutionId(o, worker, 'ibb_psychological_counselling_centre');
    const r = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm, { consent: consent(o.person.ayten) }) });

    const other = await o.as('mehmet');
    await o.fails(other, 'referrals.get', { id: r.id }, 'api.notFound');
    await o.fails(other, 'referrals.get', { id: 999_999 }, 'api.notFound');
    await o.fails(other, 'referrals.send', { id: r.id }, 'api.notFound');
    await o.fails(other, 'referrals.listForCase', { caseId: o.caseId }, 'api.notFound');
    await o.fails(other, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm) }, 'api.notFound');
    expect(await o.ok<ReferralList>(other, 'referrals.list', {})).toEqual({ total: 0, overdue: 0, rows: [] });
    expect(() => referralForLetter(o.db(), actorOf(other.session!), r.id)).toThrow('referrals.notFound');

    const supervisor = await o.as('derya');
    expect((await o.ok<ReferralList>(supervisor, 'referrals.list', {})).rows.map((x) => x.id)).toEqual([r.id]);
    // An administrator without case permissions manages the directory but reads no referrals.
    const admin = await o.as('sistem');
    await o.fails(admin, 'referrals.list', {}, 'auth.forbidden');
    expect((await o.ok<Institution[]>(admin, 'institutions.list', {})).length).toBeGreaterThan(10);
  });

  it('no new referral on a closed case', async () => {
    const o = await referralsOffice();
    const supervisor = await o.as('derya');
    const pdm = await institutionId(o, supervisor, 'isadem');
    await o.ok(supervisor, 'cases.approveClosure', { caseId: o.caseId, reason: 'Aile desteğe bağlandı.' });
    await o.fails(supervisor, 'referrals.create', { caseId: o.caseId, ...draftFields(pdm) }, 'referrals.caseClosed');
  });
});

describe('referral letter data (for the documents area)', () => {
  it('carries only the sections the user ticked, and only the notes picked', async () => {
    const o = await referralsOffice();
    const worker = await o.as('ayse');
    const isadem = await institutionId(o, worker, 'isadem');
    const n1 = await o.ok<{ id: number }>(worker, 'notes.add', { caseId: o.caseId, type: 'home_visit', occurredAt: '2026-03-01T10:00:00', body: 'Ev ziyareti: anne işbirliğine açık.' });
    await o.ok<{ id: number }>(worker, 'notes.add', { caseId: o.caseId, type: 'phone_call', occurredAt: '2026-03-01T12:00:00', body: 'GİZLİ: babanın yeni adresi bilinmiyor.' });
    await o.fails(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(isadem, { sharedSections: ['notes'], sharedNoteIds: [n1.id + 100] }) }, 'api.notFound');

    const r = await o.ok<Referral>(worker, 'referrals.create', {
      caseId: o.caseId,
      personId: o.person.elif,
      ...draftFields(isadem, { services: ['family_counselling'], servicesOther: 'Ebeveynlik eğitimi', sharedSections: ['identity', 'notes', 'concerns'], sharedNoteIds: [n1.id], consent: consent(o.person.ayten) }),
    });
    const letter = referralForLetter(o.db(), actorOf(worker.session!), r.id);
    expect(Object.keys(letter.shared).sort()).toEqual(['concerns', 'identity', 'notes']);
    expect(letter.shared.identity).toEqual([expect.objectContaining({ firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', idNumber: '10000000146', role: 'child' })]);
    expect(letter.shared.notes).toEqual([{ id: n1.id, type: 'home_visit', occurredAt: new Date('2026-03-01T10:00:00.000').toISOString(), body: 'Ev ziyareti: anne işbirliğine açık.' }]);
    expect(JSON.stringify(letter)).not.toContain('GİZLİ');
    expect(JSON.stringify(letter)).not.toContain('Murat');
    expect(letter.shared.concerns!.concerns.map((c) => c.labelTr)).toEqual(['Aile içi şiddet', 'Duygusal ihmal']);
    expect(letter.referral).toMatchObject({
      state: 'draft',
      services: [{ code: 'family_counselling', labelTr: 'Aile danışmanlığı', labelEn: 'Family counselling' }],
      servicesOther: 'Ebeveynlik eğitimi',
      consent: { givenByName: 'Ayten Öztürk', method: 'written', on: '2026-03-02' },
      preparedBy: 'Ayşe Yıldırım',
      responsible: 'Ayşe Yıldırım',
    });
    expect(letter.institution).toMatchObject({ name: 'İstanbul Aile Danışmanlık ve Eğitim Merkezi (İSADEM)', type: 'isadem' });
    expect(letter.referred).toEqual({ id: o.person.elif, name: 'Elif Öztürk' });
    expect(letter.reply).toBeNull();

    // The household section lists those living in it (the father lives elsewhere).
    const h = await o.ok<Referral>(worker, 'referrals.create', { caseId: o.caseId, ...draftFields(isadem, { sharedSections: ['household', 'risk'] }) });
    const household = referralForLetter(o.db(), actorOf(worker.session!), h.id);
    expect(Object.keys(household.shared).sort()).toEqual(['household', 'risk']);
    expect(household.shared.household!.members.map((m) => m.firstName)).toEqual(['Elif', 'Ayten']);
    expect(household.shared.household).toMatchObject({ city: 'İstanbul', district: 'Beyoğlu' });
    expect(household.shared.risk).toEqual({ priority: null, latestAssessment: null });
  });
});

describe('working days', () => {
  it('skip weekends and the fixed national holidays', () => {
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09'); // Friday → Monday
    expect(addWorkingDays('2026-04-22', 1)).toBe('2026-04-24'); // 23 April is a holiday
    expect(addWorkingDays('2026-10-28', 2)).toBe('2026-11-02'); // 29 October, then the weekend
  });
});

describe('query plans', () => {
  it('the overdue-replies count uses the state index', async () => {
    const o = await referralsOffice();
    await o.as('ayse');
    const plan = o
      .db()
      .prepare(`EXPLAIN QUERY PLAN SELECT count(*) FROM referrals r WHERE r.state = 'sent' AND r.reply_due_on < ?`)
      .all('2026-03-02') as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX referrals_state/);
  });
});
