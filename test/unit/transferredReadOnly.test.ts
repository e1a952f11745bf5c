/**
 * Issue 17: a case sent to another office is read-only here, everywhere — refused in ONE place,
 * the router (shared/api/contract.ts `writesCases`, cases/scopeRepo.ts `transferredField`), not
 * in each handler. One test walks EVERY method of the contract whose scope names ids, with the
 * ids of a transferred case (samples: test/fixtures/scopeSamples.ts): a method that writes is
 * refused with 'cases.transferred' and changes nothing; a method declared a read (access
 * 'case:read', or `readsCases`) runs and must indeed change no case data. A new write method
 * without the guard, or a "read" that writes, fails here.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contract, METHODS, writesCases, type Method, type MethodSpec } from '../../shared/api/contract';
import type { CaseFile } from '../../shared/api/schemas/cases';
import { transferredField } from '../../electron/core/cases/scopeRepo';
import type { Db } from '../../electron/core/db/open';
import { markTransferred } from '../../electron/core/transfer/caseTransfer';
import { childCase, intake } from '../fixtures/cases';
import { documentCase } from '../fixtures/documentCase';
import { SAMPLES, idsOfCase } from '../fixtures/scopeSamples';

const spec = (m: Method): MethodSpec => contract[m];

/** Tables a read may append to: the audit log (and its sync messages), the register of printed documents. */
const READ_MAY_WRITE = new Set(['audit_log', 'documents', 'sync_outbox', 'sync_messages', 'sync_log']);

/** A digest of every table's rows (each table on its own), to tell exactly what a call changed. */
function tableDigests(db: Db): Record<string, string> {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  const out: Record<string, string> = {};
  for (const table of tables) {
    const hash = createHash('sha256');
    for (const row of db.prepare(`SELECT * FROM "${table}"`).raw().iterate()) hash.update(JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
    out[table] = hash.digest('hex');
  }
  return out;
}

/** A digest of one case's own rows: its `cases` row and every row of a table with a case_id naming it. */
function caseDigest(db: Db, caseId: number): string {
  const hash = createHash('sha256');
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
  for (const table of tables) {
    const cols = (db.prepare(`PRAGMA table_info("${table}")`).all() as Array<{ name: string }>).map((c) => c.name);
    const where = table === 'cases' ? 'id' : cols.includes('case_id') ? 'case_id' : null;
    if (!where) continue;
    for (const row of db.prepare(`SELECT * FROM "${table}" WHERE "${where}" = ?`).raw().iterate(caseId)) hash.update(table + JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('base64') : typeof v === 'bigint' ? String(v) : v)));
  }
  return hash.digest('hex');
}

/**
 * Reads that open a NEW case from ids of the transferred one (a child who comes back: a new report
 * reusing the person or household). They write the new case's rows; the transferred case's stay.
 */
const OPENS_NEW_CASE = new Set<Method>(['cases.create']);

function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(after).filter((t) => before[t] !== after[t]);
}

