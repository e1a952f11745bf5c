import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { backupVault, exportDecrypted, restoreVault, verifyVault } from '../../core/vault/backup';
import { requireString } from '../args';
import type { Command } from '../command';
import { EXIT } from '../exitCodes';
import { readSecret } from '../password';
import { writeAtomic } from '../../core/vault/safeFile';
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
  usage: '--db FILE --user NAME [--reanchor] [--json]',
  options: { ...VAULT_OPTIONS, reanchor: { type: 'boolean' } },
  async run(ctx) {
    const report = await withVault(ctx, null, ({ core, session }) => {
      const vault = core.services.vault;
      // Row signatures are checked with the office key this session trusts (an administrator's own).
      const result = verifyVault(vault.database, vault.anchorStatus(), vault.officePublicKey());
      // After investigating a mismatch, an administrator accepts the log as it is now.
      if (ctx.values.reanchor === true) {
        if (!session.roles.includes('admin')) throw new CodedError('auth.forbidden');
        vault.reanchor({ id: session.userId, username: session.username });
      }
      return result;
    });
    if (ctx.json) ctx.io.out(JSON.stringify(report));
    else {
      const mark = (ok: boolean) => (ok ? ctx.t('cli.verify.ok') : ctx.t('cli.verify.failed'));
      const sig = report.auditSignatures;
      ctx.io.out(
        [
          `${ctx.t('cli.verify.key')}: ${mark(report.key)}`,
          `${ctx.t('cli.verify.integrity')}: ${mark(report.integrity)}`,
          `${ctx.t('cli.verify.auditChain')}: ${mark(report.auditChain)} (${ctx.t('cli.verify.rows', { count: report.auditRows })}${report.brokenAt ? `, ${ctx.t('cli.verify.brokenAt', { seq: report.brokenAt })}` : ''})`,
          ...report.deviceChains.map(
            (d) =>
              `${ctx.t('cli.verify.deviceChain', { device: d.device })}: ${mark(d.ok)} (${ctx.t('cli.verify.rows', { count: d.rows })}${d.brokenAt ? `, ${ctx.t('cli.verify.brokenAt', { seq: d.brokenAt })}` : ''}${d.missingUpTo ? `, ${ctx.t('cli.verify.missingUpTo', { seq: d.missingUpTo })}` : ''})`,
          ),
          `${ctx.t('cli.verify.auditAnchor')}: ${mark(report.auditAnchor)}${
            report.anchorProblem ? ` (${ctx.t(`cli.verify.anchorProblem.${report.anchorProblem}`, { anchor: report.anchorSeq ?? 0, head: report.headSeq ?? 0 })})` : ''
          }`,
          `${ctx.t('cli.verify.auditSignatures')}: ${mark(sig.ok)} (${ctx.t('cli.verify.signatureCounts', { signed: sig.signedRows, legacy: sig.legacyRows, system: sig.systemRows })})`,
          ...(sig.boundaryOk ? [] : [`  ${ctx.t('cli.verify.signedFromBad', { seq: sig.signedFrom })}`]),
          ...sig.problems.map(
            (p) => `  ${ctx.t('cli.verify.rowProblem', { seq: p.seq, actor: p.actor ?? '—', problem: ctx.t(`cli.verify.signatureProblem.${p.problem}`) })}`,
          ),
          ...(sig.failedRows > sig.problems.length ? [`  ${ctx.t('cli.verify.moreProblems', { count: sig.failedRows - sig.problems.length })}`] : []),
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

export const rekeyCommand: Command = {
  path: ['rekey'],
  summary: 'cli.help.cmd.rekey',
  usage: '--db FILE --user ADMIN [--sheet FILE.pdf] [--json]',
  options: { ...VAULT_OPTIONS, sheet: { type: 'string' } },
  async run(ctx) {
    // The sheet is written exclusively (never over an existing file): it holds the new recovery key.
    const sheet = typeof ctx.values.sheet === 'string' ? resolve(ctx.values.sheet) : null;
    if (sheet && existsSync(sheet)) throw new CodedError('cli.pdfExists', { file: sheet });
    const result = await withVault(ctx, 'users:manage', async ({ call }) => {
      const rotated = await call('vault.rotate', {});
      if (sheet) {
        const doc = await call('documents.recoverySheet', { sheetToken: rotated.sheetToken, recoveryKey: rotated.recoveryKey, language: ctx.lang });
        try {
          writeAtomic(sheet, Buffer.from(doc.bytesBase64, 'base64'));
        } catch {
          throw new CodedError('cli.pdfWriteFailed', { file: sheet });
        }
      }
      return rotated;
    });
    const { sheetToken: _token, ...shown } = result;
    if (ctx.json) ctx.io.out(JSON.stringify({ ...shown, ...(sheet ? { sheet } : {}) }));
    else {
      ctx.io.out(
        [
          ctx.t('cli.rekey.done', { count: result.rewrapped }),
          '',
          ctx.t('cli.init.recoveryKey'),
          '',
          `    ${result.recoveryKey}`,
          '',
          ctx.t('cli.rekey.oldKey'),
          ...(sheet ? [ctx.t('cli.rekey.sheet', { file: sheet })] : []),
          ...(result.needPassword.length ? [ctx.t('cli.rekey.needPassword', { names: result.needPassword.join(', ') })] : []),
        ].join('\n'),
      );
    }
  },
};
