import { resolve } from 'node:path';
import { requireString } from '../args';
import type { Command } from '../command';
import { cloneVault } from '../../core/sync/clone';
import { runSync } from '../../core/sync/sync';
import { withVault } from '../vaultSession';

const VAULT_OPTIONS = { db: { type: 'string' }, user: { type: 'string' } } as const;

export const syncCloneCommand: Command = {
  path: ['sync', 'clone'],
  summary: 'cli.help.cmd.syncClone',
  usage: '--db FILE --user ADMIN --out FILE2 [--json]',
  options: { ...VAULT_OPTIONS, out: { type: 'string' } },
  async run(ctx) {
    const out = resolve(requireString(ctx.values, 'out'));
    const result = await withVault(ctx, 'users:manage', ({ core, session }) =>
      cloneVault(core.services.vault, { id: session.userId, username: session.username }, out),
    );
    ctx.io.out(ctx.json ? JSON.stringify(result) : ctx.t('cli.sync.cloned', { file: result.file, device: result.deviceId }));
  },
};

export const syncCommand: Command = {
  path: ['sync'],
  summary: 'cli.help.cmd.sync',
  usage: '--db FILE --user NAME --dir SYNCDIR [--json]',
  options: { ...VAULT_OPTIONS, dir: { type: 'string' } },
  async run(ctx) {
    const dir = resolve(requireString(ctx.values, 'dir'));
    const result = await withVault(ctx, null, ({ core, session }) => runSync(core.services.vault, { id: session.userId, username: session.username }, dir));
    const ranges = (missing: Array<[number, number]>) => missing.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
    ctx.io.out(
      ctx.json
        ? JSON.stringify({ exported: result.exported, imported: result.imported, conflicts: result.conflicts, devices: result.devices, incomplete: result.incomplete })
        : [
            ctx.t('cli.sync.done', { ...result }),
            // Devices not caught up with (Merkle comparison): segments another device reported but not here yet.
            ...result.incomplete.map((d) => ctx.t('cli.sync.incomplete', { device: d.device, segments: ranges(d.missing) || '—', since: d.since ?? '—' })),
          ].join('\n'),
    );
  },
};
