/**
 * Backup, restore, verify and the emergency decrypted export, on top of the
 * Vault. Every step that could lose data keeps the previous state: a restore
 * moves the current database aside rather than deleting it.
 */
import { randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit, verifyAuditChain } from '../audit/auditLog';
import type { AnchorCheck } from '../audit/anchor';
import { auditKeyRegistered, setAuditSigner, verifyAuditSignatures, type AuditSignatureReport } from '../audit/auditSigning';
import { publicKeyFrom } from './authority';
import { schemaVersion } from '../db/migrate';
import { LATEST_VERSION } from '../db/migrations';
import { integrityOk, openEncrypted, quickCheckOk, type Db } from '../db/open';
import { BACKUP_EXTENSION, readBackupHeader, verifyAndExtract, writeBackupFromDatabase } from './backupFile';
import { copyDbFile } from './dbFileBytes';
import { readKeyring, unwrapEntry, unwrapForUser, writeKeyring, type KeyringData } from './keyring';
import { runOffThread } from '../host/offload';
import { freezeDbFile } from './freeze';
import { can } from '../../../shared/auth/permissions';
import { findUserByName } from '../users/usersRepo';
import { verifySyncChains, type DeviceChainReport } from '../sync/verify';
import { acquireLock } from './lockFile';
import { vaultPaths } from './paths';
import { ownerOnly, rethrowDiskFull, reserveEmpty, writeAtomicWith } from './safeFile';
import { AUTHORITY_META, readMeta, type Vault } from './vault';

export type Progress = (done: number, total: number, step: string) => void;

export interface Actor {
  id: string;
  username: string;
}

export interface BackupResult {
  file: string;
  bytes: number;
  createdAt: string;
}

/** A timestamped file name that sorts by time: kalkan-backup-2026-11-25T10-00-00Z.kbak */
export function backupFileName(at: Date = new Date()): string {
  return `kalkan-backup-${at.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')}${BACKUP_EXTENSION}`;
}

export function backupVault(vault: Vault, outPath: string, actor: Actor | null, progress?: Progress): BackupResult {
  const db = vault.database;
  if (existsSync(outPath)) throw new CodedError('backup.targetExists');
  mkdirSync(dirname(outPath), { recursive: true });
  try {
    progress?.(0, 3, 'backup.step.copy');
    const header = copyEncrypted(vault, outPath, progress) ?? vacuumCopy(vault, outPath, progress);
    return recordBackup(db, outPath, actor, header.createdAt, progress);
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'backup.targetExists')) rmSync(outPath, { force: true });
    throw error;
  }
}

/** The written and verified backup goes into the audit log; both ways of making one end here. */
function recordBackup(db: Db, outPath: string, actor: Actor | null, createdAt: string, progress?: Progress): BackupResult {
  const bytes = statSync(outPath).size;
  db.transaction(() =>
    appendAudit(db, { action: 'vault.backup', actorId: actor?.id ?? null, actorName: actor?.username ?? null, details: { file: basename(outPath), bytes } }),
  )();
  progress?.(3, 3, 'backup.step.done');
  return { file: outPath, bytes, createdAt };
}

/**
 * The fast way (issue 16: 100 000 cases in under a minute instead of three): the WAL is
 * checkpointed into the database file, a read transaction on that snapshot keeps the file
 * unchanged (no checkpoint may write into it while we read), and its bytes, already
 * encrypted page by page with the vault key, are copied into the sealed bundle as they are;
 * no page is decrypted and encrypted again. Verified before the read transaction ends: the
 * MAC and the hash of the bytes read back from the written file, then `quick_check` of the
 * very snapshot copied (every page decrypts and authenticates with the key; b-trees sound).
 * Null when the WAL could not be emptied (another reader): the caller uses VACUUM INTO.
 */
