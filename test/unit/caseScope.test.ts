/**
 * Case scope (issue 12): the router, not each handler, refuses ids of cases the
 * caller may not see. One test walks EVERY method of the contract: each must
 * declare its scope; each method whose scope names id fields is called by a
 * caseworker with ids of a case she does not work on (and with ids that do not
 * exist) and must answer 'api.notFound' (or 'auth.forbidden' when her role does
 * not allow the method at all). A new method without a declared scope, or with
 * id fields and no sample input here, fails. The IDOR found in review (linking
 * or editing a person, or reusing a household, of another case) is refused.
 */
import { describe, expect, it } from 'vitest';
import { contract, METHODS, type Method, type MethodSpec } from '../../shared/api/contract';
import { SCOPE_KINDS, idsAt, type ScopeKind } from '../../shared/api/scope';
import type { CaseFile, DuplicateCandidate } from '../../shared/api/schemas/cases';
import { can } from '../../shared/auth/permissions';
import { CodedError } from '../../shared/api/envelope';
import { handlers } from '../../electron/core/handlers';
import { createRouter, type Handlers } from '../../electron/core/router';
import { childCase, intake, office } from '../fixtures/cases';
import { documentCase } from '../fixtures/documentCase';

type Ids = Record<ScopeKind, number>;

