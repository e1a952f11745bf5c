/**
 * Transfer of a case to another office, in the app (issue 17): the same keys, file and import as
 * the CLI (electron/core/transfer/), plus the caseworker's request and the supervisor's decision.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CodedError } from '../../../shared/api/envelope';
import type { CaseFilePart } from '../../../shared/api/schemas/cases';
import type { TransferSection } from '../../../shared/api/schemas/transfers';
import { readyAttachmentCase } from '../attachments/attachmentsRepo';
import { actorOf } from '../cases/access';
import { caseFileParts } from '../cases/caseFile';
import { requireOpenCase } from '../cases/casesRepo';
import { userLookup } from '../cases/userRefs';
import type { HandlerContext, Handlers } from '../router';
import type { Session } from '../session';
import { collectCase, importCase, isTransferred, markTransferred, previewPeople, transferSeen, type CasePayload } from '../transfer/caseTransfer';
import { caseTransfers, decideRequest, getRequest, insertRequest, pendingRequest, pendingRequests } from '../transfer/requestsRepo';
import { ensureTransferKeys, fingerprint, loadTransferKeys, officeKeyFile, openTransfer, parseOfficeKeyFile, sealTransfer, type TransferKeys } from '../transfer/transfer';
import { signerFor } from '../vault/authority';
import { writeAtomic } from '../vault/safeFile';

/** A file the user chose; unreadable (missing, a folder, no permission) is a coded error, the path never in it. */
function readChosen(path: string): string {
  try {
    return readFileSync(resolve(path), 'utf8');
  } catch {
    throw new CodedError('transfer.fileUnreadable');
  }
}

const officeName = (ctx: HandlerContext): string => ctx.services.vault.officeName() ?? '';
const vaultIdOf = (ctx: HandlerContext): string => ctx.services.vault.withKey((_key, keyring) => keyring.vaultId);

/** The receiving office's key file, checked; this office's own key is refused. */
function receiverKey(ctx: HandlerContext, path: string) {
  const text = readChosen(path);
  const parsed = parseOfficeKeyFile(text);
  if (parsed.vaultId === vaultIdOf(ctx)) throw new CodedError('transfer.sameOffice');
  return { text, parsed };
}

/** Opens this office's keys (private parts unsealed) for `use`. */
function withKeys<T>(ctx: HandlerContext, use: (keys: TransferKeys, vaultId: string) => T): T {
  const db = ctx.services.vault.database;
  return ctx.services.vault.withKey((dbKey, keyring) => {
    const keys = loadTransferKeys(db, dbKey, keyring.vaultId);
    if (!keys) throw new CodedError('transfer.noKeys');
    return use(keys, keyring.vaultId);
  });
}

function openFile(ctx: HandlerContext, file: string) {
  const text = readChosen(file);
  return withKeys(ctx, (keys, vaultId) => {
    const opened = openTransfer(text, keys, vaultId);
    if (transferSeen(ctx.services.vault.database, opened.header.transferId)) throw new CodedError('transfer.replayed');
    return { header: opened.header, payload: opened.payload as CasePayload };
  });
}

/** What the write changed on the case page (issue 12): its transfer state and, when given, slices of the file; read in the write's transaction. */
function changedOnCase(ctx: HandlerContext & { session: Session }, caseId: number, parts: readonly CaseFilePart[] = []) {
  const db = ctx.services.vault.database;
  const users = userLookup(db);
  const caseTransfersNow = caseTransfers(db, caseId, users);
  return parts.length ? { caseTransfers: caseTransfersNow, parts: caseFileParts(db, caseId, actorOf(ctx.session), users, parts) } : { caseTransfers: caseTransfersNow };
}

function assertSendable(ctx: HandlerContext, caseId: number): string {
  const db = ctx.services.vault.database;
  const row = requireOpenCase(db, caseId, 'transfer.caseClosed');
  if (isTransferred(db, caseId)) throw new CodedError('transfer.alreadyTransferred');
  return row.case_number;
}

