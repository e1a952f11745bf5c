/**
 * Transfer of a case to another office (issue 17), on the command line.
 *
 *   kalkan office --db FILE --user ADMIN --transfer-key-out OFFICE.pub
 *   kalkan transfer export --db FILE --user SUPERVISOR --case ID --to OFFICE.pub --out FILE.kcase
 *   kalkan transfer import --db FILE --user SUPERVISOR --from FILE.kcase
 *
 * See electron/core/transfer/ for the keys, the file and what an import creates.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import { appendAudit } from '../../core/audit/auditLog';
import { actorOf, assertCaseVisible } from '../../core/cases/access';
import { requireCase } from '../../core/cases/casesRepo';
import { caseIdByNumber } from '../../core/audit/auditView';
import { signerFor } from '../../core/vault/authority';
import { writeAtomic } from '../../core/vault/safeFile';
import { collectCase, importCase, isTransferred, markTransferred, type CasePayload } from '../../core/transfer/caseTransfer';
import { ensureTransferKeys, loadTransferKeys, officeKeyFile, openTransfer, parseOfficeKeyFile, sealTransfer } from '../../core/transfer/transfer';
import { requireString } from '../args';
import type { Command, CommandContext } from '../command';
import { withVault, type OpenVault } from '../vaultSession';

const VAULT_OPTIONS = { db: { type: 'string' }, user: { type: 'string' } } as const;

function readInput(file: string): string {
  try {
    return readFileSync(resolve(file), 'utf8');
  } catch {
    throw new CodedError('cli.inputUnreadable', { file });
  }
}

const officeOf = (v: OpenVault): string => v.core.services.vault.officeName() ?? '';

/** `kalkan office … --transfer-key-out OFFICE.pub` (called by the office command). */
export async function writeTransferKey(ctx: CommandContext, out: string): Promise<void> {
  const file = await withVault(ctx, 'settings:write', (v) => {
    const db = v.core.services.vault.database;
    return v.core.services.vault.withKey((dbKey, keyring) => {
      const keys = ensureTransferKeys(db, dbKey, keyring.vaultId, signerFor(db)?.authority ?? null);
      const pub = officeKeyFile(keys, keyring.vaultId, officeOf(v));
      writeAtomic(resolve(out), `${JSON.stringify(pub, null, 2)}\n`);
      db.transaction(() => appendAudit(db, { action: 'office.transferKeyExported', actorId: v.session.userId, actorName: v.session.username, details: { fingerprint: pub.fingerprint } }))();
      return pub;
    });
  });
  if (ctx.json) {
    ctx.io.out(JSON.stringify({ file: resolve(out), fingerprint: file.fingerprint }));
    return;
  }
  ctx.io.out(ctx.t('cli.transfer.written', { file: out }));
  ctx.io.out(ctx.t('cli.transfer.fingerprint', { fingerprint: file.fingerprint }));
}

function caseIdOf(v: OpenVault, text: string): number {
  const db = v.core.services.vault.database;
  const byNumber = text.includes('/') ? caseIdByNumber(db, text) : Number(text);
  if (!byNumber || !Number.isInteger(byNumber)) throw new CodedError('cases.notFound');
  return byNumber;
}

