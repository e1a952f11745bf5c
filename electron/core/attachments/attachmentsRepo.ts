/**
 * The SQL of attachments (issue 17). Bytes live in `attachment_chunks` (256 KiB each) inside the
 * encrypted vault; `attachments` holds what lists show. Lists never read a chunk.
 */
import { createHash } from 'node:crypto';
import { CodedError } from '../../../shared/api/envelope';
import { MB, type AttachmentKind, type AttachmentMeta } from '../../../shared/api/schemas/attachments';
import { userLookup, type UserLookup } from '../cases/userRefs';
import type { Db } from '../db/open';
import { getVaultSetting } from '../db/vaultSettings';
import { sniffAttachment } from './sniff';

/** 256 KiB: one chunk's encrypted write, fsync and checkpoint is the longest the main process is busy at once. */
export const CHUNK_BYTES = MB / 4;

export type LinkKind = NonNullable<AttachmentMeta['link']>['kind'];

interface Row {
  id: number;
  case_id: number;
  link_kind: LinkKind | null;
  link_id: number | null;
  file_name: string;
  kind: AttachmentKind;
  mime: string;
  size: number;
  sha256: string;
  added_by: string;
  added_at: string;
  deleted_by: string | null;
  deleted_at: string | null;
  delete_reason: string | null;
}

const COLUMNS = 'id, case_id, link_kind, link_id, file_name, kind, mime, size, sha256, added_by, added_at, deleted_by, deleted_at, delete_reason';

function toMeta(r: Row, user: UserLookup): AttachmentMeta {
  return {
    id: r.id,
    caseId: r.case_id,
    fileName: r.file_name,
    kind: r.kind,
    mime: r.mime,
    size: r.size,
    sha256: r.sha256,
    link: r.link_kind !== null && r.link_id !== null ? { kind: r.link_kind, id: r.link_id } : null,
    addedBy: user(r.added_by),
    addedAt: r.added_at,
    deleted: r.deleted_at ? { by: user(r.deleted_by ?? ''), at: r.deleted_at, reason: r.delete_reason ?? '' } : null,
  };
}

export function listAttachments(db: Db, caseId: number): AttachmentMeta[] {
  const rows = db.prepare(`SELECT ${COLUMNS} FROM attachments WHERE case_id = ? AND state = 'ready' ORDER BY added_at DESC, id DESC`).all(caseId) as Row[];
  const user = userLookup(db);
  return rows.map((r) => toMeta(r, user));
}

/** The case of a stored, not deleted attachment (one that can be sent); null for any other id. */
export function readyAttachmentCase(db: Db, id: number): number | null {
  const row = db.prepare("SELECT case_id FROM attachments WHERE id = ? AND state = 'ready' AND deleted_at IS NULL").get(id) as { case_id: number } | undefined;
  return row ? row.case_id : null;
}

export function getAttachment(db: Db, id: number): AttachmentMeta {
  const row = db.prepare(`SELECT ${COLUMNS} FROM attachments WHERE id = ? AND state = 'ready'`).get(id) as Row | undefined;
  if (!row) throw new CodedError('api.notFound', { field: 'attachmentId' });
  return toMeta(row, userLookup(db));
}

export const maxBytes = (db: Db): number => getVaultSetting(db, 'attachmentMaxMb') * MB;

/** The SQL that finds whether a linked entity belongs to the case. */
const LINK_IN_CASE: Record<LinkKind, string> = {
  person: 'SELECT 1 FROM case_members WHERE person_id = ? AND case_id = ?',
  note: 'SELECT 1 FROM notes WHERE id = ? AND case_id = ?',
  referral: 'SELECT 1 FROM referrals WHERE id = ? AND case_id = ?',
  hearing: 'SELECT 1 FROM court_hearings WHERE id = ? AND case_id = ?',
  order: 'SELECT 1 FROM court_orders WHERE id = ? AND case_id = ?',
};

export interface NewAttachment {
  caseId: number;
  fileName: string;
  bytes: Buffer;
  link: { kind: LinkKind; id: number; field: string } | null;
  userId: string;
  at: string;
}

