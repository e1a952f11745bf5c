/**
 * Sync through a shared folder (docs/sync.md). Each device writes only its own files,
 * `SYNC/<deviceId>/<segment>.klog`, and reads everyone else's. Export: this device's
 * messages not yet written go into one new segment (written to a temporary name,
 * then linked into place; never modified). Import: every new segment is read,
 * verified (length, signature by a registered device, decryption) before anything
 * is applied; then all their messages are applied in one transaction.
 */
import { createHash } from 'node:crypto';
import { merkle, Timestamp } from '@actual-app/crdt';
import { closeSync, existsSync, fsyncSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit } from '../audit/auditLog';
import type { Db } from '../db/open';
import type { Vault } from '../vault/vault';
import { applyMessages, checkMessage } from './apply';
import { withClock } from './clock';
import { certValid, insertDevice, knownDevices, openSyncKeys, type DeviceCert, type OpenSyncKeys } from './keys';
import { decryptSegment, encodeSegment, readSegment, SEGMENT_RE, segmentName, signatureValid, type SegmentHeader, type SegmentPayload } from './segment';
import { getState, localDevice, setState } from './state';
import type { SyncMessage } from './store';

export interface Actor {
  id: string;
  username: string;
}

export interface SyncResult {
  /** Messages this device wrote to the folder. */
  exported: number;
  /** Messages from other devices applied here. */
  imported: number;
  /** Unresolved conflicts held by this replica after the run. */
  conflicts: number;
  /** Registered devices this replica knows, itself included. */
  devices: number;
  /**
   * Devices this replica has not caught up with (docs/sync.md, Merkle comparison): the segment
   * numbers another device reported but not present here yet (a USB stick carried late), and the
   * earliest time from which the Merkle trees differ.
   */
  incomplete: IncompleteDevice[];
}

export interface IncompleteDevice {
  device: string;
  /** Missing segment numbers, as inclusive ranges. */
  missing: Array<[number, number]>;
  /** From when this replica's tree of the device's messages differs from the reported one (ISO), if known. */
  since: string | null;
}

/** Most messages in one segment file. */
export const SEGMENT_MAX_MESSAGES = 20000;
const DEVICE_DIR_RE = /^[0-9A-F]{16}$/;

/** The open sync keys of this replica; `sync.notSetUp` when it has none. */
export function syncKeysOf(vault: Vault): { keys: OpenSyncKeys; vaultId: string } {
  const db = vault.database;
  return vault.withKey((dbKey, keyring) => {
    const device = localDevice(db);
    if (!keyring.sync || !device || keyring.sync.deviceId !== device) throw new CodedError('sync.notSetUp');
    return { keys: openSyncKeys(keyring.sync, keyring.vaultId, dbKey), vaultId: keyring.vaultId };
  });
}

export function runSync(vault: Vault, actor: Actor, dir: string): SyncResult {
  const db = vault.database;
  const { keys, vaultId } = syncKeysOf(vault);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CodedError('sync.folderMissing');
  const exported = exportSegments(db, keys, vaultId, dir);
  const { imported, files } = importSegments(db, keys, vaultId, dir);
  const incomplete = missingFrom(db, keys.deviceId);
  const conflicts = (db.prepare('SELECT COUNT(*) AS n FROM sync_conflicts WHERE resolved_ts IS NULL').get() as { n: number }).n;
  const devices = (db.prepare('SELECT COUNT(*) AS n FROM sync_devices').get() as { n: number }).n;
  if (exported > 0 || files > 0) {
    db.transaction(() =>
      appendAudit(db, { action: 'sync.run', actorId: actor.id, actorName: actor.username, details: { exported, imported, files, conflicts } }),
    )();
  }
  return { exported, imported, conflicts, devices, incomplete };
}

// --- Merkle comparison -----------------------------------------------------------------------

