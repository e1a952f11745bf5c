/**
 * Applying imported messages: in timestamp order, skipping those already here, per
 * cell the newest timestamp wins. A message that loses without its winner having
 * seen it (the winner's chain of `base` timestamps does not pass through it) was a
 * concurrent edit: it is kept in `sync_conflicts` for a person to resolve. Both rules
 * depend only on the set of messages, so every replica ends the same whatever order
 * the files arrive in.
 */
import { merkle, Timestamp } from '@actual-app/crdt';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import type { Db } from '../db/open';
import { applyPeopleCells } from './people';
import { isPeopleCell, validPeopleValue, type PeopleCell } from './peopleCells';
import { insertDeviceAuditRow, type DeviceAuditRow } from './record';
import { deviceOf, type SyncMessage } from './store';

const DeviceAuditRowSchema = z.object({
  deviceId: z.string().regex(/^[0-9A-F]{16}$/),
  seq: z.number().int().positive(),
  uid: z.string().uuid(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.string(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});

export const ResolutionSchema = z.object({ by: z.string(), keep: z.enum(['winner', 'loser']) });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new CodedError('sync.tampered');
  }
}

/** Checks a message's shape before anything is written (a signed file can still come from a newer Kalkan). */
export function checkMessage(m: SyncMessage): void {
  const value = parseJson(m.value);
  const ok =
    Timestamp.parse(m.timestamp) !== null &&
    (m.base === null || Timestamp.parse(m.base) !== null) &&
    ((m.tbl === 'people' && validPeopleValue(m.col, value)) ||
      (m.tbl === 'audit' && m.col === 'row' && DeviceAuditRowSchema.safeParse(value).success && (value as DeviceAuditRow).uid === m.row && (value as DeviceAuditRow).deviceId === deviceOf(m.timestamp)) ||
      (m.tbl === 'conflict' && m.col === 'resolved' && ResolutionSchema.safeParse(value).success));
  if (!ok) throw new CodedError('sync.tampered');
}

export interface ApplyResult {
  imported: number;
  conflicts: number;
}

/** Statements reused across one import (preparing per message dominated the import time). */
function statements(db: Db) {
  return {
    has: db.prepare('SELECT 1 FROM sync_messages WHERE timestamp = ?'),
    head: db.prepare('SELECT timestamp FROM sync_messages WHERE tbl = ? AND row_uid = ? AND col = ? ORDER BY timestamp DESC LIMIT 1').pluck(),
    insert: db.prepare('INSERT INTO sync_messages (timestamp, device_id, tbl, row_uid, col, value, base, segment) VALUES (?, ?, ?, ?, ?, ?, ?, NULL)'),
    auditExists: db.prepare('SELECT 1 FROM sync_audit WHERE uid = ? OR (device_id = ? AND seq = ?)'),
    cell: db.prepare('SELECT timestamp, device_id AS device, value, base FROM sync_messages WHERE tbl = ? AND row_uid = ? AND col = ? ORDER BY timestamp DESC'),
    existing: db.prepare('SELECT loser_ts FROM sync_conflicts WHERE tbl = ? AND row_uid = ? AND col = ?').pluck(),
  };
}

