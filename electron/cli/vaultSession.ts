/**
 * Opens the vault named by --db as the user named by --user, through the same
 * router the app uses (same permission checks, same audit), runs the command,
 * and always locks again.
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { CodedError } from '../../shared/api/envelope';
import { can, type Permission } from '../../shared/auth/permissions';
import { createCore, type Core } from '../core/createCore';
import { silentLogger } from '../core/log';
import { newClientState, type ClientState, type Session } from '../core/session';
import { requireString } from './args';
import type { CommandContext } from './command';
import { callOrThrow } from './call';
import { readSecret } from './password';

export interface OpenVault {
  core: Core;
  client: ClientState;
  session: Session;
  /** The password the user signed in with (for a change of their own password). */
  password: string;
  call(method: string, input?: unknown): Promise<unknown>;
}

export function coreFor(ctx: CommandContext, dbPath: string): Core {
  const db = resolve(dbPath);
  return createCore({ dataDir: ctx.io.env.KALKAN_DATA_DIR ?? dirname(db), vaultPath: db, log: silentLogger });
}

export async function withVault<T>(ctx: CommandContext, permission: Permission | null, use: (open: OpenVault) => Promise<T> | T): Promise<T> {
  const dbPath = requireString(ctx.values, 'db');
  const username = requireString(ctx.values, 'user');
  const core = coreFor(ctx, dbPath);
  if (core.services.vault.state() === 'absent') {
    // A keyring without its database is a lost or moved file, not a new office.
    throw new CodedError(existsSync(core.services.vault.paths.keyring) ? 'vault.databaseMissing' : 'vault.absent');
  }
  const password = await readSecret(ctx.io, 'KALKAN_PASSWORD', ctx.t('cli.prompt.password', { user: username }));
  const client = newClientState();
  await callOrThrow(core.router, client, 'auth.signIn', { username, password });
  try {
    const session = client.session!;
    if (permission && !can(session.roles, permission)) throw new CodedError('auth.forbidden');
    return await use({ core, client, session, password, call: (method, input = {}) => callOrThrow(core.router, client, method, input) });
  } finally {
    await core.router.handle(client, 'auth.signOut', {});
  }
}
