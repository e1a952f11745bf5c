import { CodedError } from '../../../shared/api/envelope';
import type { UserSummary } from '../../../shared/api/schemas/auth';
import { appendAudit } from '../audit/auditLog';
import { getVaultSetting, setVaultSetting } from '../db/vaultSettings';
import type { Handlers } from '../router';
import { countActiveAdmins, findUserById, findUserByName, insertUser, listUsers, updateUser, type UserRecord } from '../users/usersRepo';
import { assertPassword, assertUsername, officePasswordNames } from '../vault/vault';

const summary = (u: UserRecord): UserSummary => ({ ...u });

export const usersHandlers = {
  'users.list': ({ services }) => listUsers(services.vault.database).map(summary),

  'users.create': async ({ services, session }, input) => {
    const db = services.vault.database;
    assertUsername(input.username);
    if (findUserByName(db, input.username)) throw new CodedError('users.exists');
    assertPassword(input.password, { username: input.username, displayName: input.displayName, ...officePasswordNames(db) });
    // Keyring first: if the database write then fails, an orphan key entry cannot sign anyone in.
    await services.vault.setPassword({ username: input.username, displayName: input.displayName }, input.password, { admin: input.roles.includes('admin') });
    const user = db.transaction(() => {
      const created = insertUser(db, { username: input.username, displayName: input.displayName, roles: input.roles, mustChangePassword: true });
      appendAudit(db, {
        action: 'user.created',
        actorId: session!.userId,
        actorName: session!.username,
        targetType: 'user',
        targetId: created.id,
        details: { roles: created.roles.join(',') },
      });
      return created;
    })();
    return summary(user);
  },

  'users.update': ({ services, session }, input) => {
    const db = services.vault.database;
    const current = findUserById(db, input.id);
    if (!current) throw new CodedError('users.notFound');
    const losesAdmin =
      current.roles.includes('admin') && !current.disabled && (input.disabled === true || (input.roles !== undefined && !input.roles.includes('admin')));
    if (losesAdmin && countActiveAdmins(db) <= 1) throw new CodedError('users.lastAdmin');
    if (input.disabled === true && current.id === session!.userId) throw new CodedError('users.cannotDisableSelf');
    const updated = db.transaction(() => {
      const next = updateUser(db, input.id, {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.roles !== undefined ? { roles: input.roles } : {}),
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled, ...(input.disabled ? {} : { mustChangePassword: true }) } : {}),
      })!;
      appendAudit(db, {
        action: input.disabled === true ? 'user.disabled' : input.disabled === false ? 'user.enabled' : 'user.updated',
        actorId: session!.userId,
        actorName: session!.username,
        targetType: 'user',
        targetId: next.id,
        details: { roles: next.roles.join(','), disabled: next.disabled },
      });
      // Her password may be in a copy of the keyring: rotating the office key makes it open nothing.
      if (input.disabled === true && !getVaultSetting(db, 'rotationRecommended')) {
        setVaultSetting(db, 'rotationRecommended', { since: services.now().toISOString(), reason: 'userDisabled' });
      }
      return next;
    })();
    // A disabled user's key entry is removed, so their password no longer opens anything.
    if (input.disabled === true) services.vault.removeKeyFor(current.username);
    else if (current.roles.includes('admin') && !updated.roles.includes('admin')) services.vault.dropAuthorityFor(current.username);
    return summary(updated);
  },

  'users.resetPassword': async ({ services, session }, input) => {
    const db = services.vault.database;
    const user = findUserById(db, input.id);
    if (!user) throw new CodedError('users.notFound');
    if (user.disabled) throw new CodedError('users.disabled');
    await services.vault.setPassword(user, input.password);
    db.transaction(() => {
      updateUser(db, user.id, { mustChangePassword: user.id !== session!.userId });
      appendAudit(db, { action: 'user.passwordReset', actorId: session!.userId, actorName: session!.username, targetType: 'user', targetId: user.id });
    })();
    return {};
  },
} satisfies Partial<Handlers>;