/** Applies messages (any order; sorted here) inside the caller's transaction. `recv` advances the clock. */
export function applyMessages(db: Db, messages: SyncMessage[], recv: (ts: string) => void): ApplyResult {
  const sorted = [...messages].sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
  const people = new Map<string, { cells: Map<PeopleCell, unknown>; at: string }>();
  const touched = new Map<string, { tbl: string; row: string; col: string }>();
  let imported = 0;
  const st = statements(db);
  for (const m of sorted) {
    if (st.has.get(m.timestamp) !== undefined) continue;
    checkMessage(m);
    recv(m.timestamp);
    const head = (st.head.get(m.tbl, m.row, m.col) as string | undefined) ?? null;
    st.insert.run(m.timestamp, deviceOf(m.timestamp), m.tbl, m.row, m.col, m.value, m.base);
    imported += 1;
    if (m.tbl === 'people' && isPeopleCell(m.col)) {
      if (head === null || m.timestamp > head) {
        const entry = people.get(m.row) ?? { cells: new Map<PeopleCell, unknown>(), at: '' };
        entry.cells.set(m.col, JSON.parse(m.value));
        entry.at = new Date(Timestamp.parse(m.timestamp)!.millis()).toISOString();
        people.set(m.row, entry);
      }
      touched.set(`${m.tbl}|${m.row}|${m.col}`, { tbl: m.tbl, row: m.row, col: m.col });
    } else if (m.tbl === 'audit') {
      const row = JSON.parse(m.value) as DeviceAuditRow;
      const exists = st.auditExists.get(row.uid, row.deviceId, row.seq);
      if (!exists) insertDeviceAuditRow(db, row);
    } else if (m.tbl === 'conflict') {
      const loser = db.prepare('SELECT tbl, row_uid AS row, col FROM sync_messages WHERE timestamp = ?').get(m.row) as { tbl: string; row: string; col: string } | undefined;
      if (loser) touched.set(`${loser.tbl}|${loser.row}|${loser.col}`, loser);
    }
  }
  for (const [uid, { cells, at }] of people) applyPeopleCells(db, uid, cells, at);
  let conflicts = 0;
  for (const cell of touched.values()) conflicts += recomputeConflicts(db, cell.tbl, cell.row, cell.col, st);
  return { imported, conflicts };
}

/** Rebuilds the conflict rows of one cell from its messages; returns how many new ones appeared. */
export function recomputeConflicts(db: Db, tbl: string, row: string, col: string, st = statements(db)): number {
  const msgs = st.cell.all(tbl, row, col) as Array<{
    timestamp: string;
    device: string;
    value: string;
    base: string | null;
  }>;
  if (msgs.length === 0) return 0;
  // One message and no conflict rows: nothing to do (the common case of a new row).
  if (msgs.length === 1 && st.existing.all(tbl, row, col).length === 0) return 0;
  const byTs = new Map(msgs.map((m) => [m.timestamp, m]));
  const seen = new Set<string>([msgs[0]!.timestamp]);
  for (let base = msgs[0]!.base; base !== null && byTs.has(base) && !seen.has(base); base = byTs.get(base)!.base) seen.add(base);
  const losers = msgs.filter((m) => !seen.has(m.timestamp));
  const loserSet = new Set(losers.map((m) => m.timestamp));
  const existing = db.prepare('SELECT loser_ts FROM sync_conflicts WHERE tbl = ? AND row_uid = ? AND col = ?').all(tbl, row, col) as Array<{ loser_ts: string }>;
  for (const e of existing) if (!loserSet.has(e.loser_ts)) db.prepare('DELETE FROM sync_conflicts WHERE loser_ts = ?').run(e.loser_ts);
  const known = new Set(existing.map((e) => e.loser_ts));
  let added = 0;
  for (const l of losers) {
    const resolution = db.prepare("SELECT timestamp, value FROM sync_messages WHERE tbl = 'conflict' AND row_uid = ? ORDER BY timestamp DESC LIMIT 1").get(l.timestamp) as
      | { timestamp: string; value: string }
      | undefined;
    const parsed = resolution ? ResolutionSchema.parse(JSON.parse(resolution.value)) : null;
    db.prepare(
      `INSERT INTO sync_conflicts (loser_ts, tbl, row_uid, col, loser_device, loser_value, resolved_ts, resolved_by, resolution)
       VALUES (@ts, @tbl, @row, @col, @device, @value, @resolvedTs, @resolvedBy, @resolution)
       ON CONFLICT(loser_ts) DO UPDATE SET resolved_ts = excluded.resolved_ts, resolved_by = excluded.resolved_by, resolution = excluded.resolution`,
    ).run({ ts: l.timestamp, tbl, row, col, device: l.device, value: l.value, resolvedTs: resolution?.timestamp ?? null, resolvedBy: parsed?.by ?? null, resolution: parsed?.keep ?? null });
    if (!known.has(l.timestamp)) added += 1;
  }
  return added;
}

/** The Merkle tree of every message timestamp this replica holds (from @actual-app/crdt). */
export function merkleOf(db: Db): merkle.TrieNode {
  let trie = merkle.emptyTrie();
  for (const r of db.prepare('SELECT timestamp FROM sync_messages ORDER BY timestamp').iterate() as IterableIterator<{ timestamp: string }>) {
    trie = merkle.insert(trie, Timestamp.parse(r.timestamp)!);
  }
  return trie;
}
