/**
 * The cost of per-user audit signatures (issue 13): BENCH_AUDIT_ROWS (default 10 000) audit rows
 * appended one per transaction into an encrypted vault database, without a signer (as before) and
 * with the session user's Ed25519 key (each row signed); then `verifyAuditSignatures` over them.
 * Prints rows/s for each; never part of `npm test`.
 *
 *   npm run bench -- audit
 */
import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes, sign } from 'node:crypto';
import { join } from 'node:path';
import { appendAudit } from '../../electron/core/audit/auditLog';
import { confirmAuditSigning, newAuditKey, registerAuditKey, setAuditSigner, verifyAuditSignatures } from '../../electron/core/audit/auditSigning';
import { migrate } from '../../electron/core/db/migrate';
import { applyKey, type Db } from '../../electron/core/db/open';
import { newAuthority } from '../../electron/core/vault/authority';
import { insertUser } from '../../electron/core/users/usersRepo';
import { tempDir } from '../fixtures/vaults';

function openDb(path: string): Db {
  const db = new Database(path);
  applyKey(db, randomBytes(32));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  return db;
}

function writeRows(db: Db, rows: number, actor: { id: string; username: string }): number {
  const started = performance.now();
  for (let i = 0; i < rows; i++) {
    db.transaction(() => appendAudit(db, { action: 'case.viewed', actorId: actor.id, actorName: actor.username, targetType: 'case', targetId: String(i) }))();
  }
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_AUDIT_ROWS ?? 10_000);
  const vaultId = '00000000-0000-4000-8000-000000000001';
  const rate = (ms: number) => `${Math.round((rows / ms) * 1000)} rows/s (${((ms * 1000) / rows).toFixed(0)} µs/row)`;

  const plain = openDb(join(tempDir('kalkan-bench-audit-'), 'a.db'));
  migrate(plain);
  const user = insertUser(plain, { username: 'ayse', displayName: 'Ayşe', roles: ['caseworker'] });
  const unsigned = writeRows(plain, rows, user);
  plain.close();

  const db = openDb(join(tempDir('kalkan-bench-audit-'), 'b.db'));
  migrate(db);
  const signedUser = insertUser(db, { username: 'ayse', displayName: 'Ayşe', roles: ['caseworker'] });
  const authority = newAuthority();
  const key = newAuditKey();
  db.transaction(() => {
    registerAuditKey(db, vaultId, signedUser.username, key, authority);
    confirmAuditSigning(db, vaultId, authority);
  })();
  setAuditSigner(db, { ...key, userId: signedUser.id });
  const signed = writeRows(db, rows, signedUser);
  setAuditSigner(db, null);
  const started = performance.now();
  const report = verifyAuditSignatures(db, vaultId, authority.publicKey);
  const verifyMs = performance.now() - started;
  db.close();
  if (!report.ok || report.signedRows !== rows) throw new Error('audit bench: the signed rows did not verify');

  // The signature alone (what each row adds, without the disk).
  const text = Buffer.from(JSON.stringify(['kalkan-audit-row/v1', 1, 'f'.repeat(64), signedUser.id]));
  const signStarted = performance.now();
  for (let i = 0; i < rows; i++) sign(null, text, key.privateKey);
  const signOnly = performance.now() - signStarted;

  console.log(`audit: ${rows} rows, one transaction each, encrypted vault`);
  console.log(`audit: Ed25519 sign alone       ${rate(signOnly)}`);
  console.log(`audit: append unsigned (before) ${rate(unsigned)}`);
  console.log(`audit: append signed (after)    ${rate(signed)}  → ${((signed / unsigned - 1) * 100).toFixed(0)}% slower`);
  console.log(`audit: verify signatures        ${rate(verifyMs)}`);
}