/** The Merkle trie (@actual-app/crdt) of one device's messages held here (own: exported up to `upTo`). */
export function deviceTrie(db: Db, device: string, upTo?: string): merkle.TrieNode {
  let trie = merkle.emptyTrie();
  const rows = upTo
    ? db.prepare('SELECT timestamp FROM sync_messages WHERE device_id = ? AND (segment IS NOT NULL OR timestamp <= ?) ORDER BY timestamp').iterate(device, upTo)
    : db.prepare('SELECT timestamp FROM sync_messages WHERE device_id = ? ORDER BY timestamp').iterate(device);
  for (const r of rows as IterableIterator<{ timestamp: string }>) trie = merkle.insert(trie, Timestamp.parse(r.timestamp)!);
  return trie;
}

interface AppliedFile {
  sha256: string;
  bytes: number | null;
  mtimeMs: number | null;
}

function appliedFiles(db: Db, device: string): Map<number, AppliedFile> {
  const rows = db.prepare('SELECT segment, sha256, bytes, mtime_ms AS mtimeMs FROM sync_applied WHERE device_id = ?').all(device) as Array<AppliedFile & { segment: number }>;
  return new Map(rows.map((r) => [r.segment, r]));
}

/** The highest n with segments 1..n all applied, or null when there is a gap below a later one. */
function contiguous(segments: Iterable<number>): { upTo: number; gaps: boolean } {
  const set = new Set(segments);
  let n = 0;
  while (set.has(n + 1)) n += 1;
  return { upTo: n, gaps: set.size !== n };
}

/** What this replica holds of every device, for the segment it writes: [device, segments, trie]. */
function treesHeld(db: Db, me: string, ownSegment: number, ownUpTo: string): Array<[string, number, string]> {
  const trees: Array<[string, number, string]> = [[me, ownSegment, JSON.stringify(merkle.prune(deviceTrie(db, me, ownUpTo)))]];
  const devices = db.prepare('SELECT DISTINCT device_id AS d FROM sync_applied ORDER BY d').all() as Array<{ d: string }>;
  for (const { d } of devices) {
    if (d === me) continue;
    const held = contiguous(appliedFiles(db, d).keys());
    // Only a device held without gaps: its tree is then exactly segments 1..n.
    if (!held.gaps && held.upTo > 0) trees.push([d, held.upTo, JSON.stringify(merkle.prune(deviceTrie(db, d)))]);
  }
  return trees;
}

function parseTrie(text: string): merkle.TrieNode | null {
  try {
    const trie = JSON.parse(text) as unknown;
    return trie && typeof trie === 'object' && !Array.isArray(trie) ? (trie as merkle.TrieNode) : null;
  } catch {
    return null;
  }
}

/** Records what each segment said about every device (the furthest report wins). */
function recordPublished(db: Db, me: string, reportedBy: string, trees: Array<[string, number, string]>): void {
  const current = db.prepare('SELECT segments FROM sync_published WHERE device_id = ?');
  const upsert = db.prepare(
    `INSERT INTO sync_published (device_id, segments, merkle, reported_by) VALUES (?, ?, ?, ?)
     ON CONFLICT(device_id) DO UPDATE SET segments = excluded.segments, merkle = excluded.merkle, reported_by = excluded.reported_by`,
  );
  for (const [device, segments, trie] of trees) {
    if (device === me || !parseTrie(trie)) continue;
    const known = current.get(device) as { segments: number } | undefined;
    if (!known || segments > known.segments || (segments === known.segments && device === reportedBy)) upsert.run(device, segments, trie, reportedBy);
  }
}

/**
 * Compares, per device, the segments and Merkle tree this replica holds with the furthest state
 * any segment reported for it: missing segment numbers and the time from which the trees differ.
 */
export function missingFrom(db: Db, me: string): IncompleteDevice[] {
  const published = db.prepare('SELECT device_id AS device, segments, merkle FROM sync_published ORDER BY device_id').all() as Array<{ device: string; segments: number; merkle: string }>;
  const out: IncompleteDevice[] = [];
  for (const p of published) {
    if (p.device === me) continue;
    const applied = new Set(appliedFiles(db, p.device).keys());
    const missing: Array<[number, number]> = [];
    for (let n = 1; n <= p.segments; n += 1) {
      if (applied.has(n)) continue;
      const last = missing[missing.length - 1];
      if (last && last[1] === n - 1) last[1] = n;
      else missing.push([n, n]);
    }
    const reported = parseTrie(p.merkle);
    const local = deviceTrie(db, p.device);
    const sameTree = reported !== null && local.hash === reported.hash;
    if (missing.length === 0 && (sameTree || contiguous(applied).upTo > p.segments)) continue;
    const differs = reported ? merkle.diff(local, reported) : null;
    out.push({ device: p.device, missing, since: differs === null ? null : new Date(differs).toISOString() });
  }
  return out;
}

