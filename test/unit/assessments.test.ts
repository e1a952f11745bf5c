import { describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../shared/api/schemas/assessments';
import { unansweredDomains } from '../../shared/risk-tool/engine';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import type { LevelId } from '../../shared/risk-tool/types';
import { newClientState } from '../../electron/core/session';
import { activate, signedInCore, TEMP_PASSWORD } from '../fixtures/vaults';

const firstOf = (level: LevelId, kind: 'harm' | 'vulnerability' = 'harm') =>
  INSTRUMENT.domains.filter((d) => d.kind === kind).flatMap((d) => d.criteria).find((c) => c.level === level && !c.mayBeHigher)!.id;

/** The rest of the tool looked at with nothing found: every domain without a tick is screened. */
const rest = (criteria: string[]) => unansweredDomains(INSTRUMENT, criteria);

async function officeWithCase(concerns: string[] = ['domestic_violence']) {
  const { core, admin } = await signedInCore({ now: () => new Date('2026-03-02T09:00:00') });
  await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: TEMP_PASSWORD });
  const ayse = ((await core.call(admin, 'users.list')) as Array<{ id: string; username: string }>).find((u) => u.username === 'ayse')!;
  const created = (await core.call(admin, 'cases.create', {
    household: { name: 'Öztürk ailesi', district: 'Beyoğlu', city: 'İstanbul' },
    members: [
      { person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Murat', lastName: 'Öztürk', birthYear: 1985, sex: 'male' }, role: 'caregiver', relationship: 'father', offending: true, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30:00', channel: 'school', concerns, summary: 'Okul rehber öğretmeni çocuğun kolunda morluklar gördü.' },
    responsibleUserId: ayse.id,
  })) as { id: number };
  await core.call(admin, 'auth.signOut');
  await activate(core, 'ayse', 'turuncu-bulut-yavas-gecer');
  const worker = newClientState();
  await core.call(worker, 'auth.signIn', { username: 'ayse', password: 'turuncu-bulut-yavas-gecer' });
  return { core, admin, worker, caseId: created.id };
}

