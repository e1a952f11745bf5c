import { resolve } from 'node:path';
import { requireString } from '../args';
import type { Command } from '../command';
import { readSecret } from '../password';
import { coreFor } from '../vaultSession';
import { callOrThrow } from '../call';
import { newClientState } from '../../core/session';

export const initCommand: Command = {
  path: ['init'],
  summary: 'cli.help.cmd.init',
  usage: '--db FILE --admin NAME [--display-name TEXT] [--office TEXT] [--province NAME] [--district NAME] [--json]',
  options: {
    db: { type: 'string' },
    admin: { type: 'string' },
    'display-name': { type: 'string' },
    office: { type: 'string' },
    province: { type: 'string' },
    district: { type: 'string' },
  },
  async run(ctx) {
    const { values, t, io, json } = ctx;
    const db = resolve(requireString(values, 'db'));
    const admin = requireString(values, 'admin');
    const core = coreFor(ctx, db);
    const password = await readSecret(io, 'KALKAN_PASSWORD', t('cli.prompt.newPassword', { user: admin }), { prompt: t('cli.prompt.repeatPassword') });
    const { recoveryKey } = await callOrThrow(core.router, newClientState(), 'setup.create', {
      officeName: typeof values.office === 'string' ? values.office : 'Kalkan',
      username: admin,
      displayName: typeof values['display-name'] === 'string' ? values['display-name'] : admin,
      password,
      // The office's province seeds its directory (issue 14); `kalkan office --province` changes it later.
      ...(typeof values.province === 'string' ? { province: values.province } : {}),
      ...(typeof values.district === 'string' ? { district: values.district } : {}),
    });
    if (json) io.out(JSON.stringify({ db, recoveryKey }));
    else io.out([t('cli.init.done', { db }), '', t('cli.init.recoveryKey'), '', `    ${recoveryKey}`, '', t('cli.init.recoveryWarning')].join('\n'));
  },
};
