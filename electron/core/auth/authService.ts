/**
 * Sign-in, lock and the idle timer on top of the vault. A lock (by the user,
 * idle time, sleep or screen lock) closes the vault, ends every client's
 * session (lock epoch) and tells the renderer to drop all case data.
 */
import type { SessionInfo } from '../../../shared/api/schemas/auth';
import { permissionsOf } from '../../../shared/auth/permissions';
import { getVaultSetting } from '../db/vaultSettings';
import type { CoreServices } from '../services';
import type { ClientState, Session } from '../session';
import type { UserRecord } from '../users/usersRepo';
import { findUserById } from '../users/usersRepo';
import { officePasswordNames, type LockReason } from '../vault/vault';

export function sessionInfo(services: CoreServices, session: Session): SessionInfo {
  const db = services.vault.database;
  const user = findUserById(db, session.userId);
  return {
    user: { id: session.userId, username: session.username, displayName: user?.displayName ?? session.displayName, roles: session.roles },
    permissions: [...permissionsOf(session.roles)],
    mustChangePassword: user?.mustChangePassword ?? false,
    idleMinutes: getVaultSetting(db, 'idleMinutes'),
    officePlaces: officePasswordNames(db).places,
    ...(session.roles.includes('admin') ? { securityAlert: getVaultSetting(db, 'securityAlert'), rotationRecommended: getVaultSetting(db, 'rotationRecommended') } : {}),
  };
}

export function startSession(services: CoreServices, client: ClientState, user: UserRecord): Session {
  const session: Session = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    epoch: services.lockEpoch.value,
    mustChangePassword: user.mustChangePassword,
  };
  client.session = session;
  const now = services.now().getTime();
  services.idle.setMinutes(getVaultSetting(services.vault.database, 'idleMinutes'));
  services.idle.touch(now);
  return session;
}

export function lockVault(services: CoreServices, reason: LockReason, actor?: Session | null): void {
  if (services.vault.state() !== 'unlocked') return;
  services.vault.lock(reason, actor ? { id: actor.userId, username: actor.username } : undefined);
  services.lockEpoch.value += 1;
  services.log.info('vault.locked', { reason });
  // After a shutdown or a renderer crash there is no window to tell.
  if (reason !== 'shutdown' && reason !== 'crash') services.events.emit('vault.locked', { reason: reason === 'user' ? 'user' : reason });
}

/** How long before the idle lock the renderer is warned (it counts down and lets the user stay). */
export const IDLE_WARNING_MS = 60_000;

/** Called by the host on a timer: the warning a minute before the idle lock, then the lock. */
export function tick(services: CoreServices): void {
  if (services.vault.state() !== 'unlocked') return;
  const now = services.now().getTime();
  if (services.idle.expired(now)) lockVault(services, 'idle');
  else if (services.idle.warnDue(now, IDLE_WARNING_MS)) services.events.emit('session.idleWarning', { remainingMs: services.idle.remainingMs(now) });
}
