/**
 * The encrypted vault: one SQLCipher database plus its keyring, lock file and
 * throttle file. Unlocking = a user's password unwraps the database key, the
 * database opens under the workstation lock, pending migrations run (backup
 * first). Locking = audit, close the handle, wipe the key, release the lock.
 */
import type { KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { checkPassword } from '../../../shared/auth/passwordPolicy';
import type { AuditAction } from '../../../shared/api/auditActions';
import { appendAudit } from '../audit/auditLog';
import { anchorsFor, checkAnchors, type AnchorCheck } from '../audit/anchor';
import { confirmAuditSigning, newAuditKey, recertifyAuditKeys, registerAuditKey, setAuditSigner, type AuditKey, type AuditSigner } from '../audit/auditSigning';
import { resealSyncKeys } from '../sync/keys';
import { getVaultSetting, setVaultSetting } from '../db/vaultSettings';
import { applyProvinceDirectory, canonicalProvince } from '../referrals/directorySeed';
import { migrate } from '../db/migrate';
import { openEncrypted, type Db } from '../db/open';
import { findUserByName, grantSigOf, insertUser, listUsers, signGrantRow, type UserRecord } from '../users/usersRepo';
import {
  entrySigned,
  grantSigned,
  newAuthority,
  publicKeyFrom,
  recoveryWrappingKey,
  sealAuthority,
  setSigner,
  signEntry,
  unsealAuthority,
  type Authority,
} from './authority';
import { DEFAULT_KDF, type ScryptParams } from './kdf';
import {
  newKeyring,
  readKeyring,
  removeUser,
  rewrapForRotation,
  unwrapEntry,
  unwrapForUser,
  userTag,
  wrapForUser,
  writeKeyring,
  type KeyringData,
  type KeyringEntry,
} from './keyring';
import { acquireLock, HEARTBEAT_MS, type HeldLock } from './lockFile';
import { copyDbFile } from './dbFileBytes';
import { vaultPaths, type VaultPaths } from './paths';
import { databaseKeyFrom, formatRecoveryKey, newRecoverySecret, parseRecoveryKey } from './recoveryKey';
import { ownerOnly, reserveEmpty, rethrowDiskFull } from './safeFile';
import { Throttle } from './throttle';

export type VaultState = 'absent' | 'locked' | 'unlocked';
export type LockReason = 'user' | 'idle' | 'sleep' | 'screen' | 'shutdown' | 'crash';

export interface VaultOptions {
  kdf?: ScryptParams;
  nativeBinding?: string;
  /** Tests only: stop a rotation at this step, as a crash there would. */
  rotationFault?: RotationStep;
  /** The clock behind SQL's kalkan_today() (the core's clock). */
  now?: () => Date;
}

/** The steps of a key rotation, in order (see Vault.rotate). */
export type RotationStep = 'staged' | 'signed' | 'rekeyed';

export interface RotationResult {
  /** The new recovery key, shown once. */
  recoveryKey: string;
  /** Users whose entries now hold the new key. */
  rewrapped: number;
  /** Entries left out: disabled or unknown users, and entries written before rotation existed (they need a new password). */
  dropped: number;
  /** Active users without an entry now (an administrator sets a new password for them). */
  needPassword: string[];
}

export interface SetupInput {
  officeName: string;
  admin: { username: string; displayName: string; password: string };
  /** The office's province and district (issue 14): stored in the office settings; the province seeds the directory. */
  province?: string | null;
  district?: string | null;
  /** Turns the daily backup on into this folder (set-up does, issue 14 item 6); absent: off. */
  dailyBackupFolder?: string;
}

export const VAULT_FORMAT = 'kalkan-vault';
const USERNAME_RE = /^[\p{L}\p{N}._-]{2,64}$/u;

export function assertUsername(username: string): void {
  if (!USERNAME_RE.test(username)) throw new CodedError('users.invalidUsername');
}

export function assertPassword(password: string, context: { username?: string; displayName?: string; officeName?: string; places?: string[] }): void {
  const check = checkPassword(password, context);
  if (!check.ok) throw new CodedError(`password.${check.problems[0]}`);
}

/**
 * What the password check counts as the office's name in an open vault: the name given at set-up,
 * and as `places` its province, district and printed name (issue 14 item 9: "Kecioren2026!" is
 * as guessable in a Keçiören office as the office's own name). Every place a password is set uses it.
 */
export function officePasswordNames(db: Db): { officeName: string; places: string[] } {
  const office = getVaultSetting(db, 'office');
  const places = [office.province, office.district, office.name].filter((p): p is string => Boolean(p?.trim()));
  return { officeName: readMeta(db).officeName, places };
}

export class Vault {
  readonly paths: VaultPaths;
  private db: Db | null = null;
  private key: Buffer | null = null;
  /** The office authority, while an administrator who holds it is signed in. */
  private authority: Authority | null = null;
  /** The signed-in user's audit signing key (audit/auditSigning.ts), registered for the open database. */
  private auditKey: AuditSigner | null = null;
  /** The audit anchor compared at sign-in; while it does not match, no lock moves it. */
  private anchor: AnchorCheck | null = null;
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

  /** The SQLite addon path this vault opens with (Electron's ABI build), for job workers that open copies. */
  get nativeBinding(): string | undefined {
    return this.options.nativeBinding;
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
    // The office's province and district are as guessable as its name ("Kecioren2026!" for any office in Keçiören).
    const places = [input.province, input.district].filter((p): p is string => Boolean(p?.trim()));
    assertPassword(input.admin.password, { username: input.admin.username, displayName: input.admin.displayName, officeName, places });
    const province = canonicalProvince(input.province);
    if (existsSync(this.paths.db) || existsSync(this.paths.keyring)) throw new CodedError('vault.exists');

    const secret = newRecoverySecret();
    const key = databaseKeyFrom(secret);
    const held = acquireLock(this.paths.db);
    let db: Db | null = null;
    try {
      // Owner-only from the first byte; SQLite gives the WAL and SHM the database file's mode.
      reserveEmpty(this.paths.db);
      db = openEncrypted(this.paths.db, key, { create: true, nativeBinding: this.options.nativeBinding, ...(this.options.now ? { now: this.options.now } : {}) });
      migrate(db);
      let keyring = newKeyring(officeName);
      // The office's signing authority: sealed for the administrator below and under the recovery key.
      const authority = newAuthority();
      const adminKey = newAuditKey();
      const recoveryWrap = recoveryWrappingKey(secret);
      keyring = { ...keyring, authority: { publicKey: authority.publicKeyText, recovery: sealAuthority(recoveryWrap, authority, `${keyring.vaultId}|recovery`) } };
      recoveryWrap.fill(0);
      const database = db;
      setSigner(database, authority, keyring.vaultId);
      database.transaction(() => {
        const setMeta = database.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
        setMeta.run('format', VAULT_FORMAT);
        setMeta.run('vault_id', keyring.vaultId);
        setMeta.run('office_name', officeName);
        setMeta.run('created_at', new Date().toISOString());
        setMeta.run(AUTHORITY_META, authority.publicKeyText);
        const admin = insertUser(database, {
          username: input.admin.username.trim(),
          displayName: input.admin.displayName.trim(),
          // The first account is the office head's: administrator and supervisor. Roles can be
          // split later, once more people use the office's Kalkan.
          roles: ['admin', 'supervisor'],
        });
        // Her audit key, certified at once: every row from the first is signed.
        registerAuditKey(database, keyring.vaultId, admin.username, adminKey, authority);
        setAuditSigner(database, { ...adminKey, userId: admin.id });
        const district = input.district?.trim() || null;
        if (province || district) setVaultSetting(database, 'office', { ...getVaultSetting(database, 'office'), province, district });
        applyProvinceDirectory(database, province, new Date().toISOString());
        appendAudit(database, { action: 'vault.created', actorId: admin.id, actorName: admin.username });
        appendAudit(database, { action: 'user.created', actorId: admin.id, actorName: admin.username, targetType: 'user', targetId: admin.id, details: { roles: admin.roles.join(',') } });
        if (input.dailyBackupFolder) {
          setVaultSetting(database, 'backupSchedule', { enabled: true, folder: input.dailyBackupFolder, keep: 14, lastAt: null, lastFile: null, lastError: null });
        }
        confirmAuditSigning(database, keyring.vaultId, authority);
      })();
      keyring = await wrapForUser(keyring, input.admin.username.trim(), input.admin.password, key, this.kdf, {
        signWith: authority,
        sealAuthority: authority,
        auditKey: adminKey,
      });
      setSigner(db, null, keyring.vaultId);
      setAuditSigner(db, null);
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
    const finished = await this.settlePendingRotation(username, password);
    const keyring = readKeyring(this.paths.keyring);
    const tag = userTag(keyring.vaultId, username);
    const wait = this.throttle.waitFor(tag);
    if (wait > 0) throw new CodedError('vault.throttled', { seconds: Math.ceil(wait / 1000) });

    let unwrapped: Awaited<ReturnType<typeof unwrapEntry>>;
    try {
      unwrapped = await unwrapEntry(keyring, username, password);
    } catch (error) {
      this.throttle.recordFailure(tag);
      throw error;
    }
    this.openWithKey(unwrapped.key, keyring);
    const db = this.database;
    let user = findUserByName(db, username);
    if (!user || user.disabled) {
      // The keyring entry of a disabled user is removed, so this is rare (a keyring restored from
      // an old backup): still refuse, and record the attempt.
      this.throttle.recordFailure(tag);
      this.close();
      throw new CodedError(user ? 'vault.userDisabled' : 'vault.wrongPassword');
    }
    let checked: { user: UserRecord; findings: TamperFindings | null };
    try {
      checked = await this.checkAuthority(keyring, user, unwrapped, password);
    } catch (error) {
      this.throttle.recordFailure(tag);
      this.close();
      throw error;
    }
    user = checked.user;
    this.throttle.recordSuccess(tag);
    // Her audit signing key: from her entry, or (an entry made before per-user signatures) a new one,
    // registered now and certified by this session if it is an administrator's, else by the next one.
    const auditKey: AuditKey = unwrapped.signer ?? newAuditKey();
    const authority = this.authority;
    const vaultId = keyring.vaultId;
    const keyOwner = user;
    db.transaction(() => {
      registerAuditKey(db, vaultId, keyOwner.username, auditKey, authority);
      if (authority) confirmAuditSigning(db, vaultId, authority);
    })();
    this.auditKey = { ...auditKey, userId: user.id };
    setAuditSigner(db, this.auditKey);
    if (!unwrapped.entry.box || !unwrapped.signer) {
      // An entry written before key rotation (or audit signatures) existed: rewrapped with a key pair
      // and the audit key now (the password is at hand only here), so the next rotation can reach it
      // and her rows are signed. Its signature and authority are kept.
      try {
        writeKeyring(
          this.paths.keyring,
          await wrapForUser(keyring, username, password, this.key!, unwrapped.entry.kdf, { sealAuthority: unwrapped.authority, auditKey }),
        );
      } catch {
        /* the old entry still works; the next sign-in tries again */
      }
    }
    const signedIn = user;
    // The anchor outside the database, compared before this sign-in adds its rows.
    const pinned = keyring.authority?.publicKey ? publicKeyFrom(keyring.authority.publicKey) : null;
    const anchor = checkAnchors(db, keyring.vaultId, this.key!, this.authority?.publicKey ?? pinned, keyring.audit);
    this.anchor = anchor;
    db.transaction(() => {
      this.flushFailedAttempts(keyring);
      if (!anchor.ok) {
        appendAudit(db, {
          action: 'audit.anchorMismatch',
          actorId: signedIn.id,
          actorName: signedIn.username,
          details: { problem: anchor.problem ?? null, anchorSeq: anchor.anchorSeq ?? null, headSeq: anchor.headSeq ?? null },
        });
      }
      appendAudit(db, { action: 'auth.signIn', actorId: signedIn.id, actorName: signedIn.username, details: { anchorSeq: keyring.audit?.latest?.seq ?? null, anchorOk: anchor.ok } });
      // A rotation finished here was cut short before its recovery key was shown: rotate again.
      if (finished) setVaultSetting(db, 'rotationRecommended', { since: new Date().toISOString(), reason: 'rotationInterrupted' });
    })();
    this.held?.setUser(user.username);
    return user;
  }

  /**
   * Signed authority at sign-in (see authority.ts). Refuses an entry or grant that does not
   * verify (recording why in the audit log first); an administrator must hold the authority's
   * private key, and her sign-in checks every entry and grant with the key she unsealed.
   * Returns the user with the roles her signed grant gives.
   */
  private async checkAuthority(
    keyring: KeyringData,
    user: UserRecord,
    unwrapped: { entry: KeyringEntry; authority: Authority | null },
    password: string,
  ): Promise<{ user: UserRecord; findings: TamperFindings | null }> {
    const db = this.database;
    const meta = readMeta(db);
    const pinnedMeta = readMetaValue(db, AUTHORITY_META);
    const pinnedRing = keyring.authority?.publicKey ?? null;
    const refuse = (code: string, action: AuditAction): never => {
      db.transaction(() => appendAudit(db, { action, actorId: user.id, actorName: user.username, targetType: 'user', targetId: user.id }))();
      throw new CodedError(code);
    };
    if (pinnedMeta === null && pinnedRing === null) {
      // A vault made before signed authority: its first administrator sign-in creates it.
      if (user.roles.includes('admin')) await this.createAuthority(keyring, user, password);
      return { user, findings: null };
    }
    // The key an administrator's entry unseals is the only key not taken from a file; it counts
    // only when it is the office's pinned key (a forger's own key pair is not).
    const unsealed = unwrapped.authority;
    const own = unsealed && (unsealed.publicKeyText === pinnedRing || unsealed.publicKeyText === pinnedMeta) ? unsealed : null;
    if (user.roles.includes('admin')) {
      // An administrator grant without the office key: a forged entry, a role edited in the table,
      // or an account made administrator whose password an administrator has not set since.
      if (!own) refuse('vault.adminKeyMissing', 'security.adminKeyMissing');
      this.authority = own;
      setSigner(db, own, meta.vaultId);
      return { user, findings: this.scanForTampering(keyring, own!) };
    }
    // Everyone else: the key pinned in the keyring and in the database must agree.
    const trusted = pinnedRing !== null && pinnedRing === pinnedMeta ? publicKeyFrom(pinnedRing) : null;
    if (!trusted) refuse('vault.tampered', 'security.keyMismatch');
    const publicKey = trusted!;
    if (!entrySigned(publicKey, keyring.vaultId, unwrapped.entry.userTag, unwrapped.entry.sig)) refuse('vault.entryUnsigned', 'security.forgedEntry');
    if (!grantSigned(publicKey, meta.vaultId, user, grantSigOf(db, user.id))) refuse('vault.grantInvalid', 'security.grantInvalid');
    return { user, findings: null };
  }

  /** Every entry and grant checked with the administrator's own key; findings audited and kept for the dashboard. */
  private scanForTampering(keyring: KeyringData, authority: Authority): TamperFindings {
    const db = this.database;
    const meta = readMeta(db);
    const known = new Map(listUsers(db).map((u) => [userTag(keyring.vaultId, u.username), u]));
    const forgedEntries = keyring.entries.filter((e) => !entrySigned(authority.publicKey, keyring.vaultId, e.userTag, e.sig) || !known.has(e.userTag)).length;
    const badGrants = listUsers(db).filter((u) => !grantSigned(authority.publicKey, meta.vaultId, u, grantSigOf(db, u.id))).length;
    const keyReplaced = keyring.authority?.publicKey !== authority.publicKeyText || readMetaValue(db, AUTHORITY_META) !== authority.publicKeyText;
    const findings: TamperFindings = { forgedEntries, badGrants, keyReplaced };
    if (forgedEntries || badGrants || keyReplaced) {
      db.transaction(() => {
        appendAudit(db, { action: 'security.tamperDetected', details: { forgedEntries, badGrants, keyReplaced } });
        setVaultSetting(db, 'securityAlert', { at: new Date().toISOString(), forgedEntries, badGrants, keyReplaced });
        // Pin the true key again; forged grants stay unsigned (refused) until an administrator re-saves them.
        if (keyReplaced) setMetaValue(db, AUTHORITY_META, authority.publicKeyText);
      })();
      if (keyring.authority?.publicKey !== authority.publicKeyText) {
        writeKeyring(this.paths.keyring, { ...keyring, authority: { publicKey: authority.publicKeyText, ...(keyring.authority?.recovery ? { recovery: keyring.authority.recovery } : {}) } });
      }
    }
    return findings;
  }

  /** First administrator sign-in of a vault made before signed authority: create, seal, sign everything. */
  private async createAuthority(keyring: KeyringData, user: UserRecord, password: string): Promise<void> {
    const db = this.database;
    const vaultId = readMeta(db).vaultId;
    const authority = newAuthority();
    setSigner(db, authority, vaultId);
    let next: KeyringData = {
      ...keyring,
      authority: { publicKey: authority.publicKeyText },
      entries: keyring.entries.map((e) => ({ ...e, sig: signEntry(authority, keyring.vaultId, e.userTag) })),
    };
    next = await wrapForUser(next, user.username, password, this.key!, this.kdf, { signWith: authority, sealAuthority: authority });
    db.transaction(() => {
      setMetaValue(db, AUTHORITY_META, authority.publicKeyText);
      for (const u of listUsers(db)) signGrantRow(db, u.id);
      appendAudit(db, { action: 'security.authorityCreated', actorId: user.id, actorName: user.username });
    })();
    writeKeyring(this.paths.keyring, next);
    this.authority = authority;
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
    const secretCopy = Buffer.from(secret);
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
      secretCopy.fill(0);
      throw error;
    }
    try {
      const db = this.database;
      const user = findUserByName(db, username);
      if (!user || user.disabled) throw new CodedError('users.notFound');
      const meta = readMeta(db);
      assertPassword(newPassword, { username: user.username, displayName: user.displayName, ...officePasswordNames(db) });
      let base = keyring ?? newKeyring(meta.officeName, meta.vaultId);
      // The recovery key also unseals the office authority; if the keyring (and with it the sealed
      // key) is lost, the recovery holder vouches for the office as it is: a new authority signs it.
      const recoveryWrap = recoveryWrappingKey(secretCopy);
      secretCopy.fill(0);
      let authority = base.authority?.recovery ? unsealAuthority(recoveryWrap, base.authority.recovery, `${meta.vaultId}|recovery`) : null;
      const created = authority === null;
      if (!authority) {
        authority = newAuthority();
        base = {
          ...base,
          authority: { publicKey: authority.publicKeyText, recovery: sealAuthority(recoveryWrap, authority, `${meta.vaultId}|recovery`) },
          entries: base.entries.map((e) => ({ ...e, sig: signEntry(authority!, base.vaultId, e.userTag) })),
        };
      }
      recoveryWrap.fill(0);
      // A new audit key for the recovered account, certified by the recovery key's holder.
      const auditKey = newAuditKey();
      const next = await wrapForUser(base, user.username, newPassword, this.key!, this.kdf, {
        signWith: authority,
        sealAuthority: user.roles.includes('admin') ? authority : null,
        auditKey,
      });
      const signer = authority;
      db.transaction(() => {
        registerAuditKey(db, meta.vaultId, user.username, auditKey, signer);
        setAuditSigner(db, { ...auditKey, userId: user.id });
        if (created) {
          setSigner(db, signer, meta.vaultId);
          setMetaValue(db, AUTHORITY_META, signer.publicKeyText);
          for (const u of listUsers(db)) signGrantRow(db, u.id);
          recertifyAuditKeys(db, meta.vaultId, null, signer);
          appendAudit(db, { action: 'security.authorityCreated', actorId: user.id, actorName: user.username });
        }
        // The recovery key's holder vouches for this account as the table shows it.
        setSigner(db, signer, meta.vaultId);
        signGrantRow(db, user.id);
        confirmAuditSigning(db, meta.vaultId, signer);
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
    try {
      // The chain's head goes outside the database, unless this session found it not matching
      // (then the old anchor stays as evidence until an administrator re-anchors).
      if (this.anchor?.ok !== false) writeKeyring(this.paths.keyring, this.keyringWithAnchors());
    } catch {
      /* nor because the keyring could not be written */
    }
    this.close();
  }

  /**
   * The office's public key to verify signatures with: the one an administrator's session unsealed
   * (trusting nothing stored), else the key pinned in both the keyring and the database (null when
   * they differ or are missing).
   */
  officePublicKey(): KeyObject | null {
    if (!this.db) return null;
    if (this.authority) return this.authority.publicKey;
    let pinnedRing: string | null = null;
    try {
      pinnedRing = readKeyring(this.paths.keyring).authority?.publicKey ?? null;
    } catch {
      return null;
    }
    return pinnedRing !== null && pinnedRing === readMetaValue(this.db, AUTHORITY_META) ? publicKeyFrom(pinnedRing) : null;
  }

  /** The audit anchor compared at this session's sign-in (null while locked). */
  anchorStatus(): AnchorCheck | null {
    return this.db ? this.anchor : null;
  }

  /** An administrator accepts the log as it is now (after investigating a mismatch): the next lock anchors it. */
  reanchor(actor: { id: string; username: string }): void {
    const db = this.database;
    if (!this.authority) throw new CodedError('auth.forbidden');
    db.transaction(() => appendAudit(db, { action: 'audit.reanchored', actorId: actor.id, actorName: actor.username, details: { problem: this.anchor?.problem ?? null } }))();
    this.anchor = { ok: true };
  }

  /** The keyring with anchors for the current chain head (for the lock and for every backup). */
  keyringWithAnchors(): KeyringData {
    const db = this.database;
    const keyring = readKeyring(this.paths.keyring);
    if (this.anchor?.ok === false) return keyring;
    return { ...keyring, audit: anchorsFor(db, keyring.vaultId, this.key!, this.authority, keyring.audit) };
  }

  // --- key management while unlocked -------------------------------------------------

  /**
   * Sets a user's password (their keyring entry). An administrator's session signs the entry and,
   * for an administrator account (`admin`, else the account's current roles), seals the office
   * authority into it; otherwise the entry keeps the signature it had (a user's own change).
   */
  async setPassword(user: Pick<UserRecord, 'username' | 'displayName'>, password: string, options: { admin?: boolean } = {}): Promise<void> {
    if (!this.key) throw new CodedError('auth.locked');
    const keyring = readKeyring(this.paths.keyring);
    assertPassword(password, { username: user.username, displayName: user.displayName, ...(this.db ? officePasswordNames(this.db) : { officeName: keyring.officeName }) });
    const existing = this.db ? findUserByName(this.db, user.username) : null;
    const admin = options.admin ?? Boolean(existing?.roles.includes('admin'));
    const authority = this.authority;
    // One's own password change keeps one's audit key; a password set by someone else (a new user,
    // a reset) comes with a new key, certified when an administrator sets it (the old key stays
    // registered, so her earlier rows keep verifying).
    const own = this.auditKey && existing?.id === this.auditKey.userId ? this.auditKey : null;
    const auditKey: AuditKey = own ? { keyId: own.keyId, privateKey: own.privateKey } : newAuditKey();
    if (!own && this.db) {
      const db = this.db;
      db.transaction(() => registerAuditKey(db, keyring.vaultId, user.username, auditKey, authority))();
    }
    writeKeyring(
      this.paths.keyring,
      await wrapForUser(keyring, user.username, password, this.key, this.kdf, { signWith: authority, sealAuthority: admin ? authority : null, auditKey }),
    );
  }

  /**
   * Rotates the office key (administrators; issue 13): a new recovery secret and with it a new
   * database key (SQLCipher rekey), every active user's entry rewrapped to her key pair (no
   * password needed), this workstation's sync keys re-sealed. The office signing authority is
   * **replaced**: a new Ed25519 key pair, sealed for administrators and under the new recovery key,
   * pinned in the keyring and the database; every kept entry, every grant that verified under the
   * old key, every certified audit key, the legacy boundary and the anchors are signed again with
   * the new one. From then on nothing the old key signs verifies (a former administrator who kept
   * it signs nothing). No history of old public keys is kept: an old backup carries its own
   * keyring and database, both pinning the key it was signed with. Old backups keep their old key.
   *
   * Crash safety, in this order: (1) the new keyring is written beside the current one
   * (`.keyring.next`, atomically); (2) one transaction pins the new authority and re-signs grants
   * and audit keys; (3) the database is rekeyed in one transaction (rollback journal, so a crash
   * leaves it under the old key or the new); (4) the new keyring replaces the old (rename). A crash
   * after (1) leaves the database as it was: the next sign-in removes `.next`. After (2) the
   * database pins the key `.next` pins: the next sign-in finishes (3) and (4) with the new key
   * from `.next`. After (3) only `.next` opens the database: the next sign-in finishes (4). At no
   * point does no keyring open it.
   */
  async rotate(actor: { id: string; username: string }, progress?: (done: number, total: number, step: string) => void): Promise<RotationResult> {
    const db = this.database;
    const authority = this.authority;
    if (!authority || !this.key) throw new CodedError('auth.forbidden');
    const oldKey = this.key;
    const current = readKeyring(this.paths.keyring);
    const vaultId = current.vaultId;
    const users = listUsers(db).filter((u) => !u.disabled);
    const keep = new Map(users.map((u) => [userTag(vaultId, u.username), { admin: u.roles.includes('admin') }]));
    const secret = newRecoverySecret();
    const newKey = databaseKeyFrom(secret);
    const recoveryWrap = recoveryWrappingKey(secret);
    const nextAuthority = newAuthority();
    const pending = `${this.paths.keyring}.next`;
    try {
      progress?.(0, 4, 'admin.rotation.step.rewrap');
      const rewrap = rewrapForRotation(current, newKey, keep, nextAuthority);
      const needPassword = users.filter((u) => !rewrap.rewrapped.includes(userTag(vaultId, u.username))).map((u) => u.username);
      const next: KeyringData = {
        ...rewrap.keyring,
        authority: { publicKey: nextAuthority.publicKeyText, recovery: sealAuthority(recoveryWrap, nextAuthority, `${vaultId}|recovery`) },
        ...(current.sync ? { sync: resealSyncKeys(current.sync, vaultId, oldKey, newKey) } : {}),
        audit: anchorsFor(db, vaultId, newKey, nextAuthority, current.audit),
      };
      progress?.(1, 4, 'admin.rotation.step.stage');
      writeKeyring(pending, next);
      if (this.options.rotationFault === 'staged') throw new CodedError('vault.rotationInterrupted');
      try {
        db.transaction(() => {
          appendAudit(db, {
            action: 'security.keyRotated',
            actorId: actor.id,
            actorName: actor.username,
            details: { rewrapped: rewrap.rewrapped.length, dropped: rewrap.dropped.length, needPassword: needPassword.length, signingKeyReplaced: true },
          });
          setVaultSetting(db, 'rotationRecommended', null);
          setMetaValue(db, AUTHORITY_META, nextAuthority.publicKeyText);
          // Grants that verify under the old key are signed with the new one; a grant that did not
          // (edited in the table) stays refused.
          const valid = listUsers(db).filter((u) => grantSigned(authority.publicKey, vaultId, u, grantSigOf(db, u.id)));
          setSigner(db, nextAuthority, vaultId);
          for (const u of valid) signGrantRow(db, u.id);
          recertifyAuditKeys(db, vaultId, authority, nextAuthority);
        })();
      } catch (error) {
        setSigner(db, authority, vaultId);
        throw error;
      }
      this.authority = nextAuthority;
      if (this.options.rotationFault === 'signed') throw new CodedError('vault.rotationInterrupted');
      progress?.(2, 4, 'admin.rotation.step.rekey');
      rekeyDatabase(db, newKey);
      this.key = Buffer.from(newKey);
      oldKey.fill(0);
      if (this.options.rotationFault === 'rekeyed') throw new CodedError('vault.rotationInterrupted');
      progress?.(3, 4, 'admin.rotation.step.commit');
      renameSync(pending, this.paths.keyring);
      progress?.(4, 4, 'admin.rotation.step.done');
      return { recoveryKey: formatRecoveryKey(secret), rewrapped: rewrap.rewrapped.length, dropped: rewrap.dropped.length, needPassword };
    } finally {
      secret.fill(0);
      newKey.fill(0);
      recoveryWrap.fill(0);
    }
  }

  /**
   * After a rotation cut short (see rotate): keep whichever keyring opens the database, and finish
   * a rotation whose signing step was committed (the database pins the key `.next` pins) but whose
   * rekey was not. Returns true when the rotation was finished here (its recovery key was never shown).
   */
  private async settlePendingRotation(username: string, password: string): Promise<boolean> {
    const pending = `${this.paths.keyring}.next`;
    if (!existsSync(pending)) return false;
    const keyFrom = async (path: string): Promise<Buffer | null> => {
      try {
        return await unwrapForUser(readKeyring(path), username, password);
      } catch {
        return null;
      }
    };
    const openWith = (key: Buffer): Db | null => {
      try {
        return openEncrypted(this.paths.db, key, { exclusive: false, nativeBinding: this.options.nativeBinding });
      } catch {
        return null;
      }
    };
    const currentKey = existsSync(this.paths.keyring) ? await keyFrom(this.paths.keyring) : null;
    const current = currentKey ? openWith(currentKey) : null;
    currentKey?.fill(0);
    if (current) {
      try {
        const pendingPin = readKeyring(pending).authority?.publicKey ?? null;
        const currentPin = readKeyring(this.paths.keyring).authority?.publicKey ?? null;
        if (pendingPin === null || pendingPin === currentPin || readMetaValue(current, AUTHORITY_META) !== pendingPin) {
          rmSync(pending, { force: true }); // cut short before anything in the database changed
          return false;
        }
        const newKey = await keyFrom(pending);
        if (!newKey) return false; // her entry was left out of the new keyring: another user's sign-in finishes it
        try {
          rekeyDatabase(current, newKey);
        } finally {
          newKey.fill(0);
        }
      } finally {
        current.close();
      }
      renameSync(pending, this.paths.keyring);
      return true;
    }
    const newKey = await keyFrom(pending);
    const opened = newKey ? openWith(newKey) : null;
    newKey?.fill(0);
    if (!opened) return false;
    opened.close();
    renameSync(pending, this.paths.keyring);
    return true;
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

  /** A user who is no longer an administrator loses the office key sealed in her entry. */
  dropAuthorityFor(username: string): void {
    const keyring = readKeyring(this.paths.keyring);
    const tag = userTag(keyring.vaultId, username);
    const drop = (e: KeyringEntry): KeyringEntry => {
      const { authority: _sealed, ...rest } = e;
      if (!rest.boxed) return rest;
      const { authority: _boxed, ...boxed } = rest.boxed;
      return { ...rest, boxed };
    };
    writeKeyring(this.paths.keyring, { ...keyring, entries: keyring.entries.map((e) => (e.userTag === tag ? drop(e) : e)) });
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
        db = openEncrypted(this.paths.db, key, { nativeBinding: this.options.nativeBinding, ...(this.options.now ? { now: this.options.now } : {}) });
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
    return use(this.key, this.keyringWithAnchors());
  }

  // --- internals -------------------------------------------------------------------------

  private openWithKey(key: Buffer, keyring: KeyringData | null, wrongKeyCode = 'vault.damaged'): void {
    const held = acquireLock(this.paths.db);
    let db: Db | null = null;
    try {
      try {
        db = openEncrypted(this.paths.db, key, { nativeBinding: this.options.nativeBinding, ...(this.options.now ? { now: this.options.now } : {}) });
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
    // With the WAL checkpointed into the file (nothing written since), the file's bytes are the
    // database, already encrypted: copied as they are (around SQLite's lock bytes, dbFileBytes.ts)
    // into a new file, created exclusively (nothing there is followed or overwritten) and owner-only.
    // A minute instead of several for 100 000 cases (issue 16). Otherwise VACUUM INTO, which keeps the cipher and key; its file is
    // created first, exclusively and owner-only (VACUUM INTO fills an empty file).
    const checkpoint = db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
    const wal = `${this.paths.db}-wal`;
    if (checkpoint[0]?.busy === 0 && (!existsSync(wal) || statSync(wal).size === 0)) {
      try {
        copyDbFile(this.paths.db, target, { durable: true });
        return;
      } catch (error) {
        // A half-written copy is ours to remove; a file that was already there is not.
        if ((error as { code?: string }).code !== 'EEXIST') rmSync(target, { force: true });
        rethrowDiskFull(error);
      }
    }
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
    this.authority = null;
    this.auditKey = null;
    this.anchor = null;
    try {
      if (this.db) setSigner(this.db, null, '');
      if (this.db) setAuditSigner(this.db, null);
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

/** SQLCipher rekey in one rollback-journal transaction: a crash leaves the file under the old key or the new. */
function rekeyDatabase(db: Db, key: Buffer): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey="x'${key.toString('hex')}'"`);
  db.pragma('journal_mode = WAL');
}

/** The meta key pinning the office authority's public key (also pinned in the keyring). */
export const AUTHORITY_META = 'authority_public_key';

/** What an administrator's sign-in found that does not verify under the office's own key. */
export interface TamperFindings {
  forgedEntries: number;
  badGrants: number;
  keyReplaced: boolean;
}

function readMetaValue(db: Db, key: string): string | null {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

function setMetaValue(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
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