function copyEncrypted(vault: Vault, outPath: string, progress?: Progress): { createdAt: string } | null {
  const db = vault.database;
  const checkpoint = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number; log: number; checkpointed: number }>;
  const walPath = `${vault.paths.db}-wal`;
  if (checkpoint[0]?.busy !== 0 || (existsSync(walPath) && statSync(walPath).size > 0)) return null;
  const meta = readMeta(db);
  db.exec('BEGIN');
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get(); // the read transaction starts here
    progress?.(1, 3, 'backup.step.write');
    const header = vault.withKey((key, keyring) =>
      writeBackupFromDatabase(outPath, vault.paths.db, { vaultId: meta.vaultId, officeName: meta.officeName, schemaVersion: schemaVersion(db), keyring, dbKey: key }),
    );
    progress?.(2, 3, 'backup.step.verify');
    vault.withKey((key) => verifyAndExtract(outPath, key, null));
    if (!quickCheckOk(db)) throw new CodedError('backup.damaged');
    return header;
  } finally {
    db.exec('COMMIT');
  }
}

/** The general way: a compacted copy made by VACUUM INTO, bundled, then fully checked. */
function vacuumCopy(vault: Vault, outPath: string, progress?: Progress): { createdAt: string } {
  const db = vault.database;
  const copy = join(dirname(outPath), `.kalkan-copy-${randomUUID()}.db`);
  try {
    // Created empty, exclusively and owner-only first: VACUUM INTO fills it (it refuses a non-empty file).
    reserveEmpty(copy);
    try {
      db.prepare('VACUUM INTO ?').run(copy);
    } catch (error) {
      rethrowDiskFull(error);
    }
    const meta = readMeta(db);
    progress?.(1, 3, 'backup.step.write');
    const header = vault.withKey((key, keyring) =>
      writeBackupFromDatabase(outPath, copy, { vaultId: meta.vaultId, officeName: meta.officeName, schemaVersion: schemaVersion(db), keyring, dbKey: key }),
    );
    progress?.(2, 3, 'backup.step.verify');
    vault.withKey((key) => checkBackup(outPath, key, meta.vaultId));
    return header;
  } finally {
    rmSync(copy, { force: true });
  }
}

/**
 * The same backup, with the core thread held only for milliseconds (the core
 * host's `backup.run` and the scheduled backup): a checkpoint puts every
 * committed page into the database file and automatic checkpoints stop, so the
 * file stays as it is while later writes go to the WAL; a job worker copies
 * that file (encrypted pages, as VACUUM INTO's copy is), writes the backup
 * file and verifies it (`sealBackup`). A lock meanwhile closes the connection,
 * which checkpoints into the file: that backup is discarded (`auth.locked`).
 */
export async function backupVaultInSteps(vault: Vault, outPath: string, actor: Actor | null, progress?: Progress, signal?: AbortSignal): Promise<BackupResult> {
  const db = vault.database;
  if (existsSync(outPath)) throw new CodedError('backup.targetExists');
  mkdirSync(dirname(outPath), { recursive: true });
  const meta = readMeta(db);
  const { dbKey, keyring } = vault.withKey((key, ring) => ({ dbKey: new Uint8Array(key), keyring: ring }));
  const sameConnection = () => vault.state() === 'unlocked' && vault.database === db;
  let release: (() => void) | null = null;
  try {
    // A fresh freeze: statistics reading an older one finish first (seconds), so every write committed before now is in.
    release = await freezeDbFile(db, 'fresh');
    if (!sameConnection()) throw new CodedError('auth.locked');
    progress?.(0, 3, 'backup.step.copy');
    const { createdAt } = await runOffThread(
      'backup.seal',
      {
        dbPath: vault.paths.db,
        outPath,
        info: { vaultId: meta.vaultId, officeName: meta.officeName, schemaVersion: schemaVersion(db), keyring, dbKey },
        ...(vault.nativeBinding ? { nativeBinding: vault.nativeBinding } : {}),
      },
      { ...(progress ? { onProgress: progress } : {}), ...(signal ? { signal } : {}) },
    );
    if (!sameConnection()) throw new CodedError('auth.locked');
    return recordBackup(db, outPath, actor, createdAt, progress);
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'backup.targetExists')) rmSync(outPath, { force: true });
    throw error;
  } finally {
    dbKey.fill(0);
    release?.();
  }
}

