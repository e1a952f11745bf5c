import { dirname, join } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit } from '../audit/auditLog';
import { grantRecoverySheet } from '../documents/recoverySheet';
import { lockVault, sessionInfo, startSession } from '../auth/authService';
import type { Handlers } from '../router';
import { updateUser } from '../users/usersRepo';
import { checkFolder } from './backupHandlers';

/** The daily backup's folder when set-up names none: beside the vault, so it is at least off the database file. */
export const DEFAULT_BACKUP_FOLDER = 'Kalkan Yedekler';

export const authHandlers = {
  'vault.info': ({ services }) => ({ state: services.vault.state(), officeName: services.vault.officeName() }),

  'setup.create': async ({ services }, input) => {
    if (services.vault.state() !== 'absent') throw new CodedError('vault.exists');
    // The daily backup is on from the start: into the folder chosen at set-up (checked before
    // anything is created), else into "Kalkan Yedekler" beside the vault (made at the first backup).
    if (input.backupFolder) checkFolder(input.backupFolder);
    const { recoveryKey } = await services.vault.create({
      officeName: input.officeName,
      admin: { username: input.username, displayName: input.displayName, password: input.password },
      province: input.province ?? null,
      district: input.district ?? null,
      dailyBackupFolder: input.backupFolder || join(dirname(services.vault.paths.db), DEFAULT_BACKUP_FOLDER),
    });
    return { recoveryKey, sheetToken: grantRecoverySheet(services, { recoveryKey, username: input.username }) };
  },

  'vault.rotate': ({ services, session }, input) =>
    services.jobs.run(async (job) => {
      const result = await services.vault.rotate({ id: session!.userId, username: session!.username }, (done, total, step) => job.progress(done, total, step));
      return { ...result, sheetToken: grantRecoverySheet(services, { recoveryKey: result.recoveryKey, username: session!.username }) };
    }, input.jobId),

  'auth.signIn': async ({ services, client }, input) => {
    const user = await services.vault.unlock(input.username, input.password);
    return sessionInfo(services, startSession(services, client, user));
  },

  'auth.session': ({ services, client }) => {
    const session = client.session;
    if (!session || session.epoch !== services.lockEpoch.value || services.vault.state() !== 'unlocked') return null;
    return sessionInfo(services, session);
  },

  'auth.signOut': ({ services, session }) => {
    lockVault(services, 'user', session);
    return {};
  },

  'auth.activity': () => ({}),

  'auth.changePassword': async ({ services, session }, input) => {
    const me = session!;
    if (!(await services.vault.checkPassword(me.username, input.current))) throw new CodedError('auth.wrongCurrentPassword');
    if (input.current === input.next) throw new CodedError('password.sameAsOld');
    await services.vault.setPassword({ username: me.username, displayName: me.displayName }, input.next);
    const db = services.vault.database;
    db.transaction(() => {
      updateUser(db, me.userId, { mustChangePassword: false });
      appendAudit(db, { action: 'user.passwordChanged', actorId: me.userId, actorName: me.username, targetType: 'user', targetId: me.userId });
    })();
    me.mustChangePassword = false;
    return {};
  },

  'auth.recover': async ({ services }, input) => {
    await services.vault.recover(input.recoveryKey, input.username, input.newPassword);
    return {};
  },
} satisfies Partial<Handlers>;
