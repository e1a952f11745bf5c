/**
 * Demo attachments (issue 17): a few open demo cases get small generated files, stored like any
 * attachment (chunks in the vault, SHA-256), of the type their bytes say, linked only to records
 * of their own case, dated between the intake and "now"; the example case gets a court letter on
 * its hearing and a consent form on its referral. The same seed gives the same files at any "now".
 */
import { describe, expect, it } from 'vitest';
import { readBytes } from '../../electron/core/attachments/attachmentsRepo';
import { sniffAttachment } from '../../electron/core/attachments/sniff';
import type { Db } from '../../electron/core/db/open';
import { generateDemo } from '../../electron/core/demo/generate';
import { demoShowcase } from '../../electron/core/demo/records';
import { ensureDemoStaff } from '../../electron/core/demo/staff';
import { ADMIN, createdVault } from '../fixtures/vaults';

const NOW = new Date('2026-06-15T09:00:00Z');
const DAY = 86_400_000;

async function demoVault(cases: number, seed: number, now = NOW) {
  const { vault } = await createdVault();
  await vault.unlock(ADMIN.username, ADMIN.password);
  const staff = await ensureDemoStaff(vault, cases, null);
  const result = generateDemo(vault.database, { cases, seed, now, staff, chunk: 100 });
  return { vault, db: vault.database, result };
}

interface Row {
  id: number;
  case_id: number;
  link_kind: string | null;
  link_id: number | null;
  file_name: string;
  kind: string;
  size: number;
  sha256: string;
  added_at: string;
  added_by: string;
  state: string;
}

const LINK_CASE: Record<string, string> = {
  hearing: 'SELECT case_id FROM court_hearings WHERE id = ?',
  referral: 'SELECT case_id FROM referrals WHERE id = ?',
};

const rowsOf = (db: Db) => db.prepare('SELECT * FROM attachments ORDER BY id').all() as Row[];

describe('demo attachments', () => {
  it('are valid files in the vault on a few open cases, linked within their case, dated between intake and now', async () => {
    const { vault, db, result } = await demoVault(120, 3);
    const rows = rowsOf(db);
    expect(result.attachments).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(4);
    const cases = new Set(rows.map((r) => r.case_id));
    expect(cases.size).toBeGreaterThanOrEqual(3);
    expect(cases.size).toBeLessThanOrEqual(7);
    for (const r of rows) {
      const kase = db.prepare('SELECT status, last_intake_at, responsible_user_id FROM cases WHERE id = ?').get(r.case_id) as { status: string; last_intake_at: string; responsible_user_id: string };
      expect(kase.status).not.toBe('closed');
      expect(r.state).toBe('ready');
      expect(r.added_by).toBe(kase.responsible_user_id);
      expect(r.added_at >= kase.last_intake_at && r.added_at <= NOW.toISOString(), `${r.added_at} in [${kase.last_intake_at}, now]`).toBe(true);
      const bytes = readBytes(db, r.id); // checks the SHA-256
      expect(bytes.length).toBe(r.size);
      expect(sniffAttachment(r.file_name, bytes)?.kind).toBe(r.kind);
      if (r.link_kind) expect((db.prepare(LINK_CASE[r.link_kind]!).get(r.link_id) as { case_id: number }).case_id).toBe(r.case_id);
    }
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['pdf', 'png']));

    const show = demoShowcase(db)!;
    const shown = rows.filter((r) => r.case_id === show.caseId);
    expect(shown.map((r) => [r.file_name, r.link_kind, r.link_id])).toEqual([
      ['mahkeme-yazisi.pdf', 'hearing', show.hearingId],
      ['onam-formu.pdf', 'referral', show.referralId],
      ['ev-krokisi.png', null, null],
    ]);
    vault.lock('shutdown');
  }, 120_000);

  it('are the same for a seed at another "now", and leave the records before them as they were', async () => {
    const files = (db: Db) => rowsOf(db).map((r) => ({ id: r.id, caseId: r.case_id, name: r.file_name, link: [r.link_kind, r.link_id], sha256: r.sha256 }));
    const a = await demoVault(120, 3, NOW);
    const b = await demoVault(120, 3, new Date(NOW.getTime() + 400 * DAY + 13.5 * 3_600_000));
    expect(files(a.db)).toEqual(files(b.db));
    // Nothing else moved: the example case and the last ids of every record kind.
    const last = (db: Db) => db.prepare('SELECT (SELECT max(id) FROM cases) c, (SELECT max(id) FROM assessments) a, (SELECT max(id) FROM referrals) r, (SELECT max(id) FROM court_hearings) h, (SELECT max(id) FROM notes) n').get();
    expect(last(a.db)).toEqual(last(b.db));
    expect({ ...demoShowcase(a.db), caseNumber: undefined }).toEqual({ ...demoShowcase(b.db), caseNumber: undefined });
    a.vault.lock('shutdown');
    b.vault.lock('shutdown');
  }, 120_000);
});
