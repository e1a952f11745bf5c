import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { backupVault, exportDecrypted, restoreVault, verifyVault } from '../../core/vault/backup';
import { requireString } from '../args';
import type { Command } from '../command';
import { EXIT } from '../exitCodes';
import { readSecret } from '../password';
import { withVault } from '../vaultSession';

const VAULT_OPTIONS = { db: { type: 'string' }, user: { type: 'string' } } as const;

export const backupCommand: Command = {
  path: ['backup'],
  summary: 'cli.help.cmd.backup',
  usage: '--db FILE --user NAME --out FILE [--json]',
  options: { ...VAULT_OPTIONS, out: { type: 'string' } },
  async run(ctx) {
    const out = resolve(requireString(ctx.values, 'out'));
    if (existsSync(out)) throw new CodedError('backup.targetExists');
    const result = await withVault(ctx, 'vault:backup', ({ core, session }) =>
      backupVault(core.services.vault, out, { id: session.userId, username: session.username }),
    );
    ctx.io.out(ctx.json ? JSON.stringify(result) : ctx.t('cli.backup.done', { file: result.file, size: (result.bytes / 1024 / 1024).toFixed(1) }));
  },
};

export const restoreCommand: Command = {
  path: ['restore'],
  summary: 'cli.help.cmd.restore',
  usage: '--from FILE --db FILE --user ADMIN [--other-office ID] [--json]',
  options: { ...VAULT_OPTIONS, from: { type: 'string' }, 'other-office': { type: 'string' } },
  async run(ctx) {
    const from = resolve(requireString(ctx.values, 'from'));
    const db = resolve(requireString(ctx.values, 'db'));
    const username = requireString(ctx.values, 'user');
    const password = await readSecret(ctx.io, 'KALKAN_PASSWORD', ctx.t('cli.prompt.password', { user: username }));
    // Only an administrator of the office there now (and of the backup's). A backup of another
    // office is refused; the refusal names it and its id, which --other-office must repeat.
    const otherOffice = typeof ctx.values['other-office'] === 'string' ? ctx.values['other-office'] : undefined;
    const result = await restoreVault(from, db, username, password, undefined, otherOffice ? { otherOffice } : {});
    if (ctx.json) ctx.io.out(JSON.stringify(result));
    else {
      ctx.io.out(ctx.t('cli.restore.done', { db, created: result.backupCreatedAt }));
      if (result.previousKeptAt) ctx.io.out(ctx.t('cli.restore.previousKept', { path: result.previousKeptAt }));
    }
  },
};

export const verifyCommand: Command = {
  path: ['verify'],
  summary: 'cli.help.cmd.verify',
  usage: '--db FILE --user NAME [--json]',
  options: VAULT_OPTIONS,
  async run(ctx) {
    const report = await withVault(ctx, null, ({ core }) => verifyVault(core.services.vault.database));
    if (ctx.json) ctx.io.out(JSON.stringify(report));
    else {
      const mark = (ok: boolean) => (ok ? ctx.t('cli.verify.ok') : ctx.t('cli.verify.failed'));
      ctx.io.out(
        [
          `${ctx.t('cli.verify.key')}: ${mark(report.key)}`,
          `${ctx.t('cli.verify.integrity')}: ${mark(report.integrity)}`,
          `${ctx.t('cli.verify.auditChain')}: ${mark(report.auditChain)} (${ctx.t('cli.verify.rows', { count: report.auditRows })}${report.brokenAt ? `, ${ctx.t('cli.verify.brokenAt', { seq: report.brokenAt })}` : ''})`,
          ...report.deviceChains.map(
            (d) =>
              `${ctx.t('cli.verify.deviceChain', { device: d.device })}: ${mark(d.ok)} (${ctx.t('cli.verify.rows', { count: d.rows })}${d.brokenAt ? `, ${ctx.t('cli.verify.brokenAt', { seq: d.brokenAt })}` : ''}${d.missingUpTo ? `, ${ctx.t('cli.verify.missingUpTo', { seq: d.missingUpTo })}` : ''})`,
          ),
        ].join('\n'),
      );
    }
    return report.ok ? EXIT.ok : EXIT.notKalkan;
  },
};

export const exportCommand: Command = {
  path: ['export'],
  summary: 'cli.help.cmd.export',
  usage: '--db FILE --user ADMIN --out FILE.json --decrypted [--json]',
  options: { ...VAULT_OPTIONS, out: { type: 'string' }, decrypted: { type: 'boolean' } },
  async run(ctx) {
    const out = resolve(requireString(ctx.values, 'out'));
    // The flag is the explicit confirmation that a plain-text copy of every record is wanted.
    if (ctx.values.decrypted !== true) throw new CodedError('cli.exportNeedsDecrypted');
    if (existsSync(out)) throw new CodedError('export.targetExists');
    const result = await withVault(ctx, 'vault:export', ({ core, session }) =>
      exportDecrypted(core.services.vault.database, out, { id: session.userId, username: session.username }),
    );
    if (ctx.json) ctx.io.out(JSON.stringify({ file: out, ...result }));
    else {
      ctx.io.out(ctx.t('cli.export.done', { file: out, rows: result.rows, tables: result.tables }));
      ctx.io.err(ctx.t('cli.export.warning'));
    }
  },
};
