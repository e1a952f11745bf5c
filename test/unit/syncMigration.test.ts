import Database from 'better-sqlite3-multiple-ciphers';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../electron/core/audit/auditLog';
import { migrate } from '../../electron/core/db/migrate';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { UUIDV7_RE } from '../../electron/core/sync/uid';

describe('migration 14 (sync)', () => {
  it('gives existing people a UUIDv7 from their creation time, leaves old audit rows untouched, and new rows get a uid', () => {
    const db = new Database(':memory:');
    migrate(db, { migrations: MIGRATIONS.filter((m) => m.version <= 6) });
    db.prepare(
      `INSERT INTO people (first_name, last_name, first_name_folded, last_name_folded, sort_key, created_at, updated_at)
       VALUES ('Ayşe', 'Kaya', 'ayse', 'kaya', 'kaya ayse', '2024-05-01T10:00:00.000Z', '2024-05-01T10:00:00.000Z')`,
    ).run();
    // A row as the version-6 appendAudit wrote it (same hashing).
    const at = '2024-05-01T10:00:00.000Z';
    const hash = createHash('sha256').update('0'.repeat(64) + JSON.stringify([1, at, null, null, 'vault.created', null, null, '{}'])).digest('hex');
    db.prepare(`INSERT INTO audit_log (seq, at, action, details, prev_hash, hash) VALUES (1, ?, 'vault.created', '{}', ?, ?)`).run(at, '0'.repeat(64), hash);
    expect(migrate(db).applied).toContain(14);
    const uid = db.prepare('SELECT uid FROM people').pluck().get() as string;
    expect(uid).toMatch(UUIDV7_RE);
    expect(parseInt(uid.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.parse('2024-05-01T10:00:00.000Z'));
    expect(db.prepare('SELECT uid FROM audit_log WHERE seq = 1').pluck().get()).toBeNull();
    const row = appendAudit(db, { action: 'user.created' });
    expect(db.prepare('SELECT uid FROM audit_log WHERE seq = ?').pluck().get(row.seq)).toMatch(UUIDV7_RE);
    expect(verifyAuditChain(db).ok).toBe(true);
    // Without sync set up, nothing else is recorded.
    expect(db.prepare('SELECT COUNT(*) FROM sync_messages').pluck().get()).toBe(0);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
  });
});
