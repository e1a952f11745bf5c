/**
 * Attachments (issue 17): files kept inside the encrypted vault, per case and optionally
 * linked to one person, note, referral, hearing or order of it. Lists carry metadata only;
 * the bytes travel (base64) only when a file is opened or saved.
 */
import { z } from 'zod';
import { Id, UserRef } from './cases';

/** The types accepted, each checked by its bytes (not only the name's extension). */
export const ATTACHMENT_KINDS = ['pdf', 'jpeg', 'png', 'docx', 'xlsx', 'pptx', 'odt', 'ods', 'doc', 'xls'] as const;
export const AttachmentKind = z.enum(ATTACHMENT_KINDS);
export type AttachmentKind = z.infer<typeof AttachmentKind>;

export const ATTACHMENT_LINK_KINDS = ['person', 'note', 'referral', 'hearing', 'order'] as const;
export const AttachmentLinkKind = z.enum(ATTACHMENT_LINK_KINDS);

/** The per-file limit an admin may set, in MB (1 MB = 1,048,576 bytes here), default 25. */
export const ATTACHMENT_DEFAULT_MAX_MB = 25;
export const ATTACHMENT_MAX_MB_CEILING = 100;
export const MB = 1024 * 1024;

export const AttachmentMeta = z.object({
  id: Id,
  caseId: Id,
  fileName: z.string(),
  kind: AttachmentKind,
  mime: z.string(),
  size: z.number().int().nonnegative(),
  /** SHA-256 of the bytes, hex; kept after a delete. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  link: z.object({ kind: AttachmentLinkKind, id: Id }).nullable(),
  addedBy: UserRef,
  addedAt: z.string(),
  /** A supervisor's delete: the bytes are gone, this record stays. */
  deleted: z.object({ by: UserRef, at: z.string(), reason: z.string() }).nullable(),
});
export type AttachmentMeta = z.infer<typeof AttachmentMeta>;

const FileName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .refine((v) => !/[\\/]/.test(v) && ![...v].some((ch) => ch.charCodeAt(0) < 0x20), { message: 'fileName' });

export const AttachmentAdd = z
  .object({
    caseId: Id,
    fileName: FileName,
    /** The file's bytes, base64 (the size limit is checked on the decoded bytes). */
    base64: z.string().max(Math.ceil((ATTACHMENT_MAX_MB_CEILING * MB * 4) / 3) + 8),
    personId: Id.nullish(),
    noteId: Id.nullish(),
    referralId: Id.nullish(),
    hearingId: Id.nullish(),
    orderId: Id.nullish(),
  })
  .strict();
export type AttachmentAdd = z.input<typeof AttachmentAdd>;

export const AttachmentList = z.object({ items: z.array(AttachmentMeta), maxMb: z.number().int() });
export type AttachmentList = z.infer<typeof AttachmentList>;

export const AttachmentContent = z.object({ attachment: AttachmentMeta, base64: z.string() });
export type AttachmentContent = z.infer<typeof AttachmentContent>;
