import { describe, expect, it } from 'vitest';
import type { AssessmentRecord } from '../../shared/api/schemas/assessments';
import { INSTRUMENT } from '../../shared/risk-tool/instrument';
import type { LevelId } from '../../shared/risk-tool/types';
import { newClientState } from '../../electron/core/session';
import { signedInCore } from '../fixtures/vaults';

const firstOf = (level: LevelId, kind: 'harm' | 'vulnerability' = 'harm') =>
  INSTRUMENT.domains.filter((d) => d.kind === kind).flatMap((d) => d.criteria).find((c) => c.level === level && !c.mayBeHigher)!.id;

async function officeWithCase() {
  const { core, admin } = await signedInCore({ now: () => new Date('2026-03-02T09:00:00') });
  await core.call(admin, 'users.create', { username: 'ayse', displayName: 'Ayşe Demir', roles: ['caseworker'], password: 'turuncu-bulut-yavas-gecer' });
  const ayse = ((await core.call(admin, 'users.list')) as Array<{ id: string; username: string }>).find((u) => u.username === 'ayse')!;
  const created = (await core.call(admin, 'cases.create', {
    household: { name: 'Öztürk ailesi', district: 'Beyoğlu', city: 'İstanbul' },
    members: [
      { person: { firstName: 'Elif', lastName: 'Öztürk', birthDate: '2014-05-10', sex: 'female' }, role: 'child', confirmedNew: true },
      { person: { firstName: 'Murat', lastName: 'Öztürk', birthYear: 1985, sex: 'male' }, role: 'caregiver', relationship: 'father', offending: true, confirmedNew: true },
    ],
    intake: { receivedAt: '2026-03-01T08:30:00', channel: 'school', concerns: ['domestic_violence'], summary: 'Okul rehber öğretmeni çocuğun kolunda morluklar gördü.' },
    responsibleUserId: ayse.id,
  })) as { id: number };
  await core.call(admin, 'auth.signOut');
  const worker = newClientState();
  await core.call(worker, 'auth.signIn', { username: 'ayse', password: 'turuncu-bulut-yavas-gecer' });
  return { core, admin, worker, caseId: created.id };
}

describe('risk assessments', () => {
  it('keeps every assessment with the instrument version, creates the deadline tasks and sets the case priority', async () => {
    const { core, worker, caseId } = await officeWithCase();
    const medium = firstOf('medium');
    const first = (await core.call(worker, 'assessments.create', { caseId, criteria: [medium], finalLevel: 'medium' })) as AssessmentRecord;
    expect(first).toMatchObject({ computed: 'medium', finalLevel: 'medium', status: 'approved', instrumentVersion: INSTRUMENT.version, childAge: 11 });
    expect(first.taskCount).toBeGreaterThanOrEqual(3);
    const file = (await core.call(worker, 'cases.get', { caseId })) as { header?: { priority: string }; priority?: string; tasks: Array<{ source: string; dueAt: string; done?: boolean; doneAt?: string | null }> };
    const openRisk = file.tasks.filter((t) => t.source === 'risk' && !t.doneAt);
    expect(openRisk.length).toBe(first.taskCount);
    // Medium: first contact within one week of the assessment.
    expect(openRisk.map((t) => t.dueAt)).toContain(new Date('2026-03-09T09:00:00.000').toISOString());

    const second = (await core.call(worker, 'assessments.create', { caseId, criteria: [medium, firstOf('low')], finalLevel: 'low', overrideReason: 'Aile destek almayı kabul etti, tehlike azaldı.', previousId: first.id })) as AssessmentRecord;
    expect(second).toMatchObject({ computed: 'medium', finalLevel: 'low', previousId: first.id });
    const history = (await core.call(worker, 'assessments.listForCase', { caseId })) as AssessmentRecord[];
    expect(history.map((a) => a.finalLevel)).toEqual(['medium', 'low']);
    const after = (await core.call(worker, 'cases.get', { caseId })) as { tasks: Array<{ source: string; sourceId?: string | null; doneAt: string | null }> };
    // Only the newest assessment's risk tasks are still open.
    expect(after.tasks.filter((t) => t.source === 'risk' && !t.doneAt).length).toBe(second.taskCount);
  });

  it('requires a written reason when the final level differs, and changes nothing without it', async () => {
    const { core, worker, caseId } = await officeWithCase();
    const reply = await core.router.handle(worker, 'assessments.create', { caseId, criteria: [firstOf('medium')], finalLevel: 'high', overrideReason: 'kısa' });
    expect(reply).toEqual({ ok: false, error: { code: 'assessments.reasonRequired', params: { field: 'overrideReason', min: 10 } } });
    expect(await core.call(worker, 'assessments.listForCase', { caseId })).toEqual([]);
    const unknown = await core.router.handle(worker, 'assessments.create', { caseId, criteria: ['no-such.criterion'], finalLevel: 'none' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'assessments.unknownCriteria', params: { ids: 'no-such.criterion' } } });
  });

  it('an Urgent decision by a caseworker starts its deadlines at once and waits for a supervisor who is not the assessor', async () => {
    const { core, admin, worker, caseId } = await officeWithCase();
    const urgent = firstOf('urgent');
    const record = (await core.call(worker, 'assessments.create', { caseId, criteria: [urgent], finalLevel: 'urgent', summary: 'Çocuk ciddi tehlike altında.' })) as AssessmentRecord;
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
  });

  it('a caseworker cannot assess a case that is not theirs', async () => {
    const { core, admin, worker, caseId } = await officeWithCase();
    await core.call(worker, 'auth.signOut');
    await core.call(admin, 'auth.signIn', { username: 'yonetici', password: 'mavi-kedi-sabah-çayı-içer' });
    await core.call(admin, 'users.create', { username: 'can', displayName: 'Can Yılmaz', roles: ['caseworker'], password: 'kirmizi-balon-uzaga-ucar' });
    await core.call(admin, 'auth.signOut');
    const other = newClientState();
    await core.call(other, 'auth.signIn', { username: 'can', password: 'kirmizi-balon-uzaga-ucar' });
    expect(await core.router.handle(other, 'assessments.create', { caseId, criteria: [], finalLevel: 'none' })).toEqual({ ok: false, error: { code: 'cases.notFound' } });
    expect(await core.router.handle(other, 'assessments.listForCase', { caseId })).toEqual({ ok: false, error: { code: 'cases.notFound' } });
  });
});