describe('a transferred case is read-only everywhere', () => {
  it('every method whose scope names ids: a write on the transferred case is refused (cases.transferred) and changes nothing; a read runs and changes no case data', async () => {
    const d = await documentCase();
    const derya = await d.as('derya'); // a supervisor: may call every case method
    const ids = await idsOfCase(d, derya);

    const writes = METHODS.filter((m) => writesCases(spec(m)));
    // Before the transfer the guard lets every write through (so a refusal below is the transfer's doing).
    for (const m of writes) expect(transferredField(d.db(), spec(m).scope as never, SAMPLES[m]!(ids)), m).toBeNull();

    d.db().transaction(() => markTransferred(d.db(), d.caseId, 'transfer-test-1', { office: 'Kadıköy ÇKB', fingerprint: 'AB12-CD34' }, d.ids.derya!, d.clock.now.toISOString()))();

    let refused = 0;
    let read = 0;
    // A new case for the child puts the child on an open case (editable again): those go last.
    for (const m of [...METHODS.filter((x) => !OPENS_NEW_CASE.has(x)), ...OPENS_NEW_CASE]) {
      const s = spec(m);
      if (typeof s.scope !== 'object') continue;
      const sample = SAMPLES[m];
      expect(sample, `${m}: add a sample input to test/fixtures/scopeSamples.ts`).toBeDefined();
      const before = tableDigests(d.db());
      const sentBefore = caseDigest(d.db(), d.caseId);
      const reply = await d.core.router.handle(derya, m, sample!(ids));
      const changed = changedTables(before, tableDigests(d.db()));
      if (writesCases(s)) {
        expect(reply, `${m} on a transferred case`).toEqual({ ok: false, error: { code: 'cases.transferred' } });
        expect(changed, `${m} refused, yet wrote`).toEqual([]);
        refused += 1;
      } else {
        if (!reply.ok) expect(reply.error.code, m).not.toBe('cases.transferred');
        expect(caseDigest(d.db(), d.caseId), `${m} changed the transferred case's rows`).toBe(sentBefore);
        if (OPENS_NEW_CASE.has(m)) {
          expect(reply.ok, `${m}: a new case for a child who comes back`).toBe(true);
          read += 1;
          continue;
        }
        expect(
          changed.filter((t) => !READ_MAY_WRITE.has(t)),
          `${m} is declared a read (access case:read or readsCases) but changed these tables: give it a write access or drop readsCases`,
        ).toEqual([]);
        read += 1;
      }
    }
    expect(refused).toBeGreaterThan(45);
    expect(read).toBeGreaterThan(10);
  }, 120_000);

  it('people and households: editing a person only on the transferred case is refused; one also on an open case, linking into an open case and a new case reusing the household are not', async () => {
    const d = await documentCase();
    let derya = await d.as('derya');
    const household = (await d.ok<CaseFile>(derya, 'cases.get', { caseId: d.caseId })).household.id;
    const open = await d.ok<{ id: number }>(derya, 'cases.create', childCase('Can', 'Demir'));
    // The mother is also on the open case; the child only on the one that goes.
    await d.ok(derya, 'cases.linkPerson', { caseId: open.id, personId: d.person.mother, role: 'caregiver' });
    d.db().transaction(() => markTransferred(d.db(), d.caseId, 'transfer-test-2', { office: 'Kadıköy ÇKB', fingerprint: 'AB12-CD34' }, d.ids.derya!, d.clock.now.toISOString()))();
    derya = await d.as('derya');

    const version = (personId: number) => (d.db().prepare('SELECT version FROM people WHERE id = ?').get(personId) as { version: number }).version;
    expect(await d.core.router.handle(derya, 'cases.updatePerson', { personId: d.person.child, expectedVersion: version(d.person.child), patch: { school: 'Yeni okul' } })).toEqual({
      ok: false,
      error: { code: 'cases.transferred' },
    });
    await d.ok(derya, 'cases.updatePerson', { personId: d.person.mother, expectedVersion: version(d.person.mother), patch: { phone: '0533 000 00 00' } });
    // The child comes back: linked into the open case, or a new report reusing the household.
    await d.ok(derya, 'cases.linkPerson', { caseId: open.id, personId: d.person.child, role: 'child' });
    await d.ok(derya, 'cases.create', { household: { id: household }, members: [{ person: { firstName: 'Deniz', lastName: 'Öztürk', birthYear: 2020 }, role: 'child', confirmedNew: true }], intake: intake() });
    // The transferred case itself stays as it was sent.
    expect(await d.core.router.handle(derya, 'notes.add', { caseId: d.caseId, type: 'other', occurredAt: '2026-06-11T10:00', body: 'Not.', present: { people: [], users: [], others: null } })).toEqual({
      ok: false,
      error: { code: 'cases.transferred' },
    });
  }, 120_000);
});
