/**
 * Per-user audit signatures (issue 13). Every signed-in user holds the database key, so she can
 * write any row in the audit log and recompute the SHA-256 chain. What she cannot do is sign in
 * another user's name:
 *
 *   - each user has an Ed25519 audit key pair; its private half is sealed under her own password
 *     in her keyring entry (keyring.ts `signer`), so it is in memory only during her session;
 *   - its public half is in `audit_keys`, bound to her folded user name and certified by the office
 *     authority (only administrators hold it), so a key made up for someone else does not count;
 *   - appendAudit signs (seq, hash, actor id) of every row whose actor is the session's user and
 *     stores `keyId:signature` in `audit_log.actor_mac`; verify checks every row from
 *     `audit_signed_from` on.
 *
 * System rows are not signed: rows without an actor (tamper findings, an idle lock) claim nobody,
 * and rows that record a refused or failed sign-in (`RECORDED_ABOUT_ACTIONS`) name the user they
 * are about, not one who acted, and are written before anyone is signed in. Both are covered by
 * the chain and the anchors only. Rows before `audit_signed_from` (written before migration 24)
 * are legacy: counted, not failed.
 *
 * Keys are certified by an administrator's session: at once when an administrator sets a
 * password (new user, reset), else (a user of an older vault gets her key at her next sign-in)
 * at the next administrator sign-in, for a user with exactly one uncertified key and no
 * certified one. Rotation re-certifies every key with the new authority.
 */
import { createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import type { AuditAction } from '../../../shared/api/auditActions';
import { fold } from '../../../shared/text/turkish';
import type { Db } from '../db/open';
import { publicKeyFrom, publicKeyText, type Authority } from '../vault/authority';

/** A user's audit key while her session is open (never written anywhere but sealed in her entry). */
export interface AuditKey {
  keyId: string;
  privateKey: KeyObject;
}

/** The signer registered for an open database: the session user and her key. */
export interface AuditSigner extends AuditKey {
  userId: string;
}

/** Rows about a user rather than by her (a refused or failed sign-in): system rows, not signed. */
export const RECORDED_ABOUT_ACTIONS: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'auth.signInFailed',
  'security.adminKeyMissing',
  'security.keyMismatch',
  'security.forgedEntry',
  'security.grantInvalid',
]);

export const SIGNED_FROM_META = 'audit_signed_from';
export const SIGNED_FROM_SIG_META = 'audit_signed_from_sig';

export function newAuditKey(): AuditKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { keyId: randomUUID(), privateKey };
}

const signers = new WeakMap<Db, AuditSigner>();

export function setAuditSigner(db: Db, signer: AuditSigner | null): void {
  if (signer) signers.set(db, signer);
  else signers.delete(db);
}

export function auditSignerFor(db: Db): AuditSigner | null {
  return signers.get(db) ?? null;
}

const rowText = (seq: number, hash: string, actorId: string): Buffer => Buffer.from(JSON.stringify(['kalkan-audit-row/v1', seq, hash, actorId]), 'utf8');

/** `keyId:signature` for a row, or null when this session does not sign it (no actor, another user's row). */
export function rowSignature(db: Db, row: { seq: number; hash: string; actorId: string | null }): string | null {
  const signer = signers.get(db);
  if (!signer || row.actorId === null || row.actorId !== signer.userId) return null;
  return `${signer.keyId}:${sign(null, rowText(row.seq, row.hash, row.actorId), signer.privateKey).toString('base64')}`;
}

// --- certification ----------------------------------------------------------------------------

const certText = (vaultId: string, keyId: string, username: string, publicKey: string): Buffer =>
  Buffer.from(JSON.stringify(['kalkan-audit-key/v1', vaultId, keyId, fold(username), publicKey]), 'utf8');
const boundaryText = (vaultId: string, seq: number): Buffer => Buffer.from(JSON.stringify(['kalkan-audit-signed-from/v1', vaultId, seq]), 'utf8');