describe('risk assessments', () => {
  it('keeps every assessment with the instrument version, creates the deadline tasks and sets the case priority', async () => {
    const { core, worker, caseId } = await officeWithCase();
    const medium = firstOf('medium');
    const first = (await core.call(worker, 'assessments.create', { caseId, criteria: [medium], screened: rest([medium]), finalLevel: 'medium' })) as AssessmentRecord;
    expect(first).toMatchObject({ computed: 'medium', finalLevel: 'medium', status: 'approved', instrumentVersion: INSTRUMENT.version, childAge: 11 });
    expect(first.taskCount).toBeGreaterThanOrEqual(3);
    const file = (await core.call(worker, 'cases.get', { caseId })) as { header?: { priority: string }; priority?: string; tasks: Array<{ source: string; dueAt: string; done?: boolean; doneAt?: string | null }> };
    const openRisk = file.tasks.filter((t) => t.source === 'risk' && !t.doneAt);
    expect(openRisk.length).toBe(first.taskCount);
    // Medium: first contact within one week of the assessment.
    expect(openRisk.map((t) => t.dueAt)).toContain(new Date('2026-03-09T09:00:00.000').toISOString());

    const second = (await core.call(worker, 'assessments.create', { caseId, criteria: [medium, firstOf('low')], screened: rest([medium, firstOf('low')]), finalLevel: 'low', overrideReason: 'Aile destek almayı kabul etti, tehlike azaldı.', previousId: first.id })) as AssessmentRecord;
    expect(second).toMatchObject({ computed: 'medium', finalLevel: 'low', previousId: first.id });
    const history = (await core.call(worker, 'assessments.listForCase', { caseId })) as AssessmentRecord[];
    expect(history.map((a) => a.finalLevel)).toEqual(['medium', 'low']);
    const after = (await core.call(worker, 'cases.get', { caseId })) as { tasks: Array<{ source: string; sourceId?: string | null; doneAt: string | null }> };
    // Only the newest assessment's risk tasks are still open.
    expect(after.tasks.filter((t) => t.source === 'risk' && !t.doneAt).length).toBe(second.taskCount);
  });

  it('requires a written reason when the final level differs, and changes nothing without it', async () => {
    const { core, worker, caseId } = await officeWithCase();
    const reply = await core.router.handle(worker, 'assessments.create', { caseId, criteria: [firstOf('medium')], screened: rest([firstOf('medium')]), finalLevel: 'high', overrideReason: 'kısa' });
    expect(reply).toEqual({ ok: false, error: { code: 'assessments.reasonRequired', params: { field: 'overrideReason', min: 10 } } });
    expect(await core.call(worker, 'assessments.listForCase', { caseId })).toEqual([]);
    const unknown = await core.router.handle(worker, 'assessments.create', { caseId, criteria: ['no-such.criterion'], finalLevel: 'none' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'assessments.unknownCriteria', params: { ids: 'no-such.criterion' } } });
  });

  it('an Urgent decision by a caseworker starts its deadlines at once and waits for a supervisor who is not the assessor', async () => {
    const { core, admin, worker, caseId } = await officeWithCase();
    const urgent = firstOf('urgent');
    const record = (await core.call(worker, 'assessments.create', { caseId, criteria: [urgent], screened: rest([urgent]), finalLevel: 'urgent', summary: 'Çocuk ciddi tehlike altında.' })) as AssessmentRecord;
    expect(record.status).toBe('pending_approval');
    expect(record.taskCount).toBeGreaterThan(0);
    expect(await core.router.handle(worker, 'assessments.approve', { id: record.id })).toEqual({ ok: false, error: { code: 'auth.forbidden' } });

    await core.call(worker, 'auth.signOut');
    await core.call(admin, 'auth.signIn', { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' });
    const pending = (await core.call(admin, 'assessments.recent', { status: 'pending_approval' })) as AssessmentRecord[];
    expect(pending.map((a) => a.id)).toEqual([record.id]);
    const approved = (await core.call(admin, 'assessments.approve', { id: record.id, note: 'Koruma kararı için savcılığa bildirildi.' })) as AssessmentRecord;
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { name: 'Hülya Yönetici' } });
    expect(await core.router.handle(admin, 'assessments.approve', { id: record.id })).toEqual({ ok: false, error: { code: 'assessments.notPending' } });
    const audit = (await core.call(admin, 'audit.list', { action: 'assessment.approved' })) as { rows: unknown[] };
    expect(audit.rows).toHaveLength(1);
    // One row per write, the spec's action, written by the router (issue 12).
    const created = core.services.vault.database.prepare("SELECT target_type AS type, target_id AS id FROM audit_log WHERE action = 'assessment.created'").all();
    expect(created).toEqual([{ type: 'assessment', id: String(record.id) }]);
  });

  it('a caseworker cannot assess a case that is not theirs', async () => {
    const { core, admin, worker, caseId } = await officeWithCase();
    await core.call(worker, 'auth.signOut');
    await core.call(admin, 'auth.signIn', { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' });
    await core.call(admin, 'users.create', { username: 'can', displayName: 'Can Yılmaz', roles: ['caseworker'], password: TEMP_PASSWORD });
    await core.call(admin, 'auth.signOut');
    await activate(core, 'can', 'kirmizi-balon-uzaga-ucar');
    const other = newClientState();
    await core.call(other, 'auth.signIn', { username: 'can', password: 'kirmizi-balon-uzaga-ucar' });
    expect(await core.router.handle(other, 'assessments.create', { caseId, criteria: [], finalLevel: 'none' })).toEqual({ ok: false, error: { code: 'api.notFound', params: { field: 'caseId' } } });
    expect(await core.router.handle(other, 'assessments.listForCase', { caseId })).toEqual({ ok: false, error: { code: 'api.notFound', params: { field: 'caseId' } } });
  });

  it('refuses an assessment until every domain is answered or screened, naming the missing domains', async () => {
    const { core, worker, caseId } = await officeWithCase();
    const nothing = await core.router.handle(worker, 'assessments.create', { caseId, criteria: [], finalLevel: 'none', overrideReason: 'Hiçbir bulgu yok, vaka kapatılabilir.' });
    expect(nothing).toMatchObject({ ok: false, error: { code: 'assessments.incomplete', params: { count: 18, ids: INSTRUMENT.domains.map((d) => d.id).join(', ') } } });
    const medium = firstOf('medium');
    const screened = rest([medium]);
    const oneMissing = await core.router.handle(worker, 'assessments.create', { caseId, criteria: [medium], screened: screened.slice(1), finalLevel: 'medium' });
    const missing = INSTRUMENT.domains.find((d) => d.id === screened[0])!;
    expect(oneMissing).toEqual({
      ok: false,
      error: { code: 'assessments.incomplete', params: { count: 1, ids: missing.id } },
    });
    expect(await core.router.handle(worker, 'assessments.create', { caseId, criteria: [medium], screened: [...screened, 'no-such-domain'], finalLevel: 'medium' })).toMatchObject({
      ok: false,
      error: { code: 'assessments.unknownDomains', params: { ids: 'no-such-domain' } },
    });
    // Nothing was recorded, no task created.
    expect(await core.call(worker, 'assessments.listForCase', { caseId })).toEqual([]);
    const record = (await core.call(worker, 'assessments.create', { caseId, criteria: [medium], screened: [...screened, INSTRUMENT.domains.find((d) => d.criteria.some((c) => c.id === medium))!.id], finalLevel: 'medium' })) as AssessmentRecord;
    // Stored in instrument order; the answered domain is not also "screened".
    expect(record.screened).toEqual(screened);
    expect(record.status).toBe('approved');
  });

  it('Risk Yok needs a written reason, and a supervisor when the case has a report of harm; until then nothing changes', async () => {
    const { core, admin, worker, caseId } = await officeWithCase(['domestic_violence']);
    const all = INSTRUMENT.domains.map((d) => d.id);
    expect(await core.router.handle(worker, 'assessments.create', { caseId, criteria: [], screened: all, finalLevel: 'none' })).toEqual({
      ok: false,
      error: { code: 'assessments.noRiskReasonRequired', params: { field: 'overrideReason', min: 10 } },
    });
    const medium = firstOf('medium');
    const first = (await core.call(worker, 'assessments.create', { caseId, criteria: [medium], screened: rest([medium]), finalLevel: 'medium' })) as AssessmentRecord;
    const none = (await core.call(worker, 'assessments.create', {
      caseId,
      criteria: [],
      screened: all,
      finalLevel: 'none',
      overrideReason: 'Aile destek aldı, şiddet sona erdi.',
      previousId: first.id,
    })) as AssessmentRecord;
    expect(none).toMatchObject({ computed: 'none', finalLevel: 'none', status: 'pending_approval', taskCount: 0, screened: all });
    type File = { tasks: Array<{ source: string; kind: string; doneAt: string | null }> };
    const before = (await core.call(worker, 'cases.get', { caseId })) as File;
    // The case keeps its Medium priority and tasks; no closure review yet.
    expect(before.tasks.filter((t) => t.source === 'risk' && !t.doneAt).length).toBe(first.taskCount);
    expect(before.tasks.some((t) => t.kind === 'closureReview')).toBe(false);

    await core.call(worker, 'auth.signOut');
    await core.call(admin, 'auth.signIn', { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' });
    const approved = (await core.call(admin, 'assessments.approve', { id: none.id })) as AssessmentRecord;
    expect(approved).toMatchObject({ status: 'approved', taskCount: 1 });
    const after = (await core.call(admin, 'cases.get', { caseId })) as File;
    expect(after.tasks.filter((t) => t.source === 'risk' && !t.doneAt).map((t) => t.kind)).toEqual(['closureReview']);
  });

  it('Risk Yok on a case without a report of harm needs only the reason', async () => {
    const { core, worker, caseId } = await officeWithCase(['divorced_parents']);
    const record = (await core.call(worker, 'assessments.create', {
      caseId,
      criteria: [],
      screened: INSTRUMENT.domains.map((d) => d.id),
      finalLevel: 'none',
      overrideReason: 'Her alana bakıldı, koruma kaygısı yok.',
    })) as AssessmentRecord;
    expect(record).toMatchObject({ status: 'approved', taskCount: 1, computed: 'none' });
  });

  it('stores a retired 1.0.0 id as the criterion that replaced it', async () => {
    const { core, worker, caseId } = await officeWithCase();
    const current = INSTRUMENT.retired!['unaccompanied-separated-children.urgent.2']!;
    const record = (await core.call(worker, 'assessments.create', {
      caseId,
      criteria: ['unaccompanied-separated-children.urgent.2'],
      screened: rest([current]),
      finalLevel: 'high',
    })) as AssessmentRecord;
    expect(record).toMatchObject({ criteria: [current], computed: 'high' });
  });
});
