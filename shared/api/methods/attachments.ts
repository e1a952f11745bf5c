/** Attachments of a case (issue 17): kept encrypted in the vault; metadata lists, bytes on demand. */
import { z } from 'zod';
import type { MethodSpec } from '../contract';
import { Id } from '../schemas/cases';
import { ATTACHMENT_MAX_MB_CEILING, AttachmentAdd, AttachmentContent, AttachmentList, AttachmentMeta } from '../schemas/attachments';

export const attachmentsMethods = {
  /** The case's attachments (metadata only, deleted ones as tombstones) and the office's per-file limit. */
  'attachments.list': { input: z.object({ caseId: Id }).strict(), output: AttachmentList, access: 'case:read', scope: { caseId: 'case' } },
  /**
   * Adds one file. Refused: 'attachments.tooLarge' ({ maxMb }), 'attachments.type' (bytes are not
   * PDF/JPEG/PNG/office, or do not match the name's extension), 'attachments.empty',
   * 'attachments.linkNotInCase' ({ field }), 'attachments.oneLink', 'cases.closed'.
   */
  'attachments.add': {
    input: AttachmentAdd,
    output: AttachmentMeta,
    access: 'case:write',
    scope: { caseId: 'case', personId: 'person', noteId: 'note', referralId: 'referral', hearingId: 'hearing', orderId: 'order' },
    audit: 'attachment.added',
  },
  /** The bytes of one attachment, to preview in the app or to save; audited either way. 'attachments.deleted' for a tombstone. */
  'attachments.content': {
    input: z.object({ attachmentId: Id, purpose: z.enum(['preview', 'download']) }).strict(),
    output: AttachmentContent,
    access: 'case:read',
    scope: { attachmentId: 'attachment' },
    audit: 'attachment.viewed',
  },
  /** A supervisor's delete: the bytes are purged, the record stays with the reason. */
  'attachments.delete': {
    input: z.object({ attachmentId: Id, reason: z.string().trim().min(1).max(2000) }).strict(),
    output: AttachmentMeta,
    access: 'case:approve',
    scope: { attachmentId: 'attachment' },
    audit: 'attachment.deleted',
  },
  /** The office's per-file limit (MB). */
  'attachments.settings': { input: z.object({}).strict(), output: z.object({ maxMb: z.number().int() }), access: 'session', scope: 'none' },
  'attachments.setLimit': {
    input: z.object({ maxMb: z.number().int().min(1).max(ATTACHMENT_MAX_MB_CEILING) }).strict(),
    output: z.object({ maxMb: z.number().int() }),
    access: 'settings:write',
    scope: 'none',
    audit: 'attachment.limitChanged',
  },
} as const satisfies Record<string, MethodSpec>;