/** A valid input for each method whose scope names id fields, with the ids taken from `id`. */
const SAMPLES: Partial<Record<Method, (id: Ids) => Record<string, unknown>>> = {
  'cases.create': (id) => ({ household: { id: id.household }, members: [{ personId: id.person, role: 'child' }], intake: intake() }),
  'cases.get': (id) => ({ caseId: id.case }),
  'people.findDuplicates': (id) => ({ firstName: 'Ali', excludePersonId: id.person }),
  'cases.addPerson': (id) => ({ caseId: id.case, member: { personId: id.person, role: 'other' } }),
  'cases.linkPerson': (id) => ({ caseId: id.case, personId: id.person, role: 'other' }),
  'cases.updateMember': (id) => ({ caseId: id.case, memberId: 1, livesInHousehold: true }),
  'cases.updatePerson': (id) => ({ personId: id.person, expectedVersion: 1, patch: { firstName: 'Ali' } }),
  'cases.addIntake': (id) => ({ caseId: id.case, intake: intake() }),
  'cases.transition': (id) => ({ caseId: id.case, to: 'case_plan' }),
  'cases.requestClosure': (id) => ({ caseId: id.case, reason: 'Tamamlandı.' }),
  'cases.approveClosure': (id) => ({ caseId: id.case, reason: 'Tamamlandı.' }),
  'cases.refuseClosure': (id) => ({ caseId: id.case, reason: 'Sürüyor.' }),
  'cases.reopen': (id) => ({ caseId: id.case, intake: intake() }),
  'cases.assign': (id) => ({ caseId: id.case, responsibleUserId: '00000000-0000-4000-8000-000000000000' }),
  'cases.resolveFlag': (id) => ({ caseId: id.case, flagId: 1 }),
  'notes.add': (id) => ({ caseId: id.case, type: 'other', occurredAt: '2026-06-11T10:00', body: 'Not.', present: { people: [id.person], users: [], others: null } }),
  'notes.edit': (id) => ({ noteId: id.note, expectedVersion: 1, type: 'other', occurredAt: '2026-06-11T10:00', body: 'Not.', present: { people: [id.person], users: [], others: null } }),
  'notes.versions': (id) => ({ noteId: id.note }),
  'services.add': (id) => ({ caseId: id.case, service: 'individual_counselling', personId: id.person, deliveredOn: '2026-06-10' }),
  'plan.addGoal': (id) => ({ caseId: id.case, title: 'Hedef' }),
  'plan.updateGoal': (id) => ({ goalId: id.goal, title: 'Hedef 2' }),
  'plan.addAction': (id) => ({ goalId: id.goal, title: 'Eylem' }),
  'plan.updateAction': (id) => ({ actionId: id.action, title: 'Eylem 2' }),
  'tasks.add': (id) => ({ caseId: id.case, title: 'Görev', dueAt: '2026-06-20T10:00' }),
  'tasks.complete': (id) => ({ taskId: id.task }),
  'tasks.undoComplete': (id) => ({ taskId: id.task }),
  'assessments.create': (id) => ({ caseId: id.case, childId: id.person, previousId: id.assessment, criteria: [], finalLevel: 'none' }),
  'assessments.get': (id) => ({ id: id.assessment }),
  'assessments.listForCase': (id) => ({ caseId: id.case }),
  'assessments.approve': (id) => ({ id: id.assessment }),
  'assessments.return': (id) => ({ id: id.assessment, note: 'Eksik.' }),
  'documents.assessmentSummary': (id) => ({ assessmentId: id.assessment, language: 'tr' }),
  'documents.courtReport': (id) => ({ caseId: id.case, hearingId: id.hearing, language: 'tr', opinion: 'Görüş.', recommendation: 'Öneri.', draft: { attachmentIds: [id.attachment] } }),
  'documents.referralLetter': (id) => ({ referralId: id.referral, language: 'tr', attachmentIds: [id.attachment] }),
  'documents.courtReportPrepare': (id) => ({ caseId: id.case, hearingId: id.hearing }),
  'documents.courtReportSaveDraft': (id) => ({ caseId: id.case, hearingId: id.hearing, content: { methodNoteIds: [id.note], opinion: 'Görüş.', attachmentIds: [id.attachment] } }),
  'referrals.create': (id) => ({ caseId: id.case, ...referralFields(id) }),
  'referrals.updateDraft': (id) => ({ id: id.referral, expectedVersion: 1, ...referralFields(id) }),
  'referrals.get': (id) => ({ id: id.referral }),
  'referrals.listForCase': (id) => ({ caseId: id.case }),
  'referrals.send': (id) => ({ id: id.referral }),
  'referrals.acknowledge': (id) => ({ id: id.referral }),
  'referrals.serviceStarted': (id) => ({ id: id.referral }),
  'referrals.close': (id) => ({ id: id.referral, outcome: 'Tamamlandı.' }),
  'referrals.decline': (id) => ({ id: id.referral, reason: 'Kapasite yok.' }),
  'referrals.recordReply': (id) => ({ id: id.referral, receivedOn: '2026-06-11' }),
  'court.forCase': (id) => ({ caseId: id.case }),
  'hearings.add': (id) => ({ caseId: id.case, courtName: 'İstanbul 3. Çocuk Mahkemesi', hearingAt: '2026-07-10T10:00' }),
  'hearings.update': (id) => ({ id: id.hearing, expectedVersion: 1, judge: 'Hâkim' }),
  'orders.add': (id) => ({ caseId: id.case, hearingId: id.hearing, personId: id.person, kind: 'medical_examination', orderedOn: '2026-06-10', responsibleUserId: '00000000-0000-4000-8000-000000000000' }),
  'orders.update': (id) => ({ id: id.order, expectedVersion: 1, dueOn: '2026-09-01' }),
  'orders.updateCompliance': (id) => ({ id: id.order, status: 'in_progress' }),
  'attachments.list': (id) => ({ caseId: id.case }),
  'attachments.add': (id) => ({ caseId: id.case, fileName: 'rapor.pdf', base64: PDF_BASE64, personId: id.person, noteId: id.note, referralId: id.referral, hearingId: id.hearing, orderId: id.order }),
  'attachments.content': (id) => ({ attachmentId: id.attachment, purpose: 'preview' }),
  'attachments.delete': (id) => ({ attachmentId: id.attachment, reason: 'Yanlış vakaya eklenmiş.' }),
  'calendar.planVisit': (id) => ({ caseId: id.case, kind: 'home_visit', startsAt: '2026-06-20T10:00' }),
  'calendar.cancelVisit': (id) => ({ caseId: id.case, visitId: 1 }),
  'cowork.request': (id) => ({ caseId: id.case, colleagueId: '00000000-0000-4000-8000-000000000000' }),
  'cowork.decide': (id) => ({ caseId: id.case, requestId: 1, approve: true }),
};

/** A tiny file that passes the type check (a PDF by its bytes). */
const PDF_BASE64 = Buffer.from('%PDF-1.4\n%%EOF\n').toString('base64');

function referralFields(id: Ids) {
  return {
    personId: id.person,
    institutionId: 1,
    reason: 'Destek.',
    consent: { givenByPersonId: id.person, method: 'written', on: '2026-06-09' },
    sharedSections: ['notes'],
    sharedNoteIds: [id.note],
  };
}

const spec = (m: Method): MethodSpec => contract[m];
const idFields = (m: Method) => {
  const scope = spec(m).scope;
  return typeof scope === 'object' ? scope : null;
};