function verifies(publicKey: KeyObject, text: Buffer, signature: string | null | undefined): boolean {
  if (!signature) return false;
  try {
    return verify(null, text, publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

interface KeyRow {
  id: string;
  username: string;
  publicKey: string;
  cert: string | null;
}

const allKeys = (db: Db): KeyRow[] => db.prepare('SELECT id, username, public_key AS publicKey, cert FROM audit_keys ORDER BY created_at, id').all() as KeyRow[];

/**
 * Registers a user's key (public half) in the open database, certified when an authority is at
 * hand. Nothing is done when the key is already registered. Call inside a transaction.
 */
export function registerAuditKey(db: Db, vaultId: string, username: string, key: AuditKey, authority: Authority | null, now = new Date()): void {
  if (db.prepare('SELECT 1 FROM audit_keys WHERE id = ?').get(key.keyId)) return;
  const publicKey = publicKeyText(createPublicKey(key.privateKey));
  const cert = authority ? sign(null, certText(vaultId, key.keyId, username, publicKey), authority.privateKey).toString('base64') : null;
  db.prepare('INSERT INTO audit_keys (id, username, public_key, created_at, cert) VALUES (?, ?, ?, ?, ?)').run(key.keyId, fold(username), publicKey, now.toISOString(), cert);
}

/** True when this key is registered in the database (false for a database from before migration 24). */
export function auditKeyRegistered(db: Db, keyId: string): boolean {
  try {
    return db.prepare('SELECT 1 FROM audit_keys WHERE id = ?').get(keyId) !== undefined;
  } catch {
    return false;
  }
}

function readBoundary(db: Db): { seq: number; sig: string | null } {
  const get = (key: string): string | null => (db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
  const seq = Number(get(SIGNED_FROM_META) ?? '1');
  return { seq: Number.isInteger(seq) && seq >= 1 ? seq : 1, sig: get(SIGNED_FROM_SIG_META) };
}

function setMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}

/**
 * An administrator's session (holding the authority): certifies keys users registered for
 * themselves (one uncertified key and no certified one; anything else stays uncertified and its
 * rows fail verify), and signs the legacy boundary once. The boundary signed is never later than
 * the first signed row (raising it before the first administrator sign-in would hide rows that
 * were signed, so it cannot hide more than unsigned rows written before any signing began).
 * Returns how many keys were certified. Call inside a transaction.
 */
export function confirmAuditSigning(db: Db, vaultId: string, authority: Authority): number {
  const keys = allKeys(db);
  const byUser = new Map<string, KeyRow[]>();
  for (const k of keys) byUser.set(k.username, [...(byUser.get(k.username) ?? []), k]);
  let certified = 0;
  for (const [username, own] of byUser) {
    const valid = own.filter((k) => verifies(authority.publicKey, certText(vaultId, k.id, username, k.publicKey), k.cert));
    const pending = own.filter((k) => k.cert === null);
    if (valid.length > 0 || pending.length !== 1) continue;
    const k = pending[0]!;
    db.prepare('UPDATE audit_keys SET cert = ? WHERE id = ?').run(sign(null, certText(vaultId, k.id, username, k.publicKey), authority.privateKey).toString('base64'), k.id);
    certified += 1;
  }
  const boundary = readBoundary(db);
  if (boundary.sig === null) {
    const firstSigned = (db.prepare('SELECT MIN(seq) AS seq FROM audit_log WHERE actor_mac IS NOT NULL').get() as { seq: number | null }).seq;
    const seq = firstSigned !== null ? Math.min(boundary.seq, firstSigned) : boundary.seq;
    setMeta(db, SIGNED_FROM_META, String(seq));
    setMeta(db, SIGNED_FROM_SIG_META, sign(null, boundaryText(vaultId, seq), authority.privateKey).toString('base64'));
  }
  return certified;
}

/**
 * Rotation: every key certified by the old authority, and the legacy boundary, signed again by
 * the new one. What the old key signed stops counting. `from` null (recovery with the keyring and
 * its authority lost): the recovery key's holder vouches for every key and the boundary as they
 * are. Call inside a transaction.
 */
export function recertifyAuditKeys(db: Db, vaultId: string, from: Authority | null, to: Authority): void {
  for (const k of allKeys(db)) {
    const ok = from === null || verifies(from.publicKey, certText(vaultId, k.id, k.username, k.publicKey), k.cert);
    db.prepare('UPDATE audit_keys SET cert = ? WHERE id = ?').run(ok ? sign(null, certText(vaultId, k.id, k.username, k.publicKey), to.privateKey).toString('base64') : null, k.id);
  }
  const boundary = readBoundary(db);
  if (boundary.sig !== null && (from === null || verifies(from.publicKey, boundaryText(vaultId, boundary.seq), boundary.sig))) {
    setMeta(db, SIGNED_FROM_SIG_META, sign(null, boundaryText(vaultId, boundary.seq), to.privateKey).toString('base64'));
  }
}

// --- verify -------------------------------------------------------------------------------------

export type RowSignatureProblem = 'unsigned' | 'unknownKey' | 'uncertifiedKey' | 'otherUsersKey' | 'badSignature';

export interface AuditSignatureReport {
  ok: boolean;
  /** Rows before `audit_signed_from` (written before per-user signatures existed). */
  legacyRows: number;
  /** Rows without an actor, or about a refused sign-in (claim no act; covered by the chain and the anchors only). */
  systemRows: number;
  signedRows: number;
  /** The first sequence number that must be signed. */
  signedFrom: number;
  /** False when the boundary is not signed by the office (raised to hide rows, or no administrator has signed in since migration 24). */
  boundaryOk: boolean;
  /** How many rows failed (`problems` lists the first MAX_LISTED). */
  failedRows: number;
  problems: Array<{ seq: number; actor: string | null; problem: RowSignatureProblem }>;
}

const MAX_LISTED = 100;

/**
 * Checks every row's signature from the legacy boundary on, with the office's public key (an
 * administrator's session passes the key she unsealed; otherwise the pinned one).
 */
export function verifyAuditSignatures(db: Db, vaultId: string, officeKey: KeyObject | null): AuditSignatureReport {
  const boundary = readBoundary(db);
  const boundaryOk = officeKey !== null && verifies(officeKey, boundaryText(vaultId, boundary.seq), boundary.sig);
  const keys = new Map<string, { username: string; publicKey: KeyObject | null; certified: boolean }>();
  for (const k of allKeys(db)) {
    keys.set(k.id, {
      username: k.username,
      publicKey: publicKeyFrom(k.publicKey),
      certified: officeKey !== null && verifies(officeKey, certText(vaultId, k.id, k.username, k.publicKey), k.cert),
    });
  }
  const userNames = new Map((db.prepare('SELECT id, username FROM users').all() as Array<{ id: string; username: string }>).map((u) => [u.id, fold(u.username)]));
  const report: AuditSignatureReport = { ok: true, legacyRows: 0, systemRows: 0, signedRows: 0, signedFrom: boundary.seq, boundaryOk, failedRows: 0, problems: [] };
  const fail = (seq: number, actor: string | null, problem: RowSignatureProblem): void => {
    report.failedRows += 1;
    if (report.problems.length < MAX_LISTED) report.problems.push({ seq, actor, problem });
  };
  const rows = db.prepare('SELECT seq, actor_id AS actorId, actor_name AS actorName, action, hash, actor_mac AS mac FROM audit_log ORDER BY seq').iterate() as IterableIterator<{
    seq: number;
    actorId: string | null;
    actorName: string | null;
    action: string;
    hash: string;
    mac: string | null;
  }>;
  for (const row of rows) {
    if (row.seq < boundary.seq) {
      report.legacyRows += 1;
      continue;
    }
    if (row.actorId === null || RECORDED_ABOUT_ACTIONS.has(row.action as AuditAction)) {
      report.systemRows += 1;
      continue;
    }
    const colon = row.mac?.indexOf(':') ?? -1;
    if (!row.mac || colon < 0) {
      fail(row.seq, row.actorName, 'unsigned');
      continue;
    }
    const key = keys.get(row.mac.slice(0, colon));
    if (!key || !key.publicKey) {
      fail(row.seq, row.actorName, 'unknownKey');
      continue;
    }
    if (!key.certified) {
      fail(row.seq, row.actorName, 'uncertifiedKey');
      continue;
    }
    const claimed = userNames.get(row.actorId) ?? fold(row.actorName ?? '');
    if (key.username !== claimed || key.username !== fold(row.actorName ?? '')) {
      fail(row.seq, row.actorName, 'otherUsersKey');
      continue;
    }
    if (!verifies(key.publicKey, rowText(row.seq, row.hash, row.actorId), row.mac.slice(colon + 1))) {
      fail(row.seq, row.actorName, 'badSignature');
      continue;
    }
    report.signedRows += 1;
  }
  report.ok = boundaryOk && report.failedRows === 0;
  return report;
}
