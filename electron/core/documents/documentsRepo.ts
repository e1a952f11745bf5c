/** The SQL of the `documents` register (migration 6). */
import type { Language } from '../../../shared/i18n/languages';
import type { Db } from '../db/open';
import { formatDocumentNumber } from './format';

export type DocumentStatus = 'reserved' | 'issued' | 'failed' | 'cancelled';

export interface DocumentTarget {
  type: string;
  id: string;
}

export interface DocumentRecord {
  seq: number;
  number: string;
  kind: string;
  language: Language;
  caseId: string | null;
  targetType: string | null;
  targetId: string | null;
  status: DocumentStatus;
  sha256: string | null;
  bytes: number | null;
  pages: number | null;
  protected: boolean;
  generatedBy: string | null;
  generatedAt: string;
  /** The version of the stored draft printed (social inquiry report), else null (migration 12). */
  draftVersion: number | null;
}

const SELECT = `SELECT seq, number, kind, language, case_id AS caseId, target_type AS targetType, target_id AS targetId,
  status, sha256, bytes, pages, protected, generated_by AS generatedBy, generated_at AS generatedAt, draft_version AS draftVersion FROM documents`;

type Row = Omit<DocumentRecord, 'protected'> & { protected: number };
const toRecord = (row: Row): DocumentRecord => ({ ...row, protected: row.protected === 1 });

export interface Reservation {
  kind: string;
  language: Language;
  caseId?: string | null;
  target?: DocumentTarget | null;
  protected: boolean;
  generatedBy: string | null;
  generatedAt: Date;
  draftVersion?: number | null;
}

/** Takes the next running number. Call inside a transaction. */
export function reserveDocumentNumber(db: Db, r: Reservation): { seq: number; number: string } {
  const last = db.prepare('SELECT MAX(seq) AS seq FROM documents').get() as { seq: number | null };
  const seq = (last.seq ?? 0) + 1;
  const number = formatDocumentNumber(seq, r.generatedAt);
  db.prepare(
    `INSERT INTO documents (seq, number, kind, language, case_id, target_type, target_id, status, protected, generated_by, generated_at, draft_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'reserved', ?, ?, ?, ?)`,
  ).run(seq, number, r.kind, r.language, r.caseId ?? null, r.target?.type ?? null, r.target?.id ?? null, r.protected ? 1 : 0, r.generatedBy, r.generatedAt.toISOString(), r.draftVersion ?? null);
  return { seq, number };
}

export function markIssued(db: Db, seq: number, result: { sha256: string; bytes: number; pages: number }): void {
  const info = db
    .prepare(`UPDATE documents SET status = 'issued', sha256 = ?, bytes = ?, pages = ? WHERE seq = ? AND status = 'reserved'`)
    .run(result.sha256, result.bytes, result.pages, seq);
  if (info.changes !== 1) throw new Error('document reservation lost');
}

export function markUnissued(db: Db, seq: number, status: 'failed' | 'cancelled'): void {
  db.prepare(`UPDATE documents SET status = ? WHERE seq = ? AND status = 'reserved'`).run(status, seq);
}

export function findDocument(db: Db, number: string): DocumentRecord | null {
  const row = db.prepare(`${SELECT} WHERE number = ?`).get(number) as Row | undefined;
  return row ? toRecord(row) : null;
}

export function findDocumentsBySha256(db: Db, sha256: string): DocumentRecord[] {
  return (db.prepare(`${SELECT} WHERE sha256 = ? ORDER BY seq`).all(sha256) as Row[]).map(toRecord);
}

export function listDocuments(db: Db, filter: { caseId?: string; target?: DocumentTarget; limit?: number } = {}): DocumentRecord[] {
  const limit = filter.limit ?? 100;
  if (filter.caseId) return (db.prepare(`${SELECT} WHERE case_id = ? ORDER BY seq DESC LIMIT ?`).all(filter.caseId, limit) as Row[]).map(toRecord);
  if (filter.target) {
    return (db.prepare(`${SELECT} WHERE target_type = ? AND target_id = ? ORDER BY seq DESC LIMIT ?`).all(filter.target.type, filter.target.id, limit) as Row[]).map(toRecord);
  }
  return (db.prepare(`${SELECT} ORDER BY seq DESC LIMIT ?`).all(limit) as Row[]).map(toRecord);
}