export const transfersHandlers = {
  'transfers.officeKey': (ctx) => {
    const db = ctx.services.vault.database;
    const found = ctx.services.vault.withKey((dbKey, keyring) => {
      const keys = loadTransferKeys(db, dbKey, keyring.vaultId);
      return keys ? fingerprint(keyring.vaultId, keys.authorityKey, keys.boxPublic, keys.signPublic) : null;
    });
    return { office: officeName(ctx), fingerprint: found };
  },

  'transfers.exportOfficeKey': (ctx, input) => {
    const db = ctx.services.vault.database;
    const path = resolve(input.path);
    const pub = ctx.services.vault.withKey((dbKey, keyring) => {
      const keys = ensureTransferKeys(db, dbKey, keyring.vaultId, signerFor(db)?.authority ?? null);
      return officeKeyFile(keys, keyring.vaultId, officeName(ctx));
    });
    writeAtomic(path, `${JSON.stringify(pub, null, 2)}\n`);
    ctx.audit({ details: { fingerprint: pub.fingerprint } });
    return { office: pub.office, fingerprint: pub.fingerprint, path };
  },

  'transfers.readKeyFile': (ctx, input) => {
    const { parsed } = receiverKey(ctx, input.path);
    return { office: parsed.office, fingerprint: parsed.fingerprint };
  },

  'transfers.request': (ctx, input) => {
    const db = ctx.services.vault.database;
    assertSendable(ctx, input.caseId);
    const sections = [...new Set(input.sections)] as TransferSection[];
    const attachmentIds = [...new Set(input.attachmentIds)].sort((a, b) => a - b);
    attachmentIds.forEach((id, i) => {
      if (readyAttachmentCase(db, id) !== input.caseId) throw new CodedError('transfer.attachmentNotInCase', { field: `attachmentIds.${i}` });
    });
    const { text, parsed } = receiverKey(ctx, input.keyFile);
    const id = insertRequest(db, {
      caseId: input.caseId,
      sections,
      attachmentIds,
      receiverKey: text,
      receiver: { office: parsed.office, fingerprint: parsed.fingerprint },
      by: ctx.session.userId,
      at: ctx.services.now().toISOString(),
    });
    ctx.audit({ targetType: 'case', targetId: String(input.caseId), details: { requestId: id, receiverFingerprint: parsed.fingerprint, sections: sections.join(','), attachments: attachmentIds.length } });
    return { ...getRequest(db, id, userLookup(db)), ...changedOnCase(ctx, input.caseId) };
  },

  'transfers.pending': ({ services }) => {
    const db = services.vault.database;
    return pendingRequests(db, userLookup(db));
  },

  'transfers.forCase': ({ services }, input) => {
    const db = services.vault.database;
    return caseTransfers(db, input.caseId, userLookup(db));
  },

  'transfers.approve': (ctx, input) => {
    const db = ctx.services.vault.database;
    const request = pendingRequest(db, input.caseId, input.requestId);
    const caseNumber = assertSendable(ctx, input.caseId);
    const receiver = parseOfficeKeyFile(request.receiverKey);
    const path = resolve(input.out);
    const now = ctx.services.now();
    return withKeys(ctx, (keys, vaultId) => {
      // Still in the request's state: attachments deleted since are left out, never sent.
      const payload = collectCase(db, input.caseId, { sections: request.sections, attachmentIds: request.attachmentIds });
      const sealed = sealTransfer(payload, keys, vaultId, officeName(ctx), receiver, now);
      // Written inside the router's transaction: if the file cannot be written, the case stays open here.
      writeAtomic(path, sealed.text);
      const cancelledTasks = markTransferred(db, input.caseId, sealed.transferId, receiver, ctx.session.userId, now.toISOString());
      decideRequest(db, input.requestId, { state: 'approved', by: ctx.session.userId, at: now.toISOString(), reason: null, transferId: sealed.transferId });
      ctx.audit({
        targetType: 'case',
        targetId: String(input.caseId),
        details: { requestId: input.requestId, transferId: sealed.transferId, receiverFingerprint: receiver.fingerprint, attachments: payload.attachments.length, cancelledTasks },
      });
      // The case header (read-only now) and its tasks (ended) changed too: the page takes them from `parts`.
      return {
        transferId: sealed.transferId,
        caseNumber,
        path,
        receiver: { office: receiver.office, fingerprint: receiver.fingerprint },
        attachments: payload.attachments.length,
        ...changedOnCase(ctx, input.caseId, ['case', 'tasks']),
      };
    });
  },

  'transfers.reject': (ctx, input) => {
    const db = ctx.services.vault.database;
    pendingRequest(db, input.caseId, input.requestId);
    decideRequest(db, input.requestId, { state: 'rejected', by: ctx.session.userId, at: ctx.services.now().toISOString(), reason: input.reason, transferId: null });
    // The reason is free text: it stays on the request, never in the audit row.
    ctx.audit({ targetType: 'case', targetId: String(input.caseId), details: { requestId: input.requestId } });
    return { ...getRequest(db, input.requestId, userLookup(db)), ...changedOnCase(ctx, input.caseId) };
  },

  'transfers.preview': (ctx, input) => {
    const db = ctx.services.vault.database;
    const { header, payload } = openFile(ctx, input.file);
    const { people, mergeTargets } = previewPeople(db, payload, actorOf(ctx.session));
    ctx.audit({ details: { transferId: header.transferId, senderFingerprint: header.sender.fingerprint } });
    return {
      transferId: header.transferId,
      createdAt: header.createdAt,
      sender: { office: header.sender.office, fingerprint: header.sender.fingerprint },
      receiver: header.receiver,
      counts: { people: payload.people.length, notes: payload.notes.length, assessments: payload.assessments.length, referrals: payload.referrals.length, attachments: payload.attachments.length },
      people,
      mergeTargets,
    };
  },

  'transfers.import': (ctx, input) => {
    const db = ctx.services.vault.database;
    const { header, payload } = openFile(ctx, input.file);
    const actor = actorOf(ctx.session);
    const imported = importCase(
      db,
      payload,
      { transferId: header.transferId, senderVaultId: header.sender.vaultId, senderFingerprint: header.sender.fingerprint, senderOffice: header.sender.office },
      actor,
      ctx.services.now().toISOString(),
      input.targetCaseId === undefined ? null : { caseId: input.targetCaseId },
    );
    ctx.audit({
      targetType: 'case',
      targetId: String(imported.caseId),
      details: { transferId: header.transferId, senderFingerprint: header.sender.fingerprint, merged: imported.merged, people: imported.people, linked: imported.linked },
    });
    const { matches: _matches, ...counts } = imported;
    return { ...counts, transferId: header.transferId, sender: { office: header.sender.office, fingerprint: header.sender.fingerprint } };
  },
} satisfies Partial<Handlers>;
