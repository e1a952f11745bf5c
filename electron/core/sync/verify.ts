/**
 * Checks every device's audit chain held by this replica (`sync_audit`): rows numbered
 * 1…n without a gap, each linking to the previous hash, each hash recomputed; and every
 * chain head another device reported (`sync_chain_heads`) is present with the same hash.
 * A removed or altered row shows on any replica that has seen a later head.
 */
import type { Db } from '../db/open';
import { AUDIT_GENESIS, deviceRowHash, type DeviceAuditRow } from './record';

export interface DeviceChainReport {
  device: string;
  rows: number;
  ok: boolean;
  /** First sequence number where the chain is broken (gap, wrong link or hash). */
  brokenAt?: number;
  /** A reported head this replica does not hold (rows missing, or files not yet here). */
  missingUpTo?: number;
}

export interface SyncVerifyReport {
  ok: boolean;
  devices: DeviceChainReport[];
}

const SELECT = `SELECT device_id AS deviceId, seq, uid, at, actor_id AS actorId, actor_name AS actorName, action, target_type AS targetType,
  target_id AS targetId, details, prev_hash AS prevHash, hash FROM sync_audit`;

export function verifySyncChains(db: Db): SyncVerifyReport {
  const devices = new Set<string>(
    [
      ...(db.prepare('SELECT DISTINCT device_id AS d FROM sync_audit').all() as Array<{ d: string }>),
      ...(db.prepare('SELECT DISTINCT device_id AS d FROM sync_chain_heads').all() as Array<{ d: string }>),
    ].map((r) => r.d),
  );
  const reports: DeviceChainReport[] = [];
  for (const device of [...devices].sort()) {
    const report: DeviceChainReport = { device, rows: 0, ok: true };
    let prev = AUDIT_GENESIS;
    const hashes = new Map<number, string>();
    for (const row of db.prepare(`${SELECT} WHERE device_id = ? ORDER BY seq`).iterate(device) as IterableIterator<DeviceAuditRow>) {
      report.rows += 1;
      const { hash, prevHash, ...body } = row;
      if (report.ok && (row.seq !== report.rows || prevHash !== prev || deviceRowHash(prevHash, body) !== hash)) {
        report.ok = false;
        report.brokenAt = row.seq;
      }
      hashes.set(row.seq, hash);
      prev = hash;
    }
    const heads = db.prepare('SELECT seq, hash FROM sync_chain_heads WHERE device_id = ? ORDER BY seq').all(device) as Array<{ seq: number; hash: string }>;
    for (const head of heads) {
      const held = hashes.get(head.seq);
      if (held === undefined) {
        report.ok = false;
        report.missingUpTo = Math.max(report.missingUpTo ?? 0, head.seq);
      } else if (held !== head.hash) {
        report.ok = false;
        report.brokenAt = Math.min(report.brokenAt ?? head.seq, head.seq);
      }
    }
    reports.push(report);
  }
  return { ok: reports.every((r) => r.ok), devices: reports };
}
