/**
 * Case scope (issue 12): the router, not each handler, refuses ids of cases the
 * caller may not see. One test walks EVERY method of the contract: each must
 * declare its scope; each method whose scope names id fields is called by a
 * caseworker with ids of a case she does not work on (and with ids that do not
 * exist) and must answer 'api.notFound' (or 'auth.forbidden' when her role does
 * not allow the method at all). A new method without a declared scope, or with
 * id fields and no sample input (test/fixtures/scopeSamples.ts), fails. The IDOR found in review (linking
 * or editing a person, or reusing a household, of another case) is refused.
 */
import { describe, expect, it } from 'vitest';
import { contract, METHODS, type Method, type MethodSpec } from '../../shared/api/contract';
import { SCOPE_KINDS, idsAt } from '../../shared/api/scope';
import type { CaseFile, DuplicateCandidate } from '../../shared/api/schemas/cases';
import { can } from '../../shared/auth/permissions';
import { CodedError } from '../../shared/api/envelope';
import { handlers } from '../../electron/core/handlers';
import { createRouter, type Handlers } from '../../electron/core/router';
import { childCase, intake, office } from '../fixtures/cases';
import { documentCase } from '../fixtures/documentCase';
import { SAMPLES, idsOfCase, type Ids } from '../fixtures/scopeSamples';

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
    const hidden = await idsOfCase(d, ayse);
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