describe('case scope: every method declares it, the router enforces it', () => {
  it('every method of the contract declares a scope; every id field it names has a kind; public methods touch no case', () => {
    for (const m of METHODS) {
      const scope = spec(m).scope;
      expect(scope, `${m} declares no scope (shared/api/scope.ts, DEVELOPING.md)`).toBeDefined();
      if (spec(m).access === 'public') expect(scope, `${m} is public`).toBe('none');
      if (typeof scope === 'object') {
        expect(Object.keys(scope).length, m).toBeGreaterThan(0);
        for (const kind of Object.values(scope)) expect(SCOPE_KINDS).toContain(kind);
        expect(SAMPLES[m], `${m} names id fields: add a sample input to this test`).toBeDefined();
      }
    }
  });

  it('every method with id fields refuses the ids of a case the caller cannot see exactly as ids that do not exist, and lets through the caller who may see it', async () => {
    const d = await documentCase();
    const ayse = await d.as('ayse');
    const goal = await d.ok<{ id: number }>(ayse, 'plan.addGoal', { caseId: d.caseId, title: 'Güvenli ev' });
    const action = await d.ok<{ id: number }>(ayse, 'plan.addAction', { goalId: goal.id, title: 'Ev ziyareti' });
    const task = await d.ok<{ id: number }>(ayse, 'tasks.add', { caseId: d.caseId, title: 'Okulu ara', dueAt: '2026-06-20T10:00' });
    const household = (await d.ok<CaseFile>(ayse, 'cases.get', { caseId: d.caseId })).household.id;
    const docSeq = (d.db().prepare('SELECT max(seq) AS seq FROM documents').get() as { seq: number | null }).seq ?? 1;
    const attachment = await d.ok<{ id: number }>(ayse, 'attachments.add', { caseId: d.caseId, fileName: 'onam.pdf', base64: PDF_BASE64 });
    const hidden: Ids = {
      case: d.caseId,
      person: d.person.child,
      household,
      assessment: d.assessments[1]!.id,
      referral: d.referrals.minimal.id,
      hearing: d.hearing!.id,
      order: d.orders[0]!.id,
      note: d.notes[0]!.id,
      goal: goal.id,
      action: action.id,
      task: task.id,
      document: docSeq,
      attachment: attachment.id,
    };
    const missing = Object.fromEntries(SCOPE_KINDS.map((k) => [k, 987_654])) as Ids;

    const mehmet = await d.as('mehmet');
    // Signing in may itself write rows (sign-in, a forced password change): count only what the walk writes.
    const mehmetRows = () => d.db().prepare('SELECT count(*) AS n FROM audit_log WHERE actor_id = ?').get(d.ids.mehmet);
    const rowsBefore = mehmetRows();
    const roles = mehmet.session!.roles;
    let walked = 0;
    for (const m of METHODS) {
      const fields = idFields(m);
      if (!fields) continue;
      const sample = SAMPLES[m]!;
      // The sample really carries an id in every declared field.
      for (const path of Object.keys(fields)) expect(idsAt(sample(hidden), path).length, `${m}: ${path}`).toBeGreaterThan(0);
      const access = spec(m).access;
      const expected = access === 'public' || access === 'session' || can(roles, access) ? 'api.notFound' : 'auth.forbidden';
      const other = await d.core.router.handle(mehmet, m, sample(hidden));
      expect(other, `${m} with ids of another case`).toMatchObject({ ok: false, error: { code: expected } });
      // Existence does not leak: the same answer (code and field) as for ids that do not exist.
      expect(await d.core.router.handle(mehmet, m, sample(missing)), `${m} with missing ids`).toEqual(other);
      if (!other.ok && expected === 'api.notFound') expect(Object.keys(fields).map((p) => p.replace(/\[\]/g, '.0'))).toContain(other.error.params?.field);
      walked += 1;
    }
    expect(walked).toBeGreaterThan(40);
    // Nothing was written for him, and no view was audited.
    expect(mehmetRows()).toEqual(rowsBefore);

    // The samples are right: for the caseworker who holds the case, no method answers 'api.notFound' or 'api.invalidInput'.
    const back = await d.as('ayse');
    for (const m of METHODS) {
      const fields = idFields(m);
      if (!fields || !can(back.session!.roles, spec(m).access as never)) continue;
      const reply = await d.core.router.handle(back, m, SAMPLES[m]!(hidden));
      if (!reply.ok) expect(['api.notFound', 'api.invalidInput', 'internal'], `${m} → ${reply.error.code}`).not.toContain(reply.error.code);
    }
  }, 120_000);
});