export interface SealInput {
  dbPath: string;
  outPath: string;
  info: { vaultId: string; officeName: string; schemaVersion: number; keyring: KeyringData; dbKey: Uint8Array };
  nativeBinding?: string;
}

/** A job worker's private copy of the frozen database file beside it (owner-only, created exclusively). */
export function copyFrozenFile(dbPath: string, copy: string): void {
  try {
    copyDbFile(dbPath, copy);
  } catch (error) {
    rethrowDiskFull(error);
  }
}

/** The job worker's part of `backupVaultInSteps`: write the backup file from the (frozen) database file, verify it. */
export function sealBackup(input: SealInput, progress?: Progress): { createdAt: string } {
  const key = Buffer.from(input.info.dbKey);
  try {
    // The file is frozen (no checkpoint writes into it): its encrypted pages go into the bundle as they are, no copy first.
    progress?.(1, 3, 'backup.step.write');
    const header = writeBackupFromDatabase(input.outPath, input.dbPath, { ...input.info, dbKey: key });
    progress?.(2, 3, 'backup.step.verify');
    checkBackup(input.outPath, key, input.info.vaultId, input.nativeBinding);
    return { createdAt: header.createdAt };
  } catch (error) {
    if (!(error instanceof CodedError && error.code === 'backup.targetExists')) rmSync(input.outPath, { force: true });
    throw error;
  } finally {
    key.fill(0);
  }
}

/** Full check of a backup with a known key: MAC, hash, then the database inside opens and is sound. */
function checkBackup(path: string, key: Buffer, vaultId?: string, nativeBinding?: string): void {
  const scratch = join(dirname(path), `.kalkan-check-${randomUUID()}.db`);
  try {
    const header = verifyAndExtract(path, key, scratch);
    const db = openEncrypted(scratch, key, { exclusive: false, ...(nativeBinding ? { nativeBinding } : {}) });
    try {
      if (!integrityOk(db)) throw new CodedError('backup.damaged');
      const meta = readMeta(db);
      if (meta.vaultId !== header.vaultId || (vaultId && meta.vaultId !== vaultId)) throw new CodedError('backup.damaged');
    } finally {
      db.close();
    }
  } finally {
    for (const f of [scratch, `${scratch}-wal`, `${scratch}-shm`]) rmSync(f, { force: true });
  }
}

/** Scheduled backups keep the newest `keep` files in the folder; older ones are removed. */
export function pruneBackups(folder: string, keep: number): string[] {
  const files = readdirSync(folder)
    .filter((f) => f.startsWith('kalkan-backup-') && f.endsWith(BACKUP_EXTENSION))
    .sort();
  const remove = files.slice(0, Math.max(0, files.length - keep));
  for (const f of remove) rmSync(join(folder, f), { force: true });
  return remove;
}

/** Daily schedule: due when no backup yet, or the last one was on an earlier local day. */
export function isBackupDue(lastAt: string | null, now: Date): boolean {
  if (!lastAt) return true;
  const last = new Date(lastAt);
  return last.getFullYear() !== now.getFullYear() || last.getMonth() !== now.getMonth() || last.getDate() !== now.getDate();
}

export interface RestoreResult {
  restoredFrom: string;
  backupCreatedAt: string;
  /** Where the database that was replaced now is (nothing is deleted). */
  previousKeptAt: string | null;
}