// --- export --------------------------------------------------------------------------------

function chainHeads(db: Db): Array<[string, number, string]> {
  const rows = db
    .prepare('SELECT a.device_id AS d, a.seq AS s, a.hash AS h FROM sync_audit a JOIN (SELECT device_id, MAX(seq) AS m FROM sync_audit GROUP BY device_id) x ON x.device_id = a.device_id AND x.m = a.seq ORDER BY a.device_id')
    .all() as Array<{ d: string; s: number; h: string }>;
  return rows.map((r) => [r.d, r.s, r.h]);
}

function existingSegments(folder: string): number[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .map((f) => SEGMENT_RE.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

/** Writes a file under a temporary name and links it into place; false when the name is taken. */
function writeOnce(folder: string, name: string, bytes: Buffer): boolean {
  const final = join(folder, name);
  if (existsSync(final)) return false;
  const tmp = join(folder, `.${name}.tmp-${process.pid}`);
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, final); // fails if the name exists: a file is never replaced
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    // Shares without hard links: rename, having checked the name is free just before.
    if (existsSync(final)) return false;
    renameSync(tmp, final);
    return true;
  } finally {
    rmSync(tmp, { force: true });
  }
}

export function exportSegments(db: Db, keys: OpenSyncKeys, vaultId: string, dir: string): number {
  const me = keys.deviceId;
  const cert = knownDevices(db).get(me);
  if (!cert) throw new CodedError('sync.notSetUp');
  const folder = join(dir, me);
  let exported = 0;
  for (;;) {
    const rows = db
      .prepare('SELECT timestamp, tbl, row_uid AS row, col, value, base FROM sync_messages WHERE device_id = ? AND segment IS NULL ORDER BY timestamp LIMIT ?')
      .all(me, SEGMENT_MAX_MESSAGES) as SyncMessage[];
    if (rows.length === 0) return exported;
    mkdirSync(folder, { recursive: true });
    let n = Math.max(Number(getState(db, 'next_segment') ?? '1'), ...existingSegments(folder).map((x) => x + 1));
    const last = rows[rows.length - 1]!.timestamp;
    for (;;) {
      const payload: SegmentPayload = { messages: rows, heads: chainHeads(db), trees: treesHeld(db, me, n, last) };
      const header: SegmentHeader = { format: 'kalkan-sync-segment', version: 1, vaultId, device: me, segment: n, count: rows.length, cert };
      if (writeOnce(folder, segmentName(n), encodeSegment(header, payload, keys.syncKey, keys.privateKey))) break;
      n += 1;
    }
    const segment = n;
    db.transaction(() => {
      db.prepare('UPDATE sync_messages SET segment = ? WHERE device_id = ? AND segment IS NULL AND timestamp <= ?').run(segment, me, last);
      setState(db, 'next_segment', String(segment + 1));
    })();
    exported += rows.length;
  }
}

// --- import --------------------------------------------------------------------------------

interface Pending {
  device: string;
  segment: number;
  sha256: string;
  bytes: number;
  mtimeMs: number;
  parsed: ReturnType<typeof readSegment>;
}