describe('case scope: the person and household IDOR', () => {
  it("a caseworker cannot link, edit or reuse a person or household of a case she does not work on; duplicates show them masked; a supervisor can link", async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const hers = await o.ok<{ id: number }>(ayse, 'cases.create', childCase('Elif', 'Kaya', {}, { birthDate: '2015-04-03', idType: 'tc', idNumber: '10000000146' }));
    const file = await o.ok<CaseFile>(ayse, 'cases.get', { caseId: hers.id });
    const child = file.members[0]!.person;

    const mehmet = await o.as('mehmet');
    const his = await o.ok<{ id: number }>(mehmet, 'cases.create', childCase('Can', 'Demir'));
    await o.fails(mehmet, 'cases.linkPerson', { caseId: his.id, personId: child.id, role: 'other' }, 'api.notFound');
    await o.fails(mehmet, 'cases.addPerson', { caseId: his.id, member: { personId: child.id, role: 'child' } }, 'api.notFound');
    await o.fails(mehmet, 'cases.updatePerson', { personId: child.id, expectedVersion: 1, patch: { address: 'x' } }, 'api.notFound');
    await o.fails(mehmet, 'cases.create', { household: { id: file.household.id }, members: [{ person: { firstName: 'Deniz', lastName: 'Kaya', birthYear: 2017 }, role: 'child', confirmedNew: true }], intake: intake() }, 'api.notFound');
    await o.fails(mehmet, 'services.add', { caseId: his.id, service: 'individual_counselling', personId: child.id, deliveredOn: '2026-06-10' }, 'api.notFound');
    expect(o.db().prepare('SELECT count(*) AS n FROM case_members WHERE person_id = ?').get(child.id)).toEqual({ n: 1 });

    // The duplicate check still warns him, with the id number masked and the case marked as not his.
    const dup = await o.ok<{ candidates: DuplicateCandidate[] }>(mehmet, 'people.findDuplicates', { firstName: 'Elif', lastName: 'Kaya', birthDate: '2015-04-03' });
    expect(dup.candidates).toHaveLength(1);
    expect(dup.candidates[0]).toMatchObject({ personId: child.id, idNumberMasked: expect.stringMatching(/0146$/), cases: [expect.objectContaining({ id: hers.id, visible: false })] });
    expect(JSON.stringify(dup)).not.toContain('10000000146');

    // A supervisor links her into his case; from then on he sees her.
    const derya = await o.as('derya');
    await o.ok(derya, 'cases.linkPerson', { caseId: his.id, personId: child.id, role: 'child' });
    const mehmet2 = await o.as('mehmet');
    await o.ok(mehmet2, 'cases.updatePerson', { personId: child.id, expectedVersion: 1, patch: { school: 'Atatürk İlkokulu' } });
  });
});

describe('audit written by the router', () => {
  it("a method whose spec declares an audit action gets exactly one row of it, in the handler's transaction: a handler that fails after writing leaves neither the change nor the row", async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<{ id: number }>(ayse, 'cases.create', childCase('Elif', 'Kaya'));
    const rows = () => o.db().prepare("SELECT action, target_type AS targetType, target_id AS targetId, actor_id AS actorId FROM audit_log WHERE action LIKE 'plan.%'").all();
    expect(contract['plan.addGoal'].audit).toBe('plan.goalAdded');
    const goal = await o.ok<{ id: number }>(ayse, 'plan.addGoal', { caseId: c.id, title: 'Güvenli ev' });
    expect(rows()).toEqual([{ action: 'plan.goalAdded', targetType: 'case', targetId: String(c.id), actorId: o.ids.ayse }]);

    // The same handler, failing after its insert: the router's transaction takes both back.
    const failing: Handlers = {
      ...handlers,
      'plan.addGoal': (ctx, input) => {
        handlers['plan.addGoal'](ctx, input);
        throw new CodedError('plan.testFailure');
      },
    };
    const router = createRouter(o.core.services, failing);
    expect(await router.handle(ayse, 'plan.addGoal', { caseId: c.id, title: 'Yarım kalan' })).toEqual({ ok: false, error: { code: 'plan.testFailure' } });
    expect(o.db().prepare('SELECT id FROM plan_goals').all()).toEqual([{ id: goal.id }]);
    expect(rows()).toHaveLength(1);
  });
});
