import { CodedError } from '../../../shared/api/envelope';
import type { UserSummary } from '../../../shared/api/schemas/auth';
import { ROLES, type Role } from '../../../shared/auth/permissions';
import { requireString } from '../args';
import type { Command, CommandContext } from '../command';
import { callOrThrow } from '../call';
import { readSecret } from '../password';
import { coreFor, withVault, type OpenVault } from '../vaultSession';
import { newClientState } from '../../core/session';

const VAULT_OPTIONS = { db: { type: 'string' }, user: { type: 'string' } } as const;

function parseRoles(value: unknown): Role[] {
  const roles = String(value ?? 'caseworker')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (bad.length || roles.length === 0) throw new CodedError('cli.usage', { detail: `--roles ${bad.join(',')}` });
  return roles as Role[];
}

async function findUser(call: OpenVault['call'], name: string): Promise<UserSummary> {
  const users = await call('users.list');
  const { fold } = await import('../../../shared/text/turkish');
  const user = users.find((u) => fold(u.username) === fold(name));
  if (!user) throw new CodedError('users.notFound');
  return user;
}

const newPassword = (ctx: CommandContext, user: string) =>
  readSecret(ctx.io, 'KALKAN_NEW_PASSWORD', ctx.t('cli.prompt.newPassword', { user }), { prompt: ctx.t('cli.prompt.repeatPassword') });

export const userAddCommand: Command = {
  path: ['user', 'add'],
  summary: 'cli.help.cmd.userAdd',
  usage: '--db FILE --user ADMIN --name NAME [--display-name TEXT] [--roles caseworker,supervisor,admin] [--json]',
  options: { ...VAULT_OPTIONS, name: { type: 'string' }, 'display-name': { type: 'string' }, roles: { type: 'string' } },
  async run(ctx) {
    const name = requireString(ctx.values, 'name');
    const roles = parseRoles(ctx.values.roles);
    const created = await withVault(ctx, 'users:manage', async ({ call }) =>
      call('users.create', {
        username: name,
        displayName: typeof ctx.values['display-name'] === 'string' ? ctx.values['display-name'] : name,
        roles,
        password: await newPassword(ctx, name),
      }),
    );
    ctx.io.out(ctx.json ? JSON.stringify(created) : ctx.t('cli.user.added', { name: created.username, roles: created.roles.join(', ') }));
  },
};

export const userListCommand: Command = {
  path: ['user', 'list'],
  summary: 'cli.help.cmd.userList',
  usage: '--db FILE --user NAME [--json]',
  options: VAULT_OPTIONS,
  async run(ctx) {
    const users = await withVault(ctx, 'users:manage', ({ call }) => call('users.list'));
    if (ctx.json) {
      ctx.io.out(JSON.stringify(users));
      return;
    }
    for (const u of users) {
      const state = u.disabled ? ctx.t('cli.user.disabledMark') : '';
      ctx.io.out(`${u.username.padEnd(20)} ${u.displayName.padEnd(28)} ${u.roles.join(',')} ${state}`.trimEnd());
    }
  },
};

export const userDisableCommand: Command = {
  path: ['user', 'disable'],
  summary: 'cli.help.cmd.userDisable',
  usage: '--db FILE --user ADMIN --name NAME [--json]',
  options: { ...VAULT_OPTIONS, name: { type: 'string' } },
  async run(ctx) {
    const name = requireString(ctx.values, 'name');
    const updated = await withVault(ctx, 'users:manage', async ({ call }) => {
      const target = await findUser(call, name);
      return await call('users.update', { id: target.id, disabled: true });
    });
    ctx.io.out(ctx.json ? JSON.stringify(updated) : ctx.t('cli.user.disabled', { name: updated.username }));
  },
};

export const userPasswdCommand: Command = {
  path: ['user', 'passwd'],
  summary: 'cli.help.cmd.userPasswd',
  usage: '--db FILE --user NAME [--name OTHER | --recovery]',
  options: { ...VAULT_OPTIONS, name: { type: 'string' }, recovery: { type: 'boolean' } },
  async run(ctx) {
    const username = requireString(ctx.values, 'user');
    if (ctx.values.recovery) {
      // The recovery key stands in for any password: sets a new one for --user.
      const core = coreFor(ctx, requireString(ctx.values, 'db'));
      const recoveryKey = await readSecret(ctx.io, 'KALKAN_RECOVERY_KEY', ctx.t('cli.prompt.recoveryKey'));
      const next = await newPassword(ctx, username);
      await callOrThrow(core.router, newClientState(), 'auth.recover', { recoveryKey, username, newPassword: next });
      ctx.io.out(ctx.t('cli.user.passwordSet', { name: username }));
      return;
    }
    const target = typeof ctx.values.name === 'string' ? ctx.values.name : null;
    await withVault(ctx, target ? 'users:manage' : null, async ({ call, session, password }) => {
      if (target) {
        const user = await findUser(call, target);
        await call('users.resetPassword', { id: user.id, password: await newPassword(ctx, user.username) });
      } else {
        await call('auth.changePassword', { current: password, next: await newPassword(ctx, session.username) });
      }
    });
    ctx.io.out(ctx.t('cli.user.passwordSet', { name: target ?? username }));
  },
};