export interface RestoreOptions {
  /**
   * Confirms restoring a backup of another office (another vault id) over this one: the
   * first 8 or more characters of the backup's vault id, as the refusal showed them.
   */
  otherOffice?: string;
  /**
   * The app's restore (core host): the backup is decrypted and checked in a job worker
   * (`backup.restoreCheck`), so the core keeps answering meanwhile; `signal` cancels it up to
   * the moment the files are swapped (nothing has changed then). `nativeBinding`: the
   * Electron-ABI build for the worker's connection. Without it (CLI) the check runs here.
   */
  offThread?: { signal?: AbortSignal; nativeBinding?: string };
}

export interface RestoreCheckInput {
  backupPath: string;
  /** Where the decrypted database is written (beside the vault, removed by the caller). */
  incoming: string;
  dbKey: Uint8Array;
  username: string;
  nativeBinding?: string;
}

/**
 * The heavy part of a restore: decrypt the backup into `incoming` (MAC and hash checked),
 * then the database in it must be sound, be the backup's office and have this user as an
 * administrator. Plain inputs only, so a job worker can run it.
 */
export function checkRestoreCandidate(input: RestoreCheckInput): void {
  const key = Buffer.from(input.dbKey);
  try {
    const header = verifyAndExtract(input.backupPath, key, input.incoming);
    const check = openEncrypted(input.incoming, key, { exclusive: false, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
    try {
      if (!integrityOk(check)) throw new CodedError('backup.damaged');
      if (readMeta(check).vaultId !== header.vaultId) throw new CodedError('backup.damaged');
      // The restored office must also be one this user administers.
      if (!mayRestore(check, input.username)) throw new CodedError('auth.forbidden');
    } finally {
      check.close();
    }
  } finally {
    key.fill(0);
  }
}

/** Short form of a vault id shown to confirm a foreign restore. */
export const shortVaultId = (vaultId: string): string => vaultId.slice(0, 8);

/** The user may restore when enabled and holding vault:restore (the router's own permission check). */
function mayRestore(db: Db, username: string): boolean {
  const user = findUserByName(db, username);
  return Boolean(user && !user.disabled && can(user.roles, 'vault:restore'));
}

/**
 * Who may replace the database at `dbPath`: an administrator of the office that is there now.
 * The password must open the current keyring; when the current database opens, its own roles
 * decide. Returns that office's vault id (null when nothing readable is there: a lost database).
 */
async function currentOffice(dbPath: string, username: string, password: string, nativeBinding?: string): Promise<{ vaultId: string | null; roleChecked: boolean }> {
  const paths = vaultPaths(dbPath);
  if (!existsSync(dbPath)) return { vaultId: null, roleChecked: false };
  let keyring;
  try {
    keyring = readKeyring(paths.keyring);
  } catch {
    return { vaultId: null, roleChecked: false }; // keyring lost: the backup's own roles decide
  }
  const key = await unwrapForUser(keyring, username, password);
  try {
    let db: Db;
    try {
      db = openEncrypted(dbPath, key, { exclusive: false, ...(nativeBinding ? { nativeBinding } : {}) });
    } catch {
      return { vaultId: keyring.vaultId, roleChecked: false }; // damaged: why one restores
    }
    try {
      if (!mayRestore(db, username)) throw new CodedError('auth.forbidden');
      return { vaultId: keyring.vaultId, roleChecked: true };
    } finally {
      db.close();
    }
  } finally {
    key.fill(0);
  }
}

/**
 * Restores a backup into `dbPath` after checking it completely with the key
 * unwrapped by this user's password from the backup's own keyring. Only an
 * administrator (vault:restore) of the office there now, and of the backup's;
 * a backup of another office is refused unless `otherOffice` confirms it.
 * Refused while the target is in use; the replaced files are kept aside.
 */
export async function restoreVault(
  backupPath: string,
  dbPath: string,
  username: string,
  password: string,
  progress?: Progress,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const { header } = readBackupHeader(backupPath);
  if (header.schemaVersion > LATEST_VERSION) throw new CodedError('vault.tooNew', { version: header.schemaVersion, supported: LATEST_VERSION });
  const paths = vaultPaths(dbPath);
  mkdirSync(dirname(dbPath), { recursive: true });
  const held = acquireLock(dbPath);
  const incoming = `${dbPath}.restore-${randomUUID()}`;
  let key: Buffer | null = null;
  try {
    const current = await currentOffice(dbPath, username, password, options.offThread?.nativeBinding);
    if (current.vaultId !== null && current.vaultId !== header.vaultId) {
      const confirmed = options.otherOffice !== undefined && options.otherOffice.length >= 8 && header.vaultId.startsWith(options.otherOffice.toLowerCase());
      if (!confirmed) throw new CodedError('backup.otherOffice', { office: header.officeName, id: shortVaultId(header.vaultId) });
    }
    const unwrapped = await unwrapEntry(header.keyring, username, password);
    key = unwrapped.key;
    progress?.(0, 3, 'backup.step.verify');
    const checkInput: RestoreCheckInput = { backupPath, incoming, dbKey: new Uint8Array(key), username };
    try {
      if (options.offThread) {
        const { signal, nativeBinding } = options.offThread;
        await runOffThread('backup.restoreCheck', { ...checkInput, ...(nativeBinding ? { nativeBinding } : {}) }, signal ? { signal } : {});
        // Cancelled while the worker finished: nothing has been touched yet.
        if (signal?.aborted) throw new CodedError('job.cancelled');
      } else {
        checkRestoreCandidate(checkInput);
      }
    } finally {
      checkInput.dbKey.fill(0);
    }
    progress?.(1, 3, 'backup.step.install');
    // From here on the files are swapped: the restore is finished whatever happens to the job.
    const report = (done: number, total: number, step: string) => {
      try {
        progress?.(done, total, step);
      } catch {
        /* a cancel now comes too late; the restore completes */
      }
    };
    let previousKeptAt: string | null = null;
    if (existsSync(dbPath)) {
      previousKeptAt = `${dbPath}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      mkdirSync(previousKeptAt, { mode: 0o700 });
      for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, paths.keyring]) {
        if (existsSync(file)) renameSync(file, join(previousKeptAt, basename(file)));
      }
    }
    renameSync(incoming, dbPath);
    ownerOnly(dbPath);
    writeKeyring(paths.keyring, header.keyring);
    report(2, 3, 'backup.step.audit');
    const db = openEncrypted(dbPath, key, options.offThread?.nativeBinding ? { nativeBinding: options.offThread.nativeBinding } : {});
    try {
      const user = findUserByName(db, username);
      // The restoring administrator signs her row with her audit key (when the backup knows it).
      if (user && unwrapped.signer && auditKeyRegistered(db, unwrapped.signer.keyId)) setAuditSigner(db, { ...unwrapped.signer, userId: user.id });
      db.transaction(() =>
        appendAudit(db, {
          action: 'vault.restored',
          actorId: user?.id ?? null,
          actorName: user?.username ?? username,
          details: { backupCreatedAt: header.createdAt, file: basename(backupPath), otherOffice: current.vaultId !== null && current.vaultId !== header.vaultId },
        }),
      )();
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    report(3, 3, 'backup.step.done');
    return { restoredFrom: backupPath, backupCreatedAt: header.createdAt, previousKeptAt };
  } finally {
    key?.fill(0);
    for (const file of [incoming, `${incoming}-wal`, `${incoming}-shm`]) rmSync(file, { force: true });
    held.release();
  }
}

export interface VerifyReport {
  ok: boolean;
  key: boolean;
  integrity: boolean;
  auditChain: boolean;
  auditRows: number;
  schemaVersion: number;
  brokenAt?: number;
  /** Every synced device's audit chain (electron/core/sync/verify.ts); empty when the vault does not sync. */
  deviceChains: DeviceChainReport[];
  /** The chain against its anchor outside the database (keyring); false when rows are missing or rolled back. */
  auditAnchor: boolean;
  anchorProblem?: 'logMissing' | 'tailMissing' | 'rewritten' | 'anchorForged';
  anchorSeq?: number;
  headSeq?: number;
  /** Every row's signature by its actor (audit/auditSigning.ts): rows signed by no one or by another user's key, with sequence and claimed actor. */
  auditSignatures: AuditSignatureReport;
}

/**
 * Integrity, key, audit-chain, anchor and row-signature check of an unlocked vault (the key check
 * passed by unlocking). `officeKey`: the office's public key (Vault.officePublicKey()); without it,
 * the key pinned in the database.
 */
export function verifyVault(db: Db, anchor: AnchorCheck | null = null, officeKey?: KeyObject | null): VerifyReport {
  const integrity = integrityOk(db);
  const chain = verifyAuditChain(db);
  const devices = verifySyncChains(db);
  const anchored = anchor?.ok ?? true;
  const meta = readMeta(db);
  const pinned = (db.prepare('SELECT value FROM meta WHERE key = ?').get(AUTHORITY_META) as { value: string } | undefined)?.value;
  const signatures = verifyAuditSignatures(db, meta.vaultId, officeKey !== undefined ? officeKey : pinned ? publicKeyFrom(pinned) : null);
  return {
    ok: integrity && chain.ok && devices.ok && anchored && signatures.ok,
    key: true,
    integrity,
    auditChain: chain.ok,
    auditRows: chain.rows,
    schemaVersion: schemaVersion(db),
    ...(chain.brokenAt !== undefined ? { brokenAt: chain.brokenAt } : {}),
    deviceChains: devices.devices,
    auditAnchor: anchored,
    ...(anchor && !anchor.ok ? { anchorProblem: anchor.problem, anchorSeq: anchor.anchorSeq, headSeq: anchor.headSeq } : {}),
    auditSignatures: signatures,
  };
}

/** A BLOB column (attachment bytes, issue 17) is written as `{ "base64": "..." }`, not as a JSON array of numbers. */
function blobsAsBase64(row: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(row)) if (Buffer.isBuffer(value)) row[key] = { base64: value.toString('base64') };
  return row;
}

/**
 * Emergency decrypted export (leaving Kalkan): every table as JSON, streamed
 * row by row so ten years of data do not need to fit in memory. The caller
 * checks the admin role and the explicit confirmation; this audits it.
 */
export function exportDecrypted(db: Db, outPath: string, actor: Actor, progress?: Progress): { tables: number; rows: number } {
  if (existsSync(outPath)) throw new CodedError('export.targetExists');
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name").all() as Array<{ name: string }>).map(
    (t) => t.name,
  );
  db.transaction(() =>
    appendAudit(db, { action: 'vault.exportDecrypted', actorId: actor.id, actorName: actor.username, details: { file: basename(outPath) } }),
  )();
  let rows = 0;
  // An exclusive, unguessable temp file renamed into place: a file or link planted at any
  // name beside the target is never written through.
  writeAtomicWith(
    outPath,
    (fd) => {
      const meta = readMeta(db);
      writeSync(fd, `{"format":"kalkan-export","version":1,"exportedAt":${JSON.stringify(new Date().toISOString())},"vaultId":${JSON.stringify(meta.vaultId)},"schemaVersion":${schemaVersion(db)},"tables":{`);
      tables.forEach((table, index) => {
        progress?.(index, tables.length, 'export.step.table');
        writeSync(fd, `${index ? ',' : ''}${JSON.stringify(table)}:[`);
        let first = true;
        // Table names come from sqlite_master, not from input; quoted as identifiers.
        for (const row of db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).iterate()) {
          writeSync(fd, `${first ? '' : ','}${JSON.stringify(blobsAsBase64(row as Record<string, unknown>))}`);
          first = false;
          rows += 1;
        }
        writeSync(fd, ']');
      });
      writeSync(fd, '}}\n');
    },
    { existsCode: 'export.targetExists' },
  );
  progress?.(tables.length, tables.length, 'export.step.done');
  return { tables: tables.length, rows };
}
