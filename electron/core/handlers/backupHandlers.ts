import { accessSync, constants, mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit } from '../audit/auditLog';
import { lockVault } from '../auth/authService';
import { getVaultSetting, setVaultSetting } from '../db/vaultSettings';
import type { Handlers } from '../router';
import type { CoreServices } from '../services';
import type { Session } from '../session';
import { backupFileName, backupVaultInSteps, isBackupDue, pruneBackups, restoreVault, shortVaultId } from '../vault/backup';
import { readBackupHeader } from '../vault/backupFile';
import { unwrapForUser } from '../vault/keyring';

export function checkFolder(folder: string): void {
  if (!isAbsolute(folder)) throw new CodedError('backup.folderInvalid');
  try {
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch {
    throw new CodedError('backup.folderInvalid');
  }
}

/**
 * Runs one backup into the scheduled folder and prunes old ones. The heavy part
 * (copy, encrypt, verify) runs in a job worker (`backupVaultInSteps`): the core
 * keeps answering meanwhile. One backup at a time (`backup.busy`).
 */
export async function runBackupNow(services: CoreServices, actor: Session | null, jobProgress?: (done: number, total: number, step: string) => void, signal?: AbortSignal) {
  if (backupRunning.has(services)) throw new CodedError('backup.busy');
  const db = services.vault.database;
  const schedule = getVaultSetting(db, 'backupSchedule');
  if (!schedule.folder) throw new CodedError('backup.folderRequired');
  checkFolder(schedule.folder);
  backupRunning.add(services);
  try {
    const result = await backupVaultInSteps(services.vault, join(schedule.folder, backupFileName(services.now())), actor ? { id: actor.userId, username: actor.username } : null, jobProgress, signal);
    pruneBackups(schedule.folder, schedule.keep);
    // The schedule counts days on the host's clock (services.now), the one that decides when a backup is due.
    setVaultSetting(services.vault.database, 'backupSchedule', { ...schedule, lastAt: services.now().toISOString(), lastFile: result.file, lastError: null });
    return result;
  } catch (error) {
    if (services.vault.state() === 'unlocked') setVaultSetting(services.vault.database, 'backupSchedule', { ...schedule, lastError: error instanceof CodedError ? error.code : 'internal' });
    throw error;
  } finally {
    backupRunning.delete(services);
  }
}

/** The cores (one per host) with a backup under way. */
const backupRunning = new WeakSet<CoreServices>();

/** Host timer: the daily backup, when enabled and due. Failures are recorded, never thrown. */
export async function runScheduledBackup(services: CoreServices): Promise<void> {
  if (services.vault.state() !== 'unlocked' || backupRunning.has(services)) return;
  const schedule = getVaultSetting(services.vault.database, 'backupSchedule');
  if (!schedule.enabled || !schedule.folder || !isBackupDue(schedule.lastAt, services.now())) return;
  try {
    await runBackupNow(services, null);
  } catch (error) {
    services.log.warn('backup.scheduledFailed', { code: error instanceof CodedError ? error.code : 'internal' });
  }
}

export const backupHandlers = {
  'backup.getSchedule': ({ services }) => getVaultSetting(services.vault.database, 'backupSchedule'),

  'backup.setSchedule': ({ services, session }, input) => {
    const db = services.vault.database;
    if (input.enabled && !input.folder) throw new CodedError('backup.folderRequired');
    if (input.folder) checkFolder(input.folder);
    const next = { ...getVaultSetting(db, 'backupSchedule'), enabled: input.enabled, folder: input.folder, keep: input.keep };
    db.transaction(() => {
      setVaultSetting(db, 'backupSchedule', next);
      appendAudit(db, { action: 'backup.scheduleChanged', actorId: session!.userId, actorName: session!.username, details: { enabled: next.enabled, keep: next.keep } });
    })();
    return next;
  },

  'backup.run': ({ services, session }, input) =>
    services.jobs.run((job) => runBackupNow(services, session, (done, total, step) => job.progress(done, total, step), job.signal), input.jobId),

  'security.setIdleMinutes': ({ services, session }, input) => {
    const db = services.vault.database;
    db.transaction(() => {
      setVaultSetting(db, 'idleMinutes', input.minutes);
      appendAudit(db, { action: 'security.idleChanged', actorId: session!.userId, actorName: session!.username, details: { minutes: input.minutes } });
    })();
    services.idle.setMinutes(input.minutes);
    return { idleMinutes: input.minutes };
  },

  'backup.restore': async ({ services, session }, input) => {
    const me = session!;
    // Check the file and the password against the backup's own keyring before locking anything.
    const { header } = readBackupHeader(input.file);
    (await unwrapForUser(header.keyring, me.username, input.password)).fill(0);
    // Another office's backup is refused before anything is locked, unless confirmed by its id.
    const here = services.vault.withKey((_key, keyring) => keyring.vaultId);
    if (here !== header.vaultId && !(input.otherOffice && header.vaultId.startsWith(input.otherOffice.toLowerCase()))) {
      throw new CodedError('backup.otherOffice', { office: header.officeName, id: shortVaultId(header.vaultId) });
    }
    lockVault(services, 'user', me);
    const result = await services.jobs.run(
      (job) =>
        restoreVault(input.file, services.vault.paths.db, me.username, input.password, (d, t, s) => job.progress(d, t, s), {
          ...(input.otherOffice ? { otherOffice: input.otherOffice } : {}),
          // Decrypt and check in a job worker: the core goes on answering (app.health, other windows).
          offThread: { signal: job.signal, ...(services.vault.nativeBinding ? { nativeBinding: services.vault.nativeBinding } : {}) },
        }),
      input.jobId,
    );
    return { backupCreatedAt: result.backupCreatedAt };
  },
} satisfies Partial<Handlers>;
