/**
 * Transfer requests (issue 17, in the app): a caseworker asks for a case to be sent to another
 * office with the sections and attachments chosen; a supervisor approves (the .kcase is written,
 * the case becomes read-only here) or rejects with a reason. One pending request per case.
 */
import { CodedError } from '../../../shared/api/envelope';
import type { CaseTransfers, TransferReceived, TransferRequest, TransferSection } from '../../../shared/api/schemas/transfers';
import type { Db } from '../db/open';
import type { UserLookup } from '../cases/userRefs';

interface RequestRow {
  id: number;
  case_id: number;
  case_number: string;
  sections: string;
  attachment_ids: string;
  receiver_key: string;
  receiver_fingerprint: string;
  receiver_office: string;
  state: TransferRequest['state'];
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  reason: string | null;
  transfer_id: string | null;
}

const SELECT = 'SELECT r.*, c.case_number FROM transfer_requests r JOIN cases c ON c.id = r.case_id';

function toRequest(r: RequestRow, users: UserLookup): TransferRequest {
  return {
    id: r.id,
    caseId: r.case_id,
    caseNumber: r.case_number,
    sections: JSON.parse(r.sections) as TransferSection[],
    attachmentIds: JSON.parse(r.attachment_ids) as number[],
    receiver: { office: r.receiver_office, fingerprint: r.receiver_fingerprint },
    state: r.state,
    requestedBy: users(r.requested_by),
    requestedAt: r.requested_at,
    decidedBy: r.decided_by ? users(r.decided_by) : null,
    decidedAt: r.decided_at,
    reason: r.reason,
    transferId: r.transfer_id,
  };
}

export function insertRequest(
  db: Db,
  r: { caseId: number; sections: readonly TransferSection[]; attachmentIds: readonly number[]; receiverKey: string; receiver: { office: string; fingerprint: string }; by: string; at: string },
): number {
  if (db.prepare("SELECT 1 FROM transfer_requests WHERE case_id = ? AND state = 'pending'").get(r.caseId)) throw new CodedError('transfer.pending');
  return Number(
    db
      .prepare(
        `INSERT INTO transfer_requests (case_id, sections, attachment_ids, receiver_key, receiver_fingerprint, receiver_office, state, requested_by, requested_at)
         VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?)`,
      )
      .run(r.caseId, JSON.stringify(r.sections), JSON.stringify(r.attachmentIds), r.receiverKey, r.receiver.fingerprint, r.receiver.office, r.by, r.at).lastInsertRowid,
  );
}

export function getRequest(db: Db, id: number, users: UserLookup): TransferRequest {
  const row = db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RequestRow | undefined;
  if (!row) throw new CodedError('transfer.requestNotFound', { field: 'requestId' });
  return toRequest(row, users);
}

/** The pending request `id` of case `caseId`, with the receiver's key file as stored. */
export function pendingRequest(db: Db, caseId: number, id: number): { receiverKey: string; sections: TransferSection[]; attachmentIds: number[] } {
  const row = db.prepare('SELECT * FROM transfer_requests WHERE id = ?').get(id) as RequestRow | undefined;
  if (!row || row.case_id !== caseId) throw new CodedError('transfer.requestNotFound', { field: 'requestId' });
  if (row.state !== 'pending') throw new CodedError('transfer.decided');
  return { receiverKey: row.receiver_key, sections: JSON.parse(row.sections) as TransferSection[], attachmentIds: JSON.parse(row.attachment_ids) as number[] };
}

export function decideRequest(db: Db, id: number, d: { state: 'approved' | 'rejected'; by: string; at: string; reason: string | null; transferId: string | null }): void {
  db.prepare("UPDATE transfer_requests SET state = ?, decided_by = ?, decided_at = ?, reason = ?, transfer_id = ? WHERE id = ? AND state = 'pending'").run(d.state, d.by, d.at, d.reason, d.transferId, id);
}

/** Pending requests of the whole office (supervisors see every case). */
export function pendingRequests(db: Db, users: UserLookup): TransferRequest[] {
  return (db.prepare(`${SELECT} WHERE r.state = 'pending' ORDER BY r.requested_at, r.id LIMIT 500`).all() as RequestRow[]).map((r) => toRequest(r, users));
}

/** A case's requests (newest first) and what it received by transfer. */
export function caseTransfers(db: Db, caseId: number, users: UserLookup): CaseTransfers {
  const requests = (db.prepare(`${SELECT} WHERE r.case_id = ? ORDER BY r.requested_at DESC, r.id DESC`).all(caseId) as RequestRow[]).map((r) => toRequest(r, users));
  const received = (
    db
      .prepare(
        `SELECT t.transfer_id, t.sender_office, t.sender_fingerprint, t.received_at, t.received_by, t.merged, t.sections
         FROM transfers_in t WHERE t.case_id = ? ORDER BY t.received_at DESC`,
      )
      .all(caseId) as Array<{ transfer_id: string; sender_office: string; sender_fingerprint: string; received_at: string; received_by: string; merged: number; sections: string }>
  ).map((r): TransferReceived => {
    const rows = db.prepare('SELECT kind, row_id FROM transfer_rows WHERE transfer_id = ? ORDER BY row_id').all(r.transfer_id) as Array<{ kind: 'note' | 'assessment' | 'attachment'; row_id: number }>;
    const ids = (kind: string) => rows.filter((w) => w.kind === kind).map((w) => w.row_id);
    let referrals = 0;
    try {
      const kept = JSON.parse(r.sections) as { referrals?: unknown[] };
      referrals = Array.isArray(kept.referrals) ? kept.referrals.length : 0;
    } catch {
      referrals = 0;
    }
    return {
      transferId: r.transfer_id,
      sender: { office: r.sender_office, fingerprint: r.sender_fingerprint },
      receivedAt: r.received_at,
      receivedBy: users(r.received_by),
      merged: r.merged === 1,
      notes: ids('note').length,
      assessments: ids('assessment').length,
      attachments: ids('attachment').length,
      referrals,
      noteIds: ids('note'),
      assessmentIds: ids('assessment'),
      attachmentIds: ids('attachment'),
    };
  });
  return { requests, received };
}
