/**
 * The tamper-evident audit log inside the vault. Each row's hash is
 * SHA-256(previous hash + canonical JSON of the row), so changing, removing or
 * reordering any row breaks the chain from there on; triggers refuse UPDATE
 * and DELETE outright. Details carry codes and ids, never free text.
 */
import { createHash } from 'node:crypto';
import type { AuditAction } from '../../../shared/api/auditActions';
import type { AuditDetails } from '../../../shared/api/auditDetailKeys';
import type { Db } from '../db/open';
import { syncAuditWritten } from '../sync/record';
import { uuidv7 } from '../sync/uid';
import { rowSignature } from './auditSigning';

export type { AuditAction } from '../../../shared/api/auditActions';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditInput {
  action: AuditAction;
  actorId?: string | null;
  actorName?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  /** Only keys of AUDIT_DETAIL_KEYS (shared/api/auditDetailKeys.ts): each has a label in the audit view. */
  details?: AuditDetails;
  at?: string;
}

export interface AuditRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: string;
  prevHash: string;
  hash: string;
}

/** Key order fixed, so the same row always hashes the same. */
function canonical(row: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  return JSON.stringify([row.seq, row.at, row.actorId, row.actorName, row.action, row.targetType, row.targetId, row.details]);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function sortedDetails(details: AuditInput['details']): string {
  if (!details) return '{}';
  return JSON.stringify(Object.fromEntries(Object.entries(details).sort(([a], [b]) => a.localeCompare(b))));
}

/** Appends one row. Call inside the transaction of the change it records. */
export function appendAudit(db: Db, input: AuditInput): AuditRow {
  const last = db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  const body = {
    seq: (last?.seq ?? 0) + 1,
    at: input.at ?? new Date().toISOString(),
    actorId: input.actorId ?? null,
    actorName: input.actorName ?? null,
    action: input.action,
    targetType: input.targetType ?? null,
    targetId: input.targetId ?? null,
    details: sortedDetails(input.details),
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const row: AuditRow = { ...body, prevHash, hash: sha256(prevHash + canonical(body)) };
  const uid = uuidv7();
  // The actor's own signature (auditSigning.ts), when the row is hers and her session is open here.
  const actorMac = rowSignature(db, row);
  // Without a signature the column is left out: a database restored from before migration 9 lacks it.
  db.prepare(
    actorMac === null
      ? `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, target_type, target_id, details, prev_hash, hash, uid)
         VALUES (@seq, @at, @actorId, @actorName, @action, @targetType, @targetId, @details, @prevHash, @hash, @uid)`
      : `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, target_type, target_id, details, prev_hash, hash, uid, actor_mac)
         VALUES (@seq, @at, @actorId, @actorName, @action, @targetType, @targetId, @details, @prevHash, @hash, @uid, @actorMac)`,
  ).run(actorMac === null ? { ...row, uid } : { ...row, uid, actorMac });
  syncAuditWritten(db, row, uid);
  return row;
}

export interface ChainCheck {
  ok: boolean;
  rows: number;
  /** First sequence number where the chain breaks. */
  brokenAt?: number;
}

const SELECT_ROWS = `SELECT seq, at, actor_id AS actorId, actor_name AS actorName, action, target_type AS targetType,
  target_id AS targetId, details, prev_hash AS prevHash, hash FROM audit_log`;

export function verifyAuditChain(db: Db): ChainCheck {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  for (const row of db.prepare(`${SELECT_ROWS} ORDER BY seq`).iterate() as IterableIterator<AuditRow>) {
    rows += 1;
    const { hash, prevHash, ...body } = row;
    if (row.seq !== expectedSeq || prevHash !== prev || sha256(prev + canonical(body)) !== hash) {
      return { ok: false, rows, brokenAt: row.seq };
    }
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, rows };
}

export interface AuditQuery {
  from?: string;
  to?: string;
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  limit: number;
  beforeSeq?: number;
}

export function queryAudit(db: Db, q: AuditQuery): AuditRow[] {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: q.limit };
  const filters: Array<[keyof AuditQuery, string]> = [
    ['from', 'at >= @from'],
    ['to', 'at < @to'],
    ['action', 'action = @action'],
    ['actorId', 'actor_id = @actorId'],
    ['targetType', 'target_type = @targetType'],
    ['targetId', 'target_id = @targetId'],
    ['beforeSeq', 'seq < @beforeSeq'],
  ];
  for (const [name, clause] of filters) {
    const value = q[name];
    if (value === undefined || value === '') continue;
    where.push(clause);
    params[name] = value;
  }
  const sql = `${SELECT_ROWS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT @limit`;
  return db.prepare(sql).all(params) as AuditRow[];
}
