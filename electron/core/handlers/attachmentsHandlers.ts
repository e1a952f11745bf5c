/**
 * Attachments (issue 17). The router has checked that every id is in the caller's sight
 * (scope) and writes the audit row in the handler's transaction — except for add, which writes
 * a large file in several short transactions and its audit row with the last. Audit details:
 * ids, kind and size only, never the file's name.
 */
import { CodedError } from '../../../shared/api/envelope';
import { MB } from '../../../shared/api/schemas/attachments';
import { appendAudit } from '../audit/auditLog';
import { getAttachment, storeAttachment, yieldToEventLoop, listAttachments, readBytes, tombstoneAttachment, type LinkKind } from '../attachments/attachmentsRepo';
import { requireOpenCase } from '../cases/casesRepo';
import { getVaultSetting, setVaultSetting } from '../db/vaultSettings';
import type { Handlers } from '../router';

const LINK_FIELDS: Array<[field: 'personId' | 'noteId' | 'referralId' | 'hearingId' | 'orderId', kind: LinkKind]> = [
  ['personId', 'person'],
  ['noteId', 'note'],
  ['referralId', 'referral'],
  ['hearingId', 'hearing'],
  ['orderId', 'order'],
];

export const attachmentsHandlers = {
  'attachments.list': ({ services }, input) => {
    const db = services.vault.database;
    return { items: listAttachments(db, input.caseId), maxMb: getVaultSetting(db, 'attachmentMaxMb') };
  },
  'attachments.add': async ({ services, session }, input) => {
    const db = services.vault.database;
    requireOpenCase(db, input.caseId);
    const links = LINK_FIELDS.flatMap(([field, kind]) => {
      const id = input[field];
      return typeof id === 'number' ? [{ kind, id, field }] : [];
    });
    if (links.length > 1) throw new CodedError('attachments.oneLink', { field: links[1]!.field });
    const bytes = Buffer.from(input.base64, 'base64');
    await yieldToEventLoop();
    const at = services.now().toISOString();
    // Written chunk by chunk (storeAttachment): the audit row goes with the last transaction, which makes the file visible.
    return storeAttachment(db, { caseId: input.caseId, fileName: input.fileName, bytes, link: links[0] ?? null, userId: session.userId, at }, (meta) =>
      appendAudit(db, {
        action: 'attachment.added',
        actorId: session.userId,
        actorName: session.username,
        targetType: 'attachment',
        targetId: String(meta.id),
        details: { caseId: meta.caseId, kind: meta.kind, size: meta.size, link: meta.link?.kind ?? null },
        at,
      }),
    );
  },
  'attachments.content': ({ services, audit }, input) => {
    const db = services.vault.database;
    const attachment = getAttachment(db, input.attachmentId);
    const bytes = readBytes(db, input.attachmentId);
    audit({
      action: input.purpose === 'download' ? 'attachment.downloaded' : 'attachment.viewed',
      targetType: 'attachment',
      targetId: String(attachment.id),
      details: { caseId: attachment.caseId },
    });
    return { attachment, base64: bytes.toString('base64') };
  },
  'attachments.delete': ({ services, session, audit }, input) => {
    const db = services.vault.database;
    const meta = tombstoneAttachment(db, input.attachmentId, session.userId, input.reason, services.now().toISOString());
    audit({ targetType: 'attachment', targetId: String(meta.id), details: { caseId: meta.caseId, sha256: meta.sha256 } });
    return meta;
  },
  'attachments.settings': ({ services }) => ({ maxMb: getVaultSetting(services.vault.database, 'attachmentMaxMb') }),
  'attachments.setLimit': ({ services, audit }, input) => {
    setVaultSetting(services.vault.database, 'attachmentMaxMb', input.maxMb);
    audit({ targetType: 'settings', targetId: 'attachmentMaxMb', details: { maxMb: input.maxMb, maxBytes: input.maxMb * MB } });
    return { maxMb: input.maxMb };
  },
} satisfies Partial<Handlers>;
