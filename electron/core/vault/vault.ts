/**
 * The encrypted vault: one SQLCipher database plus its keyring, lock file and
 * throttle file. Unlocking = a user's password unwraps the database key, the
 * database opens under the workstation lock, pending migrations run (backup
 * first). Locking = audit, close the handle, wipe the key, release the lock.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { checkPassword } from '../../../shared/auth/passwordPolicy';
import { appendAudit } from '../audit/auditLog';
import { migrate } from '../db/migrate';
import { openEncrypted, type Db } from '../db/open';
import { findUserByName, insertUser, listUsers, type UserRecord } from '../users/usersRepo';
import { DEFAULT_KDF, type ScryptParams } from './kdf';
import {
  newKeyring,
  readKeyring,
  removeUser,
  unwrapForUser,
  userTag,
  wrapForUser,
  writeKeyring,
  type KeyringData,
} from './keyring';
import { acquireLock, HEARTBEAT_MS, type HeldLock } from './lockFile';
import { vaultPaths, type VaultPaths } from './paths';
import { databaseKeyFrom, formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from './recoveryKey';
import { ownerOnly, reserveEmpty, rethrowDiskFull } from './safeFile';
import { Throttle } from './throttle';

export type VaultState = 'absent' | 'locked' | 'unlocked';
export type LockReason = 'user' | 'idle' | 'sleep' | 'screen' | 'shutdown' | 'crash';

export interface VaultOptions {
  kdf?: ScryptParams;
  nativeBinding?: string;
}

export interface SetupInput {
  officeName: string;
  admin: { username: string; displayName: string; password: string };
}

export const VAULT_FORMAT = 'kalkan-vault';
const USERNAME_RE = /^[\p{L}\p{N}._-]{2,64}$/u;

export function assertUsername(username: string): void {
  if (!USERNAME_RE.test(username)) throw new CodedError('users.invalidUsername');
}

export function assertPassword(password: string, context: { username?: string; displayName?: string; officeName?: string }): void {
  const check = checkPassword(password, context);
  if (!check.ok) throw new CodedError(`password.${check.problems[0]}`);
}

export class Vault {
  readonly paths: VaultPaths;
  private db: Db | null = null;
  private key: Buffer | null = null;
  private held: HeldLock | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private readonly throttle: Throttle;
  private readonly kdf: ScryptParams;

  constructor(
    dbPath: string,
    private readonly options: VaultOptions = {},
  ) {
    this.paths = vaultPaths(dbPath);
    this.throttle = new Throttle(this.paths.throttle);
    this.kdf = options.kdf ?? DEFAULT_KDF;
  }

  state(): VaultState {
    if (this.db) return 'unlocked';
    return existsSync(this.paths.db) ? 'locked' : 'absent';
  }

  /** The office's name for the sign-in screen, from the keyring (null when unreadable). */
  officeName(): string | null {
    try {
      return readKeyring(this.paths.keyring).officeName;
    } catch {
      return null;
    }
  }

  get database(): Db {
    if (!this.db) throw new CodedError('auth.locked');
    return this.db;
  }

  /** First start: creates the database and keyring. Returns the recovery key, shown once. */
  async create(input: SetupInput): Promise<{ recoveryKey: string; vaultId: string }> {
    const officeName = input.officeName.trim();
    if (!officeName) throw new CodedError('setup.officeNameRequired');
    assertUsername(input.admin.username);
    if (!input.admin.displayName.trim()) throw new CodedError('users.displayNameRequired');
    assertPassword(input.admin.password, { username: input.admin.username, displayName: input.admin.displayName, officeName });
    if (existsSync(this.paths.db) || existsSync(this.paths.keyring)) throw new CodedError('vault.exists');

    const secret = newRecoverySecret();
    const key = databaseKeyFrom(secret);
    const held = acquireLock(this.paths.db);
    let db: Db | null = null;
    try {
      // Owner-only from the first byte; SQLite gives the WAL and SHM the database file's mode.
      reserveEmpty(this.paths.db);
      db = openEncrypted(this.paths.db, key, { create: true, nativeBinding: this.options.nativeBinding });
      migrate(db);
      let keyring = newKeyring(officeName);
      const database = db;
      database.transaction(() => {
        const setMeta = database.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        setMeta.run('format', VAULT_FORMAT);
        setMeta.run('vault_id', keyring.vaultId);
        setMeta.run('office_name', officeName);
        setMeta.run('created_at', new Date().toISOString());
        const admin = insertUser(database, {
          username: input.admin.username.trim(),
          displayName: input.admin.displayName.trim(),
          // The first account is the office head's: administrator and supervisor. Roles can be
          // split later, once more people use the office's Kalkan.
          roles: ['admin', 'supervisor'],
        });
        appendAudit(database, { action: 'vault.created', actorId: admin.id, actorName: admin.username });
        appendAudit(database, { action: 'user.created', actorId: admin.id, actorName: admin.username, targetType: 'user', targetId: admin.id, details: { roles: admin.roles.join(',') } });
      })();
      keyring = await wrapForUser(keyring, input.admin.username.trim(), input.admin.password, key, this.kdf);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
      db = null;
      writeKeyring(this.paths.keyring, keyring);
      return { recoveryKey: formatRecoveryKey(secret), vaultId: keyring.vaultId };
    } catch (error) {
      db?.close();
      // Nothing half-made is left behind: set-up either completes or leaves no files.
      for (const file of [this.paths.db, `${this.paths.db}-wal`, `${this.paths.db}-shm`, this.paths.keyring]) rmSync(file, { force: true });
      throw error;
    } finally {
      key.fill(0);
      secret.fill(0);
      held.release();
    }
  }

  /** Seconds a user must still wait before another sign-in attempt. */
  throttleSeconds(username: string): number {
    try {
      const keyring = readKeyring(this.paths.keyring);
      return Math.ceil(this.throttle.waitFor(userTag(keyring.vaultId, username)) / 1000);
    } catch {
      return 0;
    }
  }

  /** Sign-in: unlocks the vault for this user. */
  async unlock(username: string, password: string): Promise<UserRecord> {
    if (this.db) throw new CodedError('vault.alreadyUnlocked');
    if (!existsSync(this.paths.db)) throw new CodedError(existsSync(this.paths.keyring) ? 'vault.databaseMissing' : 'vault.absent');
    const keyring = readKeyring(this.paths.keyring);
    const tag = userTag(keyring.vaultId, username);
    const wait = this.throttle.waitFor(tag);
    if (wait > 0) throw new CodedError('vault.throttled', { seconds: Math.ceil(wait / 1000) });

    let key: Buffer;
    try {
      key = await unwrapForUser(keyring, username, password);
    } catch (error) {
      this.throttle.recordFailure(tag);
      throw error;
    }
    this.openWithKey(key, keyring);
    const db = this.database;
    const user = findUserByName(db, username);
    if (!user || user.disabled) {
      // The keyring entry of a disabled user is removed, so this is rare (a keyring restored from
      // an old backup): still refuse, and record the attempt.
      this.throttle.recordFailure(tag);
      this.close();
      throw new CodedError(user ? 'vault.userDisabled' : 'vault.wrongPassword');
    }
    this.throttle.recordSuccess(tag);
    db.transaction(() => {
      this.flushFailedAttempts(keyring);
      appendAudit(db, { action: 'auth.signIn', actorId: user.id, actorName: user.username });
    })();
    this.held?.setUser(user.username);
    return user;
  }

  /**
   * Recovery: the recovery key opens the database even without a keyring. Sets a new
   * password for one existing, enabled user (usually the administrator) and rebuilds the
   * keyring if it was missing or damaged. The vault is left locked.
   */
  async recover(recoveryKey: string, username: string, newPassword: string): Promise<void> {
    if (this.db) throw new CodedError('vault.alreadyUnlocked');
    if (!existsSync(this.paths.db)) throw new CodedError('vault.absent');
    const secret = parseRecoveryKey(recoveryKey);
    if (!secret) throw new CodedError('vault.recoveryKeyInvalid');
    const key = databaseKeyFrom(secret);
    secret.fill(0);
    let keyring: KeyringData | null = null;
    try {
      keyring = readKeyring(this.paths.keyring);
    } catch {
      keyring = null; // rebuilt below from the database's own metadata
    }
    try {
      this.openWithKey(key, keyring, 'vault.recoveryKeyWrong');
    } catch (error) {
      key.fill(0);
      throw error;
    }
    try {
      const db = this.database;
      const user = findUserByName(db, username);
      if (!user || user.disabled) throw new CodedError('users.notFound');
      const meta = readMeta(db);
      assertPassword(newPassword, { username: user.username, displayName: user.displayName, officeName: meta.officeName });
      const base = keyring ?? newKeyring(meta.officeName, meta.vaultId);
      const next = await wrapForUser(base, user.username, newPassword, this.key!, this.kdf);
      db.transaction(() => {
        appendAudit(db, {
          action: 'auth.recovered',
          actorId: user.id,
          actorName: user.username,
          targetType: 'user',
          targetId: user.id,
          details: { keyringRebuilt: keyring === null },
        });
      })();
      writeKeyring(this.paths.keyring, next);
    } finally {
      this.close();
    }
  }

  /** Locks: audit, close, wipe the key, release the workstation lock. */
  lock(reason: LockReason, actor?: { id: string; username: string }): void {
    if (!this.db) return;
    try {
      appendAudit(this.db, { action: 'auth.lock', actorId: actor?.id ?? null, actorName: actor?.username ?? null, details: { reason } });
    } catch {
      /* locking must never fail because the audit write did */
    }
    this.close();
  }

  // --- key management while unlocked -------------------------------------------------

  async setPassword(user: Pick<UserRecord, 'username' | 'displayName'>, password: string): Promise<void> {
    if (!this.key) throw new CodedError('auth.locked');
    const keyring = readKeyring(this.paths.keyring);
    assertPassword(password, { username: user.username, displayName: user.displayName, officeName: keyring.officeName });
    writeKeyring(this.paths.keyring, await wrapForUser(keyring, user.username, password, this.key, this.kdf));
  }

  /** True when `password` is this user's current password (for changing one's own password). */
  async checkPassword(username: string, password: string): Promise<boolean> {
    try {
      const key = await unwrapForUser(readKeyring(this.paths.keyring), username, password);
      key.fill(0);
      return true;
    } catch {
      return false;
    }
  }

  removeKeyFor(username: string): void {
    writeKeyring(this.paths.keyring, removeUser(readKeyring(this.paths.keyring), username));
  }

  /**
   * Runs `use` on the database opened with the recovery key, without unlocking the vault
   * (no session; state() stays 'locked'). For the recovery sheet printed right after
   * set-up, before any password has signed in (see documents/recoverySheet.ts).
   */
  withRecoveryKey<T>(recoveryKey: string, use: (db: Db) => T): T {
    if (this.db) throw new CodedError('vault.alreadyUnlocked');
    const secret = parseRecoveryKey(recoveryKey);
    if (!secret) throw new CodedError('vault.recoveryKeyInvalid');
    const key = databaseKeyFrom(secret);
    secret.fill(0);
    const held = acquireLock(this.paths.db);
    let db: Db | null = null;
    try {
      try {
        db = openEncrypted(this.paths.db, key, { nativeBinding: this.options.nativeBinding });
      } catch (error) {
        if (error instanceof CodedError && error.code === 'vault.damaged') throw new CodedError('vault.recoveryKeyWrong');
        throw error;
      }
      if (readMetaOrNull(db)?.format !== VAULT_FORMAT) throw new CodedError('vault.notKalkan');
      return use(db);
    } finally {
      key.fill(0);
      db?.close();
      held.release();
    }
  }

  /** The current key, for backup MACs and consistent copies. Never leaves core. */
  withKey<T>(use: (key: Buffer, keyring: KeyringData) => T): T {
    if (!this.key) throw new CodedError('auth.locked');
    return use(this.key, readKeyring(this.paths.keyring));
  }

  // --- internals -------------------------------------------------------------------------

  private openWithKey(key: Buffer, keyring: KeyringData | null, wrongKeyCode = 'vault.damaged'): void {
    const held = acquireLock(this.paths.db);
    let db: Db | null = null;
    try {
      try {
        db = openEncrypted(this.paths.db, key, { nativeBinding: this.options.nativeBinding });
      } catch (error) {
        // The keyring unwrapped, so the key is the keyring's: the file is damaged or belongs
        // to another keyring. With a recovery key, the key itself may be the wrong one.
        if (error instanceof CodedError && error.code === 'vault.damaged') throw new CodedError(wrongKeyCode);
        throw error;
      }
      // Vaults made before files were owner-only are tightened on open.
      ownerOnly(this.paths.db, `${this.paths.db}-wal`, `${this.paths.db}-shm`, this.paths.keyring);
      const meta = readMetaOrNull(db);
      if (!meta || meta.format !== VAULT_FORMAT) throw new CodedError('vault.notKalkan');
      if (keyring && meta.vaultId !== keyring.vaultId) throw new CodedError('vault.keyringMismatch');
      const database = db;
      migrate(database, { backup: (from) => this.preMigrationBackup(database, from) });
      this.db = db;
      this.key = key;
      this.held = held;
      this.heartbeatTimer = setInterval(() => held.heartbeat(), HEARTBEAT_MS);
      this.heartbeatTimer.unref();
    } catch (error) {
      db?.close();
      held.release();
      throw error;
    }
  }

  private preMigrationBackup(db: Db, fromVersion: number): void {
    mkdirSync(this.paths.migrationBackups, { recursive: true, mode: 0o700 });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = join(this.paths.migrationBackups, `before-v${fromVersion}-migration-${stamp}.db`);
    // VACUUM INTO keeps the cipher and key: the copy is as encrypted as the original. Its file is
    // created first, exclusively and owner-only (VACUUM INTO fills an empty file).
    reserveEmpty(target);
    try {
      db.prepare('VACUUM INTO ?').run(target);
    } catch (error) {
      rethrowDiskFull(error);
    }
  }

  private flushFailedAttempts(keyring: KeyringData): void {
    const db = this.database;
    const pending = this.throttle.takePending();
    if (pending.length === 0) return;
    const byTag = new Map(listUsers(db).map((u) => [userTag(keyring.vaultId, u.username), u]));
    for (const attempt of pending) {
      const user = byTag.get(attempt.userTag);
      appendAudit(db, {
        action: 'auth.signInFailed',
        at: attempt.at,
        actorId: user?.id ?? null,
        actorName: user?.username ?? null,
        details: { knownUser: Boolean(user) },
      });
    }
  }

  private close(): void {
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = null;
    try {
      this.db?.close();
    } finally {
      this.db = null;
      this.key?.fill(0);
      this.key = null;
      this.held?.release();
      this.held = null;
    }
  }
}

export interface VaultMeta {
  format: string;
  vaultId: string;
  officeName: string;
  createdAt: string;
}

function readMetaOrNull(db: Db): VaultMeta | null {
  try {
    const rows = db.prepare('SELECT key, value FROM meta').all() as Array<{ key: string; value: string }>;
    const map = new Map(rows.map((r) => [r.key, r.value]));
    return {
      format: map.get('format') ?? '',
      vaultId: map.get('vault_id') ?? '',
      officeName: map.get('office_name') ?? '',
      createdAt: map.get('created_at') ?? '',
    };
  } catch {
    return null; // no meta table: an encrypted SQLite file, but not a Kalkan vault
  }
}

export function readMeta(db: Db): VaultMeta {
  const meta = readMetaOrNull(db);
  if (!meta) throw new CodedError('vault.notKalkan');
  return meta;
}