export const transferExportCommand: Command = {
  path: ['transfer', 'export'],
  summary: 'cli.help.cmd.transferExport',
  usage: '--db FILE --user SUPERVISOR --case ID|YYYY/NNNN --to OFFICE.pub --out FILE.kcase [--json]',
  options: { ...VAULT_OPTIONS, case: { type: 'string' }, to: { type: 'string' }, out: { type: 'string' } },
  async run(ctx) {
    const caseText = requireString(ctx.values, 'case');
    const receiver = parseOfficeKeyFile(readInput(requireString(ctx.values, 'to')));
    const out = requireString(ctx.values, 'out');
    const result = await withVault(ctx, 'case:approve', (v) => {
      const vault = v.core.services.vault;
      const db = vault.database;
      const actor = actorOf(v.session);
      const caseId = caseIdOf(v, caseText);
      assertCaseVisible(db, actor, caseId);
      const row = requireCase(db, caseId);
      if (row.status === 'closed') throw new CodedError('transfer.caseClosed');
      if (isTransferred(db, caseId)) throw new CodedError('transfer.alreadyTransferred');
      return vault.withKey((dbKey, keyring) => {
        const keys = loadTransferKeys(db, dbKey, keyring.vaultId);
        if (!keys) throw new CodedError('transfer.noKeys');
        const now = v.core.services.now();
        return db.transaction(() => {
          const payload = collectCase(db, caseId);
          const sealed = sealTransfer(payload, keys, keyring.vaultId, officeOf(v), receiver, now);
          // The file is written inside the transaction: if it cannot be written, the case stays open here.
          writeAtomic(resolve(out), sealed.text);
          markTransferred(db, caseId, sealed.transferId, receiver, actor.userId, now.toISOString());
          appendAudit(db, {
            action: 'case.transferredOut',
            actorId: actor.userId,
            actorName: actor.username,
            targetType: 'case',
            targetId: String(caseId),
            at: now.toISOString(),
            details: { transferId: sealed.transferId, receiverFingerprint: receiver.fingerprint, attachments: payload.attachments.length },
          });
          return { caseNumber: row.case_number, transferId: sealed.transferId, office: receiver.office, fingerprint: receiver.fingerprint };
        })();
      });
    });
    if (ctx.json) ctx.io.out(JSON.stringify({ ...result, file: resolve(out) }));
    else ctx.io.out(ctx.t('cli.transfer.exported', { case: result.caseNumber, office: result.office || result.fingerprint, file: out }));
  },
};

export const transferImportCommand: Command = {
  path: ['transfer', 'import'],
  summary: 'cli.help.cmd.transferImport',
  usage: '--db FILE --user SUPERVISOR --from FILE.kcase [--json]',
  options: { ...VAULT_OPTIONS, from: { type: 'string' } },
  async run(ctx) {
    const text = readInput(requireString(ctx.values, 'from'));
    const result = await withVault(ctx, 'case:approve', (v) => {
      const vault = v.core.services.vault;
      const db = vault.database;
      const actor = actorOf(v.session);
      return vault.withKey((dbKey, keyring) => {
        const keys = loadTransferKeys(db, dbKey, keyring.vaultId);
        if (!keys) throw new CodedError('transfer.noKeys');
        const { header, payload } = openTransfer(text, keys, keyring.vaultId);
        const now = v.core.services.now().toISOString();
        return db.transaction(() => {
          const imported = importCase(
            db,
            payload as CasePayload,
            { transferId: header.transferId, senderVaultId: header.sender.vaultId, senderFingerprint: header.sender.fingerprint, senderOffice: header.sender.office },
            actor,
            now,
          );
          appendAudit(db, {
            action: 'case.transferredIn',
            actorId: actor.userId,
            actorName: actor.username,
            targetType: 'case',
            targetId: String(imported.caseId),
            at: now,
            details: { transferId: header.transferId, senderFingerprint: header.sender.fingerprint, people: imported.people, linked: imported.matches.filter((m) => m.linkedPersonId !== null).length },
          });
          return { ...imported, transferId: header.transferId, sender: { office: header.sender.office, fingerprint: header.sender.fingerprint } };
        })();
      });
    });
    if (ctx.json) {
      ctx.io.out(JSON.stringify(result));
      return;
    }
    const t = ctx.t;
    ctx.io.out(
      t('cli.transfer.imported', {
        office: result.sender.office,
        fingerprint: result.sender.fingerprint,
        case: result.caseNumber,
        people: result.people,
        notes: result.notes,
        assessments: result.assessments,
        referrals: result.referrals,
        attachments: result.attachments,
      }),
    );
    for (const m of result.matches) {
      const role = t(`roles.member.${m.role}`);
      if (m.linkedPersonId !== null) ctx.io.out(t('cli.transfer.linked', { index: m.index + 1, role, personId: m.linkedPersonId }));
      else for (const c of m.candidates) ctx.io.out(t('cli.transfer.match', { index: m.index + 1, role, personId: c.personId, score: c.score.toFixed(2) }));
    }
  },
};