/** Size, type (by bytes) and link checks of a new file; throws the coded refusal. */
export function checkAttachment(db: Db, a: NewAttachment): { kind: AttachmentKind; mime: string } {
  const limit = maxBytes(db);
  if (a.bytes.length > limit) throw new CodedError('attachments.tooLarge', { field: 'file', maxMb: limit / MB });
  if (a.bytes.length === 0) throw new CodedError('attachments.empty', { field: 'file' });
  const type = sniffAttachment(a.fileName, a.bytes);
  if (!type) throw new CodedError('attachments.type', { field: 'file' });
  if (a.link && !db.prepare(LINK_IN_CASE[a.link.kind]).get(a.link.id, a.caseId)) throw new CodedError('attachments.linkNotInCase', { field: a.link.field });
  return type;
}

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Stores a checked file: the row ('writing'), then each 256 KiB chunk in its own short transaction
 * with a pause for the event loop between, then — in one transaction — the row becomes 'ready'
 * and `finish` (the audit row) is written. A failure midway removes what was written.
 */
export async function storeAttachment(db: Db, a: NewAttachment, finish: (meta: AttachmentMeta) => void): Promise<AttachmentMeta> {
  const type = checkAttachment(db, a);
  const { lastInsertRowid } = db
    .prepare("INSERT INTO attachments (case_id, link_kind, link_id, file_name, kind, mime, size, sha256, added_by, added_at, state) VALUES (?, ?, ?, ?, ?, ?, ?, '', ?, ?, 'writing')")
    .run(a.caseId, a.link?.kind ?? null, a.link?.id ?? null, a.fileName, type.kind, type.mime, a.bytes.length, a.userId, a.at);
  const id = Number(lastInsertRowid);
  const hash = createHash('sha256');
  const put = db.prepare('INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)');
  // The WAL is checkpointed after every chunk (not after every fourth, which took ~200 ms at once):
  // the blocking work stays one chunk's worth. Restored afterwards.
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 64');
  try {
    for (let seq = 0, at = 0; at < a.bytes.length; seq += 1, at += CHUNK_BYTES) {
      const chunk = a.bytes.subarray(at, at + CHUNK_BYTES);
      hash.update(chunk);
      await yieldToEventLoop();
      db.transaction(() => put.run(id, seq, chunk))();
    }
    return db.transaction(() => {
      db.prepare("UPDATE attachments SET sha256 = ?, state = 'ready' WHERE id = ? AND state = 'writing'").run(hash.digest('hex'), id);
      const meta = getAttachment(db, id);
      finish(meta);
      return meta;
    })();
  } catch (error) {
    db.transaction(() => {
      db.prepare('DELETE FROM attachment_chunks WHERE attachment_id = ?').run(id);
      db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
    })();
    throw error;
  } finally {
    db.pragma(`wal_autocheckpoint = ${Math.trunc(autoCheckpoint)}`);
  }
}

export function writeChunks(db: Db, id: number, bytes: Buffer): void {
  const put = db.prepare('INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)');
  for (let seq = 0, at = 0; at < bytes.length; seq += 1, at += CHUNK_BYTES) put.run(id, seq, bytes.subarray(at, at + CHUNK_BYTES));
}

/** The bytes of a file that is not deleted, checked against its SHA-256. */
export function readBytes(db: Db, id: number): Buffer {
  const meta = db.prepare('SELECT sha256, deleted_at FROM attachments WHERE id = ?').get(id) as { sha256: string; deleted_at: string | null } | undefined;
  if (!meta) throw new CodedError('api.notFound', { field: 'attachmentId' });
  if (meta.deleted_at) throw new CodedError('attachments.deleted');
  const chunks = (db.prepare('SELECT data FROM attachment_chunks WHERE attachment_id = ? ORDER BY seq').all(id) as Array<{ data: Buffer }>).map((c) => c.data);
  const bytes = Buffer.concat(chunks);
  if (createHash('sha256').update(bytes).digest('hex') !== meta.sha256) throw new CodedError('attachments.corrupt');
  return bytes;
}

/** A supervisor's delete: purges the bytes, keeps the record with who, when and why. */
export function tombstoneAttachment(db: Db, id: number, userId: string, reason: string, at: string): AttachmentMeta {
  const current = getAttachment(db, id);
  if (current.deleted) throw new CodedError('attachments.deleted');
  // The freed pages are encrypted anyway; secure_delete also overwrites them, so not even the vault key recovers the bytes.
  const before = db.pragma('secure_delete', { simple: true }) as number;
  db.pragma('secure_delete = ON');
  try {
    db.prepare('DELETE FROM attachment_chunks WHERE attachment_id = ?').run(id);
  } finally {
    db.pragma(`secure_delete = ${before ? 'ON' : 'OFF'}`);
  }
  db.prepare('UPDATE attachments SET deleted_by = ?, deleted_at = ?, delete_reason = ? WHERE id = ?').run(userId, at, reason, id);
  return getAttachment(db, id);
}
