/**
 * The two hooks existing code calls when it writes a synced row, inside the write's
 * own transaction: `syncPersonWritten` (peopleRepo) and `syncAuditWritten`
 * (auditLog). They record one message per changed cell. Without sync set up on this
 * replica they only make sure the row has its uid.
 */
import { createHash } from 'node:crypto';
import type { AuditRow } from '../audit/auditLog';
import type { PersonFields } from '../cases/peopleRepo';
import type { Db } from '../db/open';
import { withClock } from './clock';
import { cellsOfPerson, PEOPLE_CELL_NAMES } from './peopleCells';
import { localDevice } from './state';
import { cellHead, insertMessage } from './store';
import { uuidv7 } from './uid';

/** Called after a person was inserted (`before` null) or updated. */
export function syncPersonWritten(db: Db, personId: number, before: PersonFields | null, after: PersonFields): void {
  const row = db.prepare('SELECT uid FROM people WHERE id = ?').get(personId) as { uid: string | null } | undefined;
  if (!row) return;
  let uid = row.uid;
  if (!uid) {
    uid = uuidv7();
    db.prepare('UPDATE people SET uid = ? WHERE id = ?').run(uid, personId);
  }
  const device = localDevice(db);
  if (!device) return;
  const next = cellsOfPerson(after);
  const prev = before ? cellsOfPerson(before) : null;
  const rowUid = uid;
  withClock(db, device, (clock) => {
    for (const cell of PEOPLE_CELL_NAMES) {
      const value = JSON.stringify(next[cell]);
      if (prev && JSON.stringify(prev[cell]) === value) continue;
      const base = cellHead(db, 'people', rowUid, cell);
      insertMessage(db, device, { timestamp: clock.send(), tbl: 'people', row: rowUid, col: cell, value, base });
    }
  });
}

export const AUDIT_GENESIS = '0'.repeat(64);

/** One row of a device's audit chain (`sync_audit`). */
/** An audit row as a device's own chain holds it. */
export type DeviceAuditRow = AuditRow & { deviceId: string; uid: string };

export function deviceRowHash(prevHash: string, r: Omit<DeviceAuditRow, 'hash' | 'prevHash'>): string {
  const body = JSON.stringify([r.deviceId, r.seq, r.uid, r.at, r.actorId, r.actorName, r.action, r.targetType, r.targetId, r.details]);
  return createHash('sha256').update(prevHash + body).digest('hex');
}

export function insertDeviceAuditRow(db: Db, r: DeviceAuditRow): void {
  db.prepare(
    `INSERT INTO sync_audit (device_id, seq, uid, at, actor_id, actor_name, action, target_type, target_id, details, prev_hash, hash)
     VALUES (@deviceId, @seq, @uid, @at, @actorId, @actorName, @action, @targetType, @targetId, @details, @prevHash, @hash)`,
  ).run(r);
}

/**
 * Records an audit row in this device's own chain and as a message. Rows about sync
 * itself (`sync.*`) stay local: replicating them would make every sync produce
 * something new to sync.
 */
export function syncAuditWritten(db: Db, row: AuditRow, uid: string): void {
  if (row.action.startsWith('sync.')) return;
  const device = localDevice(db);
  if (!device) return;
  const last = db.prepare('SELECT seq, hash FROM sync_audit WHERE device_id = ? ORDER BY seq DESC LIMIT 1').get(device) as { seq: number; hash: string } | undefined;
  const body = {
    deviceId: device,
    seq: (last?.seq ?? 0) + 1,
    uid,
    at: row.at,
    actorId: row.actorId,
    actorName: row.actorName,
    action: row.action,
    targetType: row.targetType,
    targetId: row.targetId,
    details: row.details,
  };
  const prevHash = last?.hash ?? AUDIT_GENESIS;
  const chained: DeviceAuditRow = { ...body, prevHash, hash: deviceRowHash(prevHash, body) };
  insertDeviceAuditRow(db, chained);
  withClock(db, device, (clock) => {
    insertMessage(db, device, { timestamp: clock.send(), tbl: 'audit', row: uid, col: 'row', value: JSON.stringify(chained), base: null });
  });
}