export function importSegments(db: Db, keys: OpenSyncKeys, vaultId: string, dir: string): { imported: number; conflicts: number; files: number } {
  const me = keys.deviceId;
  const pending: Pending[] = [];
  for (const device of readdirSync(dir).sort()) {
    if (device === me || !DEVICE_DIR_RE.test(device) || !statSync(join(dir, device)).isDirectory()) continue;
    const applied = appliedFiles(db, device);
    for (const segment of existingSegments(join(dir, device)).sort((a, b) => a - b)) {
      const file = join(dir, device, segmentName(segment));
      const stat = statSync(file);
      const done = applied.get(segment);
      // A file already imported is not read again while its size and time are unchanged: only new
      // segments are read (an unchanged device costs a directory listing and a stat per file).
      if (done && done.bytes === stat.size && done.mtimeMs === Math.trunc(stat.mtimeMs)) continue;
      const bytes = readFileSync(file);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      if (done) {
        // A file already imported must never change.
        if (done.sha256 !== sha256) throw new CodedError('sync.tampered', { device, segment });
        // The same bytes (copied again, touched): remember the new size and time.
        db.transaction(() => db.prepare('UPDATE sync_applied SET bytes = ?, mtime_ms = ? WHERE device_id = ? AND segment = ?').run(stat.size, Math.trunc(stat.mtimeMs), device, segment))();
        continue;
      }
      const parsed = withFile(device, segment, () => readSegment(bytes));
      const h = parsed.header;
      if (h.device !== device || h.segment !== segment || h.cert.deviceId !== device) throw new CodedError('sync.tampered', { device, segment });
      pending.push({ device, segment, sha256, bytes: stat.size, mtimeMs: Math.trunc(stat.mtimeMs), parsed });
    }
  }
  if (pending.length === 0) return { imported: 0, conflicts: 0, files: 0 };

  // Signatures: by a registered device, or by a device whose registration (in the file's
  // header) is signed by one already trusted; repeat until nothing new is learnt.
  const trusted = knownDevices(db);
  const learnt: DeviceCert[] = [];
  let open = pending;
  const verified: Pending[] = [];
  for (let progress = true; progress && open.length > 0; ) {
    progress = false;
    const next: Pending[] = [];
    for (const p of open) {
      let cert = trusted.get(p.device);
      if (!cert) {
        const claimed = p.parsed.header.cert;
        const signer = trusted.get(claimed.signedBy);
        if (signer && claimed.signedBy !== claimed.deviceId && certValid(vaultId, claimed, signer.publicKey)) {
          trusted.set(p.device, claimed);
          learnt.push(claimed);
          cert = claimed;
        }
      }
      if (!cert) {
        next.push(p);
        continue;
      }
      if (!signatureValid(p.parsed, cert)) throw new CodedError('sync.tampered', { device: p.device, segment: p.segment });
      verified.push(p);
      progress = true;
    }
    open = next;
  }
  if (open.length > 0) throw new CodedError('sync.unknownDevice', { device: open[0]!.device });
  if (verified.some((p) => p.parsed.header.vaultId !== vaultId)) throw new CodedError('sync.unknownDevice', { device: verified.find((p) => p.parsed.header.vaultId !== vaultId)!.device });

  const payloads = verified.map((p) => ({ p, payload: withFile(p.device, p.segment, () => decryptSegment(p.parsed, keys.syncKey)) }));
  for (const { p, payload } of payloads) {
    // A device signs only its own messages.
    if (payload.messages.some((m) => m.timestamp.slice(-16) !== p.device)) throw new CodedError('sync.tampered', { device: p.device, segment: p.segment });
    withFile(p.device, p.segment, () => payload.messages.forEach(checkMessage));
  }
  const now = new Date().toISOString();
  return db.transaction(() => {
    for (const cert of learnt) insertDevice(db, cert);
    const all = payloads.flatMap(({ payload }) => payload.messages);
    const result = withClock(db, me, (clock) => applyMessages(db, all, (ts) => clock.recv(ts)));
    for (const { p, payload } of payloads) {
      db.prepare('INSERT INTO sync_applied (device_id, segment, sha256, messages, applied_at, bytes, mtime_ms) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        p.device,
        p.segment,
        p.sha256,
        payload.messages.length,
        now,
        p.bytes,
        p.mtimeMs,
      );
      if (payload.trees) recordPublished(db, me, p.device, payload.trees);
      const heads = db.prepare('INSERT OR IGNORE INTO sync_chain_heads (device_id, seq, hash, reported_by) VALUES (?, ?, ?, ?)');
      for (const [device, seq, hash] of payload.heads) heads.run(device, seq, hash, p.device);
    }
    return { ...result, files: payloads.length };
  })();
}

function withFile<T>(device: string, segment: number, use: () => T): T {
  try {
    return use();
  } catch (error) {
    if (error instanceof CodedError && !error.params) throw new CodedError(error.code, { device, segment });
    throw error;
  }
}

