/**
 * Issue 12: the "case must be open" check exists once (casesRepo.requireOpenCase). The writes
 * that used to check a closed case by hand — planning a visit, asking a colleague to co-work,
 * adding an attachment, asking for a transfer — are refused on a closed case with their codes,
 * and nothing is written; no other file in core compares a case's status to 'closed' and throws.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newCase, office } from '../fixtures/cases';

const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the one "case must be open" check', () => {
  it('refuses a visit, a co-working request, an attachment and a transfer request on a closed case, writing nothing', async () => {
    const o = await office();
    const ayse = await o.as('ayse');
    const c = await o.ok<{ id: number }>(ayse, 'cases.create', newCase());
    await o.ok(ayse, 'cases.requestClosure', { caseId: c.id, reason: 'Risk kalmadı.' });
    const derya = await o.as('derya');
    await o.ok(derya, 'cases.approveClosure', { caseId: c.id, reason: 'İzlem tamam.' });
    const rows = () => ['planned_visits', 'cowork_requests', 'attachments', 'transfer_requests', 'audit_log'].map((table) => o.count(table));
    const before = rows();

    await o.fails(derya, 'calendar.planVisit', { caseId: c.id, kind: 'home_visit', startsAt: '2026-06-20T10:00', visitorUserId: o.ids.ayse }, 'cases.closed');
    await o.fails(derya, 'cowork.request', { caseId: c.id, colleagueId: o.ids.mehmet }, 'cases.closed');
    await o.fails(derya, 'attachments.add', { caseId: c.id, fileName: 'foto.png', base64: PNG.toString('base64') }, 'cases.closed');
    await o.fails(derya, 'transfers.request', { caseId: c.id, sections: ['notes'], attachmentIds: [], keyFile: '/nonexistent/office.pub' }, 'transfer.caseClosed');
    // A missing case is still "not found" (the router's scope check answers first).
    await o.fails(derya, 'cowork.request', { caseId: 999_999, colleagueId: o.ids.mehmet }, 'api.notFound');
    expect(rows()).toEqual(before);
  });

  it('no file in core checks a closed case by hand: only casesRepo.requireOpenCase throws for it', () => {
    const root = join(__dirname, '../../electron/core');
    const handRolled = sources(root)
      .filter((path) => /status\s*===\s*'closed'\)?\s*throw/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(root, path));
    expect(handRolled).toEqual(['cases/casesRepo.ts']);
  });
});
